/**
 * The report in a real browser (headless Chromium through puppeteer-core): the page at `/` of a running
 * server, fed every example, and the CLI's report file opened from disk. Screenshots go to test-artifacts/.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { runCli } from '../../src/cli/main.js';
import { type RunningServer, startServer } from '../../src/server/node.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

const CHROMIUM = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((f) => /\.(ya?ml|json)$/.test(f));
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(
    `\n!!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM} (install it: apt-get install -y chromium, or set BERTH_CHROMIUM) !!!\n`,
  );

/** "$1,209.57" from an exact amount, half-up: written apart from src/report so the two can disagree. */
function dollars(amount: string): string {
  const fixed = new Decimal(amount).abs().toFixed(2, Decimal.ROUND_HALF_UP);
  const [whole, cents] = fixed.split('.');
  return `${amount.startsWith('-') ? '-' : ''}$${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Console errors, page errors and every request a page makes, from the moment it is watched. */
function watch(page: Page) {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  return { errors, requests };
}

interface RenderedBar {
  candidate: string;
  total: string;
  text: string;
  widths: number[];
}

async function readBars(page: Page): Promise<RenderedBar[]> {
  return page.$$eval('#cost-chart g.bar', (gs) =>
    gs.map((g) => ({
      candidate: g.getAttribute('data-candidate') ?? '',
      total: g.getAttribute('data-total') ?? '',
      text: g.querySelector('text.total')?.textContent ?? '',
      widths: Array.from(g.querySelectorAll('rect.segment')).map(
        (r) => (r as SVGRectElement).getBBox().width,
      ),
    })),
  );
}

describe.skipIf(!haveChromium)('the report in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [browser, server] = await Promise.all([
      puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        // Chromium refuses to start its sandbox as root (CI containers).
        args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
      }),
      startServer({ port: 0, host: '127.0.0.1' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });

  it.each(EXAMPLES)(
    "the page at / answers %s with advise()'s verdict and totals",
    async (file) => {
      const expected = await advise(readWorkloadFile(path.join(EXAMPLES_DIR, file)));
      const page = await browser.newPage();
      await page.setViewport({ width: 1000, height: 900 });
      const seen = watch(page);
      await page.goto(`${server.url}/`);
      const input = await page.$('input[type=file]');
      await input!.uploadFile(path.join(EXAMPLES_DIR, file));
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);

      expect(await page.$eval('#verdict', (e) => e.textContent)).toBe(expected.recommendedLabel);
      const priced = expected.candidates.filter((c) => c.cost !== null);
      const bars = await readBars(page);
      expect(bars.map((b) => b.candidate)).toEqual(priced.map((c) => c.id));
      for (const c of priced) {
        const bar = bars.find((b) => b.candidate === c.id)!;
        expect(bar.total).toBe(c.cost!.monthlyUsd);
        expect(bar.text.startsWith(dollars(c.cost!.monthlyUsd))).toBe(true);
        // Incomplete totals say so on the bar; complete ones print the total alone.
        expect(bar.text.includes('incomplete')).toBe(!c.cost!.complete);
        expect(bar.widths.length).toBeGreaterThan(0);
        expect(bar.widths.every((w) => w >= 0)).toBe(true);
        const table = await page.$eval(`details.line-items[data-candidate="${c.id}"]`, (d) => ({
          total: d.querySelector('td.line-total')?.textContent ?? '',
          lines: Array.from(d.querySelectorAll('tbody tr')).map((r) => r.getAttribute('data-usd') ?? ''),
        }));
        expect(table.total.startsWith(dollars(c.cost!.monthlyUsd))).toBe(true);
        const sum = table.lines.filter((v) => v !== '').reduce((s, v) => s.plus(v), new Decimal(0));
        expect(sum.minus(c.cost!.monthlyUsd).abs().lt('1e-20')).toBe(true);
      }
      // The starter code of the recommended candidate is offered.
      expect(await page.$$eval('a.download', (as) => as.length)).toBeGreaterThan(0);
      expect(seen.errors).toEqual([]);
      expect(seen.requests.every((u) => u.startsWith(server.url) || u.startsWith('data:'))).toBe(true);
      if (file.startsWith('s05'))
        await page.screenshot({ path: path.join(ARTIFACTS, 'page-s05-spiky-api.png'), fullPage: true });
      await page.close();
    },
    120_000,
  );

  it('shows a problem from a pasted workload readably', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto(`${server.url}/`);
    await page.$eval('#workload', (t) => {
      (t as HTMLTextAreaElement).value = 'services:\n  - name: web\n    cpu: lots\n    memory: 1 GiB\n';
    });
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    const problem = await page.$eval('#problem', (e) => e.textContent ?? '');
    expect(problem).toContain('Invalid workload');
    expect(problem).toContain('services[0].cpu');
    expect(seen.errors.filter((e) => !e.includes('400'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens the CLI report from disk with no console error and no request', async () => {
    let html = '';
    const code = await runCli(
      ['recommend', path.join(EXAMPLES_DIR, 's05-spiky-api.yaml'), '--format', 'html'],
      {
        stdout: (s) => {
          html += s;
        },
        stderr: () => undefined,
      },
    );
    expect(code).toBe(0);
    const file = path.join(ARTIFACTS, 'report-s05-spiky-api.html');
    writeFileSync(file, html);
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 900 });
    const seen = watch(page);
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    expect(await page.$eval('#verdict', (e) => e.textContent)).toBe('ECS on Fargate');
    expect((await readBars(page)).map((b) => b.text)).toEqual([
      // With the nodes' root volumes (ECS $56; EKS $6 + $4) and CloudWatch (ECS + $15.06, EKS + $2.65);
      // test/report/render-html-report.test.ts works them out.
      '$513.60',
      '$631.15',
      '$1,309.01',
      '$1,449.64', // ECS Managed Instances: the ECS on EC2 fleet plus its assumed fee
      '$1,482.06', // with the EKS system nodes, $60.736
      '$1,539.99', // EKS Auto Mode
    ]);
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([`file://${file}`]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-s05-spiky-api.png'), fullPage: true });
    // The top of the report, for the README.
    await page.screenshot({
      path: path.join(ARTIFACTS, 'report-s05-top.png'),
      clip: { x: 0, y: 0, width: 1000, height: 1650 },
    });
    await page.close();
  }, 60_000);
});

describe.skipIf(haveChromium)('the report in Chromium (skipped)', () => {
  it.skip(`needs Chromium at ${CHROMIUM}: apt-get install -y chromium, or set BERTH_CHROMIUM`, () =>
    undefined);
});
