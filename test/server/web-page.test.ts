/** The page at `/` and its form's POST /report, driven through app.request (the browser test is separate). */
import { afterAll, describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../src/server/web-page.js';
import { POOL, SMALL_YAML, testApp } from './helpers.js';

const app = testApp();
afterAll(() => POOL.close());

function postForm(fields: Record<string, string | File>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return app.request('/report', { method: 'POST', body: form });
}

describe('web page', () => {
  it('serves the form at / under a CSP that allows no script', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).not.toContain('script-src');
    expect(PAGE_CSP).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain(
      '<form class="workload" method="post" action="/report" enctype="multipart/form-data">',
    );
    expect(html).not.toContain('<script');
  });

  it('answers a pasted workload with the report and its starter code as downloads', async () => {
    const res = await postForm({ workload: SMALL_YAML });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="verdict" data-candidate="ecs-fargate">ECS on Fargate</p>');
    // ECS: Terraform and CloudFormation fit; each file is a data: URL with its name.
    expect(html).toContain('<section class="iac" data-target="terraform">');
    expect(html).toContain('<section class="iac" data-target="cloudformation">');
    // Each file is a data: URL holding exactly what the generator writes.
    const link =
      /<a class="download" href="data:text\/plain;charset=utf-8;base64,([A-Za-z0-9+/=]+)" download="versions\.tf"/.exec(
        html,
      );
    expect(link).not.toBeNull();
    expect(Buffer.from(link![1]!, 'base64').toString('utf8')).toContain('required_providers');
  });

  it('reads an uploaded JSON file before the text box', async () => {
    const file = new File(
      [JSON.stringify({ name: 'from-file', services: [{ name: 'api', cpu: 1, memory: 2048, replicas: 3 }] })],
      'w.json',
      { type: 'application/json' },
    );
    const res = await postForm({ workload: 'ignored: [', file });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Berth recommendation for from-file');
  });

  it('reads a file sent as the text field, as `curl -F workload=@w.yaml` sends it', async () => {
    const file = new File(
      ['name: sent-as-text-field\nservices:\n  - { name: api, cpu: 1, memory: 2048, replicas: 3 }\n'],
      'w.yaml',
    );
    const res = await postForm({ workload: file });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Berth recommendation for sent-as-text-field');
  });

  it('shows the problem readably, with the issues and the text kept in the box', async () => {
    const res = await postForm({
      workload: 'name: bad\nservices:\n  - name: Web\n    cpu: 1\n    memory: 1 GiB\n',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<section class="error" id="problem" role="alert"><h2>Invalid workload</h2>');
    expect(html).toContain('<code>services[0].name</code>');
    expect(html).toContain('  - name: Web');
  });

  it('escapes the workload name in the report', async () => {
    const res = await postForm({
      workload: `name: "<script>alert(1)</script>"\n${SMALL_YAML.replace('name: small-web-app\n', '')}`,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Berth recommendation for &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
