import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

describe('totals that leave out prices in different quantities', () => {
  it('compares them over the allowed prices, so a region without EBS or CloudWatch prices keeps its answer', async () => {
    // eu-west-1 has no EBS or CloudWatch price: s16's candidates all leave out the nodes' root volumes and the
    // logs, in quantities that differ from candidate to candidate. In us-east-1 the ECS mix wins.
    const workload = readWorkloadFile(join(EXAMPLES_DIR, 's16-gpu-low-operations.yaml')) as object;
    const rec = await advise({ ...workload, region: 'eu-west-1' });
    expect(rec.recommended).toBe('ecs-mixed');
    const mi = rec.candidates.find((c) => c.id === 'ecs-managed-instances')!;
    // Managed Instances: $1,613.88984 − $1,390.0222 = $223.86764 on the priced lines (both lack the same logs
    // and metrics); it lacks 60 GB-months more gp2 root volume (120 against 60), between 0.5× and 2.5× us-east-1's
    // $0.10: 60 × $0.05 = $3.00 to 60 × $0.25 = $15.00 more.
    expect(mi.monthlyDeltaUsd).toBeNull();
    expect(mi.monthlyDeltaBoundsUsd).toEqual({ low: '226.86764', high: '238.86764' });
    // Its cost score at the worst allowed prices: gp2 at its ceiling (it lacks twice the mix's), the shared logs
    // and metrics at their floor (4 GB × $0.25 + 3.9452 GB-months × $0.015 + 42 × $0.15 = $7.35918):
    // (1,613.88984 + 30 + 7.35918) ÷ (1,390.0222 + 15 + 7.35918) = 1.169124, so −4 × 0.169124 = −0.676.
    expect(mi.costScore).toBe(-0.676);
    const text = rec.explanation.join('\n');
    expect(text).toContain(
      'It costs $1,390.02 a month without ebs:gp2-gb-month, logs:ingest-gb, logs:storage-gb-month, cloudwatch:metric-month (no price in the data), the least of the feasible candidates.',
    );
    expect(text).toContain(
      'compared with each missing price between 0.5× and 2.5× its us-east-1 price (docs/ranking.md#incomplete-totals).',
    );
    expect(text).not.toContain('is not compared on cost');
  });
});
