/** @module read-body: reads a request body under a size limit and decodes it as JSON or YAML. */
import { BerthError } from '../errors.js';
import { describeValue } from '../issues.js';
import { parseWorkloadText, refuseNulBytes } from '../workload/read.js';
import { describeDuplicateKey, findDuplicateKey } from './json-duplicate-keys.js';
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
    const given = media === '' ? 'no Content-Type' : `Content-Type ${describeValue(media)}`;
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
    // Named through the reader, not the DOM lib's global type, so the build (src only) needs no DOM lib.
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch {
      // The stream breaks when Node's request timeout fires (it answers 408 itself and closes the socket)
      // or the client hangs up mid-body: either way the body never came, which is not a server error.
      throw new HttpProblem(
        'REQUEST_TIMEOUT',
        'request body not received: the request timed out or the client closed the connection',
      );
    }
    const { done, value } = next;
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

/**
 * Decodes JSON (strictly, not as YAML) or YAML; malformed text is a 400 INPUT_UNREADABLE with its position.
 * A leading byte-order mark is dropped (editors on Windows write one); a key given twice in one JSON
 * object is refused, as the YAML parser refuses it.
 */
export function decodeBody(raw: string, format: BodyFormat): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') {
    throw new BerthError('INPUT_UNREADABLE', 'could not read the body: it is empty', {
      issues: [{ path: '(document)', code: 'empty', message: 'the body is empty; send a workload' }],
    });
  }
  if (format === 'yaml') {
    // parseWorkloadText turns every YAML failure, including the parser's own exceptions, into INPUT_UNREADABLE.
    return parseWorkloadText(text, 'the body');
  }
  refuseNulBytes(text, 'the body');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 quotes a little of the text around the error; capped all the same, like every echo of input.
    const full = (error as Error).message;
    const message = full.length > 200 ? `${full.slice(0, 197)}...` : full;
    throw new BerthError('INPUT_UNREADABLE', `could not read the body: not valid JSON (${message})`, {
      issues: [{ path: jsonErrorPath(text, full), code: 'invalid_json', message }],
    });
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== null) {
    const message = describeDuplicateKey(duplicate);
    throw new BerthError('INPUT_UNREADABLE', `could not read the body: ${message}`, {
      issues: [
        { path: `line ${duplicate.line}, column ${duplicate.column}`, code: 'duplicate_key', message },
      ],
    });
  }
  return value;
}

/** `line L, column C` when V8 says where JSON broke (as YAML errors do), else `(document)`. */
function jsonErrorPath(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message)?.[1];
  if (at === undefined) return '(document)';
  const before = text.slice(0, Number(at)).split('\n');
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}
