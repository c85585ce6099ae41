/** Writes schema/workload.schema.json from the zod schema (npm run schema:build); a test keeps it in sync. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workloadJsonSchema } from '../src/workload/json-schema.js';

const target = fileURLToPath(new URL('../schema/workload.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(workloadJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
