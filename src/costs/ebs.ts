/**
 * @module ebs: the gp3 EBS volumes services keep their state on: one per replica on EC2, one per running
 * task on ECS Fargate (ECS creates it at launch and deletes it when the task stops).
 */
import { HOURS_PER_MONTH, type Money, toMoney } from '../pricing/money.js';
import { EBS_GP3_GB_MONTH } from '../pricing/price-ids.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { formatQuantity, type LineSpec } from './line.js';

/**
 * gp3 includes 3,000 IOPS and 125 MB/s in its GB-month price; only what is provisioned above is billed
 * (infracost's gp3 golden: 1,000 IOPS and 5 MB/s above the baseline priced apart, data/SOURCES.md).
 */
export const GP3_BASELINE = { iops: 3000, throughputMBps: 125 } as const;

export interface Gp3Volumes {
  service: string;
  description: string;
  /** Volume-months: volumes × the share of the month each exists. */
  volumeMonths: Money;
  sizeGiB: number;
  iops?: number;
  throughputMBps?: number;
}

/** GB-months of gp3, and IOPS- and MB/s-months above the baseline when provisioned. */
export function gp3VolumeLines(v: Gp3Volumes): LineSpec[] {
  const lines: LineSpec[] = [
    {
      category: 'storage',
      service: v.service,
      description: v.description,
      quantity: v.volumeMonths.times(v.sizeGiB),
      priceId: EBS_GP3_GB_MONTH,
    },
  ];
  const extraIops = Math.max(0, (v.iops ?? GP3_BASELINE.iops) - GP3_BASELINE.iops);
  if (extraIops > 0)
    lines.push({
      category: 'storage',
      service: v.service,
      description: `${v.service}: gp3 IOPS above the included 3,000 (${extraIops} per volume)`,
      quantity: v.volumeMonths.times(extraIops),
      priceId: 'ebs:gp3-iops-month',
    });
  const extraThroughput = Math.max(
    0,
    (v.throughputMBps ?? GP3_BASELINE.throughputMBps) - GP3_BASELINE.throughputMBps,
  );
  if (extraThroughput > 0)
    lines.push({
      category: 'storage',
      service: v.service,
      description: `${v.service}: gp3 throughput above the included 125 MB/s (${extraThroughput} MB/s per volume)`,
      quantity: v.volumeMonths.times(extraThroughput),
      priceId: 'ebs:gp3-mbps-month',
    });
  return lines;
}

/**
 * Services on EC2: one gp3 volume per replica at the peak, kept all month. The workload states no IOPS
 * or throughput, and the generated IaC provisions gp3 at its baseline, so only GB-months are billed.
 */
export function ebsVolumeLines(services: readonly NormalisedService[]): LineSpec[] {
  return services.flatMap((s) => {
    const volume = s.needs.persistentVolume;
    if (volume === null) return [];
    return gp3VolumeLines({
      service: s.name,
      description: `${s.name}: gp3 EBS volume of ${volume.sizeGiB} GB × ${s.stats.peakReplicas} replicas`,
      volumeMonths: toMoney(s.stats.peakReplicas),
      sizeGiB: volume.sizeGiB,
    });
  });
}

/**
 * A service on ECS Fargate: the generated IaC gives each task a gp3 volume (`managed_ebs_volume`, baseline
 * IOPS and throughput) that lives as long as the task, so volume-months = task-hours / 730.
 */
export function fargateTaskVolumeLines(service: NormalisedService, taskHoursPerMonth: Money): LineSpec[] {
  const volume = service.needs.persistentVolume;
  if (volume === null) return [];
  return gp3VolumeLines({
    service: service.name,
    description: `${service.name}: gp3 EBS volume of ${volume.sizeGiB} GB per task, for ${formatQuantity(taskHoursPerMonth)} task-hours`,
    volumeMonths: taskHoursPerMonth.dividedBy(HOURS_PER_MONTH),
    sizeGiB: volume.sizeGiB,
  });
}
