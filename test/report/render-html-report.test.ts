/** The HTML report: its numbers against the Recommendation, its escaping and that it needs nothing else. */
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import { formatQuantity, formatUnitPrice, formatUsd } from '../../src/report/money.js';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

const recs = new Map<string, Recommendation>();
beforeAll(async () => {
  for (const name of ['s05-spiky-api', 's07-windows-dotnet', 's04-nightly-batch'])
    recs.set(name, await advise(readWorkloadFile(path.join(EXAMPLES_DIR, `${name}.yaml`))));
});
const rec = (name: string) => recs.get(name)!;

/** The attributes and text of every `<g class="bar">` of the cost chart. */
function bars(html: string) {
  const out = new Map<string, { total: string; complete: string; text: string; segments: string[] }>();
  for (const m of html.matchAll(
    /<g class="bar" data-candidate="([^"]+)" data-total="([^"]+)" data-complete="([^"]+)">(.*?)<\/g>/g,
  )) {
    const body = m[4]!;
    const text = /<text [^>]*class="total[^"]*">([^<]*)<\/text>/.exec(body)?.[1] ?? '';
    const segments = [...body.matchAll(/data-usd="([^"]+)"/g)].map((s) => s[1]!);
    out.set(m[1]!, { total: m[2]!, complete: m[3]!, text, segments });
  }
  return out;
}

describe('money formatting', () => {
  it('rounds half-up to cents with thousands separators', () => {
    expect(formatUsd('1209.5694444444')).toBe('$1,209.57');
    expect(formatUsd('1234567.005')).toBe('$1,234,567.01');
    expect(formatUsd('-30.125')).toBe('-$30.13');
    expect(formatUsd('-0.001')).toBe('$0.00');
    expect(formatUnitPrice('0.04048')).toBe('$0.04048');
    expect(formatUnitPrice('1500')).toBe('$1,500.00');
    expect(formatQuantity('1125.416666666')).toBe('1,125.4167');
  });
});

