// Quotes, forwards and signatures must not count as the customer's statement, and every region keeps offsets
// into the original text.
import { describe, expect, it } from 'vitest';
import { segmentMessage, type SegmentKind } from '../../src/classify/clean-text.js';
import { classify } from '../../src/classify/index.js';

/** The kind of region the first occurrence of `needle` falls into. */
function kindOf(text: string, needle: string, subject?: string): SegmentKind | 'missing' {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`test text lacks ${needle}`);
  const seg = segmentMessage(text, subject === undefined ? {} : { subject }).find((s) => s.start <= at && at < s.end);
  return seg?.kind ?? 'missing';
}

describe('segmentMessage: quote headers', () => {
  it('English "On … wrote:" with > lines: only the block is quoted, text below stays own', () => {
    const text = 'Thanks, see below.\n\nOn Mon, 3 Mar 2025 at 10:02, MailStore Support <support@mailstore.com> wrote:\n> If the type is Active Directory, usernames may change.\n> Please check.\n\nWe use LDAP Generic.\n';
    expect(kindOf(text, 'Thanks, see below')).toBe('own');
    expect(kindOf(text, 'On Mon')).toBe('quoted');
    expect(kindOf(text, 'If the type is Active Directory')).toBe('quoted');
    expect(kindOf(text, 'We use LDAP Generic')).toBe('own');
  });
  it('German "Am … schrieb …:" without > prefixes: the rest of the mail is quoted', () => {
    const text = 'Wir behalten das LDAP.\n\nAm 03.03.2025 um 10:02 schrieb MailStore Support <support@mailstore.com>:\nBei Active Directory gibt es zwei Wege.\nViele Grüße\n';
    expect(kindOf(text, 'Wir behalten')).toBe('own');
    expect(kindOf(text, 'Bei Active Directory')).toBe('quoted');
  });
  it('Outlook "Von: / Gesendet:" header: the rest is quoted', () => {
    const text = 'Bitte umbenennen.\n\nVon: Support <support@mailstore.com>\nGesendet: Montag, 3. März 2025 10:02\nAn: IT <it@example.de>\nBetreff: Umstellung\n\nWenn Sie Active Directory nutzen, …\n';
    expect(kindOf(text, 'Bitte umbenennen')).toBe('own');
    expect(kindOf(text, 'Wenn Sie Active Directory')).toBe('quoted');
  });
  it('English Outlook "From: / Sent:" header', () => {
    const text = 'Keep AD please.\n\nFrom: Support\nSent: Monday, March 3, 2025 10:02 AM\nTo: IT\nSubject: RE: Modern auth\n\nDo you use Active Directory or LDAP?\n';
    expect(kindOf(text, 'Do you use Active Directory')).toBe('quoted');
  });
  it('a fenced "-----Original Message-----" block ends at its dash line; in a forward it is the forwarded mail', () => {
    const text = 'See below.\n-----Original Message-----\nFrom: Customer\nSubject: AD\n\nWe shut the AD down in May.\n-----\n\nWe will rename the users.\n';
    expect(kindOf(text, 'We shut the AD')).toBe('quoted');
    expect(kindOf(text, 'We will rename')).toBe('own');
    expect(kindOf(text, 'We shut the AD', 'Fwd: AD')).toBe('forwarded');
    expect(kindOf(text, 'We will rename', 'Fwd: AD')).toBe('own');
  });
  it('"-----Original Message-----" and "-----Ursprüngliche Nachricht-----"', () => {
    expect(kindOf('Yes.\n-----Original Message-----\nWould usernames change?\n', 'Would usernames')).toBe('quoted');
    expect(kindOf('Ja.\n-----Ursprüngliche Nachricht-----\nÄndern sich die Benutzernamen?\n', 'Ändern sich')).toBe('quoted');
  });
  it('> lines in the middle, own text and signature after them (product line readable in the signature)', () => {
    const text = 'Type is Microsoft 365 (Basic Authentication).\n\n> If the type is Active Directory or LDAP Generic, your usernames may change.\n\nSo what is next?\nMartin Ekberg\nIT Coordinator, Northwind\nMailStore Server 23.2';
    expect(kindOf(text, 'Type is Microsoft 365')).toBe('own');
    expect(kindOf(text, 'If the type is Active Directory')).toBe('quoted');
    expect(kindOf(text, 'So what is next')).toBe('own');
    expect(kindOf(text, 'MailStore Server 23.2')).toBe('signature');
  });
});

