// The traps the corpus notes describe, in new wording: each case names the rule it protects.
import { describe, expect, it } from 'vitest';
// These pin the rules' own reading (rules.ts): the trained reader uses it as features and as the explanation, and the
// final values are the measured combination (test/classify/reader-figures.test.ts holds those).
import { readByRules as classify } from '../../src/classify/rules.js';
import type { Slots } from '../../src/classify/types.js';

const slot = <K extends keyof Slots>(body: string, key: K, subject = 'MailStore Server and Microsoft 365 modern auth'): Slots[K] =>
  classify({ subject, body }).slots[key];

describe('directory type: Entra ID, time references, negation, corrections', () => {
  it('Azure AD / Entra ID is the Microsoft 365 directory', () => {
    expect(slot('MailStore Server syncs the users with Azure AD, since basic auth was switched off it fails.', 'directoryService')).toBe('m365-basic');
    expect(slot('Unsere Instanz synchronisiert gegen Entra ID (früher Azure AD), Basic Auth ist abgeschaltet.', 'directoryService')).toBe('m365-basic');
  });
  it('on-prem AD synced to Entra ID with Entra Connect is Active Directory', () => {
    expect(slot('Our on-prem AD is synced to Entra ID with Entra Connect; MailStore Server syncs with the on-prem AD.', 'directoryService')).toBe('active-directory');
  });
  it('a directory used years ago or planned is not the current one', () => {
    expect(slot('We used to run Active Directory years ago; no idea what MailStore uses now. Basic auth is off.', 'directoryService')).toBe('unknown');
    expect(slot('Bis 2019 hatten wir Kerio Connect, seitdem läuft MailStore Server mit Microsoft 365 (Basic Authentication).', 'directoryService')).toBe('m365-basic');
    expect(slot('Today the MailStore Server users are created manually; we plan to introduce Active Directory next year. Basic auth is off.', 'directoryService')).toBe('internal');
  });
  it('negated and corrected names', () => {
    expect(slot('Kein lokales AD mehr. Der Typ ist Microsoft 365 (Basic Authentication).', 'directoryService')).toBe('m365-basic');
    expect(slot('Korrektur: nicht Active Directory, sondern LDAP Generic. Wir müssen auf Modern Authentication umstellen.', 'directoryService')).toBe('ldap');
  });
  it('Microsoft 365 Modern as the goal is not the current type', () => {
    expect(slot('MailStore Server with LDAP Generic; we must switch to Microsoft 365 Modern Authentication.', 'directoryService')).toBe('ldap');
  });
});

describe('choice: negation scopes, acceptance idioms, questions', () => {
  const body = (s: string): string => `MailStore Server with Active Directory, Exchange Online mailboxes, basic auth is gone. ${s}`;
  it('negated rename means keep', () => {
    expect(slot(body('We do NOT want to rename the users.'), 'choice')).toBe('hybrid');
    expect(slot(body('Bitte keine Umbenennung.'), 'choice')).toBe('hybrid');
    expect(slot(body('Renaming is not an option for us.'), 'choice')).toBe('hybrid');
    expect(slot(body('Under no circumstances should the usernames change.'), 'choice')).toBe('hybrid');
    expect(slot(body("We don't want to touch directory services."), 'choice')).toBe('hybrid');
    expect(slot(body('Eine Umbenennung wollen wir vermeiden.'), 'choice')).toBe('hybrid');
  });
  it('negated keep means rename', () => {
    expect(slot(body("Keeping AD isn't an option, the domain controller goes away."), 'choice')).toBe('rename');
    expect(slot(body('We do not want to keep Active Directory.'), 'choice')).toBe('rename');
  });
  it('acceptance idioms are not negations', () => {
    expect(slot(body("We don't mind if the usernames change."), 'choice')).toBe('rename');
    expect(slot(body('Dass die Benutzer umbenannt werden, ist für uns kein Problem.'), 'choice')).toBe('rename');
  });
  it('keeping the directory, in German variants', () => {
    for (const s of ['Der Verzeichnisdienst soll bleiben.', 'Wir möchten das AD beibehalten.', 'Die Benutzer sollen so bleiben, wie sie sind.', 'Wir lassen das AD als Verzeichnisdienst bestehen.'])
      expect(slot(body(s), 'choice'), s).toBe('hybrid');
  });
  it('questions, comparisons and hopes are not a choice', () => {
    for (const s of [
      'Werden die Benutzer umbenannt?',
      'Could you outline both options?',
      'Should we rename the users or keep AD?',
      "I'm hoping no renaming is needed.",
      'The usernames would change, I guess.',
      'Is it possible to keep AD?',
    ])
      expect(slot(body(s), 'choice'), s).toBe('undecided');
  });
  it('the latest customer statement wins', () => {
    const r = classify({
      subject: 'AD and modern auth',
      body: body('We want to keep AD as it is.'),
      comments: [{ author: 'agent', body: 'Fine, here are the hybrid steps.' }, { author: 'customer', body: "Change of plan: we'll rename the users after all." }],
    });
    expect(r.slots.choice).toBe('rename');
  });
});

