// The sidebar's words in English and German (the agent's Zendesk language, or the installation's setting). Slot
// values and branches keep their stable names in code and tags; here they get words an agent reads.
import type { Branch, Language, SlotName } from '../classify/types.js';
import type { RefusalReason } from './verify-zendesk-jwt.js';

export type UiLang = 'en' | 'de';
export const uiLang = (v: unknown): UiLang => (typeof v === 'string' && v.toLowerCase().startsWith('de') ? 'de' : 'en');

const en = {
  title: 'Reply guide',
  loading: 'Loading the draft…',
  noDraft: 'No draft for this ticket yet. A draft appears here once the customer’s message has been read.',
  branch: 'Branch',
  confidence: 'Confidence',
  autoSend: 'Auto-send',
  autoYes: 'inside the measured auto-send band',
  autoYesOff: 'inside the auto-send band, but auto-send is off: you decide',
  autoNo: 'outside the auto-send band: you decide',
  evidence: 'What the customer wrote',
  noEvidence: 'not stated (default)',
  draft: 'Draft',
  draftIn: (l: string) => `Draft in ${l}`,
  showIn: (l: string) => `Show in ${l}`,
  otherLangNote: 'Shown in the other language: Insert and Approve use this text.',
  insert: 'Insert into reply',
  insertHint: 'Puts the draft into your reply box as a public reply. Send it yourself; it counts as your approval.',
  inserted: 'The draft is in your reply box. When you submit it as a public reply, it is recorded as your approval.',
  approve: 'Approve and send',
  approved: 'Approved: the public reply is posted once, in your name.',
  reject: 'Reject',
  rejectReason: 'Why is the draft wrong?',
  rejectSubmit: 'Reject the draft',
  rejected: 'Rejected. The reason is recorded for the team.',
  wrongReading: 'Wrong reading?',
  correctLegend: 'What the customer actually says',
  correctSubmit: 'Re-draft with this reading',
  corrected: 'Reading corrected: the new draft below is ready.',
  correctedClosed: 'Reading corrected to off-topic: the draft is closed, nothing is sent.',
  asRead: 'as read',
  superseded: (id: number) => `Draft #${id} is out of date: the customer wrote again or the reading was corrected.`,
  showNew: (id: number) => `Show the new draft #${id}`,
  stateApproved: (who: string) => `Approved by ${who}; the reply is being posted.`,
  statePosted: (who: string) => `Posted. Approved by ${who}.`,
  stateRejected: (who: string) => `Rejected by ${who}:`,
  stateAuto: 'Sent automatically (auto-send).',
  stateCorrectedFrom: (id: number) => `Re-drafted after an agent corrected the reading of draft #${id}.`,
  error: 'That did not work:',
  retry: 'Try again',
  sessionGone: 'Your session has ended. Reopen the app (or reload Zendesk) to continue.',
  refused: 'This page only opens inside Zendesk',
  ticket: (id: string) => `Ticket #${id}`,
} as const;

type Strings = { [K in keyof typeof en]: (typeof en)[K] extends (...a: infer A) => string ? (...a: A) => string : string };

const de: Strings = {
  title: 'Antwort-Leitfaden',
  loading: 'Entwurf wird geladen…',
  noDraft: 'Für dieses Ticket gibt es noch keinen Entwurf. Er erscheint hier, sobald die Nachricht des Kunden gelesen wurde.',
  branch: 'Zweig',
  confidence: 'Sicherheit',
  autoSend: 'Automatisch senden',
  autoYes: 'im gemessenen Bereich für automatisches Senden',
  autoYesOff: 'im Bereich für automatisches Senden, das aber aus ist: Sie entscheiden',
  autoNo: 'außerhalb des Bereichs für automatisches Senden: Sie entscheiden',
  evidence: 'Was der Kunde geschrieben hat',
  noEvidence: 'nicht genannt (Standard)',
  draft: 'Entwurf',
  draftIn: (l) => `Entwurf auf ${l}`,
  showIn: (l) => `Auf ${l} zeigen`,
  otherLangNote: 'In der anderen Sprache gezeigt: Einfügen und Freigeben verwenden diesen Text.',
  insert: 'In Antwort einfügen',
  insertHint: 'Fügt den Entwurf als öffentliche Antwort in Ihr Antwortfeld ein. Sie senden selbst; das gilt als Ihre Freigabe.',
  inserted: 'Der Entwurf steht in Ihrem Antwortfeld. Senden Sie ihn als öffentliche Antwort, wird das als Ihre Freigabe erfasst.',
  approve: 'Freigeben und senden',
  approved: 'Freigegeben: Die öffentliche Antwort wird einmal in Ihrem Namen gesendet.',
  reject: 'Ablehnen',
  rejectReason: 'Was ist am Entwurf falsch?',
  rejectSubmit: 'Entwurf ablehnen',
  rejected: 'Abgelehnt. Der Grund wird für das Team erfasst.',
  wrongReading: 'Falsch gelesen?',
  correctLegend: 'Was der Kunde tatsächlich sagt',
  correctSubmit: 'Mit dieser Lesart neu entwerfen',
  corrected: 'Lesart korrigiert: Der neue Entwurf unten ist bereit.',
  correctedClosed: 'Lesart auf „kein Thema“ korrigiert: Der Entwurf ist geschlossen, nichts wird gesendet.',
  asRead: 'so gelesen',
  superseded: (id) => `Entwurf #${id} ist veraltet: Der Kunde hat erneut geschrieben oder die Lesart wurde korrigiert.`,
  showNew: (id) => `Neuen Entwurf #${id} zeigen`,
  stateApproved: (who) => `Freigegeben von ${who}; die Antwort wird gesendet.`,
  statePosted: (who) => `Gesendet. Freigegeben von ${who}.`,
  stateRejected: (who) => `Abgelehnt von ${who}:`,
  stateAuto: 'Automatisch gesendet.',
  stateCorrectedFrom: (id) => `Neu entworfen, nachdem die Lesart von Entwurf #${id} korrigiert wurde.`,
  error: 'Das hat nicht geklappt:',
  retry: 'Erneut versuchen',
  sessionGone: 'Ihre Sitzung ist abgelaufen. Öffnen Sie die App erneut (oder laden Sie Zendesk neu).',
  refused: 'Diese Seite öffnet sich nur in Zendesk',
  ticket: (id) => `Ticket #${id}`,
};

