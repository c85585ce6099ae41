import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../../src/server/json-duplicate-keys.js';
import { decodeBody } from '../../src/server/read-body.js';

describe('findDuplicateKey', () => {
  it('finds a key given twice at the top, with its line and column', () => {
    expect(findDuplicateKey('{"services": [],\n "services": [1]}')).toEqual({
      path: '(root)',
      key: 'services',
      line: 2,
      column: 2,
    });
  });

  it('gives the path of a nested object, through arrays and objects', () => {
    const text = '{"name":"x","services":[{"name":"a"},{"name":"b","cpu":1,"cpu":2}]}';
    expect(findDuplicateKey(text)).toMatchObject({ path: 'services[1]', key: 'cpu' });
    expect(findDuplicateKey('[[1,2],[3,{"a":{"b":1,"b":2}}]]')).toMatchObject({ path: '[1][1].a', key: 'b' });
  });

  it('compares keys after unescaping, and ignores commas, braces and quotes inside strings', () => {
    expect(findDuplicateKey('{"a":1,"\\u0061":2}')).toMatchObject({ key: 'a' });
    expect(findDuplicateKey('{"a":"x,\\"a\\":{","b":"}","c":["a","a"]}')).toBeNull();
    // The same key in two different objects is fine.
    expect(findDuplicateKey('[{"a":1},{"a":2}]')).toBeNull();
  });

  it('walks deep nesting without recursion', () => {
    const deep = `${'['.repeat(100_000)}{"a":1,"a":2}${']'.repeat(100_000)}`;
    expect(findDuplicateKey(deep)).toMatchObject({ key: 'a' });
  });
});

describe('decodeBody: JSON held to the YAML rules', () => {
  it('refuses duplicate keys in JSON as YAML does, with the position as path', () => {
    const json = () => decodeBody('{"services": [],\n "services": []}', 'json');
    expect(json).toThrow(expect.objectContaining({ code: 'INPUT_UNREADABLE' }));
    expect(json).toThrow(/duplicate key "services" in \(root\)/);
    try {
      json();
    } catch (error) {
      expect((error as { issues: unknown[] }).issues).toEqual([
        {
          path: 'line 2, column 2',
          code: 'duplicate_key',
          message: 'duplicate key "services" in (root): a key may appear once per object',
        },
      ]);
    }
    expect(() => decodeBody('services: []\nservices: []\n', 'yaml')).toThrow(
      expect.objectContaining({ code: 'INPUT_UNREADABLE' }),
    );
  });

  it('accepts a leading byte-order mark in JSON and YAML', () => {
    expect(decodeBody('\uFEFF{"a": 1}', 'json')).toEqual({ a: 1 });
    expect(decodeBody('\uFEFFa: 1\n', 'yaml')).toEqual({ a: 1 });
    // Only a leading one: elsewhere it is a character like any other.
    expect(() => decodeBody('{"a": 1}\uFEFF', 'json')).toThrow(
      expect.objectContaining({ code: 'INPUT_UNREADABLE' }),
    );
  });

  it('caps the echo of a huge malformed JSON body', () => {
    try {
      decodeBody(`{"cpu": ${'9'.repeat(1_000_000)}x}`, 'json');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(300);
    }
  });
});
