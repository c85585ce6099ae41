/**
 * Writes src/import/kubernetes-fields.ts: the fields of each Kubernetes API type the Kubernetes import reads
 * from, as @kubernetes/client-node's models (generated from the Kubernetes OpenAPI specification) list
 * them (`npx tsx scripts/build-kubernetes-fields.ts`); test/import/kubernetes-fields.test.ts keeps it in sync.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kubernetesFieldsSource } from '../test/import/kubernetes-fields-source.js';

const target = fileURLToPath(new URL('../src/import/kubernetes-fields.ts', import.meta.url));
writeFileSync(target, kubernetesFieldsSource());
execFileSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
console.log(`wrote ${target}`);
