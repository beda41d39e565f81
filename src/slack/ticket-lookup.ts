// `/m365-guide 12345`: the ticket's pending draft as a card with buttons, or one sentence saying why there is none.
import type { DraftRow, Store } from '../store/types.js';
import { draftCard, statusLine, ticketLink, type Card } from './cards.js';
import { section } from './text.js';

export async function ticketCard(store: Store, ticketId: string, ticketUrl: string | null, reviewUrl: (draftId: number) => string | null = () => null): Promise<Card> {
  const draft = await store.latestDraft(ticketId);
  if (draft?.state === 'pending') return draftCard(draft, { ticketUrl, reviewUrl: reviewUrl(draft.id), buttons: true });
  const why = draft ? whyNotPending(draft) : await whyNoDraft(store, ticketId);
  const text = `No pending draft for ${ticketLink(ticketId, ticketUrl)}: ${why}`;
  // A decided draft is still worth showing (what was sent, by whom); without buttons.
  if (draft) return { text: `No pending draft for ticket #${ticketId}`, blocks: [section(text), ...draftCard(draft, { ticketUrl, reviewUrl: reviewUrl(draft.id), buttons: false }).blocks.slice(1)] };
  return { text: `No draft for ticket #${ticketId}`, blocks: [section(text)] };
}

function whyNotPending(draft: DraftRow): string {
  const line = statusLine(draft);
  switch (draft.state) {
    case 'approved':
    case 'posted':
      return `draft #${draft.id} is already approved, nothing more to do. ${line}`;
    case 'rejected':
      return `draft #${draft.id} was rejected; a new customer message will produce a new draft. ${line}`;
    case 'superseded':
      return `draft #${draft.id} was superseded and no newer draft exists. ${line}`;
    default:
      return line;
  }
}

async function whyNoDraft(store: Store, ticketId: string): Promise<string> {
  // The worker audits an off-topic triage; anything else means we never read a customer statement.
  const recent = await store.listAudit({ ticketId, limit: 20 });
  if (recent.some((a) => a.action === 'ticket.off_topic')) {
    return 'the customer\'s message was classified as off-topic (not a Microsoft 365 Modern Authentication migration question), so no reply was drafted. Use `/m365-guide` to pick a guide by hand.';
  }
  return 'no draft yet. Either no customer text has arrived for it (no webhook event, or only agent comments), or it has not been processed yet. Check the ticket number.';
}
