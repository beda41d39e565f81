// The private note an agent sees: the drafted reply, then a short block with branch, confidence, the evidence and
// how to approve. Customer text echoed here is escaped for Markdown, has no live {{placeholders}} and is capped.
import type { Classification } from '../classify/types.js';
import { escapeMarkdown, neutralisePlaceholders } from '../replies/escape.js';

export const NOTE_MARKER = (draftId: number) => `m365-guide draft #${draftId}`;
const SPAN_CAP = 160;
const MAX_EVIDENCE = 8;

export interface DraftNoteInput {
  draftId: number;
  replyText: string;
  classification: Classification;
  template: { id: string; version: string };
  approveTag: string;
  rejectTag: string;
  autoSent: boolean;
  superseded: number[];
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const capped = flat.length > SPAN_CAP ? `${flat.slice(0, SPAN_CAP - 1)}…` : flat;
  return `“${escapeMarkdown(capped)}”`;
}

export function formatDraftNote(n: DraftNoteInput): string {
  const c = n.classification;
  const head = n.autoSent
    ? `**m365-guide sent this reply automatically** (auto-send band, confidence ${c.confidence.toFixed(2)}).`
    : `**m365-guide drafted a reply.** Nothing has been sent to the customer.`;
  const evidence = c.evidence.slice(0, MAX_EVIDENCE).map((e) => `- ${e.slot} = ${e.value} (${e.where}, rule ${e.rule}): ${quote(e.text)}`);
  const how = n.autoSent
    ? 'No action needed. If the reply was wrong, answer the customer with a correction.'
    : `To send it publicly in your name, add the tag \`${n.approveTag}\`. To discard it, add \`${n.rejectTag}\`.`;
  const lines = [
    head,
    '',
    '---',
    '',
    n.replyText.trim(),
    '',
    '---',
    '',
    `**For the agent:** branch \`${c.branch}\`, confidence ${c.confidence.toFixed(2)}, language ${c.slots.language}, product ${c.slots.product}, template \`${n.template.id}@${n.template.version}\`.`,
    ...(evidence.length ? ['', '**Evidence:**', ...evidence] : []),
    ...(n.superseded.length ? ['', `Supersedes draft ${n.superseded.map((id) => `#${id}`).join(', ')} (no longer approvable).`] : []),
    '',
    how,
    '',
    NOTE_MARKER(n.draftId),
  ];
  return neutralisePlaceholders(lines.join('\n'));
}

export function formatNoticeNote(text: string): string {
  return neutralisePlaceholders(`**m365-guide:** ${text}`);
}
