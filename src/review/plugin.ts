// Review pages (issue "Review page and analytics…"): registered by app.ts.
import type { FastifyInstance } from 'fastify';

export async function reviewPlugin(app: FastifyInstance): Promise<void> {
  app.get('/', async (_req, reply) => reply.type('text/plain').send('m365-guide is running. Health: /healthz\n'));
}
