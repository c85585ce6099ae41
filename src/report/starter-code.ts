/**
 * @module starter-code: the generated IaC files as downloads. Each link carries its file as a data: URL
 * with a `download` name, so the page needs no further request, script or storage on the server.
 */
import type { IacArtifact } from '../model/iac.js';
import { escapeHtml } from './html.js';

export function renderStarterCode(artifacts: readonly IacArtifact[]): string {
  if (artifacts.length === 0) return '';
  const groups = artifacts.map((a) => {
    const links = a.files
      .map((f) => {
        const href = `data:text/plain;charset=utf-8;base64,${Buffer.from(f.contents, 'utf8').toString('base64')}`;
        // The file name only: a download attribute cannot create folders, and paths are shown beside it.
        const name = f.path.split('/').pop() ?? f.path;
        return `<li><a class="download" href="${href}" download="${escapeHtml(name)}" data-path="${escapeHtml(f.path)}">${escapeHtml(f.path)}</a> <span class="size">${f.contents.length.toLocaleString('en-US')} characters</span></li>`;
      })
      .join('');
    return `<section class="iac" data-target="${a.target}"><h3>${escapeHtml(a.target)} for ${escapeHtml(a.candidate)}</h3><ul>${links}</ul></section>`;
  });
  return `<section id="starter-code"><h2>Starter code</h2><p>Each file downloads on its own; keep the folders shown in its path.</p>${groups.join('')}</section>`;
}
