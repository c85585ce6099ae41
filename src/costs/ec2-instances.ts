/** @module ec2-instances: the instance time of an EC2 fleet over the weekly profile, per instance type. */
import { type Fleet, nodeOs } from '../model/cost.js';
import type { SystemNodes } from '../model/deployment.js';
import type { OperatingSystem } from '../model/vocabulary.js';
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import { type Ec2VariantByOs, ec2VariantPriceId } from '../pricing/price-ids.js';
import { HOURS_PER_WEEK } from '../workload/profile.js';
import { formatQuantity, type LineSpec } from './line.js';

/**
 * One line per instance type and OS, billed for the hours it runs in the week (× 730 / 168 for a month) at
 * the rate of its nodes' OS (`variants`): a Windows m5a.large and a Linux one are two lines. And a flagged
 * line per service no priced type holds (at its own OS's rate, `osOfService`), so the gap shows instead of
 * vanishing.
 */
export function ec2InstanceLines(
  fleet: Fleet,
  variants: Ec2VariantByOs,
  osOfService: (service: string) => OperatingSystem = () => 'linux',
): LineSpec[] {
  const countIn = (lines: Fleet['peak'], type: string, os: OperatingSystem) =>
    lines.find((l) => l.instanceType === type && nodeOs(l) === os)?.count ?? 0;
  const lines: LineSpec[] = [...fleet.instanceMinutesPerWeek]
    .sort((a, b) => a.instanceType.localeCompare(b.instanceType) || (a.os ? 1 : 0) - (b.os ? 1 : 0))
    .map((line) => {
      const { instanceType, minutes } = line;
      const os = nodeOs(line);
      // EC2 bills Linux instances per second (one-minute minimum): https://aws.amazon.com/ec2/pricing/on-demand/
      const weekly = toMoney(minutes).dividedBy(60);
      return {
        category: 'compute',
        service: null,
        description: `${instanceType}${os === 'windows' ? ' Windows' : ''} instances, ${formatQuantity(weekly)} instance-hours a week (peak ${countIn(fleet.peak, instanceType, os)}, typical ${countIn(fleet.typical, instanceType, os)})`,
        quantity: weekly.times(HOURS_PER_MONTH).dividedBy(HOURS_PER_WEEK),
        priceId: ec2VariantPriceId(instanceType, variants[os]),
      };
    });
  for (const service of [...fleet.unplaced].sort()) {
    lines.push({
      category: 'compute',
      service,
      description: `${service}: EC2 capacity, but no priced instance type in this region holds its tasks`,
      quantity: toMoney(0),
      priceId: ec2VariantPriceId('none', variants[osOfService(service)]),
    });
  }
  return lines;
}

/**
 * The EKS system node group (deployment/system-nodes.ts): always on, at the fleet's tenancy. Linux, so
 * Windows rates never apply to it; a dedicated cluster puts these nodes on dedicated hardware too.
 */
export function systemNodeLines(nodes: SystemNodes): LineSpec[] {
  const hours = toMoney(nodes.count * HOURS_PER_MONTH);
  return [
    {
      category: 'control-plane',
      service: null,
      description: `EKS system nodes for ${nodes.runs}: ${nodes.count} × ${nodes.instanceType}, always on`,
      quantity: hours,
      priceId: ec2VariantPriceId(nodes.instanceType, nodes.dedicated ? 'ec2-dedicated' : 'ec2'),
    },
  ];
}
