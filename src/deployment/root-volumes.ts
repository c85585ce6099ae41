/**
 * @module root-volumes: the disk of each node pool's nodes. A launch template, managed node group or
 * NodeClass gives every node it launches one disk size, so each pool's disk holds the ephemeral storage
 * (`needs.ephemeralStorageGiB`) of the busiest node of the pool in the busiest hour's placement, on top of
 * the default its image needs (sizing/root-volumes.ts). Where no task asks for storage, the disk stays the
 * default and the starter code leaves it alone. The cost lines price these sizes, and every IaC target writes
 * them (docs/pricing.md#root-volumes-of-ec2-nodes, docs/starter-code.md#node-disks).
 */

import { BerthError } from '../errors.js';
import type { Candidate } from '../model/candidate.js';
import { type Fleet, type NodeOs, nodeOs } from '../model/cost.js';
import type { RootVolume } from '../model/deployment.js';
import { CANDIDATE_SHAPES, type OperatingSystem } from '../model/vocabulary.js';
import type { InstanceType } from '../pricing/instance-type.js';
import {
  defaultNodeDiskGiB,
  KUBELET_EVICTION_NODEFS_PERCENT,
  KUBELET_RESERVED_EPHEMERAL_GIB,
  MAX_ROOT_VOLUME_GIB,
  type NodeDiskKind,
  nodeDiskBaseGiB,
  nodeDiskGiB,
  nodeDiskKind,
  taskEphemeralGiB,
} from '../sizing/root-volumes.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { poolName } from './node-pools.js';

export interface RootVolumeInputs {
  candidate: Pick<Candidate, 'id' | 'label' | 'orchestrator'>;
  /** The services placed on EC2. */
  services: readonly NormalisedService[];
  fleet: Fleet | null;
  findInstanceType: (name: string) => InstanceType | undefined;
}

/** What one node keeps on its disk for its tasks: each service's tasks with storage, and their sum. */
interface NodeLoad {
  gib: number;
  parts: { service: string; count: number; gib: number; everyNode: boolean }[];
}