export const STRINGS: Record<UiLang, Strings> = { en, de };

export const LANGUAGE_NAME: Record<UiLang, Record<Language, string>> = {
  en: { en: 'English', de: 'German' },
  de: { en: 'Englisch', de: 'Deutsch' },
};

export const BRANCH_WORDS: Record<UiLang, Record<Branch, string>> = {
  en: {
    'off-topic': 'Not about Modern Authentication: no reply',
    'full-guide': 'Directory Services type unknown: how to check it, then the whole decision',
    'modern-direct': 'Usernames stay the same: follow the Modern Authentication article',
    'rename-or-hybrid': 'Usernames would change: explain both options and ask which',
    rename: 'Rename users and archives, then switch completely',
    hybrid: 'Keep the current Directory Services, move archiving only',
  },
  de: {
    'off-topic': 'Nicht zur modernen Authentifizierung: keine Antwort',
    'full-guide': 'Art der Verzeichnisdienste unbekannt: wie man sie prüft, dann die ganze Entscheidung',
    'modern-direct': 'Benutzernamen bleiben gleich: dem Artikel zur modernen Authentifizierung folgen',
    'rename-or-hybrid': 'Benutzernamen würden sich ändern: beide Wege erklären und fragen, welcher',
    rename: 'Benutzer und Archive umbenennen, dann vollständig umstellen',
    hybrid: 'Bisherige Verzeichnisdienste behalten, nur die Archivierung umstellen',
  },
};

export const SLOT_WORDS: Record<UiLang, Record<SlotName, string>> = {
  en: { topic: 'Topic', directoryService: 'Directory service now', usernamesChange: 'Usernames would change', choice: 'Customer’s choice', product: 'Product', language: 'Language' },
  de: { topic: 'Thema', directoryService: 'Verzeichnisdienst jetzt', usernamesChange: 'Benutzernamen ändern sich', choice: 'Wahl des Kunden', product: 'Produkt', language: 'Sprache' },
};

/** Why a request was refused, in words (the refusal page shows the code too, for support). */
export const REFUSAL_WORDS: Record<UiLang, Record<RefusalReason, string>> = {
  en: {
    token_missing: 'The request did not come from Zendesk: it carries no signed token. Open the app from a ticket in Zendesk.',
    token_malformed: 'The token in the request is not a token Zendesk signs (wrong format or algorithm).',
    signature_invalid: 'The token’s signature does not match this app’s public key: it was not signed by Zendesk for this app.',
    token_expired: 'The signed request has expired. Reopen the ticket (or reload Zendesk) to get a fresh one.',
    issuer_wrong: 'The token was issued by a different Zendesk account than the one this service is set up for.',
    audience_wrong: 'The token is for a different installation of the app than the one this service is set up for (ZENDESK_APP_INSTALLATION_ID).',
    agent_unknown: 'The token does not name a Zendesk user this service can recognise.',
    key_unavailable: 'The app’s public key could not be read, so the request cannot be checked. An admin should check ZENDESK_APP_PUBLIC_KEY.',
    session_invalid: 'The session token is missing or not valid.',
    session_expired: 'The session has ended. Reopen the app to continue.',
  },
  de: {
    token_missing: 'Die Anfrage kam nicht von Zendesk: Sie trägt kein signiertes Token. Öffnen Sie die App aus einem Ticket in Zendesk.',
    token_malformed: 'Das Token in der Anfrage ist keins, das Zendesk signiert (falsches Format oder Verfahren).',
    signature_invalid: 'Die Signatur des Tokens passt nicht zum öffentlichen Schlüssel dieser App: Zendesk hat es nicht für diese App signiert.',
    token_expired: 'Die signierte Anfrage ist abgelaufen. Öffnen Sie das Ticket erneut (oder laden Sie Zendesk neu).',
    issuer_wrong: 'Das Token stammt von einem anderen Zendesk-Konto als dem, für das dieser Dienst eingerichtet ist.',
    audience_wrong: 'Das Token gilt für eine andere Installation der App als die, für die dieser Dienst eingerichtet ist (ZENDESK_APP_INSTALLATION_ID).',
    agent_unknown: 'Das Token nennt keinen Zendesk-Benutzer, den dieser Dienst erkennt.',
    key_unavailable: 'Der öffentliche Schlüssel der App konnte nicht gelesen werden; die Anfrage lässt sich nicht prüfen. Ein Admin sollte ZENDESK_APP_PUBLIC_KEY prüfen.',
    session_invalid: 'Das Sitzungstoken fehlt oder ist ungültig.',
    session_expired: 'Die Sitzung ist abgelaufen. Öffnen Sie die App erneut.',
  },
};
