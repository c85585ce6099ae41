/** @module convert-prices: the three price CSVs → one map of SnapshotPrice per region and price id. */

import type { PriceId } from '../../src/model/price.js';
import { ec2PriceId, type NonEc2PriceId, unitOfPriceId } from '../../src/pricing/price-ids.js';
import type { SnapshotPrice } from '../../src/pricing/snapshot-files.js';
import {
  readBoolean,
  readChoice,
  readDecimal,
  readOptionalDate,
  readOptionalDecimal,
  readRegion,
  readText,
} from './csv-fields.js';
import { type CsvRow, type CsvTable, convertRows, RowError, rejectDuplicates } from './csv-table.js';
import {
  EC2_PRICE_AS_OF_BY_REPOSITORY,
  FARGATE_SPOT_AS_OF,
  FARGATE_SPOT_SOURCE,
  UNCONFIRMED_EC2_TYPES,
} from './upstream-sources.js';

export const EC2_PRICE_COLUMNS = ['region', 'instance_type', 'usd_per_hour', 'source'] as const;
export const FARGATE_PRICE_COLUMNS = [
  'region',
  'arch',
  'os',
  'usd_per_vcpu_hour',
  'usd_per_gb_hour',
  'spot_usd_per_vcpu_hour',
  'spot_usd_per_gb_hour',
  'source',
  'as_of',
  'confirmed',
] as const;
export const OTHER_PRICE_COLUMNS = ['region', 'item', 'unit', 'usd', 'source', 'as_of', 'confirmed'] as const;

export interface RegionalPrice {
  region: string;
  id: PriceId;
  price: SnapshotPrice;
}

/** region → price id → price, both in code-unit order once `groupByRegion` ran. */
export type PricesByRegion = Map<string, Map<PriceId, SnapshotPrice>>;

function unitOf(id: PriceId): string {
  const unit = unitOfPriceId(id);
  if (unit === undefined) throw new RowError(`no unit is defined for price id ${id}`);
  return unit;
}

function convertEc2Price(row: CsvRow): RegionalPrice {
  const region = readRegion(row, 'region');
  const type = readText(row, 'instance_type');
  const source = readText(row, 'source');
  const repository = /^([\w.-]+\/[\w.-]+)@[0-9a-f]{7,40}:\S+$/.exec(source)?.[1];
  if (repository === undefined) throw new RowError(`source "${source}" is not <owner/repo>@<commit>:<path>`);
  const asOf = EC2_PRICE_AS_OF_BY_REPOSITORY[repository];
  if (asOf === undefined) throw new RowError(`source repository ${repository} has no known as-of date`);
  const id = ec2PriceId(type);
  const usd = readDecimal(row, 'usd_per_hour');
  return {
    region,
    id,
    price: { usd, unit: unitOf(id), source, asOf, confirmed: !UNCONFIRMED_EC2_TYPES.has(type) },
  };
}

function convertFargatePrices(row: CsvRow): RegionalPrice[] {
  const region = readRegion(row, 'region');
  const arch = readChoice(row, 'arch', ['x86_64', 'arm64']);
  const os = readChoice(row, 'os', ['linux', 'windows']);
  // Windows on Fargate is x86_64 only (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html).
  if (os === 'windows' && arch !== 'x86_64') throw new RowError('Fargate Windows is x86_64 only');
  const source = readText(row, 'source');
  // A row's source may end in "; spot: <where the Spot columns come from>"; that part is not the on-demand source.
  const onDemandSource = source.split('; spot: ')[0] ?? source;
  const asOf = readOptionalDate(row, 'as_of');
  const confirmed = readBoolean(row, 'confirmed', 'yes', 'no');
  const onDemand = (dimension: 'vcpu' | 'gb', column: string): RegionalPrice => {
    const id = `fargate:${arch}:${os}:${dimension}`;
    const price = {
      usd: readDecimal(row, column),
      unit: unitOf(id),
      source: onDemandSource,
      asOf,
      confirmed,
    };
    return { region, id, price };
  };
  const prices = [onDemand('vcpu', 'usd_per_vcpu_hour'), onDemand('gb', 'usd_per_gb_hour')];
  const spotVcpu = readOptionalDecimal(row, 'spot_usd_per_vcpu_hour');
  const spotGb = readOptionalDecimal(row, 'spot_usd_per_gb_hour');
  if ((spotVcpu === null) !== (spotGb === null))
    throw new RowError('spot columns must be both set or both empty');
  if (spotVcpu === null || spotGb === null) return prices;
  if (os !== 'linux') throw new RowError('Fargate Spot is Linux only');
  if (!source.includes('theuves/fgcalc'))
    throw new RowError('spot columns are set but source does not name fgcalc');
  for (const [dimension, usd] of [
    ['vcpu', spotVcpu],
    ['gb', spotGb],
  ] as const) {
    const id = `fargate-spot:${arch}:linux:${dimension}`;
    const price = {
      usd,
      unit: unitOf(id),
      source: FARGATE_SPOT_SOURCE,
      asOf: FARGATE_SPOT_AS_OF,
      confirmed: false,
    };
    prices.push({ region, id, price });
  }
  return prices;
}

