// Wordings that a generalisation pass taught the rules, in short synthetic sentences: each case names the rule.
import { describe, expect, it } from 'vitest';
// These pin the rules' own reading (rules.ts): the trained reader uses it as features and as the explanation, and the
// final values are the measured combination (test/classify/reader-figures.test.ts holds those).
import { readByRules as classify } from '../../src/classify/rules.js';
import { rx } from '../../src/classify/patterns.js';
import { splitSentences } from '../../src/classify/sentences.js';
import type { Slots, Thread } from '../../src/classify/types.js';

const run = (body: string, subject = 'MailStore Server and modern auth', comments?: Thread['comments']) =>
  classify(comments ? { subject, body, comments } : { subject, body });
const slot = <K extends keyof Slots>(body: string, key: K): Slots[K] => run(body).slots[key];

describe('topic: moves ruled out or already done', () => {
  it('a negated move to Microsoft 365 is off-topic', () => {
    for (const s of [
      'The tenant syncs users from Google Workspace and fails with invalid_grant. The customer is not moving to Office 365.',
      'Unsere Instanz nutzt Kerio Connect, der Sync hängt. Wir wechseln auch nicht zu Microsoft 365.',
    ])
      expect(run(s).branch, s).toBe('off-topic');
  });
  it('ruling out Modern as the target, or being unable to switch, is still the conversion question', () => {
    expect(slot('MailStore Server syncs from Active Directory. We are not moving to Microsoft 365 Modern yet because the usernames would change.', 'topic')).toBe('m365-conversion');
  });
  it('"directory service = Microsoft 365 Modern" is the current state', () => {
    const r = run('Our setup: directory service = Microsoft 365 Modern Authentication. Will the EWS retirement affect the archiving?');
    expect(r.slots.directoryService).toBe('m365-modern');
    expect(r.branch).toBe('off-topic');
  });
  it('a finished directory conversion makes the former type history', () => {
    const r = run('Wir haben den Verzeichnisdienst letzten Herbst von LDAP auf Microsoft 365 (Modern Authentication) umgestellt und die Benutzer damals umbenannt. Wie oft läuft die Synchronisation?');
    expect(r.slots.directoryService).toBe('m365-modern');
    expect(r.slots.usernamesChange).toBe('no');
    expect(r.branch).toBe('off-topic');
  });
  it('a conversion not done yet stays on-topic with the old type', () => {
    const r = run("We haven't switched MailStore from LDAP to Microsoft 365 Modern Authentication yet. How do we do it?");
    expect(r.slots.directoryService).toBe('ldap');
    expect(r.slots.topic).toBe('m365-conversion');
  });
  it('an Exchange-type profile left on a modern setup is on-topic; one ruled out is not', () => {
    expect(slot('User sync already runs as Microsoft 365 (Modern Authentication). The archiving still uses an Exchange-type profile with stored credentials.', 'topic')).toBe('m365-conversion');
    expect(slot('Directory service is Microsoft 365 (Modern Authentication) and the archiving profiles are Microsoft 365 ones, not the old Exchange type profiles. What about the EWS deadline?', 'topic')).toBe('off-topic');
  });
  it('"Do the profiles still use EWS?" asks; it does not say something old is left', () => {
    expect(slot('The directory service is Microsoft 365 (Modern Authentication). Do our archiving profiles still use EWS?', 'topic')).toBe('off-topic');
  });
  it('wanting to use Microsoft 365 Modern is the goal, not the state', () => {
    const r = run('Directory type is Microsoft 365 (Basic Authentication), names without the domain. We want to rename the users and use Microsoft 365 (Modern Authentication) for everything.');
    expect(r.slots.topic).toBe('m365-conversion');
    expect(r.branch).toBe('rename');
  });
});

