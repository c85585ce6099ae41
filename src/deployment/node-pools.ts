/**
 * @module node-pools: groups the optimizer's EC2 fleet into node pools (one Auto Scaling group or managed
 * node group each) by what the machine image depends on: architecture, GPUs and operating system (a fleet of
 * Linux and Windows services has nodes of each, sizing/ec2-fleet.ts). Each service goes to the pool of its OS
 * where the optimizer placed most of its tasks at its own busiest hour; a per-node agent to every pool of its OS and
 * architecture.
 */

import { BerthError } from '../errors.js';
import type { Candidate } from '../model/candidate.js';
import { type Fleet, nodeOs } from '../model/cost.js';
import type { NodePool } from '../model/deployment.js';
import type { Architecture, OperatingSystem } from '../model/vocabulary.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { NormalisedService } from '../workload/normalised-schema.js';

export interface NodePoolInputs {
  candidate: Pick<Candidate, 'id' | 'label'>;
  /** The services placed on EC2. */
  services: readonly NormalisedService[];
  fleet: Fleet | null;
  spot: boolean;
  findInstanceType: (name: string) => InstanceType | undefined;
}

export function planNodePools(inputs: NodePoolInputs): NodePool[] {
  const { candidate, services, fleet } = inputs;
  if (services.length === 0) return [];
  if (fleet === null)
    throw new BerthError(
      'UNSUPPORTED_IAC_TARGET',
      `cannot generate code for ${candidate.label}: its EC2 fleet was not sized, so there are no instance types to use`,
    );
  const pools = new Map<string, NodePool & { info: InstanceType[] }>();
  const add = (line: Fleet['peak'][number], when: 'peak' | 'typical' | 'floor' | 'ceiling' | 'steady') => {
    const info = inputs.findInstanceType(line.instanceType);
    if (info === undefined)
      throw new BerthError(
        'UNSUPPORTED_IAC_TARGET',
        `cannot generate code for ${candidate.label}: its fleet uses ${line.instanceType}, which the instance catalog does not describe`,
      );
    const gpu = info.gpuCount > 0;
    const os = nodeOs(line);
    const name = poolName(info.architecture, gpu, os);
    const pool = pools.get(name) ?? {
      name,
      architecture: info.architecture,
      os,
      gpu,
      instanceTypes: [],
      peak: [],
      typical: [],
      floor: [],
      ceiling: [],
      resourceCeiling: resourceCeilingOf(fleet, info.architecture, gpu, os),
      steady: [],
      instanceSizes: [],
      minSize: 0,
      desiredSize: 0,
      maxSize: 0,
      spot: inputs.spot,
      dedicated: services.some((s) => s.needs.dedicatedTenancy),
      services: [],
      info: [],
    };
    pool[when].push({ instanceType: line.instanceType, count: line.count });
    if (!pool.info.some((i) => i.name === info.name)) pool.info.push(info);
    pools.set(name, pool);
  };
  for (const line of fleet.peak) add(line, 'peak');
  for (const line of fleet.typical) add(line, 'typical');
  for (const line of fleet.floor) add(line, 'floor');
  for (const line of fleet.ceiling) add(line, 'ceiling');
  for (const line of fleet.steady) add(line, 'steady');

  const all = [...pools.values()].sort((a, b) => a.name.localeCompare(b.name));
  const placed = placedTasksByPool(fleet, all, inputs.findInstanceType);
  for (const service of services) {
    if (service.needs.daemon) {
      // An ECS daemon service or a DaemonSet runs on nodes of its own OS only.
      for (const pool of all)
        if (pool.os === service.os && fitsArchitecture(service, pool)) pool.services.push(service.name);
      continue;
    }
    const pool = choosePool(service, all, placed);
    if (pool === undefined)
      throw new BerthError(
        'UNSUPPORTED_IAC_TARGET',
        `cannot generate code for ${candidate.label}: no instance type of its fleet fits ${service.name}`,
      );
    pool.services.push(service.name);
  }
  return all.map(({ info, ...pool }) => sizePool(pool, info));
}

/** The most vCPU and memory the fleet's nodes of one pool's kind run at any hour (Fleet.resourceCeiling). */
function resourceCeilingOf(
  fleet: Fleet,
  architecture: Architecture,
  gpu: boolean,
  os: OperatingSystem,
): NodePool['resourceCeiling'] {
  const found = fleet.resourceCeiling.find(
    (r) => r.architecture === architecture && r.gpu === gpu && nodeOs(r) === os,
  );
  return { vcpu: found?.vcpu ?? 0, memoryMiB: found?.memoryMiB ?? 0 };
}

/**
 * Tasks of each service on each pool at that service's own busiest hour (Fleet.servicePeaks: the fleet's busiest
 * hour may be another service's, where this one runs a task or two wherever there was room): pool name →
 * service → tasks.
 */
