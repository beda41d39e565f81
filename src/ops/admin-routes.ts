// Admin endpoints (bearer ADMIN_TOKEN): dead letters and failed events, the auto-send kill switch (stored in the
// database so that every instance obeys it at once; the circuit breaker throws the same switch), and the labels
// agents' decisions left: export and erasure.
import { timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors.js';
import { exportLabelLines } from '../labels/export.js';
import type { OutboxRow, OutboxState, Store } from '../store/types.js';
import { autoSendKilled, breakerTrip, setAutoSend } from './auto-send-switch.js';

export { autoSendKilled, KILL_SWITCH_KEY } from './auto-send-switch.js';

function authorised(req: FastifyRequest, token: string | null): boolean {
  if (!token) return false;
  // The scheme is required: a bare token in the header is refused, as RFC 6750 defines the header.
  const m = /^Bearer ([^\s]+)$/i.exec(String(req.headers.authorization ?? ''));
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export interface AdminOptions {
  store: Store;
  token: string | null;
  now: () => Date;
  /** Wakes the outbox sender so a revived row goes out now rather than at the next poll. */
  wakeOutbox?: () => void;
  /** AUTO_SEND from the configuration: the switch can only hold auto-send back, never turn it on by itself. */
  autoSendSetting?: boolean;
}

const TICKET_ID = /^[A-Za-z0-9_-]{1,64}$/;
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === '';

const ROW_ID = /^[1-9]\d{0,15}$/;

/** The onRequest hook every admin route sits behind (404 while ADMIN_TOKEN is unset, 401 without it). */
export function adminGuard(token: string | null) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!token) return reply.code(404).send(errorBody('integration_off', 'The admin API is off: set ADMIN_TOKEN to enable it.'));
    if (!authorised(req, token)) return reply.code(401).send(errorBody('not_authorised', 'Send Authorization: Bearer <ADMIN_TOKEN>.'));
  };
}

export async function adminRoutes(app: FastifyInstance, o: AdminOptions): Promise<void> {
  app.addHook('onRequest', adminGuard(o.token));

  app.get<{ Querystring: { state?: string; limit?: string } }>('/admin/outbox', async (req) => {
    const states = (req.query.state ?? 'dead').split(',').filter((s): s is OutboxState => ['pending', 'claimed', 'sent', 'dead'].includes(s));
    const rows = await o.store.listOutbox({ states, limit: Math.min(Number(req.query.limit ?? 100) || 100, 1000) });
    // Payloads can hold reply text: admins get ids, kinds and errors, not ticket content.
    return {
      stats: await o.store.outboxStats(o.now()),
      rows: rows.map(({ payload: _p, result: _r, ...rest }) => rest),
    };
  });

  const revived = (row: OutboxRow) =>
    o.store.audit({ action: 'outbox.revived', ticketId: row.ticketId, draftId: row.draftId, actor: 'admin', details: { outboxId: row.id, kind: row.kind } }, o.now());

  // A dead letter (Zendesk or Slack refused it, or stayed down past every attempt) goes out again once the cause is
  // fixed: one row by id, or every dead row at once. Idempotency keys still hold, so nothing is written twice.
  app.post<{ Params: { id: string } }>('/admin/outbox/:id/retry', async (req, reply) => {
    if (!ROW_ID.test(req.params.id)) return reply.code(404).send(errorBody('not_found', 'No outbox row has that id: ids are positive integers (see GET /admin/outbox).'));
    const row = await o.store.reviveOutbox(Number(req.params.id), o.now());
    if (!row) {
      return reply.code(409).send(errorBody('outbox_not_dead', `Outbox row ${req.params.id} does not exist or is not a dead letter; only dead rows can be retried.`));
    }
    await revived(row);
    req.log.warn({ outboxId: row.id, kind: row.kind, ticketId: row.ticketId }, 'dead letter revived by an admin');
    o.wakeOutbox?.();
    return { revived: [row.id] };
  });
  app.post('/admin/outbox/retry-dead', async (req) => {
    const rows = await o.store.reviveAllDeadOutbox(o.now());
    for (const row of rows) await revived(row);
    if (rows.length) req.log.warn({ count: rows.length }, 'dead letters revived by an admin');
    o.wakeOutbox?.();
    return { revived: rows.map((r) => r.id) };
  });

  const autoSendState = async () => {
    const killed = await autoSendKilled(o.store);
    return { enabled: (o.autoSendSetting ?? false) && !killed, setting: o.autoSendSetting ?? false, killed, breaker: await breakerTrip(o.store) };
  };
  app.get('/admin/auto-send', autoSendState);
  // The one way back after the circuit breaker (or a kill): {"enabled": true}. {"enabled": false} turns it off.
  app.post<{ Body: { enabled?: unknown } | null }>('/admin/auto-send', async (req, reply) => {
    const raw = req.body && typeof req.body === 'object' ? req.body.enabled : undefined;
    if (typeof raw !== 'boolean') return reply.code(400).send(errorBody('payload_invalid', 'Send {"enabled": true} to turn auto-send back on, or {"enabled": false} to turn it off.'));
    await setAutoSend(o.store, raw, 'admin', o.now());
    req.log.warn({ enabled: raw }, raw ? 'auto-send turned back on by an admin' : 'auto-send turned off by an admin');
    return autoSendState();
  });
  app.post('/admin/auto-send/kill', async (req) => {
    await setAutoSend(o.store, false, 'admin', o.now());
    req.log.warn('auto-send kill switch engaged');
    return { killed: true };
  });
  app.post('/admin/auto-send/resume', async (req) => {
    await setAutoSend(o.store, true, 'admin', o.now());
    req.log.warn('auto-send kill switch released');
    return { killed: false };
  });

  // Labelled tickets in the corpus format (JSONL), for `m365-guide eval` and training. ?redact=1 removes e-mail
  // addresses, phone numbers and signature blocks; ?since=2025-01-01 limits by decision time.
  app.get<{ Querystring: { redact?: string; since?: string } }>('/admin/labels', async (req, reply) => {
    const since = req.query.since ? new Date(req.query.since) : undefined;
    if (since && Number.isNaN(since.getTime())) return reply.code(400).send(errorBody('payload_invalid', 'since must be a date such as 2025-01-31 or an ISO timestamp.'));
    const redact = req.query.redact !== undefined && truthy(req.query.redact);
    await o.store.audit({ action: 'labels.exported', actor: 'admin', details: { redact, since: since?.toISOString() ?? null, door: 'http' } }, o.now());
    return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(exportLabelLines(o.store, { redact, ...(since ? { since } : {}) })));
  });
  // Erasure on request: the ticket's stored text goes (labels keep their reading and counts, not the words).
  app.delete<{ Params: { ticketId: string } }>('/admin/labels/:ticketId', async (req, reply) => {
    if (!TICKET_ID.test(req.params.ticketId)) return reply.code(404).send(errorBody('not_found', 'Ticket ids are Zendesk ticket numbers.'));
    const erased = await o.store.eraseTicketText(req.params.ticketId, o.now());
    await o.store.audit({ action: 'labels.erased', ticketId: req.params.ticketId, actor: 'admin', details: erased }, o.now());
    req.log.warn({ ticketId: req.params.ticketId, ...erased }, 'ticket text erased on request');
    return { ticketId: req.params.ticketId, erased };
  });
}
