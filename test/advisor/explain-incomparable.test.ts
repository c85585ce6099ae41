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
    // Managed Instances: $1,613.88984 − $1,390.0222 = $223.86764 with the missing prices at zero (both lack the
    // same logs and metrics); it lacks 60 GB-months more gp2 root volume (120 against 60), at most
    // 60 × 2.5 × $0.10 = $15.00 more: $238.86764.
    expect(mi.monthlyDeltaUsd).toBeNull();
    expect(mi.monthlyDeltaBoundsUsd).toEqual({ low: '223.86764', high: '238.86764' });
    // Its cost score at the worst allowed prices: gp2 at its ceiling raises Managed Instances' total by 2 ×
    // what it adds to the mix, (1,613.88984 + 30) ÷ (1,390.0222 + 15) = 1.170006..., so −4 × 0.170006 = −0.680.
    expect(mi.costScore).toBe(-0.68);
    const text = rec.explanation.join('\n');
    expect(text).toContain(
      'It costs $1,390.02 a month without ebs:gp2-gb-month, logs:ingest-gb, logs:storage-gb-month, cloudwatch:metric-month (no price in the data), the least of the feasible candidates.',
    );
    expect(text).toContain(
      'compared with each missing price between $0 and 2.5× its us-east-1 price (docs/ranking.md#incomplete-totals).',
    );
    expect(text).not.toContain('is not compared on cost');
  });
});
