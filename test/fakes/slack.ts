// A loopback stand-in for the Slack Web API and for response_url endpoints: real HTTP, Slack's JSON shapes
// ({ ok: true, … } / { ok: false, error }), Bearer token auth, and the rules Slack documents that our code must live
// with: Block Kit limits (invalid_blocks), granted scopes (missing_scope, x-oauth-scopes), channel membership
// (channel_not_found, not_in_channel, is_archived), the bot token (invalid_auth), trigger ids that expire after 3 s
// and work once, response_urls that work 5 times in 30 minutes, message metadata read back with
// conversations.history. Scripted failures: 429 with Retry-After, platform errors (optionally after the write took
// effect), 5xx, a dropped connection (optionally after the write), slow answers on an injectable clock or held until
// the test lets them go, hangs. It records every call, so tests assert on what arrived.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { closeServer, listenLoopback } from './loopback.js';
import { blockKitProblems } from './slack-blocks.js';

export interface SlackCall {
  method: string;
  args: Record<string, any>;
  at: number;
}
export interface ResponseUrlPost {
  name: string;
  body: any;
  at: number;
}
export type SlackFailure =
  /** HTTP 429 with Retry-After (seconds): https://docs.slack.dev/apis/web-api/rate-limits ("HTTP 429 Too Many Requests"). */
  | { status: 429; retryAfter: number }
  /**
   * HTTP 200 with ok:false and this error; `retryAfter` adds the header (chat.postMessage's `ratelimited`: "Refer to
   * the Retry-After header"); `apply` makes the write happen first (fatal_error, internal_error: "it's possible some
   * aspect of the operation succeeded"). https://docs.slack.dev/reference/methods/chat.postMessage#errors
   */
  | { error: string; retryAfter?: number; apply?: boolean }
  /** Another HTTP status with a body that is not Slack's JSON (a 503 from Slack's edge while it is down). */
  | { status: number; body?: string }
  | { hangMs: number }
  /** Answers normally, but Slack's clock moves on by delayMs first: a slow answer without real waiting. */
  | { delayMs: number }
  /**
   * The connection closes without an answer (a network failure, not an API error); with `apply` the call took effect
   * first, so only the answer is lost, as chat.postMessage#errors warns can happen.
   */
  | { drop: true; apply?: boolean }
  /** Answers normally, but only once `until` settles: a Slack that is slow for as long as the test needs. */
  | { until: Promise<unknown> };

export interface FakeSlackUser {
  id: string;
  name: string;
  email?: string;
}

