/** @module render-sources-md: data/SOURCES.md, with every count and list computed from the converted data. */

import type { PriceId } from '../../src/model/price.js';
import { instanceTypeOfPriceId } from '../../src/pricing/price-ids.js';
import type { SnapshotPrice } from '../../src/pricing/snapshot-files.js';
import { compareCodeUnits } from '../../src/pricing/snapshot-json.js';
import type { BuiltData } from './build.js';
import { NETWORK_PRICES } from './network-prices.js';
import { NOTED_PRICES } from './noted-prices.js';
import { REGION_WIDE_PRICES } from './region-wide-prices.js';
import {
  EC2_PRICE_AS_OF_BY_REPOSITORY,
  FARGATE_SPOT_AS_OF,
  UNCONFIRMED_EC2_TYPES,
} from './upstream-sources.js';

/** Coverage table columns: a heading and the ids it stands for. */
const COVERAGE_COLUMNS: readonly [string, readonly PriceId[]][] = [
  ['Fargate x86', ['fargate:x86_64:linux:vcpu', 'fargate:x86_64:linux:gb']],
  ['Fargate arm64', ['fargate:arm64:linux:vcpu', 'fargate:arm64:linux:gb']],
  ['Fargate Windows', ['fargate:x86_64:windows:vcpu', 'fargate:x86_64:windows:gb']],
  ['Fargate Spot', ['fargate-spot:x86_64:linux:vcpu', 'fargate-spot:x86_64:linux:gb']],
  ['ephemeral', ['fargate:ephemeral-gb']],
  ['EKS', ['eks:cluster-standard', 'eks:cluster-extended']],
  ['ALB', ['alb:hour', 'alb:lcu-hour']],
  ['NAT', ['nat:hour', 'nat:gb']],
  ['IPv4', ['vpc:public-ipv4-hour']],
  ['ECR', ['ecr:gb-month']],
];

function coverageCell(prices: Readonly<Record<PriceId, SnapshotPrice>>, ids: readonly PriceId[]): string {
  const found = ids.map((id) => prices[id]);
  if (found.every((p) => p === undefined)) return '—';
  if (found.some((p) => p === undefined)) return 'partial';
  return found.every((p) => p?.confirmed) ? 'yes' : 'unconfirmed';
}

/** What scripts/data/region-wide-prices.ts added: per id, the figure and how many regions got it. */
function describeRegionWide(data: BuiltData): string[] {
  return REGION_WIDE_PRICES.map((wide) => {
    const regions = [...data.prices]
      .filter(([, prices]) => prices[wide.id]?.source === wide.price.source)
      .map(([region]) => region);
    const confirmed = regions.filter((r) => data.prices.get(r)?.[wide.id]?.confirmed);
    return (
      `- \`${wide.id}\` ${wide.price.usd} is a region-wide figure (scripts/data/region-wide-prices.ts): added to the ` +
      `${regions.length} commercial regions whose CSV rows lack it, unconfirmed${confirmed.length > 0 ? ` except in ${list(confirmed)}, which its source names` : ''}. ` +
      'GovCloud is left out: no source read gives its price.'
    );
  });
}

function repositoryOf(source: string): string {
  return source.split('@')[0] ?? source;
}

function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `\`${n}\``).join(', ');
}

