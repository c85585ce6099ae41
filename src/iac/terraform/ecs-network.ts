/** @module ecs-network: the load balancers of an ECS stack and their security groups (Terraform). */

import { SERVICES_PER_LOAD_BALANCER } from '../../deployment/load-balancers.js';
import {
  ALB_TARGETS_NOTE,
  albTargetsDescription,
  albTargetsOf,
  albToTargetsDescription,
} from '../alb-targets.js';
import { attr, block, expr, fn, type HclBlock, nested, template } from '../hcl.js';
import {
  type LoadBalancerPlan,
  loadBalancerSchemes,
  planLoadBalancers,
  TLS_POLICY,
} from '../load-balancers.js';
import { toLoadBalancerName, toSecurityGroupName, toTerraformLabel } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { data, resource } from './terraform-blocks.js';

export function ecsNetworkBlocks(plan: StackPlan): HclBlock[] {
  const lbs = planLoadBalancers(plan);
  if (lbs.length === 0) return [];
  const internal = lbs.some((lb) => lb.scheme === 'internal');
  return [
    ...(internal
      ? [
          data(
            'aws_vpc',
            'this',
            [attr('count', expr('var.vpc_cidr == null ? 1 : 0')), attr('id', expr('var.vpc_id'))],
            ['The VPC CIDR for the internal ALB, looked up only when var.vpc_cidr is not given.'],
          ),
          block(
            'locals',
            [],
            [
              attr(
                'vpc_cidr',
                fn('coalesce', expr('var.vpc_cidr'), expr('one(data.aws_vpc.this[*].cidr_block)')),
              ),
            ],
          ),
        ]
      : []),
    ...loadBalancerSchemes(plan).flatMap((scheme) => [
      ...securityGroupBlocks(plan, scheme, loadBalancerSchemes(plan).length > 1),
      ...lbs.filter((lb) => lb.scheme === scheme).flatMap((lb) => loadBalancerBlocks(plan, lb)),
    ]),
  ];
}

/** One security group per scheme, shared by the scheme's ALBs: the services behind any of them trust it. */
function securityGroupBlocks(plan: StackPlan, scheme: 'public' | 'internal', both: boolean): HclBlock[] {
  const label = scheme;
  const sg = `aws_security_group.${label}_alb.id`;
  const isPublic = scheme === 'public';
  const ingress = (name: string, port: number, cidr: string) =>
    resource('aws_vpc_security_group_ingress_rule', `${label}_alb_${name}`, [
      attr('security_group_id', expr(sg)),
      attr('description', `${name.toUpperCase()} from ${isPublic ? 'the internet' : 'the VPC'}`),
      attr('cidr_ipv4', cidr.startsWith('local.') ? expr(cidr) : cidr),
      attr('from_port', port),
      attr('to_port', port),
      attr('ip_protocol', 'tcp'),
    ]);
  const comment = isPublic
    ? ['Internet-facing ALB for the public services; HTTP redirects to HTTPS.']
    : [
        'Internal ALB for the services reached from inside the VPC.',
        ...(both
          ? [
              'A second ALB, so internal services stay off the internet; Berth priced it as its own ALB-hours and LCUs.',
            ]
          : []),
      ];
  const blocks: HclBlock[] = [
    resource(
      'aws_security_group',
      `${label}_alb`,
      [
        attr('name', toSecurityGroupName([plan.name, label, 'alb'])),
        attr('description', `${isPublic ? 'Internet-facing' : 'Internal'} ALB of ${plan.name}`),
        attr('vpc_id', expr('var.vpc_id')),
      ],
      comment,
    ),
  ];
  if (isPublic) blocks.push(ingress('https', 443, '0.0.0.0/0'), ingress('http', 80, '0.0.0.0/0'));
  else blocks.push(ingress('http', 80, 'local.vpc_cidr'));
  return [...blocks, ...targetsBlocks(plan, scheme)];
}

