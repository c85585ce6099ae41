/** @module json-schema: the JSON Schema of workload files, generated from the zod schema. */
import { z } from 'zod';
import { WorkloadSchema } from './schema.js';

/** JSON Schema (draft 2020-12) for the input side: what a workload file may contain. */
export function workloadJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(WorkloadSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://berth.dev/schema/workload.json',
    title: 'Berth workload',
  };
}
