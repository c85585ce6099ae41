import { describe, expect, it } from 'vitest';
import { NON_EC2_PRICE_IDS } from '../../src/pricing/price-ids.js';
import { priceListQueryFor, queryKey } from '../../src/pricing/price-list-queries.js';

function matches(id: string, usagetype: string, region = 'eu-west-1'): boolean {
  const query = priceListQueryFor(region, id);
  if (query === undefined) throw new Error(`no query for ${id}`);
  return query.usageTypes.every((pattern) => pattern.test(usagetype));
}

describe('priceListQueryFor', () => {
  it('has a query for every non-EC2 price id but the dedicated fee, the free gateway endpoint and the later egress tiers', () => {
    const unanswered = [
      'dedicated:region-fee-hour',
      'vpc:gateway-endpoint-gb',
      'egress:internet-gb-next-40tb',
      'egress:internet-gb-next-100tb',
      'egress:internet-gb-over-150tb',
    ];
    for (const id of NON_EC2_PRICE_IDS.filter((i) => !unanswered.includes(i)))
      expect(priceListQueryFor('us-east-1', id), id).toBeDefined();
    for (const id of unanswered) expect(priceListQueryFor('us-east-1', id), id).toBeUndefined();
    expect(priceListQueryFor('us-east-1', 'lambda:gb-second')).toBeUndefined();
    expect(priceListQueryFor('us-east-1', 'ec2:')).toBeUndefined();
  });

  it('matches the x86 Fargate usage type with or without a region prefix, and nothing else', () => {
    const id = 'fargate:x86_64:linux:vcpu';
    expect(matches(id, 'Fargate-vCPU-Hours:perCPU')).toBe(true);
    expect(matches(id, 'EU-Fargate-vCPU-Hours:perCPU')).toBe(true);
    expect(matches(id, 'APS3-Fargate-vCPU-Hours:perCPU')).toBe(true);
    expect(matches(id, 'EUC1-Fargate-ARM-vCPU-Hours:perCPU')).toBe(false);
    expect(matches(id, 'EUC1-Fargate-Windows-vCPU-Hours:perCPU')).toBe(false);
    expect(matches(id, 'EUC1-SpotUsage-Fargate-vCPU-Hours:perCPU')).toBe(false);
    expect(matches(id, 'EUC1-Fargate-vCPU-Hours:perCPU-Extra')).toBe(false);
  });

  it('tells the Windows OS licence fee from the Windows vCPU rate', () => {
    const id = 'fargate:windows:os-license-vcpu';
    expect(matches(id, 'USE1-Fargate-Windows-OS-Hours:perCPU')).toBe(true);
    expect(matches(id, 'USE1-Fargate-Windows-vCPU-Hours:perCPU')).toBe(false);
    expect(matches('fargate:x86_64:windows:vcpu', 'USE1-Fargate-Windows-OS-Hours:perCPU')).toBe(false);
  });

  it('matches gp3 storage, IOPS and throughput, and not gp2', () => {
    expect(matches('ebs:gp3-gb-month', 'EBS:VolumeUsage.gp3', 'us-east-1')).toBe(true);
    expect(matches('ebs:gp3-gb-month', 'EBS:VolumeUsage.gp2', 'us-east-1')).toBe(false);
    expect(matches('ebs:gp3-iops-month', 'EUC1-EBS:VolumeP-IOPS.gp3')).toBe(true);
    expect(matches('ebs:gp3-mbps-month', 'EUC1-EBS:VolumeP-Throughput.gp3')).toBe(true);
  });

  it('tells interface-endpoint hours from their bytes, and log ingestion from the infrequent-access class', () => {
    expect(matches('vpc:interface-endpoint-hour', 'USE1-VpcEndpoint-Hours', 'us-east-1')).toBe(true);
    expect(matches('vpc:interface-endpoint-hour', 'USE1-VpcEndpoint-Bytes', 'us-east-1')).toBe(false);
    expect(matches('logs:ingest-gb', 'USE1-DataProcessing-Bytes', 'us-east-1')).toBe(true);
    expect(matches('logs:ingest-gb', 'USE1-DataProcessingIA-Bytes', 'us-east-1')).toBe(false);
    expect(matches('egress:internet-gb-first-10tb', 'EU-DataTransfer-Out-Bytes')).toBe(true);
  });

  it('matches both spellings seen for Fargate Spot', () => {
    expect(matches('fargate-spot:arm64:linux:gb', 'EUC1-SpotUsage-Fargate-ARM-GB-Hours')).toBe(true);
    expect(matches('fargate-spot:x86_64:linux:vcpu', 'USE1-SpotUsage:Fargate-vCPU-Hours:perCPU')).toBe(true);
    expect(matches('fargate-spot:x86_64:linux:gb', 'EUC1-SpotUsage-Fargate-ARM-GB-Hours')).toBe(false);
  });

  it('does not take the ALB trust store or the regional NAT gateway for the plain products', () => {
    expect(matches('alb:hour', 'EU-LoadBalancerUsage')).toBe(true);
    expect(matches('alb:hour', 'TS-LoadBalancerUsage')).toBe(false);
    expect(matches('nat:hour', 'NatGateway-Hours')).toBe(true);
    expect(matches('nat:hour', 'USE1-RegionalNatGateway-Hours')).toBe(false);
  });

  it('escapes the instance type, so m5.large does not match m5xlarge', () => {
    expect(matches('ec2:m5.large', 'EUC1-BoxUsage:m5.large')).toBe(true);
    expect(matches('ec2:m5.large', 'EUC1-BoxUsage:m5Xlarge')).toBe(false);
    expect(matches('ec2:m5.large', 'EUC1-DedicatedUsage:m5.large')).toBe(false);
  });

  it('makes EKS extended support need both products', () => {
    const query = priceListQueryFor('us-east-1', 'eks:cluster-extended');
    expect(query?.usageTypes.map(String)).toEqual([
      '/^(?:[A-Z]{2,4}\\d-|EU-)?AmazonEKS-Hours:perCluster$/',
      '/^(?:[A-Z]{2,4}\\d-|EU-)?AmazonEKS-Hours:extendedSupport$/',
    ]);
  });

  it('groups ids of one service and filters under one key, and keeps regions apart', () => {
    const key = (region: string, id: string) => queryKey(priceListQueryFor(region, id)!);
    expect(key('us-east-1', 'fargate:x86_64:linux:vcpu')).toBe(key('us-east-1', 'fargate:ephemeral-gb'));
    expect(key('us-east-1', 'nat:hour')).toBe(key('us-east-1', 'nat:gb'));
    expect(key('us-east-1', 'nat:hour')).not.toBe(key('eu-west-1', 'nat:hour'));
    expect(key('us-east-1', 'ec2:m5.large')).not.toBe(key('us-east-1', 'ec2:m5.xlarge'));
  });

  it('asks for a management fee by instance type, refusing two products of different prices', () => {
    const query = priceListQueryFor('eu-west-1', 'ecs-managed-instances-fee:g5.xlarge');
    expect(query).toMatchObject({ serviceCode: 'AmazonECS', unit: 'instance-hour' });
    expect(query?.filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'g5.xlarge' },
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
      { Type: 'TERM_MATCH', Field: 'operation', Value: 'ECSManagedInstancesUsage' },
    ]);
    // The filters pick the product; its usage type, unknown and possibly absent, does not.
    expect(query?.usageTypes.map((p) => [p.test(''), p.test('EUW1-anything:g5.xlarge')])).toEqual([
      [true, true],
    ]);
    expect(priceListQueryFor('eu-west-1', 'eks-auto-mode-fee:g5.xlarge')?.serviceCode).toBe('AmazonEKS');
    expect(priceListQueryFor('eu-west-1', 'eks-auto-mode-fee:')).toBeUndefined();
  });
});
