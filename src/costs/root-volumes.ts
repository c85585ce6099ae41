/**
 * @module root-volumes: the EBS disk every EC2 node boots from, billed for as long as the node runs.
 * Each node pool's disk is decided once (deployment/root-volumes.ts): the image's default where no task asks
 * for ephemeral storage (the starter code then sets no block device mapping), else large enough for the
 * busiest node's tasks, as the starter code sets it (docs/pricing.md#root-volumes-of-ec2-nodes).
 */
import { type Fleet, nodeOs } from '../model/cost.js';
import type { RootVolume, SystemNodes } from '../model/deployment.js';
import { HOURS_PER_MONTH, type Money, sumMoney, toMoney } from '../pricing/money.js';
import { EBS_GP3_GB_MONTH, type KnownPriceId } from '../pricing/price-ids.js';
import { HOURS_PER_WEEK } from '../workload/profile.js';
import { formatQuantity, type LineSpec } from './line.js';

/**
 * Where the starter code leaves a disk as its image makes it, the volume type is the image's (the ECS AL2023
 * AMI is built with gp3, aws/amazon-ecs-ami al2023.pkr.hcl; the others are unconfirmed), or AWS's on the
 * AWS-managed options: those disks are billed at the gp2 rate, the dearer of gp2 and gp3, so the total never
 * reads lower than it may be. Where it writes a block device mapping, it writes gp3, and gp3 is billed.
 */
const GP2_GB_MONTH: KnownPriceId = 'ebs:gp2-gb-month';

export interface RootVolumeCosts {
  fleet: Fleet | null;
  /** The fleet's disks, one per node pool (Deployment.rootVolumes). */
  volumes: readonly RootVolume[];
  /** The EKS system node group and its disk (the EKS AMI default), or null. */
  system: { nodes: SystemNodes; gib: number } | null;
}

export function rootVolumeLines(input: RootVolumeCosts): LineSpec[] {
  const { fleet, volumes, system } = input;
  const lines: LineSpec[] = [];
  if (fleet !== null && fleet.instanceMinutesPerWeek.length > 0) {
    // A pool's hours are those of its instance types on nodes of its OS: a fleet of Linux and Windows services
    // may run one type as both, in different pools.
    const hoursOf = (pools: readonly RootVolume[]) =>
      monthlyHours(
        fleet,
        new Set(pools.flatMap((v) => v.instanceTypes.map((t) => `${t}/${v.os ?? 'linux'}`))),
      );
    const left = volumes.filter((v) => !v.explicit);
    const sized = volumes.filter((v) => v.explicit);
    // The disks left at their default are one line, as they were before any pool was sized; where Linux and
    // Windows nodes keep defaults of different sizes, one line per size.
    const bySize = new Map<number, RootVolume[]>();
    for (const v of left) bySize.set(v.sizeGiB, [...(bySize.get(v.sizeGiB) ?? []), v]);
    for (const same of bySize.values()) {
      const [first] = same;
      const pools =
        sized.length > 0 || bySize.size > 1
          ? ` (pool${same.length === 1 ? '' : 's'} ${same.map((v) => v.pool).join(', ')})`
          : '';
      lines.push(
        rootLine(
          `EC2 nodes' root volumes${pools}, ${first!.sizeGiB} GiB each (${first!.basis})`,
          hoursOf(same),
          first!.sizeGiB,
          'at the gp2 rate',
          GP2_GB_MONTH,
        ),
      );
    }
    for (const v of sized) {
      const gp3 = v.volumeType === 'gp3';
      lines.push(
        rootLine(
          `EC2 nodes' root volumes (pool ${v.pool}), ${v.sizeGiB} GiB each (${v.basis})`,
          hoursOf([v]),
          v.sizeGiB,
          gp3
            ? 'at the gp3 rate, the type the starter code sets'
            : 'at the gp2 rate (AWS chooses the volume type; gp2 is the dearer)',
          gp3 ? EBS_GP3_GB_MONTH : GP2_GB_MONTH,
        ),
      );
    }
  }
  if (system !== null) {
    lines.push(
      rootLine(
        `EKS system nodes' root volumes, ${system.gib} GiB each (AMI default)`,
        toMoney(system.nodes.count * HOURS_PER_MONTH),
        system.gib,
        'at the gp2 rate',
        GP2_GB_MONTH,
      ),
    );
  }
  return lines;
}

/** Instance-hours a month of the fleet's instances of these types and OSes (`m5a.large/windows`). */
function monthlyHours(fleet: Fleet, types: ReadonlySet<string>): Money {
  const weeklyHours = sumMoney(
    fleet.instanceMinutesPerWeek
      .filter((t) => types.has(`${t.instanceType}/${nodeOs(t)}`))
      .map((t) => toMoney(t.minutes).dividedBy(60)),
  );
  return weeklyHours.times(HOURS_PER_MONTH).dividedBy(HOURS_PER_WEEK);
}

function rootLine(
  what: string,
  instanceHours: Money,
  gib: number,
  rate: string,
  priceId: KnownPriceId,
): LineSpec {
  return {
    category: 'storage',
    service: null,
    description: `${what} × ${formatQuantity(instanceHours)} instance-hours, ${rate}`,
    quantity: instanceHours.times(gib).dividedBy(HOURS_PER_MONTH),
    priceId,
  };
}
