/** @module read-body: reads a request body under a size limit and decodes it as JSON or YAML. */
import { BerthError } from '../errors.js';
import { parseWorkloadText } from '../workload/read.js';
import { HttpProblem } from './problem.js';

export type BodyFormat = 'json' | 'yaml';

const MEDIA_TYPES: Record<string, BodyFormat> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
};
export const ACCEPTED_MEDIA_TYPES = Object.keys(MEDIA_TYPES);

/** The body's format from its Content-Type (parameters such as charset ignored); 415 otherwise. */
export function bodyFormat(contentType: string | undefined): BodyFormat {
  const media = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const format = MEDIA_TYPES[media];
  if (format === undefined) {
    const given = media === '' ? 'no Content-Type' : `Content-Type "${media}"`;
    throw new HttpProblem(
      'UNSUPPORTED_MEDIA_TYPE',
      `unsupported media type: ${given}; send ${ACCEPTED_MEDIA_TYPES.join(', ')}`,
      { headers: { 'Accept-Post': ACCEPTED_MEDIA_TYPES.join(', ') } },
    );
  }
  return format;
}

/**
 * Reads the body as UTF-8 text, refusing it as soon as it passes `maxBytes`: at once when Content-Length
 * says so, otherwise while streaming (chunked uploads are counted, never buffered past the limit).
 */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new HttpProblem('PAYLOAD_TOO_LARGE', `body too large: the limit is ${maxBytes} bytes`);
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Decodes JSON (strictly, not as YAML) or YAML; malformed text is a 400 INPUT_UNREADABLE with its position. */
export function decodeBody(text: string, format: BodyFormat): unknown {
  if (text.trim() === '') {
    throw new BerthError('INPUT_UNREADABLE', 'could not read the body: it is empty', {
      issues: [{ path: '(document)', code: 'empty', message: 'the body is empty; send a workload' }],
    });
  }
  if (format === 'yaml') {
    // parseWorkloadText turns every YAML failure, including the parser's own exceptions, into INPUT_UNREADABLE.
    return parseWorkloadText(text, 'the body');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw new BerthError('INPUT_UNREADABLE', `could not read the body: not valid JSON (${message})`, {
      issues: [{ path: jsonErrorPath(text, message), code: 'invalid_json', message }],
    });
  }
}

/** `line L, column C` when V8 says where JSON broke (as YAML errors do), else `(document)`. */
function jsonErrorPath(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message)?.[1];
  if (at === undefined) return '(document)';
  const before = text.slice(0, Number(at)).split('\n');
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}
