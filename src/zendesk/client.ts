// Our small Zendesk client. node-zendesk does auth, URL assembly and JSON; we add what it lacks (see
// integrations.md §3): a timeout on every call, and one normalised error with the HTTP status and Retry-After,
// because node-zendesk resolves 429s and non-JSON 5xx instead of throwing.
import zendesk from 'node-zendesk';
import { AppError } from '../errors.js';
import type { ZAudit, ZTicket, ZComment, ZUser, ZTicketUpdate } from './api-types.js';
import { samePagedEndpoint } from './next-page.js';

export type ZendeskFailure = 'rate_limited' | 'zendesk_unavailable' | 'conflict' | 'not_found' | 'auth_failed' | 'rejected';

export class ZendeskApiError extends Error {
  constructor(
    readonly failure: ZendeskFailure,
    readonly status: number | null,
    message: string,
    /** From Retry-After (429/503), in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ZendeskApiError';
  }
  /** Worth trying again later (the outbox backs off). */
  get retryable(): boolean {
    return this.failure === 'rate_limited' || this.failure === 'zendesk_unavailable' || this.failure === 'conflict';
  }
}

export interface ZendeskClientOptions {
  url: string;
  email: string;
  token: string;
  timeoutMs: number;
  /** Called after every call, for metrics. */
  onCall?: (info: { method: string; route: string; status: number | null; ms: number }) => void;
}

interface RawResponse {
  status: number;
  headers: { get(name: string): string | null };
}
type Transporter = { request(method: string, uri: unknown, body?: unknown): Promise<{ response: RawResponse; result: unknown }> };

function parseRetryAfter(v: string | null): number | null {
  if (!v) return null;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, Math.min(s, 3600)) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

function failureFor(status: number): ZendeskFailure {
  if (status === 429) return 'rate_limited';
  if (status === 409) return 'conflict';
  if (status === 404) return 'not_found';
  if (status === 401 || status === 403) return 'auth_failed';
  if (status >= 500) return 'zendesk_unavailable';
  return 'rejected';
}

export class ZendeskClient {
  private readonly transporter: Transporter;
  private meCache: ZUser | null = null;

