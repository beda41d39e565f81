// The sidebar's API: the open ticket's draft as an HTML fragment, and the four decisions. Each decision calls the
// same draft function as the other doors (approveDraft, rejectDraft, correctDraft: one conditional state change
// each, so a double click or another door cannot make a second reply), audited as `zendesk-app:<agent id>`.
// The door recorded on the draft is `zendesk` (the sidebar is inside Zendesk; the stored door names predate it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { correctDraft } from '../drafts/correct-draft.js';
import { approveDraft, rejectDraft } from '../drafts/index.js';
import { notifyDecided } from '../drafts/notify-decided.js';
import { slotsFromForm } from '../review/pages/correct-form.js';
import { toDestination } from '../replies/index.js';
import type { DraftRow } from '../store/types.js';
import { STRINGS, uiLang, type UiLang } from './i18n.js';
import { shownText, sidebarView, type ViewOptions } from './sidebar-view.js';

const ID = /^\d{1,15}$/;
type Body = Record<string, unknown>;

interface ViewInput {
  ui: UiLang;
  other: boolean;
  evidence: boolean;
}

const viewInput = (q: Body): ViewInput => ({ ui: uiLang(q.ui), other: q.other === true || q.other === '1', evidence: q.evidence !== false && q.evidence !== '0' });

