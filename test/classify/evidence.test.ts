// Every evidence span points into the ORIGINAL text of its subject/body/comment, so a UI can highlight it.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { SLOT_NAMES, type Thread, type Where } from '../../src/classify/types.js';
import { corpus, extra } from './load-tickets.js';

function original(thread: Thread, where: Where): string {
  if (where === 'subject') return thread.subject;
  if (where === 'body') return thread.body;
  const n = Number(where.slice('comment '.length));
  return thread.comments?.[n - 1]?.body ?? '';
}

describe('evidence offsets on every labelled ticket', () => {
  for (const ticket of [...corpus(), ...extra()]) {
    it(ticket.id, () => {
      const r = classify(ticket);
      for (const e of r.evidence) {
        const text = original(ticket, e.where);
        expect(e.start, `${ticket.id} ${e.rule}`).toBeGreaterThanOrEqual(0);
        expect(e.end, `${ticket.id} ${e.rule}`).toBeGreaterThan(e.start);
        expect(text.slice(e.start, e.end), `${ticket.id} ${e.rule} ${e.where}`).toBe(e.text);
        expect(e.confidence).toBeGreaterThan(0);
        expect(e.confidence).toBeLessThanOrEqual(1);
        expect(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(e.rule), e.rule).toBe(true);
      }
      // Every slot set from text carries evidence (the defaults unknown/undecided may have none).
      const defaults: Record<string, string> = { directoryService: 'unknown', usernamesChange: 'unknown', choice: 'undecided', product: 'unknown' };
      for (const slot of SLOT_NAMES) {
        if (slot === 'topic' && r.slots.topic === 'off-topic') continue;
        if (defaults[slot] === r.slots[slot]) continue;
        expect(r.evidence.some((e) => e.slot === slot && e.value === r.slots[slot]), `${ticket.id}: ${slot}=${r.slots[slot]} has no evidence`).toBe(true);
      }
    });
  }
});

describe('agent comments never provide evidence', () => {
  it('an agent listing directory types and both options sets nothing', () => {
    const r = classify({
      subject: 'Modern auth',
      body: 'We need MailStore Server archiving to work with modern authentication.',
      comments: [{ author: 'agent', body: 'If you use Active Directory or LDAP Generic you can rename users or keep the directory service (hybrid).' }],
    });
    expect(r.slots.directoryService).toBe('unknown');
    expect(r.slots.choice).toBe('undecided');
    expect(r.evidence.every((e) => e.where !== 'comment 1')).toBe(true);
  });
});
