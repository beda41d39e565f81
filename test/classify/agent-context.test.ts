// An agent's question gives the customer's short answer its meaning, at lower confidence and never auto-sent.
import { describe, expect, it } from 'vitest';
// These pin the rules' reading (agent-context.ts is a rule). The combined reader takes the rules' choice only when
// they read it at >= 0.85 (chosen on validation) and an answer read through the agent's question stays below that,
// so there the model decides: it reads "Option 1 please." as undecided (rename-or-hybrid, the broader reply).
import { readByRules as classify } from '../../src/classify/rules.js';

const body = 'Hi, MailStore Server archives our Exchange Online mailboxes and basic auth was switched off. What now?';

describe('short answers to an agent question', () => {
  it('"the second one" after "LDAP or AD?"', () => {
    const r = classify({ subject: 'Modern auth', body, comments: [{ author: 'agent', body: 'Which type is configured: LDAP Generic or Active Directory?' }, { author: 'customer', body: 'The second one.' }] });
    expect(r.slots.directoryService).toBe('active-directory');
    expect(r.autoSend).toBe(false);
    expect(r.evidence.find((e) => e.slot === 'directoryService')?.rule).toBe('ds.agent-context.ordinal');
  });
  it('"yes" after "would the usernames change?"', () => {
    const r = classify({ subject: 'Modern auth', body: `${body} We use LDAP Generic.`, comments: [{ author: 'agent', body: 'Would the MailStore usernames change, i.e. are they without the @domain part?' }, { author: 'customer', body: 'Yes.' }] });
    expect(r.slots.usernamesChange).toBe('yes');
  });
  it('"Nein" after "enthalten die Benutzernamen die @domain?" means they would change', () => {
    const r = classify({ subject: 'Modern Auth', body: 'Hallo, MailStore Server mit LDAP Generic, Postfächer bei Microsoft 365. Wie stellen wir auf Modern Authentication um?', comments: [{ author: 'agent', body: 'Enthalten die Benutzernamen bereits die @domain?' }, { author: 'customer', body: 'Nein.' }] });
    expect(r.slots.usernamesChange).toBe('yes');
  });
  it('"keep it" after "rename or keep?"', () => {
    const r = classify({ subject: 'Modern auth', body: `${body} Our directory is Active Directory.`, comments: [{ author: 'agent', body: 'Would you like to rename the users, or keep your directory service as it is?' }, { author: 'customer', body: 'Keep it.' }] });
    expect(r.slots.choice).toBe('hybrid');
    expect(r.branch).toBe('hybrid');
    expect(r.autoSend).toBe(false);
  });
  it('"Option 1" after a numbered list of the two ways', () => {
    const r = classify({ subject: 'Modern auth', body: `${body} We use Active Directory.`, comments: [{ author: 'agent', body: 'There are two options: 1) rename the users and switch fully to Microsoft 365, or 2) keep Active Directory and only move archiving. Which do you prefer?' }, { author: 'customer', body: 'Option 1 please.' }] });
    expect(r.slots.choice).toBe('rename');
  });
  it('"Yes, keep it." and a courtesy sentence before the answer', () => {
    const keep = classify({ subject: 'Modern auth', body: `${body} We use LDAP Generic.`, comments: [{ author: 'agent', body: 'Do you want to rename the users or keep LDAP?' }, { author: 'customer', body: 'Yes, keep it.' }] });
    expect(keep.slots.choice).toBe('hybrid');
    const second = classify({ subject: 'Modern auth', body, comments: [{ author: 'agent', body: 'Is the type LDAP Generic or Active Directory?' }, { author: 'customer', body: 'Thanks! The second one.' }] });
    expect(second.slots.directoryService).toBe('active-directory');
  });
  it('"Wir nehmen Variante 2" after the German either-or question', () => {
    const r = classify({ subject: 'Modern Auth', body: 'Hallo, MailStore Server mit Active Directory, Postfächer bei Microsoft 365. Was tun?', comments: [{ author: 'agent', body: 'Möchten Sie die Benutzer umbenennen oder den Verzeichnisdienst behalten?' }, { author: 'customer', body: 'Wir nehmen Variante 2.' }] });
    expect(r.slots.choice).toBe('hybrid');
  });
  it('"yes" to a question with two options decides nothing', () => {
    const r = classify({ subject: 'Modern auth', body, comments: [{ author: 'agent', body: 'Is it LDAP Generic or Active Directory?' }, { author: 'customer', body: 'Yes.' }] });
    expect(r.slots.directoryService).toBe('unknown');
  });
  it('the agent text itself is never read as the customer answer', () => {
    const r = classify({ subject: 'Modern auth', body, comments: [{ author: 'agent', body: 'Keep it? Or rename?' }] });
    expect(r.slots.choice).toBe('undecided');
  });
});
