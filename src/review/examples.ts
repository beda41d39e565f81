// Two tickets for the Try it page's "load an example" links, so a newcomer sees a full answer with one click.
import type { Thread } from '../classify/types.js';

export const EXAMPLES: Record<'en' | 'de', Thread> = {
  en: {
    subject: 'Switching MailStore to Microsoft 365 Modern Authentication',
    body:
      'Hi,\n' +
      'our MailStore Server still uses "Microsoft 365 (Basic Authentication)" as the Directory Services type and the\n' +
      'user sync has stopped working. The MailStore usernames are already the full e-mail addresses\n' +
      '(e.g. dana.lee@contoso.com), the same as in Microsoft 365.\n' +
      'How do we move to Modern Authentication?\n' +
      'Thanks,\nDana Lee',
    requesterName: 'Dana Lee',
  },
  de: {
    subject: 'Umstellung auf Microsoft 365 Modern Authentication',
    body:
      'Hallo,\n' +
      'wir nutzen MailStore Server mit Active Directory als Verzeichnisdienst. Die Postfächer liegen inzwischen\n' +
      "alle bei Microsoft 365. Die Benutzernamen in MailStore sind die Anmeldenamen ohne Domain (z. B. 'mmueller').\n" +
      'Wir möchten das AD als Verzeichnisdienst belassen und nur die Archivierung auf Modern Authentication umstellen.\n' +
      'Viele Grüße\nMarkus Müller',
    requesterName: 'Markus Müller',
  },
};
