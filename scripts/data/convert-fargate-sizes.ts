/** @module convert-fargate-sizes: fargate-sizes.csv → the sizes of data/fargate-sizes.json. */
import type { FargateSize } from '../../src/pricing/snapshot-files.js';
import { compareCodeUnits } from '../../src/pricing/snapshot-json.js';
import { readChoice, readCount, readPositiveNumber } from './csv-fields.js';
import { type CsvRow, type CsvTable, convertRows, RowError, rejectDuplicates } from './csv-table.js';

export const FARGATE_SIZE_COLUMNS = ['cpu_units', 'vcpu', 'memory_mib', 'os'] as const;

/** ECS CPU units: 1024 units = 1 vCPU (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html). */
const CPU_UNITS_PER_VCPU = 1024;

function convertFargateSize(row: CsvRow): FargateSize {
  const cpuUnits = readCount(row, 'cpu_units');
  const vcpu = readPositiveNumber(row, 'vcpu');
  if (cpuUnits !== vcpu * CPU_UNITS_PER_VCPU)
    throw new RowError(`cpu_units ${cpuUnits} is not vcpu ${vcpu} × 1024`);
  const memoryMiB = readCount(row, 'memory_mib');
  if (memoryMiB === 0) throw new RowError('memory_mib is 0');
  return { cpuUnits, vcpu, memoryMiB, os: readChoice(row, 'os', ['linux', 'windows']) };
}

/** Every size, ordered by OS, CPU units, then memory; a duplicate is an input error. */
export function convertFargateSizes(table: CsvTable): FargateSize[] {
  const sizes = convertRows(table, convertFargateSize);
  rejectDuplicates(table, sizes, (size) => `${size.os}/${size.cpuUnits}/${size.memoryMiB}`, 'size');
  return sizes.sort(
    (a, b) => compareCodeUnits(a.os, b.os) || a.cpuUnits - b.cpuUnits || a.memoryMiB - b.memoryMiB,
  );
}
