/**
 * @module eks-launch-count: what the managed node groups of a generated EKS stack launch at their desired
 * size, read back from the Terraform text (hcl2json), pool by pool and type by type.
 */
import type { IacFile } from '../../../src/model/iac.js';
import { parseTerraform } from './terraform-check.js';

export interface LaunchedNodes {
  /** Pool label (berth.dev/pool) → instance type → nodes at the desired size (types at zero left out). */
  byPool: Map<string, Map<string, number>>;
  /** Pool label → instance type → the group's minimum and maximum sizes. */
  bounds: Map<string, Map<string, { min: number; max: number }>>;
  /** Why a node group's launch cannot be counted exactly (several types, or min ≠ desired ≠ max). */
  problems: string[];
}

interface NodeGroupBody {
  instance_types?: string[];
  labels?: Record<string, string>;
  scaling_config?: { min_size: number; desired_size: number; max_size: number }[];
}

/** Counts what every aws_eks_node_group launches; a group with more than one type is a problem. */
export async function countEksLaunch(files: readonly IacFile[]): Promise<LaunchedNodes> {
  const root = files.filter((f) => !f.path.includes('/'));
  const parsed = await parseTerraform(root);
  const byPool = new Map<string, Map<string, number>>();
  const bounds = new Map<string, Map<string, { min: number; max: number }>>();
  const problems: string[] = [];
  for (const doc of parsed.values()) {
    const groups = ((doc.resource ?? {}) as Record<string, Record<string, NodeGroupBody[]>>)
      .aws_eks_node_group;
    for (const [name, [body]] of Object.entries(groups ?? {})) {
      const types = body?.instance_types ?? [];
      const scaling = body?.scaling_config?.[0];
      const pool = body?.labels?.['berth.dev/pool'];
      if (types.length !== 1 || types[0] === undefined) {
        problems.push(`${name}: ${types.length} instance types; EKS would fill them in list order`);
        continue;
      }
      if (scaling === undefined || pool === undefined) {
        problems.push(`${name}: no scaling_config or pool label`);
        continue;
      }
      const poolBounds = bounds.get(pool) ?? new Map<string, { min: number; max: number }>();
      const before = poolBounds.get(types[0]) ?? { min: 0, max: 0 };
      poolBounds.set(types[0], { min: before.min + scaling.min_size, max: before.max + scaling.max_size });
      bounds.set(pool, poolBounds);
      if (scaling.desired_size === 0) continue;
      const counts = byPool.get(pool) ?? new Map<string, number>();
      counts.set(types[0], (counts.get(types[0]) ?? 0) + scaling.desired_size);
      byPool.set(pool, counts);
    }
  }
  return { byPool, bounds, problems };
}

/** Type → count of some fleet lines, without zero counts, for comparison. */
export function countLines(lines: readonly { instanceType: string; count: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) if (l.count > 0) out.set(l.instanceType, (out.get(l.instanceType) ?? 0) + l.count);
  return out;
}
