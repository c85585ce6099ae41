/** Factories and fixture readers shared by the tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseWorkload } from '../../src/workload/normalise.js';
import { parseWorkloadText } from '../../src/workload/read.js';
import type { ServiceInput, WorkloadInput } from '../../src/workload/schema.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/workloads', import.meta.url));

export function readWorkloadFile(path: string): unknown {
  return parseWorkloadText(readFileSync(path, 'utf8'), path);
}

export function makeService(overrides: Partial<ServiceInput> = {}): ServiceInput {
  return { name: 'web', cpu: 1, memory: '2 GiB', replicas: 2, ...overrides };
}

export function makeWorkload(overrides: Partial<WorkloadInput> = {}): WorkloadInput {
  return { services: [makeService()], ...overrides };
}

export function normalised(overrides: Partial<WorkloadInput> = {}) {
  return normaliseWorkload(makeWorkload(overrides));
}

/** The normalised services of a workload of just these services. */
export function normalisedServices(...inputs: ServiceInput[]) {
  return normaliseWorkload({ services: inputs }).services;
}