export interface FakeMessage {
  ts: string;
  text?: string;
  blocks?: any[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  bot_id: string;
}

export interface FakeChannel {
  id: string;
  isPrivate: boolean;
  botMember: boolean;
  /** An archived channel takes no new messages (chat.postMessage: is_archived). */
  isArchived: boolean;
  messages: FakeMessage[];
}

/** The clock trigger ids and response_urls age by; tests share theirs so nothing waits in real time. */
export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

const BOT_ID = 'BBOT';
const BOT_USER = 'UBOT';

// The scopes a workspace grants when the app is installed from our manifest.
const MANIFEST_SCOPES = [...readFileSync(new URL('../../slack-manifest.yaml', import.meta.url), 'utf8').matchAll(/^\s+- ([a-z.:_]+)\s+#/gm)].map((m) => m[1]!);

// Required bot scopes per method, from each method's page (https://docs.slack.dev/reference/methods/<method>).
// conversations.history needs channels:history (public) or groups:history (private); auth.test and views.* none.
const METHOD_SCOPES: Record<string, (ch: FakeChannel | undefined) => string | null> = {
  'chat.postMessage': () => 'chat:write',
  'chat.update': () => 'chat:write',
  'chat.postEphemeral': () => 'chat:write',
  'users.info': () => 'users:read',
  'usergroups.users.list': () => 'usergroups:read',
  'conversations.history': (ch) => (ch?.isPrivate ? 'groups:history' : 'channels:history'),
};

// https://docs.slack.dev/interactivity/handling-user-interaction: "trigger_id … expires in 3 seconds" and may be
// used once; "response_url … up to 5 times within 30 minutes".
export const TRIGGER_TTL_MS = 3000;
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

const realClock = (): FakeClock => {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
};

export class FakeSlack {
  readonly token: string;
  readonly calls: SlackCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  readonly groups = new Map<string, string[]>();
  readonly channels = new Map<string, FakeChannel>();
  readonly scopes = new Set<string>(MANIFEST_SCOPES);
  readonly views = new Map<string, any>();
  private triggers = new Map<string, { issuedAt: number; used: boolean }>();
  private responseUrls = new Map<string, { issuedAt: number; uses: number }>();
  private failures: Array<{ method: string; failure: SlackFailure }> = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  private ts = 1_700_000_000_000;
  private seq = 0;
  clock: FakeClock = realClock();
  url = '';
  /**
   * The bot token Slack accepts now: the app's token (`token`) unless a test revokes it (the app reinstalled, the
   * token rotated), when every call answers invalid_auth.
   */
  acceptedToken: string;

  constructor(token = 'xoxb-test') {
    this.token = token;
    this.acceptedToken = token;
  }

  /** SLACK_API_URL for the app under test. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async start(): Promise<this> {
    this.url = await listenLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  useClock(clock: FakeClock): void {
    this.clock = clock;
  }

  addUser(u: FakeSlackUser): FakeSlackUser {
    this.users.set(u.id, u);
    return u;
  }

  setGroup(id: string, members: string[]): void {
    this.groups.set(id, members);
  }

  /** A channel; the bot is a member unless said otherwise (an admin must /invite it). */
  addChannel(id: string, o: { botMember?: boolean; isPrivate?: boolean; isArchived?: boolean } = {}): FakeChannel {
    const existing = this.channels.get(id);
    if (existing) {
      if (o.botMember !== undefined) existing.botMember = o.botMember;
      if (o.isArchived !== undefined) existing.isArchived = o.isArchived;
      return existing;
    }
    const ch: FakeChannel = { id, isPrivate: o.isPrivate ?? false, botMember: o.botMember ?? true, isArchived: o.isArchived ?? false, messages: [] };
    this.channels.set(id, ch);
    return ch;
  }

  /** A message the bot posted earlier (e.g. a duplicate card from a lost answer), straight into the channel. */
  postAsBot(channel: string, m: Omit<FakeMessage, 'ts' | 'bot_id'>): FakeMessage {
    const msg: FakeMessage = { ...m, ts: this.nextTs(), bot_id: BOT_ID };
    this.addChannel(channel).messages.push(msg);
    return msg;
  }

  /** A trigger_id as Slack puts in an interaction payload, issued now on the fake's clock. */
  trigger(): string {
    const id = `${++this.seq}.${this.clock.now()}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.clock.now(), used: false });
    return id;
  }

  /** The next `times` calls of `method` fail as scripted. */
  failNext(method: string, failure: SlackFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, failure });
  }

  /** A response_url that records what is posted to it, under `name`; it starts aging when first handed out. */
  responseUrl(name: string): string {
    if (!this.responseUrls.has(name)) this.responseUrls.set(name, { issuedAt: this.clock.now(), uses: 0 });
    return `${this.url}/response/${encodeURIComponent(name)}`;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(name: string): any[] {
    return this.responses.filter((r) => r.name === name).map((r) => r.body);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures = [];
  }

  private nextTs(): string {
    this.ts += 1000;
    return `${Math.floor(this.ts / 1000)}.${String(this.ts % 1_000_000).padStart(6, '0')}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // Every Web API answer names the token's scopes: https://docs.slack.dev/authentication/tokens ("x-oauth-scopes").
    const scopeHeader = { 'x-oauth-scopes': [...this.scopes].join(',') };
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...scopeHeader, ...headers });
      res.end(JSON.stringify(json));
    };

    if (path.startsWith('/response/')) return this.responseUrlPost(decodeURIComponent(path.slice('/response/'.length)), raw, res);
    if (!path.startsWith('/api/')) return send(404, { ok: false, error: 'unknown_path' });
    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type']);
    this.calls.push({ method, args, at: this.clock.now() });
    // "invalid_auth: Some aspect of authentication cannot be validated. Either the provided token is invalid …"
    // (HTTP 200, like every platform error). https://docs.slack.dev/reference/methods/chat.postMessage#errors
    if (req.headers.authorization !== `Bearer ${this.acceptedToken}`) return send(200, { ok: false, error: 'invalid_auth' });

    let applyThenFail: { error: string; retryAfter?: number } | null = null;
    let applyThenDrop = false;
    const idx = this.failures.findIndex((f) => f.method === method);
    if (idx >= 0) {
      const { failure } = this.failures.splice(idx, 1)[0]!;
      if ('hangMs' in failure) {
        await new Promise((r) => setTimeout(r, failure.hangMs));
        if (!res.destroyed) send(200, { ok: false, error: 'request_timeout' });
        return;
      }
      if ('drop' in failure && !failure.apply) {
        req.socket.destroy();
        return;
      }
      if ('drop' in failure) applyThenDrop = true;
      else if ('until' in failure) await failure.until.catch(() => undefined);
      else if ('delayMs' in failure) this.clock.advance(failure.delayMs);
      else if ('error' in failure && failure.apply) applyThenFail = failure;
      else if ('error' in failure) return send(200, { ok: false, error: failure.error }, failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {});
      else if (failure.status === 429 && 'retryAfter' in failure) return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      else {
        res.writeHead(failure.status, { 'content-type': 'text/plain' });
        res.end('body' in failure && failure.body ? failure.body : 'error');
        return;
      }
    }

    const channel = typeof args.channel === 'string' ? this.channels.get(args.channel) : undefined;
    const needed = METHOD_SCOPES[method]?.(channel) ?? null;
    // https://docs.slack.dev/reference/methods/chat.postMessage#errors (and every method): missing_scope.
    if (needed && !this.scopes.has(needed)) return send(200, { ok: false, error: 'missing_scope', needed, provided: [...this.scopes].join(',') });

    const answer = this.route(method, args, channel);
    if (applyThenDrop) {
      req.socket.destroy();
      return;
    }
    if (applyThenFail) {
      // fatal_error / internal_error: "It's possible some aspect of the operation succeeded" (chat.postMessage#errors).
      return send(200, { ok: false, error: applyThenFail.error }, applyThenFail.retryAfter !== undefined ? { 'retry-after': String(applyThenFail.retryAfter) } : {});
    }
    return send(200, answer);
  }

