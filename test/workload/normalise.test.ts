import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src/errors.js';
import { normaliseWorkload } from '../../src/workload/normalise.js';
import { makeService, makeWorkload } from '../helpers/workloads.js';

function issuesOf(input: unknown) {
  try {
    normaliseWorkload(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BerthError);
    return (error as BerthError).issues;
  }
  throw new Error('expected the workload to be rejected');
}

describe('normaliseWorkload', () => {
  it('fills defaults and normalises units', () => {
    const w = normaliseWorkload({ services: [{ name: 'api', cpu: '500m', memory: '1.5 GiB' }] });
    expect(w.region).toBe('us-east-1');
    expect(w.team).toEqual({ kubernetesExperience: 'none', size: 5, operationsAppetite: 'medium' });
    expect(w.services[0]).toMatchObject({
      vcpu: 0.5,
      memoryMiB: 1536,
      replicas: { min: 1, max: 1, fixed: true },
      architecture: 'x86_64',
      os: 'linux',
      gpus: { count: 0, model: null },
      exposure: 'none',
      interruptible: false,
    });
    expect(w.services[0]?.stats).toMatchObject({ peakReplicas: 1, replicaHoursPerWeek: 168 });
  });

  it.each([
    [{ replicas: 0 }, 'services[0].replicas', 'expected at least 1, got 0'],
    [{ replicas: 6000 }, 'services[0].replicas', 'expected at most 5000, got 6000'],
    [
      { exposure: 'Public' },
      'services[0].exposure',
      'expected one of "public", "internal", "none", got "Public"',
    ],
    [{ cpu: 'x'.repeat(40) }, 'services[0].cpu', 'expected at most 32 characters, got 40'],
  ])("says what %j should have been and what it was, not zod's wording", (fields, path, message) => {
    // zod's own: "Too small: expected number to be >=1", "Invalid option: expected one of ...|...".
    let error: unknown = null;
    try {
      normaliseWorkload({ services: [{ name: 'web', cpu: 1, memory: '1 GiB', ...fields }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).issues).toContainEqual(expect.objectContaining({ path, message }));
  });

  it('refuses a workload name with a control character, which would reach the terminal, and an image with a newline', () => {
    let error: unknown = null;
    try {
      normaliseWorkload({
        name: 'shop\u001b[2J',
        services: [{ name: 'web', cpu: 1, memory: '1 GiB', image: 'nginx\nlatest' }],
      });
    } catch (e) {
      error = e;
    }
    expect((error as BerthError).issues.map((i) => [i.path, i.message])).toEqual([
      [
        'name',
        'expected printable text: control characters such as an escape, a newline or a text direction override are not allowed',
      ],
      [
        'services[0].image',
        'expected an image reference such as public.ecr.aws/nginx/nginx:1.27: no spaces, control characters or text direction overrides',
      ],
    ]);
    // A right-to-left override would show "shop [U+202E]lanretni" as "shop internal".
    expect(() =>
      normaliseWorkload({
        name: 'shop \u202elanretni',
        services: [{ name: 'web', cpu: 1, memory: '1 GiB' }],
      }),
    ).toThrow(/name: .*text direction override/);
    // Printable names, Unicode included, stay allowed.
    expect(
      normaliseWorkload({ name: 'Boutique café', services: [{ name: 'web', cpu: 1, memory: '1 GiB' }] }).name,
    ).toBe('Boutique café');
  });

  it('says an end hour of 0 is written 24, and shows the architecture a Windows service asked for', () => {
    let error: unknown = null;
    try {
      normaliseWorkload({
        services: [
          {
            name: 'web',
            cpu: 1,
            memory: '1 GiB',
            replicas: { min: 1, max: 3 },
            traffic: { pattern: 'diurnal', peakStartHour: 20, peakEndHour: 0 },
          },
          { name: 'win', cpu: 1, memory: '2 GiB', os: 'windows', architecture: 'arm64' },
        ],
      });
    } catch (e) {
      error = e;
    }
    const issues = (error as BerthError).issues;
    expect(issues.find((i) => i.path === 'services[0].traffic.peakEndHour')?.message).toBe(
      'expected an hour from 1 to 24, got 0: write 24 for a window that ends at midnight',
    );
    expect(issues.find((i) => i.path === 'services[1].architecture')?.received).toBe('"arm64"');
  });

  it.each([
    [
      { gpus: 'abc' },
      'services[0].gpus',
      'expected one of the forms this field takes (the README\'s workload reference lists them), got "abc"',
    ],
    [
      { traffic: { pattern: 'bogus' } },
      'services[0].traffic.pattern',
      'expected one of "steady", "diurnal", "spiky", "batch", "scheduled", "profile"',
    ],
    [
      { traffic: { pattern: 'diurnal', peakStartHour: 8.5 } },
      'services[0].traffic.peakStartHour',
      'expected a whole number, got 8.5',
    ],
    [
      { traffic: { pattern: 'diurnal', peakStartHour: -1 } },
      'services[0].traffic.peakStartHour',
      "expected an hour from 0 to 23, got -1: a window starts at 0 to 23 o'clock, UTC",
    ],
  ])("leaves none of zod's wording for %j", (fields, path, message) => {
    let error: unknown = null;
    try {
      normaliseWorkload({ services: [{ name: 'web', cpu: 1, memory: '1 GiB', ...fields }] });
    } catch (e) {
      error = e;
    }
    expect((error as BerthError).issues).toContainEqual(expect.objectContaining({ path, message }));
  });

  it('counts one character in the singular', () => {
    expect(() =>
      normaliseWorkload({ name: '', services: [{ name: 'web', cpu: 1, memory: '1 GiB' }] }),
    ).toThrow('name: expected at least 1 character, got 0');
  });

  it('says a missing list of services is missing', () => {
    expect(() => normaliseWorkload({ name: 'x' })).toThrow('services: missing: expected array');
  });

  it('notes when decimal GB is read as SI units', () => {
    const w = normaliseWorkload(makeWorkload({ services: [makeService({ memory: '2 GB' })] }));
    expect(w.services[0]?.memoryMiB).toBe(1908);
    expect(w.notes[0]).toMatch(/^services\[0\]\.memory: .*GiB/);
  });

  it('notes a bare memory number below 64, read as MiB though likely meant as GiB', () => {
    const w = normaliseWorkload(
      makeWorkload({ services: [makeService(), makeService({ name: 'tiny', memory: 8 })] }),
    );
    expect(w.services[1]?.memoryMiB).toBe(8);
    expect(w.notes).toEqual([
      'services[1].memory: 8 is read as 8 MiB (a bare number is MiB); write "8 GiB" if you meant gibibytes',
    ]);
  });

  it('notes a replica range priced at its maximum all week because its traffic is steady', () => {
    const w = normaliseWorkload(
      makeWorkload({
        services: [
          makeService({ name: 'api', replicas: { min: 3, max: 12 } }),
          makeService({ name: 'web', replicas: { min: 2, max: 6 }, traffic: { pattern: 'diurnal' } }),
          makeService({ name: 'one', replicas: { min: 2, max: 2 } }),
        ],
      }),
    );
    // 12 × 168 replica-hours a week: the maximum every hour, so the week is priced as for 12 fixed.
    expect(w.services[0]?.profile.reduce((a, b) => a + b, 0)).toBe(12 * 168);
    expect(w.notes).toEqual([
      'services[0].replicas: the range 3–12 with steady traffic is priced at 12 replicas all week (steady runs at the maximum); give the service or the workload a traffic pattern (diurnal, spiky, batch, scheduled or an hourly profile) to price the movement inside it',
    ]);
  });

  it('runs a replicated service with a durable volume one task per node unless told otherwise, and says so', () => {
    const volume = { sizeGiB: 100, durable: true };
    const w = normaliseWorkload(
      makeWorkload({
        services: [
          makeService({ name: 'broker', replicas: 3, needs: { persistentVolume: volume } }),
          makeService({ name: 'single', replicas: 1, needs: { persistentVolume: volume } }),
          makeService({
            name: 'scratch',
            replicas: 3,
            needs: { persistentVolume: { sizeGiB: 100, durable: false } },
          }),
          makeService({
            name: 'shared',
            replicas: 3,
            needs: { persistentVolume: volume, onePerNode: false },
          }),
          makeService({ name: 'web', replicas: 2, needs: { onePerNode: true } }),
          makeService({ name: 'agent', needs: { daemon: true, onePerNode: true } }),
        ],
      }),
    );
    expect(w.services.map((s) => [s.name, s.needs.onePerNode])).toEqual([
      ['broker', true],
      ['single', false],
      ['scratch', false],
      ['shared', false],
      ['web', true],
      ['agent', false],
    ]);
    // The default is noted, and so is a value that cannot apply; a value the user gave needs no explanation.
    expect(w.notes).toEqual([
      'services[0].needs.onePerNode: on, the default for a service with a durable persistentVolume and 2 or more replicas: each EC2 node runs at most one of its tasks, so losing a node loses one replica; set it to false to let them share nodes',
      'services[5].needs.onePerNode: ignored: a per-node agent (daemon) already runs one copy on every node',
    ]);
    expect(
      issuesOf(
        makeWorkload({ services: [makeService({ needs: { onePerNode: 'yes' as unknown as boolean } })] }),
      ),
    ).toEqual([
      expect.objectContaining({
        path: 'services[0].needs.onePerNode',
        message: 'expected boolean, got "yes"',
      }),
    ]);
  });

  it('reports every problem at once with its path', () => {
    const issues = issuesOf({
      services: [
        { name: 'ok', cpu: 1, memory: 512 },
        { name: 'Bad Name', cpu: 'lots', memory: '2 km', replicas: 0 },
        { name: 'ok', cpu: 1, memory: 512, memroy: 3 },
      ],
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'services[1].name',
        'services[1].cpu',
        'services[1].memory',
        'services[1].replicas',
        'services[2]',
      ]),
    );
    expect(issues.find((i) => i.path === 'services[2]')?.message).toMatch(/unknown key "memroy"/);
    expect(issues.find((i) => i.path === 'services[1].cpu')?.message).toMatch(/invalid CPU: expected vCPU/);
  });

  it('rejects unknown top-level keys, duplicate names and inverted ranges', () => {
    const issues = issuesOf({
      servics: [],
      services: [makeService(), makeService({ replicas: { min: 5, max: 2 } })],
    });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['(root)']));
    const all = issuesOf({ services: [makeService(), makeService({ replicas: { min: 5, max: 2 } })] });
    expect(all.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'services[1].name: duplicate service name "web": already used by services[0]',
      'services[1].replicas: replicas.min (5) is greater than replicas.max (2)',
    ]);
  });

  it('names duplicate names and inverted ranges beside a wrong value in one service, not after it is fixed', () => {
    // Zod skips an object's refinements after an aborting issue (a value outside an enum); the workload's own
    // checks run wherever the services are a list.
    const issues = issuesOf({
      servics: [],
      services: [{ ...makeService(), os: 'linuxx' }, makeService({ replicas: { min: 5, max: 2 } }), null],
    });
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'services[0].os: expected one of "linux", "windows", got "linuxx"',
      'services[2]: expected object, got null',
      '(root): unknown key "servics": not part of the workload schema (check the spelling)',
      'services[1].name: duplicate service name "web": already used by services[0]',
      'services[1].replicas: replicas.min (5) is greater than replicas.max (2)',
    ]);
  });

  it('refuses a peak or schedule window whose end hour equals its start hour: it would cover no hour', () => {
    const issues = issuesOf(
      makeWorkload({
        traffic: { pattern: 'diurnal', peakStartHour: 20 }, // peakEndHour defaults to 20
        services: [
          makeService(),
          makeService({
            name: 'night',
            replicas: { min: 0, max: 5 },
            traffic: {
              pattern: 'scheduled',
              windows: [
                { startHour: 22, endHour: 2, replicas: 5 },
                { days: ['mon'], startHour: 9, endHour: 9, replicas: 3 },
              ],
            },
          }),
        ],
      }),
    );
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'traffic.peakEndHour: empty peak window: peakEndHour (20) equals peakStartHour (20), so the peak window would cover no hour (for all day, use peakStartHour 0 and peakEndHour 24)',
      'services[1].traffic.windows[1].endHour: empty window: endHour (9) equals startHour (9), so the window would cover no hour (for all day, use startHour 0 and endHour 24)',
    ]);
    expect(issues[1]).toMatchObject({ code: 'custom', received: '9' });
  });

  it('prices an overnight peak and an overnight schedule window past midnight', () => {
    const w = normaliseWorkload(
      makeWorkload({
        traffic: { pattern: 'diurnal', peakStartHour: 20, peakEndHour: 8 },
        services: [
          makeService({ name: 'nightshift', replicas: { min: 1, max: 10 } }),
          makeService({
            name: 'nightly',
            replicas: { min: 2, max: 5 },
            traffic: { pattern: 'scheduled', windows: [{ startHour: 22, endHour: 2, replicas: 5 }] },
          }),
        ],
      }),
    );
    // Hand-computed in test/workload/profile.test.ts: 60 peak hours at 10 and 108 at 1 = 708; each day
    // 22:00-02:00 at 5 and the other 20 hours at 2 = 7 × (20 + 40) = 420.
    expect(w.services[0]?.stats).toMatchObject({ peak: 10, peakReplicas: 10, replicaHoursPerWeek: 708 });
    expect(w.services[0]?.stats.mean).toBeCloseTo(708 / 168, 12);
    expect(w.services[1]?.stats).toMatchObject({ peak: 5, peakReplicas: 5, replicaHoursPerWeek: 420 });
  });

  it('names the expected type when a value has the wrong type', () => {
    const issues = issuesOf({ region: 7, services: [makeService({ replicas: 'two' as unknown as number })] });
    expect(issues.find((i) => i.path === 'region')).toMatchObject({
      code: 'invalid_type',
      expected: 'string',
    });
  });

  it('says a map of services is not a list: the form Compose writes, and Berth does not read', () => {
    const issues = issuesOf({ name: 'shop', services: { web: { cpu: 2, memory: '4 GiB', replicas: 3 } } });
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'services: expected a list of services, got a map: Berth\'s services are a list, each item with its name (services: [{ name: web, cpu: 2, memory: 4 GiB }], or one "- name: web" item per service); a map keyed by service name is how Compose writes them, which berth import and POST /import read',
    ]);
  });

  it('rejects a workload without services and a malformed region', () => {
    const issues = issuesOf({ region: 'Virginia', services: [] });
    expect(issues.map((i) => i.path).sort()).toEqual(['region', 'services']);
  });

  it('uses the service traffic over the workload traffic', () => {
    const w = normaliseWorkload(
      makeWorkload({
        traffic: { pattern: 'batch', durationHours: 2 },
        services: [
          makeService({ name: 'a', replicas: 4 }),
          makeService({ name: 'b', replicas: 4, traffic: { pattern: 'steady' } }),
        ],
      }),
    );
    expect(w.services[0]?.stats.replicaHoursPerWeek).toBe(4 * 2 * 7);
    expect(w.services[1]?.stats.replicaHoursPerWeek).toBe(4 * 168);
  });
});

