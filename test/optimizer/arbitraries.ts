/** fast-check generators shared by the optimizer's property tests. */
import fc from 'fast-check';

/** A service's tasks: a count, a Fargate-like shape and an architecture. */
export function taskShapeArb(maxCount: number) {
  return fc.record({
    count: fc.integer({ min: 1, max: maxCount }),
    vcpu: fc.constantFrom(0.25, 0.5, 1, 2, 4),
    gib: fc.constantFrom(0.5, 1, 2, 4, 8),
    architecture: fc.constantFrom('x86_64', 'arm64', 'any'),
  });
}
