// One typed configuration object, validated once at boot from the environment (env is injectable for tests).
// No integration has an insecure default secret: without its secret an integration is simply off.
import { z } from 'zod';
import { AUTO_SEND_EARNED, AUTO_SEND_NOT_EARNED_REASON } from './classify/auto-send-earned.js';
import { BRANCHES } from './classify/types.js';
import { loadReviewConfig, type ReviewConfig } from './review/review-config.js';
import { loadZendeskAppConfig, type ZendeskAppConfig } from './zendesk-app/app-config.js';

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
const triageEntry = z
  .object({ priority: z.enum(PRIORITIES).optional(), groupId: z.number().int().positive().optional() })
  .strict();
const triageMap = z
  .object(Object.fromEntries([...BRANCHES, 'default'].map((b) => [b, triageEntry.optional()])))
  .strict();
export type TriageRule = z.infer<typeof triageEntry>;
export type TriageMap = Partial<Record<(typeof BRANCHES)[number] | 'default', TriageRule>>;

const csv = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const tag = /^[a-z0-9_\-:]{1,80}$/;

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6 = /^[0-9a-f:]+(\/\d{1,3})?$/i;

/** TRUST_PROXY: unset or "false" → trust nobody; "1".."10" → that many proxy hops; else a list of addresses/CIDRs. */
function parseTrustProxy(v: string | undefined): false | number | string[] {
  const s = v?.trim();
  if (!s || s === 'false') return false;
  if (/^\d+$/.test(s)) {
    const hops = Number(s);
    if (hops < 1 || hops > 10) throw new ConfigError('TRUST_PROXY', 'a hop count must be 1 to 10 (the number of proxies in front of the service)');
    return hops;
  }
  const list = s.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = list.find((x) => !IPV4.test(x) && !(x.includes(':') && IPV6.test(x)) && x !== 'loopback' && x !== 'linklocal' && x !== 'uniquelocal');
  if (!list.length || bad !== undefined) {
    throw new ConfigError('TRUST_PROXY', `must be a hop count (e.g. 1) or the proxies' addresses/CIDRs, comma-separated (e.g. 10.0.0.2,172.18.0.0/16); "${bad ?? s}" is neither`);
  }
  return list;
}

// Each entry: variable name → parser that returns the value or throws a message a person can act on.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().optional(),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty'], { message: "must be 'auto', 'json' or 'pretty'" }).default('auto'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  ZENDESK_URL: z
    .url({ protocol: /^https?$/, message: 'must be a URL such as https://acme.zendesk.com' })
    .optional(),
  ZENDESK_EMAIL: z.email('must be the e-mail address of the Zendesk API user').optional(),
  ZENDESK_API_TOKEN: z.string().min(8, 'looks too short for a Zendesk API token').optional(),
  ZENDESK_WEBHOOK_SECRET: z.string().optional(),
  ZENDESK_APPROVE_TAG: z.string().regex(tag, 'must be a Zendesk tag (lower case, no spaces)').default('m365_approve'),
  ZENDESK_REJECT_TAG: z.string().regex(tag, 'must be a Zendesk tag (lower case, no spaces)').default('m365_reject'),
  ZENDESK_FIX_TAG_PREFIX: z.string().regex(/^[a-z0-9_\-:]{1,60}$/, 'must be the start of a Zendesk tag (lower case, no spaces), e.g. m365_fix_').default('m365_fix_'),
  LABEL_RETENTION_DAYS: z.coerce.number().int().min(0, 'must be 0 (keep no ticket text) or more days').max(36_500).default(365),
  ZENDESK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  RECONCILE_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(300),
  TRIAGE_MAP: z.string().optional(),
  AUTO_SEND: z.enum(['on', 'off'], { message: "must be 'on' or 'off'" }).default('off'),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(20),
  WORKER_POLL_MS: z.coerce.number().int().min(5).max(60_000).default(250),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  OVERLOAD_MAX_RSS_MB: z.coerce.number().int().min(0).max(1_000_000).default(0),
  WORKER_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  TRY_IT_READINGS_PER_SECOND: z.coerce.number().min(0.1, 'must be at least 0.1 (one reading every ten seconds)').max(1000).default(2),
  TRY_IT_NICE: z.coerce.number().int().min(0, 'must be 0 to 19').max(19, 'must be 0 to 19').default(19),
  TRY_IT: z.enum(['here', 'off', 'only'], { message: "must be 'here' (this process serves Try it), 'off' (another process does) or 'only' (this process serves nothing else)" }).default('here'),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xox[a-z]-/, 'must be a Slack bot token (xoxb-…)').optional(),
  SLACK_REVIEW_CHANNEL: z.string().optional(),
  SLACK_APPROVERS: z.string().optional(),
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_USER_MAP: z.string().optional(),
  DEMO: z.enum(['on', 'off'], { message: "must be 'on' or 'off'" }).default('off'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be the public address of this service, such as https://m365-guide.example.com' }).optional(),
});

