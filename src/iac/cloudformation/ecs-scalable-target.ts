/** @module ecs-scalable-target: an ECS service's Application Auto Scaling target in CloudFormation, which its scaling policies act on. */
import { keptMinimum } from '../../deployment/kept-pod.js';
import type { ServicePlan } from '../stack-plan.js';
import { type CfnResource, sub } from './cfn.js';

/** The service's desired count, between its replica bounds; policies refer to it as `${id}ScalableTarget`. */
export function scalableTarget(service: ServicePlan, id: string): Record<string, CfnResource> {
  return {
    [`${id}ScalableTarget`]: {
      Type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      Properties: {
        ServiceNamespace: 'ecs',
        ScalableDimension: 'ecs:service:DesiredCount',
        ResourceId: sub(`service/\${Cluster}/\${${id}Service.Name}`),
        MinCapacity: keptMinimum('ecs', service),
        MaxCapacity: service.replicas.max,
      },
    },
  };
}
