// A loopback stand-in for the Zendesk REST API: real HTTP, Zendesk's JSON shapes, Basic token auth, safe_update
// conflicts, Retry-After, and scripted failures. It records every request so tests assert on what arrived.
import http from 'node:http';
import { closeServer, listenLoopback } from './loopback.js';

export interface FakeUser { id: number; name: string; email: string; role: 'end-user' | 'agent' | 'admin' }
export interface FakeComment { id: number; author_id: number; body: string; html_body: string; plain_body: string; public: boolean; created_at: string }
export interface FakeTicket {
  id: number; subject: string; description: string; status: string; priority: string | null; group_id: number | null;
  tags: string[]; requester_id: number; assignee_id: number | null; updated_at: string; created_at: string;
  comments: FakeComment[];
}
export interface Recorded { method: string; path: string; query: URLSearchParams; body: any; at: number }
/** `hangMs` answers late (after the client gave up); with `apply` the write still takes effect, as Zendesk may. */
export type Failure = { status: number; retryAfter?: number; body?: string; contentType?: string } | { hangMs: number; apply?: boolean };
interface ScriptedFailure { match: (r: { method: string; path: string }) => boolean; failure: Failure }

export class FakeZendesk {
  readonly email = 'bot@example.com';
  readonly token = 'fake-api-token-123';
  readonly users = new Map<number, FakeUser>();
  readonly tickets = new Map<number, FakeTicket>();
  readonly requests: Recorded[] = [];
  private failures: ScriptedFailure[] = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  private nextId = 1000;
  private clock = 0;
  url = '';
  readonly bot: FakeUser;
  /**
   * Comments per page of GET /tickets/{id}/comments (offset pagination: `page`, `per_page`, and a `next_page` URL
   * while more follow; https://developer.zendesk.com/api-reference/introduction/pagination/). Zendesk's default
   * page is 100; tests set a small one to make the client follow next_page.
   */
  commentsPerPage = 100;

  constructor() {
    this.bot = this.addUser({ name: 'M365 Guide Bot', email: this.email, role: 'admin' });
  }

  async start(): Promise<this> {
    this.url = await listenLoopback(this.server);
    return this;
  }
  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  // Real time, strictly increasing (two updates in one millisecond still get different updated_at stamps).
  private tick(): string {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return new Date(this.clock).toISOString();
  }

  addUser(u: Omit<FakeUser, 'id'> & { id?: number }): FakeUser {
    const user = { ...u, id: u.id ?? this.nextId++ } as FakeUser;
    this.users.set(user.id, user);
    return user;
  }

  addTicket(t: { subject: string; body: string; requester: FakeUser; tags?: string[]; id?: number }): FakeTicket {
    const now = this.tick();
    const id = t.id ?? this.nextId++;
    const ticket: FakeTicket = {
      id, subject: t.subject, description: t.body, status: 'new', priority: null, group_id: null, tags: t.tags ?? [],
      requester_id: t.requester.id, assignee_id: null, updated_at: now, created_at: now, comments: [],
    };
    this.tickets.set(id, ticket);
    this.addComment(id, t.requester, t.body, true);
    return ticket;
  }

  addComment(ticketId: number, author: FakeUser, body: string, isPublic: boolean): FakeComment {
    const t = this.mustTicket(ticketId);
    const c: FakeComment = { id: this.nextId++, author_id: author.id, body, html_body: `<p>${body}</p>`, plain_body: body, public: isPublic, created_at: this.tick() };
    t.comments.push(c);
    t.updated_at = c.created_at;
    return c;
  }

  setTags(ticketId: number, tags: string[]): void {
    const t = this.mustTicket(ticketId);
    t.tags = tags;
    t.updated_at = this.tick();
  }

  /** The next `times` requests that match fail as scripted. */
  failNext(failure: Failure, opts: { times?: number; method?: string; path?: RegExp } = {}): void {
    for (let i = 0; i < (opts.times ?? 1); i++) {
      this.failures.push({ match: (r) => (!opts.method || r.method === opts.method) && (!opts.path || opts.path.test(r.path)), failure });
    }
  }

