import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workloadJsonSchema } from '../../src/workload/json-schema.js';

describe('workloadJsonSchema', () => {
  it('matches the committed schema/workload.schema.json (run npm run schema:build after changing the schema)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../schema/workload.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(workloadJsonSchema());
  });

  it('describes strict objects, defaults and the traffic patterns', () => {
    const schema = workloadJsonSchema() as {
      additionalProperties: boolean;
      properties: Record<
        string,
        { default?: unknown; oneOf?: { properties: { pattern: { const: string } } }[] }
      >;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.region?.default).toBe('us-east-1');
    expect(schema.properties.traffic?.oneOf?.map((o) => o.properties.pattern.const)).toEqual([
      'steady',
      'diurnal',
      'spiky',
      'batch',
      'scheduled',
      'profile',
    ]);
  });

  it('writes patterns a reader without Unicode mode compiles, and they refuse control characters', () => {
    // \p{Cc} needs the u flag: without it Python's re refuses the pattern and JavaScript reads other letters.
    const text = readFileSync(new URL('../../schema/workload.schema.json', import.meta.url), 'utf8');
    const patterns = [...text.matchAll(/"pattern": ("(?:[^"\\]|\\.)*")/g)].map(
      (m) => JSON.parse(m[1]!) as string,
    );
    expect(patterns.length).toBeGreaterThan(3);
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/\\[pP]\{/);
      expect(() => new RegExp(pattern)).not.toThrow();
    }
    const name = new RegExp(patterns.find((p) => p.startsWith('^[^\\u0000'))!);
    expect(name.test('Boutique café')).toBe(true);
    expect(name.test('shop\u001b[2J')).toBe(false);
  });
});
