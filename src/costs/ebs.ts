/** @module ebs: the gp3 EBS volumes that services on EC2 keep their state on. */
import { toMoney } from '../pricing/money.js';
import { EBS_GP3_GB_MONTH } from '../pricing/price-ids.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import type { LineSpec } from './line.js';

/** One gp3 volume per replica at the peak, per GB-month. */
export function ebsVolumeLines(services: readonly NormalisedService[]): LineSpec[] {
  return services.flatMap((s) => {
    const volume = s.needs.persistentVolume;
    if (volume === null) return [];
    return [
      {
        category: 'storage' as const,
        service: s.name,
        description: `${s.name}: gp3 EBS volume of ${volume.sizeGiB} GB × ${s.stats.peakReplicas} replicas`,
        quantity: toMoney(volume.sizeGiB).times(s.stats.peakReplicas),
        priceId: EBS_GP3_GB_MONTH,
      },
    ];
  });
}
