// Queue (signed in): pending drafts, newest first, filtered by branch and language; Approve (with an optional edit)
// and Reject. Approval goes through drafts/approveDraft, the same function the Zendesk tag and the Slack button call:
// one conditional state change plus one outbox row, so a draft is posted once whichever door (or double click) wins.
// Every decision answers with a redirect to a GET (POST-redirect-GET), so a reload never posts again; a refusal for
// a draft that is no longer pending is such a redirect too, and names (and links) the newer draft. Only an invalid
// form (an empty or too long edit) is answered in place, with the agent's text back in its box.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { approveDraft, rejectDraft, type DraftResult } from '../../drafts/index.js';
import { notifyDecided } from '../../drafts/notify-decided.js';
import { draftNotPending } from '../../drafts/result.js';
import type { DraftRow } from '../../store/types.js';
import type { Auth } from '../auth.js';
import { requireUser } from '../guard.js';
import { html, type SafeHtml } from '../html.js';
import { noticeView, sendPage, type Notice } from '../layout.js';
import { draftCard, REJECT_REASONS, type CardContext } from './draft-card.js';
import { emptyQueue } from './queue-empty.js';
import { filterFields, filterForm, filterQuery, parseFilter, VIEWS, type QueueFilter } from './queue-filter.js';

const PAGE_SIZE = 50;
const MAX_REPLY = 20_000;
const DONE: Record<string, (id: number) => string> = {
  approved: (id) => `Draft #${id} approved: the public reply is queued and will be posted once.`,
  edited: (id) => `Draft #${id} approved with your edits: the edited reply is queued and will be posted once.`,
  rejected: (id) => `Draft #${id} rejected; the reason is recorded for the analytics.`,
};
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

export async function queueRoutes(app: FastifyInstance, o: { auth: Auth }): Promise<void> {
  const { store, config, now } = app.m365;
  const guard = requireUser(o.auth);

  async function render(req: FastifyRequest, reply: FastifyReply, f: QueueFilter, status: number, notice: Notice | null, kept: CardContext['kept'] = null) {
    const drafts = await store.listDrafts({
      states: [...VIEWS[f.view].states],
      ...(f.branch ? { branch: f.branch } : {}),
      ...(f.language ? { language: f.language } : {}),
      limit: PAGE_SIZE,
    });
    const ctx: CardContext = { req, reply, now: now(), zendeskUrl: config.zendesk.api?.url ?? null, autoSendSetting: config.autoSend, filterFields: filterFields(f), kept };
    const empty = async () =>
      emptyQueue({ filter: f, anyDrafts: (await store.listDrafts({ limit: 1 })).length > 0, webhookOn: config.zendesk.webhookSecrets.length > 0, apiOn: config.zendesk.api !== null });
    // The notice sits right before the drafts: once it is focused, the next Tab is in the first draft.
    const body = html`<h1>Queue <small>${drafts.length}${drafts.length === PAGE_SIZE ? '+' : ''} ${VIEWS[f.view].label.toLowerCase()}</small></h1>
${filterForm(f)}
<datalist id="reject-reasons">${REJECT_REASONS.map((r) => html`<option value="${r}">`)}</datalist>
<section id="drafts" class="drafts" tabindex="-1" aria-label="Drafts">
${noticeView(notice)}
${drafts.length ? drafts.map((d) => draftCard(d, ctx)) : await empty()}
</section>`;
    return sendPage(req, reply, status, { title: 'Queue', active: 'queue', body, skip: { target: 'drafts', label: 'Skip to drafts' } });
  }

  const fail = (req: FastifyRequest, reply: FastifyReply, status: number, message: string, kept: CardContext['kept'] = null) =>
    render(req, reply, parseFilter(form(req)), status, { kind: 'error', text: message }, kept);

  async function answer(req: FastifyRequest, reply: FastifyReply, id: number, r: DraftResult, done: string, verb: Verb) {
    const f = parseFilter(form(req));
    if (r.ok) return reply.redirect(`/queue${filterQuery(f, { done, draft: String(id) })}`, 303);
    if (r.code === 'draft_not_pending') return reply.redirect(`/queue${filterQuery(f, { refused: verb, draft: String(id) })}`, 303);
    return fail(req, reply, r.code === 'draft_not_found' ? 404 : 400, sentence(r.message));
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
    const r = await approveDraft(store, { draftId: id, actor: `review:${user.login}`, door: 'review', editedText: edited, authorId: user.zendeskUserId, now: now() });
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
    const r = await rejectDraft(store, { draftId: id, actor: `review:${user.login}`, door: 'review', reason, now: now() });
    if (r.ok) {
      req.log.info({ draftId: id, ticketId: r.draft.ticketId, actor: `review:${user.login}` }, 'draft rejected on the review page');
      app.m365.metrics.inc('rejections_total', { door: 'review' });
      await notifyDecided(app.m365.onDraftDecided, r.draft, store, req.log);
    }
    return answer(req, reply, id, r, 'rejected', 'reject');
  });
}
