/**
 * @module price-ids: every price id Berth asks a price source for, built by typed helpers, and the unit each
 * one is priced in. The one place ids and units are spelled.
 */
import type { PriceId } from '../model/price.js';
import type { Architecture, OperatingSystem } from '../model/vocabulary.js';

/** Every non-EC2 price id, in a fixed order (the order of data/regions.json's lists). */
export const NON_EC2_PRICE_IDS = [
  'fargate:x86_64:linux:vcpu',
  'fargate:x86_64:linux:gb',
  'fargate:arm64:linux:vcpu',
  'fargate:arm64:linux:gb',
  'fargate:x86_64:windows:vcpu',
  'fargate:x86_64:windows:gb',
  'fargate-spot:x86_64:linux:vcpu',
  'fargate-spot:x86_64:linux:gb',
  'fargate-spot:arm64:linux:vcpu',
  'fargate-spot:arm64:linux:gb',
  'fargate:ephemeral-gb',
  'fargate:windows:os-license-vcpu',
  'eks:cluster-standard',
  'eks:cluster-extended',
  'alb:hour',
  'alb:lcu-hour',
  'nat:hour',
  'nat:gb',
  'vpc:public-ipv4-hour',
  'ecr:gb-month',
  'ebs:gp3-gb-month',
  'ebs:gp3-iops-month',
  'ebs:gp3-mbps-month',
  'ebs:gp2-gb-month',
  'dedicated:region-fee-hour',
  'vpc:gateway-endpoint-gb',
  'vpc:interface-endpoint-hour',
  'vpc:interface-endpoint-gb',
  'logs:ingest-gb',
  'logs:storage-gb-month',
  'cloudwatch:metric-month',
  'egress:internet-gb-first-10tb',
  'egress:internet-gb-next-40tb',
  'egress:internet-gb-next-100tb',
  'egress:internet-gb-over-150tb',
] as const satisfies readonly PriceId[];

export type NonEc2PriceId = (typeof NON_EC2_PRICE_IDS)[number];

const EC2_PREFIX = 'ec2:';

/**
 * How EC2 instances are bought: Linux on shared tenancy (`ec2:<type>`, in the snapshot), Windows
 * (`ec2-windows:<type>`) or dedicated tenancy (`ec2-dedicated:<type>`), which the snapshot does not carry,
 * so those lines are flagged as missing rather than priced at the Linux rate.
 */
export type Ec2PriceVariant = 'ec2' | 'ec2-windows' | 'ec2-dedicated';

/**
 * How a fleet's nodes are bought, by their operating system: a node runs Linux or Windows, and each is billed
 * at its own OS's rate (`ec2:` and `ec2-windows:`), or both at the dedicated rate where the fleet is dedicated.
 */
export type Ec2VariantByOs = Readonly<Record<OperatingSystem, Ec2PriceVariant>>;

/** gp3 EBS storage per GB-month (volumes of services, and node root volumes where the IaC asks for gp3). */
export const EBS_GP3_GB_MONTH = 'ebs:gp3-gb-month';

/** An EC2 instance-hour id of any purchase variant. */
export type Ec2VariantPriceId = `${Ec2PriceVariant}:${string}`;

/** The AWS-managed node options whose management fee is billed per instance-hour, by instance type. */
export type ManagementFeeKind = 'ecs-managed-instances' | 'eks-auto-mode';

/** The management fee of one instance-hour of `<type>` under an AWS-managed node option. */
export type ManagementFeePriceId = `${ManagementFeeKind}-fee:${string}`;

/**
 * Every id a cost line may carry, as a type: a misspelt id does not compile, where as a plain string it
 * would only show up as a MISSING line.
 */
export type KnownPriceId = NonEc2PriceId | Ec2VariantPriceId | ManagementFeePriceId;

const MANAGEMENT_FEE_ID = /^(ecs-managed-instances|eks-auto-mode)-fee:(.+)$/;

/** The management fee of one instance-hour of `instanceType` under `kind`. */
export function managementFeePriceId(kind: ManagementFeeKind, instanceType: string): ManagementFeePriceId {
  return `${kind}-fee:${instanceType}`;
}

/** The option and instance type of a management fee id, or undefined for any other id. */
export function parseManagementFeePriceId(
  id: PriceId,
): { kind: ManagementFeeKind; instanceType: string } | undefined {
  const match = MANAGEMENT_FEE_ID.exec(id);
  if (!match) return undefined;
  return { kind: match[1] as ManagementFeeKind, instanceType: match[2]! };
}