describe('usernames: what the names look like', () => {
  const body = (s: string): string => `MailStore Server with Active Directory, mailboxes in Exchange Online. ${s}`;
  it('names that are not user@domain would change', () => {
    for (const s of ["Users are like 'jdoe'.", 'Usernames are ACME\\jdoe.', "Die Benutzernamen lauten 'Anna Wolf'.", 'The users are o.hughes@hughes.local.', 'Usernames are sAMAccountNames.', 'Die Benutzer sind Kürzel.'])
      expect(slot(body(s), 'usernamesChange'), s).toBe('yes');
  });
  it('user@domain names and "the username is the UPN" do not change', () => {
    for (const s of ['Users are like j.doe@contoso.com.', 'Die Benutzernamen sind die E-Mail-Adressen.', 'The usernames are the UPNs.'])
      expect(slot(body(s), 'usernamesChange'), s).toBe('no');
  });
  it('an instance name in quotes is not a username', () => {
    expect(slot("Our SPE instance 'meadowschool' syncs with Active Directory. Basic auth is off.", 'usernamesChange')).toBe('unknown');
  });
});

describe('topic: near misses share the vocabulary', () => {
  const off = (body: string, subject = 'Question'): void => expect(classify({ subject, body }).branch, body).toBe('off-topic');
  it('off-topic', () => {
    off('Our IMAP profile fails with authentication failed. We do not use Microsoft 365.');
    off('Directory services type is Microsoft 365 (Modern Authentication). The profile reports Graph 403 for one mailbox.');
    off('All instances already use Microsoft 365 Modern Authentication. Do we need changes for the EWS retirement?');
    off('MailStore Server sends notifications via smtp.office365.com with basic auth; Microsoft retires SMTP AUTH basic.');
    off('We are evaluating MailStore Cloud with Microsoft 365 directory services.');
    off('How do I export the archive of a former employee to PST? We use Microsoft 365.');
  });
  it('on-topic when only the archiving profile is still old', () => {
    const r = classify({ subject: 'Archiving profile', body: 'The directory is already Microsoft 365 (Modern Authentication), but our archiving profile is still of type Microsoft Exchange and fails since basic auth was turned off.' });
    expect(r.slots.topic).toBe('m365-conversion');
  });
});

describe('product', () => {
  it('SPE, instances, Management Console; MailStore Server; plain MailStore or MailStore Cloud', () => {
    expect(slot('Eine Instanz beim Kunden nutzt LDAP Generic. Basic Auth ist abgeschaltet.', 'product', 'Modern Auth')).toBe('spe');
    expect(slot('The Management Console shows the instance; basic auth is off.', 'product', 'Modern auth')).toBe('spe');
    expect(slot('MailStore Server 24.1 with Active Directory.', 'product')).toBe('server');
    expect(slot('Our MailStore archives Exchange Online; basic auth is off.', 'product', 'Modern auth')).toBe('unknown');
    expect(slot('For instance, our MailStore archives Exchange Online.', 'product', 'Modern auth')).toBe('unknown');
  });
});
