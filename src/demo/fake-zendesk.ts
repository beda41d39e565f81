// The demo's Zendesk: a DEMO STAND-IN, not a test fake (the tests have their own, thorough one in test/fakes/).
// It lives inside the demo process on 127.0.0.1 with an ephemeral port and answers only the calls this service makes
// (src/zendesk/client.ts), in Zendesk's JSON shapes, so the worker, the outbox sender and every approval door run
// their real code against it. It keeps everything in memory and remembers every write, for GET /demo/zendesk/writes.
// Shapes: https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ (show, update, safe_update),
// …/tickets/ticket_comments/ (list, offset paging), …/tickets/ticket_audits/ (metadata), …/users/users/ (me, show).
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZAudit, ZComment, ZTicket, ZTicketUpdate, ZUser } from '../zendesk/api-types.js';
import { ticketPage } from './ticket-page.js';

/** One update the service sent, as a person trying the demo wants to see it. */
export interface DemoWrite {
  at: string;
  ticketId: number;
  /** The comment the update added: a private note (the draft) or the public reply. */
  comment: { public: boolean; authorId: number; text: string } | null;
  tags: string[] | null;
  priority: string | null;
}

export interface DemoTicket extends ZTicket {
  comments: ZComment[];
  audits: ZAudit[];
}

const PER_PAGE = 100;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** What Zendesk keeps as a comment's plain text when it was written as html_body. */
const plainText = (markup: string): string =>
  markup
    .replace(/<br\s*\/?>|<\/(?:p|li|h\d|pre|div|ul|ol)>|<hr\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ENTITIES[e]!)
    .replace(/\n{3,}/g, '\n\n')
    .trim();

export class DemoZendesk {
  readonly email = 'demo-bot@example.invalid';
  readonly token = randomBytes(24).toString('base64url');
  readonly users = new Map<number, ZUser>();
  readonly tickets = new Map<number, DemoTicket>();
  readonly writes: DemoWrite[] = [];
  readonly bot: ZUser;
  url = '';
  private lastId = 10_000;
  private lastStamp = 0;
  private readonly server = http.createServer((req, res) => void this.answer(req, res));

