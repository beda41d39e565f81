// What Approve and Reject share: reading a button click, answering only the clicker, and the two refusals
// (not an approver; the draft is no longer pending).
import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { queueCardUpdate } from './card-queue.js';
import { statusLine } from './cards.js';
import type { SlackDeps } from './deps.js';

export interface Click {
  userId: string;
  draftId: number;
  /** The card is the ephemeral one of `/m365-guide <ticket>` (only response_url can change it). */
  ephemeral: boolean;
  respond: RespondFn;
}

/** The click on a card button, or null when the button value is not a draft id. */
export function clickOf(body: BlockAction<ButtonAction>, respond: RespondFn): Click | null {
  const draftId = Number(body.actions[0]?.value);
  if (!Number.isSafeInteger(draftId) || draftId <= 0) return null;
  return { userId: body.user.id, draftId, ephemeral: (body.container as { is_ephemeral?: boolean }).is_ephemeral === true, respond };
}

/** An answer only the clicker sees; the card itself stays as it is. */
export async function tell(click: Click, text: string): Promise<void> {
  await click.respond({ response_type: 'ephemeral', replace_original: false, text });
}

export function notAuthorised(action: 'approve' | 'reject'): string {
  return `:no_entry: You are not allowed to ${action} drafts: only the people and user groups in SLACK_APPROVERS can. Nothing was changed.`;
}

/** Approver check with its refusal (logged and audited, nothing else happens). */
export async function refuseUnlessApprover(deps: SlackDeps, click: Click, action: 'approve' | 'reject'): Promise<boolean> {
  const { store, now } = deps.rt;
  if (await deps.approvers.isApprover(click.userId, now().getTime())) return false;
  deps.log.warn({ slackUser: click.userId, draftId: click.draftId, action }, 'slack decision refused: not an approver');
  await store.audit({ action: 'slack.refused', draftId: click.draftId, actor: `slack:${click.userId}`, details: { action, code: 'not_authorised' } }, now());
  await tell(click, notAuthorised(action));
  return true;
}

/** The draft is no longer pending (double click, another door, a newer draft): say why; the card catches up. */
export async function refuseDecided(deps: SlackDeps, click: Click, draftId: number): Promise<void> {
  const draft = await deps.rt.store.getDraft(draftId);
  if (!draft) return tell(click, `Draft #${draftId} does not exist (any more). Nothing was changed.`);
  const stale = draft.state === 'superseded' ? ' This card is stale.' : '';
  await tell(click, `Draft #${draft.id} is not pending any more, so nothing was changed.${stale} ${statusLine(draft)}`);
  await queueCardUpdate(deps, draft);
}
