// Ticket texts for load: on-topic mails in English and German that the classifier drafts a reply for (an off-topic
// ticket only gets tags, which would make the end-to-end figures measure less than a real draft). Kept here rather
// than read from a corpus so every bench runs on a fresh clone.
import type { FakeTicket, FakeUser, FakeZendesk } from '../../test/fakes/zendesk.js';

export const TICKET_TEXTS: ReadonlyArray<{ subject: string; body: string }> = [
  {
    subject: 'AD sync stays, archiving to modern auth',
    body: "MailStore Server syncs with our on-prem Active Directory, usernames like 'kbaker'. We keep the AD sync exactly as it is and only move archiving of our Exchange Online mailboxes to modern authentication. No user renames.",
  },
  {
    subject: 'LDAP bleibt, nur Archivierung umstellen',
    body: 'Hallo,\nunser MailStore Server nutzt LDAP Generic als Verzeichnisdienst (Benutzernamen wie "jpeters").\nDas LDAP bleibt, die Benutzer sollen nicht umbenannt werden. Wir wollen nur die Archivierung der Microsoft-365-Postfächer auf Modern Authentication umstellen.\nGruß\nJan',
  },
  {
    subject: 'Basic auth going away - what do we do?',
    body: 'Hello,\nour MailStore Server uses Microsoft 365 (Basic Authentication) as directory service and archives all Exchange Online mailboxes. Microsoft is turning off basic auth. How do we switch MailStore to Modern Authentication?\nThanks\nPriya',
  },
  {
    subject: 'Umstellung auf Modern Authentication',
    body: 'Guten Tag,\nwir möchten MailStore Server auf Microsoft 365 Modern Authentication umstellen. Welche Schritte sind nötig?\nMit freundlichen Grüßen\nK. Brandt',
  },
  {
    subject: 'Rename users and switch to Microsoft 365',
    body: 'Hi,\nMailStore SPE instance for a customer, directory service is Active Directory with sAMAccountName usernames. We decided to rename the users to their email addresses and switch the instance completely to Microsoft 365 Modern Authentication. What are the steps?\nRegards\nTom',
  },
  {
    subject: 'Which directory service do we need for modern auth?',
    body: 'Hello support,\nwe archive our Microsoft 365 mailboxes with MailStore Server and need to move to Modern Authentication. I am not sure which directory service we currently use. What should we do?\nBest\nLena',
  },
];

export interface SeededTicket {
  ticket: FakeTicket;
  /** The customer comment a comment_added event names. */
  commentId: number;
}

/** Adds `count` tickets, each with one customer mail, spread over a few requesters. */
export function seedTickets(zd: FakeZendesk, count: number, customers?: FakeUser[]): SeededTicket[] {
  const people = customers ?? Array.from({ length: 8 }, (_, i) => zd.addUser({ name: `Customer ${i}`, email: `customer${i}@example.org`, role: 'end-user' }));
  return Array.from({ length: count }, (_, i) => {
    const text = TICKET_TEXTS[i % TICKET_TEXTS.length]!;
    const ticket = zd.addTicket({ subject: `${text.subject} (#${i})`, body: text.body, requester: people[i % people.length]! });
    return { ticket, commentId: ticket.comments[0]!.id };
  });
}
