// The app of a Try it only process (TRY_IT=only): the Try it page, its assets and health, nothing else. Anonymous
// visitors' pastes cost CPU and memory (a reading, a 240 KiB page, the garbage both leave); in a process of their own,
// behind a proxy that routes `/` there (compose.yaml), none of it shares an event loop, a heap or a garbage collector
// with Zendesk's deliveries. Measured by `npm run bench -- try-it-load` (docs/performance.md).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppOptions } from './app.js';
import { reviewPlugin } from './review/plugin.js';

async function tryItOnly(app: FastifyInstance, opts: AppOptions): Promise<void> {
  const now = opts.now ?? (() => new Date());
  // No storage here: ready as soon as it listens. The proxy's health check and the container's HEALTHCHECK ask these.
  const health = { ok: true, tryIt: 'only' } as const;
  app.get('/healthz', async () => health);
  app.get('/readyz', async () => health);
  await app.register(reviewPlugin, { config: opts.config, store: null, now });
}

export const tryItApp = fp(tryItOnly, { name: 'm365-guide-try-it', fastify: '5.x' });
