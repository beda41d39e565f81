// Queue (signed in): pending drafts, newest first, filtered by branch and language; Approve, Edit then approve and
// Reject. Approval goes through drafts/approveDraft, the same function the Zendesk tag and the Slack button call: one
// conditional state change plus one outbox row, so a draft is posted once whichever door (or double click) wins.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { correctDraft } from '../../drafts/correct-draft.js';
import { approveDraft, rejectDraft, type DraftResult } from '../../drafts/index.js';
import { notifyDecided } from '../../drafts/notify-decided.js';
import { checkAuthor } from '../../zendesk/reply-author.js';
import type { Auth } from '../auth.js';
import { requireUser } from '../guard.js';
import { html } from '../html.js';
import { sendPage } from '../layout.js';
import { slotsFromForm } from './correct-form.js';
import { draftCard, REJECT_REASONS } from './draft-card.js';
import { filterFields, filterForm, filterQuery, parseFilter, VIEWS, type QueueFilter } from './queue-filter.js';

const PAGE_SIZE = 50;
const MAX_REPLY = 20_000;
const DONE: Record<string, (id: number) => string> = {
  approved: (id) => `Draft #${id} approved: the public reply is queued and will be posted once.`,
  edited: (id) => `Draft #${id} approved with your edits: the edited reply is queued and will be posted once.`,
  rejected: (id) => `Draft #${id} rejected; the reason is recorded for the analytics.`,
  corrected: (id) => `Reading corrected: draft #${id} was written for it and is ready to approve.`,
  'corrected-closed': (id) => `Reading corrected: draft #${id} is closed without a reply (nothing was sent).`,
};
type Notice = { kind: 'ok' | 'error'; text: string } | null;
/** Text the agent typed that the answer could not use (a failed edit, a reason, edits to a re-drafted draft). */
type Kept = { label: string; text: string } | null;

function keptBlock(k: Kept) {
  if (!k) return '';
  return html`<section class="kept" aria-labelledby="kept-title"><h2 id="kept-title">Your text was not lost</h2>
<p>${k.label}</p><label class="visually-hidden" for="kept-text">Your text</label><textarea id="kept-text" rows="8" readonly>${k.text}</textarea></section>`;
}

const draftId = (raw: string): number | null => (/^\d{1,15}$/.test(raw) ? Number(raw) : null);
const form = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