describe('parseWorkloadText', () => {
  it('reports syntax errors with line and column', async () => {
    const { parseWorkloadText } = await import('../../src/workload/read.js');
    expect(() => parseWorkloadText('services: [\n  {name: web', 'w.yaml')).toThrowError(
      expect.objectContaining({
        code: 'INPUT_UNREADABLE',
        message: expect.stringMatching(/^could not read w\.yaml: line \d+, column \d+/),
      }),
    );
  });

  it('says a file of two YAML documents is two documents, not what the yaml package should be asked', async () => {
    const { parseWorkloadText } = await import('../../src/workload/read.js');
    // It used to end in "please use YAML.parseAllDocuments()", advice for the library's callers.
    expect(() => parseWorkloadText('services: []\n---\nservices: []\n', 'w.yaml')).toThrow(
      'could not read w.yaml: line 2, column 1: a second YAML document starts here (---): a workload is one document; put each workload in a file of its own',
    );
  });

  it('says a UTF-16 file is UTF-16, not that the workload is a string', async () => {
    const { parseWorkloadText } = await import('../../src/workload/read.js');
    // What readFile(…, 'utf8') makes of UTF-16LE with its byte-order mark: U+FFFD twice, then NULs.
    const text = `\uFFFD\uFFFD${[...'{"services":[]}'].map((c) => `${c}\u0000`).join('')}`;
    expect(() => parseWorkloadText(text, 'w.json')).toThrow(
      'could not read w.json: the text holds NUL bytes: it looks like UTF-16 or a binary file; save it as UTF-8',
    );
  });

  it('reports an alias to a missing anchor as unreadable input, not a crash', async () => {
    const { parseWorkloadText } = await import('../../src/workload/read.js');
    expect(() => parseWorkloadText('*!', 'w.yaml')).toThrowError(
      expect.objectContaining({
        code: 'INPUT_UNREADABLE',
        message: expect.stringMatching(/^could not read w\.yaml: Unresolved alias/),
      }),
    );
  });

  it('says an empty workload is empty, whether YAML gave null or nothing came', () => {
    for (const input of [null, undefined]) {
      expect(() => normaliseWorkload(input)).toThrowError(
        expect.objectContaining({
          code: 'INVALID_WORKLOAD',
          message: 'invalid workload: the workload is empty: it needs at least a list of services',
        }),
      );
    }
  });

  it('rejects duplicate keys', async () => {
    const { parseWorkloadText } = await import('../../src/workload/read.js');
    expect(() => parseWorkloadText('name: a\nname: b\n')).toThrowError(
      expect.objectContaining({
        code: 'INPUT_UNREADABLE',
        message:
          'could not read workload: line 2, column 1: Map keys must be unique: a key may appear once in a map (a repeated one would overwrite the first)',
      }),
    );
  });

  it('reads a document nested beyond the parser as an error with a reason, listing at most 100 issues', async () => {
    const { parseWorkloadText } = await import('../../src/workload/read.js');
    const error = (() => {
      try {
        parseWorkloadText('['.repeat(100_000));
      } catch (e) {
        return e as { issues: { message: string }[]; message: string };
      }
      throw new Error('expected an error');
    })();
    expect(error.issues.length).toBeLessThanOrEqual(100);
    expect(error.issues[0]?.message).toBe('nested too deeply to read: no workload needs this depth');
    expect(error.message).not.toMatch(/call stack/);
  });
});

