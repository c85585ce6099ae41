/**
 * End to end through advise() with the embedded snapshot: the EC2 fleets it sizes use only current-generation
 * types that the ECS- and EKS-optimised AL2023 AMIs boot (no A1, which a review found in arm64 EKS fleets).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heuristicFleetSolver, stopSolverThread } from '../../src/entries/optimizer.js';
import { advise, type Recommendation } from '../../src/index.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

afterAll(async () => {
  await stopSolverThread();
});

/**
 * Written down by hand, independently of settings/fleet.yaml: the families of
 * https://aws.amazon.com/ec2/previous-generation/ (see data/SOURCES.md), and A1, which EC2's
 * DescribeInstanceTypes reports with CurrentGeneration false, and the "Previous generation instances" of
 * https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html (G3 with its g3s.xlarge, M4,
 * C4, R4, P2, P3, P3dn).
 */
const PREVIOUS_GENERATION = new Set([
  'g3',
  'g3s',
  'm4',
  'c4',
  'r4',
  'p2',
  'p3',
  'p3dn',
  'a1',
  't1',
  'm1',
  'm2',
  'm3',
  'c1',
  'c3',
  'cc2',
  'cg1',
  'cr1',
  'g2',
  'hi1',
  'hs1',
  'i2',
  'r3',
]);

function fleetTypes(rec: Recommendation): string[] {
  const names = rec.candidates.flatMap((c) =>
    [...(c.cost?.fleet?.peak ?? []), ...(c.cost?.fleet?.typical ?? [])].map((line) => line.instanceType),
  );
  return [...new Set(names)].sort();
}

const familyOf = (name: string) => name.slice(0, name.indexOf('.'));

describe('EC2 fleets of advise()', () => {
  it('contain no A1 or other previous-generation type on any example', async () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const chosen = new Map<string, string[]>();
    for (const file of files) {
      // The greedy heuristic: fast and deterministic; every solver gets the same filtered types.
      const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, file)), {
        fleetSolver: heuristicFleetSolver,
      });
      chosen.set(file, fleetTypes(rec));
    }
    const all = [...chosen.values()].flat();
    // Several examples run on EC2 (GPU, dedicated hosts, Kafka on EBS, hybrid), so there is something to check.
    expect(all.length).toBeGreaterThan(4);
    for (const [file, types] of chosen) {
      expect(
        types.filter((t) => PREVIOUS_GENERATION.has(familyOf(t)) || /^(inf|trn)\d/.test(familyOf(t))),
        file,
      ).toEqual([]);
    }
  });

  it('size an arm64 EKS workload on current Graviton types, CoreDNS included, with the optimizer', async () => {
    const rec = await advise({
      name: 'arm-on-eks',
      region: 'us-east-1',
      requirements: { kubernetesApi: true },
      team: { kubernetesExperience: 'expert' },
      services: [
        // Host networking keeps it off Fargate, so EKS on EC2 must size a fleet.
        {
          name: 'api',
          cpu: 1,
          memory: '2 GiB',
          replicas: 3,
          architecture: 'arm64',
          needs: { hostNetworking: true },
        },
        { name: 'worker', cpu: '500m', memory: '1 GiB', replicas: 2, architecture: 'arm64' },
      ],
    });
    const eks = rec.candidates.find((c) => c.id === 'eks-ec2');
    const types = [...(eks?.cost?.fleet?.peak ?? [])].map((line) => line.instanceType);
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) {
      expect(PREVIOUS_GENERATION.has(familyOf(type)), type).toBe(false);
      expect(type, type).not.toMatch(/^a1\./);
    }
    // The arm64 services need Graviton nodes, and only current ones are left to choose from.
    expect(types.some((t) => /^[a-z]+\d+g[a-z]*\./.test(t))).toBe(true);
  });
});
