/**
 * @module web-page: the page at `/`: paste or upload a workload, get the HTML report and the starter code.
 * A plain form posts to POST /report, which goes through the same pipeline as POST /recommend (limiter,
 * advise worker, deadline); the page runs no script, so its Content-Security-Policy allows none.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Issue } from '../errors.js';
import { escapeHtml } from '../report/html.js';
import { renderPage, renderReportBody } from '../report/render-html-report.js';
import { REPORT_CSS } from '../report/style.js';
import type { AppEnv, AppServices, BerthApp } from './app-services.js';
import { generateArtifacts } from './iac.js';
import { HttpProblem, toProblem } from './problem.js';
import { readLimitedText } from './read-body.js';
import { solveJob } from './solve-job.js';

/** No script at all; the one inline stylesheet by its hash; forms post only here. */
export const PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'; ` +
  "img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

// A multipart body wraps the text in boundaries and headers; this is room for them, not for more text.
const FORM_OVERHEAD_BYTES = 16 * 1024;

export function registerWebPage(app: BerthApp, services: AppServices): void {
  app.get('/', (c) => page(c, renderForm(''), 200));
  app.post('/report', async (c) => {
    let submitted = '';
    try {
      const { text, format } = await readSubmission(c.req.raw, services.limits.maxBodyBytes);
      submitted = text;
      const result = await solveJob(services, { text, format, query: {}, report: true });
      let report: string;
      if (result.kind === 'html') report = result.body;
      else if (result.kind === 'recommendation' && services.generateIac !== undefined) {
        const iac = await generateArtifacts(services.generateIac, result.recommendation, result.options.iac);
        report = renderReportBody(result.recommendation, { iac });
      } else throw new Error(`report job answered ${result.kind}`);
      return page(c, `${renderForm(submitted)}\n${report}`, 200);
    } catch (error) {
      const id = c.get('requestId') ?? 'unknown';
      const { problem, headers, internal } = toProblem(error, id, services.limits.retryAfterSeconds);
      if (internal) services.logger.error('report failed', { requestId: id, code: problem.code });
      for (const [name, value] of Object.entries(headers)) c.header(name, value);
      return page(
        c,
        `${renderForm(submitted)}\n${renderProblem(problem.title, problem.detail, problem.issues ?? [])}`,
        problem.status,
      );
    }
  });
}

function page(c: Context<AppEnv>, body: string, status: number) {
  return c.html(renderPage('Berth: where should these containers run?', body), status as 200, {
    'Content-Security-Policy': PAGE_CSP,
  });
}

/**
 * The workload from the form: an uploaded file if one was chosen, else the pasted text. A file sent as the
 * text field (`curl -F workload=@w.yaml`) is read as a file too, not as the string "[object File]".
 */
async function readSubmission(
  request: Request,
  maxBytes: number,
): Promise<{ text: string; format: 'json' | 'yaml' }> {
  const contentType = request.headers.get('content-type') ?? '';
  const raw = await readLimitedText(request, maxBytes + FORM_OVERHEAD_BYTES);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new HttpProblem('UNSUPPORTED_MEDIA_TYPE', 'form not readable: send the form on this page');
  }
  const asFile = (value: ReturnType<FormData['get']>) =>
    typeof value === 'object' && value !== null && value.size > 0 ? value : null;
  const pasted = form.get('workload');
  const uploaded = asFile(form.get('file')) ?? asFile(pasted);
  const text = uploaded !== null ? await uploaded.text() : typeof pasted === 'string' ? pasted : '';
  if (Buffer.byteLength(text) > maxBytes)
    throw new HttpProblem('PAYLOAD_TOO_LARGE', `workload too large: the limit is ${maxBytes} bytes`);
  // JSON when the file says so or the text opens an object; YAML otherwise (YAML reads JSON too, but
  // JSON is decoded strictly, duplicate keys refused).
  const json = uploaded?.name.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{');
  return { text, format: json ? 'json' : 'yaml' };
}

function renderForm(text: string): string {
  return `<header><h1>Berth</h1><p>Where should these containers run on AWS? Paste a workload (YAML or JSON) or upload its file; Berth answers with the report and starter code. <a href="/docs">API reference</a>.</p></header>
<form class="workload" method="post" action="/report" enctype="multipart/form-data">
<label for="workload">Workload (YAML or JSON)</label>
<textarea id="workload" name="workload" spellcheck="false" placeholder="name: shop&#10;services:&#10;  - name: web&#10;    cpu: 0.5&#10;    memory: 1 GiB&#10;    replicas: 2">${escapeHtml(text)}</textarea>
<label for="file">or a file</label>
<input id="file" name="file" type="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml">
<button type="submit">Recommend</button>
</form>`;
}

function renderProblem(title: string, detail: string, issues: readonly Issue[]): string {
  const list =
    issues.length === 0
      ? ''
      : `<ul>${issues.map((i) => `<li><code>${escapeHtml(i.path)}</code>: ${escapeHtml(i.message)}</li>`).join('')}</ul>`;
  return `<section class="error" id="problem" role="alert"><h2>${escapeHtml(title)}</h2><p>${escapeHtml(detail)}</p>${list}</section>`;
}
