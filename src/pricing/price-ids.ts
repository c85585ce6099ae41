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
  'eks:cluster-standard',
  'eks:cluster-extended',
  'alb:hour',
  'alb:lcu-hour',
  'nat:hour',
  'nat:gb',
  'vpc:public-ipv4-hour',
  'ecr:gb-month',
] as const satisfies readonly PriceId[];

export type NonEc2PriceId = (typeof NON_EC2_PRICE_IDS)[number];

const EC2_PREFIX = 'ec2:';

/**
 * How EC2 instances are bought: Linux on shared tenancy (`ec2:<type>`, in the snapshot), Windows
 * (`ec2-windows:<type>`) or dedicated tenancy (`ec2-dedicated:<type>`), which the snapshot does not carry,
 * so those lines are flagged as missing rather than priced at the Linux rate.
 */
export type Ec2PriceVariant = 'ec2' | 'ec2-windows' | 'ec2-dedicated';

/** gp3 EBS storage per GB-month: not in the snapshot yet, so asked for and flagged when missing. */
export const EBS_GP3_GB_MONTH = 'ebs:gp3-gb-month';

/** Ids asked for although the snapshot never has them, so their lines are flagged rather than dropped. */
export const UNSNAPSHOTTED_PRICE_IDS: readonly PriceId[] = [EBS_GP3_GB_MONTH];

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
export type KnownPriceId = NonEc2PriceId | Ec2VariantPriceId | typeof EBS_GP3_GB_MONTH | ManagementFeePriceId;

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
  'eks:cluster-standard': 'cluster-hour',
  'eks:cluster-extended': 'cluster-hour',
  'alb:hour': 'load-balancer-hour',
  'alb:lcu-hour': 'LCU-hour',
  'nat:hour': 'gateway-hour',
  'nat:gb': 'GB',
  'vpc:public-ipv4-hour': 'address-hour',
  'ecr:gb-month': 'GB-month',
};

/** The unit one price of this id is for, or undefined for an id Berth does not know. */
export function unitOfPriceId(id: PriceId): string | undefined {
  if (/^ec2(-windows|-dedicated)?:./.test(id)) return EC2_PRICE_UNIT;
  if (parseManagementFeePriceId(id) !== undefined) return EC2_PRICE_UNIT;
  if (id === EBS_GP3_GB_MONTH) return 'GB-month';
  return isNonEc2PriceId(id) ? NON_EC2_PRICE_UNITS[id] : undefined;
}
