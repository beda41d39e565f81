// Queue (signed in): pending drafts, newest first, filtered by branch and language; Approve (with an optional edit)
// and Reject. Approval goes through drafts/approveDraft, the same function the Zendesk tag and the Slack button call:
// one conditional state change plus one outbox row, so a draft is posted once whichever door (or double click) wins.
// Every decision answers with a redirect to a GET (POST-redirect-GET), so a reload never posts again; a refusal for
// a draft that is no longer pending is such a redirect too, and names (and links) the newer draft. Only an invalid
// form (an empty or too long edit) is answered in place, with the agent's text back in its box.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { correctDraft } from '../../drafts/correct-draft.js';
import { approveDraft, isOvertaken, rejectDraft, type DraftResult } from '../../drafts/index.js';
import { notifyDecided } from '../../drafts/notify-decided.js';
import { draftNotPending } from '../../drafts/result.js';
import type { DraftRow } from '../../store/types.js';
import { checkAuthor } from '../../zendesk/reply-author.js';
import type { Auth } from '../auth.js';
import { requireUser } from '../guard.js';
import { html, type SafeHtml } from '../html.js';
import { configuredSecrets, replyFailures } from '../reply-failure.js';
import { noticeView, sendPage, type Notice } from '../layout.js';
import { slotsFromForm } from './correct-form.js';
import { draftCard, REJECT_REASONS, type CardContext } from './draft-card.js';
import { emptyQueue } from './queue-empty.js';
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
/**
 * Text the agent typed that no draft card can hold (a reason, edits to a re-drafted draft): shown back, never dropped.
 * `lang`: the language of the draft the text was written for, when it is a reply (WCAG 3.1.2).
 */
type Kept = { label: string; text: string; lang?: string } | null;

/** The sentence that says what the text is labels the box itself, so a screen reader reads it with the text. */
function keptBlock(k: Kept) {
  if (!k) return '';
  return html`<section class="kept" aria-labelledby="kept-title"><h2 id="kept-title">Your text was not lost</h2>
<label for="kept-text">${k.label}</label><textarea id="kept-text" rows="8" readonly${k.lang ? html` lang="${k.lang}"` : ''}>${k.text}</textarea></section>`;
}
const VERB = { approve: 'approved', reject: 'rejected' } as const;
type Verb = keyof typeof VERB;

const draftId = (raw: string): number | null => (/^\d{1,15}$/.test(raw) ? Number(raw) : null);
const form = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Why a draft could not be decided, with a link to the draft that replaced it (read when the page is shown). */
function refusal(d: DraftRow, verb: Verb): SafeHtml {
  const r = draftNotPending(d, VERB[verb]);
  const why = r.ok ? '' : sentence(r.message);
  if (d.state !== 'superseded' || d.supersededBy === null) return html`${why}`;
  return html`${why} <a href="/queue#draft-${d.supersededBy}">Go to the newer draft #${d.supersededBy}</a>.`;
}

function overtakenNotice(d: DraftRow): SafeHtml {
  const text = `Draft #${d.id} was approved but not sent: the customer wrote again before the reply went out.`;
  if (d.supersededBy === null) return html`${text} A draft for their newer message follows.`;
  return html`${text} <a href="/queue#draft-${d.supersededBy}">Go to the newer draft #${d.supersededBy}</a>.`;
}

