// npm run zendesk-app -- --url https://m365-guide.example.com
// Checks zendesk-app/ (src/zendesk-app/check-package.ts), points the ticket sidebar at the given service, and writes
// dist-zendesk-app/m365-guide-zendesk-app-<version>.zip for Admin Center > Apps and integrations > Zendesk Support
// apps > Upload private app. The URL may also come from ZENDESK_APP_SERVICE_URL.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { checkApp, sidebarUrl, type AppFiles } from '../src/zendesk-app/check-package.js';

const root = join(import.meta.dirname, '..');
const appDir = join(root, 'zendesk-app');
const outDir = join(root, 'dist-zendesk-app');

function readTree(dir: string): AppFiles {
  const files: AppFiles = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p).split('\\').join('/')] = readFileSync(p);
    }
  };
  walk(dir);
  return files;
}

const args = process.argv.slice(2);
const at = args.indexOf('--url');
const serviceUrl = at >= 0 ? args[at + 1] : process.env.ZENDESK_APP_SERVICE_URL;
if (!serviceUrl) {
  console.error('usage: npm run zendesk-app -- --url https://<your m365-guide host>   (or set ZENDESK_APP_SERVICE_URL)');
  process.exit(2);
}
const target = sidebarUrl(serviceUrl);
if (!target.ok) {
  console.error(target.error);
  process.exit(2);
}
const files = readTree(appDir);
const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'] ?? new Uint8Array()) || '{}');
manifest.location.support.ticket_sidebar.url = target.url;
files['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n');
const { errors } = checkApp(files);
if (errors.length) {
  for (const e of errors) console.error(`zendesk-app/${e}`);
  process.exit(1);
}
// Fixed timestamps: the same sources and URL give the same zip bytes.
const zip = zipSync(Object.fromEntries(Object.entries(files).map(([p, b]) => [p, [b, { mtime: new Date('2025-01-01T00:00:00Z') }]])), { level: 9 });
mkdirSync(outDir, { recursive: true });
const out = join(outDir, `m365-guide-zendesk-app-${manifest.version}.zip`);
writeFileSync(out, zip);
console.log(`${relative(root, out)}: ${Object.keys(files).length} files, sidebar ${target.url}`);