export async function queueRoutes(app: FastifyInstance, o: { auth: Auth }): Promise<void> {
  const { store, config, now } = app.m365;
  const guard = requireUser(o.auth);

  async function render(req: FastifyRequest, reply: FastifyReply, f: QueueFilter, status: number, notice: Notice, kept: Kept = null) {
    const drafts = await store.listDrafts({
      states: [...VIEWS[f.view].states],
      ...(f.branch ? { branch: f.branch } : {}),
      ...(f.language ? { language: f.language } : {}),
      limit: PAGE_SIZE,
    });
    const ctx = { req, reply, now: now(), zendeskUrl: config.zendesk.api?.url ?? null, autoSendSetting: config.autoSend, filterFields: filterFields(f) };
    const body = html`<h1>Queue <small>${drafts.length}${drafts.length === PAGE_SIZE ? '+' : ''} ${VIEWS[f.view].label.toLowerCase()}</small></h1>
${keptBlock(kept)}
${filterForm(f)}
<datalist id="reject-reasons">${REJECT_REASONS.map((r) => html`<option value="${r}">`)}</datalist>
${drafts.length ? drafts.map((d) => draftCard(d, ctx)) : html`<p class="empty">Nothing here${f.view === 'pending' ? ': every draft has been handled' : ''}.</p>`}`;
    return sendPage(req, reply, status, { title: 'Queue', active: 'queue', body, notice, scripts: ['/assets/review/review.js'] });
  }

  const fail = (req: FastifyRequest, reply: FastifyReply, status: number, message: string, kept: Kept = null) =>
    render(req, reply, parseFilter(form(req)), status, { kind: 'error', text: message }, kept);
  const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);
  const statusOf = (code: string) => (code === 'draft_not_found' ? 404 : code === 'payload_invalid' || code === 'reading_unchanged' ? 400 : 409);

  async function answer(req: FastifyRequest, reply: FastifyReply, id: number, r: DraftResult, done: string, kept: Kept = null) {
    if (r.ok) return reply.redirect(`/queue${filterQuery(parseFilter(form(req)), { done, draft: String(id) })}`, 303);
    return fail(req, reply, statusOf(r.code), sentence(r.message), kept);
  }

  app.get<{ Querystring: Record<string, string> }>('/queue', { preHandler: guard }, async (req, reply) => {
    const f = parseFilter(req.query);
    const id = draftId(req.query.draft ?? '');
    const done = req.query.done && Object.hasOwn(DONE, req.query.done) ? DONE[req.query.done] : undefined;
    return render(req, reply, f, 200, done && id !== null ? { kind: 'ok', text: done(id) } : null);
  });

  const post = { preValidation: app.csrfProtection, preHandler: guard, bodyLimit: 256 * 1024 };
  const keepLabelText = config.labels.retentionDays > 0;

  app.post<{ Params: { id: string } }>('/queue/drafts/:id/approve', post, async (req, reply) => {
    const id = draftId(req.params.id);
    const user = req.reviewUser!;
    const raw = form(req).editedText;
    const edited = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n') : null;
    if (id === null) return fail(req, reply, 404, 'There is no such draft.');
    const keptEdit: Kept = edited !== null ? { label: 'The reply as you edited it (nothing was sent):', text: edited } : null;
    if (edited !== null && edited.length > MAX_REPLY) return fail(req, reply, 400, `The edited reply is longer than ${MAX_REPLY} characters.`, keptEdit);
    // The reply is posted as this reviewer's Zendesk agent: refuse now, with the reason, if Zendesk would not publish
    // it in their name (light agent, chat-only, not an agent, or a non-admin API user writing for someone else).
    const { zendesk, apiUser } = app.m365;
    if (user.zendeskUserId && zendesk && apiUser) {
      const check = await checkAuthor(zendesk, user.zendeskUserId, await apiUser.get());
      if (!check.ok) return fail(req, reply, 409, `The reply cannot be posted in your name: ${check.reason} Nothing was sent. Ask an admin to set your zendeskUserId in REVIEW_USERS to a full agent.`, keptEdit);
    }
    const r = await approveDraft(store, { draftId: id, actor: `review:${user.login}`, door: 'review', editedText: edited, authorId: user.zendeskUserId, keepLabelText, now: now() });
    if (r.ok) {
      req.log.info({ draftId: id, ticketId: r.draft.ticketId, actor: `review:${user.login}`, edited: r.draft.editedText !== null }, 'draft approved on the review page');
      app.m365.metrics.inc('approvals_total', { door: 'review' });
      await notifyDecided(app.m365.onDraftDecided, r.draft, store, req.log);
    }
    return answer(req, reply, id, r, r.ok && r.draft.editedText !== null ? 'edited' : 'approved', keptEdit);
  });

  app.post<{ Params: { id: string } }>('/queue/drafts/:id/reject', post, async (req, reply) => {
    const id = draftId(req.params.id);
    const user = req.reviewUser!;
    const raw = form(req).reason;
    const reason = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim().slice(0, 500) : '';
    if (id === null) return fail(req, reply, 404, 'There is no such draft.');
    if (!reason) return fail(req, reply, 400, 'Say why the draft is rejected; the team sees the reasons in Analytics.');
    const r = await rejectDraft(store, { draftId: id, actor: `review:${user.login}`, door: 'review', reason, keepLabelText, now: now() });
    if (r.ok) {
      req.log.info({ draftId: id, ticketId: r.draft.ticketId, actor: `review:${user.login}` }, 'draft rejected on the review page');
      app.m365.metrics.inc('rejections_total', { door: 'review' });
      await notifyDecided(app.m365.onDraftDecided, r.draft, store, req.log);
    }
    return answer(req, reply, id, r, 'rejected', { label: 'Your reason (the draft was not rejected):', text: reason });
  });

  app.post<{ Params: { id: string } }>('/queue/drafts/:id/correct', post, async (req, reply) => {
    const id = draftId(req.params.id);
    const user = req.reviewUser!;
    const body = form(req);
    const typed = typeof body.typedText === 'string' ? body.typedText.replace(/\r\n?/g, '\n').slice(0, MAX_REPLY) : '';
    // Edits typed into the old draft's "Edit, then approve" box (sent along by review.js) do not fit the new
    // draft's text, but they are the agent's work: shown back, never dropped.
    const kept: Kept = typed.trim() ? { label: 'Your edits to the previous draft (they were not sent; copy what still fits):', text: typed } : null;
    if (id === null) return fail(req, reply, 404, 'There is no such draft.', kept);
    const r = await correctDraft(store, {
      draftId: id,
      actor: `review:${user.login}`,
      door: 'review',
      slots: slotsFromForm(body),
      keepLabelText,
      onCreated: app.m365.onDraftCreated,
      now: now(),
    });
    if (!r.ok) return fail(req, reply, statusOf(r.code), sentence(r.message), kept);
    app.m365.metrics.inc('corrections_total', { door: 'review' });
    if (r.tripped) {
      app.m365.metrics.inc('auto_send_breaker_trips_total');
      req.log.warn({ ticketId: r.draft.ticketId, draftId: id, from: r.draft.branch, to: r.labels.branch }, 'auto-sent reply corrected: auto-send turned off');
    }
    req.log.info({ draftId: id, ticketId: r.draft.ticketId, correctedDraftId: r.corrected?.id ?? null, to: r.labels.branch, actor: `review:${user.login}` }, 'reading corrected on the review page');
    if (r.draft.state !== 'auto' && r.draft.state !== 'posted') await notifyDecided(app.m365.onDraftDecided, r.draft, store, req.log);
    const shown = r.corrected ?? r.draft;
    const done = r.corrected ? 'corrected' : 'corrected-closed';
    if (kept) {
      const notice = { kind: 'ok' as const, text: DONE[done]!(shown.id) };
      return render(req, reply, parseFilter(body), 200, notice, kept);
    }
    return reply.redirect(`/queue${filterQuery(parseFilter(body), { done, draft: String(shown.id) })}#draft-${shown.id}`, 303);
  });
}
