/**
 * @module price-list-queries: for each price id, the exact GetProducts filters and the usage types that
 * identify its product, so no neighbouring SKU (ARM, Windows, Spot, trust store, ...) can be taken for it.
 * Filters and usage types: docs/pricing.md#usage-types-and-region-prefixes; filter semantics:
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_Filter.html
 */

import type { PriceId } from '../model/price.js';
import {
  EC2_PRICE_UNIT,
  instanceTypeOfPriceId,
  isNonEc2PriceId,
  type ManagementFeeKind,
  NON_EC2_PRICE_UNITS,
  type NonEc2PriceId,
  parseManagementFeePriceId,
} from './price-ids.js';

/**
 * TERM_MATCH only: the other filter types are newer and their list encoding is unconfirmed
 * (docs/pricing.md#filter-semantics).
 */
export interface PriceListFilter {
  Type: 'TERM_MATCH';
  Field: string;
  Value: string;
}

export interface PriceListQuery {
  serviceCode: string;
  filters: PriceListFilter[];
  /** Berth's unit of the price (see price-ids.ts), not AWS's unit text. */
  unit: string;
  /**
   * One pattern per product the price is made of; each must match exactly one price among the results,
   * and the price is their sum (EKS extended support = perCluster + the extendedSupport surcharge).
   */
  usageTypes: RegExp[];
}

/**
 * Usage types carry a region prefix (`USE1-`, `EUC1-`, `APS3-`, and plain `EU-` for eu-west-1), except
 * some us-east-1 ones (`BoxUsage:m5.large`, `NatGateway-Hours`):
 * docs/pricing.md#usage-types-and-region-prefixes. The prefix needs a digit
 * unless it is `EU`, so that `TS-LoadBalancerUsage` (ALB trust store) is not read as `LoadBalancerUsage`.
 */
const REGION_PREFIX = '(?:[A-Z]{2,4}\\d-|EU-)?';