describe('choice: expectations, plans, contrasts', () => {
  const body = (s: string): string => `MailStore Server syncs from Active Directory, mailboxes in Exchange Online. ${s}`;
  it('a confirmation tag makes an expectation about the names, not a keep decision', () => {
    expect(slot(body('Die Benutzernamen dürften sich nicht ändern, oder?'), 'choice')).toBe('undecided');
    expect(slot(body('Die Benutzernamen dürften sich nicht ändern, oder?'), 'usernamesChange')).toBe('no');
    expect(slot(body("The usernames shouldn't change, right?"), 'choice')).toBe('undecided');
    // Without the tag, "must not" stays a decision.
    expect(slot(body('Die Benutzernamen dürfen sich nicht ändern.'), 'choice')).toBe('hybrid');
  });
  it('a stated plan is a decision', () => {
    expect(slot(body('The plan is to rename the users and switch fully to Microsoft 365.'), 'choice')).toBe('rename');
    expect(slot(body('Wir würden daher die Benutzer umbenennen und komplett auf Microsoft 365 wechseln.'), 'choice')).toBe('rename');
    // A consequence, not a plan.
    expect(slot(body('Wir würden daher die Benutzer umbenennen müssen.'), 'choice')).toBe('undecided');
  });
  it('"no hybrid please" means rename', () => {
    expect(slot(body('No hybrid please, we rename the users.'), 'choice')).toBe('rename');
  });
  it('something that stays for now, contrasted with where MailStore gets its users, is a rename', () => {
    expect(slot(body('The AD stays for now, but MailStore should get its users from Microsoft 365.'), 'choice')).toBe('rename');
    expect(slot(body('Das AD bleibt vorerst, aber MailStore soll die Benutzer aus Microsoft 365 beziehen.'), 'choice')).toBe('rename');
    // Alone, syncing from Microsoft 365 is the goal of the conversion, not a choice.
    expect(slot(body('We want MailStore to sync users from Microsoft 365.'), 'choice')).toBe('undecided');
  });
  it('Azure AD Connect / Entra Connect staying is not a keep of MailStore\'s directory', () => {
    expect(slot(body('Azure AD Connect stays.'), 'choice')).toBe('undecided');
  });
});

describe('usernames: more ways to write logon names', () => {
  it('"pre-win2000" names and a list followed by a parenthesis', () => {
    expect(slot('MailStore Server with Active Directory, usernames like abc / xyz (pre-win2000 logon names). Basic auth is off.', 'usernamesChange')).toBe('yes');
  });
});

describe('short answers against the agent\'s numbered options', () => {
  const body = 'Hi, MailStore Server syncs from Active Directory, usernames like jdoe. Mailboxes are in Exchange Online. What now?';
  const list = 'Two ways:\n1) Keep Active Directory and only move the archiving to modern auth.\n2) Rename the users and switch completely to Microsoft 365.\nWhich do you prefer?';
  it('"Die zweite bitte" / "the first one" pick the item, not the order of words in the question', () => {
    expect(run(body, 'Modern auth', [{ author: 'agent', body: list }, { author: 'customer', body: 'Die zweite bitte.' }]).slots.choice).toBe('rename');
    expect(run(body, 'Modern auth', [{ author: 'agent', body: list }, { author: 'customer', body: 'The first one.' }]).slots.choice).toBe('hybrid');
  });
  it('an item that is neither option decides nothing', () => {
    const three = 'Options: 1) keep AD and only move the archiving, 2) rename everyone and go fully to Microsoft 365, 3) wait until next year. Which?';
    const r = run(body, 'Modern auth', [{ author: 'agent', body: three }, { author: 'customer', body: 'The last one.' }]);
    expect(r.slots.choice).toBe('undecided');
    expect(r.autoSend).toBe(false);
  });
});

describe('labelled options and answers in a longer sentence', () => {
  const body = 'Hallo, MailStore Server synchronisiert mit unserem AD, Benutzernamen wie mmeier. Wie geht es mit Modern Auth weiter?';
  const labelled = 'Es gibt zwei Varianten. Variante 1: das AD behalten und nur die Archivierung umstellen. Variante 2: komplett auf Microsoft 365 wechseln, die Benutzer werden umbenannt. Welche Variante möchten Sie?';
  it('"Variante 2" points at the agent\'s labelled item, whatever the question mentions last', () => {
    expect(run(body, 'Modern Auth', [{ author: 'agent', body: labelled }, { author: 'customer', body: 'Variante 2 bitte.' }]).slots.choice).toBe('rename');
    expect(run(body, 'Modern Auth', [{ author: 'agent', body: labelled }, { author: 'customer', body: 'Variante 1 bitte.' }]).slots.choice).toBe('hybrid');
  });
  it('a short first clause answers; the reason after it does not hide it', () => {
    const inline = 'Two options: 1) rename the users and switch completely to Microsoft 365, or 2) keep the AD and only move archiving. Which one?';
    const r = run(body, 'Modern auth', [{ author: 'agent', body: inline }, { author: 'customer', body: 'Option 2 please, the domain controllers stay for the file servers anyway.' }]);
    expect(r.slots.choice).toBe('hybrid');
    expect(r.autoSend).toBe(false);
  });
});