/** The disk of every node pool of the fleet, in pool-name order; none without an EC2 fleet. */
export function planRootVolumes(inputs: RootVolumeInputs): RootVolume[] {
  const { candidate, services, fleet } = inputs;
  if (fleet === null || services.length === 0 || fleet.instanceMinutesPerWeek.length === 0) return [];
  const kind = nodeDiskKind(candidate.orchestrator, CANDIDATE_SHAPES[candidate.id].nodes);
  const byName = new Map(services.map((s) => [s.name, s]));
  const agents = services.filter((s) => s.needs.daemon && taskEphemeralGiB(s) > 0);
  // A node runs Linux or Windows (sizing/ec2-fleet.ts): each line and node of the fleet says which.
  const poolOf = (line: { instanceType: string; os?: NodeOs }) => {
    const info = inputs.findInstanceType(line.instanceType);
    return poolName(info?.architecture ?? 'x86_64', (info?.gpuCount ?? 0) > 0, nodeOs(line));
  };

  const pools = new Map<string, { os: OperatingSystem; types: Set<string>; busiest: NodeLoad }>();
  const pool = (name: string, os: OperatingSystem) => {
    const found = pools.get(name) ?? { os, types: new Set<string>(), busiest: { gib: 0, parts: [] } };
    pools.set(name, found);
    return found;
  };
  for (const line of fleet.instanceMinutesPerWeek)
    pool(poolOf(line), nodeOs(line)).types.add(line.instanceType);
  for (const node of fleet.placement) {
    const architecture = inputs.findInstanceType(node.instanceType)?.architecture;
    const os = nodeOs(node);
    const load: NodeLoad = { gib: 0, parts: [] };
    for (const task of node.tasks) {
      const service = byName.get(task.service);
      const gib = service === undefined ? 0 : taskEphemeralGiB(service);
      if (gib > 0) load.parts.push({ service: task.service, count: task.count, gib, everyNode: false });
    }
    // A per-node agent runs on every node its image runs on (its OS, its architecture), placed or not
    // (deployment/node-pools.ts).
    for (const agent of agents) {
      const runs =
        agent.os === os &&
        (agent.architecture === 'any' || architecture === undefined || agent.architecture === architecture);
      if (runs && !node.tasks.some((t) => t.service === agent.name))
        load.parts.push({ service: agent.name, count: 1, gib: taskEphemeralGiB(agent), everyNode: true });
    }
    load.gib = load.parts.reduce((sum, p) => sum + p.count * p.gib, 0);
    const entry = pool(poolOf(node), os);
    if (load.gib > entry.busiest.gib) entry.busiest = load;
  }

  const names = [...pools.keys()].sort((a, b) => a.localeCompare(b));
  // EKS Auto Mode launches every pool from one NodeClass (iac/kubernetes/auto-mode-node-pools.ts): one size.
  const shared =
    kind === 'eks-auto-mode'
      ? names.reduce<{ pool: string; load: NodeLoad } | null>((best, name) => {
          const load = pools.get(name)!.busiest;
          return load.gib > 0 && (best === null || load.gib > best.load.gib) ? { pool: name, load } : best;
        }, null)
      : null;
  return names.map((name) => {
    const { os, types, busiest } = pools.get(name)!;
    const sizing = shared ?? { pool: name, load: busiest };
    const explicit = sizing.load.gib > 0;
    const sizeGiB = nodeDiskGiB(kind, os, sizing.load.gib);
    if (sizeGiB > MAX_ROOT_VOLUME_GIB)
      throw new BerthError(
        'INTERNAL',
        `${candidate.label}: node pool "${name}" would need a ${sizeGiB} GiB disk, more than the ${MAX_ROOT_VOLUME_GIB} GiB an EBS volume holds; the fleet's per-node task limit should have prevented it`,
      );
    return {
      pool: name,
      ...(os === 'windows' ? { os } : {}),
      instanceTypes: [...types].sort(),
      sizeGiB,
      defaultGiB: defaultNodeDiskGiB(kind, os),
      tasksGiB: busiest.gib,
      explicit,
      volumeType: explicit && (kind === 'ecs' || kind === 'eks') ? 'gp3' : null,
      basis: explicit
        ? describeSize(
            kind,
            os,
            sizing.load,
            sizeGiB,
            shared !== null && names.length > 1 ? sizing.pool : null,
          )
        : kind === 'eks-auto-mode'
          ? 'NodeClass default'
          : 'AMI default',
    };
  });
}

/**
 * "the 30 GiB AMI default + 116 GiB for the ephemeral storage of the busiest node's tasks (2 ×
 * scratch at 50 GiB, log-agent at 16 GiB on every node)"; on EKS, with the kubelet's reserve.
 */
function describeSize(
  kind: NodeDiskKind,
  os: OperatingSystem,
  load: NodeLoad,
  sizeGiB: number,
  sharedFrom: string | null,
): string {
  const base = nodeDiskBaseGiB(kind, os);
  const added = sizeGiB - base;
  const parts = load.parts
    .map((p) =>
      p.everyNode
        ? `${p.service} at ${p.gib} GiB on every node`
        : `${p.count} × ${p.service} at ${p.gib} GiB`,
    )
    .join(', ');
  const origin = {
    ecs: 'AMI default',
    'ecs-managed-instances': 'default tasks volume',
    eks: 'AMI default',
    'eks-auto-mode': 'NodeClass default',
  }[kind];
  const where =
    sharedFrom === null
      ? "the busiest node's"
      : `the busiest node's (pool ${sharedFrom}, as one NodeClass sizes every pool)`;
  const what =
    kind === 'eks' || kind === 'eks-auto-mode'
      ? `${where} pods: ${load.gib} GiB of ephemeral-storage requests (${parts}), plus the kubelet's ${KUBELET_RESERVED_EPHEMERAL_GIB} GiB reserve, over the ${100 - KUBELET_EVICTION_NODEFS_PERCENT} % its eviction threshold leaves`
      : `the ephemeral storage of ${where} tasks: ${parts}`;
  return `the ${base} GiB ${origin} + ${added} GiB for ${what}`;
}
