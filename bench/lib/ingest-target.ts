// The server under load in the ingest bench, run as its own process so the load generator (autocannon, in the
// parent) does not share its event loop. `bare`: a Fastify JSON route and nothing else, the ceiling. `app`: the real
// app with background loops off, so only ingest is measured (verify, parse, dedupe, store, answer). `app-unstored`:
// the same app whose event insert only remembers the key in memory: not something we ship (a 200 would not mean
// stored), it shows how much of the gap to `bare` is the HTTP work and how much the database write.
// Prints `READY <url>` on stderr when listening; logs (LOG_LEVEL, default info as in production) go to stdout.
import Fastify from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/store/open-store.js';

const mode = process.argv[2];

async function bare() {
  const app = Fastify({ logger: false });
  app.post('/webhooks/zendesk', async (req) => ({ ok: true, duplicate: false, bytes: JSON.stringify(req.body).length }));
  return app;
}

async function real(unstored: boolean) {
  const config = loadConfig(process.env);
  const store = unstored ? await openStore({ dataDir: config.dataDir }) : undefined;
  if (store) {
    const seen = new Set<string>();
    store.insertEvent = async (e) => !seen.has(e.key) && Boolean(seen.add(e.key));
  }
  // Opening PGlite and migrating can take longer than Fastify's 10 s plugin timeout on a busy machine.
  return buildApp({ config, background: false, ...(store ? { store } : {}) }, { pluginTimeout: 120_000 });
}

if (mode !== 'bare' && mode !== 'app' && mode !== 'app-unstored') {
  process.stderr.write('usage: ingest-target.ts bare|app|app-unstored\n');
  process.exit(2);
}
const app = mode === 'bare' ? await bare() : await real(mode === 'app-unstored');
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stderr.write(`READY ${url}\n`);
const stop = () => void app.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
