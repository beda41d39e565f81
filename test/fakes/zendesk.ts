// A loopback stand-in for the Zendesk REST API: real HTTP, Zendesk's JSON shapes, Basic token auth, safe_update
// conflicts, Retry-After, and scripted failures. It records every request so tests assert on what arrived.
import http from 'node:http';
import { closeServer, listenLoopback } from './loopback.js';

// Users: role is end-user | agent | admin; light agents and chat-only agents are agents with role_type 1 / 2 and
// chat_only true. https://developer.zendesk.com/api-reference/ticketing/users/users/ (JSON format: role, role_type,
// chat_only). A deleted user stays readable with `active: false` ("false if the user has been deleted"; Delete User:
// https://developer.zendesk.com/api-reference/ticketing/users/users/#delete-user).
export interface FakeUser { id: number; name: string; email: string; role: 'end-user' | 'agent' | 'admin'; role_type?: number | null; chat_only?: boolean; active?: boolean }
export interface FakeComment {
  id: number; author_id: number; body: string; html_body: string; plain_body: string; public: boolean; created_at: string;
  metadata: { system: Record<string, unknown>; flags?: number[] };
}
// Audits: one per update, its author, its events (Comment, Create, Change with field_name/value/previous_value) and
// the custom metadata sent with the update. https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/
export interface FakeAuditEvent { id: number; type: string; field_name?: string; value?: unknown; previous_value?: unknown; body?: string; html_body?: string; public?: boolean; author_id?: number }
export interface FakeAudit { id: number; ticket_id: number; created_at: string; author_id: number; via: { channel: string }; metadata: { custom: Record<string, unknown>; system: Record<string, unknown> }; events: FakeAuditEvent[] }
export interface FakeTicket {
  id: number; subject: string; description: string; status: string; priority: string | null; group_id: number | null;
  tags: string[]; requester_id: number; assignee_id: number | null; updated_at: string; created_at: string;
  comments: FakeComment[]; audits: FakeAudit[];
}
export interface Recorded { method: string; path: string; query: URLSearchParams; body: any; at: number }
/** `hangMs` answers late (after the client gave up); with `apply` the write still takes effect, as Zendesk may.
 *  `until` holds the answer until the test settles that promise instead (then `hangMs` is ignored): a test that needs
 *  "the request is still in flight" as a fact, not as a race against a clock on a busy machine. */
export type Failure = { status: number; retryAfter?: number; body?: string; contentType?: string } | { hangMs: number; apply?: boolean; until?: Promise<unknown> };
interface ScriptedFailure { match: (r: { method: string; path: string }) => boolean; failure: Failure }

/** Zendesk's own id for changes made by the system (automations, some triggers): not a user we can look up. */
export const ZENDESK_SYSTEM_USER = -1;
const PAGE_SIZE = 100;

const decodeEntities = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Text of an HTML comment, one line per block (what Zendesk returns as `body`/`plain_body` for an html_body). */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(br|hr)\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6]|li|ul|ol|pre|blockquote)>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n\n')
    .trim();
}

/**
 * What Zendesk does to a comment sent as `body`: HTML is stripped and "multiple consecutive newline characters are
 * collapsed into a single newline" (and runs of spaces into one); Markdown is rendered only when the author is an
 * agent. https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/ (Bodies)
 * The rendering here is the part that matters after the collapse: a line directly above `---` becomes a heading,
 * `- ` lines are list items, every other line of the (now single) paragraph is joined with <br>.
 */
