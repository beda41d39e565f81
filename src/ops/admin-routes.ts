// Admin endpoints (bearer ADMIN_TOKEN): dead letters and failed events, and the auto-send kill switch, which is
// stored in the database so that every instance obeys it at once.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors.js';
import type { OutboxRow, OutboxState, Store } from '../store/types.js';

export const KILL_SWITCH_KEY = 'auto_send.killed';

export async function autoSendKilled(store: Store): Promise<boolean> {
  return (await store.getMeta(KILL_SWITCH_KEY)) === 'true';
}

function authorised(req: FastifyRequest, token: string | null): boolean {
  if (!token) return false;
  const given = Buffer.from(String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export interface AdminOptions {
  store: Store;
  token: string | null;
  now: () => Date;
  /** Wakes the outbox sender so a revived row goes out now rather than at the next poll. */
  wakeOutbox?: () => void;
}

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

  app.get('/admin/auto-send', async () => ({ killed: await autoSendKilled(o.store) }));
  app.post('/admin/auto-send/kill', async (req) => {
    await o.store.setMeta(KILL_SWITCH_KEY, 'true');
    await o.store.audit({ action: 'auto_send.killed', actor: 'admin' }, o.now());
    req.log.warn('auto-send kill switch engaged');
    return { killed: true };
  });
  app.post('/admin/auto-send/resume', async (req) => {
    await o.store.setMeta(KILL_SWITCH_KEY, 'false');
    await o.store.audit({ action: 'auto_send.resumed', actor: 'admin' }, o.now());
    req.log.warn('auto-send kill switch released');
    return { killed: false };
  });
}
