import { describe, expect, it } from 'vitest';
import { importWorkload } from '../../src/import/import-workload.js';
import { renderImportYaml } from '../../src/import/render-yaml.js';
import { normaliseWorkload } from '../../src/workload/normalise.js';
import { expandProfile } from '../../src/workload/profile.js';

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 */6 * * *"
  jobTemplate:
    spec:
      parallelism: 2
      activeDeadlineSeconds: 3600
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: example/report:1
              resources:
                requests: { cpu: "1", memory: 2Gi }
`;

describe('a job that runs several times a day', () => {
  it('runs no task between its runs: replicas 0 to the count of one run', () => {
    const result = importWorkload([{ name: 'cron.yaml', text: CRONJOB }]);
    const service = result.workload.services[0]!;
    expect(service.replicas).toEqual({ min: 0, max: 2 });
    // Four one-hour windows a day (00, 06, 12, 18), 2 tasks each, 7 days: 4 × 2 × 7 = 56 task-hours a week.
    const normalised = normaliseWorkload(result.workload).services[0]!;
    const weekly = expandProfile(normalised.traffic, normalised.replicas, normalised.replicas.fixed);
    expect(weekly.reduce((sum, v) => sum + v, 0)).toBe(56);
  });

  it('prints the windows without YAML anchors', () => {
    const yaml = renderImportYaml(importWorkload([{ name: 'cron.yaml', text: CRONJOB }]));
    expect(yaml).not.toMatch(/[&*]a\d/);
    expect(yaml).toContain('      min: 0\n      max: 2\n');
  });
});
