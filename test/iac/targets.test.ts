import { beforeAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { BerthError } from '../../src/errors.js';
import { generateIac } from '../../src/iac/generate.js';
import { generatableCandidates, targetsFor } from '../../src/iac/targets.js';
import { IAC_TARGETS, isIacTarget } from '../../src/model/iac.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

function thrown(run: () => unknown): BerthError {
  try {
    run();
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected a BerthError');
}

describe('targets', () => {
  let s01: Recommendation;
  let s02: Recommendation;
  beforeAll(async () => {
    s01 = await advise(readWorkloadFile(`${EXAMPLES_DIR}/s01-small-web-app.yaml`), {
      fleetSolver: heuristicFleetSolver,
    });
    s02 = await advise(readWorkloadFile(`${EXAMPLES_DIR}/s02-gpu-inference.yaml`), {
      fleetSolver: heuristicFleetSolver,
    });
  });

  it('fits Terraform to every candidate, CloudFormation to ECS and Kubernetes to EKS', () => {
    expect(IAC_TARGETS).toEqual(['terraform', 'cloudformation', 'kubernetes']);
    expect(targetsFor({ orchestrator: 'ecs' })).toEqual(['terraform', 'cloudformation']);
    expect(targetsFor({ orchestrator: 'eks' })).toEqual(['terraform', 'kubernetes']);
    expect(isIacTarget('kubernetes')).toBe(true);
    expect(isIacTarget('pulumi')).toBe(false);
  });

  it('generates for the recommended candidate unless told otherwise', () => {
    expect(s01.recommended).toBe('ecs-fargate');
    expect(generateIac(s01, 'terraform')).toMatchObject({ target: 'terraform', candidate: 'ecs-fargate' });
    expect(generateIac(s01, 'kubernetes', { candidate: 'eks-fargate' })).toMatchObject({
      candidate: 'eks-fargate',
    });
  });

  it('rejects an unknown target, listing the targets that fit', () => {
    const error = thrown(() => generateIac(s01, 'pulumi'));
    expect(error.code).toBe('UNSUPPORTED_IAC_TARGET');
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'cannot generate "pulumi" for ECS on Fargate: Berth has no such target (it writes terraform, cloudformation, kubernetes); targets that fit this candidate: terraform, cloudformation',
    );
    expect(error.details).toMatchObject({
      target: 'pulumi',
      candidate: 'ecs-fargate',
      targets: ['terraform', 'cloudformation'],
    });
  });

  it('rejects Kubernetes manifests for an ECS candidate and CloudFormation for an EKS one', () => {
    const k8s = thrown(() => generateIac(s01, 'kubernetes'));
    expect(k8s.code).toBe('UNSUPPORTED_IAC_TARGET');
    expect(k8s.message).toBe(
      'cannot generate kubernetes for ECS on Fargate: Kubernetes manifests need an EKS candidate; ECS does not run them; targets that fit this candidate: terraform, cloudformation',
    );
    const cfn = thrown(() => generateIac(s01, 'cloudformation', { candidate: 'eks-ec2' }));
    expect(cfn.message).toMatch(
      /^cannot generate cloudformation for EKS on EC2: .*; targets that fit this candidate: terraform, kubernetes$/,
    );
  });

  it('rejects an excluded candidate with the rules that excluded it and the candidates that have code', () => {
    expect(generatableCandidates(s02)).toEqual([
      'ecs-mixed',
      'ecs-ec2',
      'ecs-managed-instances',
      'eks-mixed',
      'eks-ec2',
      'eks-auto-mode',
    ]);
    const error = thrown(() => generateIac(s02, 'terraform', { candidate: 'ecs-fargate' }));
    expect(error.code).toBe('UNSUPPORTED_IAC_TARGET');
    expect(error.message).toBe(
      'cannot generate terraform for ECS on Fargate: the rules excluded it (fargate-no-gpu); candidates with starter code: ecs-mixed, ecs-ec2, ecs-managed-instances, eks-mixed, eks-ec2, eks-auto-mode',
    );
  });

  it('points a duplicate candidate to the one it duplicates, and rejects unknown candidate ids', () => {
    const duplicate = thrown(() => generateIac(s01, 'terraform', { candidate: 'ecs-mixed' }));
    expect(duplicate.message).toContain('it places every service as ecs-fargate does, so generate that one');
    const unknown = thrown(() => generateIac(s01, 'terraform', { candidate: 'ecs-lambda' as never }));
    expect(unknown.message).toMatch(
      /^cannot generate terraform for candidate "ecs-lambda": no such candidate \(expected one of ecs-fargate, /,
    );
  });
});
