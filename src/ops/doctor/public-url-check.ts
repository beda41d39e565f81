// Slack sends slash commands and button clicks to PUBLIC_URL/slack/…: it must be reachable over HTTPS from the
// internet. We can only check what this host sees: that PUBLIC_URL answers /healthz as this service.
import { check, type Check } from './check.js';

export async function checkPublicUrl(publicUrl: string | null, timeoutMs = 10_000): Promise<Check> {
  const id = 'public_url';
  if (!publicUrl) return check(id, 'warn', 'PUBLIC_URL is not set: doctor cannot check that Slack can reach /slack/commands and /slack/interactions, and long drafts link to no review page.', 'Set PUBLIC_URL to the public HTTPS address of this service.');
  try {
    const r = await fetch(`${publicUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await r.json().catch(() => null)) as { ok?: unknown } | null;
    if (!r.ok || body?.ok !== true) return check(id, 'fail', `${publicUrl}/healthz answered HTTP ${r.status}, not this service.`, 'Point PUBLIC_URL (and the proxy in front) at this service.');
  } catch (err) {
    return check(id, 'fail', `${publicUrl} is not reachable from here: ${(err as Error).message.slice(0, 120)}.`, 'Check DNS, the TLS certificate and the proxy; Slack needs the same address.');
  }
  if (!publicUrl.startsWith('https://')) return check(id, 'warn', `${publicUrl} answers, but over plain HTTP: Slack only calls HTTPS request URLs.`, 'Serve it over HTTPS (a reverse proxy with a certificate).');
  return check(id, 'ok', `${publicUrl} answers as this service; Slack's request URLs are ${publicUrl}/slack/commands and ${publicUrl}/slack/interactions.`);
}