  mustTicket(id: number): FakeTicket {
    const t = this.tickets.get(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  /** Comments our service wrote (PUT with a comment), in order. */
  writes(ticketId?: number): Array<{ ticketId: number; comment: any; tags?: string[]; body: any }> {
    return this.requests
      .filter((r) => r.method === 'PUT' && /^\/api\/v2\/tickets\/\d+$/.test(r.path) && (ticketId === undefined || r.path.endsWith(`/${ticketId}`)))
      .filter((r) => (r as Recorded & { applied?: boolean }).applied)
      .map((r) => ({ ticketId: Number(r.path.split('/').pop()), comment: r.body?.ticket?.comment, tags: r.body?.ticket?.tags, body: r.body }));
  }
  publicReplies(ticketId?: number) { return this.writes(ticketId).filter((w) => w.comment?.public === true); }
  privateNotes(ticketId?: number) { return this.writes(ticketId).filter((w) => w.comment && w.comment.public === false); }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url ?? '/', 'http://x');
    const path = u.pathname.replace(/\.json$/, '');
    const method = req.method ?? 'GET';
    let body: any = null;
    try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null; } catch { body = Buffer.concat(chunks).toString('utf8'); }
    const rec: Recorded & { applied?: boolean } = { method, path, query: u.searchParams, body, at: Date.now() };
    this.requests.push(rec);

    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(json));
    };
    const expected = 'Basic ' + Buffer.from(`${this.email}/token:${this.token}`).toString('base64');
    if (req.headers.authorization !== expected) return send(401, { error: "Couldn't authenticate you" });

    const idx = this.failures.findIndex((f) => f.match({ method, path }));
    if (idx >= 0) {
      const [{ failure }] = this.failures.splice(idx, 1) as [ScriptedFailure];
      if ('hangMs' in failure) {
        if (failure.apply) return this.route(method, path, u, body, rec, () => undefined, failure.hangMs, res);
        await new Promise((r) => setTimeout(r, failure.hangMs));
        if (!res.destroyed) send(504, { error: 'late' });
        return;
      }
      res.writeHead(failure.status, {
        'content-type': failure.contentType ?? 'application/json',
        ...(failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {}),
      });
      res.end(failure.body ?? JSON.stringify({ error: 'Scripted failure' }));
      return;
    }

    return this.route(method, path, u, body, rec, send, 0, res);
  }

  private async route(method: string, path: string, u: URL, body: any, rec: Recorded & { applied?: boolean }, sendNow: (status: number, json: unknown, headers?: Record<string, string>) => void, delayMs: number, res: http.ServerResponse): Promise<void> {
    // With a delay the request is applied now and answered late (a response lost on the way back).
    const send = delayMs > 0
      ? (status: number, json: unknown) => { setTimeout(() => { if (!res.destroyed) { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)); } }, delayMs); }
      : sendNow;
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/api\/v2\/tickets\/(\d+)$/.exec(path))) {
      const t = this.tickets.get(Number(m[1]));
      return t ? send(200, { ticket: this.view(t) }) : send(404, { error: 'RecordNotFound' });
    }
    if (method === 'GET' && (m = /^\/api\/v2\/tickets\/(\d+)\/comments$/.exec(path))) {
      const t = this.tickets.get(Number(m[1]));
      if (!t) return send(404, { error: 'RecordNotFound' });
      const perPage = Math.min(Number(u.searchParams.get('per_page') ?? this.commentsPerPage) || this.commentsPerPage, this.commentsPerPage);
      const pageNo = Math.max(1, Number(u.searchParams.get('page') ?? 1) || 1);
      const comments = t.comments.slice((pageNo - 1) * perPage, pageNo * perPage);
      const users = u.searchParams.get('include') === 'users' ? [...new Set(comments.map((c) => c.author_id))].map((id) => this.users.get(id)).filter(Boolean) : undefined;
      const more = pageNo * perPage < t.comments.length;
      const next = more ? `${this.url}/api/v2/tickets/${t.id}/comments.json?${new URLSearchParams({ ...Object.fromEntries(u.searchParams), page: String(pageNo + 1) })}` : null;
      return send(200, { comments, ...(users ? { users } : {}), next_page: next, previous_page: null, count: t.comments.length });
    }
    if (method === 'PUT' && (m = /^\/api\/v2\/tickets\/(\d+)$/.exec(path))) {
      const t = this.tickets.get(Number(m[1]));
      if (!t) return send(404, { error: 'RecordNotFound' });
      const upd = body?.ticket;
      if (!upd || typeof upd !== 'object') return send(400, { error: 'InvalidEndpoint', description: 'ticket missing' });
      if (upd.safe_update && upd.updated_stamp !== t.updated_at) {
        return send(409, { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.' });
      }
      rec.applied = true;
      const events: Array<{ id: number; type: string }> = [];
      if (upd.comment) {
        const author = this.users.get(Number(upd.comment.author_id ?? this.bot.id)) ?? this.bot;
        const text = String(upd.comment.body ?? upd.comment.html_body ?? '');
        const c = this.addComment(t.id, author, text, upd.comment.public !== false);
        events.push({ id: c.id, type: 'Comment' });
      }
      if (Array.isArray(upd.tags)) t.tags = [...new Set(upd.tags as string[])];
      if (upd.priority) t.priority = upd.priority;
      if (upd.group_id) t.group_id = upd.group_id;
      t.updated_at = this.tick();
      return send(200, { ticket: this.view(t), audit: { id: this.nextId++, events } });
    }
    if (method === 'GET' && (m = /^\/api\/v2\/users\/(\d+|me)$/.exec(path))) {
      const user = m[1] === 'me' ? this.bot : this.users.get(Number(m[1]));
      return user ? send(200, { user }) : send(404, { error: 'RecordNotFound' });
    }
    if (method === 'GET' && path === '/api/v2/users/search') {
      const q = (u.searchParams.get('query') ?? '').replace(/^email:/, '').toLowerCase();
      return send(200, { users: [...this.users.values()].filter((x) => x.email.toLowerCase() === q) });
    }
    if (method === 'GET' && path === '/api/v2/incremental/tickets') {
      const since = Number(u.searchParams.get('start_time') ?? 0) * 1000;
      const tickets = [...this.tickets.values()].filter((t) => Date.parse(t.updated_at) >= since).map((t) => this.view(t));
      return send(200, { tickets, end_time: Math.floor(this.clock / 1000), end_of_stream: true, count: tickets.length });
    }
    send(404, { error: 'InvalidEndpoint' });
  }

  private view(t: FakeTicket) {
    const { comments: _c, ...rest } = t;
    return { ...rest, url: `${this.url}/api/v2/tickets/${t.id}.json` };
  }
}
