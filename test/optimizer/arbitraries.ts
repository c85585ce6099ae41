/** fast-check generators shared by the optimizer's property tests. */
import fc from 'fast-check';
import type { FleetTaskGroup } from '../../src/optimizer/fleet-types.js';

/** A service's tasks: a count, a Fargate-like shape and an architecture. */
export function taskShapeArb(maxCount: number) {
  return fc.record({
    count: fc.integer({ min: 1, max: maxCount }),
    vcpu: fc.constantFrom(0.25, 0.5, 1, 2, 4),
    gib: fc.constantFrom(0.5, 1, 2, 4, 8),
    architecture: fc.constantFrom('x86_64', 'arm64', 'any'),
  });
}

/** Drawn task shapes as the optimizer's task groups, one service each (s0, s1, ...). */
export function toTaskGroups(
  groups: { count: number; vcpu: number; gib: number; architecture: string }[],
): FleetTaskGroup[] {
  return groups.map((g, i) => ({
    service: `s${i}`,
    count: g.count,
    vcpu: g.vcpu,
    memoryMiB: g.gib * 1024,
    gpus: 0,
    architecture: g.architecture as FleetTaskGroup['architecture'],
  }));
}