function placedTasksByPool(
  fleet: Fleet,
  pools: readonly NodePool[],
  findInstanceType: (name: string) => InstanceType | undefined,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const { service, tasks } of fleet.servicePeaks)
    for (const task of tasks) {
      const info = findInstanceType(task.instanceType);
      if (info === undefined) continue;
      const name = poolName(info.architecture, info.gpuCount > 0, nodeOs(task));
      const pool = pools.find((p) => p.name === name);
      if (pool === undefined) continue;
      const onPool = out.get(pool.name) ?? new Map<string, number>();
      onPool.set(service, (onPool.get(service) ?? 0) + task.count);
      out.set(pool.name, onPool);
    }
  return out;
}

/** The pool a node of this architecture, GPU or not, and operating system belongs to. */
export function poolName(architecture: Architecture, gpu: boolean, os: OperatingSystem): string {
  if (gpu && os === 'windows') return 'gpu-windows';
  if (gpu) return architecture === 'arm64' ? 'gpu-arm64' : 'gpu';
  if (os === 'windows') return 'windows';
  return architecture === 'arm64' ? 'arm64' : 'x86-64';
}

function fitsArchitecture(service: NormalisedService, pool: NodePool): boolean {
  return service.architecture === 'any' || service.architecture === pool.architecture;
}

/**
 * A service goes to a pool of its OS. GPU services go to GPU nodes; other services to non-GPU nodes when the fleet has any, so expensive GPU
 * capacity is kept for the work that needs it (EKS taints GPU nodes for the same reason). Among the
 * eligible pools, the one where the optimizer placed most of the service's tasks at its own busiest hour; then
 * the largest.
 */
function choosePool(
  service: NormalisedService,
  pools: readonly NodePool[],
  placed: Map<string, Map<string, number>>,
): NodePool | undefined {
  const wantsGpu = service.gpus.count > 0;
  const fitting = pools.filter((p) => p.os === service.os && fitsArchitecture(service, p));
  const preferred = fitting.filter((p) => p.gpu === wantsGpu);
  const eligible = preferred.length > 0 || wantsGpu ? preferred : fitting;
  const tasksOn = (p: NodePool) => placed.get(p.name)?.get(service.name) ?? 0;
  return [...eligible].sort(
    (a, b) => tasksOn(b) - tasksOn(a) || peakVcpu(b) - peakVcpu(a) || a.name.localeCompare(b.name),
  )[0];
}

function peakVcpu(pool: NodePool & { info?: InstanceType[] }): number {
  return pool.peak.reduce(
    (sum, l) => sum + l.count * (pool.info?.find((i) => i.name === l.instanceType)?.vcpu ?? 0),
    0,
  );
}

function sizePool(pool: NodePool, info: readonly InstanceType[]): NodePool {
  const byCount = (lines: NodePool['peak']) => lines.reduce((n, l) => n + l.count, 0);
  const byUse = (lines: NodePool['peak']) =>
    [...lines].sort((a, b) => b.count - a.count || a.instanceType.localeCompare(b.instanceType));
  // The busiest and median hours' types first, then those only another level of the week runs.
  const instanceTypes = [...byUse([...pool.peak, ...pool.typical]), ...byUse(pool.ceiling)]
    .map((l) => l.instanceType)
    .filter((name, i, names) => names.indexOf(name) === i);
  // The pool keeps only its floor, the nodes every minute of the priced week runs (none for a nightly
  // batch); the scaler adds the rest when tasks wait, so what runs stays within the priced instance-hours.
  const minSize = byCount(pool.floor);
  const instanceSizes = instanceTypes.flatMap((name) => {
    const type = info.find((i) => i.name === name);
    return type === undefined
      ? []
      : [{ instanceType: name, vcpu: type.vcpu, memoryMiB: type.memoryMiB, gpus: type.gpuCount }];
  });
  return {
    ...pool,
    instanceTypes,
    instanceSizes,
    minSize,
    desiredSize: minSize,
    maxSize: Math.max(byCount(pool.ceiling), minSize, 1),
  };
}

/**
 * `; at other hours, per type, up to N × type, …` for the types some level of the priced week runs more of than the busiest
 * and median hours (NodePool.ceiling), or '' where there are none.
 */
export function otherHours(pool: NodePool): string {
  const count = (lines: NodePool['peak'], type: string) =>
    lines.filter((l) => l.instanceType === type).reduce((n, l) => n + l.count, 0);
  const more = pool.ceiling.filter(
    (l) => l.count > Math.max(count(pool.peak, l.instanceType), count(pool.typical, l.instanceType)),
  );
  return more.length === 0
    ? ''
    : `; at other hours, per type, up to ${more.map((l) => `${l.count} × ${l.instanceType}`).join(', ')}`;
}
