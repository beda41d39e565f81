// A draft as a Slack card: ticket link, branch, confidence, evidence, what the customer wrote, the draft reply, and
// either Approve / Reject buttons (pending) or who decided and when. Pure; the same card is posted to the review
// channel, shown ephemerally for `/m365-guide <ticket>`, and re-rendered by chat.update after a decision.
import type { types } from '@slack/bolt';
import { isOvertaken } from '../drafts/supersede-overtaken.js';
import { isNotSent, notSentWhy } from '../drafts/not-sent.js';
import type { DraftRow } from '../store/types.js';
import { toDestination } from '../replies/index.js';
import { actorLabel, context, escapeUntrusted, field, inlineUntrusted, plain, quoteUntrusted, section, sections, slackDate } from './text.js';

export const APPROVE_ACTION = 'draft_approve';
export const REJECT_ACTION = 'draft_reject';

export interface CardOptions {
  /** `https://acme.zendesk.com/agent/tickets/<id>`, when the Zendesk URL is configured. */
  ticketUrl: string | null;
  /** The draft on the review page (PUBLIC_URL), for a draft too long to show in full here. */
  reviewUrl?: string | null;
  /** Buttons only on a pending draft, and only where someone can click them. */
  buttons: boolean;
}

export interface Card {
  text: string;
  blocks: types.KnownBlock[];
}

export function ticketLink(ticketId: string, url: string | null): string {
  const id = /^\d+$/.test(ticketId) ? ticketId : escapeUntrusted(ticketId, 30);
  return url ? `<${url}|ticket #${id}>` : `ticket #${id}`;
}

/** The customer's newest statement: the last customer comment, else the first message. */
function latestCustomerText(draft: DraftRow): string {
  const comments = draft.thread.comments ?? [];
  for (let i = comments.length - 1; i >= 0; i--) if (comments[i]!.author === 'customer') return comments[i]!.body;
  return draft.thread.body;
}

export function statusLine(draft: DraftRow): string {
  const by = actorLabel(draft.decidedBy);
  const at = draft.decidedAt ? ` on ${slackDate(draft.decidedAt)}` : '';
  switch (draft.state) {
    case 'pending':
      return ':hourglass_flowing_sand: Waiting for approval.';
    case 'approved':
      return `:white_check_mark: Approved by ${by}${at}. The public reply is queued (posted exactly once).`;
    case 'posted':
      return `:white_check_mark: Approved by ${by}${at}; the public reply was posted${draft.postedAt ? ` ${slackDate(draft.postedAt)}` : ''}.`;
    case 'rejected':
      if (isNotSent(draft)) {
        const who = draft.decidedBy ? `Approved by ${by}${at}` : 'Due to be sent automatically';
        return `:warning: ${who}, but *not sent*: ${notSentWhy(draft)}. Nothing was sent; this card can no longer approve.`;
      }
      return `:x: Rejected by ${by}${at}. Reason: ${draft.reason ? inlineUntrusted(draft.reason, 300) : '_none given_'}`;
    case 'superseded':
      if (isOvertaken(draft)) {
        const who = draft.decidedBy ? `Approved by ${by}${at}` : 'Due to be sent automatically';
        const next = draft.supersededBy ? `; their newer message is in draft #${draft.supersededBy}` : '; a new draft for their newer message follows';
        return `:warning: ${who}, but *not sent*: the customer wrote again before the reply went out${next}. This card can no longer approve.`;
      }
      return draft.supersededBy
        ? `:fast_forward: Superseded by draft #${draft.supersededBy}: the customer wrote again. This card can no longer approve.`
        : ':fast_forward: Superseded: the customer\'s newest message was triaged as off-topic. This card can no longer approve.';
    case 'auto':
      return ':robot_face: Sent automatically (auto-send band).';
  }
}

