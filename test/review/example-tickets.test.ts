import { describe, expect, it } from 'vitest';
import { BRANCHES } from '../../src/classify/types.js';
import { loadExampleTickets, parseExampleTickets } from '../../src/review/example-tickets.js';

describe('Try it examples', () => {
  it('the shipped file offers every branch in English and German', () => {
    const all = loadExampleTickets();
    expect(all).toHaveLength(24);
    for (const b of BRANCHES) for (const l of ['en', 'de']) expect(all.some((e) => e.branch === b && e.language === l), `${b}.${l}`).toBe(true);
  });

  it('keeps tickets with an id, a body and labelled branch and language; skips the rest; keeps follow-ups in order', () => {
    const good = { id: 'a1', subject: 'S', body: 'B', comments: [{ author: 'agent', body: 'Q?' }, { author: 'bot', body: 'x' }, { author: 'customer', body: 'A.' }], labels: { branch: 'hybrid', language: 'de' } };
    const text = [
      JSON.stringify(good),
      'not json',
      JSON.stringify({ ...good, id: 'bad id with spaces' }),
      JSON.stringify({ ...good, id: 'a2', labels: { branch: 'nonsense', language: 'de' } }),
      JSON.stringify({ ...good, id: 'a3', body: 7 }),
      '',
    ].join('\n');
    expect(parseExampleTickets(text)).toEqual([
      { id: 'a1', branch: 'hybrid', language: 'de', thread: { subject: 'S', body: 'B', comments: [{ author: 'agent', body: 'Q?' }, { author: 'customer', body: 'A.' }] } },
    ]);
  });

  it('a missing file gives no examples rather than an error', () => {
    expect(loadExampleTickets('/nonexistent/tickets.jsonl')).toEqual([]);
  });
});
