// The sidebar's static files, served by this service (no CDN): the ZAF SDK from the `zendesk_app_framework_sdk`
// npm package, Zendesk Garden's CSS packages, and our own CSS and script from public/zendesk-app/. Read once at
// start. The SDK package ships its CommonJS sources only (lib/*.js, no browser build), so they are wrapped here in
// a tiny module table: the four files, unchanged, each in its own function scope, exposing `window.ZAFClient` as
// Zendesk's hosted build does (developer.zendesk.com/documentation/apps/app-developer-guide/using-the-apps-framework/).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
export const APP_ASSETS_DIR = fileURLToPath(new URL('../../public/zendesk-app/', import.meta.url));
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The SDK's modules as one browser script. Module ids are the paths its `require` calls use. */
export function bundleZafSdk(): string {
  const lib = dirname(require.resolve('zendesk_app_framework_sdk/lib/index.js'));
  const modules: Record<string, string> = {
    './index': 'index.js',
    './client': 'client.js',
    './utils': 'utils.js',
    './vendor/native-promise-only': 'vendor/native-promise-only.js',
  };
  const defs = Object.entries(modules)
    .map(([id, file]) => `${JSON.stringify(id)}: function (module, exports, require) {\n${readFileSync(join(lib, file), 'utf8')}\n}`)
    .join(',\n');
  const version = (require('zendesk_app_framework_sdk/package.json') as { version: string }).version;
  return `/* zendesk_app_framework_sdk ${version} (Apache-2.0), served by m365-guide */
(function () {
  var defs = {
${defs}
  };
  var cache = {};
  function req(id) {
    if (cache[id]) return cache[id].exports;
    if (!defs[id]) throw new Error('ZAF SDK bundle: no module ' + id);
    var module = { exports: {} };
    cache[id] = module;
    defs[id].call(window, module, module.exports, req);
    return module.exports;
  }
  window.ZAFClient = req('./index');
})();
`;
}

function gardenCss(): string {
  // Garden's base (fonts, box sizing), its colour and size variables, buttons and form fields.
  return ['@zendeskgarden/css-bedrock', '@zendeskgarden/css-variables', '@zendeskgarden/css-buttons', '@zendeskgarden/css-forms']
    .map((pkg) => readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'index.css'), 'utf8'))
    .join('\n');
}

export async function appAssetRoutes(app: FastifyInstance): Promise<void> {
  const files: Array<[route: string, body: () => string | Buffer, type: string]> = [
    ['/zendesk-app/assets/zaf_sdk.js', bundleZafSdk, JS],
    ['/zendesk-app/assets/garden.css', gardenCss, CSS],
    ['/zendesk-app/assets/sidebar.css', () => readFileSync(join(APP_ASSETS_DIR, 'sidebar.css')), CSS],
    ['/zendesk-app/assets/sidebar.js', () => readFileSync(join(APP_ASSETS_DIR, 'sidebar.js')), JS],
  ];
  for (const [route, load, type] of files) {
    let body: string | Buffer;
    try {
      body = load();
    } catch (err) {
      app.log.error({ route, err: (err as Error).message }, 'zendesk app asset missing: the sidebar cannot work without it (ship public/ and node_modules next to dist/)');
      continue;
    }
    app.get(route, async (_req, reply) => reply.type(type).header('cache-control', 'public, max-age=300').send(body));
  }
}
