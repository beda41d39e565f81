// The Reject button opens a modal asking why (views.open; the reason is kept with the draft and shown on the
// card). Submitting it rejects through rejectDraft, the same function as the other doors.
// A trigger_id works for 3 seconds (https://docs.slack.dev/interactivity/handling-user-interaction), so the modal
// opens first, before anything that may wait on the network (a user group read); those checks run next and, if one
// fails, replace the open modal with the reason (views.update). Only an answer known without a call (a listed user,
// a fresh group cache) refuses before the modal. The approver check runs again on submit (rights can change while
// the modal is open).
import type { App, BlockAction, ButtonAction, ViewSubmitAction, types } from '@slack/bolt';
import { correctDraft } from '../drafts/correct-draft.js';
import { rejectDraft } from '../drafts/reject-draft.js';
import type { DraftRow } from '../store/types.js';
import { adoptOrOrphan, approverVerdict, CHECK_FAILED, clickOf, healOrphan, notAuthorised, refuseDecided, tell, type Click } from './click.js';
import { cardFor, queueCardUpdate } from './card-queue.js';
import { REJECT_ACTION, statusLine } from './cards.js';
import type { SlackDeps } from './deps.js';
import { correctionBlocks, submittedCorrection, type SubmittedCorrection } from './reject-correction.js';
import { postToResponseUrl } from './response-url.js';
import { slackErrorCode } from './slack-errors.js';
import { plain, section } from './text.js';

export const REJECT_MODAL = 'draft_reject_modal';
const REASON_BLOCK = 'reason';
const REASON_INPUT = 'reason_input';

interface ModalMeta {
  draftId: number;
  /** Set when the card was ephemeral: the modal's outcome replaces it there. */
  responseUrl?: string;
  /** Set when the clicked card was a duplicate: it is updated with the outcome too. */
  orphan?: { channel: string; ts: string };
}

/** `draft`: read from our own store (no network round trip) so the correction choices start from the reading. */
function rejectModal(meta: ModalMeta, draft: DraftRow | null): types.View {
  return {
    type: 'modal',
    callback_id: REJECT_MODAL,
    private_metadata: JSON.stringify(meta),
    title: plain('Reject draft', 24),
    submit: plain('Reject', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(`Reject draft #${meta.draftId}? Nothing is sent to the customer; the reason is kept with the draft.`),
      {
        type: 'input',
        block_id: REASON_BLOCK,
        // Optional for Slack: a correction below is reason enough; without one, the submit handler asks for it.
        optional: true,
        label: plain('Why is this draft wrong?'),
        element: { type: 'plain_text_input', action_id: REASON_INPUT, multiline: true, max_length: 500 },
      },
      ...(draft && draft.state === 'pending' ? correctionBlocks(draft) : []),
    ],
  };
}

/** The open modal replaced by an explanation (no submit button). */
function noticeModal(text: string): types.View {
  return { type: 'modal', title: plain('Reject draft', 24), close: plain('Close', 24), blocks: [section(text)] };
}

export function registerRejectAction(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: REJECT_ACTION }, async ({ ack, body, respond, client }) => {
    await ack();
    const click = clickOf(body, respond);
    if (!click) return;
    if (deps.approvers.knownNow(click.userId, deps.rt.now().getTime()) === false) {
      await approverVerdict(deps, click.userId, click.draftId, 'reject'); // audits the refusal
      return tell(click, notAuthorised('reject'));
    }
    const orphan = click.card && (await adoptOrOrphan(deps, click)) ? click.card : null;
    const meta: ModalMeta = {
      draftId: click.draftId,
      ...(click.ephemeral && body.response_url ? { responseUrl: body.response_url } : {}),
      ...(orphan ? { orphan } : {}),
    };
    let viewId: string | undefined;
    try {
      const draft = await deps.rt.store.getDraft(click.draftId);
      viewId = (await client.views.open({ trigger_id: body.trigger_id, view: rejectModal(meta, draft) })).view?.id;
    } catch (err) {
      deps.log.warn({ draftId: click.draftId, code: slackErrorCode(err) }, 'slack: the reject modal did not open');
      return tell(click, `:warning: Slack did not open the Reject dialog (${slackErrorCode(err) ?? 'no answer'}). Nothing was changed; click Reject again.`);
    }
    const refusal = await checkBeforeReason(deps, click);
    if (refusal && viewId) await client.views.update({ view_id: viewId, view: noticeModal(refusal) });
  });

  bolt.view<ViewSubmitAction>(REJECT_MODAL, async ({ ack, body, view }) => {
    const reason = (view.state.values[REASON_BLOCK]?.[REASON_INPUT]?.value ?? '').trim();
    let meta: ModalMeta;
    try {
      meta = JSON.parse(view.private_metadata) as ModalMeta;
    } catch {
      return ack();
    }
    // Read before the ack: whether the form holds a valid correction decides which error (if any) the modal shows.
    const draft = await deps.rt.store.getDraft(meta.draftId);
    const fix: SubmittedCorrection = draft ? submittedCorrection(view.state.values as never, draft) : { kind: 'none' };
    // Validation errors must be the ack itself (Slack shows them in the open modal); everything else comes after.
    if (fix.kind === 'invalid') return ack({ response_action: 'errors', errors: { [fix.block]: fix.message } });
    if (fix.kind === 'none' && reason.length < 3) {
      return ack({ response_action: 'errors', errors: { [REASON_BLOCK]: 'Give a reason (at least 3 characters), or the right branch or slots below.' } });
    }
    await ack();
    if (fix.kind === 'correction') return correct(deps, body.user.id, meta, reason, fix);
    await reject(deps, body.user.id, meta, reason);
  });
}

