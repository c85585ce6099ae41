import { describe, expect, it } from 'vitest';
import { imagePullLines, nodePullsPerWeek } from '../../src/costs/image-pulls.js';
import { priceLine } from '../../src/costs/line.js';
import { formatCents, toMoney } from '../../src/pricing/money.js';
import { normaliseWorkload } from '../../src/workload/normalise.js';
import type { ServiceInput } from '../../src/workload/schema.js';
import { priceLookup } from '../helpers/price-lookup.js';

const US_EAST_1 = priceLookup({
  'nat:gb': '0.045',
  'vpc:gateway-endpoint-gb': '0',
  'vpc:interface-endpoint-hour': '0.01',
});

const normalised = (service: ServiceInput) => normaliseWorkload({ services: [service] }).services[0]!;

/** s14's shape: 5,000 tasks for 4 minutes every 15 minutes, nothing in between, a 10 MB image. */
const s14 = normalised({
  name: 'fanout',
  cpu: 0.5,
  memory: '954 MiB',
  replicas: { min: 0, max: 5000 },
  traffic: { pattern: 'spiky', spikesPerDay: 96, spikeMinutes: 4 },
  imageSizeMB: 10,
});
const base = { ec2: null, natGateways: 1, availabilityZones: 2 } as const;

describe('image pulls', () => {
  it("prices s14's pulls through NAT: 14.6 million task launches a month", () => {
    const pulls = imagePullLines({ ...base, fargate: [s14], vpcEndpoints: 'none' });
    const line = priceLine(pulls.specs[0]!, US_EAST_1);
    // 5,000 launches × 96 spikes × 7 days = 3,360,000 a week; × 730 / 168 = 14,600,000 a month.
    // × 10 MB / 1,024 = 142,578.125 GB; × $0.045 = $6,416.015625.
    expect(line.description).toContain('14600000 task launches a month × 10 MB');
    expect(line.quantity).toBe('142578.125');
    expect(line.priceId).toBe('nat:gb');
    expect(formatCents(toMoney(line.monthlyUsd!))).toBe('6416.02');
  });

  it('sends the layers through a free S3 gateway endpoint when endpoints are allowed, and says so', () => {
    const pulls = imagePullLines({ ...base, fargate: [s14], vpcEndpoints: 'auto' });
    expect(pulls.path).toBe('s3-gateway-endpoint');
    const line = priceLine(pulls.specs[0]!, US_EAST_1);
    expect(line.priceId).toBe('vpc:gateway-endpoint-gb');
    expect(line.monthlyUsd).toBe('0');
    expect(line.description).toMatch(
      /S3 gateway endpoint \(no charge; the starter code does not create it\)/,
    );
    expect(pulls.monthlyGB.toString()).toBe('142578.125');
  });

  it('prices the two ECR interface endpoints in every zone when no NAT gateway reaches ECR', () => {
    const pulls = imagePullLines({
      ...base,
      natGateways: 0,
      availabilityZones: 3,
      fargate: [s14],
      vpcEndpoints: 'auto',
    });
    const endpoints = priceLine(pulls.specs.at(-1)!, US_EAST_1);
    // 2 endpoints × 3 zones × 730 h = 4,380 endpoint-hours × $0.01 = $43.80.
    expect(endpoints.quantity).toBe('4380');
    expect(formatCents(toMoney(endpoints.monthlyUsd!))).toBe('43.80');
  });

  it('starts nothing for a steady service: no line', () => {
    const steady = normalised({ name: 'web', cpu: 1, memory: '2 GiB', replicas: 3 });
    expect(imagePullLines({ ...base, fargate: [steady], vpcEndpoints: 'none' }).specs).toEqual([]);
  });

  it('pulls once per new EC2 node, at the peak placement density', () => {
    // Weekdays 8:00–20:00 at 22 tasks, 2 otherwise: 5 rises of 20 tasks a week. The peak placement holds
    // 10 tasks per node, so each rise starts 2 nodes: 10 pulls a week, 10 × 730 / 168 = 43.45 a month.
    const diurnal = normalised({
      name: 'api',
      cpu: 1,
      memory: '2 GiB',
      replicas: { min: 2, max: 22 },
      traffic: { pattern: 'diurnal' },
    });
    const placement = [
      { instanceType: 'm5.2xlarge', tasks: [{ service: 'api', count: 10 }] },
      { instanceType: 'm5.2xlarge', tasks: [{ service: 'api', count: 10 }] },
      { instanceType: 'm5.large', tasks: [{ service: 'other', count: 2 }] },
    ];
    expect(nodePullsPerWeek(diurnal, placement)).toBe(10);
    const pulls = imagePullLines({
      ...base,
      fargate: [],
      ec2: { services: [diurnal], placement },
      vpcEndpoints: 'none',
    });
    const line = priceLine(pulls.specs[0]!, US_EAST_1);
    // 43.452380952… pulls × 200 MB (the default) / 1,024 = 8.4868 GB × $0.045 = $0.38.
    expect(line.description).toContain('43.45 node launches');
    expect(formatCents(toMoney(line.monthlyUsd!))).toBe('0.38');
    // The same service on Fargate starts 20 tasks at each rise: 100 a week, ten times the pulls.
    const fargate = imagePullLines({ ...base, fargate: [diurnal], vpcEndpoints: 'none' });
    expect(fargate.monthlyGB.dividedBy(pulls.monthlyGB).toNumber()).toBeCloseTo(10, 10);
  });
});