function exactUsageType(name: string): RegExp {
  return new RegExp(`^${REGION_PREFIX}${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

function term(Field: string, Value: string): PriceListFilter {
  return { Type: 'TERM_MATCH', Field, Value };
}

interface ProductSpec {
  serviceCode: string;
  productFamily: string | null;
  usageTypes: string[];
  /** Further TERM_MATCH filters on product attributes. */
  attributes?: Record<string, string>;
}

const EBS = (productFamily: string, volumeApiName: string, usageType: string): ProductSpec => ({
  serviceCode: 'AmazonEC2',
  productFamily,
  usageTypes: [usageType],
  attributes: { volumeApiName },
});

const ECS = (...usageTypes: string[]): ProductSpec => ({
  serviceCode: 'AmazonECS',
  productFamily: 'Compute',
  usageTypes,
});

/**
 * The Fargate Spot usage types are unconfirmed: a 2026 bill shows `EUC1-SpotUsage-Fargate-ARM-GB-Hours`
 * and a fixture `USE1-SpotUsage:Fargate-vCPU-Hours:perCPU` (docs/pricing.md#fargate-spot-usage-type), so
 * both separators match.
 * The Windows GB usage type is unconfirmed too; a miss falls back to the snapshot with a warning.
 */
const PRODUCTS: Record<NonEc2PriceId, ProductSpec | null> = {
  'fargate:x86_64:linux:vcpu': ECS('Fargate-vCPU-Hours:perCPU'),
  'fargate:x86_64:linux:gb': ECS('Fargate-GB-Hours'),
  'fargate:arm64:linux:vcpu': ECS('Fargate-ARM-vCPU-Hours:perCPU'),
  'fargate:arm64:linux:gb': ECS('Fargate-ARM-GB-Hours'),
  'fargate:x86_64:windows:vcpu': ECS('Fargate-Windows-vCPU-Hours:perCPU'),
  'fargate:x86_64:windows:gb': ECS('Fargate-Windows-GB-Hours'),
  'fargate-spot:x86_64:linux:vcpu': ECS('SpotUsage[-:]Fargate-vCPU-Hours:perCPU'),
  'fargate-spot:x86_64:linux:gb': ECS('SpotUsage[-:]Fargate-GB-Hours'),
  'fargate-spot:arm64:linux:vcpu': ECS('SpotUsage[-:]Fargate-ARM-vCPU-Hours:perCPU'),
  'fargate-spot:arm64:linux:gb': ECS('SpotUsage[-:]Fargate-ARM-GB-Hours'),
  'fargate:ephemeral-gb': ECS('Fargate-EphemeralStorage-GB-Hours'),
  'fargate:windows:os-license-vcpu': ECS('Fargate-Windows-OS-Hours:perCPU'),
  'eks:cluster-standard': {
    serviceCode: 'AmazonEKS',
    productFamily: 'Compute',
    usageTypes: ['AmazonEKS-Hours:perCluster'],
  },
  // The Price List has extended support as a surcharge on top of perCluster; the EKS pricing page quotes
  // the total (https://aws.amazon.com/eks/pricing/), which is what this id means.
  'eks:cluster-extended': {
    serviceCode: 'AmazonEKS',
    productFamily: 'Compute',
    usageTypes: ['AmazonEKS-Hours:perCluster', 'AmazonEKS-Hours:extendedSupport'],
  },
  'alb:hour': {
    serviceCode: 'AWSELB',
    productFamily: 'Load Balancer-Application',
    usageTypes: ['LoadBalancerUsage'],
  },
  'alb:lcu-hour': {
    serviceCode: 'AWSELB',
    productFamily: 'Load Balancer-Application',
    usageTypes: ['LCUUsage'],
  },
  'nat:hour': { serviceCode: 'AmazonEC2', productFamily: 'NAT Gateway', usageTypes: ['NatGateway-Hours'] },
  'nat:gb': { serviceCode: 'AmazonEC2', productFamily: 'NAT Gateway', usageTypes: ['NatGateway-Bytes'] },
  // No productFamily: the public IPv4 product's family is not known from a real item.
  'vpc:public-ipv4-hour': {
    serviceCode: 'AmazonVPC',
    productFamily: null,
    usageTypes: ['PublicIPv4:InUseAddress'],
  },
  'ecr:gb-month': {
    serviceCode: 'AmazonECR',
    productFamily: 'EC2 Container Registry',
    usageTypes: ['TimedStorage-ByteHrs'],
  },
  // EBS: the usage types AWS bills (EBS:VolumeUsage.gp3, EBS:VolumeP-IOPS.gp3, EBS:VolumeP-Throughput.gp3),
  // narrowed by volume type so the query does not page through every EC2 product. The product families
  // are unconfirmed from a real item; a miss falls back to the snapshot with a warning.
  'ebs:gp3-gb-month': EBS('Storage', 'gp3', 'EBS:VolumeUsage\\.gp3'),
  'ebs:gp3-iops-month': EBS('System Operation', 'gp3', 'EBS:VolumeP-IOPS\\.gp3'),
  'ebs:gp3-mbps-month': EBS('Provisioned Throughput', 'gp3', 'EBS:VolumeP-Throughput\\.gp3'),
  'ebs:gp2-gb-month': EBS('Storage', 'gp2', 'EBS:VolumeUsage\\.gp2'),
  // The per-region Dedicated Instances fee has no usage type known from a real item, so the live source
  // does not ask for it: it stays the snapshot's, or MISSING.
  'dedicated:region-fee-hour': null,
  // Gateway endpoints have no product: AWS charges nothing for them
  // (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html), so the snapshot's $0 stands.
  'vpc:gateway-endpoint-gb': null,
  // The interface-endpoint, CloudWatch and data-transfer usage types and families are unconfirmed from a real
  // item (docs/pricing.md#network-and-logging-prices): a miss falls back to the snapshot with a warning.
  // Tiered products give their first paid tier (price-list-parse.ts), which is what these ids mean.
  'vpc:interface-endpoint-hour': {
    serviceCode: 'AmazonVPC',
    productFamily: null,
    usageTypes: ['VpcEndpoint-Hours'],
  },
  'vpc:interface-endpoint-gb': {
    serviceCode: 'AmazonVPC',
    productFamily: null,
    usageTypes: ['VpcEndpoint-Bytes'],
  },
  'logs:ingest-gb': {
    serviceCode: 'AmazonCloudWatch',
    productFamily: null,
    usageTypes: ['DataProcessing-Bytes'],
  },
  'logs:storage-gb-month': {
    serviceCode: 'AmazonCloudWatch',
    productFamily: null,
    usageTypes: ['TimedStorage-ByteHrs'],
  },
  'cloudwatch:metric-month': {
    serviceCode: 'AmazonCloudWatch',
    productFamily: null,
    usageTypes: ['CW:MetricMonitorUsage'],
  },
  'egress:internet-gb-first-10tb': {
    serviceCode: 'AWSDataTransfer',
    productFamily: null,
    usageTypes: ['DataTransfer-Out-Bytes'],
  },
  // The later tiers are dimensions of the same product, which the parser does not pick: snapshot or MISSING.
  'egress:internet-gb-next-40tb': null,
  'egress:internet-gb-next-100tb': null,
  'egress:internet-gb-over-150tb': null,
};

/**
 * EC2 Linux on-demand, shared tenancy: the seven filters Infracost uses. Without capacitystatus=Used,
 * AllocatedCapacityReservation and UnusedCapacityReservation SKUs match too
 * (docs/pricing.md#ec2-on-demand-filters).
 */
function ec2Query(region: string, instanceType: string): PriceListQuery {
  return {
    serviceCode: 'AmazonEC2',
    filters: [
      term('instanceType', instanceType),
      term('regionCode', region),
      term('operatingSystem', 'Linux'),
      term('tenancy', 'Shared'),
      term('preInstalledSw', 'NA'),
      term('capacitystatus', 'Used'),
      term('licenseModel', 'No License required'),
    ],
    unit: EC2_PRICE_UNIT,
    usageTypes: [exactUsageType(`BoxUsage:${instanceType}`)],
  };
}

/**
 * The per-instance-hour management fees, one product per instance type: EKS Auto Mode under AmazonEKS
 * (`eksproducttype` AutoMode, operation `EKSAutoUsage`, attribute `instancetype`), ECS Managed Instances
 * under AmazonECS (operation `ECSManagedInstancesUsage`, attribute `instanceType`). The attribute names
 * come from public Price List readers, not from an AWS page; their usage type names are not known, so any
 * one product the filters leave is taken, whatever its usage type and even without one, and two of
 * different prices are refused as ambiguous (docs/aws-managed-nodes.md#prices).
 */
const MANAGEMENT_FEE_PRODUCTS: Record<
  ManagementFeeKind,
  { serviceCode: string; filters: PriceListFilter[] }
> = {
  'eks-auto-mode': {
    serviceCode: 'AmazonEKS',
    filters: [term('eksproducttype', 'AutoMode'), term('operation', 'EKSAutoUsage')],
  },
  'ecs-managed-instances': {
    serviceCode: 'AmazonECS',
    filters: [term('operation', 'ECSManagedInstancesUsage')],
  },
};

function managementFeeQuery(region: string, kind: ManagementFeeKind, instanceType: string): PriceListQuery {
  const product = MANAGEMENT_FEE_PRODUCTS[kind];
  const typeField = kind === 'eks-auto-mode' ? 'instancetype' : 'instanceType';
  return {
    serviceCode: product.serviceCode,
    filters: [term(typeField, instanceType), term('regionCode', region), ...product.filters],
    unit: EC2_PRICE_UNIT,
    // Any usage type, the empty one included: `/^.+$/` refused a fee product without a usagetype
    // attribute although its filters had found it, so advise() fell back to the assumed fee.
    usageTypes: [/^.*$/],
  };
}

/** The query for one price id in one region, or undefined for an id the Price List cannot answer. */
export function priceListQueryFor(region: string, id: PriceId): PriceListQuery | undefined {
  const instanceType = instanceTypeOfPriceId(id);
  if (instanceType !== undefined) return ec2Query(region, instanceType);
  const fee = parseManagementFeePriceId(id);
  if (fee !== undefined) return managementFeeQuery(region, fee.kind, fee.instanceType);
  if (!isNonEc2PriceId(id)) return undefined;
  const spec = PRODUCTS[id];
  if (spec === null) return undefined;
  const filters = [term('regionCode', region)];
  if (spec.productFamily !== null) filters.push(term('productFamily', spec.productFamily));
  for (const [field, value] of Object.entries(spec.attributes ?? {})) filters.push(term(field, value));
  // Usage types are matched on the results, not filtered on: their region prefix is not known in advance.
  const usageTypes = spec.usageTypes.map((name) => new RegExp(`^${REGION_PREFIX}${name}$`));
  return { serviceCode: spec.serviceCode, filters, unit: NON_EC2_PRICE_UNITS[id], usageTypes };
}

/** Queries with the same service and filters share one paginated request. */
export function queryKey(query: PriceListQuery): string {
  return `${query.serviceCode} ${JSON.stringify(query.filters)}`;
}