/** The shared group of the awsvpc tasks behind the scheme's ALBs, and the ALB's one outbound rule to them. */
function targetsBlocks(plan: StackPlan, scheme: 'public' | 'internal'): HclBlock[] {
  const targets = albTargetsOf(plan, scheme);
  if (targets === null) return [];
  return [
    resource(
      'aws_security_group',
      `${scheme}_alb_targets`,
      [
        attr('name', toSecurityGroupName([plan.name, scheme, 'alb-targets'])),
        attr('description', albTargetsDescription(plan, scheme)),
        attr('vpc_id', expr('var.vpc_id')),
      ],
      ALB_TARGETS_NOTE,
    ),
    resource('aws_vpc_security_group_egress_rule', `${scheme}_alb_to_targets`, [
      attr('security_group_id', expr(`aws_security_group.${scheme}_alb.id`)),
      attr('description', albToTargetsDescription(targets.ports)),
      attr('referenced_security_group_id', expr(`aws_security_group.${scheme}_alb_targets.id`)),
      attr('from_port', targets.ports.from),
      attr('to_port', targets.ports.to),
      attr('ip_protocol', 'tcp'),
    ]),
  ];
}

function loadBalancerBlocks(plan: StackPlan, lb: LoadBalancerPlan): HclBlock[] {
  const label = toTerraformLabel(lb.name);
  const isPublic = lb.scheme === 'public';
  const split =
    lb.ofScheme > 1
      ? [
          `ALB ${lb.index + 1} of the ${lb.ofScheme} ${isPublic ? 'internet-facing' : 'internal'} ALBs: one holds at most ${SERVICES_PER_LOAD_BALANCER} services (a target group and a rule each). Berth priced each ALB's hours.`,
        ]
      : [];
  const blocks: HclBlock[] = [
    resource(
      'aws_lb',
      label,
      [
        attr('name', toLoadBalancerName([plan.name, lb.name])),
        attr('internal', !isPublic),
        attr('load_balancer_type', 'application'),
        attr('security_groups', [expr(`aws_security_group.${lb.scheme}_alb.id`)]),
        attr('subnets', expr(isPublic ? 'var.public_subnet_ids' : 'var.private_subnet_ids')),
        attr('drop_invalid_header_fields', true),
      ],
      split,
    ),
  ];
  const only = lb.services[0];
  const defaultAction =
    lb.hostRouting || only === undefined
      ? nested('default_action', [
          attr('type', 'fixed-response'),
          nested('fixed_response', [
            attr('content_type', 'text/plain'),
            attr('message_body', 'Not found'),
            attr('status_code', '404'),
          ]),
        ])
      : nested('default_action', [
          attr('type', 'forward'),
          attr('target_group_arn', expr(`aws_lb_target_group.${toTerraformLabel(only.name)}.arn`)),
        ]);
  if (isPublic) {
    blocks.push(
      resource('aws_lb_listener', `${label}_https`, [
        attr('load_balancer_arn', expr(`aws_lb.${label}.arn`)),
        attr('port', 443),
        attr('protocol', 'HTTPS'),
        attr('ssl_policy', TLS_POLICY),
        attr('certificate_arn', expr('var.certificate_arn')),
        defaultAction,
      ]),
      resource('aws_lb_listener', `${label}_http`, [
        attr('load_balancer_arn', expr(`aws_lb.${label}.arn`)),
        attr('port', 80),
        attr('protocol', 'HTTP'),
        nested('default_action', [
          attr('type', 'redirect'),
          nested('redirect', [
            attr('port', '443'),
            attr('protocol', 'HTTPS'),
            attr('status_code', 'HTTP_301'),
          ]),
        ]),
      ]),
    );
  } else {
    blocks.push(
      resource(
        'aws_lb_listener',
        `${label}_http`,
        [
          attr('load_balancer_arn', expr(`aws_lb.${label}.arn`)),
          attr('port', 80),
          attr('protocol', 'HTTP'),
          defaultAction,
        ],
        ['Plain HTTP inside the VPC; add an HTTPS listener if traffic must be encrypted in transit.'],
      ),
    );
  }
  return blocks;
}

/** The listener a service's traffic arrives on: HTTPS on an internet-facing ALB, HTTP on an internal one. */
export function listenerLabel(lb: LoadBalancerPlan): string {
  return `aws_lb_listener.${toTerraformLabel(lb.name)}_${lb.scheme === 'public' ? 'https' : 'http'}`;
}

/** `<service>.<domain>` for host routing on a shared load balancer. */
export function hostHeader(service: string) {
  return template(`${service}.`, expr('var.domain_name'));
}
