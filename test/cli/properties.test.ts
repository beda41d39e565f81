// Properties of the input path that hand-picked cases cannot cover: any chunking, any JSON value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonl } from '../../src/cli/read-jsonl.js';
import type { JsonLine } from '../../src/cli/read-jsonl.js';
import { validateTicket } from '../../src/cli/validate-ticket.js';

async function collect(chunks: Buffer[]): Promise<JsonLine[]> {
  const out: JsonLine[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const l of readJsonl(source())) out.push(l);
  return out;
}

function chunk(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, buf.length]) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  return out;
}

describe('readJsonl properties', () => {
  it('the result does not depend on how the bytes are chunked', async () => {
    const line = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\n')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), async (lines, cuts) => {
        const bytes = Buffer.from(lines.join('\n'), 'utf8');
        const whole = await collect([bytes]);
        const pieces = await collect(chunk(bytes, cuts));
        expect(pieces).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary bytes never throw, and every reported line number is within the input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (arr) => {
        const buf = Buffer.from(arr);
        const lines = await collect([buf]);
        const total = buf.toString('latin1').split('\n').length;
        for (const l of lines) {
          expect(l.lineNo).toBeGreaterThanOrEqual(1);
          expect(l.lineNo).toBeLessThanOrEqual(total);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateTicket properties', () => {
  it('never throws on any JSON value and always names an id', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ body: fc.jsonValue(), subject: fc.jsonValue(), comments: fc.jsonValue(), id: fc.jsonValue() }, { requiredKeys: [] })), (value) => {
        const r = validateTicket(value, 7);
        expect(r.id.length).toBeGreaterThan(0);
        if (r.ok) expect(r.thread.body.trim()).not.toBe('');
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
