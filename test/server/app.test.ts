import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BerthError } from '../../src/errors.js';
import type { IacGenerator } from '../../src/server/iac.js';
import { workloadJsonSchema } from '../../src/workload/json-schema.js';
import { expectProblem, OPENAPI_PATH } from './contract.js';
import {
  BrokenPriceSource,
  call,
  captureLogs,
  expectTotalsAddUp,
  HeldPriceSource,
  postJson,
  postYaml,
  RULES,
  SMALL_WORKLOAD,
  SMALL_YAML,
  testApp,
} from './helpers.js';

const app = testApp();

describe('app: POST /recommend', () => {
  it('answers a JSON workload with every candidate, costs, explanation, warnings and price provenance', async () => {
    const res = await call(app, ...postJson(SMALL_WORKLOAD));
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    expect(res.json.recommended).toBe('ecs-fargate');
    expect(res.json.candidates).toHaveLength(8);
    expect(res.json.explanation.length).toBeGreaterThan(0);
    expect(res.json.pricing).toMatchObject({ source: 'snapshot', origins: ['snapshot'], currency: 'USD' });
    expect(res.json.pricing.asOf.latest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.json.rulesFired.length).toBeGreaterThan(0);
    // Six priced candidates (the two mixed ones duplicate pure ones), each total the sum of its lines.
    expect(expectTotalsAddUp(res.json)).toBe(6);
  });

  it('reads YAML with Content-Type application/yaml and answers as for the same JSON', async () => {
    const yaml = await call(app, ...postYaml(SMALL_YAML));
    const json = await call(app, ...postJson(SMALL_WORKLOAD));
    expect(yaml.status).toBe(200);
    expect(
      yaml.json.candidates.map((c: { cost: { monthlyUsd: string } | null }) => c.cost?.monthlyUsd),
    ).toEqual(json.json.candidates.map((c: { cost: { monthlyUsd: string } | null }) => c.cost?.monthlyUsd));
  });

  it('leaves out the trace for detail=summary, from the query or the body envelope', async () => {
    const fromQuery = await call(app, ...postJson(SMALL_WORKLOAD, '?detail=summary'));
    const fromBody = await call(
      app,
      ...postJson({ workload: SMALL_WORKLOAD, options: { detail: 'summary' } }),
    );
    for (const res of [fromQuery, fromBody]) {
      expect(res.status).toBe(200);
      expect(res.json).not.toHaveProperty('rulesFired');
      expect(res.json).not.toHaveProperty('workload');
      expect(res.json.pricing).not.toHaveProperty('prices');
      expect(res.json.pricing.source).toBe('snapshot');
      expect(res.json.candidates).toHaveLength(8);
    }
  });

  it('refuses the same option given differently in the query and the body', async () => {
    const res = await call(
      app,
      ...postJson({ workload: SMALL_WORKLOAD, options: { detail: 'full' } }, '?detail=summary'),
    );
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'INVALID_OPTIONS', issues: [{ path: 'options.detail' }] });
  });

  it('refuses an unknown query option value and an unknown IaC target', async () => {
    const detail = await call(app, ...postJson(SMALL_WORKLOAD, '?detail=verbose'));
    expect(detail.status).toBe(400);
    expect(detail.json).toMatchObject({ code: 'INVALID_OPTIONS', issues: [{ path: 'query.detail' }] });
    const iac = await call(app, ...postJson(SMALL_WORKLOAD, '?iac=terraform,pulumi'));
    expect(iac.status).toBe(400);
    expect(iac.json).toMatchObject({
      code: 'INVALID_OPTIONS',
      issues: [{ path: 'query.iac', received: 'pulumi' }],
    });
  });

  it('refuses a malformed envelope with the path of the problem', async () => {
    const res = await call(
      app,
      ...postJson({ workload: SMALL_WORKLOAD, options: { detail: 'summary', colour: 'red' } }),
    );
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('INVALID_OPTIONS');
    expect(res.json.issues[0].path).toBe('options');
  });

  it('returns the generated IaC for each target asked, through the generator it was given', async () => {
    const generateIac: IacGenerator = (rec, target) => ({
      target,
      candidate: rec.recommended,
      files: [{ path: 'main.tf', contents: `# ${rec.recommended}` }],
    });
    const res = await call(
      testApp({ generateIac }),
      ...postJson(SMALL_WORKLOAD, '?iac=terraform,cloudformation'),
    );
    expect(res.status).toBe(200);
    expect(res.json.iac.map((a: { target: string }) => a.target)).toEqual(['terraform', 'cloudformation']);
    expect(res.json.iac[0].files[0]).toEqual({ path: 'main.tf', contents: '# ecs-fargate' });
  });

  it('answers 501 IAC_UNAVAILABLE when IaC is asked of a server without a generator', async () => {
    const res = await call(
      testApp({ generateIac: null }),
      ...postJson({ workload: SMALL_WORKLOAD, options: { iac: ['terraform'] } }),
    );
    expect(res.status).toBe(501);
    expect(res.json.code).toBe('IAC_UNAVAILABLE');
  });

  it('generates starter code with src/iac by default, and refuses a target that does not fit', async () => {
    const res = await call(app, ...postJson(SMALL_WORKLOAD, '?iac=terraform,cloudformation&detail=summary'));
    expect(res.status).toBe(200);
    expect(res.json.iac.map((a: { target: string; candidate: string }) => [a.target, a.candidate])).toEqual([
      ['terraform', 'ecs-fargate'],
      ['cloudformation', 'ecs-fargate'],
    ]);
    for (const artifact of res.json.iac) expect(artifact.files.length).toBeGreaterThan(0);
    const k8s = await call(app, ...postJson(SMALL_WORKLOAD, '?iac=kubernetes'));
    expect(k8s.status).toBe(400);
    expect(k8s.json.code).toBe('UNSUPPORTED_IAC_TARGET');
  });

  it('writes each requested target that fits, lists the others with the reason, and takes a candidate', async () => {
    // The README's iac=terraform,cloudformation,kubernetes: an ECS recommendation has no Kubernetes manifests.
    const all = await call(
      app,
      ...postJson(SMALL_WORKLOAD, '?iac=terraform,cloudformation,kubernetes&detail=summary'),
    );
    expect(all.status).toBe(200);
    expect(all.json.iac.map((a: { target: string; candidate: string }) => [a.target, a.candidate])).toEqual([
      ['terraform', 'ecs-fargate'],
      ['cloudformation', 'ecs-fargate'],
    ]);
    expect(all.json.iacSkipped).toEqual([
      {
        target: 'kubernetes',
        reason:
          'cannot generate kubernetes for ECS on Fargate: Kubernetes manifests need an EKS candidate; ECS does not run them; targets that fit this candidate: terraform, cloudformation',
      },
    ]);
    // Another candidate's code, in the query or the body envelope; nothing skipped, so no iacSkipped.
    const eks = await call(
      app,
      ...postJson(SMALL_WORKLOAD, '?iac=kubernetes&candidate=eks-ec2&detail=summary'),
    );
    expect(eks.status).toBe(200);
    expect(eks.json.iac.map((a: { target: string; candidate: string }) => [a.target, a.candidate])).toEqual([
      ['kubernetes', 'eks-ec2'],
    ]);
    expect(eks.json).not.toHaveProperty('iacSkipped');
    const body = await call(
      app,
      ...postJson({ workload: SMALL_WORKLOAD, options: { iac: ['terraform'], candidate: 'eks-ec2' } }),
    );
    expect(body.json.iac.map((a: { candidate: string }) => a.candidate)).toEqual(['eks-ec2']);
    // A candidate alone picks nothing: refused, as the CLI refuses --candidate without --iac.
    const alone = await call(app, ...postJson(SMALL_WORKLOAD, '?candidate=eks-ec2'));
    expect(alone.status).toBe(400);
    expect(alone.json.code).toBe('INVALID_OPTIONS');
    expect(alone.json.issues[0]).toMatchObject({
      path: 'options.candidate',
      message: 'candidate needs iac: it picks whose starter code is written',
    });
    // A candidate with no code at all is refused whatever the targets.
    const excluded = await call(app, ...postJson(SMALL_WORKLOAD, '?iac=terraform&candidate=ecs-mixed'));
    expect(excluded.status).toBe(400);
    expect(excluded.json.code).toBe('UNSUPPORTED_IAC_TARGET');
  });

  it('passes the generator’s UNSUPPORTED_IAC_TARGET on as a 400', async () => {
    const generateIac: IacGenerator = () => {
      throw new BerthError(
        'UNSUPPORTED_IAC_TARGET',
        'cannot generate kubernetes for ECS on Fargate: needs EKS',
      );
    };
    const res = await call(testApp({ generateIac }), ...postJson(SMALL_WORKLOAD, '?iac=kubernetes'));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      code: 'UNSUPPORTED_IAC_TARGET',
      detail: expect.stringContaining('needs EKS'),
    });
  });
});