  constructor() {
    // The API user is an admin, as the README asks for a real installation (api-user.ts).
    this.bot = this.addUser('m365-guide (demo API user)', 'admin');
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private id(): number {
    return ++this.lastId;
  }

  /** Strictly increasing timestamps: safe_update compares them, and two writes may fall in one millisecond. */
  private stamp(): string {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }

  addUser(name: string, role: 'end-user' | 'agent' | 'admin'): ZUser {
    const user: ZUser = { id: this.id(), name, email: `user${this.lastId}@example.invalid`, role, role_type: role === 'end-user' ? null : 0, active: true };
    this.users.set(user.id, user);
    return user;
  }

  /** A ticket as a customer would open it; `comments` are the thread, oldest first (the first is the description). */
  addTicket(t: { subject: string; requesterId: number; comments: Array<{ authorId: number; text: string }> }): DemoTicket {
    const comments: ZComment[] = t.comments.map((c) => ({ id: this.id(), type: 'Comment', author_id: c.authorId, body: c.text, plain_body: c.text, html_body: '', public: true, created_at: this.stamp() }));
    const ticket: DemoTicket = {
      id: this.id(),
      subject: t.subject,
      description: t.comments[0]?.text ?? '',
      status: 'new',
      priority: null,
      group_id: null,
      tags: [],
      requester_id: t.requesterId,
      assignee_id: null,
      updated_at: this.stamp(),
      comments,
      audits: [],
    };
    this.tickets.set(ticket.id, ticket);
    return ticket;
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    try {
      // The ticket link on the review pages: a plain page of the conversation (the agent interface's stand-in).
      const agentPage = /^\/agent\/tickets\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && agentPage) {
        const ticket = this.tickets.get(Number(agentPage[1]));
        res.writeHead(ticket ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(ticket ? ticketPage(ticket, this.users) : 'No such ticket in the demo.');
        return;
      }
      // API token auth: "{email}/token:{api_token}", Basic. https://developer.zendesk.com/api-reference/introduction/security-and-auth/
      const expected = `Basic ${Buffer.from(`${this.email}/token:${this.token}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return send(401, { error: "Couldn't authenticate you" });
      const path = url.pathname.replace(/\.json$/, '');
      const [status, body] = await this.route(req.method ?? 'GET', path, url.searchParams, req);
      send(status, body);
    } catch {
      send(400, { error: 'InvalidRequest', description: 'The request could not be read.' });
    }
  }

  private async route(method: string, path: string, q: URLSearchParams, req: IncomingMessage): Promise<[number, unknown]> {
    const notFound: [number, unknown] = [404, { error: 'RecordNotFound', description: 'Not found' }];
    if (method === 'GET' && path === '/api/v2/users/me') return [200, { user: this.bot }];
    if (method === 'GET' && path === '/api/v2/users/show_many') {
      const ids = (q.get('ids') ?? '').split(',').map(Number);
      return [200, { users: ids.flatMap((id) => this.users.get(id) ?? []) }];
    }
    const user = /^\/api\/v2\/users\/(\d+)$/.exec(path);
    if (method === 'GET' && user) {
      const u = this.users.get(Number(user[1]));
      return u ? [200, { user: u }] : notFound;
    }
    // The reconcile poll is off in the demo (nothing is ever lost here); an empty export if anything asks.
    if (method === 'GET' && path === '/api/v2/incremental/tickets') return [200, { tickets: [], end_time: Math.floor(Date.now() / 1000), end_of_stream: true }];
    const m = /^\/api\/v2\/tickets\/(\d+)(\/comments|\/audits)?$/.exec(path);
    const ticket = m ? this.tickets.get(Number(m[1])) : undefined;
    if (!m || !ticket) return notFound;
    const { comments, audits, ...shown } = ticket;
    if (method === 'GET' && m[2] === '/comments') return [200, this.commentsPage(ticket, q)];
    if (method === 'GET' && m[2] === '/audits') return [200, { audits, next_page: null, previous_page: null, count: audits.length }];
    if (method === 'GET' && !m[2]) return [200, { ticket: shown }];
    if (method === 'PUT' && !m[2]) return this.update(ticket, ((await readJson(req)) as { ticket?: ZTicketUpdate }).ticket ?? {});
    return notFound;
  }

  // Offset pagination: `page` and `per_page` (≤ 100), `next_page` a full URL; `include=users` side-loads the authors.
  private commentsPage(ticket: DemoTicket, q: URLSearchParams) {
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    const perPage = Math.min(PER_PAGE, Math.max(1, Number(q.get('per_page') ?? PER_PAGE) || PER_PAGE));
    const slice = ticket.comments.slice((page - 1) * perPage, page * perPage);
    const more = page * perPage < ticket.comments.length;
    const next = new URL(`${this.url}/api/v2/tickets/${ticket.id}/comments.json`);
    next.searchParams.set('page', String(page + 1));
    next.searchParams.set('per_page', String(perPage));
    if (q.get('include')) next.searchParams.set('include', q.get('include')!);
    const authors = q.get('include') === 'users' ? [...new Set(slice.map((c) => c.author_id))].flatMap((id) => this.users.get(id) ?? []) : undefined;
    return { comments: slice, ...(authors ? { users: authors } : {}), next_page: more ? next.toString() : null, count: ticket.comments.length };
  }

  private update(ticket: DemoTicket, u: ZTicketUpdate): [number, unknown] {
    // safe_update: a stale updated_stamp is refused with 409 UpdateConflict (…/tickets/tickets/#protecting-against-ticket-update-collisions).
    if (u.safe_update && u.updated_stamp !== ticket.updated_at) {
      return [409, { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.' }];
    }
    const at = this.stamp();
    const events: ZAudit['events'] = [];
    let comment: DemoWrite['comment'] = null;
    if (u.comment) {
      const text = u.comment.html_body !== undefined ? plainText(u.comment.html_body) : (u.comment.body ?? '');
      const authorId = u.comment.author_id ?? this.bot.id;
      const c: ZComment = { id: this.id(), type: 'Comment', author_id: authorId, body: text, plain_body: text, html_body: u.comment.html_body ?? '', public: u.comment.public, created_at: at };
      ticket.comments.push(c);
      events.push({ id: c.id, type: 'Comment', public: c.public, author_id: authorId });
      comment = { public: c.public, authorId, text };
    }
    // `tags` replaces the whole list (…/tickets/tickets/#json-format).
    if (u.tags) {
      events.push({ id: this.id(), type: 'Change', field_name: 'tags', value: u.tags, previous_value: ticket.tags });
      ticket.tags = [...u.tags];
    }
    if (u.priority) ticket.priority = u.priority;
    if (u.group_id) ticket.group_id = u.group_id;
    ticket.updated_at = at;
    const audit: ZAudit = { id: this.id(), ticket_id: ticket.id, author_id: this.bot.id, created_at: at, metadata: { custom: { ...(u.metadata ?? {}) } }, events };
    ticket.audits.push(audit);
    this.writes.push({ at, ticketId: ticket.id, comment, tags: u.tags ?? null, priority: u.priority ?? null });
    const { comments: _c, audits: _a, ...shown } = ticket;
    return [200, { ticket: shown, audit: { id: audit.id, events } }];
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1024 * 1024) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