export function renderSourcesMarkdown(data: BuiltData): string {
  const regions = [...data.prices.keys()];
  const all = [...data.prices].flatMap(([region, prices]) =>
    Object.entries(prices).map(([id, price]) => ({ region, id, price })),
  );
  const ec2 = all.filter((p) => instanceTypeOfPriceId(p.id) !== undefined);
  const byRepository = new Map<string, { count: number; regions: Set<string> }>();
  for (const p of ec2) {
    const entry = byRepository.get(repositoryOf(p.price.source)) ?? { count: 0, regions: new Set<string>() };
    entry.count++;
    entry.regions.add(p.region);
    byRepository.set(repositoryOf(p.price.source), entry);
  }
  const known = new Set(data.instanceTypes.map((t) => t.name));
  const pricedTypes = new Set(ec2.map((p) => instanceTypeOfPriceId(p.id)!));
  const unknownPriced = [...pricedTypes].filter((t) => !known.has(t)).sort(compareCodeUnits);
  const usEast1 = data.prices.get('us-east-1') ?? {};
  const unpricedUsEast1 = data.instanceTypes
    .filter((t) => usEast1[`ec2:${t.name}`] === undefined)
    .map((t) => t.name);
  const has = (region: string, id: PriceId) => data.prices.get(region)?.[id] !== undefined;
  const fargateX86 = regions.filter((r) => has(r, 'fargate:x86_64:linux:vcpu'));
  const fargateArm = regions.filter((r) => has(r, 'fargate:arm64:linux:vcpu'));
  const armGaps = fargateX86.filter((r) => !fargateArm.includes(r));
  const windows = regions.filter((r) => has(r, 'fargate:x86_64:windows:vcpu'));
  const spot = regions.filter((r) => has(r, 'fargate-spot:x86_64:linux:vcpu'));
  const unconfirmed = all.filter((p) => !p.price.confirmed);
  const noEnis = data.instanceTypes.filter((t) => t.enis === null).map((t) => t.name);
  const fractionalGpu = data.instanceTypes.filter((t) => !Number.isInteger(t.gpuCount)).map((t) => t.name);
  const sizes = (os: string) => data.fargateSizes.filter((s) => s.os === os).length;
  const arch = (a: string) => data.instanceTypes.filter((t) => t.architecture === a).length;
  const generation = (g: boolean | null) =>
    data.instanceTypes.filter((t) => t.currentGeneration === g).length;
  const knownGeneration = data.instanceTypes.length - generation(null);

  const lines = [
    '# data/: the embedded price and instance snapshot',
    '',
    'Generated by `npm run data:build` (`scripts/build-data.ts`) from the CSV files in `../shared/aws-data/`;',
    'do not edit by hand. Running the script twice on the same input gives byte-identical files. The',
    "SHA-256 of every input file is recorded in the JSON files' `provenance`. The upstream repositories,",
    'commits and derivations behind each CSV are described in `../shared/aws-data/SOURCES.md`; this file',
    'says what was taken from them and what is missing.',
    '',
    '## Files',
    '',
    `- \`instance-types.json\`: ${data.instanceTypes.length} EC2 instance types (${arch('x86_64')} x86_64, ${arch('arm64')} arm64), sorted by name, from \`ec2-instance-types.csv\`.`,
    '  Fields are those of `InstanceType` (`src/pricing/instance-type.ts`). vCPU, memory and architecture come from the',
    '  cluster-autoscaler and Karpenter instance lists; GPU data from a vantage-derived GPU list and Karpenter labels;',
    '  `enis`/`ipv4PerEni` from the EKS AMI `instance-info.jsonl` (default network card only); `maxPodsEks` is the',
    '  VPC CNI default without prefix delegation, `enis × (ipv4PerEni − 1) + 2`. An empty cell in the CSV becomes',
    '  `null` (`enis`, `ipv4PerEni`, `gpuModel`, `currentGeneration`) or `0` (`acceleratorCount`).',
    `  \`currentGeneration\` is known for ${knownGeneration} of ${data.instanceTypes.length} types (${generation(true)} current, ${generation(false)} previous generation)`,
    '  from the CSV column `current_generation`; where it is unknown, the fleet optimizer falls back to the family list in',
    '  `settings/fleet.yaml`. `berth prices refresh` fills it from the Price List attribute `currentGeneration`.',
    `- \`fargate-sizes.json\`: ${data.fargateSizes.length} valid Fargate CPU/memory combinations (${sizes('linux')} Linux, ${sizes('windows')} Windows), from`,
    '  `fargate-sizes.csv`, which follows the AWS ECS and EKS Fargate documentation. 1 GB = 1024 MiB. The 32 vCPU size',
    '  reported by one 2026 source is unconfirmed and not included.',
    `- \`prices/<region>.json\`: ${regions.length} regions, ${all.length} prices. Each price keeps the exact decimal string of the CSV`,
    '  (`usd`), a unit, its `source` (`repository@commit:path` or URL, as given in the CSV), `asOf` (ISO date or `null`',
    '  when the source is undated) and `confirmed`.',
    '- `regions.json`: per region, the number of `ec2:<type>` prices and which of the other price ids are present',
    '  or missing.',
    '',
    '## EC2 on-demand Linux prices',
    '',
    `${ec2.length} prices, from \`ec2-prices-linux-ondemand.csv\`. The CSV has no date column, so \`asOf\` is set per`,
    'source repository (the mapping is in `scripts/data/upstream-sources.ts`):',
    '',
    '| Source repository | As of | Prices | Regions |',
    '|---|---|---|---|',
    ...[...byRepository.entries()]
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(
        ([repo, e]) =>
          `| ${repo} | ${EC2_PRICE_AS_OF_BY_REPOSITORY[repo] ?? 'undated'} | ${e.count} | ${e.regions.size} |`,
      ),
    '',
    `- Marked unconfirmed in every region: ${list([...UNCONFIRMED_EC2_TYPES])}. The sources disagree on its price`,
    '  (Karpenter 4.73933 vs SkyPilot 4.30848 in us-east-1).',
    '- Outside us-east-1 the CPU families are limited to those the sources covered (c5, c6g, c6i, c7g, c7i, m5, m6g,',
    '  m6i, m7g, m7i, m8g, r5, r6g, r6i, r7g, r7i, t3, t3a, t4g and a few m5a/r7gd/metal sizes) in us-west-2, eu-west-1,',
    '  eu-central-1 and ap-southeast-1; the other regions have GPU and accelerator types only.',
    `- Priced but not in \`instance-types.json\`: ${list(unknownPriced)}.`,
    `- In \`instance-types.json\` but without a us-east-1 price: ${list(unpricedUsEast1)}.`,
    `- Without ENI data (\`enis\`/\`ipv4PerEni\` null, max pods from older EKS AMI lists): ${list(noEnis)}.`,
    `- Fractional GPU counts (a share of one GPU): ${list(fractionalGpu)}.`,
    '',
    '## Fargate, EKS, load balancer, NAT, IPv4 and ECR prices',
    '',
    'From `fargate-prices.csv` and `other-prices.csv`; `asOf`, `confirmed` and `source` are the CSV values.',
    '',
    `- Fargate Spot (${list(spot)}) is a historical snapshot of ${FARGATE_SPOT_AS_OF} (theuves/fgcalc). Spot rates`,
    '  float, so every Spot price is stored with that date and `confirmed: false`. There are no arm64 Spot prices.',
    `- Fargate arm64 is present in ${list(fargateArm)} only. Regions with x86 Fargate but no arm64 price: ${list(armGaps)}.`,
    `- Fargate Windows is present in ${list(windows)} only, unconfirmed. The AWS Price List (2022-11-01) has the`,
    '  Windows vCPU rate, the Windows GB rate and an "OS License Fee per vCPU per hour" as three products, so the',
    '  licence fee (`fargate:windows:os-license-vcpu`) is billed on top of the vCPU rate.',
    '- `eks:cluster-extended` is the total per cluster-hour (standard plus the extended-support surcharge), not the',
    '  surcharge alone.',
    '- `fargate:ephemeral-gb` is charged only for storage above the 20 GB included per task or pod.',
    ...describeRegionWide(data),
    ...describeNoted(),
    ...NETWORK_PRICES.map(
      (n) =>
        `- \`${n.id}\` ${n.usd} in \`${n.region}\` only (scripts/data/network-prices.ts, ${n.confirmed ? 'confirmed' : 'unconfirmed'}): ${n.source}.`,
    ),
    '- Not included anywhere: NLB, inter-AZ data transfer, Savings Plans and Reserved Instances.',
    '',
    `${unconfirmed.length} of ${all.length} prices are unconfirmed (assumed from another region, marked unconfirmed in the`,
    'research, or only from a 2021 source).',
    '',
    '## Coverage per region',
    '',
    '`yes` = present and confirmed, `unconfirmed` = present but at least one figure unconfirmed, `—` = missing.',
    '',
    `| Region | EC2 prices | ${COVERAGE_COLUMNS.map(([h]) => h).join(' | ')} |`,
    `|---|---|${COVERAGE_COLUMNS.map(() => '---').join('|')}|`,
    ...[...data.prices].map(
      ([region, prices]) =>
        `| ${region} | ${Object.keys(prices).filter((id) => instanceTypeOfPriceId(id) !== undefined).length} | ${COVERAGE_COLUMNS.map(([, ids]) => coverageCell(prices, ids)).join(' | ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** The prices the research notes carry but the CSVs do not (scripts/data/noted-prices.ts), with sources. */
function describeNoted(): string[] {
  return [
    '- Added from the research notes by `scripts/data/noted-prices.ts`, only in the regions listed (a CSV row wins):',
    ...NOTED_PRICES.map(
      (n) =>
        `  - \`${n.id}\` ${n.usd} (${n.region}${n.confirmed ? '' : ', unconfirmed'}${n.asOf ? `, as of ${n.asOf}` : ''}): ${n.source}.`,
    ),
  ];
}
