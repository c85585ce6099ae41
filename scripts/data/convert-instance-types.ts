/** @module convert-instance-types: ec2-instance-types.csv → the InstanceType records of data/instance-types.json. */
import type { InstanceType } from '../../src/pricing/instance-type.js';
import { compareCodeUnits } from '../../src/pricing/snapshot-json.js';
import {
  readBoolean,
  readChoice,
  readCount,
  readDecimal,
  readOptionalBoolean,
  readOptionalCount,
  readOptionalText,
  readPositiveNumber,
  readText,
} from './csv-fields.js';
import { type CsvRow, type CsvTable, convertRows, RowError, rejectDuplicates } from './csv-table.js';

export const INSTANCE_TYPE_COLUMNS = [
  'instance_type',
  'family',
  'size',
  'vcpu',
  'memory_mib',
  'architecture',
  'gpu_count',
  'gpu_model',
  'accelerator_count',
  'max_pods_eks',
  'enis',
  'ipv4_per_eni',
  'current_generation',
  'burstable',
] as const;

function convertInstanceType(row: CsvRow): InstanceType {
  const name = readText(row, 'instance_type');
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1)
    throw new RowError(`instance_type "${name}" is not <family>.<size>`);
  const family = readText(row, 'family');
  const size = readText(row, 'size');
  if (family !== name.slice(0, dot) || size !== name.slice(dot + 1)) {
    throw new RowError(`family "${family}" and size "${size}" do not split instance_type "${name}"`);
  }
  const gpuCount = Number(readDecimal(row, 'gpu_count'));
  const gpuModel = readOptionalText(row, 'gpu_model');
  if (gpuModel !== null && gpuCount === 0)
    throw new RowError(`gpu_model "${gpuModel}" is set but gpu_count is 0`);
  const enis = readOptionalCount(row, 'enis');
  const ipv4PerEni = readOptionalCount(row, 'ipv4_per_eni');
  if ((enis === null) !== (ipv4PerEni === null))
    throw new RowError('enis and ipv4_per_eni must be both set or both empty');
  const maxPodsEks = readCount(row, 'max_pods_eks');
  if (maxPodsEks === 0) throw new RowError('max_pods_eks is 0');
  const memoryMiB = readCount(row, 'memory_mib');
  if (memoryMiB === 0) throw new RowError('memory_mib is 0');
  return {
    name,
    family,
    size,
    vcpu: readPositiveNumber(row, 'vcpu'),
    memoryMiB,
    architecture: readChoice(row, 'architecture', ['x86_64', 'arm64']),
    gpuCount,
    gpuModel,
    acceleratorCount: readOptionalCount(row, 'accelerator_count') ?? 0,
    maxPodsEks,
    enis,
    ipv4PerEni,
    burstable: readBoolean(row, 'burstable', 'true', 'false'),
    // Empty in every row today (no spec source carries it): null, unknown, until a source fills it.
    currentGeneration: readOptionalBoolean(row, 'current_generation', 'true', 'false'),
  };
}

/** Every instance type, sorted by name; a duplicate name is an input error. */
export function convertInstanceTypes(table: CsvTable): InstanceType[] {
  const types = convertRows(table, convertInstanceType);
  rejectDuplicates(table, types, (type) => type.name, 'instance_type');
  return types.sort((a, b) => compareCodeUnits(a.name, b.name));
}