export interface Config {
  port: number;
  host: string;
  logLevel: string;
  /**
   * Fastify's trustProxy: false (clients connect directly), a hop count, or the proxies' addresses/CIDRs. Behind a
   * reverse proxy without it every client has the proxy's address, so one client's sign-in limit hits everyone.
   */
  trustProxy: false | number | string[];
  /** `auto`: readable lines when stdout is a terminal, JSON otherwise (decided by the server shell, which knows). */
  logFormat: 'auto' | 'json' | 'pretty';
  dataDir: string;
  databaseUrl: string | null;
  zendesk: {
    /** API calls possible (URL + e-mail + token). */
    api: { url: string; email: string; token: string; timeoutMs: number } | null;
    /** Webhook route on (at least one signing secret). */
    webhookSecrets: string[];
    approveTag: string;
    rejectTag: string;
    /** `<prefix><branch>` (branch with _ for -) corrects the reading, e.g. m365_fix_hybrid. */
    fixTagPrefix: string;
    reconcileIntervalS: number;
  };
  /** Labels from agents' decisions: how many days their ticket text is kept (0 = none). */
  labels: { retentionDays: number };
  triage: TriageMap;
  autoSend: boolean;
  adminToken: string | null;
  /**
   * Demo mode (DEMO=on, `npm run demo`): a built-in fake Zendesk and temporary storage, filled from the example
   * tickets at boot (src/demo/). loadConfig only validates it; the demo wires itself in before the app is built.
   */
  demo: boolean;
  /** The service's public address (Slack request URLs, review links in cards, `doctor`), without a trailing slash. */
  publicUrl: string | null;
  outboxMaxAttempts: number;
  workerPollMs: number;
  overload: { maxEventLoopDelayMs: number; maxRssBytes: number };
  /** How long a claimed event or outbox row stays with an instance before another may take it over. */
  workerLeaseMs: number;
  /** Review pages: users, session secret, cookie flags (validated in review/review-config.ts). */
  review: ReviewConfig;
  /** Try it's readings a second for all visitors together (review/try-it-budget.ts); bursts of twice that. */
  tryItReadingsPerSecond: number;
  /** Added to the nice value of Try it's worker thread (0–19; 19, the lowest priority, by default). */
  tryItNice: number;
  /**
   * Where Try it runs (TRY_IT): `here` in this process beside everything else; `only`: this process serves Try it
   * and nothing else (no store, webhook, Slack or queue), so a reverse proxy can route `/` to it and anonymous
   * visitors never share an event loop with Zendesk's deliveries; `off`: another process serves it.
   */
  tryIt: 'here' | 'off' | 'only';
  /** The Zendesk sidebar app (validated in zendesk-app/app-config.ts); null when off. */
  zendeskApp: ZendeskAppConfig | null;
  slack: {
    signingSecret: string;
    botToken: string;
    reviewChannel: string | null;
    approvers: string[];
    apiUrl: string;
    /** Slack user id → Zendesk user id (authors the public reply); others are looked up by e-mail. */
    userMap: Record<string, string>;
  } | null;
}

function parseJsonVar<T>(name: string, raw: string | undefined, parse: (v: unknown) => T, empty: T): T {
  if (raw === undefined || raw.trim() === '') return empty;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, 'is not valid JSON');
  }
  try {
    return parse(value);
  } catch (err) {
    const detail = err instanceof z.ZodError ? z.prettifyError(err).replace(/\s+/g, ' ') : String(err);
    throw new ConfigError(name, detail);
  }
}

// Anything that would reach a real system (a Zendesk account, a Slack workspace, a shared database) must not be
// mixed with demo data: the demo's replies go to its own fake Zendesk, and its drafts to throw-away storage.
const NOT_WITH_DEMO = [
  'ZENDESK_URL',
  'ZENDESK_EMAIL',
  'ZENDESK_API_TOKEN',
  'ZENDESK_WEBHOOK_SECRET',
  'DATABASE_URL',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'ZENDESK_APP_PUBLIC_KEY',
  'ZENDESK_APP_INSTALLATION_ID',
] as const;

