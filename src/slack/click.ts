// What Approve and Reject share: reading a button click, answering only the clicker, the refusals (not an approver;
// the approver check failed; the draft is no longer pending), and healing a duplicate card when it is clicked.
import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { DraftRow } from '../store/types.js';
import { ApproverCheckError } from './approvers.js';
import { cardKey, cardRef, queueCardUpdate } from './card-queue.js';
import { statusLine } from './cards.js';
import type { SlackDeps } from './deps.js';

export interface Click {
  userId: string;
  draftId: number;
  /** The card is the ephemeral one of `/m365-guide <ticket>` (only response_url can change it). */
  ephemeral: boolean;
  /** Where the clicked card is (channel cards only). */
  card: { channel: string; ts: string } | null;
  respond: RespondFn;
}

/** The click on a card button, or null when the button value is not a draft id. */
export function clickOf(body: BlockAction<ButtonAction>, respond: RespondFn): Click | null {
  const draftId = Number(body.actions[0]?.value);
  if (!Number.isSafeInteger(draftId) || draftId <= 0) return null;
  const container = body.container as { is_ephemeral?: boolean; channel_id?: string; message_ts?: string };
  const ephemeral = container.is_ephemeral === true;
  const card = !ephemeral && container.channel_id && container.message_ts ? { channel: container.channel_id, ts: container.message_ts } : null;
  return { userId: body.user.id, draftId, ephemeral, card, respond };
}

/** An answer only the clicker sees; the card itself stays as it is. */
export async function tell(click: Click, text: string): Promise<void> {
  await click.respond({ response_type: 'ephemeral', replace_original: false, text });
}

export function notAuthorised(action: 'approve' | 'reject'): string {
  return `:no_entry: You are not allowed to ${action} drafts: only the people and user groups in SLACK_APPROVERS can. Nothing was changed.`;
}

export const CHECK_FAILED =
  ':warning: Could not check whether you may decide drafts: Slack did not tell us who is in the approver user group. Nothing was changed; try again in a moment.';

/**
 * The approver check as a verdict: 'yes', 'no' (audited as a refusal) or 'unknown' (Slack did not answer about a
 * user group: not a refusal, the clicker is asked to try again).
 */
export async function approverVerdict(deps: SlackDeps, userId: string, draftId: number, action: 'approve' | 'reject'): Promise<'yes' | 'no' | 'unknown'> {
  const { store, now } = deps.rt;
  try {
    if (await deps.approvers.isApprover(userId, now().getTime())) return 'yes';
  } catch (err) {
    if (!(err instanceof ApproverCheckError)) throw err;
    deps.log.warn({ slackUser: userId, draftId, action, group: err.group, code: err.slackCode }, 'slack approver check failed');
    return 'unknown';
  }
  deps.log.warn({ slackUser: userId, draftId, action }, 'slack decision refused: not an approver');
  await store.audit({ action: 'slack.refused', draftId, actor: `slack:${userId}`, details: { action, code: 'not_authorised' } }, now());
  return 'no';
}

/** Approver check with its refusal; true when the click must stop here. */
export async function refuseUnlessApprover(deps: SlackDeps, click: Click, action: 'approve' | 'reject'): Promise<boolean> {
  const verdict = await approverVerdict(deps, click.userId, click.draftId, action);
  if (verdict === 'yes') return false;
  await tell(click, verdict === 'no' ? notAuthorised(action) : CHECK_FAILED);
  return true;
}

/** The draft is no longer pending (double click, another door, a newer draft): say why; the card catches up. */
export async function refuseDecided(deps: SlackDeps, click: Click, draftId: number): Promise<void> {
  const draft = await deps.rt.store.getDraft(draftId);
  if (!draft) return tell(click, `Draft #${draftId} does not exist (any more). Nothing was changed.`);
  const stale = draft.state === 'superseded' ? ' This card is stale.' : '';
  await tell(click, `Draft #${draft.id} is not pending any more, so nothing was changed.${stale} ${statusLine(draft)}`);
  await queueCardUpdate(deps, draft);
  await healOrphan(deps, click, draft);
}

/**
 * A clicked channel card that is not the draft's recorded card is a duplicate (a post whose answer was lost). When
 * the draft has no recorded card yet, the clicked one becomes it (the sender then posts no other); otherwise returns
 * whether the clicked card is an orphan, to be updated with the outcome like the recorded one.
 */
export async function adoptOrOrphan(deps: SlackDeps, click: Click): Promise<boolean> {
  if (!click.card) return false;
  const ref = await cardRef(deps, click.draftId);
  if (!ref) {
    await deps.rt.store.setMeta(cardKey(click.draftId), JSON.stringify(click.card));
    return false;
  }
  return ref.ts !== click.card.ts || ref.channel !== click.card.channel;
}

/** Brings a clicked duplicate card up to date (no buttons once decided), through the outbox like every update. */
export async function healOrphan(deps: SlackDeps, click: Click, draft: Pick<DraftRow, 'id' | 'ticketId' | 'state'>, store = deps.rt.store): Promise<void> {
  if (!(await adoptOrOrphan(deps, click)) || !click.card) return;
  deps.log.warn({ draftId: draft.id, ts: click.card.ts }, 'slack: a duplicate card was clicked; updating it too');
  await store.enqueue(
    {
      idempotencyKey: `slack.card_update:${draft.id}:${draft.state}:orphan:${click.card.ts}`,
      kind: 'slack.card_update',
      ticketId: draft.ticketId,
      draftId: draft.id,
      payload: { channel: click.card.channel, ts: click.card.ts },
    },
    deps.rt.now(),
  );
}
