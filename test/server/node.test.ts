import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shouldLimitArenas } from '../../src/cli/malloc-arenas.js';
import { startServeCommand } from '../../src/cli/serve-run.js';
import { type RunningServer, startServer } from '../../src/server/node.js';
import { useFakePriceListServer } from '../helpers/fake-price-list-server.js';
import { ec2Item } from '../helpers/price-list-items.js';
import { expectContract } from './contract.js';
import { captureLogs, HeldPriceSource, RULES, SLOW_EC2_WORKLOAD, SMALL_YAML } from './helpers.js';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  vi.unstubAllEnvs();
});

async function start(options: Partial<Parameters<typeof startServer>[0]> = {}): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    ...options,
    deps: { rules: RULES, ...options.deps },
  });
  running.push(server);
  return server;
}

/** POSTs `chunks` with chunked transfer encoding (no Content-Length) and resolves with the status and body. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/recommend`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before every chunk is written; that is the point of the test.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('node server (real loopback socket)', () => {
  it('serves a YAML recommendation that matches the contract', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/recommend?detail=summary`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: SMALL_YAML,
    });
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const checked = await expectContract('POST', '/recommend', response);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ recommended: 'ecs-fargate', pricing: { source: 'snapshot' } });
  });

  it('answers 413 to a chunked body once it passes the limit', async () => {
    const server = await start({ deps: { limits: { maxBodyBytes: 1024 } } });
    const result = await postChunked(
      server.url,
      Array.from({ length: 8 }, () => ' '.repeat(512)),
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('logs a body that never arrives as 408, not as a 500 with a stack', async () => {
    const logs = captureLogs();
    const server = await start({
      logger: logs.logger,
      socket: { headersTimeoutMs: 500, requestTimeoutMs: 1000 },
    });
    // Headers, then one byte of a 100-byte body, then nothing: Node's request timeout ends it.
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          'POST /recommend HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
        );
      });
      let received = '';
      socket.on('data', (d) => {
        received += d.toString('utf8');
      });
      socket.on('close', () => resolve(received));
      socket.on('error', () => undefined);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // The access log line is written once the handler has seen the broken body.
    await vi.waitFor(() => expect(logs.text()).toMatch(/"msg":"request"/), { timeout: 5000 });
    const lines = logs.lines.map((l) => JSON.parse(l));
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ path: '/recommend', status: 408 });
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('shuts down gracefully: the in-flight request completes, a new one is refused', async () => {
    const held = new HeldPriceSource();
    const server = await start({ deps: { priceSource: held } });
    const inFlight = fetch(`${server.url}/recommend`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: SMALL_YAML,
    });
    await held.entered;
    const closed = server.close();
    expect(server.draining).toBe(true);
    const refused = await fetch(`${server.url}/healthz`).then(
      () => null,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    held.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).recommended).toBe('ecs-fargate');
    await closed;
  });

  it('answers /healthz during a long solve, and drains within its grace period even mid-solve', async () => {
    const logs = captureLogs();
    const server = await start({
      logger: logs.logger,
      socket: { shutdownGraceMs: 500 },
      deps: { limits: { solveTimeoutMs: 120_000 } },
    });
    const solving = fetch(`${server.url}/recommend?detail=summary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SLOW_EC2_WORKLOAD), // seconds of fleet solving in the worker
    }).then(
      (r) => r.status,
      () => 'cut',
    );
    await vi.waitFor(
      async () => {
        const health = await (await fetch(`${server.url}/healthz`)).json();
        expect(health.solves.active).toBe(1);
      },
      { timeout: 10_000, interval: 50 },
    );
    await server.close();
    // The solve could not finish in the 500 ms grace: its worker was stopped and its connection cut.
    expect(await solving).toBe('cut');
    expect(logs.text()).toMatch(/shutdown grace ran out/);
  });

  it('starts from `berth serve` settings, logs JSON lines and serves the docs assets', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(`ERR ${t}`) };
    const { code, server } = await startServeCommand(['--port', '0', '--host', '127.0.0.1'], io, {
      BERTH_LOG_LEVEL: 'info',
    });
    expect(code).toBe(0);
    if (!server) throw new Error('server did not start');
    running.push(server);
    const asset = await fetch(`${server.url}/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    await asset.arrayBuffer();
    await server.close();
    const messages = out.map((l) => JSON.parse(l).msg);
    expect(messages).toEqual(['listening', 'request', 'shutting down', 'stopped']);
  });

  it('asks the AWS Price List API when BERTH_PRICES=live, falling back to the snapshot per price', async () => {
    const fake = await useFakePriceListServer({
      products: [{ serviceCode: 'AmazonEC2', item: ec2Item('m5.large', 'us-east-1', '0.5') }],
    });
    // Credentials the fake accepts; the SDK must find nothing else on this machine.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFAKEFORTESTS');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake-secret-for-tests');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    const { server } = await startServeCommand(['--port', '0'], io, {
      BERTH_PRICES: 'live',
      BERTH_PRICES_ENDPOINT: fake.url,
      BERTH_LOG_LEVEL: 'info',
    });
    if (!server) throw new Error(`server did not start: ${out.join('')}`);
    running.push(server);
    const response = await fetch(`${server.url}/recommend?detail=summary`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: SMALL_YAML,
    });
    const { status, body } = await expectContract('POST', '/recommend', response);
    expect(status).toBe(200);
    expect(fake.requests.length).toBeGreaterThan(0);
    const rec = body as { pricing: { source: string; origins: string[] }; warnings: { message: string }[] };
    expect(rec.pricing.source).toBe('live');
    expect(rec.pricing.origins).toContain('snapshot');
    expect(rec.warnings.map((w) => w.message).join('\n')).toMatch(/using the snapshot/);
    await server.close();
    expect(out.join('')).not.toContain('fake-secret-for-tests');
  });

  it('refuses bad serve arguments and settings with exit code 2', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t) };
    expect((await startServeCommand(['--port'], io)).code).toBe(2);
    expect((await startServeCommand(['--port', 'http'], io, {})).code).toBe(2);
    expect(err.join('')).toMatch(/PORT/);
  });
});

describe('berth serve (a real process)', () => {
  it('exits 1 when its port is taken, instead of waiting on its workers', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--host', '127.0.0.1'],
        { cwd: root, env: { ...process.env, BERTH_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString('utf8');
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(err).toMatch(/berth serve: could not start: listen EADDRINUSE/);
    } finally {
      taken.close();
    }
  }, 120_000);

  it('drains and exits 0 on SIGTERM', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    // From the sources through tsx, as `npm run berth` does: bin/berth.js runs dist/, which may be stale.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'],
      {
        cwd: root,
        env: { ...process.env, BERTH_LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const match = /"msg":"listening","url":"([^"]+)"/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        void exited.then((code) =>
          reject(new Error(`berth serve exited (${code}) before listening: ${out}`)),
        );
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // On glibc Linux the server runs in a child process with two malloc arenas (malloc-arenas.ts).
      if (shouldLimitArenas(process.env)) {
        const server = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
        expect(server).toMatch(/^\d+$/);
        const environ = readFileSync(`/proc/${server}/environ`, 'utf8').split('\0');
        expect(environ).toContain('MALLOC_ARENA_MAX=2');
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const messages = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).msg);
      expect(messages).toEqual(['listening', 'request', 'shutting down', 'stopped']);
    } finally {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }
  }, 60_000); // a cold start through tsx takes seconds on a busy machine
});
