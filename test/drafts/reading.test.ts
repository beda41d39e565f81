// A branch-only correction (the Zendesk tag) changes the classifier's slots as little as the decision table allows,
// and never stores a label whose slots lead to another branch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideBranch } from '../../src/classify/decide-branch.js';
import { BRANCHES, CHOICES, DIRECTORY_SERVICES, LANGUAGES, PRODUCTS, TOPICS, USERNAMES_CHANGE, type Slots } from '../../src/classify/types.js';
import { correctedSlots } from '../../src/drafts/correct-draft.js';
import { changedSlots, slotsForBranch } from '../../src/drafts/reading.js';

const slotsArb: fc.Arbitrary<Slots> = fc.record({
  topic: fc.constantFrom(...TOPICS),
  directoryService: fc.constantFrom(...DIRECTORY_SERVICES),
  usernamesChange: fc.constantFrom(...USERNAMES_CHANGE),
  choice: fc.constantFrom(...CHOICES),
  product: fc.constantFrom(...PRODUCTS),
  language: fc.constantFrom(...LANGUAGES),
});

describe('slotsForBranch', () => {
  it('always leads to the asked branch, keeps product and language, and refuses only when the type is unknown', () => {
    fc.assert(
      fc.property(slotsArb, fc.constantFrom(...BRANCHES), (read, branch) => {
        const r = slotsForBranch(read, branch);
        if (!r.ok) {
          expect(['modern-direct', 'rename-or-hybrid']).toContain(branch);
          expect(read.directoryService).toBe('unknown');
          return;
        }
        expect(decideBranch(r.slots)).toBe(branch);
        expect(r.slots.product).toBe(read.product);
        expect(r.slots.language).toBe(read.language);
      }),
    );
  });

  it('changes only the choice for hybrid and rename', () => {
    const read: Slots = { topic: 'm365-conversion', directoryService: 'active-directory', usernamesChange: 'yes', choice: 'undecided', product: 'server', language: 'de' };
    const r = slotsForBranch(read, 'hybrid');
    expect(r.ok && changedSlots(read, r.slots)).toEqual(['choice']);
    const m = slotsForBranch(read, 'modern-direct');
    expect(m.ok && m.slots).toMatchObject({ usernamesChange: 'no', choice: 'undecided' });
  });
});

describe('correctedSlots', () => {
  const read: Slots = { topic: 'm365-conversion', directoryService: 'ldap', usernamesChange: 'yes', choice: 'undecided', product: 'spe', language: 'en' };
  it('takes the agent’s slots over the reading, refuses a branch they contradict, and needs something', () => {
    expect(correctedSlots({ slots: read }, { slots: { choice: 'rename' } })).toEqual({ ok: true, slots: { ...read, choice: 'rename' } });
    expect(correctedSlots({ slots: read }, { slots: { choice: 'rename' }, branch: 'hybrid' })).toMatchObject({ ok: false, message: expect.stringContaining('lead to rename, not hybrid') });
    expect(correctedSlots({ slots: read }, {})).toMatchObject({ ok: false });
  });
});
