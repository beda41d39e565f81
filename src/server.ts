// The thin shell: config, listen with explicit timeouts, graceful close on SIGTERM/SIGINT.
import { buildApp } from './app.js';
import { ConfigError, describeIntegrations, loadConfig } from './config.js';
import { demoRoutes } from './demo/routes.js';
import { startDemo } from './demo/start-demo.js';
import { EnvFileError, loadEnvFile } from './env-file.js';
import { wantsPrettyLogs } from './logger.js';

/** A distinct exit code for "the port is taken" (EADDRINUSE is errno 98 on Linux), so scripts can tell it apart. */
const EXIT_PORT_IN_USE = 98;

async function main(): Promise<void> {
  let config;
  let envFile: string | null = null;
  // `npm run demo` passes --demo; set before .env is read, so the command line wins like any environment variable.
  if (process.argv.includes('--demo')) process.env.DEMO = 'on';
  try {
    envFile = loadEnvFile();
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof EnvFileError) {
      process.stderr.write(`m365-guide: configuration error (${err.code}): ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  // The demo's fake Zendesk must listen before the app is built: the Zendesk client is made with its address.
  const demo = config.demo ? await startDemo(config) : null;
  if (demo) config = demo.config;
  const app = await buildApp(
    { config },
    {
      // Zendesk times out after ~12 s, Slack after 3 s: nothing we serve should take longer than this.
      requestTimeout: 15_000,
      connectionTimeout: 20_000,
      keepAliveTimeout: 65_000,
      return503OnClosing: true,
      // Node enforces requestTimeout only when it sweeps its connections (every 30 s by default), so a slow-loris
      // body was cut after ~88 s, not 15 (issue 12). Sweep every 2 s.
      http: { connectionsCheckingInterval: 2_000, requestTimeout: 15_000, headersTimeout: 10_000 },
    },
    wantsPrettyLogs(config.logFormat, process.stdout.isTTY === true),
  );
  if (demo) await app.register(demoRoutes, { fake: demo.fake });
  if (envFile) app.log.info(`configuration read from ${envFile} (variables set in the environment win)`);
  app.log.info(describeIntegrations(config));
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down: finishing work in progress');
    const timer = setTimeout(() => process.exit(1), 30_000).unref();
    await app.close();
    await demo?.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`m365-guide: port ${config.port} on ${config.host} is already in use; set PORT to a free port (e.g. PORT=3001 npm start)\n`);
      await app.close().catch(() => undefined);
      await demo?.close().catch(() => undefined);
      process.exit(EXIT_PORT_IN_USE);
    }
    throw err;
  }
  app.log.info(`m365-guide is listening on ${address} — try it at ${address.replace('0.0.0.0', 'localhost')}/ , health at /healthz`);
  if (demo) {
    const accepted = await demo.seed(app);
    app.log.info(`demo: ${accepted} example tickets (examples/tickets.jsonl) opened in the fake Zendesk and delivered to the webhook; the worker is drafting them now`);
    app.log.info(demo.signIn(address));
    app.log.info(`demo: what the fake Zendesk received is at ${address.replace('0.0.0.0', 'localhost')}/demo/zendesk/writes`);
  }
}

main().catch((err) => {
  process.stderr.write(`m365-guide failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  // A DATA_DIR that cannot be used is a configuration error like any other (EX_CONFIG).
  process.exit((err as { code?: string }).code === 'store_config_invalid' ? 78 : 1);
});