// Slack allows 50 blocks in a message (https://docs.slack.dev/reference/block-kit/blocks) and 3,000 characters in a
// section's text (https://docs.slack.dev/reference/block-kit/blocks/section-block). The draft gets every block the
// rest of the card leaves over, one section per ≤ 3,000 characters, so an approver reads all of it. When it still
// does not fit (a hand-edited draft of ~120,000 characters), the card shows the beginning, links to the review page
// and offers no Approve: nobody approves text they could not read.
export const MESSAGE_BLOCK_LIMIT = 50;
const FIXED_BLOCKS = 7; // title, fields, customer, evidence, divider, actions, status

export function draftCard(draft: DraftRow, opts: CardOptions): Card {
  const pct = `${Math.round(draft.confidence * 100)} %`;
  const evidence = draft.evidence
    .slice(0, 8)
    .map((e) => `• ${e.slot} = \`${e.value}\`: ${inlineUntrusted(e.text, 80)} (${e.where}, rule \`${e.rule}\`)`)
    .join('\n');
  // The draft is our template output (untrusted parts escaped for Markdown by replies/); converting it for mrkdwn
  // escapes & < > again, so a requester name cannot become a mention here either.
  const reply = toDestination(draft.editedText ?? draft.text, 'mrkdwn');
  const replyBlocks = sections(`*Draft reply*\n${reply}`);
  const room = MESSAGE_BLOCK_LIMIT - FIXED_BLOCKS;
  const fits = replyBlocks.length <= room;
  const blocks: types.KnownBlock[] = [
    section(`*Draft #${draft.id}* for ${ticketLink(draft.ticketId, opts.ticketUrl)}`),
    {
      type: 'section',
      fields: [
        field(`*Branch*\n\`${draft.branch}\``),
        field(`*Confidence*\n${pct}`),
        field(`*Language / product*\n${draft.language} / ${draft.product}`),
        field(`*Template*\n\`${draft.templateId}\``),
      ],
    },
    section(
      `*Customer wrote* (subject ${inlineUntrusted(draft.thread.subject || '(none)', 150)}):\n${quoteUntrusted(latestCustomerText(draft), 700)}`,
    ),
    section(`*Evidence*\n${evidence || '_none: every slot is at its default_'}`),
    { type: 'divider' },
    ...(fits ? replyBlocks : [...replyBlocks.slice(0, room - 1), section(tooLong(draft, reply.length, opts.reviewUrl ?? null))]),
  ];
  if (opts.buttons && draft.state === 'pending') {
    const reject = { type: 'button' as const, action_id: REJECT_ACTION, style: 'danger' as const, text: plain('Reject…'), value: String(draft.id) };
    const approve = {
      type: 'button' as const,
      action_id: APPROVE_ACTION,
      style: 'primary' as const,
      text: plain('Approve and post'),
      value: String(draft.id),
      // https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object: plain_text only;
      // title ≤ 100, text ≤ 300, confirm and deny ≤ 30.
      confirm: {
        title: plain('Post this reply?', 100),
        text: plain(`The draft becomes a public reply on ticket #${/^\d+$/.test(draft.ticketId) ? draft.ticketId : '?'}, authored by your Zendesk agent account.`, 300),
        confirm: plain('Post it', 30),
        deny: plain('Cancel', 30),
      },
    };
    blocks.push({ type: 'actions', block_id: `draft:${draft.id}`, elements: fits ? [approve, reject] : [reject] });
  }
  blocks.push(context(statusLine(draft)));
  // The notification fallback carries none of the customer's words (it is parsed less strictly than blocks).
  return { text: `Draft #${draft.id} for ticket #${/^\d+$/.test(draft.ticketId) ? draft.ticketId : '?'}: ${draft.state}`, blocks };
}

function tooLong(draft: DraftRow, chars: number, reviewUrl: string | null): string {
  const where = reviewUrl ? `<${reviewUrl}|on the review page>` : 'on the review page (set PUBLIC_URL to link it here)';
  return `:warning: *The draft is too long to show here in full* (${chars} characters). Read it ${where} and approve it there; this card offers no Approve for draft #${draft.id}.`;
}