describe('renderHtmlReport', () => {
  it('states the verdict and prints every priced total on its bar (s05, checked by hand)', () => {
    const r = rec('s05-spiky-api');
    const html = renderHtmlReport(r);
    expect(r.recommendedLabel).toBe('ECS on Fargate');
    expect(html).toContain('<p class="answer" id="verdict" data-candidate="ecs-fargate">ECS on Fargate</p>');
    const b = bars(html);
    // The six priced candidates; the two mixed ones duplicate the pure Fargate ones and have no cost.
    expect([...b.keys()]).toEqual([
      'ecs-fargate',
      'eks-fargate',
      'ecs-ec2',
      'ecs-managed-instances',
      'eks-ec2',
      'eks-auto-mode',
    ]);
    // Each total holds its CloudWatch lines. ECS: 12 GB of logs a month (12 tasks on average) × $0.50 = 6.00,
    // kept 30 days: 12 × 30 / (730 / 24) × $0.03 = 0.3550684932, and 29 Container Insights metrics × $0.30
    // = 8.70, 15.0550684932 in all. EKS: the control plane's 5 GB × $0.50 = 2.50 + 0.1479452055 stored.
    // The image pulls go through the free S3 gateway endpoint ($0).
    expect(b.get('ecs-fargate')!.text).toBe('$513.60'); // 498.5462 + 15.0550684932
    expect(b.get('eks-fargate')!.text).toBe('$631.15'); // 628.50445 + 2.6479452055
    // ECS runs api on one type at every hour (docs/pricing.md#each-ecs-service-runs-on-one-instance-type):
    // m5a.large, 2 tasks of 1 vCPU each (bridge mode), 2 nodes for 6,580 quiet minutes a week and 50 for the
    // 3,500 around the spikes: 188,160 minutes = 3,136 h a week × 730 / 168 = 13,626.67 h × $0.086 = $1,171.89;
    // root volumes 13,626.67 h × 30 GiB / 730 × $0.10 (gp2) = $56.00; network $66.065 (ALB $16.425 + LCU
    // $5.84 + its IPv4 $7.30, NAT $32.85 + its EIP $3.65); + CloudWatch 15.0550684932.
    expect(b.get('ecs-ec2')!.text).toBe('$1,309.01');
    // $1,409.17 of fleet (CoreDNS now on the system nodes), control plane and network, + the EKS system
    // nodes: 2 × 730 h × $0.0416 = $60.736, + root volumes: 1,966.94 h × 20 GiB / 730 × $0.10 = $5.39 for
    // the fleet, $4 for the system nodes, + 2.6479452055 of control plane logs.
    expect(b.get('eks-ec2')!.text).toBe('$1,482.06');
    // The ECS on EC2 fleet plus its assumed fee: 12 % × $0.086 = $0.01032 × 13,626.67 h = $140.6272.
    expect(b.get('ecs-managed-instances')!.text).toBe('$1,449.64');
    // Auto Mode's fleet and fee ($1,518.56), + the control plane's logs $2.65 and its nodes' 80 GiB NodeClass
    // volumes: 187.8 GB-months × $0.10 = $18.78.
    expect(b.get('eks-auto-mode')!.text).toBe('$1,539.99');
    for (const c of r.candidates.filter((x) => x.cost !== null)) {
      const bar = b.get(c.id)!;
      expect(bar.total).toBe(c.cost!.monthlyUsd);
      // The stacked segments add up to the exact total.
      const sum = bar.segments.reduce((s, v) => s.plus(v), new Decimal(0));
      expect(sum.minus(c.cost!.monthlyUsd).abs().lt('1e-20')).toBe(true);
    }
    // The line-item table's total for each candidate is the same figure.
    expect(html).toContain('data-total="513.6012684932">$513.60</td>');
  });

  it('stacks a discount below zero and still prints the net total (s04)', () => {
    const r = rec('s04-nightly-batch');
    const ec2 = r.candidates.find((c) => c.id === 'ecs-ec2')!;
    const discount = ec2.cost!.lineItems.filter((l) => l.category === 'discount');
    expect(discount.length).toBeGreaterThan(0);
    const html = renderHtmlReport(r);
    const bar = bars(html).get('ecs-ec2')!;
    expect(bar.text).toBe(formatUsd(ec2.cost!.monthlyUsd));
    expect(bar.segments.some((v) => v.startsWith('-'))).toBe(true);
  });

  it('marks incomplete totals as not comparable (s07: Windows EC2 prices are missing)', () => {
    const r = rec('s07-windows-dotnet');
    const html = renderHtmlReport(r);
    const b = bars(html);
    // $1,626.35 + the Windows licence: 8 tasks × 2 vCPU × 730 h × $0.046 = $537.28; both hold 8 GB of logs
    // a month ($4.00 + $0.2367123288 stored) and 68 Container Insights metrics ($20.40).
    expect(b.get('ecs-fargate')).toMatchObject({ complete: 'true', text: '$2,188.27' });
    expect(b.get('ecs-ec2')).toMatchObject({
      complete: 'false',
      // $88.33 + two Windows nodes' 50 GiB root volumes: 100 GB-month × $0.10 = $10, + $24.64 CloudWatch.
      text: '$122.97 + missing prices: incomplete',
    });
    expect(html).toContain('(incomplete: prices missing)');
    // Each missing line names its price id, as the text and Markdown tables do ("no price (ec2-windows:...)").
    const missingIds = ec2MissingIds(r);
    expect(missingIds.length).toBeGreaterThan(0);
    for (const id of missingIds) expect(html).toContain(`<td class="num">missing (${id})</td>`);
  });

  it('draws each EC2 fleet at the tasks its peak placement holds, and the break-even from rec.breakEven', () => {
    const r = rec('s05-spiky-api');
    const html = renderHtmlReport(r);
    const ecsEc2 = r.candidates.find((c) => c.id === 'ecs-ec2')!.cost!.fleet!;
    const held = ecsEc2.placement.flatMap((n) => n.tasks).reduce((s, t) => s + t.count, 0);
    // 100 api replicas at the busiest minute (s05 spikes from 4 to 100), all on the peak fleet.
    expect(held).toBe(100);
    expect(html).toContain('<g class="fleet" data-candidate="ecs-ec2" data-peak-tasks="100">');
    // Fargate against self-managed EC2 and against AWS-managed nodes, on each orchestrator.
    expect(r.breakEven.map((b) => b.ec2)).toEqual([
      'ecs-ec2',
      'eks-ec2',
      'ecs-managed-instances',
      'eks-auto-mode',
    ]);
    for (const b of r.breakEven) {
      expect(html).toContain(
        `data-break-even="${b.breakEvenUtilisation}" data-utilisation="${b.utilisation}"`,
      );
      expect(html).toContain(`Break-even <strong>${Math.round(b.breakEvenUtilisation * 100)} %</strong>`);
    }
    // Every chart is labelled for assistive technology.
    const charts = ['cost-chart', 'profile-chart', 'break-even-ecs', 'break-even-eks'];
    for (const id of [...charts, 'break-even-ecs-managed-instances', 'break-even-eks-auto-mode'])
      expect(html).toMatch(
        new RegExp(`<svg id="${id}"[^>]*role="img" aria-labelledby="${id}-title ${id}-desc"`),
      );
  });

  it('is one file: no script, no external stylesheet, image or font', () => {
    const html = renderHtmlReport(rec('s05-spiky-api'));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(http/i);
    expect(html).not.toMatch(/\ssrc=/i);
  });

  it('escapes every user-supplied string', async () => {
    const hostile = await advise({
      name: '<script>alert("name")</script>',
      services: [{ name: 'web', cpu: 0.25, memory: 512, replicas: 2 }],
    });
    // Service names are validated on input, but a Recommendation read from JSON is not: escape anyway.
    const json = JSON.stringify(hostile).replaceAll('"web"', '"<script>alert(1)</script>"');
    const html = renderHtmlReport(JSON.parse(json) as Recommendation);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

/** The price ids of ECS on EC2's missing lines. */
function ec2MissingIds(r: Recommendation): string[] {
  const c = r.candidates.find((x) => x.id === 'ecs-ec2')!;
  return c.cost!.lineItems.filter((l) => l.missing && l.priceId !== null).map((l) => l.priceId!);
}
