/** @module ecs-network: the load balancers of an ECS stack and their security groups (CloudFormation). */
import { SERVICES_PER_LOAD_BALANCER } from '../../deployment/load-balancers.js';
import {
  ALB_TARGETS_NOTE,
  albTargetsDescription,
  albTargetsOf,
  albToTargetsDescription,
} from '../alb-targets.js';
import {
  type LoadBalancerPlan,
  loadBalancerSchemes,
  planLoadBalancers,
  TLS_POLICY,
} from '../load-balancers.js';
import { toLoadBalancerName, toLogicalId } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { type CfnResource, type CfnValue, getAtt, ref } from './cfn.js';

/**
 * A security group without outbound rules: CloudFormation adds allow-all egress unless the group lists
 * some, so it lists one that matches nothing (as the AWS CDK does) and the real rules are added separately.
 */
export const NO_EGRESS = [
  {
    CidrIp: '255.255.255.255/32',
    IpProtocol: 'icmp',
    FromPort: 252,
    ToPort: 86,
    Description: 'Disallow all traffic',
  },
];

export function loadBalancerId(lb: LoadBalancerPlan): string {
  return `${toLogicalId(lb.name)}LoadBalancer`;
}

/** One security group per scheme, shared by the scheme's ALBs. */
export function albSecurityGroupId(scheme: 'public' | 'internal'): string {
  return `${toLogicalId(scheme)}AlbSecurityGroup`;
}

/** The shared group of the awsvpc tasks behind the scheme's ALBs (alb-targets.ts). */
export function albTargetsSecurityGroupId(scheme: 'public' | 'internal'): string {
  return `${toLogicalId(scheme)}AlbTargetsSecurityGroup`;
}

/** The listener a service's traffic arrives on: HTTPS on an internet-facing ALB, HTTP on an internal one. */
export function listenerId(lb: LoadBalancerPlan): string {
  return `${toLogicalId(lb.name)}${lb.scheme === 'public' ? 'Https' : 'Http'}Listener`;
}

export function ecsNetworkResources(plan: StackPlan): Record<string, CfnResource> {
  const lbs = planLoadBalancers(plan);
  const schemes = loadBalancerSchemes(plan);
  return Object.assign(
    {},
    ...schemes.flatMap((scheme) => [
      securityGroup(plan, scheme, schemes.length > 1),
      ...lbs.filter((lb) => lb.scheme === scheme).map((lb) => loadBalancer(plan, lb)),
    ]),
  );
}

function securityGroup(
  plan: StackPlan,
  scheme: 'public' | 'internal',
  both: boolean,
): Record<string, CfnResource> {
  const isPublic = scheme === 'public';
  const ingress = (port: number): CfnValue =>
    isPublic
      ? {
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          CidrIp: '0.0.0.0/0',
          Description: `Port ${port} from the internet`,
        }
      : {
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          CidrIp: ref('VpcCidr'),
          Description: `Port ${port} from the VPC`,
        };
  return {
    [albSecurityGroupId(scheme)]: {
      Type: 'AWS::EC2::SecurityGroup',
      comment: isPublic
        ? ['Internet-facing ALB for the public services; HTTP redirects to HTTPS.']
        : [
            'Internal ALB for the services reached from inside the VPC.',
            ...(both
              ? [
                  'A second ALB, so internal services stay off the internet; Berth priced it as its own ALB-hours and LCUs.',
                ]
              : []),
          ],
      Properties: {
        GroupDescription: `${isPublic ? 'Internet-facing' : 'Internal'} ALB of ${plan.name}`,
        VpcId: ref('VpcId'),
        SecurityGroupIngress: isPublic ? [ingress(443), ingress(80)] : [ingress(80)],
        SecurityGroupEgress: NO_EGRESS,
      },
    },
    ...targetsResources(plan, scheme),
  };
}

