/**
 * The replicas priced are the replicas the starter code's autoscaling can run (a user trial): a profile
 * hour or a schedule window above replicas.max was priced at its own count while the scalable target, the
 * HPA and the KEDA ScaledObject stopped at replicas.max, and a profile hour below replicas.min was priced
 * below the autoscaler's floor. Such input is now refused with its path and both numbers
 * (docs/workload.md#schedules-and-profiles-stay-within-replicas); within the range, the priced peak is the
 * starter code's maximum.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { BerthError } from '../../src/errors.js';
import { generateIac } from '../../src/iac/generate.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { call, postJson, testApp } from '../server/helpers.js';
import { parseTemplate } from './helpers/cloudformation-check.js';
import { parseManifests } from './helpers/kubernetes-check.js';
import { loadScenarios } from './helpers/scenarios.js';
import { findResource, parseTerraform } from './helpers/terraform-check.js';

/** Quiet at 2, busy from 06:00 to 19:00 up to 20 (hours 8–15 above 10). */
const DAY = [2, 2, 2, 2, 2, 2, 4, 8, 12, 16, 20, 20, 20, 20, 16, 12, 10, 8, 6, 4, 2, 2, 2, 2];

const service = (replicas: { min: number; max: number }) => ({
  name: 'web',
  cpu: 1,
  memory: '2 GiB',
  replicas,
  exposure: 'public' as const,
  traffic: { pattern: 'profile' as const, hourly: DAY },
});

async function rejection(input: unknown): Promise<BerthError> {
  const error = await advise(input, { fleetSolver: heuristicFleetSolver }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BerthError);
  return error as BerthError;
}

describe('a profile above replicas.max', () => {
  it('is refused by advise() with the path and both numbers, where it used to be priced at 20 and launched at 10', async () => {
    const error = await rejection({ name: 'above', services: [service({ min: 2, max: 10 })] });
    expect(error.code).toBe('INVALID_WORKLOAD');
    expect(error.issues.map((i) => [i.path, i.message])).toEqual([
      [
        'services[0].traffic.hourly[8]',
        "12 replicas is above replicas.max (10), as are 7 more hours of the profile: the starter code's autoscaling stops at replicas.max, so the replicas above it would be priced and never launched; raise replicas.max to 20 or lower the profile",
      ],
    ]);
  });

  it('is a 400 on POST /recommend?iac=terraform, with the same path', async () => {
    const res = await call(
      testApp(),
      ...postJson({ name: 'above', services: [service({ min: 2, max: 10 })] }, '?iac=terraform'),
    );
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('INVALID_WORKLOAD');
    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual(['services[0].traffic.hourly[8]']);
  });
});

describe('a profile within replicas', () => {
  const recommendation: Promise<Recommendation> = advise(
    { name: 'within', services: [service({ min: 2, max: 20 })] },
    { fleetSolver: heuristicFleetSolver },
  );

  it('is priced as given: 196 task-hours a day on Fargate, 5,961.67 a month', async () => {
    const rec = await recommendation;
    expect(rec.recommended).toBe('ecs-fargate');
    // 6 × 2 + 4 + 8 + 12 + 16 + 4 × 20 + 16 + 12 + 10 + 8 + 6 + 4 + 4 × 2 = 196 a day; × 7 ÷ 168 × 730.
    const fargate = rec.candidates.find((c) => c.id === 'ecs-fargate');
    const vcpu = fargate?.cost?.lineItems.find((l) => l.description.startsWith('web: Fargate vCPU'));
    expect(Number(vcpu?.quantity)).toBeCloseTo((196 * 7 * 730) / 168, 6);
    expect(rec.workload.services[0]?.stats).toMatchObject({ peak: 20, peakReplicas: 20 });
  });

  it('is launched between 2 and 20 in every target: the priced peak is the autoscaling maximum', async () => {
    const rec = await recommendation;
    const tf = await parseTerraform(generateIac(rec, 'terraform').files);
    expect(findResource(tf, 'aws_appautoscaling_target', 'web')).toMatchObject({
      min_capacity: 2,
      max_capacity: 20,
    });
    const cfn = generateIac(rec, 'cloudformation').files[0]?.contents ?? '';
    expect(parseTemplate(cfn).Resources.WebScalableTarget?.Properties).toMatchObject({
      MinCapacity: 2,
      MaxCapacity: 20,
    });
    const k8s = generateIac(rec, 'kubernetes', { candidate: 'eks-fargate' });
    const web = k8s.files.find((f) => f.path === 'web.yaml');
    const hpa = parseManifests(web?.contents ?? '', 'web.yaml').find(
      (d) => d.kind === 'HorizontalPodAutoscaler',
    );
    expect((hpa as { spec?: unknown } | undefined)?.spec).toMatchObject({ minReplicas: 2, maxReplicas: 20 });
  });
});

describe('every example', () => {
  it('prices each service within the range its starter code scales over', async () => {
    let checked = 0;
    for (const { name, rec } of await loadScenarios())
      for (const s of rec.workload.services) {
        if (s.needs.daemon) continue;
        const levels = s.profile;
        expect(Math.max(...levels), `${name} ${s.name}`).toBeLessThanOrEqual(s.replicas.max);
        // A fixed-count batch job runs nothing between its runs; everything else keeps its minimum.
        if (!(s.replicas.fixed && s.traffic.pattern === 'batch'))
          expect(Math.min(...levels), `${name} ${s.name}`).toBeGreaterThanOrEqual(s.replicas.min);
        expect(s.stats.peakReplicas, `${name} ${s.name}`).toBe(s.replicas.max);
        checked++;
      }
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});
