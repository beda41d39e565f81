import { describe, expect, it } from 'vitest';
import {
  BRANCHES,
  DIRECTORY_SERVICES,
  LANGUAGES,
  PRODUCTS,
  USERNAMES_CHANGE,
  type Branch,
  type Language,
  type Product,
} from '../../src/classify/types.js';
import { ReplyError } from '../../src/replies/errors.js';
import { renderReply } from '../../src/replies/render-reply.js';
import type { Destination, ReplyInput } from '../../src/replies/types.js';
import { ALL_URLS, DE, EN, hrefOf } from './articles.js';

type ReplyBranch = Exclude<Branch, 'off-topic'>;
const REPLY_BRANCHES = BRANCHES.filter((b): b is ReplyBranch => b !== 'off-topic');
const DESTINATIONS: Destination[] = ['markdown', 'mrkdwn', 'html', 'text'];
const NAMES = ['Jana Kraus', undefined] as const;

const EXPECTED_URLS: Record<ReplyBranch, Record<Language, string[]>> = {
  'modern-direct': { en: [EN.modern, EN.sync], de: [DE.modern, DE.sync] },
  rename: { en: [EN.rename, EN.modern, EN.sync], de: [DE.rename, DE.modern, DE.sync] },
  hybrid: { en: [EN.hybrid, EN.sync], de: [EN.hybrid, EN.sync] },
  'rename-or-hybrid': { en: [EN.rename, EN.modern, EN.sync, EN.hybrid], de: [DE.rename, DE.modern, EN.sync, EN.hybrid] },
  'full-guide': { en: [EN.modern, EN.sync, EN.rename, EN.hybrid], de: [DE.modern, DE.sync, DE.rename, EN.hybrid] },
};

/**
 * Microsoft 365 (Basic Authentication) cannot keep its directory (the seed: the hybrid path is for "anything other
 * than Microsoft 365 Basic"), so its rename-or-hybrid and hybrid replies give the one way: rename, then switch.
 */
function expectedUrls(branch: ReplyBranch, language: Language, directoryService: string): string[] {
  if (directoryService === 'm365-basic' && (branch === 'hybrid' || branch === 'rename-or-hybrid')) {
    return EXPECTED_URLS.rename[language];
  }
  return EXPECTED_URLS[branch][language];
}

const UI_PATH = {
  en: 'Administrative Tools > Users and Archives > Directory Services',
  de: 'Verwaltung > Benutzer und Archive > Verzeichnisdienste',
};

/** Every slot combination, so each conditional path of each template is rendered. */
const SLOT_VARIANTS = DIRECTORY_SERVICES.flatMap((directoryService) =>
  USERNAMES_CHANGE.map((usernamesChange) => ({ directoryService, usernamesChange })),
);

function render(input: ReplyInput, destination: Destination = 'markdown') {
  return renderReply(input, destination);
}

