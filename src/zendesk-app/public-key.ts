// The app's public key, as configured: PEM text is parsed at boot (app-config.ts already proved it reads); a URL
// (https://{subdomain}.zendesk.com/api/v2/apps/{app_id}/public_key.pem) is read when the first signed request
// arrives, kept, and re-read at most every 30 s after a failure, so a Zendesk hiccup at boot stops nothing else.
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ZendeskAppConfig } from './app-config.js';

const RETRY_MS = 30_000;
const TIMEOUT_MS = 5_000;

export type KeySource = () => Promise<KeyObject | null>;

export function createKeySource(cfg: ZendeskAppConfig['publicKey'], log: FastifyBaseLogger, now: () => Date): KeySource {
  if ('pem' in cfg) {
    const key = createPublicKey(cfg.pem);
    return async () => key;
  }
  let key: KeyObject | null = null;
  let failedAt = -Infinity;
  let loading: Promise<KeyObject | null> | null = null;
  const load = async (): Promise<KeyObject | null> => {
    try {
      const res = await fetch(cfg.url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      key = createPublicKey(await res.text());
      log.info({ url: cfg.url }, 'zendesk app: public key loaded');
      return key;
    } catch (err) {
      failedAt = now().getTime();
      log.error({ url: cfg.url, err: (err as Error).message }, 'zendesk app: public key could not be read (ZENDESK_APP_PUBLIC_KEY); sidebar requests are refused until it can');
      return null;
    } finally {
      loading = null;
    }
  };
  return async () => {
    if (key) return key;
    if (now().getTime() - failedAt < RETRY_MS) return null;
    loading ??= load();
    return loading;
  };
}
