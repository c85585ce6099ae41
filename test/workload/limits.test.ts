import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src/errors.js';
import { describeIssues } from '../../src/issues.js';
import { normaliseWorkload } from '../../src/workload/normalise.js';
import { makeService, makeWorkload } from '../helpers/workloads.js';

function rejection(input: unknown): BerthError {
  try {
    normaliseWorkload(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BerthError);
    return error as BerthError;
  }
  throw new Error('expected the workload to be rejected');
}

const pathsOf = (input: unknown) => rejection(input).issues.map((i) => i.path);

/** `count` services named s0, s1, ... each with `replicas`. */
function services(count: number, replicas: unknown = 1) {
  return Array.from({ length: count }, (_, i) => makeService({ name: `s${i}`, replicas: replicas as 1 }));
}

describe('workload bounds', () => {
  it('accepts every value at its bound', () => {
    const w = normaliseWorkload(
      makeWorkload({
        services: [
          makeService({ replicas: 5000, cpu: 896, memory: '32 TiB', gpus: { count: 8, model: 'NVIDIA' } }),
          makeService({
            name: 'vol',
            replicas: { min: 0, max: 5000 },
            needs: { persistentVolume: { sizeGiB: 65536 }, ephemeralStorageGiB: 14_672 },
          }),
        ],
        network: { loadBalancerLcu: 10_000, natGateways: 30, natDataGBPerMonth: 1e9, availabilityZones: 6 },
        registryStorageGB: 1e6,
        launchBurst: { tasksPerMinute: 50_000 },
        team: { size: 10_000 },
      }),
    );
    expect(w.services[0]?.memoryMiB).toBe(33_554_432);
    expect(w.services[1]?.stats.peakReplicas).toBe(5000);
  });

  it('refuses replicas above the ECS quota of 5,000 tasks per service, in every form', () => {
    expect(pathsOf(makeWorkload({ services: [makeService({ replicas: 5001 })] }))).toEqual([
      'services[0].replicas',
    ]);
    expect(pathsOf(makeWorkload({ services: [makeService({ replicas: 1e9 })] }))).toEqual([
      'services[0].replicas',
    ]);
    expect(pathsOf(makeWorkload({ services: [makeService({ replicas: { min: 1, max: 1e12 } })] }))).toEqual([
      'services[0].replicas.max',
    ]);
    // makeService's replicas are 2: the other hours stay at them.
    const profile = { pattern: 'profile' as const, hourly: [...Array(23).fill(2), 5001] };
    expect(pathsOf(makeWorkload({ traffic: profile }))).toEqual(['traffic.hourly[23]']);
    const scheduled = {
      pattern: 'scheduled' as const,
      windows: [{ startHour: 8, endHour: 9, replicas: 6000 }],
    };
    expect(pathsOf(makeWorkload({ traffic: scheduled }))).toEqual(['traffic.windows[0].replicas']);
  });

  it('refuses more than 2,000 services with one issue on the list, not one per service', () => {
    const error = rejection(makeWorkload({ services: services(2001) }));
    expect(error.issues.map((i) => i.path)).toEqual(['services']);
    expect(error.message).toMatch(/at most 2000 services/);
  });

  it('refuses more than 50,000 tasks at the peak of the whole workload', () => {
    // 10 × 5,000 = 50,000 is allowed; one more task is not.
    expect(normaliseWorkload(makeWorkload({ services: services(10, 5000) })).services).toHaveLength(10);
    const over = [...services(10, 5000), makeService({ name: 'one-more', replicas: 1 })];
    const error = rejection(makeWorkload({ services: over }));
    expect(error.issues.map((i) => i.path)).toEqual(['services']);
    expect(error.issues[0]?.message).toMatch(/50001 tasks at their peak.*at most 50000/);
    // A schedule runs within its service's replicas: a window above replicas.max is refused where it is
    // (docs/workload.md#schedules-and-profiles-stay-within-replicas), so the peak is replicas.max.
    const scheduled = makeService({
      name: 'batch',
      replicas: { min: 0, max: 1 },
      traffic: { pattern: 'scheduled', windows: [{ startHour: 0, endHour: 1, replicas: 5000 }] },
    });
    expect(pathsOf(makeWorkload({ services: [...services(9, 5000), scheduled, makeService()] }))).toEqual([
      'services[9].traffic.windows[0].replicas',
    ]);
    const upTo5000 = makeService({ ...scheduled, replicas: { min: 0, max: 5000 } });
    expect(pathsOf(makeWorkload({ services: [...services(9, 5000), upTo5000, makeService()] }))).toEqual([
      'services',
    ]);
  });

  it('refuses a task larger than the largest EC2 instance (896 vCPU, 32 TiB, 8 GPUs)', () => {
    const w = makeWorkload({
      services: [
        makeService({ name: 'a', cpu: 897 }),
        makeService({ name: 'b', cpu: '1000 vCPU' }),
        makeService({ name: 'c', memory: '33 TiB' }),
        makeService({ name: 'd', memory: 1e300 }),
        makeService({ name: 'e', gpus: 9 }),
      ],
    });
    const error = rejection(w);
    expect(error.issues.map((i) => i.path)).toEqual([
      'services[0].cpu',
      'services[1].cpu',
      'services[2].memory',
      'services[3].memory',
      'services[4].gpus',
    ]);
    // Each message ends with the value given, as written: a number, or a string in quotes.
    expect(error.issues[0]?.message).toBe(
      'invalid CPU: at most 896 vCPU, the largest EC2 instance type (src/workload/limits.ts), got 897',
    );
    expect(error.issues[1]?.message).toBe(
      'invalid CPU: at most 896 vCPU, the largest EC2 instance type (src/workload/limits.ts), got "1000 vCPU"',
    );
  });

  it('refuses a task smaller than 1 millicore or 6 MiB, which once broke the EC2 placement', () => {
    // Found by the chaos suite: a Windows service with cpu 6.6e-182 made the optimizer's service split
    // fail (a 500). One millicore is Kubernetes' finest CPU quantity; 6 MiB is ECS's container minimum.
    const w = makeWorkload({
      services: [
        makeService({ name: 'a', cpu: 6.634361460056907e-182, os: 'windows' }),
        makeService({ name: 'b', cpu: '0.5m' }),
        makeService({ name: 'c', memory: 5 }),
        makeService({ name: 'd', memory: '1 KiB' }),
      ],
    });
    const error = rejection(w);
    expect(error.issues.map((i) => i.path)).toEqual([
      'services[0].cpu',
      'services[1].cpu',
      'services[2].memory',
      'services[3].memory',
    ]);
    expect(error.issues[1]?.message).toBe(
      'invalid CPU: at least 0.001 vCPU, the smallest a task can ask for (src/workload/limits.ts), got "0.5m"',
    );
    expect(error.issues[3]?.message).toBe(
      'invalid memory: at least 6 MiB, the smallest a task can ask for (src/workload/limits.ts), got "1 KiB"',
    );
    expect(error.issues[2]?.message).toBe(
      'invalid memory: at least 6 MiB, the smallest a task can ask for (a bare number is MiB: write "1 GiB" for gibibytes), got 5',
    );
    expect(error.issues[0]?.message).toBe(
      'invalid CPU: at least 0.001 vCPU, the smallest a task can ask for (src/workload/limits.ts), got 6.634361460056907e-182',
    );
    const smallest = normaliseWorkload(
      makeWorkload({ services: [makeService({ cpu: '1m', memory: 6, os: 'windows' })] }),
    );
    expect(smallest.services[0]).toMatchObject({ vcpu: 0.001, memoryMiB: 6 });
  });

  it('lists at most 100 issues, counting the rest, so a hostile body cannot make a huge answer', () => {
    // Found by a fresh-clone trial: 1,000 services with 168 hourly values each over the quota gave 168,000
    // issues, a 21.7 MB answer. 300 services with a bad cpu each: 300 issues, 100 listed.
    const error = rejection(
      makeWorkload({
        services: Array.from({ length: 300 }, (_, i) => makeService({ name: `s${i}`, cpu: 'x' })),
      }),
    );
    expect(error.issues).toHaveLength(101);
    expect(error.issues[99]?.path).toBe('services[99].cpu');
    expect(error.issues[100]).toEqual({
      path: '(root)',
      code: 'too_many_issues',
      message: '200 more problems not listed: only the first 100 are',
    });
    expect(error.message).toMatch(
      /^invalid workload: 300 problems found \(services\[0\]\.cpu: .*; and 290 more\)$/,
    );
  });

  it('refuses an hourly profile of other than 24 or 168 values, and more than 7 days in a window', () => {
    const long = { pattern: 'profile' as const, hourly: Array(169).fill(1) };
    expect(pathsOf(makeWorkload({ traffic: long }))).toEqual(['traffic.hourly']);
    const days: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[] = [
      'mon',
      'tue',
      'wed',
      'thu',
      'fri',
      'sat',
      'sun',
      'mon',
    ];
    const windows = {
      pattern: 'scheduled' as const,
      windows: [{ days, startHour: 8, endHour: 9, replicas: 2 }],
    };
    expect(pathsOf(makeWorkload({ traffic: windows }))).toEqual(['traffic.windows[0].days']);
  });

  it('says why a quantity or a replica count of the wrong kind is refused, not just "Invalid input"', () => {
    const error = rejection(
      makeWorkload({
        services: [
          makeService({ name: 'a', cpu: true as unknown as number }),
          makeService({ name: 'b', replicas: 1.5 }),
          makeService({ name: 'c', memory: [] as unknown as number }),
        ],
      }),
    );
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'services[0].cpu: invalid CPU: expected a finite number or a string with a unit, got true',
      'services[1].replicas: invalid replicas: expected a whole number from 1 to 5000, or { min, max }, got 1.5',
      'services[2].memory: invalid memory: expected a finite number or a string with a unit, got an array of 0',
    ]);
  });

  it('says a missing CPU or memory is missing, as a missing name is, not "got undefined"', () => {
    const error = rejection({
      services: [
        { name: 'a', cpu: 1 },
        { name: 'b', memory: '1 GiB' },
        { cpu: 1, memory: 512 },
      ],
    });
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'services[0].memory: missing: expected memory as a number or a string with a unit',
      'services[1].cpu: missing: expected CPU as a number or a string with a unit',
      'services[2].name: missing: expected string',
    ]);
  });

  it('bounds every network and storage number', () => {
    const w = makeWorkload({
      network: { loadBalancerLcu: 1e308, natGateways: 31, natDataGBPerMonth: 1e10, availabilityZones: 7 },
      registryStorageGB: 1e308,
      launchBurst: { tasksPerMinute: 1e9 },
      team: { size: 1e6 },
      services: [makeService({ needs: { persistentVolume: { sizeGiB: 1e6 }, ephemeralStorageGiB: 20_000 } })],
    });
    expect(pathsOf(w).sort()).toEqual(
      [
        'launchBurst.tasksPerMinute',
        'network.availabilityZones',
        'network.loadBalancerLcu',
        'network.natDataGBPerMonth',
        'network.natGateways',
        'registryStorageGB',
        'services[0].needs.ephemeralStorageGiB',
        'services[0].needs.persistentVolume.sizeGiB',
        'team.size',
      ].sort(),
    );
  });

  it('echoes at most a few dozen characters of a huge bad value, in the issue and the message', () => {
    const huge = 'x'.repeat(1_000_000);
    const error = rejection(
      makeWorkload({ services: [makeService({ cpu: huge, memory: huge, image: huge, [huge]: 1 } as never)] }),
    );
    const body = JSON.stringify({ message: error.message, issues: error.issues });
    expect(body.length).toBeLessThan(2000);
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      ['services[0]', 'services[0].cpu', 'services[0].image', 'services[0].memory'].sort(),
    );
    // A bad short quantity still says what it got.
    const short = rejection(makeWorkload({ services: [makeService({ cpu: 'lots' })] }));
    expect(short.issues[0]?.message).toMatch(/got "lots"$/);
  });

  it('names at most ten issues in the message and counts the rest', () => {
    const bad = Array.from({ length: 25 }, (_, i) => makeService({ name: `s${i}`, cpu: 'lots' }));
    const error = rejection(makeWorkload({ services: bad }));
    expect(error.issues).toHaveLength(25);
    expect(error.message).toMatch(/services\[9\]\.cpu: [^;]*; and 15 more\)$/);
    expect(describeIssues([{ path: 'a', message: 'm' }])).toBe('a: m');
  });
});
