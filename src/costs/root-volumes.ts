/**
 * @module root-volumes: the EBS root volume every EC2 node boots from, billed for as long as the node runs.
 * The generated launch templates set no block device mapping, so each node gets its AMI's default root
 * volume; the sizes below are those defaults (docs/pricing.md#root-volumes-of-ec2-nodes).
 */
import type { Fleet } from '../model/cost.js';
import type { SystemNodes } from '../model/deployment.js';
import type { OperatingSystem, Orchestrator } from '../model/vocabulary.js';
import { HOURS_PER_MONTH, type Money, sumMoney, toMoney } from '../pricing/money.js';
import { HOURS_PER_WEEK } from '../workload/profile.js';
import { formatQuantity, type LineSpec } from './line.js';

/**
 * GiB per node: EKS node groups default to 20 GiB on Linux and 50 GiB on Windows (EKS CreateNodegroup
 * `diskSize`); the ECS-optimised AMIs' sizes are unconfirmed, taken as 30 GiB (Amazon Linux 2023) and
 * 50 GiB (Windows), the larger figures seen.
 */
export const ROOT_VOLUME_GIB: Readonly<Record<Orchestrator, Record<OperatingSystem, number>>> = {
  eks: { linux: 20, windows: 50 },
  ecs: { linux: 30, windows: 50 },
};

/**
 * Billed at the gp2 rate: which volume type each AMI's default mapping uses is unconfirmed, and gp2 is the
 * dearer of the two, so the total never reads lower than it may be.
 */
/**
 * EKS Auto Mode sizes a node's volume from its NodeClass, whose `ephemeralStorage.size` defaults to 80 GiB
 * (https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html); the starter code's NodeClass
 * leaves it at that default.
 */
export const AUTO_MODE_ROOT_VOLUME_GIB = 80;

export function rootVolumeLines(
  orchestrator: Orchestrator,
  os: OperatingSystem,
  fleet: Fleet | null,
  system: SystemNodes | null,
  autoMode = false,
): LineSpec[] {
  const lines: LineSpec[] = [];
  if (fleet !== null && fleet.instanceMinutesPerWeek.length > 0) {
    const weeklyHours = sumMoney(fleet.instanceMinutesPerWeek.map((t) => toMoney(t.minutes).dividedBy(60)));
    const hours = weeklyHours.times(HOURS_PER_MONTH).dividedBy(HOURS_PER_WEEK);
    const gib = autoMode ? AUTO_MODE_ROOT_VOLUME_GIB : ROOT_VOLUME_GIB[orchestrator][os];
    lines.push(
      rootLine(`EC2 nodes' root volumes`, hours, gib, autoMode ? 'NodeClass default' : 'AMI default'),
    );
  }
  if (system !== null) {
    lines.push(
      rootLine(
        `EKS system nodes' root volumes`,
        toMoney(system.count * HOURS_PER_MONTH),
        ROOT_VOLUME_GIB.eks.linux,
        'AMI default',
      ),
    );
  }
  return lines;
}

function rootLine(what: string, instanceHours: Money, gib: number, origin: string): LineSpec {
  return {
    category: 'storage',
    service: null,
    description: `${what}, ${gib} GiB each (${origin}) × ${formatQuantity(instanceHours)} instance-hours, at the gp2 rate`,
    quantity: instanceHours.times(gib).dividedBy(HOURS_PER_MONTH),
    priceId: 'ebs:gp2-gb-month',
  };
}
