import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { loadRules } from '../../src/rules/loader.js';
import { SERVICES_WRITTEN_AS_MAP } from '../../src/workload/schema.js';
import { EXAMPLES_DIR, FIXTURES_DIR } from '../helpers/workloads.js';

async function run(...argv: string[]) {
  return runWith({}, ...argv);
}

/** Runs the CLI with a pretend terminal, environment or stdin. */
async function runWith(terminal: Partial<CliIo>, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    ...terminal,
  });
  return { code, stdout, stderr };
}

const S01 = join(EXAMPLES_DIR, 's01-small-web-app.yaml');
const PACKAGE_VERSION = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

describe('berth recommend', () => {
  it('prints a table by default', async () => {
    const r = await run('recommend', join(EXAMPLES_DIR, 's02-gpu-inference.yaml'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Recommended: ECS, mixed Fargate and EC2');
    // The status column wraps under itself at 100 columns: "(model-server)" goes to the next line.
    expect(r.stdout).toMatch(
      / {3}- {2}ECS on Fargate\s+-\s+-\s+-\s+excluded: fargate-no-gpu\n {60,}\(model-server\)/,
    );
    // Line items and totals per priced candidate.
    expect(r.stdout).toMatch(/ECS, mixed Fargate and EC2: \$\d+\.\d\d a month/);
    // At 100 columns the item wraps under itself; the numbers stay on its first line, right-aligned.
    expect(r.stdout).toMatch(
      / {2}api: Fargate vCPU, 1 vCPU \/ 2 GB billed \(requested 1 +1460 vCPU-hour +\$0\.04048 +\$59\.10\n {4}vCPU/,
    );
    expect(r.stdout).toMatch(/Prices: snapshot source \(snapshot\), as of \d{4}-\d\d-\d\d/);
  });

  it('prints JSON that parses back to the recommendation', async () => {
    const r = await run('recommend', join(EXAMPLES_DIR, 's01-small-web-app.yaml'), '--format', 'json');
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.recommended).toBe('ecs-fargate');
    expect(rec.candidates).toHaveLength(8);
  });

  it('prints Markdown with a table and sources', async () => {
    const r = await run('recommend', join(EXAMPLES_DIR, 's11-kafka-ebs.yaml'), '-f', 'markdown');
    expect(r.stdout).toMatch(/^## Berth: EKS on EC2 for kafka \(us-east-1\)/);
    expect(r.stdout).toContain('| Rank | Candidate | Score | Monthly | vs best | Status |');
    expect(r.stdout).toContain(
      // 3 × 1024 GB × $0.08 (gp3, us-east-1: data/SOURCES.md), no longer MISSING.
      '| broker: gp3 EBS volume of 1024 GB × 3 replicas | 3072 GB-month | $0.08 | $245.76 |',
    );
    expect(r.stdout).toContain('[source](https://docs.aws.amazon.com/');
  });

  it('reports invalid workloads on stderr with paths and a non-zero exit', async () => {
    const r = await run('recommend', join(FIXTURES_DIR, 'impossible.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^berth: warning: services\[0\]\.cpu: 500 is read as 500 vCPU per task .*\nberth: no candidate can run this workload\n {2}services\[0\]: /,
    );
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses an unknown region and a Windows arm64 service, with live prices too, before asking AWS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-region-'));
    try {
      const file = join(dir, 'w.yaml');
      writeFileSync(file, 'region: us-est-1\nservices: [{name: web, cpu: 1, memory: 2 GiB}]\n');
      // The region is checked against data/regions.json before a price source exists: no network here.
      for (const prices of ['snapshot', 'live']) {
        const r = await run('recommend', file, '--prices', prices);
        expect(r).toMatchObject({ code: 1, stdout: '' });
        expect(r.stderr).toBe(
          'berth: invalid workload\n  region: unknown region "us-est-1": Berth knows the 30 regions of its ' +
            'price data (`berth regions` and GET /regions list them; `berth prices refresh --region R` adds ' +
            'one); did you mean "us-east-1" or "us-west-1"?\n',
        );
      }
      writeFileSync(
        file,
        'services: [{name: web, cpu: 1, memory: 2 GiB, os: windows, architecture: arm64}]\n',
      );
      const win = await run('recommend', file);
      expect(win.code).toBe(1);
      expect(win.stderr).toMatch(
        /^berth: invalid workload\n {2}services\[0\]\.architecture: arm64 cannot run a Windows container: Windows containers run on x86_64 only on AWS/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing file, a bad format and YAML syntax errors', async () => {
    expect((await run('recommend', '/nonexistent.yaml')).stderr).toBe(
      'berth: could not read /nonexistent.yaml: no such file\n',
    );
    const bad = await run('recommend', join(EXAMPLES_DIR, 's01-small-web-app.yaml'), '--format', 'xml');
    expect(bad).toMatchObject({
      code: 2,
      stderr: 'berth recommend: unknown --format "xml": expected one of table, json, markdown, html\n',
    });
    expect(await run('recommend')).toMatchObject({
      code: 2,
      stderr:
        'berth recommend: missing FILES: berth recommend needs at least one file, or - for stdin; see berth recommend --help\n',
    });
    expect(await run('frobnicate')).toMatchObject({
      code: 2,
      stderr:
        'berth: unknown command "frobnicate": expected one of recommend, import, rules, schema, prices, regions, serve\n',
    });
  });

  it('rejects unknown options and extra arguments as usage errors, exit 2', async () => {
    expect(await run('recommend', S01, '--bogus')).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'berth recommend: unknown option "--bogus": berth recommend has no such option; see berth recommend --help\n',
    });
    expect(await run('rules', '--formt', 'json')).toMatchObject({
      code: 2,
      stderr:
        'berth rules: unknown option "--formt": berth rules has no such option; did you mean --format?\n',
    });
    // recommend takes several files to import; a Berth workload is one file, given alone.
    expect(await run('recommend', S01, join(EXAMPLES_DIR, 's02-gpu-inference.yaml'))).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        's02-gpu-inference.yaml:1: already a Berth workload: give it to berth recommend as it is',
      ),
    });
  });

  it('reads the workload from stdin for -, and warns on stderr about a bare memory number', async () => {
    const yaml = 'services:\n  - name: web\n    cpu: 0.25\n    memory: 8\n';
    const r = await runWith({ readStdin: async () => yaml }, 'recommend', '-', '--format', 'json');
    expect(r.code).toBe(0);
    const warning =
      'services[0].memory: 8 is read as 8 MiB (a bare number is MiB); write "8 GiB" if you meant gibibytes';
    expect(r.stderr).toBe(`berth: warning: ${warning}\n`);
    const rec = JSON.parse(r.stdout);
    expect(rec.workload.name).toBeDefined();
    expect(rec.warnings.map((w: { message: string }) => w.message)).toContain(warning);
  });

  it('refuses a Berth workload with its services written as a map, as advise() and POST /recommend do', async () => {
    // The new-user trial: before, this was imported as Compose and priced at 0.5 vCPU, 1 GiB, 1 replica.
    const yaml =
      'name: shop\nservices:\n  web:\n    cpu: 2\n    memory: 4 GiB\n    replicas: 3\n    exposure: public\n';
    const r = await runWith({ readStdin: async () => yaml }, 'recommend', '-', '--format', 'json');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`berth: invalid workload\n  services: ${SERVICES_WRITTEN_AS_MAP}\n`);
    // A Compose file with a typo is refused too, at its line, not priced at the defaults.
    const typo = 'services:\n  web:\n    image: nginx\n    mem_limt: 4g\n';
    const t = await runWith({ readStdin: async () => typo }, 'recommend', '-', '--format', 'json');
    expect(t).toMatchObject({ code: 1, stdout: '' });
    expect(t.stderr).toBe(
      'berth: could not import 1 file\n  stdin:4: services.web.mem_limt: unknown Compose key "mem_limt": not a service attribute in the Compose Specification (did you mean mem_limit?); extension keys start with x-\n',
    );
  });

  it('says where a YAML error is when stdin is not a workload', async () => {
    const r = await runWith({ readStdin: async () => 'services: [' }, 'recommend', '-');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^berth: could not read stdin\n {2}line 1, column \d+: /);
  });
});

