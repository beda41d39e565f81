// The Zendesk sidebar app's settings, validated once at boot like src/config.ts. The app is off until its three
// variables are set; a partial set is a mistake and stops the boot with the missing variable's name.
//
// What Zendesk documents (developer.zendesk.com/documentation/apps/build-an-app/building-a-server-side-app/
// part-5-secure-the-app/): with `signedUrls: true` the first request of the iframe carries a JWT signed RS256 with
// the app's key pair; its public key is at https://{subdomain}.zendesk.com/api/v2/apps/{app_id}/public_key.pem and
// the audience is the installation, https://{subdomain}.zendesk.com/api/v2/apps/installations/{installation_id}.json.
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../config.js';

export interface ZendeskAppConfig {
  /** The app's RSA public key: PEM text, or the URL Zendesk serves it at (read once, when first needed). */
  publicKey: { pem: string } | { url: string };
  installationId: string;
  /** HMAC key for the short-lived session token the page carries (every instance needs the same one). */
  sessionSecret: string;
  /** The configured Zendesk: issuer, audience and the only site allowed to frame the page. */
  zendeskUrl: string;
  /** `iss` as Zendesk writes it (the account's host, e.g. acme.zendesk.com). */
  issuer: string;
  /** `aud`: the app installation's API URL. */
  audience: string;
}

const schema = z.object({
  ZENDESK_APP_PUBLIC_KEY: z.string().optional(),
  ZENDESK_APP_INSTALLATION_ID: z.string().regex(/^\d{1,20}$/, 'must be the number Zendesk shows for the installation (digits only)').optional(),
  ZENDESK_APP_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)').optional(),
});

const NAMES = ['ZENDESK_APP_PUBLIC_KEY', 'ZENDESK_APP_INSTALLATION_ID', 'ZENDESK_APP_SESSION_SECRET'] as const;

/** PEM text (literal `\n` allowed, as env files often need) or an https URL; throws ConfigError otherwise. */
export function parsePublicKey(raw: string): ZendeskAppConfig['publicKey'] {
  const value = raw.trim();
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError('ZENDESK_APP_PUBLIC_KEY', 'is neither a PEM public key nor a valid URL');
    }
    // Plain http only on this machine (tests, a local proxy): a key fetched in clear could be swapped.
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !local) throw new ConfigError('ZENDESK_APP_PUBLIC_KEY', 'a key URL must use https');
    return { url: url.toString() };
  }
  const pem = value.replace(/\\n/g, '\n');
  if (!/-----BEGIN PUBLIC KEY-----/.test(pem)) {
    throw new ConfigError('ZENDESK_APP_PUBLIC_KEY', 'must be the app public key in PEM ("-----BEGIN PUBLIC KEY-----…") or the URL of public_key.pem');
  }
  let type: string | undefined;
  try {
    type = createPublicKey(pem).asymmetricKeyType;
  } catch {
    throw new ConfigError('ZENDESK_APP_PUBLIC_KEY', 'is not a readable PEM public key (copy the whole file, BEGIN and END lines included)');
  }
  if (type !== 'rsa') throw new ConfigError('ZENDESK_APP_PUBLIC_KEY', `must be an RSA key (Zendesk signs RS256), not ${type}`);
  return { pem };
}

/** Validates the ZENDESK_APP_* variables; null when the app is off. */
export function loadZendeskAppConfig(env: Record<string, string | undefined>, zendeskUrl: string | null): ZendeskAppConfig | null {
  const clean = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('ZENDESK_APP_') && v !== undefined && v !== ''));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'ZENDESK_APP_*'), issue.message);
  }
  const e = parsed.data;
  const given = NAMES.filter((n) => e[n] !== undefined);
  if (given.length === 0) return null;
  const missing = NAMES.filter((n) => e[n] === undefined);
  if (missing.length) throw new ConfigError(missing[0]!, `is required for the Zendesk sidebar app (${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set)`);
  if (!zendeskUrl) throw new ConfigError('ZENDESK_URL', 'is required for the Zendesk sidebar app (it is the issuer of the signed requests)');
  const base = zendeskUrl.replace(/\/+$/, '');
  return {
    publicKey: parsePublicKey(e.ZENDESK_APP_PUBLIC_KEY!),
    installationId: e.ZENDESK_APP_INSTALLATION_ID!,
    sessionSecret: e.ZENDESK_APP_SESSION_SECRET!,
    zendeskUrl: base,
    issuer: new URL(base).host,
    audience: `${base}/api/v2/apps/installations/${e.ZENDESK_APP_INSTALLATION_ID}.json`,
  };
}
