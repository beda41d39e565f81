// Language from the customer's own words; must be right on short mails full of English product names.
import { describe, expect, it } from 'vitest';
import { detectLanguageOfText } from '../../src/classify/detect-language.js';
import { classify } from '../../src/classify/index.js';
import { messageText, viewThread } from '../../src/classify/thread-view.js';
import { corpus, extra } from './load-tickets.js';

describe('detectLanguageOfText: short mails', () => {
  const cases: Array<[string, 'en' | 'de']> = [
    ['Nein.', 'de'],
    ['Ja, genau.', 'de'],
    ['Yes.', 'en'],
    ['The second one.', 'en'],
    ["It's Microsoft 365 (Modern Authentication).", 'en'],
    ['Hallo, wir haben AD. Was ist für Modern Auth zu tun? Gruß', 'de'],
    ['AD here, usernames like jdoe. what now for modern auth?', 'en'],
    ['Application Integration and Microsoft 365 Modern Authentication', 'en'],
    ['Verzeichnisdienst Microsoft 365 Basic - Umstellung auf Modern', 'de'],
    ['Behalten, bitte.', 'de'],
    ['Keep it, please.', 'en'],
    ['Danke, das Ticket kann geschlossen werden.', 'de'],
    ['Restore nach Migration', 'de'],
  ];
  for (const [text, lang] of cases) it(`${JSON.stringify(text)} → ${lang}`, () => expect(detectLanguageOfText(text).value).toBe(lang));
});

describe('language on the labelled tickets', () => {
  const tickets = [...corpus(), ...extra()];
  it('every ticket (subject + own text of all customer messages)', () => {
    const wrong = tickets.filter((t) => classify(t).slots.language !== t.labels.language).map((t) => t.id);
    expect(wrong).toEqual([]);
  });
  it('every single customer message on its own (short replies included; subjects excluded: often no language at all)', () => {
    let total = 0;
    const wrong: string[] = [];
    for (const t of tickets) {
      for (const m of viewThread(t).messages) {
        const text = messageText(m);
        if (m.author !== 'customer' || m.where === 'subject' || text.trim().length < 3) continue;
        total++;
        if (detectLanguageOfText(text).value !== t.labels.language) wrong.push(`${t.id} ${m.where}`);
      }
    }
    expect(total).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });
});