describe('directory type: old names and spellings', () => {
  it('the type setting named "Office 365" is Microsoft 365 Basic, also after a colon', () => {
    expect(slot('Unser Verzeichnisdienst steht auf "Office 365". Wie stellen wir auf Modern Auth um?', 'directoryService')).toBe('m365-basic');
    expect(slot('Directory Services type: Office 365. What do we need for modern authentication?', 'directoryService')).toBe('m365-basic');
    expect(slot('Our user sync is the old Office 365 / basic auth one. How do we move to modern auth?', 'directoryService')).toBe('m365-basic');
  });
  it('wanting that type is not having it; a converted one is Modern', () => {
    expect(slot('Wir wollen den Verzeichnisdienst Microsoft 365 nutzen, wie geht das mit Modern Auth?', 'directoryService')).toBe('unknown');
    expect(slot('Verzeichnisdienst: Microsoft 365, bereits auf Modern umgestellt. Betrifft uns das EWS-Ende?', 'directoryService')).toBe('m365-modern');
  });
  it('"has been on Microsoft 365 (Modern …)" is the current state', () => {
    const r = run('Our MailStore has been on Microsoft 365 (Modern Authentication) since the setup. A restore to a mailbox fails with 401.');
    expect(r.slots.directoryService).toBe('m365-modern');
    expect(r.branch).toBe('off-topic');
  });
  it('every pattern accepts the two-letter spelling of its umlauts; character classes stay ranges', () => {
    expect(rx(String.raw`\bfrüher\b`).test('frueher')).toBe(true);
    expect(rx(String.raw`\bgruß\b`).test('Gruss')).toBe(true);
    expect(rx('^[ä]$').test('ae')).toBe(false);
  });
  it('umlauts written out ("frueher", "aendern") read like the umlauts', () => {
    expect(slot('Frueher lief die Synchronisation per LDAP, was jetzt eingestellt ist, weiss ich nicht. Wie stellen wir auf OAuth um?', 'directoryService')).toBe('unknown');
    expect(slot('MailStore Server synchronisiert mit dem AD. Die Benutzernamen duerfen sich nicht aendern. Wie geht Modern Auth?', 'choice')).toBe('hybrid');
  });
});

describe('topic: no Microsoft 365 at all', () => {
  it('"no Microsoft 365 here" is off-topic; "no Office 365 mail archived" is a symptom', () => {
    expect(slot('Not sure this is the modern authentication thing, we are a Google shop, no Microsoft 365 here. Google Workspace sync fails with invalid_grant.', 'topic')).toBe('off-topic');
    expect(slot('Since January no Office 365 mail gets archived. How do we switch MailStore to modern auth?', 'topic')).toBe('m365-conversion');
  });
});

describe('sentences: confirmation tags', () => {
  it('"…, right?" marks every clause of the sentence as a question', () => {
    const text = 'We keep the AD, right?';
    const [s] = splitSentences(text, 0, text.length);
    expect(s!.tagQuestion).toBe(true);
    expect(s!.clauses.every((c) => c.isQuestion)).toBe(true);
  });
});

describe('short answers against the agent\'s lettered options', () => {
  const body = 'Hallo, MailStore Server mit AD-Anbindung, Benutzernamen wie mmeier. Postfächer in Exchange Online. Welche Möglichkeiten gibt es?';
  const lettered = 'Zwei Wege: (A) die Benutzer umbenennen und komplett auf Microsoft 365 umstellen, oder (B) das AD behalten und nur die Archivierung umstellen. Welche Variante?';
  it('"A" / "B bitte" / "Option B" pick the lettered item', () => {
    expect(run(body, 'Modern Auth', [{ author: 'agent', body: lettered }, { author: 'customer', body: 'A' }]).slots.choice).toBe('rename');
    expect(run(body, 'Modern Auth', [{ author: 'agent', body: lettered }, { author: 'customer', body: 'B bitte.' }]).slots.choice).toBe('hybrid');
    const lines = 'Two options:\nA) Rename the users and switch completely to Microsoft 365.\nB) Keep Active Directory and only move the archiving.';
    const r = run(body, 'Modern auth', [{ author: 'agent', body: lines }, { author: 'customer', body: 'Option B' }]);
    expect(r.slots.choice).toBe('hybrid');
    expect(r.autoSend).toBe(false);
  });
  it('a letter without a lettered list, or a longer sentence, decides nothing', () => {
    const plain = 'You can rename the users or keep the AD, z. B. with only the archiving moved. What do you prefer?';
    expect(run(body, 'Modern Auth', [{ author: 'agent', body: plain }, { author: 'customer', body: 'B' }]).slots.choice).toBe('undecided');
    expect(run(body, 'Modern Auth', [{ author: 'agent', body: lettered }, { author: 'customer', body: 'A colleague will answer tomorrow.' }]).slots.choice).toBe('undecided');
  });
});

