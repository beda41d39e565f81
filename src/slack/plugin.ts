// Slack integration (issue "Slack: /m365-guide…"): registered by app.ts; stays off without SLACK_SIGNING_SECRET
// and SLACK_BOT_TOKEN. Wires Bolt into Fastify (receiver + routes), the draft hook, and the outbox senders.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { registerApproveAction } from './approve-action.js';
import { createApprovers } from './approvers.js';
import { createBoltApp } from './bolt-app.js';
import { draftCreatedHook, queueCardUpdate } from './card-queue.js';
import { registerCommand } from './command.js';
import type { SlackDeps } from './deps.js';
import { createPacer } from './pacer.js';
import { registerPickerActions } from './picker-action.js';
import { FastifyReceiver } from './receiver.js';
import { registerRejectAction } from './reject-action.js';
import { slackRoutes } from './routes.js';
import { sendCard, sendCardUpdate } from './send.js';
import { createAgentResolver } from './zendesk-agent.js';

export interface SlackIntegration {
  /** Resolves when listeners still working after their ack are done (shutdown, tests). */
  idle(timeoutMs?: number): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** null when Slack is off. */
    slack: SlackIntegration | null;
  }
}

async function slack(app: FastifyInstance): Promise<void> {
  const rt = app.m365;
  const config = rt.config.slack;
  if (!config) {
    app.decorate('slack', null);
    return;
  }
  const log = app.log.child({ integration: 'slack' });
  if (config.approvers.length === 0) log.warn('SLACK_APPROVERS is empty: nobody can approve or reject drafts in Slack');
  if (!config.reviewChannel) log.info('SLACK_REVIEW_CHANNEL is not set: no draft cards are posted (the command still works)');

  const receiver = new FastifyReceiver({ log });
  const bolt = createBoltApp({ botToken: config.botToken, apiUrl: config.apiUrl, receiver, log, metrics: rt.metrics });
  const zendeskUrl = rt.config.zendesk.api?.url ?? null;
  const deps: SlackDeps = {
    rt,
    slack: config,
    client: bolt.client,
    log,
    approvers: createApprovers(config.approvers, bolt.client),
    agents: createAgentResolver({ userMap: config.userMap, client: bolt.client, zendesk: rt.zendesk }),
    pacer: createPacer(),
    ticketUrl: (id) => (zendeskUrl && /^\d+$/.test(id) ? `${zendeskUrl}/agent/tickets/${id}` : null),
    reviewUrl: (id) => (rt.config.publicUrl ? `${rt.config.publicUrl}/queue?state=pending#draft-${id}` : null),
  };

  registerCommand(bolt, deps);
  registerPickerActions(bolt);
  registerApproveAction(bolt, deps);
  registerRejectAction(bolt, deps);
  rt.onDraftCreated.push(draftCreatedHook(deps));
  // Decisions made at other doors (Zendesk tag, review page, posting, off-topic follow-up) update the card too.
  rt.onDraftDecided.push((draft, store) => queueCardUpdate(deps, draft, '', store));
  rt.outboxHandlers['slack.card'] = (row) => sendCard(deps, row);
  rt.outboxHandlers['slack.card_update'] = (row) => sendCardUpdate(deps, row);

  // Encapsulated child: its raw-body parsers do not leak to the other routes.
  await app.register(slackRoutes, {
    signingSecret: config.signingSecret,
    receiver,
    now: rt.now,
    onRejected: (code) => rt.metrics.inc('events_rejected_total', { reason: `slack_${code}` }),
  });
  app.decorate('slack', { idle: (ms?: number) => receiver.idle(ms) });
  // Approvals in flight after their ack must finish before the store closes.
  app.addHook('preClose', async () => receiver.idle(5000));
}

// fastify-plugin so `app.slack` is visible to the app (and tests); the routes stay encapsulated in their child.
export const slackPlugin = fp(slack, { name: 'm365-slack', fastify: '5.x' });