/** Fargate on-demand or Spot, per vCPU-hour or GB-hour. */
export function fargatePriceId(
  kind: 'fargate' | 'fargate-spot',
  architecture: Architecture,
  os: OperatingSystem,
  dimension: 'vcpu' | 'gb',
): NonEc2PriceId {
  const id = `${kind}:${architecture}:${os}:${dimension}`;
  if (!isNonEc2PriceId(id))
    throw new Error(`no Fargate price id ${id}: ${kind} is not sold for ${architecture} ${os}`);
  return id;
}

/** An EC2 instance-hour of `instanceType` bought as `variant`. */
export function ec2VariantPriceId(instanceType: string, variant: Ec2PriceVariant): Ec2VariantPriceId {
  return `${variant}:${instanceType}`;
}

/** Every `ec2:<type>` price is per instance-hour (on-demand Linux, shared tenancy). */
export const EC2_PRICE_UNIT = 'instance-hour';

export function ec2PriceId(instanceType: string): PriceId {
  return `${EC2_PREFIX}${instanceType}`;
}

/** The instance type of an `ec2:<type>` id, or undefined for any other id. */
export function instanceTypeOfPriceId(id: PriceId): string | undefined {
  return id.startsWith(EC2_PREFIX) && id.length > EC2_PREFIX.length ? id.slice(EC2_PREFIX.length) : undefined;
}

export function isNonEc2PriceId(id: PriceId): id is NonEc2PriceId {
  return (NON_EC2_PRICE_IDS as readonly string[]).includes(id);
}

/** The unit of each non-EC2 price id. */
export const NON_EC2_PRICE_UNITS: Readonly<Record<NonEc2PriceId, string>> = {
  'fargate:x86_64:linux:vcpu': 'vCPU-hour',
  'fargate:x86_64:linux:gb': 'GB-hour',
  'fargate:arm64:linux:vcpu': 'vCPU-hour',
  'fargate:arm64:linux:gb': 'GB-hour',
  'fargate:x86_64:windows:vcpu': 'vCPU-hour',
  'fargate:x86_64:windows:gb': 'GB-hour',
  'fargate-spot:x86_64:linux:vcpu': 'vCPU-hour',
  'fargate-spot:x86_64:linux:gb': 'GB-hour',
  'fargate-spot:arm64:linux:vcpu': 'vCPU-hour',
  'fargate-spot:arm64:linux:gb': 'GB-hour',
  'fargate:ephemeral-gb': 'GB-hour',
  'fargate:windows:os-license-vcpu': 'vCPU-hour',
  'eks:cluster-standard': 'cluster-hour',
  'eks:cluster-extended': 'cluster-hour',
  'alb:hour': 'load-balancer-hour',
  'alb:lcu-hour': 'LCU-hour',
  'nat:hour': 'gateway-hour',
  'nat:gb': 'GB',
  'vpc:public-ipv4-hour': 'address-hour',
  'ecr:gb-month': 'GB-month',
  'ebs:gp3-gb-month': 'GB-month',
  'ebs:gp3-iops-month': 'IOPS-month',
  'ebs:gp3-mbps-month': 'MBps-month',
  'ebs:gp2-gb-month': 'GB-month',
  'dedicated:region-fee-hour': 'region-hour',
  'vpc:gateway-endpoint-gb': 'GB',
  'vpc:interface-endpoint-hour': 'endpoint-AZ-hour',
  'vpc:interface-endpoint-gb': 'GB',
  'logs:ingest-gb': 'GB',
  'logs:storage-gb-month': 'GB-month',
  'cloudwatch:metric-month': 'metric-month',
  'egress:internet-gb-first-10tb': 'GB',
  'egress:internet-gb-next-40tb': 'GB',
  'egress:internet-gb-next-100tb': 'GB',
  'egress:internet-gb-over-150tb': 'GB',
};

/** The unit one price of this id is for, or undefined for an id Berth does not know. */
export function unitOfPriceId(id: PriceId): string | undefined {
  if (/^ec2(-windows|-dedicated)?:./.test(id)) return EC2_PRICE_UNIT;
  if (parseManagementFeePriceId(id) !== undefined) return EC2_PRICE_UNIT;
  return isNonEc2PriceId(id) ? NON_EC2_PRICE_UNITS[id] : undefined;
}
