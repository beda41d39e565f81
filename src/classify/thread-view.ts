// The thread as the extractors see it: every message cut into regions (own words, forwarded, signature; quoted
// text and forward headers dropped) and sentences, each with offsets into the message's original text.
import { MAX_SCAN, segmentMessage, type SegmentKind } from './clean-text.js';
import { splitSentences, type Sentence } from './sentences.js';
import type { Thread, Where } from './types.js';

export type Source = 'own' | 'forwarded' | 'signature';

export interface Unit {
  source: Source;
  start: number;
  end: number;
  sentences: Sentence[];
}

export interface Message {
  where: Where;
  /** Position in the thread: subject 0, body 1, comment N is N + 1. Later means more recent. */
  order: number;
  author: 'customer' | 'agent';
  original: string;
  units: Unit[];
}

export interface ThreadView {
  messages: Message[];
}

const KEPT: ReadonlySet<SegmentKind> = new Set<SegmentKind>(['own', 'forwarded', 'signature']);
const MAX_COMMENTS = 200;

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function buildMessage(where: Where, order: number, author: Message['author'], original: string, subject: string, requesterName?: string): Message {
  const units: Unit[] = [];
  const segments = segmentMessage(original, { subject, ...(requesterName ? { requesterName } : {}) });
  for (const seg of segments) {
    if (!KEPT.has(seg.kind)) continue;
    const end = Math.min(seg.end, MAX_SCAN);
    if (end <= seg.start) continue;
    units.push({ source: seg.kind as Source, start: seg.start, end, sentences: splitSentences(original, seg.start, end) });
  }
  return { where, order, author, original, units };
}

export function viewThread(thread: Thread): ThreadView {
  const subject = asText(thread?.subject);
  const requester = typeof thread?.requesterName === 'string' ? thread.requesterName : undefined;
  const messages: Message[] = [];
  const subjectText = subject.slice(0, 1000);
  messages.push({
    where: 'subject',
    order: 0,
    author: 'customer',
    original: subject,
    units: [{ source: 'own', start: 0, end: subjectText.length, sentences: splitSentences(subject, 0, subjectText.length) }],
  });
  messages.push(buildMessage('body', 1, 'customer', asText(thread?.body), subject, requester));
  const comments = Array.isArray(thread?.comments) ? thread.comments : [];
  // The latest statement wins, so an overlong thread keeps its last comments (with their real numbers).
  for (let i = Math.max(0, comments.length - MAX_COMMENTS); i < comments.length; i++) {
    const c = comments[i];
    const author = c?.author === 'agent' ? 'agent' : 'customer';
    messages.push(buildMessage(`comment ${i + 1}`, i + 2, author, asText(c?.body), subject, requester));
  }
  return { messages };
}

/** Customer messages, oldest first. */
export function customerMessages(view: ThreadView): Message[] {
  return view.messages.filter((m) => m.author === 'customer');
}

/** Sentences of the given sources, with the message they belong to. */
export function* sentencesOf(view: ThreadView, sources: readonly Source[] = ['own', 'forwarded']): Generator<[Message, Unit, Sentence]> {
  for (const m of view.messages) {
    if (m.author !== 'customer') continue;
    for (const u of m.units) {
      if (!sources.includes(u.source)) continue;
      for (const s of u.sentences) yield [m, u, s];
    }
  }
}

/** The agent comment right before a customer comment, if any: its question gives the short answer its meaning. */
export function precedingAgent(view: ThreadView, message: Message): Message | undefined {
  const i = view.messages.indexOf(message);
  const prev = i > 0 ? view.messages[i - 1] : undefined;
  return prev && prev.author === 'agent' ? prev : undefined;
}

export function messageText(message: Message, sources: readonly Source[] = ['own']): string {
  return message.units
    .filter((u) => sources.includes(u.source))
    .map((u) => message.original.slice(u.start, u.end))
    .join('\n');
}