describe('app: POST /recommend errors', () => {
  it('answers malformed JSON with 400 INPUT_UNREADABLE and where it broke', async () => {
    const res = await call(app, ...postJson('{\n  "services": [}'));
    expect(res.status).toBe(400);
    expect(res.contentType).toBe('application/problem+json');
    expect(res.json).toMatchObject({ code: 'INPUT_UNREADABLE', status: 400, title: 'Unreadable body' });
    expect(res.json.type).toBe('https://berth.dev/problems/input-unreadable');
    expect(res.json.issues[0]).toMatchObject({ code: 'invalid_json' });
    const truncated = await call(app, ...postJson('{\n  "services": [{"name": "web",'));
    expect(truncated.json.issues[0].path).toBe('line 2, column 31');
  });

  it('answers malformed YAML with 400 INPUT_UNREADABLE and the line', async () => {
    const res = await call(app, ...postYaml('services:\n  - name: web\n   cpu: [1\n'));
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('INPUT_UNREADABLE');
    expect(res.json.issues[0].path).toMatch(/^line \d+, column \d+$/);
  });

  it('answers an empty body with 400 INPUT_UNREADABLE', async () => {
    const res = await call(app, ...postJson(''));
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('INPUT_UNREADABLE');
  });

  it('answers a schema violation with 400 INVALID_WORKLOAD and every issue with its path', async () => {
    const res = await call(
      app,
      ...postJson({
        services: [
          { name: 'web', cpu: 1, memory: 'lots' },
          { name: 'Bad Name', cpu: -1, memory: 512 },
        ],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('INVALID_WORKLOAD');
    const paths = res.json.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['services[0].memory', 'services[1].name', 'services[1].cpu']),
    );
  });

  it('answers an unknown region and a Windows arm64 service with 400 INVALID_WORKLOAD at their paths', async () => {
    const typo = await call(app, ...postJson({ ...SMALL_WORKLOAD, region: 'us-east-9' }));
    expect(typo.status).toBe(400);
    // us-east-9 is one letter from us-east-1 and us-east-2, both in data/regions.json.
    expect(typo.json).toMatchObject({
      code: 'INVALID_WORKLOAD',
      issues: [
        {
          path: 'region',
          code: 'unknown_region',
          received: '"us-east-9"',
          message: expect.stringMatching(
            /^unknown region "us-east-9": .*did you mean "us-east-1" or "us-east-2"\?$/,
          ),
        },
      ],
    });
    const windows = { name: 'web', cpu: 1, memory: '2 GiB', os: 'windows', architecture: 'arm64' };
    const arm = await call(app, ...postJson({ services: [windows] }));
    expect(arm.status).toBe(400);
    expect(arm.json).toMatchObject({
      code: 'INVALID_WORKLOAD',
      issues: [{ path: 'services[0].architecture', message: expect.stringContaining('x86_64 only') }],
    });
  });

  it('answers a valid but impossible workload with 422 IMPOSSIBLE_WORKLOAD', async () => {
    const monster = { name: 'monster', cpu: 500, memory: '2 TiB', architecture: 'arm64' };
    const res = await call(app, ...postJson({ services: [monster] }));
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      code: 'IMPOSSIBLE_WORKLOAD',
      issues: [{ path: 'services[0]', code: 'no_placement' }],
    });
  });

  it('answers 413 when Content-Length is over the limit, before reading', async () => {
    const small = testApp({ limits: { maxBodyBytes: 100 } });
    const body = JSON.stringify({ ...SMALL_WORKLOAD, name: 'x'.repeat(200) });
    const res = await call(small, ...postJson(body, '', { 'content-length': String(body.length) }));
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'body too large: the limit is 100 bytes',
    });
  });

  it('answers 413 for a streamed body without Content-Length once it passes the limit', async () => {
    const small = testApp({ limits: { maxBodyBytes: 1000 } });
    const chunk = new TextEncoder().encode(' '.repeat(400));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent > 10) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await call(small, '/recommend', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(10);
  });

  it('answers 415 for another content type or none', async () => {
    const text = await call(app, '/recommend', {
      method: 'POST',
      body: 'hi',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(text.json.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(text.headers.get('accept-post')).toContain('application/yaml');
    const none = await call(app, '/recommend', { method: 'POST', body: new Uint8Array([123, 125]) });
    expect(none.status).toBe(415);
  });

  it('accepts JSON with a charset parameter', async () => {
    const res = await call(
      app,
      ...postJson(SMALL_WORKLOAD, '', { 'content-type': 'application/json; charset=utf-8' }),
    );
    expect(res.status).toBe(200);
  });

  it('keeps the cause of a 500 out of the body and puts it in the log under the request id', async () => {
    const logs = captureLogs();
    const broken = testApp({
      priceSource: new BrokenPriceSource(new Error('db password hunter2 leaked')),
      logger: logs.logger,
    });
    const res = await call(broken, ...postJson(SMALL_WORKLOAD, '', { 'x-request-id': 'req-500-test' }));
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ code: 'INTERNAL', requestId: 'req-500-test' });
    expect(JSON.stringify(res.json)).not.toContain('hunter2');
    const failure = logs.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
    expect(failure).toMatchObject({
      requestId: 'req-500-test',
      error: { message: 'db password hunter2 leaked' },
    });
  });

  it('answers a price source outage with 503 and Retry-After, without its message', async () => {
    const down = testApp({
      priceSource: new BrokenPriceSource(
        new BerthError('PRICE_SOURCE_UNAVAILABLE', 'endpoint https://internal:9 refused'),
      ),
    });
    const res = await call(down, ...postJson(SMALL_WORKLOAD));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.json.code).toBe('PRICE_SOURCE_UNAVAILABLE');
    expect(res.json.detail).not.toContain('internal:9');
  });
});