describe('topic: modern auth asked about, in use, or done elsewhere', () => {
  it('"can our version do modern auth already?" asks; "already uses modern auth" states', () => {
    expect(run('MailStore Server 13.2 here, update is planned. Or can 13.2 do modern auth already?', 'Version question').slots.topic).toBe('m365-conversion');
    expect(slot('MailStore Server archiving already uses modern auth. Where do I change the retention?', 'topic')).toBe('off-topic');
  });
  it('"the certificates the tenants use for modern auth" is what runs now; "need to use for modern auth" is the goal', () => {
    expect(run('Our TLS certificate expires. Does this affect the certificates the tenants use for modern auth?', 'Certificate').slots.topic).toBe('off-topic');
    expect(run('What do we need to use for modern auth in MailStore Server?', 'Question').slots.topic).toBe('m365-conversion');
  });
  it('"Verzeichnisdienst ist seit letztem Jahr Microsoft 365 (Modern …)" is the current type', () => {
    const r = run('Verzeichnisdienst ist seit letztem Jahr Microsoft 365 (Modern Authentication). Die Lizenzanzahl ist überschritten.');
    expect(r.slots.directoryService).toBe('m365-modern');
    expect(r.branch).toBe('off-topic');
    expect(run('Seit letztem Jahr sind die Postfächer in Microsoft 365, wir wollen auf Modern Auth umstellen.', 'Frage').slots.topic).toBe('m365-conversion');
  });
  it('another setup already converted says nothing about this one', () => {
    const body = 'Wir betreuen zwei Instanzen, eine synchronisiert gegen das lokale AD. Wie stellen wir auf Modern Auth um?';
    expect(run(body, 'Umstellung', [{ author: 'agent', body: 'Welche Instanz?' }, { author: 'customer', body: 'die mit AD, die andere ist ja schon umgestellt' }]).slots.topic).toBe('m365-conversion');
    expect(run(body, 'Umstellung', [{ author: 'agent', body: 'Welche Instanz?' }, { author: 'customer', body: 'ach, die ist ja schon umgestellt' }]).slots.topic).toBe('off-topic');
  });
  it('archiving Microsoft 365 mailboxes that fails to sign in is the Basic Authentication symptom', () => {
    // The subject names no modern auth, so the symptom alone decides.
    expect(run('Die Archivierungsprofile für unsere Office 365 Postfächer laufen seit Januar nicht mehr (Fehler: Anmeldung fehlgeschlagen). Was muss ich ändern?', 'Archivierung Fehler').slots.topic).toBe('m365-conversion');
    // A password change explains the failure: another subject.
    expect(run('Since the admin password change, archiving our Office 365 mailboxes fails with login failed. What do I change?', 'Archiving error').slots.topic).toBe('off-topic');
    // Without the sign-in failure it is just an archiving error.
    expect(run('Die Archivierungsprofile für unsere Office 365 Postfächer melden einen Fehler. Was muss ich ändern?', 'Archivierung Fehler').slots.topic).toBe('off-topic');
  });
});

describe('directory type and names: plain German wording', () => {
  it('"als Verzeichnisdienst noch Office 365 drin", "moderne Anmeldung", names "heißen wie ihre Mailadressen"', () => {
    const r = run('In unserem MailStore ist als Verzeichnisdienst noch "Office 365" drin. Die Benutzer heißen wie ihre Mailadressen. Wie stellen wir auf die moderne Anmeldung um?', 'Benutzersync');
    expect(r.slots.directoryService).toBe('m365-basic');
    expect(r.slots.usernamesChange).toBe('no');
    expect(r.branch).toBe('modern-direct');
  });
  it('names like their Windows logon are not addresses', () => {
    expect(slot('MailStore Server mit AD, die Benutzer heißen wie ihre Windows-Anmeldenamen. Wie geht Modern Auth?', 'usernamesChange')).toBe('yes');
  });
});