/** The checks that may take a network round trip, after the modal is open; the sentence to show instead, or null. */
async function checkBeforeReason(deps: SlackDeps, click: Click): Promise<string | null> {
  const verdict = await approverVerdict(deps, click.userId, click.draftId, 'reject');
  if (verdict === 'no') return notAuthorised('reject');
  if (verdict === 'unknown') return CHECK_FAILED;
  const draft = await deps.rt.store.getDraft(click.draftId);
  if (!draft) return `Draft #${click.draftId} does not exist (any more). Nothing was changed.`;
  if (draft.state !== 'pending') {
    await refuseDecided(deps, { ...click, respond: async () => undefined as never }, draft.id); // cards catch up, no second message
    return `Draft #${draft.id} is not pending any more, so nothing was changed. ${statusLine(draft)}`;
  }
  return null;
}

async function reject(deps: SlackDeps, userId: string, meta: ModalMeta, reason: string): Promise<void> {
  const { store, now, metrics } = deps.rt;
  const actor = `slack:${userId}`;
  const notify = async (text: string, replace?: Record<string, unknown>) => {
    // Only an ephemeral card has somewhere to answer (its response_url); a channel card shows the outcome itself.
    if (!meta.responseUrl) return;
    await postToResponseUrl(meta.responseUrl, replace ?? { response_type: 'ephemeral', replace_original: false, text });
  };
  // Checked again: rights can change while the modal is open.
  const verdict = await approverVerdict(deps, userId, meta.draftId, 'reject');
  if (verdict !== 'yes') return notify(verdict === 'no' ? notAuthorised('reject') : CHECK_FAILED);
  const orphanClick = meta.orphan ? { userId, draftId: meta.draftId, ephemeral: false, card: meta.orphan, respond: async () => undefined as never } : null;
  // The rejection, the Zendesk tag change and the card updates commit together.
  const res = await store.withTx(async (tx) => {
    const r = await rejectDraft(tx, { draftId: meta.draftId, actor, door: 'slack', reason, keepLabelText: deps.rt.config.labels.retentionDays > 0, now: now() });
    if (!r.ok) return r;
    await queueCardUpdate(deps, r.draft, '', tx);
    if (orphanClick) await healOrphan(deps, orphanClick, r.draft, tx);
    return r;
  });
  if (!res.ok) {
    if (res.draft) await queueCardUpdate(deps, res.draft);
    return notify(`Draft #${meta.draftId} is ${res.state ?? 'gone'}, not pending, so it was not rejected.`);
  }
  const draft = res.draft;
  metrics.inc('rejections_total', { door: 'slack' });
  deps.log.info({ ticketId: draft.ticketId, draftId: draft.id, door: 'slack', slackUser: userId }, 'draft rejected');
  await notify('', { response_type: 'ephemeral', replace_original: true, ...cardFor(deps, draft, false) });
}

async function correct(deps: SlackDeps, userId: string, meta: ModalMeta, reason: string, fix: Extract<SubmittedCorrection, { kind: 'correction' }>): Promise<void> {
  const { store, now, metrics, config } = deps.rt;
  const actor = `slack:${userId}`;
  const notify = async (text: string) => {
    if (meta.responseUrl) await postToResponseUrl(meta.responseUrl, { response_type: 'ephemeral', replace_original: false, text });
  };
  // Checked again: rights can change while the modal is open.
  const verdict = await approverVerdict(deps, userId, meta.draftId, 'reject');
  if (verdict !== 'yes') return notify(verdict === 'no' ? notAuthorised('reject') : CHECK_FAILED);
  // The correction, the new draft (its card comes from the draft hook) and the old card's update commit together.
  const res = await store.withTx(async (tx) => {
    const r = await correctDraft(tx, {
      draftId: meta.draftId,
      actor,
      door: 'slack',
      slots: fix.slots,
      ...(fix.branch ? { branch: fix.branch } : {}),
      reason: reason || null,
      keepLabelText: config.labels.retentionDays > 0,
      onCreated: deps.rt.onDraftCreated,
      now: now(),
    });
    if (r.ok) await queueCardUpdate(deps, r.draft, '', tx);
    return r;
  });
  if (!res.ok) {
    if (res.draft) await queueCardUpdate(deps, res.draft);
    return notify(`Draft #${meta.draftId} was not corrected: ${res.message}`);
  }
  metrics.inc('corrections_total', { door: 'slack' });
  if (res.tripped) metrics.inc('auto_send_breaker_trips_total');
  deps.log.info({ ticketId: res.draft.ticketId, draftId: meta.draftId, correctedDraftId: res.corrected?.id ?? null, to: res.labels.branch, door: 'slack', slackUser: userId }, 'reading corrected');
  await notify(res.corrected ? `Reading corrected: draft #${res.corrected.id} (${res.labels.branch}) replaces #${meta.draftId} and waits for approval.` : `Reading corrected: draft #${meta.draftId} is closed without a reply.`);
}