describe('app: limits', () => {
  it('answers 503 SERVER_BUSY with Retry-After when every slot and queue place is taken, and recovers', async () => {
    const held = new HeldPriceSource();
    const busy = testApp({ priceSource: held, limits: { maxConcurrentSolves: 1, maxQueuedSolves: 1 } });
    const first = busy.request(...postJson(SMALL_WORKLOAD));
    await held.entered;
    const second = busy.request(...postJson(SMALL_WORKLOAD));
    const third = await call(busy, ...postJson(SMALL_WORKLOAD));
    expect(third.status).toBe(503);
    expect(third.json.code).toBe('SERVER_BUSY');
    expect(third.headers.get('retry-after')).toBe('1');
    held.release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect((await call(busy, '/healthz')).json.solves).toEqual({ active: 0, queued: 0 });
  });

  it('answers 503 SOLVE_TIMEOUT when a recommendation passes its deadline', async () => {
    const held = new HeldPriceSource();
    const slow = testApp({ priceSource: held, limits: { solveTimeoutMs: 5 } });
    const res = await call(slow, ...postJson(SMALL_WORKLOAD));
    expect(res.status).toBe(503);
    expect(res.json.code).toBe('SOLVE_TIMEOUT');
    expect(res.headers.get('retry-after')).toBe('1');
    held.release();
  });

  it('answers 503 SHUTTING_DOWN with Connection: close while draining, and healthz says draining', async () => {
    const draining = testApp({ isDraining: () => true });
    const res = await call(draining, ...postJson(SMALL_WORKLOAD));
    expect(res.status).toBe(503);
    expect(res.json.code).toBe('SHUTTING_DOWN');
    expect(res.headers.get('connection')).toBe('close');
    const health = await call(draining, '/healthz');
    expect(health.status).toBe(503);
    expect(health.json.status).toBe('draining');
  });
});

