import { describe, expect, it } from 'vitest';
import { bodyFormat, decodeBody, readLimitedText } from '../../src/server/read-body.js';

describe('read-body', () => {
  it('knows JSON and YAML media types, ignoring parameters and case', () => {
    expect(bodyFormat('application/json; charset=utf-8')).toBe('json');
    expect(bodyFormat('Application/YAML')).toBe('yaml');
    expect(bodyFormat('text/x-yaml')).toBe('yaml');
  });

  it('refuses other media types and a missing one with 415', () => {
    expect(() => bodyFormat('text/plain')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }),
    );
    expect(() => bodyFormat(undefined)).toThrow(/no Content-Type/);
    expect(() => bodyFormat('application/jsonx')).toThrow(/application\/jsonx/);
  });

  it('reads a body up to the limit exactly', async () => {
    const request = new Request('http://x/', { method: 'POST', body: 'é'.repeat(5) });
    expect(await readLimitedText(request, 10)).toBe('ééééé');
  });

  it('refuses one byte over the limit', async () => {
    const request = new Request('http://x/', { method: 'POST', body: 'a'.repeat(11) });
    await expect(readLimitedText(request, 10)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
    });
  });

  it('says a UTF-16 JSON body is UTF-16, and where Kubernetes manifests go', () => {
    // UTF-16LE with its mark, read as UTF-8: U+FFFD twice, then a NUL after every ASCII character.
    const utf16 = `\uFFFD\uFFFD${[...'{"services":[]}'].map((c) => `${c}\u0000`).join('')}`;
    expect(() => decodeBody(utf16, 'json')).toThrow(
      'could not read the body: the text holds NUL bytes: it looks like UTF-16 or a binary file; save it as UTF-8',
    );
    const manifests = 'kind: Deployment\nmetadata: {name: web}\n---\nkind: Service\nmetadata: {name: web}\n';
    expect(() => decodeBody(manifests, 'yaml')).toThrow(
      'give Kubernetes manifests to berth import or POST /import',
    );
    // A separator with nothing after it ends the one document.
    expect(decodeBody('a: 1\n---\n', 'yaml')).toEqual({ a: 1 });
  });

  it('decodes strict JSON and YAML, and says INPUT_UNREADABLE for either when malformed', () => {
    expect(decodeBody('{"a": 1}', 'json')).toEqual({ a: 1 });
    expect(decodeBody('a: 1\n', 'yaml')).toEqual({ a: 1 });
    expect(() => decodeBody('a: 1', 'json')).toThrow(expect.objectContaining({ code: 'INPUT_UNREADABLE' }));
    expect(() => decodeBody('a: [1', 'yaml')).toThrow(expect.objectContaining({ code: 'INPUT_UNREADABLE' }));
    expect(() => decodeBody('  \n', 'json')).toThrow(/empty/);
  });

  it('turns the YAML parser’s own exceptions (an alias with no anchor) into INPUT_UNREADABLE', () => {
    expect(() => decodeBody('*!', 'yaml')).toThrow(
      expect.objectContaining({
        code: 'INPUT_UNREADABLE',
        issues: [expect.objectContaining({ code: 'invalid_yaml' })],
      }),
    );
  });

  it('keeps "__proto__" as a plain key so the schema can refuse it', () => {
    const value = decodeBody('{"__proto__": {"polluted": true}}', 'json') as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
