/**
 * @module node-disks: what every target writes for a node pool's disk (deployment/root-volumes.ts). Only a
 * pool whose tasks ask for ephemeral storage gets one; the others keep their image's default disk, as before.
 * docs/starter-code.md#node-disks
 */
import { BerthError } from '../errors.js';
import type { NodePool, RootVolume } from '../model/deployment.js';
import type { StackPlan } from './stack-plan.js';

/** The disk the starter code sets for a pool's nodes, or null where it leaves the image's default. */
export function poolDisk(
  plan: Pick<StackPlan, 'rootVolumes'>,
  pool: Pick<NodePool, 'name'>,
): RootVolume | null {
  const disk = plan.rootVolumes.find((v) => v.pool === pool.name);
  return disk?.explicit === true ? disk : null;
}

/**
 * The root device of the images Berth's launch templates boot: `/dev/xvda` on the ECS-optimised Amazon Linux
 * 2023 AMIs, GPU variant included (aws/amazon-ecs-ami al2023.pkr.hcl, al2023gpu.pkr.hcl), on the EKS AL2023
 * AMIs (awslabs/amazon-eks-ami templates/al2023/template.json) and so on Karpenter's `al2023` alias;
 * `/dev/sda1` on the Windows AMIs ("/dev/sda1" is the root device name of Windows instances:
 * https://docs.aws.amazon.com/ebs/latest/userguide/device_naming.html). A mapping on the root device resizes
 * the image's root volume rather than adding a volume.
 */
export function rootDeviceName(pool: Pick<NodePool, 'os'>): string {
  return pool.os === 'windows' ? '/dev/sda1' : '/dev/xvda';
}

/** The comment above a pool's disk setting: its size and why, as the recommendation prices it. */
export function diskComment(disk: RootVolume): string[] {
  return [
    `Root volume: ${disk.sizeGiB} GiB (${disk.basis}).`,
    `Priced on the recommendation's "EC2 nodes' root volumes (pool ${disk.pool})" line${disk.volumeType === null ? '' : `, as ${disk.volumeType}`}.`,
  ];
}

/** The type a block device mapping writes: the one the disk was priced at (gp3 wherever a mapping is written). */
export function mappedVolumeType(disk: RootVolume): 'gp3' {
  if (disk.volumeType === null)
    throw new BerthError(
      'INTERNAL',
      `node pool "${disk.pool}": its disk was priced without a volume type, so no block device mapping can launch what was priced`,
    );
  return disk.volumeType;
}

/**
 * The comment above an ECS Managed Instances storage configuration: `storageSizeGiB` sizes the tasks volume
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedInstancesStorageConfiguration.html);
 * AWS chooses its type, so it is priced at the dearer gp2 rate.
 */
export function managedDiskComment(disk: RootVolume): string[] {
  return [
    `Tasks volume: ${disk.sizeGiB} GiB (${disk.basis}).`,
    `Priced on the recommendation's "EC2 nodes' root volumes (pool ${disk.pool})" line, at the gp2 rate: AWS chooses the volume type.`,
  ];
}
