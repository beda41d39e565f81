import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkApp, sidebarUrl, type AppFiles } from '../../src/zendesk-app/check-package.js';
import { carriesDraft } from '../../src/zendesk-app/inserted-reply.js';

const dir = join(import.meta.dirname, '../../zendesk-app');
function appFiles(): AppFiles {
  const files: AppFiles = {};
  const walk = (d: string) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : (files[relative(dir, join(d, n))] = readFileSync(join(d, n)))));
  walk(dir);
  return files;
}
const withManifest = (f: AppFiles, change: (m: any) => void): AppFiles => {
  const m = JSON.parse(Buffer.from(f['manifest.json']!).toString());
  change(m);
  return { ...f, 'manifest.json': Buffer.from(JSON.stringify(m)) };
};

describe('zendesk-app/ as packaged by npm run zendesk-app', () => {
  it('passes: signed URLs, ticket sidebar at /zendesk-app/sidebar, settings translated in EN and DE, logos at size', () => {
    expect(checkApp(appFiles()).errors).toEqual([]);
  });

  it('names what is wrong', () => {
    const f = appFiles();
    expect(checkApp(withManifest(f, (m) => (m.signedUrls = false))).errors).toEqual(['manifest.json: signedUrls must be true (the service refuses unsigned requests)']);
    expect(checkApp(withManifest(f, (m) => m.parameters.push({ name: 'extra', type: 'text' }))).errors).toEqual([
      'translations/en.json: app.parameters.extra.label is required (the setting\'s name on the install page)',
      'translations/de.json: app.parameters.extra.label is required (the setting\'s name on the install page)',
    ]);
    expect(checkApp({ ...f, 'assets/logo.png': f['assets/logo-small.png']! }).errors).toEqual(['assets/logo.png must be 320×320 px (is 128×128)']);
    const { ['translations/de.json']: _de, ...noGerman } = f;
    expect(checkApp(noGerman).errors).toContain('translations/de.json is missing');
    expect(checkApp({ ...f, 'server.js': Buffer.from('') }).errors).toEqual(['server.js: not part of a Zendesk app (only manifest.json, translations/, assets/)']);
  });

  it('points the sidebar at an https service only', () => {
    expect(sidebarUrl('https://m365.example.com/')).toEqual({ ok: true, url: 'https://m365.example.com/zendesk-app/sidebar' });
    expect(sidebarUrl('http://m365.example.com')).toMatchObject({ ok: false });
  });
});

describe('carriesDraft (Insert into reply, then the agent sends it)', () => {
  const draft = 'Hello Jana,\n\nplease open **Directory Services** and see [the article](https://help.mailstore.com/en/server/Microsoft_365). Kind regards';
  it('recognises the draft in the sent reply, with a greeting added and the link rendered as its label', () => {
    expect(carriesDraft('Hello Jana,\nplease open Directory Services and see the article. Kind regards\n\nAnna', draft)).toBe(true);
  });
  it('does not take another reply for it', () => {
    expect(carriesDraft('Hello Jana, I will call you tomorrow about the Directory Services. Kind regards', draft)).toBe(false);
    expect(carriesDraft('', draft)).toBe(false);
  });
});
