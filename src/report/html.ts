/** @module html: escaping text for HTML and turning the URLs in a sentence into links. */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element's content or a quoted attribute value: every name in a report is user input. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

// Only http(s): a `javascript:` URL in a rule's source must never become a link.
const URL_PATTERN = /https?:\/\/[^\s<>"')]+/g;

/** Escapes a sentence and makes each http(s) URL in it a link (Berth's reasons end with their source). */
export function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:]+$/, '');
    const at = match.index;
    out += escapeHtml(text.slice(last, at));
    out += `<a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a>`;
    last = at + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A link to `url` when it is http(s), else the escaped text: sources are data, not trusted markup. */
export function sourceLink(url: string | null, text = url ?? ''): string {
  if (url === null) return escapeHtml(text);
  return /^https?:\/\//.test(url)
    ? `<a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(text)}</a>`
    : escapeHtml(text);
}
