/** @module ecs-scalable-target: an ECS service's Application Auto Scaling target in Terraform, which its scaling policies act on. */
import { keptMinimum } from '../../deployment/kept-pod.js';
import { attr, expr, type HclBlock, type HclItem } from '../hcl.js';
import type { ServicePlan } from '../stack-plan.js';
import { resource } from './terraform-blocks.js';

/** The service's desired count, between its replica bounds. */
export function scalableTargetBlock(service: ServicePlan, id: string): HclBlock {
  return resource('aws_appautoscaling_target', id, [
    attr('service_namespace', 'ecs'),
    attr('resource_id', expr(`"service/\${aws_ecs_cluster.this.name}/\${aws_ecs_service.${id}.name}"`)),
    attr('scalable_dimension', 'ecs:service:DesiredCount'),
    attr('min_capacity', keptMinimum('ecs', service)),
    attr('max_capacity', service.replicas.max),
  ]);
}

/** A scaling policy's reference to the target of `scalableTargetBlock`. */
export function scalableTargetRefs(id: string): HclItem[] {
  const target = `aws_appautoscaling_target.${id}`;
  return [
    attr('service_namespace', expr(`${target}.service_namespace`)),
    attr('resource_id', expr(`${target}.resource_id`)),
    attr('scalable_dimension', expr(`${target}.scalable_dimension`)),
  ];
}