describe('app: HTTP hygiene', () => {
  it('answers an unknown path with 404 problem+json', async () => {
    const res = await expectProblem(await app.request('/nowhere'));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await app.request('/recommend', { method: 'GET' });
    expect(response.headers.get('allow')).toBe('POST');
    const res = await expectProblem(response);
    expect(res.status).toBe(405);
    expect(res.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    const del = await app.request('/rules', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
  });

  it('sets a request id, keeping a well-formed one the caller sent', async () => {
    const own = await app.request('/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(own.headers.get('x-request-id')).toBe('abc-123');
    const hostile = await app.request('/healthz', { headers: { 'x-request-id': 'bad id\u0007' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets secure headers and no CORS headers unless configured', async () => {
    const res = await app.request('/healthz', { headers: { origin: 'https://portal.example.com' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers CORS for the configured origins only', async () => {
    const withCors = testApp({ corsOrigins: ['https://portal.example.com'] });
    const allowed = await withCors.request('/recommend', {
      method: 'OPTIONS',
      headers: { origin: 'https://portal.example.com', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    const other = await withCors.request('/healthz', { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('logs one line per request with no body, query or headers', async () => {
    const logs = captureLogs();
    const logged = testApp({ logger: logs.logger });
    await logged.request(
      ...postJson({ ...SMALL_WORKLOAD, name: 'secret-project-x' }, '?detail=summary', {
        authorization: 'Bearer s3cr3t',
      }),
    );
    expect(logs.lines).toHaveLength(1);
    const line = JSON.parse(logs.lines[0] ?? '{}');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/recommend',
      status: 200,
    });
    expect(logs.text()).not.toMatch(/secret-project-x|s3cr3t|summary/);
  });
});

describe('app: catalog and contract routes', () => {
  it('lists every rule with its source and without the compiled condition', async () => {
    const res = await call(app, '/rules');
    expect(res.json.rules).toHaveLength(RULES.length);
    for (const rule of res.json.rules) {
      expect(rule.source).toMatch(/^https:\/\//);
      expect(rule).not.toHaveProperty('condition');
    }
  });

  it('lists the snapshot regions with what each covers', async () => {
    const res = await call(app, '/regions');
    const east = res.json.regions.find((r: { region: string }) => r.region === 'us-east-1');
    expect(east.ec2Prices).toBeGreaterThan(0);
    expect(east.present).toContain('fargate:x86_64:linux:vcpu');
    expect(res.json.priceSource).toBe('snapshot');
    const mumbai = res.json.regions.find((r: { region: string }) => r.region === 'ap-south-1');
    expect(mumbai).toMatchObject({
      ec2Prices: 45,
      ec2TypesKnown: 1379,
      fargate: true,
      eks: true,
      alb: false,
      nat: true,
      publicIpv4: true,
      ecr: false,
    });
  });

  it('serves the workload JSON Schema', async () => {
    const res = await call(app, '/schema/workload.json');
    expect(res.json).toEqual(workloadJsonSchema());
  });

  it('serves the contract as JSON and YAML, equal to openapi.yaml', async () => {
    const file = parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const json = await call(app, '/openapi.json');
    expect(json.json).toEqual(file);
    const yaml = await call(app, '/openapi.yaml');
    expect(yaml.contentType).toBe('application/yaml');
    expect(yaml.body).toBe(readFileSync(OPENAPI_PATH, 'utf8'));
  });

  it('serves the docs page and its assets from this server, with no remote script', async () => {
    const page = await call(app, '/docs');
    expect(page.contentType).toBe('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const sources = [...String(page.body).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect(src.startsWith('/docs/assets/')).toBe(true);
      const asset = await app.request(src);
      expect(asset.status).toBe(200);
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
    expect((await app.request('/docs/assets/nope.js')).status).toBe(404);
  });
});
