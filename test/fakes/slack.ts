// A loopback stand-in for the Slack Web API and for response_url endpoints: real HTTP, Slack's JSON shapes
// ({ ok: true, … } / { ok: false, error }), Bearer token auth, scripted failures (429 with Retry-After, platform
// errors, hangs). It records every call, so tests assert on what arrived.
import http from 'node:http';
import { closeServer, listenLoopback } from './loopback.js';

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
export type SlackFailure = { status: 429; retryAfter: number } | { error: string } | { status: number; body?: string } | { hangMs: number };

export interface FakeSlackUser {
  id: string;
  name: string;
  email?: string;
}

export class FakeSlack {
  readonly token: string;
  readonly calls: SlackCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  readonly groups = new Map<string, string[]>();
  private failures: Array<{ method: string; failure: SlackFailure }> = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  private ts = 1_700_000_000_000;
  url = '';

  constructor(token = 'xoxb-test') {
    this.token = token;
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

  addUser(u: FakeSlackUser): FakeSlackUser {
    this.users.set(u.id, u);
    return u;
  }

  setGroup(id: string, members: string[]): void {
    this.groups.set(id, members);
  }

  /** The next `times` calls of `method` fail as scripted. */
  failNext(method: string, failure: SlackFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, failure });
  }

  /** A response_url that records what is posted to it, under `name`. */
  responseUrl(name: string): string {
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
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(json));
    };

    if (path.startsWith('/response/')) {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        /* recorded as text */
      }
      this.responses.push({ name: decodeURIComponent(path.slice('/response/'.length)), body, at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (!path.startsWith('/api/')) return send(404, { ok: false, error: 'unknown_path' });
    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type']);
    this.calls.push({ method, args, at: Date.now() });
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(200, { ok: false, error: 'invalid_auth' });

    const idx = this.failures.findIndex((f) => f.method === method);
    if (idx >= 0) {
      const { failure } = this.failures.splice(idx, 1)[0]!;
      if ('hangMs' in failure) {
        await new Promise((r) => setTimeout(r, failure.hangMs));
        if (!res.destroyed) send(200, { ok: false, error: 'request_timeout' });
        return;
      }
      if ('error' in failure) return send(200, { ok: false, error: failure.error });
      if (failure.status === 429 && 'retryAfter' in failure) return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      res.writeHead(failure.status, { 'content-type': 'text/plain' });
      res.end('body' in failure && failure.body ? failure.body : 'error');
      return;
    }

    switch (method) {
      case 'auth.test':
        return send(200, { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'm365-guide', team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' });
      case 'chat.postMessage': {
        if (!args.channel) return send(200, { ok: false, error: 'channel_not_found' });
        const ts = this.nextTs();
        return send(200, { ok: true, channel: args.channel, ts, message: { type: 'message', text: args.text, ts, blocks: args.blocks } });
      }
      case 'chat.update':
        if (!args.channel || !args.ts) return send(200, { ok: false, error: 'message_not_found' });
        return send(200, { ok: true, channel: args.channel, ts: args.ts, text: args.text, message: { text: args.text, blocks: args.blocks } });
      case 'chat.postEphemeral':
        return send(200, { ok: true, message_ts: this.nextTs() });
      case 'views.open':
        if (!args.trigger_id) return send(200, { ok: false, error: 'invalid_trigger_id' });
        return send(200, { ok: true, view: { id: `V${this.calls.length}`, ...(args.view ?? {}) } });
      case 'users.info': {
        const u = this.users.get(String(args.user));
        if (!u) return send(200, { ok: false, error: 'user_not_found' });
        return send(200, { ok: true, user: { id: u.id, name: u.name, profile: { real_name: u.name, ...(u.email ? { email: u.email } : {}) } } });
      }
      case 'usergroups.users.list': {
        const members = this.groups.get(String(args.usergroup));
        if (!members) return send(200, { ok: false, error: 'no_such_subteam' });
        return send(200, { ok: true, users: members });
      }
      default:
        return send(200, { ok: false, error: 'unknown_method' });
    }
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
