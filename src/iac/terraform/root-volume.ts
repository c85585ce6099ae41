/** @module root-volume: a node pool's root volume in a Terraform launch template (ECS and EKS alike). */
import type { NodePool } from '../../model/deployment.js';
import { attr, comment, type HclItem, nested } from '../hcl.js';
import { diskComment, mappedVolumeType, poolDisk, rootDeviceName } from '../node-disks.js';
import type { StackPlan } from '../stack-plan.js';

/**
 * The pool's root volume where its tasks ask for ephemeral storage (iac/node-disks.ts): a mapping on the AMI's
 * root device resizes it; none where the AMI's default disk is kept.
 */
export function rootVolumeBlock(plan: StackPlan, pool: NodePool): HclItem[] {
  const disk = poolDisk(plan, pool);
  if (disk === null) return [];
  return [
    comment(...diskComment(disk)),
    nested('block_device_mappings', [
      attr('device_name', rootDeviceName(pool)),
      nested('ebs', [
        attr('volume_size', disk.sizeGiB),
        attr('volume_type', mappedVolumeType(disk)),
        attr('encrypted', true),
        attr('delete_on_termination', true),
      ]),
    ]),
  ];
}
