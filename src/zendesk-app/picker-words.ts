// The "Wrong reading?" picker's choices in the sidebar's two languages: the same five questions and values as the
// Slack picker and the review page (slack/picker.ts), so every door offers the same corrections.
import { LABELS, PICKER_SLOTS, VALUES, type PickerSlot } from '../slack/picker.js';
import type { UiLang } from './i18n.js';

const DE: { [K in PickerSlot]: { question: string; options: Record<string, string> } } = {
  directoryService: {
    question: 'Verzeichnisdienst, der jetzt in MailStore eingerichtet ist',
    options: {
      'active-directory': 'Active Directory',
      ldap: 'LDAP Generic',
      'm365-basic': 'Microsoft 365 (Basisauthentifizierung)',
      'm365-modern': 'Microsoft 365 (moderne Authentifizierung)',
      'application-integration': 'Application Integration',
      internal: 'Keiner (Benutzer in MailStore verwaltet)',
      other: 'Anderer (Google Workspace, MDaemon, Kerio, IceWarp…)',
      unknown: 'Noch nicht bekannt',
    },
  },
  usernamesChange: {
    question: 'Würden sich die Benutzernamen beim Wechsel zu Microsoft 365 ändern?',
    options: { yes: 'Ja: Namen sind nicht benutzer@domain (z. B. jdoe)', no: 'Nein: Namen entsprechen schon den M365-UPNs', unknown: 'Noch nicht bekannt' },
  },
  choice: {
    question: 'Umbenennen oder bisherigen Verzeichnisdienst behalten?',
    options: { rename: 'Benutzer umbenennen, ganz zu M365 wechseln', hybrid: 'Behalten (hybrid: nur die Archivierung zieht um)', undecided: 'Unentschieden' },
  },
  product: { question: 'Produkt', options: { server: 'MailStore Server', spe: 'MailStore SPE', unknown: 'Nicht bekannt' } },
  language: { question: 'Sprache der Antwort', options: { en: 'Englisch', de: 'Deutsch' } },
};

export function pickerQuestion(slot: PickerSlot, lang: UiLang): string {
  return lang === 'de' ? DE[slot].question : LABELS[slot].question.replace(/\*/g, '');
}

export function pickerOption(slot: PickerSlot, value: string, lang: UiLang): string {
  const words = lang === 'de' ? DE[slot].options : (LABELS[slot].options as Record<string, string>);
  return words[value] ?? value;
}

export { PICKER_SLOTS, VALUES };
