// The server under load in the ingest bench, run as its own process so the load generator (autocannon, in the
// parent) does not share its event loop. `bare`: a Fastify JSON route and nothing else, the ceiling. `app`: the real
// app with background loops off, so only ingest is measured (verify, parse, dedupe, store, answer).
// Prints `READY <url>` on stderr when listening; logs (LOG_LEVEL, default info as in production) go to stdout.
import Fastify from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const mode = process.argv[2];

async function bare() {
  const app = Fastify({ logger: false });
  app.post('/webhooks/zendesk', async (req) => ({ ok: true, duplicate: false, bytes: JSON.stringify(req.body).length }));
  return app;
}

async function real() {
  // Opening PGlite and migrating can take longer than Fastify's 10 s plugin timeout on a busy machine.
  return buildApp({ config: loadConfig(process.env), background: false }, { pluginTimeout: 120_000 });
}

if (mode !== 'bare' && mode !== 'app') {
  process.stderr.write('usage: ingest-target.ts bare|app\n');
  process.exit(2);
}
const app = mode === 'bare' ? await bare() : await real();
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stderr.write(`READY ${url}\n`);
const stop = () => void app.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
