// GET /admin/doctor (admin token): the doctor's checks run by the service itself, which also knows the last webhook
// delivery. GET /admin/doctor/webhook: only that delivery (what the CLI asks for). Never writes: the test note is
// the CLI's (`--post-test-note`).
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { adminGuard } from '../admin-routes.js';
import { exitCode, formatChecks } from './check.js';
import { runDoctor } from './run-doctor.js';
import type { WebhookWatch } from './webhook-watch.js';

export async function doctorRoutes(app: FastifyInstance, o: { config: Config; watch: WebhookWatch }): Promise<void> {
  app.addHook('onRequest', adminGuard(o.config.adminToken));
  app.get('/admin/doctor/webhook', async () => ({ last: o.watch.last() }));
  app.get<{ Querystring: { format?: string } }>('/admin/doctor', async (req, reply) => {
    const checks = await runDoctor({ config: o.config, lastWebhook: async () => o.watch.last() });
    const ok = exitCode(checks) === 0;
    if (req.query.format === 'text') return reply.type('text/plain; charset=utf-8').send(formatChecks(checks));
    return { ok, checks };
  });
}