export function renderBody(body: string, agentAuthor: boolean): { body: string; html: string } {
  const text = body.replace(/<[^>]*>/g, '').replace(/[ \t]{2,}/g, ' ').replace(/\n{2,}/g, '\n').trim();
  if (!agentAuthor) return { body: text, html: `<div class="zd-comment" dir="auto"><p>${text.split('\n').map(escape).join('<br>')}</p></div>` };
  const lines = text.split('\n');
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${para.join('<br>')}</p>`);
    para = [];
  };
  const inline = (l: string) => escape(l).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^-{3,}$/.test(line.trim())) { flush(); out.push('<hr>'); continue; }
    if (lines[i + 1] !== undefined && /^-{3,}$/.test(lines[i + 1]!.trim()) && line.trim()) { flush(); out.push(`<h2>${inline(line)}</h2>`); i++; continue; }
    if (/^- /.test(line)) { flush(); out.push(`<ul><li>${inline(line.slice(2))}</li></ul>`); continue; }
    para.push(inline(line));
  }
  flush();
  return { body: text, html: `<div class="zd-comment" dir="auto">${out.join('')}</div>` };
}

/**
 * html_body is kept (Zendesk recommends it for Agent Workspace), sanitised: scripts and event-handler attributes
 * go, and Zendesk wraps it in its own container. https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/
 */
function sanitiseHtml(html: string): string {
  const clean = html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/\son\w+="[^"]*"/gi, '').replace(/\srel="[^"]*"/gi, '');
  return `<div class="zd-comment" dir="auto">${clean}</div>`;
}

export class FakeZendesk {
  readonly email = 'bot@example.com';
  readonly token = 'fake-api-token-123';
  readonly users = new Map<number, FakeUser>();
  readonly tickets = new Map<number, FakeTicket>();
  readonly requests: Recorded[] = [];
  /**
   * The base Zendesk uses in `next_page` links: its own canonical host, which may differ from the address the client
   * was configured with (a host-mapped brand, another casing). Default: the address it listens on.
   */
  canonicalUrl: string | null = null;
  /** Pages served as the agent interface would (no API auth): the sidebar app test's stand-in for Zendesk's ticket view. */
  readonly pages = new Map<string, string>();
  private failures: ScriptedFailure[] = [];
  private collisions = new Map<number, () => void>();
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
    const user = { role_type: null, chat_only: false, active: true, ...u, id: u.id ?? this.nextId++ } as FakeUser;
    this.users.set(user.id, user);
    return user;
  }

  private isAgent(id: number): boolean {
    const u = this.users.get(id);
    return u?.role === 'agent' || u?.role === 'admin';
  }

  private audit(t: FakeTicket, authorId: number, events: FakeAuditEvent[], custom: Record<string, unknown> = {}, channel = 'web'): FakeAudit {
    const a: FakeAudit = { id: this.nextId++, ticket_id: t.id, created_at: this.tick(), author_id: authorId, via: { channel }, metadata: { custom, system: { client: 'fake-zendesk' } }, events };
    t.audits.push(a);
    t.updated_at = a.created_at;
    return a;
  }

  addTicket(t: { subject: string; body: string; requester: FakeUser; tags?: string[]; id?: number; status?: string }): FakeTicket {
    const now = this.tick();
    const id = t.id ?? this.nextId++;
    const ticket: FakeTicket = {
      id, subject: t.subject, description: t.body, status: t.status ?? 'new', priority: null, group_id: null, tags: t.tags ?? [],
      requester_id: t.requester.id, assignee_id: null, updated_at: now, created_at: now, comments: [], audits: [],
    };
    this.tickets.set(id, ticket);
    const c = this.newComment(ticket, t.requester, t.body, true);
    this.audit(ticket, t.requester.id, [
      { id: c.id, type: 'Comment', body: c.body, html_body: c.html_body, public: true, author_id: t.requester.id },
      ...(ticket.tags.length ? [{ id: this.nextId++, type: 'Create', field_name: 'tags', value: [...ticket.tags] }] : []),
    ], {}, 'email');
    return ticket;
  }

  // Mail from a customer (or an agent typing in Zendesk) keeps its paragraphs: it arrives as HTML.
  private newComment(t: FakeTicket, author: FakeUser, text: string, isPublic: boolean): FakeComment {
    const html = `<div class="zd-comment" dir="auto">${text.split(/\n{2,}/).map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('')}</div>`;
    const c: FakeComment = { id: this.nextId++, author_id: author.id, body: text, html_body: html, plain_body: text, public: isPublic, created_at: this.tick(), metadata: { system: {} } };
    t.comments.push(c);
    return c;
  }

  /** A comment written in Zendesk by a person (customer mail, an agent's reply), with its own audit. */
  addComment(ticketId: number, author: FakeUser, body: string, isPublic: boolean): FakeComment {
    const t = this.mustTicket(ticketId);
    const c = this.newComment(t, author, body, isPublic);
    this.audit(t, author.id, [{ id: c.id, type: 'Comment', body: c.body, html_body: c.html_body, public: isPublic, author_id: author.id }]);
    // "If an end user comments on a ticket with a status set to Pending, Solved, or On-hold, the ticket status is
    // changed to Open." https://support.zendesk.com/hc/en-us/articles/4408894213018-About-native-system-ticket-rules
    if (author.role === 'end-user' && ['pending', 'solved', 'hold'].includes(t.status)) t.status = 'open';
    return c;
  }

  /**
   * Someone changes the tags in Zendesk. The audit names who did it (`by`); without `by`, the agent most recently
   * added to this fake (the one "at the keyboard" in a test) made the change.
   */
  setTags(ticketId: number, tags: string[], by?: FakeUser | number): void {
    const t = this.mustTicket(ticketId);
    const author = typeof by === 'number' ? by : (by ?? this.lastAgent())?.id ?? ZENDESK_SYSTEM_USER;
    const previous = t.tags;
    t.tags = [...new Set(tags)];
    this.audit(t, author, [{ id: this.nextId++, type: 'Change', field_name: 'tags', value: [...t.tags], previous_value: [...previous] }]);
  }

  setStatus(ticketId: number, status: string, by?: FakeUser): void {
    const t = this.mustTicket(ticketId);
    const previous = t.status;
    t.status = status;
    this.audit(t, (by ?? this.lastAgent())?.id ?? ZENDESK_SYSTEM_USER, [{ id: this.nextId++, type: 'Change', field_name: 'status', value: status, previous_value: previous }]);
  }

  /** Deleted tickets still appear in incremental exports unless `exclude_deleted=true`. */
  deleteTicket(ticketId: number): void {
    const t = this.mustTicket(ticketId);
    t.status = 'deleted';
    t.updated_at = this.tick();
  }

  private lastAgent(): FakeUser | undefined {
    return [...this.users.values()].filter((u) => u.id !== this.bot.id && (u.role === 'agent' || u.role === 'admin')).at(-1);
  }

  /** An admin deletes the user in Zendesk: still readable by id, with `active: false` (see FakeUser). */
  deleteUser(id: number): void {
    const u = this.users.get(id);
    if (!u) throw new Error(`no user ${id}`);
    u.active = false;
  }

  /**
   * Someone changes the ticket between our read and our write: `change` runs when the next PUT for this ticket
   * arrives, before it is applied. A PUT with `safe_update` whose `updated_stamp` is older than the ticket's
   * `updated_at` is then refused with 409 UpdateConflict, as Zendesk does.
   * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#protecting-against-ticket-update-collisions
   */
  collideOnNextWrite(ticketId: number, change: () => void): void {
    this.collisions.set(ticketId, change);
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

  /** Comments our service wrote (PUT with a comment), in order, as sent. */
  writes(ticketId?: number): Array<{ ticketId: number; comment: any; tags?: string[]; body: any }> {
    return this.requests
      .filter((r) => r.method === 'PUT' && /^\/api\/v2\/tickets\/\d+$/.test(r.path) && (ticketId === undefined || r.path.endsWith(`/${ticketId}`)))
      .filter((r) => (r as Recorded & { applied?: boolean }).applied)
      .map((r) => ({ ticketId: Number(r.path.split('/').pop()), comment: r.body?.ticket?.comment, tags: r.body?.ticket?.tags, body: r.body }));
  }
  publicReplies(ticketId?: number) { return this.writes(ticketId).filter((w) => w.comment?.public === true); }
  privateNotes(ticketId?: number) { return this.writes(ticketId).filter((w) => w.comment && w.comment.public === false); }
  /** Comments as Zendesk stored them (what agents and customers see). */
  stored(ticketId: number): FakeComment[] { return this.mustTicket(ticketId).comments; }

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
    if (method === 'GET' && this.pages.has(u.pathname)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(this.pages.get(u.pathname));
      return;
    }
    const expected = 'Basic ' + Buffer.from(`${this.email}/token:${this.token}`).toString('base64');
    if (req.headers.authorization !== expected) return send(401, { error: "Couldn't authenticate you" });

    const idx = this.failures.findIndex((f) => f.match({ method, path }));
    if (idx >= 0) {
      const [{ failure }] = this.failures.splice(idx, 1) as [ScriptedFailure];
      if ('hangMs' in failure) {
        const late = failure.until ?? failure.hangMs;
        if (failure.apply) return this.route(method, path, u, body, rec, () => undefined, late, res);
        await (failure.until ?? new Promise((r) => setTimeout(r, failure.hangMs)));
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

  // Offset pagination: at most 100 per page, `next_page` a full URL on Zendesk's canonical host.
  // https://developer.zendesk.com/api-reference/introduction/pagination/
  private page<T>(items: T[], u: URL, path: string): { page: T[]; next_page: string | null } {
    // Tests may lower the comments' cap (commentsPerPage) to page a short thread; Zendesk's own is 100.
    const cap = path.endsWith('/comments') ? Math.min(PAGE_SIZE, this.commentsPerPage) : PAGE_SIZE;
    const perPage = Math.min(cap, Math.max(1, Number(u.searchParams.get('per_page') ?? cap) || cap));
    const page = Math.max(1, Number(u.searchParams.get('page') ?? 1) || 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    if (page * perPage >= items.length) return { page: slice, next_page: null };
    const next = new URLSearchParams(u.searchParams);
    next.set('page', String(page + 1));
    return { page: slice, next_page: `${this.canonicalUrl ?? this.url}${path}.json?${next.toString()}` };
  }

  private async route(method: string, path: string, u: URL, body: any, rec: Recorded & { applied?: boolean }, sendNow: (status: number, json: unknown, headers?: Record<string, string>) => void, delay: number | Promise<unknown>, res: http.ServerResponse): Promise<void> {
    // With a delay the request is applied now and answered late (a response lost on the way back, or held by the test).
    const answer = (status: number, json: unknown) => { if (!res.destroyed) { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)); } };
    const send = typeof delay !== 'number'
      ? (status: number, json: unknown) => void delay.then(() => answer(status, json))
      : delay > 0
        ? (status: number, json: unknown) => { setTimeout(() => answer(status, json), delay); }
        : sendNow;
    const live = (id: string) => {
      const t = this.tickets.get(Number(id));
      return t && t.status !== 'deleted' ? t : undefined;
    };
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/api\/v2\/tickets\/(\d+)$/.exec(path))) {
      const t = live(m[1]!);
      return t ? send(200, { ticket: this.view(t) }) : send(404, { error: 'RecordNotFound' });
    }
    if (method === 'GET' && (m = /^\/api\/v2\/tickets\/(\d+)\/comments$/.exec(path))) {
      const t = live(m[1]!);
      if (!t) return send(404, { error: 'RecordNotFound' });
      const { page, next_page } = this.page(t.comments, u, path);
      const users = u.searchParams.get('include') === 'users' ? [...new Set(page.map((c) => c.author_id))].map((id) => this.users.get(id)).filter(Boolean) : undefined;
      return send(200, { comments: page, ...(users ? { users } : {}), next_page, count: t.comments.length });
    }
    // Audits, oldest first. https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/#list-audits-for-a-ticket
    if (method === 'GET' && (m = /^\/api\/v2\/tickets\/(\d+)\/audits$/.exec(path))) {
      const t = live(m[1]!);
      if (!t) return send(404, { error: 'RecordNotFound' });
      const { page, next_page } = this.page(t.audits, u, path);
      return send(200, { audits: page, next_page, count: t.audits.length });
    }
    if (method === 'PUT' && (m = /^\/api\/v2\/tickets\/(\d+)$/.exec(path))) {
      const t = live(m[1]!);
      if (!t) return send(404, { error: 'RecordNotFound' });
      const upd = body?.ticket;
      if (!upd || typeof upd !== 'object') return send(400, { error: 'InvalidEndpoint', description: 'ticket missing' });
      const collision = this.collisions.get(t.id);
      this.collisions.delete(t.id);
      collision?.();
      if (upd.safe_update && upd.updated_stamp !== t.updated_at) {
        return send(409, { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.' });
      }
      // "Tickets with a status set to Closed can't be updated in most cases".
      // https://support.zendesk.com/hc/en-us/articles/4408894213018-About-native-system-ticket-rules
      if (t.status === 'closed') return send(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { status: [{ description: 'Status: closed prevents ticket update' }] } });
      rec.applied = true;
      const events: FakeAuditEvent[] = [];
      if (upd.comment) {
        const author = this.users.get(Number(upd.comment.author_id ?? this.bot.id)) ?? this.bot;
        let text: string;
        let html: string;
        if (typeof upd.comment.html_body === 'string') {
          html = sanitiseHtml(upd.comment.html_body);
          text = htmlToText(upd.comment.html_body);
        } else {
          ({ body: text, html } = renderBody(String(upd.comment.body ?? ''), this.isAgent(author.id)));
        }
        // "Ticket comments by light agents are private". https://support.zendesk.com/hc/en-us/articles/4408846501402
        const isPublic = upd.comment.public !== false && author.role_type !== 1;
        const c: FakeComment = { id: this.nextId++, author_id: author.id, body: text, html_body: html, plain_body: text, public: isPublic, created_at: this.tick(), metadata: { system: { client: 'api' } } };
        // A comment whose author is not the API user, written by an API user who is not an admin, is flagged
        // ("submitted by the user on behalf of the author", flag 11).
        // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/ (Comment flags)
        if (author.id !== this.bot.id && this.bot.role !== 'admin') c.metadata.flags = [11];
        t.comments.push(c);
        events.push({ id: c.id, type: 'Comment', body: c.body, html_body: c.html_body, public: c.public, author_id: c.author_id });
      }
      if (Array.isArray(upd.tags)) {
        const next = [...new Set(upd.tags as string[])];
        if (next.length !== t.tags.length || next.some((x) => !t.tags.includes(x))) {
          events.push({ id: this.nextId++, type: 'Change', field_name: 'tags', value: next, previous_value: [...t.tags] });
        }
        t.tags = next;
      }
      if (upd.priority && upd.priority !== t.priority) { events.push({ id: this.nextId++, type: 'Change', field_name: 'priority', value: upd.priority, previous_value: t.priority }); t.priority = upd.priority; }
      if (upd.group_id && upd.group_id !== t.group_id) { events.push({ id: this.nextId++, type: 'Change', field_name: 'group_id', value: upd.group_id, previous_value: t.group_id }); t.group_id = upd.group_id; }
      // "If your update does not change the ticket, this will not create an Audit and will not save your metadata";
      // otherwise `ticket.metadata` is kept as the audit's metadata.custom (up to 1 kB).
      // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#setting-metadata
      const custom = upd.metadata && typeof upd.metadata === 'object' ? (upd.metadata as Record<string, unknown>) : {};
      if (JSON.stringify(custom).length > 1024) return send(422, { error: 'RecordInvalid', description: 'metadata is larger than 1 kB' });
      const audit = events.length ? this.audit(t, this.bot.id, events, custom, 'api') : null;
      return send(200, { ticket: this.view(t), audit: audit ?? { events: [] } });
    }
    if (method === 'GET' && (m = /^\/api\/v2\/users\/(\d+|me)$/.exec(path))) {
      const user = m[1] === 'me' ? this.bot : this.users.get(Number(m[1]));
      return user ? send(200, { user }) : send(404, { error: 'RecordNotFound' });
    }
    if (method === 'GET' && path === '/api/v2/users/search') {
      const q = (u.searchParams.get('query') ?? '').replace(/^email:/, '').toLowerCase();
      return send(200, { users: [...this.users.values()].filter((x) => x.email.toLowerCase() === q) });
    }
    // Incremental ticket export: "Allowed For: Admins"; deleted tickets are included unless exclude_deleted=true.
    // https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-time-based
    if (method === 'GET' && path === '/api/v2/incremental/tickets') {
      if (this.bot.role !== 'admin') return send(403, { error: 'Forbidden', description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' });
      const since = Number(u.searchParams.get('start_time') ?? 0) * 1000;
      const excludeDeleted = u.searchParams.get('exclude_deleted') === 'true';
      const tickets = [...this.tickets.values()].filter((t) => Date.parse(t.updated_at) >= since && !(excludeDeleted && t.status === 'deleted')).map((t) => this.view(t));
      return send(200, { tickets, end_time: Math.floor(this.clock / 1000), end_of_stream: true, count: tickets.length });
    }
    send(404, { error: 'InvalidEndpoint' });
  }

  private view(t: FakeTicket) {
    const { comments: _c, audits: _a, ...rest } = t;
    return { ...rest, url: `${this.url}/api/v2/tickets/${t.id}.json` };
  }
}
