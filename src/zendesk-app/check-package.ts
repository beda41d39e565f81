// Pure: checks the app folder (zendesk-app/) before `npm run zendesk-app` zips it, against what the ZAF v2 manifest
// reference asks (developer.zendesk.com/documentation/apps/app-developer-guide/manifest/) and what this service
// needs: signed URLs on, the ticket sidebar pointing at this service's /zendesk-app/sidebar over https, every
// install-time setting translated in English and German, and the two logos at their sizes. zcli's own validation
// uploads the zip to a Zendesk account (POST /api/v2/apps/validate), so it cannot run offline; Zendesk still checks
// the package again when it is uploaded.

export interface AppFiles {
  /** Path inside the app folder (forward slashes) → contents. */
  [path: string]: Uint8Array;
}

export const LOCALES = ['en', 'de'] as const;
const PARAMETER_TYPES = ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden'];
const LOGOS: Record<string, number> = { 'assets/logo.png': 320, 'assets/logo-small.png': 128 };
const SIDEBAR_PATH = '/zendesk-app/sidebar';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : null);

function parse(files: AppFiles, path: string, errors: string[]): Json | null {
  const raw = text(files[path]);
  if (raw === null) {
    errors.push(`${path} is missing`);
    return null;
  }
  try {
    const v = obj(JSON.parse(raw));
    if (!v) errors.push(`${path} must hold a JSON object`);
    return v;
  } catch (err) {
    errors.push(`${path} is not valid JSON (${(err as Error).message})`);
    return null;
  }
}

/** PNG width and height from the IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(b: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || sig.some((x, i) => b[i] !== x)) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

/** The sidebar URL for a service base URL (https only), or an error. */
export function sidebarUrl(serviceUrl: string): { ok: true; url: string } | { ok: false; error: string } {
  let u: URL;
  try {
    u = new URL(serviceUrl);
  } catch {
    return { ok: false, error: `--url ${serviceUrl} is not a URL (e.g. https://m365-guide.example.com)` };
  }
  if (u.protocol !== 'https:') return { ok: false, error: '--url must use https: Zendesk loads apps only over https' };
  if (u.search || u.hash) return { ok: false, error: '--url must not have a query or fragment' };
  return { ok: true, url: `${u.origin}${u.pathname.replace(/\/+$/, '')}${SIDEBAR_PATH}` };
}

export function checkApp(files: AppFiles): { errors: string[]; manifest: Json | null } {
  const errors: string[] = [];
  for (const path of Object.keys(files)) {
    if (!(path === 'manifest.json' || /^translations\/[a-z-]+\.json$/.test(path) || /^assets\/[\w.-]+$/.test(path))) errors.push(`${path}: not part of a Zendesk app (only manifest.json, translations/, assets/)`);
  }
  const m = parse(files, 'manifest.json', errors);
  if (m) {
    const author = obj(m.author);
    if (typeof m.name !== 'string' || !m.name.trim()) errors.push('manifest.json: name is required');
    if (!author || typeof author.name !== 'string' || typeof author.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(author.email)) errors.push('manifest.json: author needs a name and an e-mail address');
    if (m.frameworkVersion !== '2.0') errors.push('manifest.json: frameworkVersion must be "2.0"');
    if (typeof m.version !== 'string' || !/^\d+\.\d+(\.\d+)?$/.test(m.version)) errors.push('manifest.json: version must look like 1.0.0');
    if (m.defaultLocale !== 'en') errors.push('manifest.json: defaultLocale must be "en" (translations/en.json)');
    if (m.signedUrls !== true) errors.push('manifest.json: signedUrls must be true (the service refuses unsigned requests)');
    const sidebar = obj(obj(obj(m.location)?.support)?.ticket_sidebar);
    const url = typeof sidebar?.url === 'string' ? sidebar.url : '';
    if (!url.startsWith('https://') || !url.endsWith(SIDEBAR_PATH)) errors.push(`manifest.json: location.support.ticket_sidebar.url must be https://<host>${SIDEBAR_PATH}`);
    const params = Array.isArray(m.parameters) ? m.parameters.map(obj) : [];
    const names = new Set<string>();
    for (const p of params) {
      const name = typeof p?.name === 'string' ? p.name : '';
      if (!/^[a-z][a-z0-9_]{0,63}$/.test(name)) errors.push(`manifest.json: parameter name "${name}" must be lower case letters, digits and _`);
      if (names.has(name)) errors.push(`manifest.json: parameter ${name} appears twice`);
      names.add(name);
      if (!PARAMETER_TYPES.includes(String(p?.type))) errors.push(`manifest.json: parameter ${name} has type ${String(p?.type)}; use one of ${PARAMETER_TYPES.join(', ')}`);
    }
    for (const locale of LOCALES) {
      const t = obj(parse(files, `translations/${locale}.json`, errors)?.app);
      if (!t) {
        errors.push(`translations/${locale}.json: needs an "app" object`);
        continue;
      }
      for (const key of ['name', 'short_description', 'long_description', 'installation_instructions']) {
        if (typeof t[key] !== 'string' || !(t[key] as string).trim()) errors.push(`translations/${locale}.json: app.${key} is required`);
      }
      for (const name of names) {
        const label = obj(obj(t.parameters)?.[name])?.label;
        if (typeof label !== 'string' || !label.trim()) errors.push(`translations/${locale}.json: app.parameters.${name}.label is required (the setting's name on the install page)`);
      }
    }
  }
  for (const [path, size] of Object.entries(LOGOS)) {
    const b = files[path];
    const s = b ? pngSize(b) : null;
    if (!b) errors.push(`${path} is missing`);
    else if (!s) errors.push(`${path} is not a PNG`);
    else if (s.width !== size || s.height !== size) errors.push(`${path} must be ${size}×${size} px (is ${s.width}×${s.height})`);
  }
  return { errors, manifest: m };
}