/**
 * A schedule window or a profile hour outside the service's replicas (docs/workload.md, "Schedules and
 * profiles stay within replicas"): it used to be priced at its own count while the starter code's
 * autoscaling ran between replicas.min and replicas.max.
 */
describe('traffic within replicas', () => {
  const messages = (input: unknown) => issuesOf(input).map((i) => `${i.path}: ${i.message}`);
  /** Quiet at 2, busy from 06:00 to 19:00 up to 20: hours 8–15 are above 10. */
  const day = [2, 2, 2, 2, 2, 2, 4, 8, 12, 16, 20, 20, 20, 20, 16, 12, 10, 8, 6, 4, 2, 2, 2, 2];

  it('refuses a profile above replicas.max: one problem at its first hour, with the count of the others', () => {
    const web = makeService({ replicas: { min: 2, max: 10 }, traffic: { pattern: 'profile', hourly: day } });
    expect(messages(makeWorkload({ services: [web] }))).toEqual([
      "services[0].traffic.hourly[8]: 12 replicas is above replicas.max (10), as are 7 more hours of the profile: the starter code's autoscaling stops at replicas.max, so the replicas above it would be priced and never launched; raise replicas.max to 20 or lower the profile",
    ]);
    expect(issuesOf(makeWorkload({ services: [web] }))[0]).toMatchObject({ code: 'custom', received: '12' });
  });

  it('prices a profile inside the range as given, its peak being replicas.max', () => {
    const web = makeService({ replicas: { min: 2, max: 20 }, traffic: { pattern: 'profile', hourly: day } });
    const w = normaliseWorkload(makeWorkload({ services: [web] }));
    // A day: 6 × 2 + 4 + 8 + 12 + 16 + 4 × 20 + 16 + 12 + 10 + 8 + 6 + 4 + 4 × 2 = 196 replica-hours; 7 days.
    expect(w.services[0]?.stats).toMatchObject({ peak: 20, peakReplicas: 20, replicaHoursPerWeek: 1372 });
  });

  it('refuses a profile below replicas.min, which the autoscaler keeps running', () => {
    const hourly = [1, 1, 1, 1, 1, 1, 4, 8, ...new Array<number>(12).fill(10), 1.5, 1, 1, 1];
    const web = makeService({ replicas: { min: 4, max: 10 }, traffic: { pattern: 'profile', hourly } });
    expect(messages(makeWorkload({ services: [web] }))).toEqual([
      "services[0].traffic.hourly[0]: 1 replica is below replicas.min (4), as are 9 more hours of the profile: the starter code's autoscaling keeps at least replicas.min running, so those hours would be launched and priced lower; lower replicas.min to 1 or raise the profile",
    ]);
  });

  it('reads a fractional hour as it is priced: 10.5 needs a maximum of 11, 1.5 a minimum of 1', () => {
    const hourly = [10.5, ...new Array<number>(22).fill(5), 1.5];
    const web = makeService({ replicas: { min: 2, max: 10 }, traffic: { pattern: 'profile', hourly } });
    expect(messages(makeWorkload({ services: [web] }))).toEqual([
      "services[0].traffic.hourly[0]: 10.5 replicas is above replicas.max (10): the starter code's autoscaling stops at replicas.max, so the replicas above it would be priced and never launched; raise replicas.max to 11 or lower the profile",
      "services[0].traffic.hourly[23]: 1.5 replicas is below replicas.min (2): the starter code's autoscaling keeps at least replicas.min running, so those hours would be launched and priced lower; lower replicas.min to 1 or raise the profile",
    ]);
  });

  it('refuses a schedule window above replicas.max, and one below replicas.min that would change nothing', () => {
    const web = makeService({
      replicas: { min: 2, max: 10 },
      traffic: {
        pattern: 'scheduled',
        windows: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startHour: 9, endHour: 17, replicas: 20 },
          { startHour: 1, endHour: 5, replicas: 1 },
          { startHour: 18, endHour: 20, replicas: 10 },
        ],
      },
    });
    expect(messages(makeWorkload({ services: [web] }))).toEqual([
      "services[0].traffic.windows[0].replicas: 20 replicas is above replicas.max (10): the starter code's autoscaling stops at replicas.max, so the replicas above it would be priced and never launched; raise replicas.max to 20 or lower the window",
      'services[0].traffic.windows[1].replicas: 1 replica is below replicas.min (2): the service runs at least 2 at every hour, so this window would change nothing; lower replicas.min to 1, or raise the window',
    ]);
  });

  it('asks a fixed count, the default 1 included, for a range; on the workload traffic it names the service', () => {
    const hourly = [1, 1, 1, 1, 1, 1, 2, 3, ...new Array<number>(9).fill(4), 3, 2, 1, 1, 1, 1, 1];
    const issues = messages(
      makeWorkload({
        traffic: { pattern: 'profile', hourly },
        services: [
          makeService({ name: 'web', replicas: undefined }),
          makeService({ name: 'api', replicas: { min: 1, max: 4 } }),
          makeService({
            name: 'job',
            replicas: 2,
            traffic: { pattern: 'scheduled', windows: [{ startHour: 9, endHour: 10, replicas: 6 }] },
          }),
        ],
      }),
    );
    expect(issues).toEqual([
      "traffic.hourly[6]: for web (services[0], which follows the workload's traffic), 2 replicas is above replicas (1, a fixed count, the default when replicas is not given), as are 12 more hours of the profile: the starter code runs a fixed count of 1 with no autoscaling, so the replicas above it would be priced and never launched; write replicas as { min, max } with max at least 4, or lower the profile",
      'services[2].traffic.windows[0].replicas: 6 replicas is above replicas (2, a fixed count): the starter code runs a fixed count of 2 with no autoscaling, so the replicas above it would be priced and never launched; write replicas as { min, max } with max at least 6, or lower the window',
    ]);
  });

  it('leaves a per-node agent alone, and adds nothing to a range or a profile already refused', () => {
    const profile = { pattern: 'profile' as const, hourly: new Array<number>(24).fill(8) };
    const agent = makeService({ name: 'agent', needs: { daemon: true }, traffic: profile });
    expect(normaliseWorkload(makeWorkload({ services: [agent] })).services).toHaveLength(1);
    const inverted = makeService({ replicas: { min: 9, max: 2 }, traffic: profile });
    expect(issuesOf(makeWorkload({ services: [inverted] })).map((i) => i.path)).toEqual([
      'services[0].replicas',
    ]);
    // Two values are refused for their count (zod's minimum and the 24-or-168 check); 8 against the fixed
    // 2 is not judged on top.
    const short = makeService({ replicas: 2, traffic: { pattern: 'profile', hourly: [8, 8] } });
    const refused = issuesOf(makeWorkload({ services: [short] }));
    expect(new Set(refused.map((i) => i.path))).toEqual(new Set(['services[0].traffic.hourly']));
    expect(refused.filter((i) => i.message.includes('replicas'))).toEqual([]);
  });
});