  private route(method: string, args: Record<string, any>, channel: FakeChannel | undefined): Record<string, unknown> {
    const fail = (error: string, extra: Record<string, unknown> = {}) => ({ ok: false, error, ...extra });
    // https://docs.slack.dev/reference/methods/chat.postMessage#errors: channel_not_found, not_in_channel.
    const channelProblem = () => (!channel ? fail('channel_not_found') : !channel.botMember ? fail('not_in_channel') : null);
    const blocksProblem = (blocks: unknown, surface: 'message' | 'modal' = 'message') => {
      const problems = blockKitProblems(blocks, surface);
      return problems.length ? fail(surface === 'modal' ? 'invalid_arguments' : 'invalid_blocks', { response_metadata: { messages: problems } }) : null;
    };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'm365-guide', team_id: 'T0001', user_id: BOT_USER, bot_id: BOT_ID };
      case 'chat.postMessage': {
        // https://docs.slack.dev/reference/methods/chat.postMessage#errors: "is_archived: Channel has been archived."
        const bad = channelProblem() ?? (channel!.isArchived ? fail('is_archived') : null) ?? blocksProblem(args.blocks);
        if (bad) return bad;
        if (!args.text && !args.blocks) return fail('no_text');
        // https://docs.slack.dev/reference/methods/chat.postMessage#arg_metadata: event_type + event_payload.
        const metadata = args.metadata && typeof args.metadata === 'object' ? args.metadata : undefined;
        const msg = this.postAsBot(channel!.id, { text: args.text, blocks: args.blocks, ...(metadata ? { metadata } : {}) });
        return { ok: true, channel: channel!.id, ts: msg.ts, message: { type: 'message', bot_id: BOT_ID, text: msg.text, ts: msg.ts, blocks: msg.blocks } };
      }
      case 'chat.update': {
        // https://docs.slack.dev/reference/methods/chat.update#errors: message_not_found, channel_not_found.
        if (!channel) return fail('channel_not_found');
        const msg = channel.messages.find((m) => m.ts === args.ts);
        if (!msg) return fail('message_not_found');
        const bad = blocksProblem(args.blocks);
        if (bad) return bad;
        msg.text = args.text;
        msg.blocks = args.blocks;
        return { ok: true, channel: channel.id, ts: msg.ts, text: args.text, message: { text: args.text, blocks: args.blocks } };
      }
      case 'chat.postEphemeral':
        return blocksProblem(args.blocks) ?? { ok: true, message_ts: this.nextTs() };
      case 'conversations.history': {
        // https://docs.slack.dev/reference/methods/conversations.history: newest first; metadata only with
        // include_all_metadata; a bot must be in the channel (not_in_channel).
        const bad = channelProblem();
        if (bad) return bad;
        const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
        const oldest = Number(args.oldest ?? 0);
        const limit = Math.min(Number(args.limit ?? 100) || 100, 999);
        const messages = [...channel!.messages]
          .filter((m) => Number(m.ts) >= oldest)
          .reverse()
          .slice(0, limit)
          .map(({ metadata, ...m }) => ({ type: 'message', ...m, ...(withMeta && metadata ? { metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case 'views.open': {
        const t = this.triggers.get(String(args.trigger_id ?? ''));
        // https://docs.slack.dev/reference/methods/views.open#errors: invalid_trigger_id, expired_trigger_id,
        // exchanged_trigger_id.
        if (!t) return fail('invalid_trigger_id');
        if (t.used) return fail('exchanged_trigger_id');
        if (this.clock.now() - t.issuedAt > TRIGGER_TTL_MS) return fail('expired_trigger_id');
        const bad = blocksProblem(args.view?.blocks, 'modal');
        if (bad) return bad;
        t.used = true;
        const id = `V${++this.seq}`;
        this.views.set(id, args.view);
        return { ok: true, view: { id, ...(args.view ?? {}) } };
      }
      case 'views.update': {
        // https://docs.slack.dev/reference/methods/views.update: by view_id; not_found otherwise.
        if (!this.views.has(String(args.view_id))) return fail('not_found');
        const bad = blocksProblem(args.view?.blocks, 'modal');
        if (bad) return bad;
        this.views.set(String(args.view_id), args.view);
        return { ok: true, view: { id: args.view_id, ...(args.view ?? {}) } };
      }
      case 'users.info': {
        const u = this.users.get(String(args.user));
        if (!u) return fail('user_not_found');
        // "The users:read.email OAuth scope is now required to access the email field in user objects returned by
        // the users.list and users.info web API methods." https://api.slack.com/scopes/users:read.email
        const email = u.email && this.scopes.has('users:read.email') ? { email: u.email } : {};
        return { ok: true, user: { id: u.id, name: u.name, profile: { real_name: u.name, ...email } } };
      }
      case 'usergroups.users.list': {
        const members = this.groups.get(String(args.usergroup));
        if (!members) return fail('no_such_subteam');
        return { ok: true, users: members };
      }
      default:
        return fail('unknown_method');
    }
  }

  private responseUrlPost(name: string, raw: string, res: http.ServerResponse): void {
    let body: any = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      /* recorded as text */
    }
    const text = (status: number, t: string) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(t);
    };
    const url = this.responseUrls.get(name);
    if (!url) return text(404, 'no_such_url');
    // https://docs.slack.dev/interactivity/handling-user-interaction#message_responses: 5 uses in 30 minutes.
    // Slack documents the limits, not the refusal's wording; the fake answers 404 with a reason.
    if (this.clock.now() - url.issuedAt > RESPONSE_URL_TTL_MS) return text(404, 'expired_url');
    if (url.uses >= RESPONSE_URL_USES) return text(404, 'used_url');
    if (body && typeof body === 'object' && blockKitProblems(body.blocks).length) return text(400, 'invalid_blocks');
    url.uses++;
    this.responses.push({ name, body, at: this.clock.now() });
    text(200, 'ok');
  }
}

/** @slack/web-api sends form fields, with objects and arrays as JSON strings; accept JSON bodies too. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if ((contentType ?? '').includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, any>;
    } catch {
      return {};
    }
  }
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