/** other-prices.csv items, with the unit text the CSV must give for each (a guard against a swapped column). */
const OTHER_ITEMS: Readonly<Record<string, { id: NonEc2PriceId; csvUnit: string }>> = {
  eks_cluster_standard: { id: 'eks:cluster-standard', csvUnit: 'cluster-hour' },
  eks_cluster_extended: { id: 'eks:cluster-extended', csvUnit: 'cluster-hour' },
  alb_hour: { id: 'alb:hour', csvUnit: 'hour' },
  alb_lcu_hour: { id: 'alb:lcu-hour', csvUnit: 'LCU-hour' },
  nat_hour: { id: 'nat:hour', csvUnit: 'hour' },
  nat_gb: { id: 'nat:gb', csvUnit: 'GB processed' },
  public_ipv4_hour: { id: 'vpc:public-ipv4-hour', csvUnit: 'address-hour' },
  ecr_gb_month: { id: 'ecr:gb-month', csvUnit: 'GB-month' },
  fargate_ephemeral_gb_hour: { id: 'fargate:ephemeral-gb', csvUnit: 'GB-hour (above the included 20 GB)' },
};

function convertOtherPrice(row: CsvRow): RegionalPrice {
  const region = readRegion(row, 'region');
  const item = readChoice(row, 'item', Object.keys(OTHER_ITEMS));
  const { id, csvUnit } = OTHER_ITEMS[item]!;
  const unit = readText(row, 'unit');
  if (unit !== csvUnit) throw new RowError(`unit "${unit}" of ${item} is not "${csvUnit}"`);
  return {
    region,
    id,
    price: {
      usd: readDecimal(row, 'usd'),
      unit: unitOf(id),
      source: readText(row, 'source'),
      asOf: readOptionalDate(row, 'as_of'),
      confirmed: readBoolean(row, 'confirmed', 'yes', 'no'),
    },
  };
}

export interface PriceTables {
  ec2: CsvTable;
  fargate: CsvTable;
  other: CsvTable;
}

/** Converts the three tables; a region+id given twice, in one table or across them, is an input error. */
export function convertPrices(tables: PriceTables): RegionalPrice[] {
  const ec2 = convertRows(tables.ec2, convertEc2Price);
  rejectDuplicates(tables.ec2, ec2, (p) => `${p.region} ${p.id}`, 'price');
  const fargateRows = convertRows(tables.fargate, convertFargatePrices);
  rejectDuplicates(tables.fargate, fargateRows, (ps) => `${ps[0]?.region} ${ps[0]?.id}`, 'price');
  const other = convertRows(tables.other, convertOtherPrice);
  rejectDuplicates(tables.other, other, (p) => `${p.region} ${p.id}`, 'price');
  // The three files hold disjoint kinds of ids (ec2:*, fargate*, the rest), so no id can repeat across them.
  return [...ec2, ...fargateRows.flat(), ...other];
}
