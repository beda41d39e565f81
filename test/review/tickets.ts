// Tickets for the review tests, each written to land on a known branch with the current classifier.
import type { Thread } from '../../src/classify/types.js';
import { EXAMPLES } from '../../src/review/examples.js';

export const TICKETS = {
  /** hybrid, German */
  keepAd: EXAMPLES.de,
  /** modern-direct, English */
  basicAuth: EXAMPLES.en,
  /** rename-or-hybrid, English */
  ldap: {
    subject: 'LDAP users and Microsoft 365',
    body: 'Hello,\nwe run MailStore Server with LDAP Generic against our OpenLDAP; usernames are the uid (e.g. "jpeters"), so they would change with Microsoft 365.\nWhat is the best way to move to Modern Authentication?\nRegards, Jan Peters',
  },
  /** hybrid, English, with markup that must stay text */
  hostile: {
    subject: 'Modern auth <script>alert(1)</script>',
    body: '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">\nHi, our MailStore Server uses Active Directory and we want to switch to Microsoft 365 Modern Authentication. The usernames are without domain. We will keep the AD as directory service and only move archiving.\nThanks',
  },
  /** rename-or-hybrid (first statement), then rename (the follow-up) */
  spe: {
    subject: 'Directory Services to Microsoft 365',
    body: 'Hello,\nwe use MailStore SPE. Our instance is connected to Active Directory, the mailboxes are in Microsoft 365 now. Usernames are the logon names without domain.\nHow should we proceed?',
  },
  /** full-guide, German */
  unknownDs: {
    subject: 'Umstellung Modern Authentication',
    body: 'Hallo,\nwir wissen nicht, welcher Verzeichnisdienst bei uns in MailStore Server eingestellt ist. Wir wollen auf Microsoft 365 Modern Authentication umstellen.\nGruß',
  },
} satisfies Record<string, Thread>;

export const speRenames: Thread = {
  ...TICKETS.spe,
  comments: [
    { author: 'agent', body: 'You can rename the users or keep AD.' },
    { author: 'customer', body: 'We will rename the users after all.' },
  ],
};
