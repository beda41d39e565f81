// The article URLs a reply may link, from ../shared/domain.md §3. Kept here, apart from the templates, so the
// tests catch a template that links the wrong article or mistypes a URL.
export const EN = {
  modern: 'https://help.mailstore.com/en/server/Archiving_Emails_from_Microsoft_365_-_Modern_Authentication',
  sync: 'https://help.mailstore.com/en/server/Synchronizing_User_Accounts_with_Microsoft_365_-_Modern_Authentication',
  rename: 'https://help.mailstore.com/en/server/Changing_Archiving_from_Microsoft_Exchange_Server_to_Microsoft_365',
  hybrid: 'https://help.mailstore.com/en/server/Archiving_Emails_from_Microsoft_365_Hybrid',
} as const;

export const DE = {
  modern: 'https://help.mailstore.com/de/server/E-Mail-Archivierung_von_Microsoft_365_(Modern_Authentication)',
  sync: 'https://help.mailstore.com/de/server/Synchronisieren_von_Benutzerkonten_mit_Microsoft_365_(Modern_Authentication)',
  rename: 'https://help.mailstore.com/de/server/Archivierung_von_Microsoft_Exchange_Server_zu_Microsoft_365_umstellen',
  // No German version of the Hybrid article was found (domain.md §3c).
} as const;

export const ALL_URLS: readonly string[] = [...Object.values(EN), ...Object.values(DE)];

/** Templates write parentheses in hrefs percent-encoded, for Markdown renderers that stop a link at `)`. */
export const hrefOf = (url: string) => url.replace(/\(/g, '%28').replace(/\)/g, '%29');
