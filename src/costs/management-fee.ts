/**
 * @module management-fee: the per-instance-hour fee AWS charges on top of the EC2 price for the nodes it
 * runs (EKS Auto Mode, ECS Managed Instances), for the same instance-hours as the fleet's instance lines.
 */
import type { Fleet } from '../model/cost.js';
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import { type ManagementFeeKind, managementFeePriceId } from '../pricing/price-ids.js';
import { HOURS_PER_WEEK } from '../workload/profile.js';
import { formatQuantity, type LineSpec } from './line.js';

const LABELS: Record<ManagementFeeKind, string> = {
  'eks-auto-mode': 'EKS Auto Mode',
  'ecs-managed-instances': 'ECS Managed Instances',
};

/** One fee line per instance type of the fleet, billed for the instance-hours the type runs. */
export function managementFeeLines(fleet: Fleet, kind: ManagementFeeKind): LineSpec[] {
  return [...fleet.instanceMinutesPerWeek]
    .sort((a, b) => a.instanceType.localeCompare(b.instanceType))
    .map(({ instanceType, minutes }) => {
      const weekly = toMoney(minutes).dividedBy(60);
      return {
        category: 'compute',
        service: null,
        description: `${LABELS[kind]} management fee on ${instanceType}, ${formatQuantity(weekly)} instance-hours a week`,
        quantity: weekly.times(HOURS_PER_MONTH).dividedBy(HOURS_PER_WEEK),
        priceId: managementFeePriceId(kind, instanceType),
      };
    });
}
