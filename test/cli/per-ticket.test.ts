// When one ticket fails inside classify/draft (the classifier or the renderer throws on it), the CLI names that
// line and the step on stderr, still writes every other ticket in order, and exits 1 with a count. classify() never
// throws on any input we could find (test/classify/property.test.ts), so the failing step is injected here through
// the loop both commands share.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runPerTicket, step } from '../../src/cli/commands/per-ticket.js';

function io(lines: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdin: Readable.from([lines.join('\n') + '\n']), stdout, stderr }, out: () => out, err: () => err };
}

const ticket = (id: string) => JSON.stringify({ id, subject: 'Modern auth', body: `Ticket ${id}: we keep our Active Directory.` });

describe('a ticket that fails on its own', () => {
  it('is reported with its line, id and failing step; the others are written in order; exit 1', async () => {
    const t = io([ticket('a'), ticket('b'), ticket('c')]);
    const code = await runPerTicket('draft', '-', t.io, ({ id }) =>
      step('renderer', () => {
        if (id === 'b') throw new Error('template missing for branch x');
        return { id };
      }),
    );
    expect(code).toBe(1);
    expect(t.out().trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['a', 'c']);
    expect(t.err().split('\n')[0]).toBe('line 2: renderer failed: template missing for branch x (id b)');
    expect(t.err()).toContain('m365-guide draft: 1 line failed, 2 tickets written');
  });

  it('an error that is not a ticket failure (a bug) is not swallowed as one', async () => {
    const t = io([ticket('a')]);
    await expect(runPerTicket('classify', '-', t.io, () => { throw new TypeError('bug'); })).rejects.toThrow('bug');
  });
});
