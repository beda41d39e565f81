// Demo mode (DEMO=on, `npm run demo`): everything a helpdesk lead needs to try the product on one machine. A fake
// Zendesk in this process, throw-away embedded storage, and a sign-in whose password is generated for this run and
// stored only as an argon2 hash, like any review user's (never a fixed default password). server.ts starts it before
// building the app (the Zendesk client needs the fake's address), seeds it once the app listens, and closes it last.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { loadExampleTickets } from '../review/example-tickets.js';
import type { ReviewUser } from '../review/review-config.js';
import { DemoZendesk } from './fake-zendesk.js';
import { seedExamples } from './seed.js';

export const DEMO_LOGIN = 'demo';

export interface DemoParts {
  fakeUrl: string;
  email: string;
  token: string;
  webhookSecret: string;
  sessionSecret: string;
  user: ReviewUser;
  dataDir: string;
}

/** Pure: the configuration the demo runs with. Zendesk points at the fake, Slack and auto-send are off. */
export function demoConfig(base: Config, p: DemoParts): Config {
  return {
    ...base,
    dataDir: p.dataDir,
    databaseUrl: null,
    zendesk: {
      ...base.zendesk,
      api: { url: p.fakeUrl, email: p.email, token: p.token, timeoutMs: base.zendesk.api?.timeoutMs ?? 10_000 },
      webhookSecrets: [p.webhookSecret],
      // The fake loses no webhooks, so there is nothing to reconcile.
      reconcileIntervalS: 0,
    },
    autoSend: false,
    slack: null,
    zendeskApp: null,
    review: {
      ...base.review,
      users: [...base.review.users.filter((u) => u.login.toLowerCase() !== DEMO_LOGIN), p.user],
      sessionSecret: base.review.sessionSecret ?? p.sessionSecret,
      // Plain http on this machine: a Secure cookie would not come back to http://127.0.0.1.
      cookieSecure: false,
    },
  };
}

export interface Demo {
  config: Config;
  fake: DemoZendesk;
  /** Opens the example tickets in the fake and delivers their webhook events; resolves to how many were accepted. */
  seed(app: FastifyInstance): Promise<number>;
  /** The sign-in for the boot log: the login and this run's generated password. */
  signIn(address: string): string;
  close(): Promise<void>;
}

export async function startDemo(base: Config): Promise<Demo> {
  const dataDir = await mkdtemp(join(tmpdir(), 'm365-guide-demo-'));
  const fake = await new DemoZendesk().start();
  const agent = fake.addUser('Demo Agent', 'agent');
  const password = randomBytes(12).toString('base64url');
  const webhookSecret = randomBytes(32).toString('base64url');
  const user: ReviewUser = { login: DEMO_LOGIN, passwordHash: await hash(password), zendeskUserId: String(agent.id) };
  const config = demoConfig(base, {
    fakeUrl: fake.url,
    email: fake.email,
    token: fake.token,
    webhookSecret,
    sessionSecret: randomBytes(48).toString('base64url'),
    user,
    dataDir,
  });
  return {
    config,
    fake,
    seed: (app) => seedExamples(app, fake, agent.id, webhookSecret, loadExampleTickets()),
    signIn: (address) =>
      `demo sign-in: open ${address.replace('0.0.0.0', 'localhost')}/queue and sign in with the login ${DEMO_LOGIN} and the password ${password} (made for this run only; approved replies are posted as ${agent.name} in the fake Zendesk)`,
    async close() {
      await fake.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
