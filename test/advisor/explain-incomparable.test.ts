import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

describe('explaining totals that are not compared', () => {
  it('says when two totals leave out the same prices for different quantities, never an empty list', async () => {
    // eu-west-1 has no EBS or CloudWatch price: s16's EC2 candidates all leave out the nodes' root volumes
    // and the logs, in quantities that differ from candidate to candidate.
    const workload = readWorkloadFile(join(EXAMPLES_DIR, 's16-gpu-low-operations.yaml')) as object;
    const rec = await advise({ ...workload, region: 'eu-west-1' });
    const notCompared = rec.explanation.filter((l) => l.includes('is not compared on cost'));
    for (const line of notCompared) expect(line).toMatch(/leaves? out [a-z0-9-]+:/);
    expect(notCompared.some((l) => l.includes('both totals leave out ebs:gp2-gb-month'))).toBe(true);
  });
});