/** The shared group of the awsvpc tasks behind the scheme's ALBs, and the ALB's one outbound rule to them. */
function targetsResources(plan: StackPlan, scheme: 'public' | 'internal'): Record<string, CfnResource> {
  const targets = albTargetsOf(plan, scheme);
  if (targets === null) return {};
  const id = albTargetsSecurityGroupId(scheme);
  return {
    [id]: {
      Type: 'AWS::EC2::SecurityGroup',
      comment: [...ALB_TARGETS_NOTE],
      Properties: {
        GroupDescription: albTargetsDescription(plan, scheme),
        VpcId: ref('VpcId'),
        SecurityGroupEgress: NO_EGRESS,
      },
    },
    [`${toLogicalId(scheme)}AlbToTargetsEgress`]: {
      Type: 'AWS::EC2::SecurityGroupEgress',
      Properties: {
        GroupId: getAtt(albSecurityGroupId(scheme), 'GroupId'),
        DestinationSecurityGroupId: getAtt(id, 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: targets.ports.from,
        ToPort: targets.ports.to,
        Description: albToTargetsDescription(targets.ports),
      },
    },
  };
}

function loadBalancer(plan: StackPlan, lb: LoadBalancerPlan): Record<string, CfnResource> {
  const isPublic = lb.scheme === 'public';
  const id = toLogicalId(lb.name);
  const only = lb.services[0];
  const defaultActions: CfnValue =
    lb.hostRouting || only === undefined
      ? [
          {
            Type: 'fixed-response',
            FixedResponseConfig: { ContentType: 'text/plain', MessageBody: 'Not found', StatusCode: '404' },
          },
        ]
      : [{ Type: 'forward', TargetGroupArn: ref(`${toLogicalId(only.name)}TargetGroup`) }];
  const resources: Record<string, CfnResource> = {
    [loadBalancerId(lb)]: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      ...(lb.ofScheme > 1
        ? {
            comment: [
              `ALB ${lb.index + 1} of the ${lb.ofScheme} ${isPublic ? 'internet-facing' : 'internal'} ALBs: one holds at most ${SERVICES_PER_LOAD_BALANCER} services (a target group and a rule each). Berth priced each ALB's hours.`,
            ],
          }
        : {}),
      Properties: {
        Name: toLoadBalancerName([plan.name, lb.name]),
        Type: 'application',
        Scheme: isPublic ? 'internet-facing' : 'internal',
        SecurityGroups: [ref(albSecurityGroupId(lb.scheme))],
        Subnets: ref(isPublic ? 'PublicSubnetIds' : 'PrivateSubnetIds'),
        LoadBalancerAttributes: [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }],
      },
    },
  };
  if (isPublic) {
    resources[listenerId(lb)] = {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref(loadBalancerId(lb)),
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: TLS_POLICY,
        Certificates: [{ CertificateArn: ref('CertificateArn') }],
        DefaultActions: defaultActions,
      },
    };
    resources[`${id}HttpListener`] = {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref(loadBalancerId(lb)),
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [
          { Type: 'redirect', RedirectConfig: { Port: '443', Protocol: 'HTTPS', StatusCode: 'HTTP_301' } },
        ],
      },
    };
  } else {
    resources[listenerId(lb)] = {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      comment: ['Plain HTTP inside the VPC; add an HTTPS listener if traffic must be encrypted in transit.'],
      Properties: {
        LoadBalancerArn: ref(loadBalancerId(lb)),
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: defaultActions,
      },
    };
  }
  return resources;
}

/** An ingress rule on `groupId` from `sourceGroupId`, and the matching egress on the source (ALB → targets). */
export function securityGroupLink(
  name: string,
  groupId: string,
  sourceGroupId: string,
  ports: { from: number; to: number },
  what: string,
): Record<string, CfnResource> {
  return {
    ...securityGroupIngress(name, groupId, sourceGroupId, ports, what),
    [`${name}Egress`]: {
      Type: 'AWS::EC2::SecurityGroupEgress',
      Properties: {
        GroupId: getAtt(sourceGroupId, 'GroupId'),
        DestinationSecurityGroupId: getAtt(groupId, 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: ports.from,
        ToPort: ports.to,
        Description: `To ${what}`,
      },
    },
  };
}

/** An ingress rule on `groupId` from `sourceGroupId` (the load balancer's group). */
export function securityGroupIngress(
  name: string,
  groupId: string,
  sourceGroupId: string,
  ports: { from: number; to: number },
  what: string,
): Record<string, CfnResource> {
  return {
    [`${name}Ingress`]: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: getAtt(groupId, 'GroupId'),
        SourceSecurityGroupId: getAtt(sourceGroupId, 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: ports.from,
        ToPort: ports.to,
        Description: `${what} from the load balancer`,
      },
    },
  };
}
