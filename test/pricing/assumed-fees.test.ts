import { describe, expect, it } from 'vitest';
import type { Price } from '../../src/model/price.js';
import { assumeManagementFees } from '../../src/pricing/assumed-fees.js';

function price(id: string, usd: string, confirmed = true): Price {
  return {
    id,
    region: 'us-east-1',
    usd,
    unit: 'instance-hour',
    source: 'test',
    asOf: '2026-09-01',
    confirmed,
    origin: 'snapshot',
  };
}

const RULES = {
  'eks-auto-mode': { shareOfOnDemand: 0.12, source: 'https://example.com/auto' },
  'ecs-managed-instances': { shareOfOnDemand: 0.1, source: 'https://example.com/managed' },
};

describe('assumeManagementFees', () => {
  it('prices a missing fee as the stated share of the on-demand price, unconfirmed and saying so', () => {
    const lookup = { prices: new Map([['ec2:m5.large', price('ec2:m5.large', '0.096')]]), warnings: ['w'] };
    const ids = ['ec2:m5.large', 'eks-auto-mode-fee:m5.large', 'ecs-managed-instances-fee:m5.large'];
    const out = assumeManagementFees(lookup, ids, RULES);
    // 0.096 × 0.12 = 0.01152; 0.096 × 0.1 = 0.0096.
    expect(out.prices.get('eks-auto-mode-fee:m5.large')).toEqual({
      id: 'eks-auto-mode-fee:m5.large',
      region: 'us-east-1',
      usd: '0.01152',
      unit: 'instance-hour',
      source:
        'assumed: 12 % of ec2:m5.large (0.096), settings/management-fees.yaml, after https://example.com/auto',
      asOf: '2026-09-01',
      confirmed: false,
      origin: 'snapshot',
    });
    expect(out.prices.get('ecs-managed-instances-fee:m5.large')?.usd).toBe('0.0096');
    expect(out.warnings).toEqual(['w']);
    // The lookup given is left as it was.
    expect(lookup.prices.size).toBe(1);
  });

  it('keeps a fee a source has, and leaves a fee missing when its type has no on-demand price', () => {
    const live = price('eks-auto-mode-fee:m5.large', '0.0115');
    const lookup = {
      prices: new Map([
        ['ec2:m5.large', price('ec2:m5.large', '0.096')],
        ['eks-auto-mode-fee:m5.large', live],
      ]),
      warnings: [],
    };
    const out = assumeManagementFees(
      lookup,
      ['eks-auto-mode-fee:m5.large', 'eks-auto-mode-fee:c5.large'],
      RULES,
    );
    expect(out.prices.get('eks-auto-mode-fee:m5.large')).toBe(live);
    expect(out.prices.has('eks-auto-mode-fee:c5.large')).toBe(false);
  });
});
