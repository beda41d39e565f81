// Doctor checks against the live Slack workspace: the token (auth.test), its scopes against the manifest, the bot
// in the review channel, and every approver mapped to a Zendesk agent. Read-only.
import { webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import { SLACK_SCOPES } from '../../slack/scopes.js';
import { slackErrorCode } from '../../slack/slack-errors.js';
import { createAgentResolver } from '../../slack/zendesk-agent.js';
import type { ZendeskClient } from '../../zendesk/client.js';
import { check, type Check } from './check.js';

type SlackConfig = NonNullable<Config['slack']>;

export function slackClient(config: SlackConfig, timeoutMs = 10_000): webApi.WebClient {
  return new webApi.WebClient(config.botToken, { slackApiUrl: config.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: timeoutMs });
}

/** auth.test and the granted scopes; null scopes when the token does not work. */
export async function checkSlackAuth(client: webApi.WebClient): Promise<{ checks: Check[]; ok: boolean }> {
  let r: webApi.AuthTestResponse;
  try {
    r = await client.auth.test();
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked' || code === 'account_inactive') {
      return { ok: false, checks: [check('slack.token', 'fail', `Slack refused SLACK_BOT_TOKEN (${code}).`, 'Copy the Bot User OAuth Token (xoxb-…) from the app\'s OAuth & Permissions page; reinstall the app if it was revoked.')] };
    }
    return { ok: false, checks: [check('slack.token', 'fail', `Slack did not answer auth.test: ${code ?? (err as Error).message.slice(0, 160)}`, 'Check that this host can reach Slack (SLACK_API_URL).')] };
  }
  const checks = [check('slack.token', 'ok', `The bot token works: bot user ${r.user_id} in workspace ${r.team}.`)];
  // The scopes the token carries come with every answer (x-oauth-scopes; web-api puts them in response_metadata).
  const granted = new Set(r.response_metadata?.scopes ?? []);
  const missing = Object.keys(SLACK_SCOPES).filter((s) => !granted.has(s));
  checks.push(
    missing.length === 0
      ? check('slack.scopes', 'ok', `The token has every scope in slack-manifest.yaml (${Object.keys(SLACK_SCOPES).join(', ')}).`)
      : check('slack.scopes', 'fail', `The token lacks ${missing.map((s) => `${s} (${SLACK_SCOPES[s]})`).join('; ')}.`, 'Add the scopes under OAuth & Permissions (or recreate the app from slack-manifest.yaml) and reinstall the app to the workspace.'),
  );
  return { ok: true, checks };
}

/** The bot must be in SLACK_REVIEW_CHANNEL to post cards; reading one message proves it (a bot outside gets not_in_channel). */
export async function checkReviewChannel(client: webApi.WebClient, config: SlackConfig): Promise<Check> {
  const id = 'slack.channel';
  if (!config.reviewChannel) return check(id, 'warn', 'SLACK_REVIEW_CHANNEL is not set: no draft cards are posted (the command still works).', 'Set SLACK_REVIEW_CHANNEL to the channel id (C…) where approvers should see drafts.');
  try {
    await client.conversations.history({ channel: config.reviewChannel, limit: 1 });
    return check(id, 'ok', `The bot is a member of ${config.reviewChannel} and can read it.`);
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === 'not_in_channel') return check(id, 'fail', `The bot is not a member of SLACK_REVIEW_CHANNEL ${config.reviewChannel}.`, 'Invite it: /invite @m365-guide in that channel.');
    if (code === 'channel_not_found') return check(id, 'fail', `SLACK_REVIEW_CHANNEL ${config.reviewChannel} does not exist or the bot cannot see it.`, 'Use the channel id (C…, from the channel\'s details), and invite the bot to a private channel.');
    if (code === 'missing_scope') return check(id, 'fail', `Cannot check ${config.reviewChannel}: the token lacks channels:history / groups:history.`, 'Add the scopes from slack-manifest.yaml and reinstall the app.');
    return check(id, 'fail', `Could not check ${config.reviewChannel}: ${code ?? (err as Error).message.slice(0, 160)}`, 'Run doctor again; check that this host can reach Slack.');
  }
}

/** Each approver (and each member of an approver group) must map to a Zendesk agent or admin, who authors replies. */
export async function checkApprovers(client: webApi.WebClient, config: SlackConfig, zd: ZendeskClient | null): Promise<Check[]> {
  const id = 'slack.approvers';
  if (config.approvers.length === 0) return [check(id, 'warn', 'SLACK_APPROVERS is empty: nobody can approve or reject in Slack.', 'List Slack user ids (U…) or user-group ids (S…) in SLACK_APPROVERS.')];
  if (!zd) return [check(id, 'skip', 'The Zendesk API is not configured, so approvers cannot be mapped to agents.')];
  const users = new Set<string>();
  const out: Check[] = [];
  for (const entry of config.approvers) {
    if (!/^S[A-Z0-9]+$/.test(entry)) {
      users.add(entry);
      continue;
    }
    try {
      for (const u of (await client.usergroups.users.list({ usergroup: entry })).users ?? []) users.add(u);
    } catch (err) {
      out.push(check(`${id}.${entry}`, 'fail', `Could not read user group ${entry}: ${slackErrorCode(err) ?? (err as Error).message.slice(0, 120)}.`, 'Check the group id and the usergroups:read scope.'));
    }
  }
  const resolver = createAgentResolver({ userMap: config.userMap, client, zendesk: zd });
  for (const user of users) {
    try {
      const r = await resolver.resolve(user, Date.now());
      if (!r.ok) {
        out.push(check(`${id}.${user}`, 'fail', `Approver ${user}: ${r.reason}`, 'Map them in SLACK_USER_MAP ({"U…":"<Zendesk user id>"}) or give them a Zendesk agent account with their Slack e-mail.'));
        continue;
      }
      const agent = await zd.getUser(r.agentId);
      if (agent.role !== 'agent' && agent.role !== 'admin') {
        out.push(check(`${id}.${user}`, 'fail', `Approver ${user} maps to Zendesk user ${r.agentId}, who is ${agent.role}, not an agent.`, 'Fix their entry in SLACK_USER_MAP.'));
      }
    } catch (err) {
      out.push(check(`${id}.${user}`, 'fail', `Approver ${user} could not be looked up: ${slackErrorCode(err) ?? (err as Error).message.slice(0, 120)}.`, 'Check the user id and the users:read, users:read.email scopes.'));
    }
  }
  if (out.length === 0) out.push(check(id, 'ok', `All ${users.size} approver(s) map to a Zendesk agent or admin.`));
  return out;
}