describe('berth --help and --version', () => {
  it('prints the version from package.json and exits 0', async () => {
    expect(PACKAGE_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(await run('--version')).toEqual({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
  });

  it('gives every command a --help that exits 0 and lists its options with their defaults', async () => {
    const recommend = await run('recommend', '--help');
    expect(recommend.code).toBe(0);
    expect(recommend.stdout).toMatch(/^Usage: berth recommend \[options\] <files...>/);
    expect(recommend.stdout).toMatch(
      /--format <format>\s+output format \(choices: "table", "json", "markdown",\s+"html",\s+default:\s+"table"\)/,
    );
    expect(recommend.stdout).toMatch(/default:\s+"snapshot",\s+env:\s+BERTH_PRICES/);
    expect(recommend.stdout).toContain('or - to read it from stdin');
    const rules = await run('rules', '--help');
    expect(rules).toMatchObject({ code: 0, stderr: '' });
    expect(rules.stdout).toMatch(
      /--format <format>\s+output format \(choices: "table", "json", default: "table"\)/,
    );
    expect((await run('schema', '--help')).code).toBe(0);
    // prices and serve keep their own usage, also through `berth help`.
    expect((await run('prices', '--help')).stdout).toContain('Usage: berth prices refresh --region REGION');
    expect(await run('help', 'serve')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Usage: berth serve/),
    });
    const top = await run('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/recommend \[options\] <files...>/);
    expect(top.stdout).toContain('NO_COLOR');
  });

  it('prints the usage on stderr and exits 2 when no command is given', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: berth \[options\] \[command\]/);
  });
});

