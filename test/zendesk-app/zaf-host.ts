// A stand-in for Zendesk's agent interface around a signed-URL app: it signs the JWT Zendesk would post (RS256 with a
// test key pair, computed here with node:crypto, independent of the code under test), frames the app with a form
// POST of `token` (developer.zendesk.com/documentation/apps/build-an-app/building-a-server-side-app/
// part-5-secure-the-app/), and answers the ZAF SDK's postMessage protocol (zendesk_app_framework_sdk lib/client.js:
// `iframe.handshake` → `zaf.app.registered`; `{id, request: get|set|invoke}` → `{id, result}`; `iframe.on:<event>`;
// events arrive as `zaf.<event>`). It records every set and invoke so a test can assert what the app asked for.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface TestKeys {
  publicPem: string;
  privateKey: KeyObject;
}

export function testKeys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
}

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A JWT as Zendesk signs it for a signed-URL app: iss = account host, aud = installation, sub = the user's API URL. */
export function zendeskJwt(o: { key: KeyObject; zendeskUrl: string; installationId: string; agentId: number; nowS?: number; ttlS?: number; aud?: string; iss?: string; alg?: string }): string {
  const now = o.nowS ?? Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: o.alg ?? 'RS256' };
  const claims = {
    iss: o.iss ?? new URL(o.zendeskUrl).host,
    aud: o.aud ?? `${o.zendeskUrl}/api/v2/apps/installations/${o.installationId}.json`,
    sub: `${o.zendeskUrl}/api/v2/users/${o.agentId}.json`,
    iat: now,
    exp: now + (o.ttlS ?? 300),
  };
  const input = `${b64url(header)}.${b64url(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), o.key).toString('base64url')}`;
}

export interface HostPage {
  ticketId: number;
  locale: string;
  settings?: Record<string, unknown>;
  /** Where the app's sidebar lives (another site than the host page: http://localhost:… vs http://127.0.0.1:…). */
  appUrl: string;
  token: string;
}

/** The host page: an apps tray 320 px wide with the app's iframe, and the ZAF parent side of the SDK's protocol. */
export function hostPage(p: HostPage): string {
  const config = JSON.stringify({ ...p, settings: p.settings ?? { ui_language: 'auto', show_evidence: true } }).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Zendesk (test host)</title>
<style>body{margin:0;font-family:sans-serif;background:#f8f9f9} #tray{width:320px;border-left:1px solid #d8dcde;background:#fff} iframe{width:320px;height:900px;border:0;display:block}</style>
</head><body><div id="tray"><iframe name="app" id="app" title="m365-guide"></iframe></div>
<script>
const cfg = ${config};
const origin = location.origin;
window.zaf = { sets: [], invokes: [], subscriptions: [] };
const frame = document.getElementById('app');
let appWindow = null;
function reply(msg) { frame.contentWindow.postMessage(JSON.stringify(msg), '*'); }
window.fire = (name, data) => reply({ key: 'zaf.' + name, message: data || {} });
window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow) return;
  let m; try { m = JSON.parse(e.data); } catch { return; }
  if (m.key === 'iframe.handshake') {
    reply({ key: 'zaf.app.registered', message: { metadata: { appId: 1, installationId: 1, settings: cfg.settings }, context: { product: 'support', location: 'ticket_sidebar', ticketId: cfg.ticketId } } });
  } else if (m.key && m.key.indexOf('iframe.on:') === 0) {
    window.zaf.subscriptions.push(m.key.slice('iframe.on:'.length));
  } else if (m.request === 'get') {
    const values = { 'ticket.id': cfg.ticketId, 'currentUser.locale': cfg.locale };
    const result = { errors: {} };
    for (const path of m.params) { if (path in values) result[path] = values[path]; else result.errors[path] = { message: 'unknown path' }; }
    reply({ id: m.id, result });
  } else if (m.request === 'set') {
    window.zaf.sets.push(m.params);
    reply({ id: m.id, result: m.params });
  } else if (m.request === 'invoke') {
    window.zaf.invokes.push(m.params);
    reply({ id: m.id, result: {} });
  }
});
const form = document.createElement('form');
form.method = 'post';
form.target = 'app';
form.action = cfg.appUrl + '/zendesk-app/sidebar?origin=' + encodeURIComponent(origin) + '&app_guid=test-app-guid';
const input = document.createElement('input');
input.type = 'hidden'; input.name = 'token'; input.value = cfg.token;
form.appendChild(input);
document.body.appendChild(form);
form.submit();
</script></body></html>`;
}