function refuseRealIntegrationsInDemo(env: Record<string, string | undefined>): void {
  const set = NOT_WITH_DEMO.filter((name) => env[name] !== undefined);
  if (set.length === 0) return;
  throw new ConfigError(
    'DEMO',
    `'on' cannot be combined with ${set.join(', ')}: the demo talks only to its built-in fake Zendesk and keeps its data in a temporary folder. Unset ${set.length === 1 ? 'it' : 'them'} (in the environment or .env) to try the demo, or unset DEMO to run against your real systems.`,
  );
}

/** Validates the environment; throws ConfigError naming the first wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset: `FOO=` in a compose file should not be a validation error.
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;
  if (e.DEMO === 'on') refuseRealIntegrationsInDemo(clean);
  if (e.DEMO === 'on' && e.TRY_IT !== 'here') {
    throw new ConfigError('TRY_IT', "must be 'here' in the demo: the demo is one process with everything in it");
  }

  const zdParts = [e.ZENDESK_URL, e.ZENDESK_EMAIL, e.ZENDESK_API_TOKEN];
  if (zdParts.some(Boolean) && !zdParts.every(Boolean)) {
    const missing = ['ZENDESK_URL', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN'].filter((_, i) => !zdParts[i]);
    throw new ConfigError(missing[0]!, `is required when any of ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN is set`);
  }
  const secrets = csv(e.ZENDESK_WEBHOOK_SECRET);
  // "," or " , " is a typo, not "webhook off": refuse it rather than start with the door silently shut.
  if (e.ZENDESK_WEBHOOK_SECRET !== undefined && e.ZENDESK_WEBHOOK_SECRET.trim() !== '' && secrets.length === 0) {
    throw new ConfigError('ZENDESK_WEBHOOK_SECRET', 'holds only commas; set the signing secret (comma-separated for rotation) or leave it unset');
  }
  const badApprover = csv(e.SLACK_APPROVERS).find((id) => !/^[UWS][A-Z0-9]{2,20}$/.test(id));
  if (badApprover !== undefined) {
    throw new ConfigError('SLACK_APPROVERS', `"${badApprover.slice(0, 40)}" is not a Slack user id (U…/W…) or user-group id (S…); copy ids from the member's or group's profile`);
  }
  if (secrets.some((s) => s.length < 16)) {
    throw new ConfigError('ZENDESK_WEBHOOK_SECRET', 'each secret must be at least 16 characters (comma-separated for rotation)');
  }
  if (secrets.length > 0 && !e.ZENDESK_URL) {
    throw new ConfigError('ZENDESK_URL', 'is required when ZENDESK_WEBHOOK_SECRET is set (the worker must read tickets)');
  }
  if (e.ZENDESK_APPROVE_TAG === e.ZENDESK_REJECT_TAG) {
    throw new ConfigError('ZENDESK_REJECT_TAG', 'must differ from ZENDESK_APPROVE_TAG');
  }
  for (const [name, t] of [['ZENDESK_APPROVE_TAG', e.ZENDESK_APPROVE_TAG], ['ZENDESK_REJECT_TAG', e.ZENDESK_REJECT_TAG]] as const) {
    if (t.startsWith(e.ZENDESK_FIX_TAG_PREFIX)) throw new ConfigError('ZENDESK_FIX_TAG_PREFIX', `must not be the start of ${name} (${t})`);
  }
  // Earned on data or not at all; AUTO_SEND_UNEARNED=allow exists for tests and trials against a staging Zendesk.
  if (e.AUTO_SEND === 'on' && !AUTO_SEND_EARNED && env.AUTO_SEND_UNEARNED !== 'allow') {
    throw new ConfigError('AUTO_SEND', `'on' is refused: ${AUTO_SEND_NOT_EARNED_REASON}`);
  }
  if (e.AUTO_SEND === 'on' && !e.ZENDESK_URL) {
    throw new ConfigError('AUTO_SEND', "'on' needs the Zendesk integration (ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN)");
  }
  const slackParts = [e.SLACK_SIGNING_SECRET, e.SLACK_BOT_TOKEN];
  if (slackParts.some(Boolean) && !slackParts.every(Boolean)) {
    throw new ConfigError(e.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET', 'is required when the other Slack secret is set');
  }

  const triage = parseJsonVar('TRIAGE_MAP', e.TRIAGE_MAP, (v) => triageMap.parse(v) as TriageMap, {});
  const userMap = parseJsonVar(
    'SLACK_USER_MAP',
    e.SLACK_USER_MAP,
    (v) => z.record(z.string().regex(/^[UW][A-Z0-9]+$/), z.string().regex(/^\d+$/)).parse(v),
    {},
  );

  const review = loadReviewConfig(env);
  const zendeskApp = loadZendeskAppConfig(env, e.ZENDESK_URL ?? null);

  return {
    port: e.PORT,
    // The demo listens on this machine only unless HOST says otherwise (a container needs HOST=0.0.0.0).
    host: e.DEMO === 'on' && clean.HOST === undefined ? '127.0.0.1' : e.HOST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? null,
    zendesk: {
      api:
        e.ZENDESK_URL && e.ZENDESK_EMAIL && e.ZENDESK_API_TOKEN
          ? { url: e.ZENDESK_URL.replace(/\/+$/, ''), email: e.ZENDESK_EMAIL, token: e.ZENDESK_API_TOKEN, timeoutMs: e.ZENDESK_TIMEOUT_MS }
          : null,
      webhookSecrets: secrets,
      approveTag: e.ZENDESK_APPROVE_TAG,
      rejectTag: e.ZENDESK_REJECT_TAG,
      fixTagPrefix: e.ZENDESK_FIX_TAG_PREFIX,
      reconcileIntervalS: e.RECONCILE_INTERVAL_S,
    },
    labels: { retentionDays: e.LABEL_RETENTION_DAYS },
    triage,
    autoSend: e.AUTO_SEND === 'on',
    adminToken: e.ADMIN_TOKEN ?? null,
    demo: e.DEMO === 'on',
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    workerPollMs: e.WORKER_POLL_MS,
    workerLeaseMs: e.WORKER_LEASE_MS,
    overload: { maxEventLoopDelayMs: e.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS, maxRssBytes: e.OVERLOAD_MAX_RSS_MB * 1024 * 1024 },
    review,
    tryItReadingsPerSecond: e.TRY_IT_READINGS_PER_SECOND,
    tryItNice: e.TRY_IT_NICE,
    tryIt: e.TRY_IT,
    zendeskApp,
    slack:
      e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
        ? {
            signingSecret: e.SLACK_SIGNING_SECRET,
            botToken: e.SLACK_BOT_TOKEN,
            reviewChannel: e.SLACK_REVIEW_CHANNEL ?? null,
            approvers: csv(e.SLACK_APPROVERS),
            apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : e.SLACK_API_URL + '/',
            userMap,
          }
        : null,
  };
}

/** One line for the boot log: which integrations are on, and which variable turns each one on. */
export function describeIntegrations(c: Config): string {
  if (c.demo) {
    return `demo: Zendesk is a built-in fake at ${c.zendesk.api?.url ?? '(not started)'} (nothing leaves this machine); storage=embedded, temporary (${c.dataDir}, deleted on exit); slack=off; auto-send=off`;
  }
  if (c.tryIt === 'only') {
    return `try-it only (TRY_IT=only): this process serves Try it at / and nothing else; no storage, webhook, Slack, queue or admin API here; review-sign-in=${c.review.users.length ? 'shown (sessions from REVIEW_SESSION_SECRET)' : 'off'}`;
  }
  const parts = [
    `storage=${c.databaseUrl ? 'postgresql (DATABASE_URL)' : `embedded (DATA_DIR=${c.dataDir})`}`,
    `zendesk-api=${c.zendesk.api ? 'on' : 'off (set ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN)'}`,
    `zendesk-webhook=${c.zendesk.webhookSecrets.length ? `on (${c.zendesk.webhookSecrets.length} secret(s))` : 'off (set ZENDESK_WEBHOOK_SECRET)'}`,
    `reconcile=${c.zendesk.api && c.zendesk.reconcileIntervalS > 0 ? `every ${c.zendesk.reconcileIntervalS}s` : 'off (needs the Zendesk API; RECONCILE_INTERVAL_S)'}`,
    `auto-send=${c.autoSend ? 'on (AUTO_SEND)' : 'off (AUTO_SEND=on to enable)'}`,
    `slack=${c.slack ? 'on' : 'off (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN)'}`,
    `review-sign-in=${c.review.users.length ? `on (${c.review.users.length} user(s))` : 'off, try-it only (set REVIEW_USERS and REVIEW_SESSION_SECRET)'}`,
    `zendesk-app=${c.zendeskApp ? `on (installation ${c.zendeskApp.installationId})` : 'off (set ZENDESK_APP_PUBLIC_KEY, ZENDESK_APP_INSTALLATION_ID, ZENDESK_APP_SESSION_SECRET)'}`,
    `admin-api=${c.adminToken ? 'on' : 'off (set ADMIN_TOKEN)'}`,
    `try-it=${c.tryIt === 'here' ? 'here' : 'off (TRY_IT=off: another process serves it)'}`,
  ];
  return `integrations: ${parts.join('; ')}`;
}
