/**
 * @module fargate: the cost of one service's Fargate tasks: vCPU and memory hours at the billed size,
 * on-demand and Spot, and ephemeral storage above what every task includes.
 */
import type { FargateSizing } from '../model/cost.js';
import type { OperatingSystem } from '../model/vocabulary.js';
import { type Money, toMoney } from '../pricing/money.js';
import { fargatePriceId } from '../pricing/price-ids.js';
import { formatQuantity, type LineSpec } from './line.js';

/**
 * Every Fargate task gets 20 GiB of ephemeral storage; more (up to 200 GiB) is billed per GB-hour.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html
 */
export const INCLUDED_EPHEMERAL_GIB = 20;

export interface FargateTaskUsage {
  sizing: FargateSizing;
  os: OperatingSystem;
  /** Task-hours a month (730-hour months), exact. */
  taskHoursPerMonth: Money;
  /** Of those, the hours billed on regular Fargate for the on-demand base task of a Spot service. */
  onDemandBaseHoursPerMonth: Money;
  ephemeralStorageGiB: number | null;
}

export function fargateTaskLines(usage: FargateTaskUsage): LineSpec[] {
  const { sizing, os } = usage;
  const spot = sizing.spot;
  const hours = usage.taskHoursPerMonth;
  const baseHours = spot ? usage.onDemandBaseHoursPerMonth : toMoney(0);
  const arch = sizing.architecture;
  const size = `${sizing.billed.vcpu} vCPU / ${sizing.billed.memoryMiB / 1024} GB billed (requested ${sizing.requested.vcpu} vCPU / ${sizing.requested.memoryMiB} MiB)`;
  const segments = [
    { kind: 'fargate', hours: spot ? baseHours : hours, label: spot ? ' (base task, on demand)' : '' },
    { kind: 'fargate-spot', hours: spot ? hours.minus(baseHours) : toMoney(0), label: ' Spot' },
  ] as const;
  const name = `${sizing.service}: ${arch === 'arm64' ? 'Arm ' : ''}${os === 'windows' ? 'Windows ' : ''}Fargate`;
  const specs: LineSpec[] = segments
    .filter((segment) => !segment.hours.isZero())
    .flatMap(({ kind, hours: h, label }) => [
      {
        category: 'compute' as const,
        service: sizing.service,
        description: `${name}${label} vCPU, ${size}, ${formatQuantity(h)} task-hours`,
        quantity: h.times(sizing.billed.vcpu),
        priceId: fargatePriceId(kind, arch, os, 'vcpu'),
      },
      {
        category: 'compute' as const,
        service: sizing.service,
        description: `${name}${label} memory, ${size}, ${formatQuantity(h)} task-hours`,
        quantity: h.times(sizing.billed.memoryMiB).dividedBy(1024),
        priceId: fargatePriceId(kind, arch, os, 'gb'),
      },
    ]);
  if (os === 'windows') {
    // A separate Price List product, "OS License Fee per vCPU per hour", billed on top of the Windows vCPU
    // and GB rates (data/SOURCES.md). Windows is never on Fargate Spot, so every task-hour pays it. No
    // minimum beyond Linux's one minute is applied: the 15-minute Windows minimum often quoted is
    // unconfirmed (docs/pricing.md#windows-on-fargate).
    specs.push({
      category: 'compute',
      service: sizing.service,
      description: `${sizing.service}: Windows Server licence on Fargate, ${sizing.billed.vcpu} vCPU × ${formatQuantity(hours)} task-hours`,
      quantity: hours.times(sizing.billed.vcpu),
      priceId: 'fargate:windows:os-license-vcpu',
    });
  }
  // The task definition asks for whole GiB (`sizeInGiB` is an integer), and the starter code writes the
  // request rounded up, so that is what is billed (docs/pricing.md#fargate-ephemeral-storage).
  const ephemeral = Math.ceil(usage.ephemeralStorageGiB ?? 0);
  if (ephemeral > INCLUDED_EPHEMERAL_GIB) {
    specs.push({
      category: 'storage',
      service: sizing.service,
      description: `${sizing.service}: ephemeral storage above the included 20 GB (${ephemeral} GB per task)`,
      quantity: hours.times(ephemeral - INCLUDED_EPHEMERAL_GIB),
      priceId: 'fargate:ephemeral-gb',
    });
  }
  return specs;
}
