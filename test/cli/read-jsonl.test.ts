import { describe, expect, it } from 'vitest';
import { readJsonl } from '../../src/cli/read-jsonl.js';
import type { JsonLine } from '../../src/cli/read-jsonl.js';

async function collect(chunks: Array<Buffer | string>, maxLineBytes?: number): Promise<JsonLine[]> {
  const out: JsonLine[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const l of readJsonl(source(), maxLineBytes)) out.push(l);
  return out;
}

function bytewise(s: string): Buffer[] {
  const b = Buffer.from(s, 'utf8');
  return [...b].map((x) => Buffer.from([x]));
}

describe('readJsonl', () => {
  it('splits lines across chunk boundaries, even inside multi-byte characters', async () => {
    const text = '{"a":"Grüße äöü €"}\n{"b":2}\n';
    const lines = await collect(bytewise(text));
    expect(lines).toEqual([
      { lineNo: 1, ok: true, value: { a: 'Grüße äöü €' } },
      { lineNo: 2, ok: true, value: { b: 2 } },
    ]);
  });

  it('accepts CRLF, a BOM, blank lines and a last line without newline, keeping physical line numbers', async () => {
    const lines = await collect(['\uFEFF{"a":1}\r\n\r\n   \n{"a":2}']);
    expect(lines).toEqual([
      { lineNo: 1, ok: true, value: { a: 1 } },
      { lineNo: 4, ok: true, value: { a: 2 } },
    ]);
  });

  it('reports invalid JSON, NUL bytes and invalid UTF-8 per line and goes on', async () => {
    const lines = await collect([
      Buffer.from('{"ok":1}\nnot json\n'),
      Buffer.from([0x7b, 0x00, 0x7d, 0x0a]), // {\0}
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]), // {"a":"\xff\xfe"}
      Buffer.from('{"ok":5}\n'),
    ]);
    expect(lines.map((l) => [l.lineNo, l.ok])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    expect(lines[1]).toMatchObject({ error: expect.stringMatching(/^not valid JSON/) });
    expect(lines[2]).toMatchObject({ error: expect.stringContaining('NUL bytes') });
    expect(lines[3]).toMatchObject({ error: expect.stringContaining('not valid UTF-8') });
  });

  it('drops an over-long line without buffering it and resumes at the next line', async () => {
    const long = 'x'.repeat(100);
    const lines = await collect(['{"a":1}\n"', long, long, '"\n{"a":3}\n'], 64);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toEqual({ lineNo: 2, ok: false, error: expect.stringMatching(/^line is 202 bytes, over the 64 bytes line limit/) });
    expect(lines[2]).toEqual({ lineNo: 3, ok: true, value: { a: 3 } });
  });

  it('reports an over-long last line without a newline', async () => {
    const lines = await collect(['{"a":1}\n', 'y'.repeat(70)], 64);
    expect(lines[1]).toMatchObject({ lineNo: 2, ok: false });
  });
});
