// The keyword gates in extract-choice.ts skip sentences for speed; they must never hide a sentence the concept
// regexes would have matched.
import { describe, expect, it } from 'vitest';
import * as C from '../../src/classify/choice-concepts.js';
import * as G from '../../src/classify/extract-choice.js';
import { viewThread } from '../../src/classify/thread-view.js';
import { corpus, extra } from './load-tickets.js';

const PAIRS: Array<[string, RegExp, RegExp]> = [
  ['rename-strong', G.GATE_STRONG, C.RENAME_STRONG],
  ['drop-directory', G.GATE_DROP, C.RENAME_DROP_DIRECTORY],
  ['rename-weak', G.GATE_WEAK, C.RENAME_WEAK],
  ['keep', G.GATE_KEEP, C.KEEP],
  ['hybrid-named', G.GATE_HYBRID, C.HYBRID_NAMED],
  ['undecided', G.GATE_UNDECIDED, C.UNDECIDED_RE],
  ['keep-constraint', G.GATE_CONSTRAINT, C.KEEP_CONSTRAINT],
];
const SAMPLES = [
  'We want to rename the users', 'Wir benennen die Benutzer doch um', 'umbenannt werden sollen', 'Umbenennung ist ok', 'switch completely to Microsoft 365',
  'komplett auf Microsoft 365', 'get rid of the AD', 'drop LDAP', 'Den alten Verzeichnisdienst brauchen wir nicht mehr', 'usernames must not change',
  "don't want to touch directory services", 'am Verzeichnisdienst nichts ändern', 'keep AD as it is', 'das LDAP bleibt', 'Leave the AD sync as it is',
  'wir lassen das AD bestehen', 'hybrid option', 'Hybrid-Variante', "haven't decided", 'noch nicht entschieden', 'while keeping our directory', 'ohne die Benutzer umzubenennen',
];

describe('keyword gates cover their concept regexes', () => {
  it('on every sentence and clause of the labelled tickets and on sample phrases', () => {
    const texts = [...SAMPLES];
    for (const t of [...corpus(), ...extra()])
      for (const m of viewThread(t).messages) for (const u of m.units) for (const s of u.sentences) texts.push(s.text, ...s.clauses.map((c) => c.text));
    for (const text of texts)
      for (const [name, gate, concept] of PAIRS) {
        concept.lastIndex = 0;
        if (concept.test(text)) expect(gate.test(text), `${name}: ${text}`).toBe(true);
      }
  });
});

describe('directory-service gates cover their patterns', () => {
  it('on every clause of the labelled tickets and on sample phrases', async () => {
    const DS = await import('../../src/classify/extract-directory-service.js');
    const texts = ['We sync with Azure AD', 'on-prem AD', 'LDAP Generic', 'Application Integration', 'kein Verzeichnisdienst', 'users created by hand', 'Google Workspace', 'domain controller', 'already uses OAuth for directory sync'];
    for (const t of [...corpus(), ...extra()])
      for (const m of viewThread(t).messages) for (const u of m.units) for (const s of u.sentences) texts.push(s.text, ...s.clauses.map((c) => c.text));
    for (const text of texts)
      for (const p of DS.NAMES) {
        p.re.lastIndex = 0;
        if (!p.re.test(text)) continue;
        expect(p.gate.test(text), `${p.rule}: ${text}`).toBe(true);
        expect(DS.TRIGGER.test(text) || DS.TRIGGER_AD.test(text), `trigger: ${text}`).toBe(true);
      }
  });
});
