// The Zendesk agent who authors a public reply approved in Slack. SLACK_USER_MAP names them explicitly; otherwise
// the Slack profile's e-mail (users.info, scope users:read.email) must belong to a Zendesk agent or admin. An
// end-user with the same e-mail must never become the author of a reply on someone else's ticket.
import type { webApi } from '@slack/bolt';
import type { ZendeskClient } from '../zendesk/client.js';

export type AgentLookup = { ok: true; agentId: string; via: 'map' | 'email' } | { ok: false; reason: string };

export interface AgentResolver {
  resolve(slackUserId: string, nowMs: number): Promise<AgentLookup>;
}

export function createAgentResolver(opts: {
  userMap: Record<string, string>;
  client: webApi.WebClient;
  zendesk: ZendeskClient | null;
  ttlMs?: number;
}): AgentResolver {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const cache = new Map<string, { agentId: string; until: number }>();
  return {
    async resolve(slackUserId, nowMs) {
      const mapped = opts.userMap[slackUserId];
      if (mapped) return { ok: true, agentId: mapped, via: 'map' };
      const hit = cache.get(slackUserId);
      if (hit && hit.until > nowMs) return { ok: true, agentId: hit.agentId, via: 'email' };
      if (!opts.zendesk) return { ok: false, reason: 'the Zendesk API is not configured (ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN).' };
      const info = await opts.client.users.info({ user: slackUserId });
      const email = info.user?.profile?.email;
      if (!email) {
        return { ok: false, reason: 'your Slack profile shows no e-mail to us (scope users:read.email), and SLACK_USER_MAP has no entry for you.' };
      }
      const user = await opts.zendesk.findUserByEmail(email);
      if (!user || (user.role !== 'agent' && user.role !== 'admin')) {
        return { ok: false, reason: 'no Zendesk agent has the e-mail address of your Slack profile; ask an admin to add you to SLACK_USER_MAP.' };
      }
      cache.set(slackUserId, { agentId: String(user.id), until: nowMs + ttl });
      return { ok: true, agentId: String(user.id), via: 'email' };
    },
  };
}
