// Small builders for store tests (and anyone else who needs a plausible draft or event).
import type { Classification } from '../../src/classify/types.js';
import type { NewDraft, NewEvent, NewOutbox } from '../../src/store/types.js';

export const T0 = new Date('2026-11-24T09:00:00.000Z');
export const at = (ms: number): Date => new Date(T0.getTime() + ms);

export const classification = (over: Partial<Classification> = {}): Classification => ({
  slots: {
    topic: 'm365-conversion',
    directoryService: 'active-directory',
    usernamesChange: 'no',
    choice: 'hybrid',
    product: 'server',
    language: 'en',
  },
  branch: 'hybrid',
  confidence: 0.92,
  autoSend: false,
  evidence: [
    { slot: 'directoryService', value: 'active-directory', rule: 'ds.active-directory.named', where: 'body', start: 3, end: 19, text: 'Active Directory', confidence: 0.9 },
    { slot: 'choice', value: 'hybrid', rule: 'choice.keep-sync', where: 'comment 1', start: 0, end: 4, text: 'keep', confidence: 0.8 },
  ],
  ...over,
});

let seq = 0;
export function newDraft(ticketId: string, over: Partial<NewDraft> = {}): NewDraft {
  seq += 1;
  return {
    ticketId,
    ticketVersion: `c${seq}`,
    inputHash: `hash-${seq}`,
    thread: { subject: 'AD sync → modern auth', body: 'We keep the AD sync.', comments: [{ author: 'customer', body: 'No renames "please" {{x}}' }] },
    classification: classification(),
    templateId: 'hybrid.en',
    templateVersion: '3',
    text: `Hello, here is the guide (${seq}).`,
    ...over,
  };
}

export const newEvent = (key: string, over: Partial<NewEvent> = {}): NewEvent => ({
  key,
  source: 'webhook',
  ticketId: '5158',
  type: 'zen:event-type:ticket.comment_added',
  payload: { actorId: '42', list: [1, 2, 3] },
  ...over,
});

export const newOutbox = (key: string, over: Partial<NewOutbox> = {}): NewOutbox => ({
  idempotencyKey: key,
  kind: 'zendesk.note',
  ticketId: '5158',
  payload: { tags: ['m365', 'm365_needs_approval'] },
  ...over,
});
