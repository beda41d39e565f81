// The Approve button. Slack's button is only a request: who clicked is checked against SLACK_APPROVERS, the clicker
// is mapped to the Zendesk agent who will author the reply, and approveDraft (the one function behind every door)
// makes the reply public through the outbox exactly once, however often and on however many instances it is
// clicked. Refusals are ephemeral and change nothing.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { approveDraft } from '../drafts/approve-draft.js';
import { cardFor, queueCardUpdate } from './card-queue.js';
import { APPROVE_ACTION } from './cards.js';
import { adoptOrOrphan, clickOf, healOrphan, refuseDecided, refuseUnlessApprover, tell, type Click } from './click.js';
import type { SlackDeps } from './deps.js';
import type { AgentLookup } from './zendesk-agent.js';

export function registerApproveAction(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: APPROVE_ACTION }, async ({ ack, body, respond }) => {
    await ack();
    const click = clickOf(body, respond);
    if (click) await approve(deps, click);
  });
}

async function approve(deps: SlackDeps, click: Click): Promise<void> {
  const { store, now, metrics } = deps.rt;
  if (await refuseUnlessApprover(deps, click, 'approve')) return;
  // A card with no recorded ts (its post's answer was lost) becomes the draft's card; a duplicate is healed below.
  await adoptOrOrphan(deps, click);
  const draft = await store.getDraft(click.draftId);
  if (!draft) return tell(click, `Draft #${click.draftId} does not exist (any more). Nothing was sent.`);
  // Checked before the lookups below so a stale card answers at once; approveDraft checks again atomically.
  if (draft.state !== 'pending') return refuseDecided(deps, click, draft.id);
  if (!deps.rt.zendesk) return tell(click, 'The Zendesk API is not configured here (ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN), so no reply can be posted. Nothing was sent.');

  let agent: AgentLookup;
  try {
    agent = await deps.agents.resolve(click.userId, now().getTime());
  } catch (err) {
    // Slack's users.info or Zendesk's user search failed: we cannot tell who would author the reply.
    deps.log.warn({ slackUser: click.userId, draftId: draft.id, err: (err as Error).message }, 'slack approval: agent lookup failed');
    return tell(click, ':warning: Could not look up your Zendesk agent account (Slack or Zendesk did not answer). Nothing was sent; try again in a moment.');
  }
  if (!agent.ok) return tell(click, `:no_entry: Cannot approve: ${agent.reason} Nothing was sent.`);

  const actor = `slack:${click.userId}`;
  // The approval, its public-reply row and the card update commit together.
  const res = await store.withTx(async (tx) => {
    const r = await approveDraft(tx, { draftId: draft.id, actor, door: 'slack', now: now(), authorId: agent.agentId, keepLabelText: deps.rt.config.labels.retentionDays > 0 });
    if (r.ok) {
      await queueCardUpdate(deps, r.draft, '', tx);
      await healOrphan(deps, click, r.draft, tx);
    }
    return r;
  });
  if (!res.ok) return refuseDecided(deps, click, draft.id);
  metrics.inc('approvals_total', { door: 'slack' });
  deps.log.info({ ticketId: draft.ticketId, draftId: draft.id, door: 'slack', slackUser: click.userId, agentId: agent.agentId }, 'draft approved');
  if (click.ephemeral) {
    await click.respond({ response_type: 'ephemeral', replace_original: true, ...cardFor(deps, res.draft, false) });
  } else {
    await tell(click, `:white_check_mark: Approved draft #${draft.id}. The public reply on ticket #${draft.ticketId} is queued, authored by Zendesk agent ${agent.agentId}.`);
  }
}
