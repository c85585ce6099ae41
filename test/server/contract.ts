/**
 * Validates real responses against the checked-in openapi.yaml: the operation, the status (or `default`),
 * the media type, the documented headers and, for JSON, the body against the schema (JSON Schema 2020-12,
 * as OpenAPI 3.1 uses, with ajv). A response the contract does not describe fails the test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

export const OPENAPI_PATH = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, MediaType>;
}
interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
}

const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApi;
// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc as object, 'openapi');

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export interface CheckedResponse {
  status: number;
  contentType: string;
  body: unknown;
}

/** Checks a response against the contract and returns its decoded body; throws with every violation. */
export async function expectContract(
  method: string,
  path: string,
  response: Response,
): Promise<CheckedResponse> {
  const operation = doc.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`openapi.yaml has no operation ${method} ${path}`);
  const status = String(response.status);
  const key = status in operation.responses ? status : 'default';
  const declared = operation.responses[key];
  if (!declared) throw new Error(`${method} ${path}: status ${status} is not in openapi.yaml`);
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const media = declared.content?.[contentType];
  if (!media) {
    throw new Error(
      `${method} ${path} ${status}: content type "${contentType}" not in openapi.yaml (${Object.keys(declared.content ?? {}).join(', ')})`,
    );
  }
  for (const header of Object.keys(declared.headers ?? {})) {
    if (header === 'Retry-After' && response.status !== 503) continue;
    if (!response.headers.has(header))
      throw new Error(`${method} ${path} ${status}: header ${header} missing`);
  }
  const text = await response.text();
  const isJson = contentType === 'application/json' || contentType.endsWith('+json');
  const body: unknown = isJson ? JSON.parse(text) : text;
  const ref = `openapi#/${pointer('paths', path, method.toLowerCase(), 'responses', key, 'content', contentType, 'schema')}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (!validate(body)) {
    const errors = (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new Error(`${method} ${path} ${status} does not match openapi.yaml:\n  ${errors.join('\n  ')}`);
  }
  return { status: response.status, contentType, body };
}

/** Checks an error response that no operation lists (404, 405) against the Problem schema. */
export async function expectProblem(response: Response): Promise<CheckedResponse> {
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (contentType !== 'application/problem+json')
    throw new Error(`expected problem+json, got "${contentType}"`);
  const body: unknown = JSON.parse(await response.text());
  const validate =
    ajv.getSchema('openapi#/components/schemas/Problem') ??
    ajv.compile({ $ref: 'openapi#/components/schemas/Problem' });
  if (!validate(body)) throw new Error(`not a Problem: ${ajv.errorsText(validate.errors)}`);
  return { status: response.status, contentType, body };
}