  constructor(private readonly opts: ZendeskClientOptions) {
    const timeoutMs = opts.timeoutMs;
    const client = zendesk.createClient({
      username: opts.email,
      token: opts.token,
      endpointUri: `${opts.url}/api/v2`,
      throwOriginalException: true,
      transportConfig: {
        transportFn: (uri: string, init: RequestInit) => fetch(uri, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
        responseAdapter: (r: Response) => ({
          json: () => r.json(),
          status: r.status,
          headers: { get: (h: string) => r.headers.get(h) },
          statusText: r.statusText,
        }),
      },
    } as never);
    this.transporter = (client.tickets as unknown as { transporter: Transporter }).transporter;
  }

  private async call<T>(method: string, route: string, uri: unknown, body?: unknown): Promise<T> {
    const started = performance.now();
    let status: number | null = null;
    try {
      const { response, result } = await this.transporter.request(method, uri, body);
      status = response.status;
      if (status >= 200 && status < 300) return result as T;
      const detail = typeof result === 'object' && result && 'description' in result ? String((result as { description: unknown }).description) : '';
      throw new ZendeskApiError(
        failureFor(status),
        status,
        `Zendesk answered ${status} to ${method} ${route}${detail ? `: ${detail.slice(0, 200)}` : ''}`,
        parseRetryAfter(response.headers.get('retry-after')),
      );
    } catch (err) {
      if (err instanceof ZendeskApiError) throw err;
      // Timeouts, refused connections and unparsable bodies (an HTML 502 page) all mean "try later".
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new ZendeskApiError('zendesk_unavailable', status, `Zendesk did not answer ${method} ${route}: ${reason.slice(0, 200)}`);
    } finally {
      this.opts.onCall?.({ method, route, status, ms: performance.now() - started });
    }
  }

  async getTicket(id: string): Promise<ZTicket> {
    const r = await this.call<{ ticket: ZTicket }>('GET', 'tickets.show', ['tickets', id]);
    return r.ticket;
  }

  /** Every comment, oldest first, with their authors side-loaded. */
  async listComments(id: string): Promise<{ comments: ZComment[]; users: ZUser[] }> {
    const comments: ZComment[] = [];
    const users = new Map<number, ZUser>();
    await this.pages<{ comments?: ZComment[]; users?: ZUser[] }>('tickets.comments', ['tickets', id, 'comments', { include: 'users' }], `/api/v2/tickets/${id}/comments`, (r) => {
      comments.push(...(r.comments ?? []));
      for (const u of r.users ?? []) users.set(u.id, u);
    });
    return { comments, users: [...users.values()] };
  }

  /** Every audit of a ticket, oldest first: who changed what, and the metadata sent with each update. */
  async listAudits(id: string): Promise<ZAudit[]> {
    const audits: ZAudit[] = [];
    await this.pages<{ audits?: ZAudit[] }>('tickets.audits', ['tickets', id, 'audits'], `/api/v2/tickets/${id}/audits`, (r) => {
      audits.push(...(r.audits ?? []));
    });
    return audits;
  }

  // Follows offset (`next_page`) or cursor (`links.next` with `meta.has_more`) pages. A next link is only followed on
  // the same endpoint, and always sent to our configured ZENDESK_URL: Zendesk writes its own canonical host into the
  // link, which may be cased differently or be the zendesk.com name behind a host-mapped brand (node-zendesk would
  // only pass a link through unchanged when it contains endpointUri verbatim).
  private async pages<R>(route: string, first: unknown, path: string, take: (r: R) => void): Promise<void> {
    let uri: unknown = first;
    for (let page = 0; uri && page < 60; page++) {
      const r = await this.call<R & { next_page?: string | null; meta?: { has_more?: boolean }; links?: { next?: string | null } }>('GET', route, uri);
      take(r);
      const next = r.next_page ?? (r.meta?.has_more ? r.links?.next : null) ?? null;
      uri = next ? samePagedEndpoint(next, this.opts.url, path) : null;
    }
  }

  async getUser(id: string): Promise<ZUser> {
    const r = await this.call<{ user: ZUser }>('GET', 'users.show', ['users', id]);
    return r.user;
  }

  /** An agent by e-mail (Slack approvers are mapped to the Zendesk agent who authors the reply). */
  async findUserByEmail(email: string): Promise<ZUser | null> {
    const r = await this.call<{ users?: ZUser[] }>('GET', 'users.search', ['users', 'search', { query: `email:${email}` }]);
    return r.users?.find((u) => u.email?.toLowerCase() === email.toLowerCase()) ?? null;
  }

  /** The API user itself: its own writes must never trigger work (loop guard). */
  async me(): Promise<ZUser> {
    if (!this.meCache) this.meCache = (await this.call<{ user: ZUser }>('GET', 'users.me', ['users', 'me'])).user;
    return this.meCache;
  }

  async updateTicket(id: string, ticket: ZTicketUpdate): Promise<{ ticket: ZTicket; audit?: { events?: Array<{ id: number; type: string }> } }> {
    return this.call('PUT', 'tickets.update', ['tickets', id], { ticket });
  }

  /** Tickets changed since `startTime` (Unix seconds), for the reconciliation poll. */
  async ticketsUpdatedSince(startTime: number): Promise<{ tickets: ZTicket[]; endTime: number; more: boolean }> {
    const r = await this.call<{ tickets?: ZTicket[]; end_time?: number; end_of_stream?: boolean }>(
      'GET',
      'incremental.tickets',
      // exclude_deleted: a deleted ticket has nothing to draft. Allowed for admins only (see api-user.ts).
      ['incremental', 'tickets', { start_time: String(startTime), exclude_deleted: 'true' }],
    );
    return { tickets: r.tickets ?? [], endTime: r.end_time ?? startTime, more: r.end_of_stream === false };
  }
}

export function isZendeskError(err: unknown): err is ZendeskApiError {
  return err instanceof ZendeskApiError;
}

export const zendeskOff = () => new AppError('integration_off', 'The Zendesk API is not configured (ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN).', 503);
