/**
 * @module eks-load-balancer-controller: the AWS side of the AWS Load Balancer Controller, which turns the
 * Ingresses of the manifests into ALBs: its IAM role and policy and its EKS Pod Identity association.
 * Its install is in platform/. https://docs.aws.amazon.com/eks/latest/userguide/lbc-helm.html
 */
import { attr, expr, type HclBlock, type HclValue } from '../hcl.js';
import { toAwsName } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { resource, role, rolePolicy } from './terraform-blocks.js';

export const LBC_NAMESPACE = 'kube-system';
export const LBC_SERVICE_ACCOUNT = 'aws-load-balancer-controller';

/**
 * The controller is needed where some service is behind a load balancer (an Ingress). Berth installs it
 * where the cluster has EC2 nodes: its credentials come from EKS Pod Identity, which does not work on
 * Fargate (https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html).
 */
export function usesLoadBalancerController(plan: StackPlan): boolean {
  return plan.pools.length > 0 && plan.services.some((s) => s.exposure !== 'none');
}

export function loadBalancerControllerBlocks(plan: StackPlan): HclBlock[] {
  if (!usesLoadBalancerController(plan)) return [];
  return [
    ...role(
      'load_balancer_controller',
      toAwsName([plan.name, 'aws-load-balancer-controller'], 64),
      'pods.eks.amazonaws.com',
      [],
      ['The AWS Load Balancer Controller assumes this role through EKS Pod Identity.'],
      ['sts:AssumeRole', 'sts:TagSession'],
    ),
    rolePolicy(
      'load_balancer_controller',
      'load_balancer_controller',
      'aws-load-balancer-controller',
      controllerStatements(),
      [
        'Written from the permissions the controller documents: read EC2, ELB, ACM, WAF and Shield; create',
        'load balancers, target groups and security groups tagged for the cluster, and change only those.',
        'Compare with the iam_policy.json of the controller version you install:',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/',
      ],
    ),
    resource('aws_eks_pod_identity_association', 'load_balancer_controller', [
      attr('cluster_name', expr('aws_eks_cluster.this.name')),
      attr('namespace', LBC_NAMESPACE),
      attr('service_account', LBC_SERVICE_ACCOUNT),
      attr('role_arn', expr('aws_iam_role.load_balancer_controller.arn')),
    ]),
  ];
}

/** The tag the controller puts on what it creates; changes are limited to resources that carry it. */
const OWNED = { Null: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' } };

function controllerStatements(): HclValue[] {
  return [
    {
      Sid: 'ServiceLinkedRole',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    },
    {
      Sid: 'Read',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeAddresses',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeCoipPools',
        'ec2:DescribeInstances',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeIpamPools',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeRouteTables',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeTags',
        'ec2:DescribeVpcPeeringConnections',
        'ec2:DescribeVpcs',
        'ec2:GetCoipPoolUsage',
        'ec2:GetSecurityGroupsForVpc',
        'elasticloadbalancing:DescribeCapacityReservation',
        'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeSSLPolicies',
        'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTrustStores',
        'acm:DescribeCertificate',
        'acm:ListCertificates',
        'cognito-idp:DescribeUserPoolClient',
        'iam:GetServerCertificate',
        'iam:ListServerCertificates',
        'shield:DescribeProtection',
        'shield:GetSubscriptionState',
        'waf-regional:GetWebACL',
        'waf-regional:GetWebACLForResource',
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
      ],
      Resource: '*',
    },
    {
      Sid: 'AttachProtection',
      Effect: 'Allow',
      Action: [
        'shield:CreateProtection',
        'shield:DeleteProtection',
        'waf-regional:AssociateWebACL',
        'waf-regional:DisassociateWebACL',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
      ],
      Resource: '*',
    },
    {
      Sid: 'SecurityGroups',
      Effect: 'Allow',
      Action: [
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:CreateSecurityGroup',
        'ec2:RevokeSecurityGroupIngress',
      ],
      Resource: '*',
    },
    {
      Sid: 'TagNewSecurityGroups',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: 'arn:aws:ec2:*:*:security-group/*',
      Condition: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' } },
    },
    {
      Sid: 'ManageOwnSecurityGroups',
      Effect: 'Allow',
      Action: ['ec2:CreateTags', 'ec2:DeleteSecurityGroup', 'ec2:DeleteTags'],
      Resource: '*',
      Condition: OWNED,
    },
    {
      Sid: 'CreateTaggedLoadBalancers',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
      Resource: '*',
      Condition: { Null: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'false' } },
    },
    {
      Sid: 'TagOnCreate',
      Effect: 'Allow',
      Action: 'elasticloadbalancing:AddTags',
      Resource: '*',
      Condition: {
        StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] },
      },
    },
    {
      Sid: 'ManageOwnLoadBalancers',
      Effect: 'Allow',
      Action: [
        'elasticloadbalancing:AddTags',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:ModifyCapacityReservation',
        'elasticloadbalancing:ModifyIpPools',
        'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:RemoveTags',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
      ],
      Resource: '*',
      Condition: OWNED,
    },
    {
      Sid: 'ListenersRulesTargets',
      Effect: 'Allow',
      Action: [
        'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:CreateListener',
        'elasticloadbalancing:CreateRule',
        'elasticloadbalancing:DeleteListener',
        'elasticloadbalancing:DeleteRule',
        'elasticloadbalancing:DeregisterTargets',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:RegisterTargets',
        'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:SetRulePriorities',
        'elasticloadbalancing:SetWebAcl',
      ],
      Resource: '*',
    },
  ];
}
