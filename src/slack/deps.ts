// What the Slack listeners and senders may use, built once in plugin.ts (injected, so tests run them on fakes).
import type { FastifyBaseLogger } from 'fastify';
import type { webApi } from '@slack/bolt';
import type { Runtime } from '../app.js';
import type { Config } from '../config.js';
import type { Approvers } from './approvers.js';
import type { Pacer } from './pacer.js';
import type { AgentResolver } from './zendesk-agent.js';

export interface SlackDeps {
  rt: Runtime;
  slack: NonNullable<Config['slack']>;
  client: webApi.WebClient;
  log: FastifyBaseLogger;
  approvers: Approvers;
  agents: AgentResolver;
  pacer: Pacer;
  /** Zendesk agent UI link for a ticket, when ZENDESK_URL is set. */
  ticketUrl(ticketId: string): string | null;
  /** The draft on the review page, when PUBLIC_URL is set. */
  reviewUrl(draftId: number): string | null;
}
