// Starting the server, as one function of what the process gives it (arguments, environment, working directory, a
// way to exit and to hear signals), so tests run it in-process and every branch of the start is measured. server.ts
// only hands it the real process. Config read once (a .env file first), listen with explicit timeouts, one line and
// a distinct exit code for each way the start can be refused, graceful close on SIGTERM/SIGINT.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, describeIntegrations, loadConfig, type Config } from './config.js';
import { demoRoutes } from './demo/routes.js';
import { startDemo } from './demo/start-demo.js';
import { EnvFileError, loadEnvFile } from './env-file.js';
import { wantsPrettyLogs } from './logger.js';

/** EX_CONFIG from sysexits.h: the configuration (a variable, ENV_FILE, DATA_DIR) is wrong. */
export const EXIT_CONFIG = 78;
/** A distinct exit code for "the port is taken" (EADDRINUSE is errno 98 on Linux), so scripts can tell it apart. */
export const EXIT_PORT_IN_USE = 98;
/** How long a graceful close may take before the process exits anyway (exit code 1). */
export const CLOSE_GRACE_MS = 30_000;

export interface ProcessIo {
  argv: readonly string[];
  /** The environment: the .env file's variables are added to it, then it is validated. */
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdoutIsTty: boolean;
  /** One line for a person (no newline). */
  stderr(line: string): void;
  exit(code: number): void;
  onSignal(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
}

export interface Started {
  app: FastifyInstance;
  address: string;
}

/** Why the start failed, as one line and an exit code. A DATA_DIR that cannot be used is a configuration error. */
export function startFailure(err: unknown): { code: number; line: string } {
  const code = (err as { code?: string } | null)?.code === 'store_config_invalid' ? EXIT_CONFIG : 1;
  return { code, line: `m365-guide failed to start: ${err instanceof Error ? err.message : String(err)}` };
}

/** Runs the server; resolves once it listens (null when the start was refused and `io.exit` was called). */
export async function runServer(io: ProcessIo): Promise<Started | null> {
  try {
    return await start(io);
  } catch (err) {
    const { code, line } = startFailure(err);
    io.stderr(line);
    io.exit(code);
    return null;
  }
}

async function start(io: ProcessIo): Promise<Started | null> {
  let config: Config;
  let envFile: string | null;
  // `npm run demo` passes --demo; set before .env is read, so the command line wins like any environment variable.
  if (io.argv.includes('--demo')) io.env.DEMO = 'on';
  try {
    envFile = loadEnvFile(io.env, io.cwd);
    config = loadConfig(io.env);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof EnvFileError) {
      io.stderr(`m365-guide: configuration error (${err.code}): ${err.message}`);
      io.exit(EXIT_CONFIG);
      return null;
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
    wantsPrettyLogs(config.logFormat, io.stdoutIsTty),
  );
  if (demo) await app.register(demoRoutes, { fake: demo.fake });
  if (envFile) app.log.info(`configuration read from ${envFile} (variables set in the environment win)`);
  app.log.info(describeIntegrations(config));
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down: finishing work in progress');
    const timer = setTimeout(() => io.exit(1), CLOSE_GRACE_MS).unref();
    await app.close();
    await demo?.close();
    clearTimeout(timer);
    io.exit(0);
  };
  io.onSignal('SIGTERM', () => void close('SIGTERM'));
  io.onSignal('SIGINT', () => void close('SIGINT'));
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    // Nothing started stays open: the data directory's lock and the demo's fake Zendesk are released before exiting.
    await app.close().catch(() => undefined);
    await demo?.close().catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.stderr(`m365-guide: port ${config.port} on ${config.host} is already in use; set PORT to a free port (e.g. PORT=3001 npm start)`);
      io.exit(EXIT_PORT_IN_USE);
      return null;
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
  return { app, address };
}