export async function queueRoutes(app: FastifyInstance, o: { auth: Auth }): Promise<void> {
  const { store, config, now } = app.m365;
  const guard = requireUser(o.auth);

  const keepLabelText = config.labels.retentionDays > 0;
  const secrets = configuredSecrets(config);

  async function render(req: FastifyRequest, reply: FastifyReply, f: QueueFilter, status: number, notice: Notice | null, kept: CardContext['kept'] = null, keptText: Kept = null) {
    const drafts = await store.listDrafts({
      states: [...VIEWS[f.view].states],
      ...(f.branch ? { branch: f.branch } : {}),
      ...(f.language ? { language: f.language } : {}),
      limit: PAGE_SIZE,
    });
    const replyFailed = await replyFailures(store, drafts, secrets);
    const ctx: CardContext = { req, reply, now: now(), zendeskUrl: config.zendesk.api?.url ?? null, autoSendSetting: config.autoSend, filterFields: filterFields(f), kept, replyFailures: replyFailed };
    const empty = async () =>
      emptyQueue({ filter: f, anyDrafts: (await store.listDrafts({ limit: 1 })).length > 0, webhookOn: config.zendesk.webhookSecrets.length > 0, apiOn: config.zendesk.api !== null });
    // The notice sits right before the drafts: once it is focused, the next Tab is in the first draft.
    const body = html`<h1>Queue <small>${drafts.length}${drafts.length === PAGE_SIZE ? '+' : ''} ${VIEWS[f.view].label.toLowerCase()}</small></h1>
${filterForm(f)}
<datalist id="reject-reasons">${REJECT_REASONS.map((r) => html`<option value="${r}">`)}</datalist>
<section id="drafts" class="drafts" tabindex="-1" aria-label="Drafts">
${noticeView(notice)}
${keptBlock(keptText)}
${drafts.length ? drafts.map((d) => draftCard(d, ctx)) : await empty()}
</section>`;
    return sendPage(req, reply, status, { title: 'Queue', active: 'queue', body, skip: { target: 'drafts', label: 'Skip to drafts' } });
  }

  const fail = (req: FastifyRequest, reply: FastifyReply, status: number, message: string, kept: CardContext['kept'] = null, keptText: Kept = null) =>
    render(req, reply, parseFilter(form(req)), status, { kind: 'error', text: message }, kept, keptText);
  const statusOf = (code: string) => (code === 'draft_not_found' ? 404 : code === 'payload_invalid' || code === 'reading_unchanged' ? 400 : 409);

  async function answer(req: FastifyRequest, reply: FastifyReply, id: number, r: DraftResult, done: string, verb: Verb, keptText: Kept = null) {
    const f = parseFilter(form(req));
    if (r.ok) return reply.redirect(`/queue${filterQuery(f, { done, draft: String(id) })}`, 303);
    // A refused edit is kept by the browser for the newer draft (review.js); a refused reason has nowhere to go
    // after a redirect, so that answer is shown in place with the reason.
    if (r.code === 'draft_not_pending' && !keptText) return reply.redirect(`/queue${filterQuery(f, { refused: verb, draft: String(id) })}`, 303);
    return fail(req, reply, statusOf(r.code), sentence(r.message), null, keptText);
  }

  app.get<{ Querystring: Record<string, string> }>('/queue', { preHandler: guard }, async (req, reply) => {
    const f = parseFilter(req.query);
    const id = draftId(req.query.draft ?? '');
    const done = req.query.done && Object.hasOwn(DONE, req.query.done) ? DONE[req.query.done] : undefined;
    let notice: Notice | null = done && id !== null ? { kind: 'ok', text: done(id) } : null;
    const verb = req.query.refused;
    if (id !== null && (verb === 'approve' || verb === 'reject')) {
      const d = await store.getDraft(id);
      if (d && d.state !== 'pending') notice = { kind: 'error', text: refusal(d, verb) };
    }
    // The page the approver landed on, shown again after the sender found the customer had written meanwhile.
    if (id !== null && (req.query.done === 'approved' || req.query.done === 'edited')) {
      const d = await store.getDraft(id);
      if (d && isOvertaken(d)) notice = { kind: 'error', text: overtakenNotice(d) };
    }
    return render(req, reply, f, 200, notice);
  });

  const post = { preValidation: app.csrfProtection, preHandler: guard, bodyLimit: 256 * 1024 };

  app.post<{ Params: { id: string } }>('/queue/drafts/:id/approve', post, async (req, reply) => {
    const id = draftId(req.params.id);
    const user = req.reviewUser!;
    const raw = form(req).editedText;
    const edited = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n') : null;
    if (id === null) return fail(req, reply, 404, 'There is no such draft.');
    if (edited !== null && edited.length > MAX_REPLY) {
      return fail(req, reply, 400, `The edited reply of draft #${id} is longer than ${MAX_REPLY} characters; nothing was sent. Shorten it and approve again.`, { draftId: id, editedText: edited, error: `At most ${MAX_REPLY} characters (now ${edited.length}).` });
    }
    // The reply is posted as this reviewer's Zendesk agent: refuse now, with the reason, if Zendesk would not publish
    // it in their name (light agent, chat-only, not an agent, or a non-admin API user writing for someone else).
    const { zendesk, apiUser } = app.m365;
    if (user.zendeskUserId && zendesk && apiUser) {
      const check = await checkAuthor(zendesk, user.zendeskUserId, await apiUser.get());
      if (!check.ok) {
        const message = `The reply cannot be posted in your name: ${check.reason} Nothing was sent. Ask an admin to set your zendeskUserId in REVIEW_USERS to a full agent.`;
        return fail(req, reply, 409, message, edited !== null ? { draftId: id, editedText: edited, error: 'Not sent: see the message above.' } : null);
      }
    }
    const r = await approveDraft(store, { draftId: id, actor: `review:${user.login}`, door: 'review', editedText: edited, authorId: user.zendeskUserId, keepLabelText, now: now() });
    if (r.ok) {
      req.log.info({ draftId: id, ticketId: r.draft.ticketId, actor: `review:${user.login}`, edited: r.draft.editedText !== null }, 'draft approved on the review page');
      app.m365.metrics.inc('approvals_total', { door: 'review' });
      await notifyDecided(app.m365.onDraftDecided, r.draft, store, req.log);
    } else if (r.code === 'payload_invalid' && edited !== null) {
      return fail(req, reply, 400, `Draft #${id}: ${r.message} Nothing was sent.`, { draftId: id, editedText: edited, error: 'The reply is empty.' });
    }
    return answer(req, reply, id, r, r.ok && r.draft.editedText !== null ? 'edited' : 'approved', 'approve');
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
    return answer(req, reply, id, r, 'rejected', 'reject', r.ok ? null : { label: 'Your reason (the draft was not rejected):', text: reason });
  });

  app.post<{ Params: { id: string } }>('/queue/drafts/:id/correct', post, async (req, reply) => {
    const id = draftId(req.params.id);
    const user = req.reviewUser!;
    const body = form(req);
    const typed = typeof body.typedText === 'string' ? body.typedText.replace(/\r\n?/g, '\n').slice(0, MAX_REPLY) : '';
    // Edits typed into the old draft's "Edit, then approve" box (sent along by review.js) do not fit the new
    // draft's text, but they are the agent's work: shown back, never dropped, in the language of the draft they edit.
    const keep = (d: DraftRow | null): Kept =>
      typed.trim() ? { label: 'Your edits to the previous draft (they were not sent; copy what still fits):', text: typed, ...(d ? { lang: d.language } : {}) } : null;
    if (id === null) return fail(req, reply, 404, 'There is no such draft.', null, keep(null));
    const r = await correctDraft(store, {
      draftId: id,
      actor: `review:${user.login}`,
      door: 'review',
      slots: slotsFromForm(body),
      keepLabelText,
      onCreated: app.m365.onDraftCreated,
      now: now(),
    });
    const kept = keep(r.draft);
    if (!r.ok) return fail(req, reply, statusOf(r.code), sentence(r.message), null, kept);
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
      return render(req, reply, parseFilter(body), 200, notice, null, kept);
    }
    return reply.redirect(`/queue${filterQuery(parseFilter(body), { done, draft: String(shown.id) })}#draft-${shown.id}`, 303);
  });
}
