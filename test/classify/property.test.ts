// Random and hostile input never throws and always yields a well-formed Classification.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { PATHOLOGICAL_TEXTS } from './pathological-inputs.js';
import { BRANCHES, CHOICES, DIRECTORY_SERVICES, LANGUAGES, PRODUCTS, TOPICS, USERNAMES_CHANGE, type Classification, type Thread } from '../../src/classify/types.js';

function assertValid(thread: Thread, r: Classification): void {
  expect(TOPICS).toContain(r.slots.topic);
  expect(DIRECTORY_SERVICES).toContain(r.slots.directoryService);
  expect(USERNAMES_CHANGE).toContain(r.slots.usernamesChange);
  expect(CHOICES).toContain(r.slots.choice);
  expect(PRODUCTS).toContain(r.slots.product);
  expect(LANGUAGES).toContain(r.slots.language);
  expect(BRANCHES).toContain(r.branch);
  expect(r.confidence).toBeGreaterThanOrEqual(0);
  expect(r.confidence).toBeLessThanOrEqual(1);
  expect(typeof r.autoSend).toBe('boolean');
  if (r.branch === 'off-topic') expect(r.autoSend).toBe(false);
  for (const e of r.evidence) {
    const where = e.where;
    const source = where === 'subject' ? thread.subject : where === 'body' ? thread.body : (thread.comments?.[Number(where.slice(8)) - 1]?.body ?? '');
    expect(source.slice(e.start, e.end)).toBe(e.text);
  }
}

// Vocabulary the rules react to, mixed into random text so the property reaches the interesting paths.
const VOCAB = [
  'Active Directory', 'AD', 'LDAP Generic', 'Azure AD', 'Entra ID', 'Microsoft 365 (Basic Authentication)', 'Microsoft 365 (Modern Authentication)',
  'rename', 'umbenennen', 'keep', 'behalten', 'not', 'kein', "don't mind", 'kein Problem', 'isn\'t an option', 'years ago', 'früher', '?', '.', ',',
  'jdoe', "'jdoe'", 'DOMAIN\\jdoe', 'user@corp.local', 'user@example.com', 'SPE', 'instance', 'MailStore Server', 'MailStore Cloud',
  '\n> quoted', '\nOn Mon, X <a@b.c> wrote:\n', '\nAm 1.1.2025 schrieb X <a@b.c>:\n', '\n-----Original Message-----\n', '\n---------- Forwarded message ---------\nFrom: A <a@b.c>\n',
  '\nRegards,\nJohn', '\n-- \n', '{{x}}', '{{{x}}}', '<script>alert(1)</script>', '\u0000', '\uFFFF', '\uD800', '😀', 'ß', 'Ä', '\r\n', '\t',
];
const vocabText = fc.array(fc.oneof(fc.constantFrom(...VOCAB), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 60 }).map((a) => a.join(' '));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 }), vocabText);
const thread = fc.record({
  subject: anyText,
  body: anyText,
  comments: fc.option(fc.array(fc.record({ author: fc.constantFrom('customer' as const, 'agent' as const), body: anyText }), { maxLength: 5 }), { nil: undefined }),
});

describe('classify never throws', () => {
  it('random, unicode and vocabulary-laden threads', () => {
    fc.assert(
      fc.property(thread, (t) => {
        const input: Thread = t.comments ? { subject: t.subject, body: t.body, comments: t.comments } : { subject: t.subject, body: t.body };
        assertValid(input, classify(input));
      }),
      { numRuns: 400 },
    );
  });

  // How fast: bench/unit-timings.bench.ts (npm run bench -- unit-timings), not a wall-clock limit here.
  it('huge and pathological input yields a valid classification', () => {
    for (const text of PATHOLOGICAL_TEXTS) {
      const t: Thread = { subject: text.slice(0, 5_000), body: text, comments: [{ author: 'customer', body: text }] };
      assertValid(t, classify(t));
    }
  });

  it('malformed threads from an untrusted caller', () => {
    const weird = [
      {},
      { subject: null, body: undefined },
      { subject: 42, body: ['x'] },
      { subject: 'x', body: 'y', comments: 'nope' },
      { subject: 'x', body: 'y', comments: [null, { author: 'robot', body: 5 }, { body: 'Keep AD please.' }] },
      { subject: 'x', body: 'y', requesterName: { a: 1 } },
    ] as unknown as Thread[];
    for (const t of weird) expect(() => classify(t)).not.toThrow();
  });

  it('template and markup syntax passes through as plain text', () => {
    const r = classify({ subject: '{{#each x}}<script>alert(1)</script>', body: '{{constructor.constructor("x")()}} We use Active Directory and want to keep it as it is.' });
    expect(r.slots.directoryService).toBe('active-directory');
  });
});
