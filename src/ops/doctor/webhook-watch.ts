// What the last Zendesk webhook delivery looked like, for `doctor`: the admin presses "Test webhook" in Zendesk and
// doctor reports what arrived. Kept in memory per instance (a restart forgets it; doctor then says "none seen"),
// read from an onSend hook so the webhook route itself stays as it is. A delivery signed with Zendesk's fixed test
// secret is recognised: Zendesk signs tests of a webhook that is not saved yet with it
// (https://developer.zendesk.com/documentation/webhooks/verifying/, the example secret
// dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==), so the configured secret cannot match.
import type { FastifyInstance } from 'fastify';
import { verifyZendeskSignature } from '../../zendesk/verify-signature.js';
import { check, type Check } from './check.js';

export const ZENDESK_TEST_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const ROUTE = '/webhooks/zendesk';

export interface WebhookDelivery {
  at: string;
  status: number;
  /** Our error code when refused (signature_invalid, timestamp_out_of_window, payload_invalid…). */
  code: string | null;
  signedWithTestSecret: boolean;
}

export interface WebhookWatch {
  last(): WebhookDelivery | null;
}

export function watchZendeskWebhook(app: FastifyInstance, now: () => Date): WebhookWatch {
  let last: WebhookDelivery | null = null;
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.routeOptions.url !== ROUTE || req.method !== 'POST') return payload;
    let code: string | null = null;
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      try {
        code = (JSON.parse(payload) as { code?: string }).code ?? null;
      } catch {
        /* not our JSON */
      }
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : null;
    const header = (n: string) => {
      const v = req.headers[n];
      return Array.isArray(v) ? v[0] : v;
    };
    const signedWithTestSecret =
      code === 'signature_invalid' &&
      raw !== null &&
      verifyZendeskSignature({
        rawBody: raw,
        signature: header('x-zendesk-webhook-signature'),
        timestamp: header('x-zendesk-webhook-signature-timestamp'),
        secrets: [ZENDESK_TEST_SECRET],
        now: now(),
      }).ok;
    last = { at: now().toISOString(), status: reply.statusCode, code, signedWithTestSecret };
    return payload;
  });
  return { last: () => last };
}

/** The verdict on the last delivery as a doctor line. */
export function webhookCheck(d: WebhookDelivery | null, secretsConfigured: boolean): Check {
  const id = 'zendesk.webhook';
  if (!secretsConfigured) return check(id, 'fail', 'ZENDESK_WEBHOOK_SECRET is not set: the webhook route answers 503 to every delivery.', "Copy the webhook's signing secret (Zendesk: Admin Center → Apps and integrations → Webhooks → your webhook → Reveal secret).");
  const press = "In Zendesk open Admin Center → Apps and integrations → Webhooks → your webhook → Test webhook, send it, then run doctor again.";
  if (!d) return check(id, 'warn', 'No webhook delivery has reached this instance since it started.', press);
  const when = `The last delivery (${d.at})`;
  if (d.status < 300) return check(id, 'ok', `${when} was signed with ZENDESK_WEBHOOK_SECRET and accepted.`);
  if (d.signedWithTestSecret) return check(id, 'fail', `${when} was signed with Zendesk's fixed test secret, which Zendesk uses for a webhook that is not saved yet.`, 'Save the webhook (or test the saved one), then press Test webhook again.');
  if (d.code === 'signature_invalid') return check(id, 'fail', `${when} was refused: its signature does not match ZENDESK_WEBHOOK_SECRET.`, "Set ZENDESK_WEBHOOK_SECRET to this webhook's signing secret (Reveal secret on its page); comma-separate old and new while rotating.");
  if (d.code === 'timestamp_out_of_window') return check(id, 'fail', `${when} was refused: its signature timestamp is more than 5 minutes from this server's clock.`, 'Synchronise the server clock (NTP).');
  if (d.code === 'payload_invalid') return check(id, 'ok', `${when} was signed correctly; its body was not an event we handle (a test body often is not), answered 400.`);
  return check(id, 'fail', `${when} was answered ${d.status}${d.code ? ` (${d.code})` : ''}.`, 'See the service log for that request.');
}
