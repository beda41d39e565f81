// The reader's one feature function: what it reads (whose words, with which prefix), and that training and the
// classifier compute exactly the same features for a ticket (no train/serve skew).
import { describe, expect, it } from 'vitest';
import { ticketFeatures, normalizeToken } from '../../src/classify/features.js';
import { readTicket } from '../../src/classify/index.js';
import { defaultModel, MODEL_SLOTS, slotProbabilities } from '../../src/classify/reader-model.js';
import { readByRules } from '../../src/classify/rules.js';
import { prepare } from '../../train/train-reader.js';
import { holdout } from './load-tickets.js';

const thread = {
  subject: 'Modern auth for MailStore',
  body: 'We sync MailStore Server with our Active Directory.\n\n> Quoted: please rename everything\n',
  comments: [
    { author: 'agent' as const, body: 'Do you want to rename the users or keep the directory?' },
    { author: 'customer' as const, body: 'Keep it, users are jdoe and CORP\\mmiller, mail is j.doe@example.com' },
  ],
};

describe('ticketFeatures', () => {
  const f = ticketFeatures(readByRules(thread));
  const names = [...f.values.keys()];

  it('keeps whose words they are apart: customer (w:), latest customer message (l:), agent (a:)', () => {
    expect(names).toContain('w:active directory');
    expect(names).toContain('a:rename');
    expect(names).toContain('l:keep');
    // the first message is not the latest one, so its words carry no l: prefix
    expect(names).not.toContain('l:active');
  });
  it('drops quoted mail: the quoted request is not the customer’s statement', () => {
    expect(names).not.toContain('w:everything');
  });
  it('reads shapes, not spellings, of addresses and DOMAIN\\user names', () => {
    expect(normalizeToken('j.doe@example.com')).toBe('⟨address⟩');
    expect(normalizeToken('jdoe@corp.local')).toBe('⟨address.local⟩');
    expect(normalizeToken('CORP\\mmiller')).toBe('⟨domain\\user⟩');
    expect(names).toContain('l:⟨address⟩');
    expect(names).toContain('l:⟨domain\\user⟩');
  });
  it('adds character n-grams of the customer’s words and the rules’ reading', () => {
    expect(names).toContain('c:<kee');
    expect(names).toContain('r:ds=active-directory');
    expect(names.some((n) => n.startsWith('r:rule=ds.'))).toBe(true);
  });
  it('points every text feature at its span in the original message', () => {
    const span = f.spans.get('w:active directory')!;
    expect(span.where).toBe('body');
    expect(thread.body.slice(span.start, span.end)).toBe('Active Directory');
  });
});

describe('training and the classifier read the same features', () => {
  it('the model probabilities of classify equal those computed on the training features', () => {
    const model = defaultModel();
    for (const t of holdout().slice(0, 10)) {
      const [prepared] = prepare([{ id: t.id, file: 'x', thread: t, labels: { ...t.labels } }]);
      const served = readTicket(t, model);
      for (const s of MODEL_SLOTS) expect(served.model.probabilities[s].p, `${t.id} ${s}`).toEqual(slotProbabilities(model.slots[s], prepared!.features));
    }
  });
});
