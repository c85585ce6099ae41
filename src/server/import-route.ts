/**
 * @module import-route: POST /import, Compose, Kubernetes, ECS or Copilot files in, a Berth workload
 * out, with where each value came from. Cheap, bounded work (the body limit bounds the text), so it runs
 * on the request thread.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { importWorkload } from '../import/import-workload.js';
import { MAX_FILE_NAME_LENGTH, MAX_IMPORT_FILES } from '../import/limits.js';
import { renderImportYaml } from '../import/render-yaml.js';
import { IMPORT_FORMATS } from '../import/types.js';
import { describeIssues, toIssues } from '../issues.js';
import { listKnownRegions } from '../pricing/snapshot-source.js';
import { type ParseResult, parseCpu, parseMemoryMiB } from '../workload/units.js';
import type { AppServices, BerthApp } from './app-services.js';
import { errorResponses } from './openapi-parts.js';
import { HttpProblem } from './problem.js';
import { bodyFormat, decodeBody, readLimitedText } from './read-body.js';

/**
 * A default size: a number or a string, refused here (400 INVALID_OPTIONS at `body.defaultCpu`), as the
 * CLI refuses `--default-cpu abc`, by the same parser the workload's own sizes go through.
 */
const defaultSize = (parse: (input: number | string) => ParseResult) =>
  z.union([z.number(), z.string()]).superRefine((value, ctx) => {
    const result = parse(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, input: value });
  });

const FileSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(MAX_FILE_NAME_LENGTH)
    .describe('The file name, used in every message (`compose.yaml:12`)'),
  text: z.string().describe('The whole text of the file'),
});

export const ImportRequestSchema = z
  .strictObject({
    files: z.array(FileSchema).min(1).max(MAX_IMPORT_FILES),
    from: z.enum(IMPORT_FORMATS).optional().describe('The format of every file; detected when absent'),
    defaultCpu: defaultSize(parseCpu)
      .optional()
      .describe('CPU of services the files give none; default 0.5 vCPU'),
    defaultMemory: defaultSize(parseMemoryMiB)
      .optional()
      .describe('Memory of services the files give none; default "1 GiB"'),
    defaultVolumeGiB: z
      .number()
      .positive()
      .optional()
      .describe('Size of volumes the files do not size; default 20'),
    kubernetesApi: z
      .boolean()
      .optional()
      .describe('Kubernetes input: whether the Kubernetes API is required; default false'),
    overrides: FileSchema.optional().describe(
      'An overrides file: defaults, fields per service, workload fields',
    ),
  })
  .openapi('ImportRequest', {
    example: {
      files: [
        { name: 'compose.yaml', text: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:8080"]\n' },
      ],
      defaultMemory: '2 GiB',
    },
  });

const NoteSchema = z.object({
  kind: z.enum(['assumed', 'default', 'unsupported', 'skipped', 'warning']),
  at: z.string().optional(),
  service: z.string().optional(),
  message: z.string(),
});

export const ImportResponseSchema = z
  .object({
    format: z.enum(IMPORT_FORMATS),
    workload: z.record(z.string(), z.unknown()).describe('A valid workload, ready for POST /recommend'),
    yaml: z.string().describe('The workload as YAML, with comments on where each value came from'),
    sources: z
      .record(z.string(), z.record(z.string(), z.string()))
      .describe('Per service (and `(workload)`), per field: where the value came from'),
    origins: z.record(z.string(), z.string()),
    notes: z.array(NoteSchema),
    defaulted: z.array(z.string()).describe('Services that got the default CPU or memory'),
    skipped: z.array(z.string()),
    healthchecks: z.record(z.string(), z.object({ command: z.array(z.string()) }).passthrough()),
  })
  .openapi('ImportResult');

export const importRoute = createRoute({
  method: 'post',
  path: '/import',
  operationId: 'importWorkload',
  tags: ['Recommend'],
  summary: 'Read Compose, Kubernetes, ECS or Copilot files into a workload',
  description:
    'Nothing in the files is executed or fetched. A file that does not parse is a 400 INPUT_UNREADABLE, ' +
    "and one that parses but cannot be imported a 400 INVALID_WORKLOAD; each issue's path is `file:line`.",
  request: {
    // A reference, not the zod schema: a zod body would be read by hono's validator without the size limit.
    body: {
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportRequest' } } },
    },
  },
  responses: {
    200: {
      description: 'The imported workload, its YAML and where each value came from',
      content: { 'application/json': { schema: ImportResponseSchema } },
    },
    ...errorResponses({
      400: 'Unreadable body or file (INPUT_UNREADABLE), a file that cannot be imported (INVALID_WORKLOAD) or a bad request (INVALID_OPTIONS)',
      413: 'Body larger than the limit (PAYLOAD_TOO_LARGE)',
      415: 'Content-Type is not JSON (UNSUPPORTED_MEDIA_TYPE)',
    }),
  },
});

export function registerImportRoute(app: BerthApp, services: AppServices): void {
  app.openAPIRegistry.register('ImportRequest', ImportRequestSchema);
  app.openapi(importRoute, async (c) => {
    if (bodyFormat(c.req.header('content-type')) !== 'json')
      throw new HttpProblem(
        'UNSUPPORTED_MEDIA_TYPE',
        'unsupported media type: POST /import takes application/json',
      );
    const body = decodeBody(await readLimitedText(c.req.raw, services.limits.maxBodyBytes), 'json');
    const parsed = ImportRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issues = toIssues(parsed.error, {
        prefix: 'body',
        withValues: true,
        schemaName: 'import request',
      });
      throw new HttpProblem('INVALID_OPTIONS', `invalid import request: ${describeIssues(issues)}`, {
        issues,
      });
    }
    const { files, ...options } = parsed.data;
    const result = importWorkload(files, { ...options, regions: listKnownRegions() });
    return c.json(
      { ...result, workload: result.workload as Record<string, unknown>, yaml: renderImportYaml(result) },
      200,
    );
  });
}
