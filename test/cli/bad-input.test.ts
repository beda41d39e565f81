// Every kind of bad line is reported on stderr with its line number, and never stops the other lines.
import { describe, expect, it } from 'vitest';
import { corpusLines, parseLines, runCli } from './helpers.js';

const good = (id: string): string => JSON.stringify({ id, subject: 'Switch to Microsoft 365 Modern Authentication', body: 'Hello, how do we move MailStore Server to Microsoft 365 Modern Authentication?' });

const FIVE_MB_BODY = JSON.stringify({ id: 'huge', subject: 's', body: 'a'.repeat(5 * 1024 * 1024) });

// [case, raw bad line, expected stderr fragment after "line 2: "]
const CASES: Array<[string, string | Buffer, string | RegExp]> = [
  ['not JSON', '{"id": "x", "body": ', /^line 2: not valid JSON \(/],
  ['truncated garbage', 'hello world', /^line 2: not valid JSON/],
  ['an array', '[1, 2, 3]', 'line 2: expected a JSON object, got an array'],
  ['null', 'null', 'line 2: expected a JSON object, got null'],
  ['a string', '"just text"', 'line 2: expected a JSON object, got "just text"'],
  ['a number', '42', 'line 2: expected a JSON object, got number 42'],
  ['missing body', '{"id":"t2","subject":"x"}', 'line 2: body is missing or empty (id t2)'],
  ['empty body', '{"subject":"x","body":""}', 'line 2: body is missing or empty'],
  ['whitespace body', '{"subject":"x","body":"  \\n "}', 'line 2: body is missing or empty (only whitespace)'],
  ['body of wrong type', '{"subject":"x","body":{"text":"hi"}}', 'line 2: body must be a string, got an object'],
  ['subject of wrong type', '{"subject":17,"body":"hello"}', 'line 2: subject must be a string, got number 17'],
  ['id of wrong type', '{"id":true,"subject":"x","body":"hello"}', 'line 2: id must be a non-empty string or a number, got boolean true'],
  ['comments not an array', '{"subject":"x","body":"hello","comments":"later"}', 'line 2: comments must be an array, got "later"'],
  ['comment not an object', '{"subject":"x","body":"hello","comments":["hi"]}', 'line 2: comments[0] must be an object with author and body, got "hi"'],
  ['comment with a bad author', '{"subject":"x","body":"hello","comments":[{"author":"customer","body":"a"},{"author":"bot","body":"b"}]}', 'line 2: comments[1].author must be "customer" or "agent", got "bot"'],
  ['comment without body', '{"subject":"x","body":"hello","comments":[{"author":"agent"}]}', 'line 2: comments[0].body must be a string, got nothing'],
  ['a 5 MB body', FIVE_MB_BODY, 'line 2: body is 5.0 MiB, over the 1.0 MiB limit for a ticket\'s text (id huge)'],
  ['raw NUL bytes (binary)', Buffer.from([0x7b, 0x22, 0x62, 0x00, 0x00, 0x01, 0x02, 0x22, 0x7d]), 'line 2: contains NUL bytes (binary data, or a UTF-16 file?)'],
  ['an escaped NUL in the body', '{"subject":"x","body":"he\\u0000llo"}', 'line 2: body contains NUL characters (binary data?)'],
  ['invalid UTF-8', Buffer.concat([Buffer.from('{"subject":"x","body":"Gr'), Buffer.from([0xfc, 0xdf]), Buffer.from('e"}')]), 'line 2: is not valid UTF-8 (is the file in another encoding, e.g. Windows-1252?)'],
];

function input(bad: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${good('first')}\n`), Buffer.isBuffer(bad) ? bad : Buffer.from(bad), Buffer.from(`\n${good('third')}\n`)]);
}

describe.each(['classify', 'draft'])('%s with bad input', (command) => {
  it.each(CASES)('%s: reports line 2 and still outputs lines 1 and 3', async (_name, bad, expected) => {
    const run = await runCli([command, '-'], input(bad));
    expect(run.code).toBe(1);
    expect(run.errors[0]).toMatch(typeof expected === 'string' ? new RegExp(`^${escapeRe(expected)}$`) : expected);
    expect(run.errors).toHaveLength(2); // the line error + the closing count
    expect(run.errors[1]).toBe(`m365-guide ${command}: 1 line failed, 2 tickets written`);
    expect(parseLines<{ id: string }>(run).map((r) => r.id)).toEqual(['first', 'third']);
  });
});

describe('bad lines mixed into the corpus', () => {
  it('reports each with its own line number and keeps every good ticket in order', async () => {
    const lines = corpusLines().slice(0, 10);
    const mixed = [...lines];
    // Insert bad lines at physical lines 3, 7 and 12 (1-based) of the resulting file.
    mixed.splice(2, 0, 'not json');
    mixed.splice(6, 0, '{"subject":"no body"}');
    mixed.splice(11, 0, '[]');
    const run = await runCli(['classify'], mixed.join('\n') + '\n', 333);
    expect(run.code).toBe(1);
    expect(run.errors.slice(0, 3).map((e) => e.split(':')[0])).toEqual(['line 3', 'line 7', 'line 12']);
    expect(parseLines<{ id: string }>(run).map((r) => r.id)).toEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id));
  });

  it('a line over the 8 MiB line limit is skipped unread, not a crash', async () => {
    const huge = `{"body":"${'b'.repeat(9 * 1024 * 1024)}"}`;
    const run = await runCli(['classify'], `${good('a')}\n${huge}\n${good('c')}\n`);
    expect(run.code).toBe(1);
    expect(run.errors[0]).toMatch(/^line 2: line is 9\.0 MiB, over the 8\.0 MiB line limit \(skipped unread\)$/);
    expect(parseLines<{ id: string }>(run).map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('an input with only good lines exits 0 with an empty stderr', async () => {
    const run = await runCli(['classify'], `${good('a')}\n\n${good('b')}\n`);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.lines).toHaveLength(2);
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