describe('segmentMessage: signatures', () => {
  it('closing formula and name', () => {
    const text = 'We keep AD.\nRegards,\nJohn Smith\nACME Ltd.';
    expect(kindOf(text, 'We keep AD')).toBe('own');
    expect(kindOf(text, 'John Smith')).toBe('signature');
    expect(kindOf(text, 'ACME Ltd.')).toBe('signature');
  });
  it('German closing formulas', () => {
    for (const closing of ['Viele Grüße', 'Mit freundlichen Grüßen', 'Gruß aus Kiel', 'Danke und Gruß', 'VG'])
      expect(kindOf(`Wir behalten das AD.\n${closing}\nJan Peters\nPeters GmbH`, 'Jan Peters')).toBe('signature');
  });
  it('RFC 3676 delimiter', () => {
    expect(kindOf('what do i need to do? thx\n-- \nSam | Office Manager | Joinery Ltd', 'Sam | Office')).toBe('signature');
  });
  it('a thank-you that goes on with content is not a signature', () => {
    const text = 'Danke für die Übersicht.\nWir benennen die Benutzer um.\nGruß\nFelix';
    expect(kindOf(text, 'Wir benennen')).toBe('own');
    const en = 'Thanks.\nWe talked about it internally and want to get rid of the AD dependency, so we will go with renaming.\nJoe';
    expect(kindOf(en, 'We talked about it')).toBe('own');
  });
  it('the requester name from the ticket system starts a signature', () => {
    // A line that looks like no name on its own: only the requester name tells the signature starts there.
    const text = 'We keep LDAP.\nIT Service Nordwind\nArchive runs nightly at 2 am.';
    expect(kindOf(text, 'IT Service Nordwind')).toBe('own');
    const withName = (needle: string) => segmentMessage(text, { requesterName: 'IT Service Nordwind' }).find((s) => s.start <= text.indexOf(needle) && text.indexOf(needle) < s.end)?.kind;
    expect(withName('We keep LDAP')).toBe('own');
    expect(withName('IT Service Nordwind')).toBe('signature');
    expect(withName('Archive runs nightly')).toBe('signature');
  });
});

describe('segmentMessage: forwarded mail', () => {
  it('forward marker, header fields, forwarded content, closing dashes, own text after', () => {
    const text = 'Hallo Support,\nanbei die Anfrage unseres Kunden.\n\n---------- Weitergeleitete Nachricht ----------\nVon: IT Meier\nBetreff: Archivierung\nWir nutzen Active Directory.\n----------\n\nWas müssen wir umstellen?\nGruß\nEmre';
    expect(kindOf(text, 'anbei die Anfrage')).toBe('own');
    expect(kindOf(text, 'Von: IT Meier')).toBe('header');
    expect(kindOf(text, 'Betreff: Archivierung')).toBe('header');
    expect(kindOf(text, 'Wir nutzen Active Directory')).toBe('forwarded');
    expect(kindOf(text, 'Was müssen wir')).toBe('own');
  });
  it('English forward marker; the forwarder signature after it is a signature', () => {
    const text = 'Please help.\n\n---------- Forwarded message ---------\nFrom: IT Desk <it@client.example>\nSubject: archiving\nPlease make sure nothing changes.\n\nRegards,\nGreg\nTanaka Systems';
    expect(kindOf(text, 'From: IT Desk')).toBe('header');
    expect(kindOf(text, 'Please make sure nothing changes')).toBe('forwarded');
    expect(kindOf(text, 'Tanaka Systems')).toBe('signature');
  });
  it('an Outlook header in a mail whose subject says "WG:" opens forwarded content, not a quote', () => {
    const text = 'Zur Info.\n\nVon: Kunde <it@kunde.example>\nGesendet: Montag\nAn: Uns\nBetreff: Archiv\n\nWir haben LDAP Generic.\n';
    expect(kindOf(text, 'Wir haben LDAP', 'WG: Archiv')).toBe('forwarded');
    expect(kindOf(text, 'Wir haben LDAP', 'Archiv')).toBe('quoted');
  });
});

describe('quoted and forwarded text in classification', () => {
  it('quoted agent text never sets a slot', () => {
    const r = classify({
      subject: 'RE: Umstellung',
      body: 'Danke. Wir möchten auf Modern Authentication umstellen.\n\nAm 03.03.2025 um 10:02 schrieb Support <support@mailstore.com>:\n> Bei Active Directory können Sie das AD behalten oder umbenennen.\n',
    });
    expect(r.slots.directoryService).toBe('unknown');
    expect(r.slots.choice).toBe('undecided');
  });
  it('forwarded text gives context, but never overrides the customer and never allows auto-send', () => {
    const forwardedOnly = classify({
      subject: 'Fwd: archive',
      body: 'Please advise, their instance runs on our SPE.\n\n---------- Forwarded message ---------\nFrom: Client <it@client.example>\nSubject: archive\nOur archive users come from our Active Directory. Microsoft turns off basic auth, will the archive keep working?\n',
    });
    expect(forwardedOnly.slots.directoryService).toBe('active-directory');
    expect(forwardedOnly.autoSend).toBe(false);
    const own = classify({
      subject: 'Fwd: archive',
      body: 'The instance uses LDAP Generic, basic auth stopped working.\n\n---------- Forwarded message ---------\nFrom: Client <it@client.example>\nSubject: archive\nWe have Active Directory here.\n',
    });
    expect(own.slots.directoryService).toBe('ldap');
  });
});