export async function appApiRoutes(app: FastifyInstance): Promise<void> {
  const { store, config, now, metrics } = app.m365;
  const keepLabelText = config.labels.retentionDays > 0;
  const actor = (req: FastifyRequest) => `zendesk-app:${req.appSession!.agentId}`;

  async function view(ticketId: string, v: ViewInput, extra: Pick<ViewOptions, 'notice' | 'stale'> = {}) {
    const latest = await store.latestDraft(ticketId);
    const o: ViewOptions = { ui: v.ui, otherLanguage: v.other, autoSendSetting: config.autoSend, showEvidence: v.evidence, ...extra };
    return { html: sidebarView(ticketId, latest, o).value, draftId: latest?.id ?? null, state: latest?.state ?? null };
  }

  /** The draft named in the URL, if it belongs to the ticket the sidebar is open on. */
  async function draftFor(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<{ draft: DraftRow; body: Body; v: ViewInput } | null> {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Body;
    const ticketId = String(body.ticketId ?? '');
    const draft = ID.test(req.params.id) && ID.test(ticketId) ? await store.getDraft(Number(req.params.id)) : null;
    if (!draft || draft.ticketId !== ticketId) {
      await reply.code(404).send({ code: 'draft_not_found', message: 'There is no such draft on this ticket.' });
      return null;
    }
    return { draft, body, v: viewInput(body) };
  }

  const failed = async (reply: FastifyReply, d: DraftRow, v: ViewInput, code: string, message: string) => {
    const current = (await store.getDraft(d.id)) ?? d;
    const status = code === 'payload_invalid' || code === 'reading_unchanged' ? 400 : code === 'draft_not_found' ? 404 : 409;
    const text = `${STRINGS[v.ui].error} ${message.charAt(0).toUpperCase()}${message.slice(1)}`;
    return reply.code(status).send({ code, message, ...(await view(d.ticketId, v, { notice: { kind: 'error', text }, stale: current.state === 'superseded' ? current : null })) });
  };

  app.get<{ Params: { ticketId: string }; Querystring: Body }>('/zendesk-app/api/tickets/:ticketId', async (req, reply) => {
    if (!ID.test(req.params.ticketId)) return reply.code(404).send({ code: 'not_found', message: 'Not a ticket id.' });
    const v = viewInput(req.query);
    const seen = ID.test(String(req.query.seen ?? '')) ? await store.getDraft(Number(req.query.seen)) : null;
    const stale = seen && seen.ticketId === req.params.ticketId && seen.state === 'superseded' ? seen : null;
    return view(req.params.ticketId, v, { stale });
  });

  app.post<{ Params: { id: string } }>('/zendesk-app/api/drafts/:id/approve', async (req, reply) => {
    const found = await draftFor(req, reply);
    if (!found) return;
    const { draft, v } = found;
    // "Approve and send" sends what the agent sees: in the other language, that text is the approved edit.
    const editedText = v.other ? shownText(draft, true).text : null;
    const r = await approveDraft(store, { draftId: draft.id, actor: actor(req), door: 'zendesk', editedText, authorId: req.appSession!.agentId, keepLabelText, now: now() });
    if (!r.ok) return failed(reply, draft, v, r.code, r.message);
    metrics.inc('approvals_total', { door: 'zendesk-app' });
    req.log.info({ draftId: draft.id, ticketId: draft.ticketId, actor: actor(req) }, 'draft approved in the Zendesk sidebar');
    await notifyDecided(app.m365.onDraftDecided, r.draft, store, req.log);
    app.m365.pollers.outbox?.wake();
    return view(draft.ticketId, { ...v, other: false }, { notice: { kind: 'ok', text: STRINGS[v.ui].approved } });
  });

  app.post<{ Params: { id: string } }>('/zendesk-app/api/drafts/:id/reject', async (req, reply) => {
    const found = await draftFor(req, reply);
    if (!found) return;
    const { draft, body, v } = found;
    const reason = typeof body.reason === 'string' ? body.reason.replace(/\s+/g, ' ').trim().slice(0, 500) : '';
    if (!reason) return failed(reply, draft, v, 'payload_invalid', STRINGS[v.ui].rejectReason);
    const r = await rejectDraft(store, { draftId: draft.id, actor: actor(req), door: 'zendesk', reason, keepLabelText, now: now() });
    if (!r.ok) return failed(reply, draft, v, r.code, r.message);
    metrics.inc('rejections_total', { door: 'zendesk-app' });
    req.log.info({ draftId: draft.id, ticketId: draft.ticketId, actor: actor(req) }, 'draft rejected in the Zendesk sidebar');
    await notifyDecided(app.m365.onDraftDecided, r.draft, store, req.log);
    app.m365.pollers.outbox?.wake();
    return view(draft.ticketId, v, { notice: { kind: 'ok', text: STRINGS[v.ui].rejected } });
  });

  app.post<{ Params: { id: string } }>('/zendesk-app/api/drafts/:id/correct', async (req, reply) => {
    const found = await draftFor(req, reply);
    if (!found) return;
    const { draft, body, v } = found;
    const slots = slotsFromForm(body.slots && typeof body.slots === 'object' ? (body.slots as Body) : {});
    const r = await correctDraft(store, { draftId: draft.id, actor: actor(req), door: 'zendesk', slots, keepLabelText, onCreated: app.m365.onDraftCreated, now: now() });
    if (!r.ok) return failed(reply, draft, v, r.code, r.message);
    metrics.inc('corrections_total', { door: 'zendesk-app' });
    if (r.tripped) {
      metrics.inc('auto_send_breaker_trips_total');
      req.log.warn({ ticketId: draft.ticketId, draftId: draft.id, from: draft.branch, to: r.labels.branch }, 'auto-sent reply corrected: auto-send turned off');
    }
    req.log.info({ draftId: draft.id, ticketId: draft.ticketId, correctedDraftId: r.corrected?.id ?? null, to: r.labels.branch, actor: actor(req) }, 'reading corrected in the Zendesk sidebar');
    if (r.draft.state !== 'auto' && r.draft.state !== 'posted') await notifyDecided(app.m365.onDraftDecided, r.draft, store, req.log);
    app.m365.pollers.outbox?.wake();
    return view(draft.ticketId, { ...v, other: false }, { notice: { kind: 'ok', text: r.corrected ? STRINGS[v.ui].corrected : STRINGS[v.ui].correctedClosed } });
  });

  // Insert into reply: the page puts the text into the agent's composer through ZAF; the agent sends it. Recorded
  // here so the worker can count the ticket's next public comment that carries it as this agent's approval.
  app.post<{ Params: { id: string } }>('/zendesk-app/api/drafts/:id/insert', async (req, reply) => {
    const found = await draftFor(req, reply);
    if (!found) return;
    const { draft, v } = found;
    if (draft.state !== 'pending') return failed(reply, draft, v, 'draft_not_pending', `draft #${draft.id} is no longer waiting for a decision.`);
    const shown = shownText(draft, v.other);
    await store.audit({ action: 'draft.inserted', ticketId: draft.ticketId, draftId: draft.id, actor: actor(req), details: { door: 'zendesk-app', language: shown.language, agentId: req.appSession!.agentId } }, now());
    metrics.inc('zendesk_app_inserts_total');
    return { draftId: draft.id, markdown: toDestination(shown.text, 'markdown'), text: toDestination(shown.text, 'text'), notice: STRINGS[v.ui].inserted };
  });
}