function expectCleanText(text: string, where: string) {
  expect(text, where).not.toMatch(/\{\{|\}\}/);
  expect(text, where).not.toMatch(/\bundefined\b|\bnull\b|\[object|NaN/);
  for (const line of text.split('\n')) {
    expect(line, `${where}: double space in "${line}"`).not.toMatch(/ {2}/);
    expect(line, `${where}: stray space before punctuation in "${line}"`).not.toMatch(/ [,.;:]/);
  }
}

describe.each(REPLY_BRANCHES)('%s', (branch) => {
  describe.each(LANGUAGES)('%s', (language) => {
    it.each(PRODUCTS.flatMap((product) => NAMES.map((name) => [product, name] as [Product, string | undefined])))(
      'product %s, name %s',
      (product, requesterName) => {
        for (const slots of SLOT_VARIANTS) {
          const input: ReplyInput = { branch, language, product, requesterName, slots };
          const where = `${branch}.${language} ${product} ${requesterName ?? '(no name)'} ${JSON.stringify(slots)}`;
          const reply = render(input);
          const md = reply.text;

          expect(reply.templateId).toBe(`${branch}.${language}`);
          expect(reply).toMatchObject({ branch, language, product, destination: 'markdown' });
          expectCleanText(md, where);

          // Greeting: the name when known, a clean fallback otherwise; closing at the end.
          const first = md.split('\n')[0];
          const greeting = requesterName
            ? language === 'en' ? `Hello ${requesterName},` : `Guten Tag ${requesterName},`
            : language === 'en' ? 'Hello,' : 'Guten Tag,';
          expect(first, where).toBe(greeting);
          expect(md.split('\n')[1], where).toBe('');
          expect(md.endsWith(language === 'en' ? '\n\nBest regards' : '\n\nViele Grüße'), where).toBe(true);

          // Articles: the expected ones, each with its full URL, and no link to anything else.
          for (const url of expectedUrls(branch, language, slots.directoryService)) {
            expect(md, `${where}: ${url}`).toContain(`[${url}](${hrefOf(url)})`);
          }
          const links = [...md.matchAll(/\[([^\]]*)\]\(/g)].map((m) => m[1]);
          for (const label of links) expect(ALL_URLS, where).toContain(label);

          // Language: UI path and articles in the customer's language; English articles are labelled in German.
          if (language === 'de') {
            expect(md, where).not.toContain('Administrative Tools');
            expect(md, where).not.toContain(EN.modern);
            expect(md, where).not.toContain(EN.rename);
            for (const m of md.matchAll(/\[https:\/\/help\.mailstore\.com\/en\//g)) {
              expect(md.slice(m.index - 23, m.index), where).toBe('(Artikel auf Englisch: ');
            }
            if (md.includes('> Verzeichnisdienste')) expect(md, where).toContain(UI_PATH.de);
          } else {
            expect(md, where).not.toContain('Verwaltung');
            expect(md, where).not.toContain('/de/server/');
            if (md.includes('> Directory Services')) expect(md, where).toContain(UI_PATH.en);
          }

          // Product wording: SPE per instance; unknown gets Server wording plus one SPE note.
          if (product === 'spe') {
            expect(md, where).toContain('Management Console');
            expect(md, where).toMatch(language === 'en' ? /same per instance/ : /je Instanz dieselben/);
            expect(md, where).not.toContain('MailStore Client (');
          } else if (product === 'unknown') {
            expect(md, where).toMatch(language === 'en' ? /If you are using MailStore SPE/ : /Falls Sie MailStore SPE/);
          } else {
            expect(md, where).not.toContain('Management Console');
            expect(md, where).not.toContain('SPE');
          }

          for (const destination of DESTINATIONS) {
            const out = render(input, destination);
            expect(out.destination).toBe(destination);
            expect(out.version).toBe(reply.version);
            expectCleanText(out.text, `${where} → ${destination}`);
          }
        }
      },
    );
  });
});

describe('branch content', () => {
  const md = (branch: ReplyBranch, language: Language, slots: ReplyInput['slots'] = {}, product: Product = 'server') =>
    render({ branch, language, product, slots, requesterName: 'Jana' }).text;

  it('hybrid: performs 2.1, 2.2 (from Create), 2.3, 2.6, skips 2.4 and 2.5, then a Multiple Mailboxes profile', () => {
    const en = md('hybrid', 'en', { directoryService: 'active-directory', usernamesChange: 'yes', choice: 'hybrid' });
    expect(en).toContain('Perform section **2.1 Registering of MailStore Server as App in Azure AD**');
    expect(en).toMatch(/Perform section \*\*2\.2 Creating Credentials in MailStore Server\*\*, but start at the step where you click \*\*Create…\*\*/);
    expect(en).toContain('Perform section **2.3 Publishing Credentials in Azure AD**');
    expect(en).toContain(
      'Skip sections **2.4 Configuring App Authentication in Azure AD** and **2.5 Configuring the Redirect URI in MailStore Server**',
    );
    expect(en).toContain('Perform section **2.6 Configuring API Permissions in Azure AD**, then stop');
    expect(en).toContain('Archive E-mail > E-mail Servers > Microsoft 365 > Multiple Mailboxes');
    expect(en).toContain('Credential Manager');
    expect(en).toContain('Journal profiles need no changes');
    expect(en).toContain('“Synchronizing with the local Active Directory of your company”');
    const order = ['2.1 ', '2.2 ', '2.3 ', '2.4 ', '2.5 ', '2.6 '].map((s) => en.indexOf(`**${s}`));
    expect(order).toEqual([...order].sort((a, b) => a - b));

    const de = md('hybrid', 'de', { directoryService: 'ldap', usernamesChange: 'yes', choice: 'hybrid' });
    expect(de).toContain('den Abschnitt **2.1 Registering of MailStore Server as App in Azure AD** durch');
    expect(de).toContain('den Abschnitt **2.2 Creating Credentials in MailStore Server** durch');
    expect(de).toContain('auf **Create…** klicken');
    expect(de).toContain('den Abschnitt **2.3 Publishing Credentials in Azure AD** durch');
    expect(de).toContain(
      'Überspringen Sie **2.4 Configuring App Authentication in Azure AD** und **2.5 Configuring the Redirect URI in MailStore Server**',
    );
    expect(de).toContain('den Abschnitt **2.6 Configuring API Permissions in Azure AD** durch');
    expect(de).toContain('Multiple Mailboxes');
    expect(de).toContain('Journal-Profile müssen nicht geändert werden');
  });

  it('hybrid: warns when the directory is Microsoft 365 Basic, and asks when it is unknown', () => {
    expect(md('hybrid', 'en', { directoryService: 'm365-basic' })).toContain('not with Microsoft 365 (Basic Authentication)');
    expect(md('hybrid', 'en', { directoryService: 'm365-basic' })).not.toContain('Step 8');
    expect(md('hybrid', 'en', { directoryService: 'unknown' })).toContain(UI_PATH.en);
    expect(md('hybrid', 'de', { directoryService: 'unknown' })).toContain(UI_PATH.de);
    expect(md('hybrid', 'en', { directoryService: 'active-directory' })).not.toContain('Basic Authentication');
  });

  it('modern-direct: the modern article and nothing else; asks to confirm user@domain only when unknown', () => {
    const basicUnknown = md('modern-direct', 'en', { directoryService: 'm365-basic', usernamesChange: 'unknown' });
    expect(basicUnknown).toContain('Could you confirm');
    expect(basicUnknown).toContain('If they are, the article above is all you need.');
    expect(basicUnknown).toContain('Administrative Tools > Users and Archives > Users');
    expect(basicUnknown).not.toContain(EN.rename);
    expect(basicUnknown).not.toContain(EN.hybrid);
    const basicSame = md('modern-direct', 'en', { directoryService: 'm365-basic', usernamesChange: 'no' });
    expect(basicSame).not.toContain('Could you confirm');
    expect(basicSame).toContain('That is all you need to do.');
    expect(md('modern-direct', 'en', { directoryService: 'm365-modern', usernamesChange: 'unknown' })).not.toContain('Could you confirm');
    expect(md('modern-direct', 'de', { directoryService: 'm365-basic', usernamesChange: 'unknown' })).toContain('bestätigen');
  });

  it('rename: both articles, the "despite its title" note and the confirmed notes from the article', () => {
    const en = md('rename', 'en', { directoryService: 'active-directory', usernamesChange: 'yes', choice: 'rename' });
    expect(en).toContain('Despite its title');
    for (const note of ['test environment', 'backup', 'Safe Mode', '`mailstore-users.txt`', '`old=new`', '`admin`', 'lower case']) {
      expect(en).toContain(note);
    }
    expect(en.indexOf(EN.rename)).toBeLessThan(en.indexOf(EN.modern));
    expect(en).not.toContain(EN.hybrid);
    const de = md('rename', 'de', { directoryService: 'ldap', usernamesChange: 'yes', choice: 'rename' });
    for (const note of ['Testumgebung', 'Sicherung', 'Safe Mode', '`mailstore-users.txt`', '`admin`', 'Kleinbuchstaben']) {
      expect(de).toContain(note);
    }
  });

  it('rename-or-hybrid: explains the duplicates, offers both ways and ends with a question', () => {
    for (const language of LANGUAGES) {
      for (const usernamesChange of USERNAMES_CHANGE) {
        const text = md('rename-or-hybrid', language, { directoryService: 'active-directory', usernamesChange });
        expect(text).toMatch(language === 'en' ? /duplicates/ : /Duplikate/);
        expect(text).toMatch(language === 'en' ? /\*\*Option 1: .*\*\*/ : /\*\*Weg 1: .*\*\*/);
        expect(text).toMatch(language === 'en' ? /\*\*Option 2: .*\*\*/ : /\*\*Weg 2: .*\*\*/);
        const paragraphs = text.split('\n\n');
        expect(paragraphs.at(-2)).toMatch(/\?$/);
      }
    }
  });

  it('Microsoft 365 Basic whose names would change: one way (rename, then switch), said plainly, no hybrid steps', () => {
    for (const language of LANGUAGES) {
      for (const branch of ['rename-or-hybrid', 'hybrid'] as const) {
        const text = md(branch, language, { directoryService: 'm365-basic', usernamesChange: 'yes', choice: branch === 'hybrid' ? 'hybrid' : 'undecided' });
        const where = `${branch}.${language}`;
        expect(text, where).toContain(language === 'en' ? 'So for you there is one way' : 'Für Sie gibt es deshalb einen Weg');
        expect(text, where).not.toMatch(language === 'en' ? /two ways|Option 2/ : /zwei Wege|Weg 2/);
        expect(text, where).not.toContain(EN.hybrid);
        expect(text, where).not.toContain('2.4 Configuring App Authentication');
        expect(text, where).toContain(language === 'en' ? '**Step 1: rename the users and their archives.**' : '**Schritt 1: Benutzer und Archive umbenennen.**');
        expect(text, where).toContain(language === 'en' ? 'not with Microsoft 365 (Basic Authentication)' : 'nicht aber mit Microsoft 365 (Basic Authentication)');
      }
    }
  });

  it('hybrid: the reply numbers its own steps as words, never as "3. Perform 2.1", and ends with the full article', () => {
    for (const language of LANGUAGES) {
      const text = md('hybrid', language, { directoryService: 'active-directory', usernamesChange: 'yes', choice: 'hybrid' });
      expect(text).not.toMatch(/^\d+\. /m);
      expect(text).toContain(language === 'en' ? '- **Step 3:** Perform section **2.1 ' : '- **Schritt 2:** Führen Sie im genannten Artikel den Abschnitt **2.1 ');
      const last = text.split('\n\n').at(-2) ?? '';
      expect(last).toContain(language === 'en' ? EN.modern : DE.modern);
    }
  });

  it('German replies: greeting without a guessed gender and the German menu names where known', () => {
    const de = renderReply({ branch: 'hybrid', language: 'de', product: 'server', requesterName: 'Anna Schmidt', slots: { directoryService: 'ldap', usernamesChange: 'yes' } }).text;
    expect(de.split('\n')[0]).toBe('Guten Tag Anna Schmidt,');
    expect(de).toContain('**E-Mail archivieren > E-mail Servers > Microsoft 365 > Mehrere Postfächer**');
    expect(de).not.toMatch(/\b(Herr|Frau)\b/);
  });

  it('full-guide: where to look, how to compare, the whole decision, and a request for type and usernames', () => {
    const en = md('full-guide', 'en');
    expect(en).toContain(`**${UI_PATH.en}**, section **Integration**`);
    expect(en).toContain('Administrative Tools > Users and Archives > Users');
    expect(en).toContain('Microsoft 365 (Basic Authentication), and the usernames already include the @domain');
    expect(en).toContain('the usernames would not change');
    expect(en).toContain('The usernames would change');
    expect(en).toContain('Could you send us the directory service type and two or three example usernames?');
    const de = md('full-guide', 'de');
    expect(de).toContain(`**${UI_PATH.de}** im Abschnitt **Integration**`);
    expect(de).toContain('Verwaltung > Benutzer und Archive > Benutzer');
    expect(de).toContain('Verzeichnisdienste-Typ und zwei oder drei Beispiel-Benutzernamen');
  });

  it('SPE: the settings are reached through the instance administration', () => {
    const en = md('full-guide', 'en', {}, 'spe');
    expect(en).toContain('in the administration of the instance (opened from the Management Console) under **Administrative Tools');
    const de = md('hybrid', 'de', {}, 'spe');
    expect(de).toContain('in der Administration der Instanz (zu öffnen über die Management Console)');
  });

  it('works without slots', () => {
    expect(() => render({ branch: 'full-guide', language: 'en', product: 'server' })).not.toThrow();
  });
});

describe('errors', () => {
  it('refuses off-topic with a clear message', () => {
    const call = () => render({ branch: 'off-topic' as never, language: 'en', product: 'server' });
    expect(call).toThrow(/Off-topic tickets get no reply/);
    expect(call).toThrow(ReplyError);
    try {
      call();
    } catch (err) {
      expect((err as ReplyError).code).toBe('no_reply_for_branch');
    }
  });

  it('refuses unknown branches, languages and products', () => {
    expect(() => render({ branch: 'nope' as never, language: 'en', product: 'server' })).toThrow(/No template/);
    expect(() => render({ branch: 'hybrid', language: 'fr' as never, product: 'server' })).toThrow(/Unknown language/);
    expect(() => render({ branch: 'hybrid', language: 'en', product: 'cloud' as never })).toThrow(/Unknown product/);
  });
});
