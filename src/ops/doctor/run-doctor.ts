// Runs every doctor check against the live services for one configuration. Writes nothing, except the private test
// note when `postTestNote` names a ticket. The same list backs `m365-guide doctor` and GET /admin/doctor.
import type { Config } from '../../config.js';
import { ZendeskClient } from '../../zendesk/client.js';
import { check, type Check } from './check.js';
import { checkPublicUrl } from './public-url-check.js';
import { checkApprovers, checkReviewChannel, checkSlackAuth, slackClient } from './slack-checks.js';
import { webhookCheck, type WebhookDelivery } from './webhook-watch.js';
import { checkApprovalTags, checkZendeskAccess, checkZendeskRole, postTestNote } from './zendesk-checks.js';

export interface DoctorOptions {
  config: Config;
  /** A ticket id: post a private test note there and read it back. */
  postTestNote?: string | null;
  /** The last webhook delivery the service saw; 'unknown' when it cannot be asked (CLI without the service). */
  lastWebhook: () => Promise<WebhookDelivery | null | 'unknown'>;
}

export async function runDoctor(o: DoctorOptions): Promise<Check[]> {
  const { config } = o;
  const out: Check[] = [];
  const api = config.zendesk.api;
  const zd = api ? new ZendeskClient({ ...api }) : null;
  let zendeskOk = false;
  if (!zd) {
    out.push(check('zendesk.token', 'fail', 'The Zendesk API is not configured.', 'Set ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN.'));
  } else {
    const access = await checkZendeskAccess(zd, config);
    out.push(...access.checks);
    if (access.me) {
      zendeskOk = true;
      out.push(checkZendeskRole(access.me));
    }
  }
  out.push(checkApprovalTags(config));
  const last = await o.lastWebhook().catch(() => 'unknown' as const);
  out.push(
    last === 'unknown'
      ? check('zendesk.webhook', 'skip', 'Cannot see which webhook deliveries reached the service from here.', 'Set PUBLIC_URL and ADMIN_TOKEN so doctor can ask the running service, or call GET /admin/doctor on it.')
      : webhookCheck(last, config.zendesk.webhookSecrets.length > 0),
  );
  if (o.postTestNote) {
    out.push(zd && zendeskOk ? await postTestNote(zd, o.postTestNote) : check('zendesk.test_note', 'skip', 'Not posted: the Zendesk API is not usable (see above).'));
  }

  if (!config.slack) {
    out.push(check('slack.token', 'skip', 'Slack is off (SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN unset).'));
  } else {
    const client = slackClient(config.slack);
    const auth = await checkSlackAuth(client);
    out.push(...auth.checks);
    if (auth.ok) {
      out.push(await checkReviewChannel(client, config.slack));
      out.push(...(await checkApprovers(client, config.slack, zendeskOk ? zd : null)));
    }
  }
  out.push(await checkPublicUrl(config.publicUrl));
  return out;
}

/** For the CLI: the running service's view of the last webhook delivery, over its admin API. */
export async function askServiceForWebhook(config: Config): Promise<WebhookDelivery | null | 'unknown'> {
  if (!config.publicUrl || !config.adminToken) return 'unknown';
  const r = await fetch(`${config.publicUrl}/admin/doctor/webhook`, { headers: { authorization: `Bearer ${config.adminToken}` }, signal: AbortSignal.timeout(10_000) });
  if (!r.ok) return 'unknown';
  return ((await r.json()) as { last: WebhookDelivery | null }).last;
}