describe('directory type: several setups with one type each', () => {
  const body = 'We host two MailStore SPE instances: acme-uk syncs with their on-prem AD, acme-ie uses the Microsoft 365 Basic sync. How do we get both onto Modern Authentication?';
  it('a type per instance and a question about both: no single type', () => {
    const r = run(body, 'Modern Auth - 2 instances');
    expect(r.slots.directoryService).toBe('unknown');
    expect(r.branch).toBe('full-guide');
    expect(r.autoSend).toBe(false);
  });
  it('one setup, or a later answer narrowing to one, keeps the usual reading', () => {
    expect(slot('We sync with the on-prem AD; the old Microsoft 365 Basic sync was only a test. How do we get onto Modern Authentication?', 'directoryService')).not.toBe('unknown');
    const r = run(body, 'Modern Auth', [{ author: 'agent', body: 'Which instance?' }, { author: 'customer', body: 'only acme-ie for now' }]);
    expect(r.slots.directoryService).not.toBe('unknown');
  });
});

describe('usernames: abbreviations, dotted names, mixed lists', () => {
  it('"z.B." and "d.h." written without a space do not end the sentence', () => {
    const text = 'Die Benutzer heißen wie ihre Konten, also z.B. a.b@firma.de. Danach kommt der nächste Satz.';
    expect(splitSentences(text, 0, text.length).map((s) => s.text)).toEqual(['Die Benutzer heißen wie ihre Konten, also z.B. a.b@firma.de.', 'Danach kommt der nächste Satz.']);
    expect(slot('Die Benutzer in der Instanz heißen wie ihre M365-Konten, also z.B. s.hoffmann@firma.de. Wie stellen wir auf Modern Auth um?', 'usernamesChange')).toBe('no');
  });
  it('"Vorname.Nachname (Petra.Schmid, Lukas.Ernst)" lists logon names; a capitalised word alone does not', () => {
    expect(slot('MailStore Server, Benutzer von Hand angelegt im Format Vorname.Nachname (Petra.Schmid, Lukas.Ernst ...). Postfächer bei Microsoft 365.', 'usernamesChange')).toBe('yes');
    expect(slot('MailStore Server, Benutzer von Hand angelegt (Buchhaltung). Postfächer bei Microsoft 365.', 'usernamesChange')).toBe('unknown');
  });
  it('bare names beside an address: some would be renamed; one mapped attribute beside an address is not a name', () => {
    expect(slot('No directory service. Naming is inconsistent: most are first initial + last name (jbarker, lmendez), a few are full addresses (s.patel@school.org).', 'usernamesChange')).toBe('yes');
    expect(slot("MailStore Server mit LDAP. Gemappt ist 'mail', die Benutzernamen sind also die Adressen, z.B. s.krause@firma.de.", 'usernamesChange')).toBe('no');
  });
});

describe('a later change of mind the rules cannot read', () => {
  const body = 'MailStore Server syncs from our local AD, usernames like pwright. We keep the AD connector as it is and only move archiving to modern auth.';
  const agent = { author: 'agent' as const, body: 'Then please follow the hybrid article; your users stay as they are.' };
  it('drops the earlier choice to undecided and never auto-sends (EN and DE)', () => {
    for (const later of [
      'Change of plans, sorry. Management retires the server this year, so people should end up on their 365 sign-ins.',
      'Planänderung: der Server fliegt dieses Jahr raus, die Leute sollen am Ende ihre 365-Anmeldung nutzen.',
    ]) {
      const r = run(body, 'Modern auth for archiving', [agent, { author: 'customer', body: later }]);
      expect(r.slots.choice, later).toBe('undecided');
      expect(r.autoSend, later).toBe(false);
    }
  });
  it('keeps the earlier choice when the later message only thanks, and takes a readable new choice', () => {
    expect(run(body, 'Modern auth for archiving', [agent, { author: 'customer', body: 'Thanks, that works for us.' }]).slots.choice).toBe('hybrid');
    const renamed = run(body, 'Modern auth for archiving', [agent, { author: 'customer', body: 'Change of plans: we will rename the users and switch completely to Microsoft 365.' }]);
    expect(renamed.slots.choice).toBe('rename');
  });
});
