// Slack integration (issue "Slack: /m365-guide…"): registered by app.ts; stays off without its secrets.
import type { FastifyInstance } from 'fastify';

export async function slackPlugin(app: FastifyInstance): Promise<void> {
  if (!app.m365.config.slack) return;
}