describe('colour and width', () => {
  const TTY = { stdoutIsTty: true, columns: 120, env: {} };

  it('colours the text table on a terminal only', async () => {
    const coloured = await runWith(TTY, 'recommend', S01);
    expect(coloured.stdout).toContain('\x1b[1mRecommended:\x1b[22m');
    expect((await run('recommend', S01)).stdout).not.toContain('\x1b[');
  });

  it('never colours with --no-color, NO_COLOR or a format for programs', async () => {
    for (const r of [
      await runWith(TTY, 'recommend', S01, '--no-color'),
      await runWith(TTY, '--no-color', 'recommend', S01),
      await runWith({ ...TTY, env: { NO_COLOR: '1' } }, 'recommend', S01),
      await runWith(TTY, 'recommend', S01, '-f', 'json'),
      await runWith(TTY, 'recommend', S01, '-f', 'markdown'),
    ]) {
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('\x1b[');
    }
  });

  it('wraps to COLUMNS', async () => {
    const r = await runWith(
      { env: { COLUMNS: '60' } },
      'recommend',
      join(EXAMPLES_DIR, 's02-gpu-inference.yaml'),
    );
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBe(60);
  });
});

describe('berth rules and schema', () => {
  it('lists rules with their sources', async () => {
    const r = await run('rules');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fargate-no-gpu\s+service\s+exclude fargate\s+https:\/\/docs\.aws\.amazon\.com/);
  });

  it('lists every rule of rules/ once, with its source', async () => {
    const lines = (await run('rules')).stdout.trimEnd().split('\n').slice(2);
    const rules = loadRules();
    expect(lines).toHaveLength(rules.length);
    for (const rule of rules) {
      const line = lines.find((l) => l.startsWith(`${rule.id} `));
      expect(line?.trimEnd().endsWith(rule.source), rule.id).toBe(true);
    }
  });

  it('prints the workload JSON Schema', async () => {
    const schema = JSON.parse((await run('schema')).stdout);
    expect(schema.title).toBe('Berth workload');
    expect(schema.required).toEqual(['services']);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('berth regions', () => {
  it('shows what the snapshot covers in each region, thin ones included', async () => {
    const r = await run('regions');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Region\s+EC2 types priced\s+Fargate\s+EKS\s+ALB\s+NAT\s+IPv4\s+ECR$/);
    expect(lines.find((l) => l.startsWith('ap-south-1 '))?.split(/\s{2,}/)).toEqual([
      'ap-south-1',
      '45 of 1379',
      'yes',
      'yes',
      '—',
      'yes',
      'yes',
      '—',
    ]);
    expect(lines.find((l) => l.startsWith('us-gov-west-1 '))?.split(/\s{2,}/)).toEqual([
      'us-gov-west-1',
      '36 of 1379',
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
    ]);
    expect(lines.filter((l) => /^[a-z]{2}(-gov)?-[a-z]+-\d /.test(l))).toHaveLength(30);
  });

  it('writes the same coverage as Markdown and JSON', async () => {
    const md = await run('regions', '-f', 'markdown');
    expect(md.stdout).toContain('| us-east-1 | 1367 of 1379 | yes | yes | yes | yes | yes | yes |');
    const json = JSON.parse((await run('regions', '--format', 'json')).stdout);
    expect(json.find((r: { region: string }) => r.region === 'af-south-1')).toMatchObject({
      ec2TypesPriced: 9,
      fargate: true,
      alb: false,
      nat: false,
    });
  });
});

describe('berth recommend --candidate', () => {
  it("writes the starter code of the candidate asked for, and refuses an excluded one with the rule's id", async () => {
    const out = mkdtempSync(join(tmpdir(), 'berth-candidate-'));
    try {
      const s05 = join(EXAMPLES_DIR, 's05-spiky-api.yaml');
      const r = await run(
        'recommend',
        s05,
        '--iac',
        'terraform',
        '--out',
        out,
        '--candidate',
        'eks-auto-mode',
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`file(s) for eks-auto-mode to ${out}`);
      expect(readFileSync(join(out, 'cluster.tf'), 'utf8')).toContain('compute_config');
      const s07 = join(EXAMPLES_DIR, 's07-windows-dotnet.yaml');
      const refused = await run(
        'recommend',
        s07,
        '--iac',
        'terraform',
        '--out',
        out,
        '--candidate',
        'eks-auto-mode',
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('the rules excluded it (eks-auto-mode-no-windows)');
      const alone = await run('recommend', s05, '--candidate', 'eks-ec2');
      expect(alone.code).toBe(2);
      expect(alone.stderr).toContain('--candidate needs --iac TARGET and --out DIR');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
