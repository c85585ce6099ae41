/**
 * A per-node agent (`needs.daemon`) and ECS Managed Instances (a user trial). Managed Instances was ranked
 * first for a low-operations team (fit 5: ecs-by-default +3, ecs-managed-instances-low-operations +2), and
 * its starter code was then refused: Berth writes a per-node agent as an ECS DAEMON service, which AWS
 * documents for EC2 container instances and not for Managed Instances, where per-instance agents run as
 * Managed Daemons (docs/aws-managed-nodes.md#limits-and-rules). The candidate is now excluded by the rule
 * ecs-managed-instances-no-daemon-service, and whatever is recommended can be written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { generateIac } from '../../src/iac/generate.js';
import { generatableCandidates, targetsFor } from '../../src/iac/targets.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { FIXTURES_DIR, readWorkloadFile } from '../helpers/workloads.js';
import { call, postJson, testApp } from '../server/helpers.js';

/** A steady web tier and a log agent on every node, for a team that wants no nodes to run. */
const WORKLOAD = {
  name: 'mi-daemon',
  traffic: { pattern: 'steady' },
  services: [
    { name: 'web', cpu: 1, memory: '2 GiB', replicas: 20, exposure: 'public' },
    { name: 'log-agent', cpu: '250m', memory: '256Mi', needs: { daemon: true } },
  ],
  team: { kubernetesExperience: 'none', size: 5, operationsAppetite: 'low' },
};

const RULE = 'ecs-managed-instances-no-daemon-service';

function find(rec: Recommendation, id: string) {
  const candidate = rec.candidates.find((c) => c.id === id);
  if (candidate === undefined) throw new Error(`no candidate ${id}`);
  return candidate;
}

const rec = await advise(WORKLOAD, { fleetSolver: heuristicFleetSolver });

describe('a per-node agent and ECS Managed Instances', () => {
  it('excludes ECS Managed Instances, naming the agent, the rule and its AWS source', () => {
    const mi = find(rec, 'ecs-managed-instances');
    expect(mi.feasible).toBe(false);
    expect(mi.cost).toBeNull();
    expect(mi.rank).toBeNull();
    expect(mi.exclusions.map((h) => [h.ruleId, h.service, h.source])).toEqual([
      [RULE, 'log-agent', 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-daemons.html'],
    ]);
    expect(mi.exclusions[0]?.reason).toMatch(
      /^log-agent runs one copy per node as an ECS service with the DAEMON scheduling strategy; AWS documents no such service on ECS Managed Instances, whose per-instance agents run as Managed Daemons/,
    );
    // The explanation says why it is not offered, as for the two Fargate candidates.
    expect(
      rec.explanation.some((line) => line.startsWith('ECS Managed Instances is excluded: log-agent')),
    ).toBe(true);
  });

  it('leaves every other EC2 candidate to the agent, and recommends the ECS mix (scores worked by hand)', () => {
    expect(rec.recommended).toBe('ecs-mixed');
    for (const id of ['ecs-ec2', 'ecs-mixed', 'eks-ec2', 'eks-mixed', 'eks-auto-mode'])
      expect(
        find(rec, id).exclusions.map((h) => h.ruleId),
        id,
      ).toEqual([]);
    // ECS mix, web on Fargate and log-agent on EC2: ecs-by-default 3 × 2/2, fargate-by-default 2 × 1/2,
    // low-operations-appetite 2 × 1/2, low-operations-self-managed-nodes −1 × 1/2 = 4.5.
    const mix = find(rec, 'ecs-mixed');
    expect(mix.placements).toEqual([
      { service: 'web', compute: 'fargate' },
      { service: 'log-agent', compute: 'ec2' },
    ]);
    expect(mix.fitScore).toBe(4.5);
    // ECS on EC2: ecs-by-default 3, low-operations-self-managed-nodes −1 = 2, and it is the cheapest.
    const ec2 = find(rec, 'ecs-ec2');
    expect(ec2.fitScore).toBe(2);
    expect(ec2.costScore).toBeCloseTo(0, 9);
    // 20 tasks of 1 vCPU / 2 GiB plus the agent on each node: 3 × c6a.2xlarge (8 vCPU, 16 GiB) all week,
    // 3 × 730 h × $0.306 = $670.14.
    expect(ec2.cost?.fleet?.peak).toEqual([{ instanceType: 'c6a.2xlarge', count: 3 }]);
    // The mix's cost score is −4 × (its total ÷ ECS on EC2's − 1): below 4.5 by the 4 points per 100 %.
    const ratio = Number(mix.cost?.monthlyUsd) / Number(ec2.cost?.monthlyUsd);
    expect(mix.costScore).toBeCloseTo(-4 * (ratio - 1), 3);
    expect(mix.totalScore).toBeGreaterThan(ec2.totalScore);
  });

  it('writes the recommended candidate in every target that fits it, the agent as a DAEMON service', () => {
    const recommended = find(rec, rec.recommended);
    expect(targetsFor(recommended)).toEqual(['terraform', 'cloudformation']);
    const tf = generateIac(rec, 'terraform');
    const agentTf = tf.files.find((f) => f.path === 'service-log-agent.tf')?.contents ?? '';
    expect(agentTf).toMatch(/scheduling_strategy\s*=\s*"DAEMON"/);
    expect(agentTf).toMatch(/launch_type\s*=\s*"EC2"/);
    const cfn = generateIac(rec, 'cloudformation');
    const template = cfn.files.find((f) => f.path === 'template.yaml')?.contents ?? '';
    expect(template).toContain('SchedulingStrategy: DAEMON');
  });

  it('writes every candidate with starter code in every target that fits it, here and for the node-agents fixture', async () => {
    const fixture = await advise(readWorkloadFile(path.join(FIXTURES_DIR, 'node-agents.yaml')), {
      fleetSolver: heuristicFleetSolver,
    });
    expect(find(fixture, 'ecs-managed-instances').exclusions.map((h) => h.ruleId)).toEqual([RULE]);
    for (const r of [rec, fixture]) {
      const written: string[] = [];
      for (const id of generatableCandidates(r))
        for (const target of targetsFor(find(r, id))) {
          expect(() => generateIac(r, target, { candidate: id }), `${id} ${target}`).not.toThrow();
          written.push(`${id} ${target}`);
        }
      expect(written.length).toBeGreaterThanOrEqual(8);
    }
  });

  it('POST /recommend?iac=terraform,cloudformation answers with both stacks of the recommendation', async () => {
    const res = await call(testApp(), ...postJson(WORKLOAD, '?iac=terraform,cloudformation&detail=summary'));
    expect(res.status).toBe(200);
    expect(res.json.recommended).toBe('ecs-mixed');
    expect(res.json.iac.map((a: { target: string; candidate: string }) => [a.target, a.candidate])).toEqual([
      ['terraform', 'ecs-mixed'],
      ['cloudformation', 'ecs-mixed'],
    ]);
  });
});

describe('the workload file of the trial', () => {
  it('is the same workload as above', () => {
    // Kept beside the test so the CLI reproducer (`berth recommend FILE --iac ...`) reads the same input.
    const file = path.join(FIXTURES_DIR, 'daemon-low-operations.yaml');
    expect(readWorkloadFile(file)).toEqual(WORKLOAD);
    expect(readFileSync(file, 'utf8')).toMatch(/^# /);
  });
});
