// The Reject button opens a modal asking why (views.open; the reason is kept with the draft and shown on the
// card). Submitting it rejects through rejectDraft, the same function as the other doors. The approver check runs
// before the modal opens and again on submit (rights can change while the modal is open).
import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import { rejectDraft } from '../drafts/reject-draft.js';
import { clickOf, notAuthorised, refuseDecided, refuseUnlessApprover } from './click.js';
import { cardFor, queueCardUpdate } from './card-queue.js';
import { REJECT_ACTION } from './cards.js';
import type { SlackDeps } from './deps.js';
import { plain, section } from './text.js';

export const REJECT_MODAL = 'draft_reject_modal';
const REASON_BLOCK = 'reason';
const REASON_INPUT = 'reason_input';

interface ModalMeta {
  draftId: number;
  /** Set when the card was ephemeral: the modal's outcome replaces it there. */
  responseUrl?: string;
}

export function registerRejectAction(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: REJECT_ACTION }, async ({ ack, body, respond, client }) => {
    await ack();
    const click = clickOf(body, respond);
    if (!click) return;
    if (await refuseUnlessApprover(deps, click, 'reject')) return;
    const draft = await deps.rt.store.getDraft(click.draftId);
    if (!draft || draft.state !== 'pending') return refuseDecided(deps, click, click.draftId);
    const meta: ModalMeta = { draftId: draft.id, ...(click.ephemeral && body.response_url ? { responseUrl: body.response_url } : {}) };
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: 'modal',
        callback_id: REJECT_MODAL,
        private_metadata: JSON.stringify(meta),
        title: plain('Reject draft', 24),
        submit: plain('Reject', 24),
        close: plain('Cancel', 24),
        blocks: [
          section(`Reject draft #${draft.id} for ticket #${draft.ticketId}? Nothing is sent to the customer; the reason is kept with the draft.`),
          {
            type: 'input',
            block_id: REASON_BLOCK,
            label: plain('Why is this draft wrong?'),
            element: { type: 'plain_text_input', action_id: REASON_INPUT, multiline: true, min_length: 3, max_length: 500 },
          },
        ],
      },
    });
  });

  bolt.view<ViewSubmitAction>(REJECT_MODAL, async ({ ack, body, view }) => {
    const reason = (view.state.values[REASON_BLOCK]?.[REASON_INPUT]?.value ?? '').trim();
    // Validation errors must be the ack itself (Slack shows them in the open modal); everything else comes after.
    if (reason.length < 3) return ack({ response_action: 'errors', errors: { [REASON_BLOCK]: 'Give a reason (at least 3 characters).' } });
    await ack();
    let meta: ModalMeta;
    try {
      meta = JSON.parse(view.private_metadata) as ModalMeta;
    } catch {
      return;
    }
    await reject(deps, body.user.id, meta, reason);
  });
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
  if (!(await deps.approvers.isApprover(userId, now().getTime()))) {
    await store.audit({ action: 'slack.refused', draftId: meta.draftId, actor, details: { action: 'reject', code: 'not_authorised' } }, now());
    return notify(notAuthorised('reject'));
  }
  // The rejection, the Zendesk tag change and the card update commit together.
  const res = await store.withTx(async (tx) => {
    const r = await rejectDraft(tx, { draftId: meta.draftId, actor, door: 'slack', reason, now: now() });
    if (!r.ok) return r;
    await queueCardUpdate(deps, r.draft, '', tx);
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

async function postToResponseUrl(url: string, message: Record<string, unknown>): Promise<void> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(5000),
  });
  if (!r.ok) throw new Error(`response_url answered ${r.status}`);
}
