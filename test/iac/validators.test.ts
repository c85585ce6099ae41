/** The validators the IaC tests rely on catch what they claim to catch. */
import { afterAll, describe, expect, it } from 'vitest';
import { freeEngine, parseTemplate, validateTemplate } from './helpers/cloudformation-check.js';
import { checkManifests, parseManifests } from './helpers/kubernetes-check.js';
import { checkTerraform, parseTerraform } from './helpers/terraform-check.js';

afterAll(() => freeEngine());

describe('terraform schema check', () => {
  it('flags unknown, read-only and missing arguments, wrong shapes and undeclared references', async () => {
    const parsed = await parseTerraform([
      {
        path: 'main.tf',
        contents: [
          'resource "aws_ecs_service" "web" {',
          '  name        = "web"',
          '  desired_cnt = 2',
          '  cluster     = aws_ecs_cluster.missing.id',
          '  deployment_circuit_breaker = { enable = true, rollback = true }',
          '}',
          'resource "aws_ecs_task_definition" "web" {',
          '  family                   = "web"',
          '  requires_compatibilities = "FARGATE"',
          '  arn                      = "x"',
          '}',
        ].join('\n'),
      },
    ]);
    expect(checkTerraform(parsed)).toEqual([
      'main.tf: aws_ecs_service.web.deployment_circuit_breaker: is a block, written as an attribute',
      'main.tf: aws_ecs_service.web.desired_cnt: unsupported argument or block',
      'main.tf: aws_ecs_task_definition.web.arn: read-only attribute set',
      'main.tf: aws_ecs_task_definition.web.requires_compatibilities: expected a set',
      'main.tf: aws_ecs_task_definition.web: missing required argument container_definitions',
      'main.tf: reference to undeclared aws_ecs_cluster.missing',
    ]);
  });

  it('passes a correct resource and rejects a syntax error with its position', async () => {
    const ok = await parseTerraform([
      {
        path: 'ok.tf',
        contents: 'variable "v" {\n  type = string\n}\nresource "aws_ecs_cluster" "c" {\n  name = var.v\n}\n',
      },
    ]);
    expect(checkTerraform(ok)).toEqual([]);
    await expect(
      parseTerraform([{ path: 'bad.tf', contents: 'resource "aws_lb" "x" {\n  name =\n}\n' }]),
    ).rejects.toThrow(/bad\.tf:2/);
  });
});

describe('cloudformation-validate', () => {
  it('reports a misspelt property and an invalid Fargate size; reads short-form tags', () => {
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Task:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      RequiresCompatibilities: [FARGATE]',
      '      NetworkMode: awsvpc',
      '      Cpu: "256"',
      '      Memory: "3000"',
      '      ContainerDefinitions:',
      '        - Name: web',
      `          Image: !Sub "\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/web"`,
      '          PortMapings: [{ ContainerPort: 80 }]',
    ].join('\n');
    const findings = validateTemplate(template);
    expect(findings.some((f) => f.includes('E3047'))).toBe(true);
    expect(findings.some((f) => f.includes("'PortMapings' was unexpected"))).toBe(true);
    expect(parseTemplate(template).Resources.Task?.Properties.Cpu).toBe('256');
  });
});

describe('kubernetes manifest check', () => {
  it('reports wrong types, missing required fields and unknown fields', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: web }',
      'spec:',
      '  replicas: two',
      '  revisionHistoryLimt: 3',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx',
      '          resource: { requests: { cpu: 100m } }',
      '---',
      'apiVersion: v1',
      'kind: Widget',
      'metadata: { name: w }',
    ].join('\n');
    expect(checkManifests(parseManifests(text, 'web.yaml'), 'web.yaml')).toEqual([
      'web.yaml: Deployment/web: data/spec must have required property selector, data/spec/replicas must be integer',
      'web.yaml: Deployment/web.spec.revisionHistoryLimt: unknown field',
      'web.yaml: Deployment/web.spec.template.spec.containers[0].resource: unknown field',
      'web.yaml: Widget/w: no validator for v1/Widget',
    ]);
  });

  it('checks KEDA objects against the fields KEDA documents, the HPA behaviour included', () => {
    const text = [
      'apiVersion: keda.sh/v1alpha1',
      'kind: ScaledObject',
      'metadata: { name: worker }',
      'spec:',
      '  scaleTargetRef: { name: worker }',
      '  minReplicaCount: 3',
      '  maxReplicaCount: 2',
      '  cooldownPeriod: -1',
      '  pollingInteval: 30',
      '  advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilisationWindowSeconds: 300 } } } }',
      '  triggers:',
      '    - type: aws-sqs-queue',
      '      metadata: { queueUrl: jobs, queueLength: 1, awsRegion: us-east-1 }',
      '    - type: cpu',
      '      metricType: Percent',
      '      metadata: { value: "60" }',
      '    - type: kafka',
      '      metadata: {}',
      '---',
      'apiVersion: keda.sh/v1alpha1',
      'kind: TriggerAuthentication',
      'metadata: { name: worker-sqs }',
      'spec: { podIdentity: { provider: aws-irsa, role: x } }',
    ].join('\n');
    expect(checkManifests(parseManifests(text, 'worker.yaml'), 'worker.yaml')).toEqual([
      'worker.yaml: ScaledObject/worker: spec.pollingInteval: unknown field',
      'worker.yaml: ScaledObject/worker: spec.cooldownPeriod: expected a whole number of at least 0',
      'worker.yaml: ScaledObject/worker: spec.minReplicaCount: above maxReplicaCount',
      'worker.yaml: ScaledObject/worker: spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilisationWindowSeconds: unknown field',
      'worker.yaml: ScaledObject/worker: spec.triggers[0].metadata.queueUrl: unknown field',
      'worker.yaml: ScaledObject/worker: spec.triggers[0].metadata.queueLength: expected a string',
      'worker.yaml: ScaledObject/worker: spec.triggers[1].metricType: expected one of Utilization, AverageValue, Value',
      'worker.yaml: ScaledObject/worker: spec.triggers[2].type: no check for trigger type kafka',
      'worker.yaml: TriggerAuthentication/worker-sqs: spec.podIdentity.role: unknown field',
      'worker.yaml: TriggerAuthentication/worker-sqs: spec.podIdentity.provider: unknown provider aws-irsa',
    ]);
  });
});
