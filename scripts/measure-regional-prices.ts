/**
 * @module measure-regional-prices: how closely each well-covered region's EC2 prices follow us-east-1's,
 * per family (the ratio and its spread) and as an order (the share of type pairs ranked the same way).
 * Reads the embedded data/prices/ files and prints Markdown for docs/pricing.md; run with
 * `npx tsx scripts/measure-regional-prices.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { DATA_DIR } from '../src/paths.js';

interface RegionFile {
  prices: Record<string, { usd: string }>;
}

const REFERENCE = 'us-east-1';
/** The sources disagree on this price (data/SOURCES.md): left out so one doubtful figure does not set the spread. */
const DOUBTFUL = new Set(['m8g.metal-24xl']);
const isGeneralPurpose = (type: string) => /^[mcrt]\d/.test(type);

function readEc2Prices(region: string): Map<string, Decimal> {
  const file = JSON.parse(
    readFileSync(path.join(DATA_DIR, 'prices', `${region}.json`), 'utf8'),
  ) as RegionFile;
  const out = new Map<string, Decimal>();
  for (const [id, price] of Object.entries(file.prices))
    if (id.startsWith('ec2:') && !DOUBTFUL.has(id.slice(4))) out.set(id.slice(4), new Decimal(price.usd));
  return out;
}

/** Share of the pairs of types, both priced in the region and at different us-east-1 prices, in the same order. */
function orderAgreement(reference: Map<string, Decimal>, regional: Map<string, Decimal>): [number, number] {
  const types = [...regional.keys()].filter((t) => reference.has(t));
  let same = 0;
  let pairs = 0;
  for (let i = 0; i < types.length; i++)
    for (let j = i + 1; j < types.length; j++) {
      const a = types[i]!;
      const b = types[j]!;
      const ref = reference.get(a)!.comparedTo(reference.get(b)!);
      if (ref === 0) continue;
      pairs++;
      if (regional.get(a)!.comparedTo(regional.get(b)!) === ref) same++;
    }
  return [same, pairs];
}

const regions = readdirSync(path.join(DATA_DIR, 'prices')).map((f) => f.replace(/\.json$/, ''));
const reference = readEc2Prices(REFERENCE);
const covered = regions.filter((r) => r !== REFERENCE && readEc2Prices(r).size >= 100).sort();
console.log(`Well-covered regions besides ${REFERENCE}: ${covered.join(', ')}\n`);
console.log(
  '| region | types | ratio min–max | largest spread in one family | m/c/r/t ratio min–max | pairs in us-east-1 order (all) | (m/c/r/t) |',
);
console.log('|---|---|---|---|---|---|---|');
const families = new Map<string, Decimal[]>();
for (const region of covered) {
  const regional = readEc2Prices(region);
  const ratios: Decimal[] = [];
  const byFamily = new Map<string, Decimal[]>();
  for (const [type, usd] of regional) {
    const ref = reference.get(type);
    if (!ref) continue;
    const ratio = usd.dividedBy(ref);
    ratios.push(ratio);
    const family = type.split('.')[0]!;
    byFamily.set(family, [...(byFamily.get(family) ?? []), ratio]);
    families.set(`${region} ${family}`, byFamily.get(family)!);
  }
  let widest = { family: '', spread: new Decimal(0) };
  for (const [family, list] of byFamily) {
    const spread = Decimal.max(...list)
      .dividedBy(Decimal.min(...list))
      .minus(1);
    if (spread.greaterThan(widest.spread)) widest = { family, spread };
  }
  const [same, pairs] = orderAgreement(reference, regional);
  const general = new Map([...regional].filter(([t]) => isGeneralPurpose(t)));
  const [gSame, gPairs] = orderAgreement(reference, general);
  const gRatios = [...general].map(([t, usd]) => usd.dividedBy(reference.get(t)!));
  const range = (list: Decimal[]) => `${Decimal.min(...list).toFixed(3)}–${Decimal.max(...list).toFixed(3)}`;
  const share = (a: number, b: number) => `${((a / b) * 100).toFixed(2)} % of ${b}`;
  console.log(
    `| ${region} | ${ratios.length} | ${range(ratios)} | ${widest.spread.times(100).toFixed(1)} % (${widest.family}) | ${range(gRatios)} | ${share(same, pairs)} | ${share(gSame, gPairs)} |`,
  );
}
console.log('\nPer family (ratio to us-east-1, min–max, over the sizes priced in both):\n');
const rows = [...families.entries()].sort(([a], [b]) => a.localeCompare(b));
for (const [key, list] of rows)
  console.log(
    `${key}: ${Decimal.min(...list).toFixed(4)}–${Decimal.max(...list).toFixed(4)} (${list.length})`,
  );
