/** @module build: reads the input CSVs, converts them, validates the result and writes data/. */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { PriceId } from '../../src/model/price.js';
import type { InstanceType } from '../../src/pricing/instance-type.js';
import { unitOfPriceId } from '../../src/pricing/price-ids.js';
import { isRegionCode } from '../../src/pricing/region-code.js';
import { summarizeRegionPrices } from '../../src/pricing/region-index.js';
import {
  type FargateSize,
  FargateSizesFileSchema,
  InstanceTypesFileSchema,
  RegionPricesFileSchema,
  RegionsIndexFileSchema,
  type SnapshotPrice,
} from '../../src/pricing/snapshot-files.js';
import { compareCodeUnits, formatSnapshotJson, sortByKey } from '../../src/pricing/snapshot-json.js';
import { convertFargateSizes, FARGATE_SIZE_COLUMNS } from './convert-fargate-sizes.js';
import { convertInstanceTypes, INSTANCE_TYPE_COLUMNS } from './convert-instance-types.js';
import {
  convertPrices,
  EC2_PRICE_COLUMNS,
  FARGATE_PRICE_COLUMNS,
  OTHER_PRICE_COLUMNS,
  type RegionalPrice,
} from './convert-prices.js';
import { readCsvTable } from './csv-table.js';
import { NETWORK_PRICES } from './network-prices.js';
import { addNotedPrices, NOTED_PRICES } from './noted-prices.js';
import { addRegionWidePrices } from './region-wide-prices.js';
import { renderSourcesMarkdown } from './render-sources-md.js';
import { INSTANCE_SPEC_SOURCES } from './upstream-sources.js';

export const INPUT_FILES = {
  instanceTypes: 'ec2-instance-types.csv',
  fargateSizes: 'fargate-sizes.csv',
  ec2Prices: 'ec2-prices-linux-ondemand.csv',
  fargatePrices: 'fargate-prices.csv',
  otherPrices: 'other-prices.csv',
} as const;

export interface InputFile {
  file: string;
  sha256: string;
  rows: number;
}

export interface BuiltData {
  inputs: InputFile[];
  instanceTypes: InstanceType[];
  fargateSizes: FargateSize[];
  /** region → id → price, regions and ids in code-unit order. */
  prices: Map<string, Record<PriceId, SnapshotPrice>>;
}

function unitOfKnownId(id: PriceId): string {
  const unit = unitOfPriceId(id);
  if (unit === undefined) throw new Error(`no unit is defined for price id ${id}`);
  return unit;
}

function describeInput(dir: string, file: string, rows: number): InputFile {
  const sha256 = createHash('sha256')
    .update(readFileSync(path.join(dir, file)))
    .digest('hex');
  return { file, sha256, rows };
}

function groupByRegion(prices: readonly RegionalPrice[]): Map<string, Record<PriceId, SnapshotPrice>> {
  const byRegion = new Map<string, Record<PriceId, SnapshotPrice>>();
  for (const { region, id, price } of prices) {
    const regionPrices = byRegion.get(region) ?? {};
    regionPrices[id] = price;
    byRegion.set(region, regionPrices);
  }
  const regions = [...byRegion.keys()].sort(compareCodeUnits);
  return new Map(regions.map((region) => [region, sortByKey(byRegion.get(region)!)]));
}

/** Reads and converts every input; throws InputDataError listing each bad row as file:line: reason. */
export function convertInputs(fromDir: string): BuiltData {
  const table = (file: string, columns: readonly string[]) => readCsvTable(path.join(fromDir, file), columns);
  const instanceTable = table(INPUT_FILES.instanceTypes, INSTANCE_TYPE_COLUMNS);
  const sizeTable = table(INPUT_FILES.fargateSizes, FARGATE_SIZE_COLUMNS);
  const ec2 = table(INPUT_FILES.ec2Prices, EC2_PRICE_COLUMNS);
  const fargate = table(INPUT_FILES.fargatePrices, FARGATE_PRICE_COLUMNS);
  const other = table(INPUT_FILES.otherPrices, OTHER_PRICE_COLUMNS);
  const inputs = [instanceTable, sizeTable, ec2, fargate, other].map((t) =>
    describeInput(fromDir, path.basename(t.file), t.rows.length),
  );
  return {
    inputs,
    instanceTypes: convertInstanceTypes(instanceTable),
    fargateSizes: convertFargateSizes(sizeTable),
    prices: groupByRegion(
      addNotedPrices(
        addRegionWidePrices(convertPrices({ ec2, fargate, other }), unitOfKnownId),
        unitOfKnownId,
        [...NOTED_PRICES, ...NETWORK_PRICES],
      ),
    ),
  };
}

/** Renders every output file (relative path → content), each checked against the schema its reader uses. */
export function renderOutputs(data: BuiltData): Map<string, string> {
  const files = new Map<string, string>();
  const write = <T>(file: string, schema: z.ZodType<T>, value: T) => {
    files.set(file, formatSnapshotJson(schema.parse(value)));
  };
  const input = (name: string) => data.inputs.filter((i) => i.file === name);
  write('instance-types.json', InstanceTypesFileSchema, {
    provenance: {
      sources: [...input(INPUT_FILES.instanceTypes), ...INSTANCE_SPEC_SOURCES],
      notes:
        'Converted from ../shared/aws-data/ec2-instance-types.csv by scripts/build-data.ts; see SOURCES.md.',
    },
    instanceTypes: data.instanceTypes,
  });
  write('fargate-sizes.json', FargateSizesFileSchema, {
    provenance: {
      sources: [
        ...input(INPUT_FILES.fargateSizes),
        { url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html' },
        { url: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html' },
      ],
      notes: 'Valid task/pod CPU and memory combinations; 1 GB = 1024 MiB as in ECS task definitions.',
    },
    sizes: data.fargateSizes,
  });
  for (const [region, prices] of data.prices) {
    write(`prices/${region}.json`, RegionPricesFileSchema, { region, prices });
  }
  const priceInputs = [INPUT_FILES.ec2Prices, INPUT_FILES.fargatePrices, INPUT_FILES.otherPrices];
  write('regions.json', RegionsIndexFileSchema, {
    provenance: {
      sources: priceInputs.flatMap(input),
      notes:
        'Per region: how many ec2:<type> prices prices/<region>.json holds, and which other price ids it has.',
    },
    regions: Object.fromEntries(
      [...data.prices].map(([region, prices]) => [region, summarizeRegionPrices(Object.keys(prices))]),
    ),
  });
  files.set('SOURCES.md', renderSourcesMarkdown(data));
  return files;
}

/**
 * Writes the outputs under `outDir`, and removes price files of regions the input no longer has, so the
 * folder always equals the input's conversion.
 */
export function writeOutputs(outDir: string, files: ReadonlyMap<string, string>): void {
  const pricesDir = path.join(outDir, 'prices');
  mkdirSync(pricesDir, { recursive: true });
  for (const name of readdirSync(pricesDir)) {
    const stale = name.endsWith('.json') && isRegionCode(name.slice(0, -5)) && !files.has(`prices/${name}`);
    if (stale) rmSync(path.join(pricesDir, name));
  }
  for (const [file, content] of files) writeFileSync(path.join(outDir, file), content);
}

export function buildData(fromDir: string, outDir: string): BuiltData {
  const data = convertInputs(fromDir);
  writeOutputs(outDir, renderOutputs(data));
  return data;
}
