// A reply approved in Slack (or due to be sent automatically) that was not posted because the ticket moved on first
// (src/zendesk/send.ts): the card says who approved it and why nothing went out, not "Rejected by" the approver.
import { describe, expect, it } from 'vitest';
import type { DraftRow } from '../../src/store/types.js';
import { statusLine } from '../../src/slack/cards.js';

function draft(o: Partial<DraftRow>): DraftRow {
  return {
    id: 7, ticketId: '4242', ticketVersion: '1', state: 'rejected', branch: 'hybrid', language: 'en', product: 'server', confidence: 0.9,
    autoSendEligible: false, slots: {} as DraftRow['slots'], evidence: [], thread: { subject: 'Keep AD', body: 'We keep AD.' },
    inputHash: 'x', templateId: 'hybrid.en', templateVersion: '1', text: 'Hello', editedText: null, createdAt: new Date(0),
    decidedAt: new Date('2026-12-05T09:30:00Z'), decidedBy: null, door: null, reason: null, postedAt: null, supersededBy: null, correctedFrom: null,
    ...o,
  };
}

describe('the card of a reply that was not sent', () => {
  it('approved in Slack, then answered by hand in Zendesk first', () => {
    const line = statusLine(draft({ decidedBy: 'slack:U0APPROVER', door: 'slack', reason: 'not sent: the customer was answered in Zendesk after it was drafted' }));
    expect(line).toMatch(/^:warning: Approved by <@U0APPROVER> on .*, but \*not sent\*: the customer was answered in Zendesk after it was drafted\. Nothing was sent; this card can no longer approve\.$/);
  });

  it('due to be sent automatically, then the ticket was solved first', () => {
    expect(statusLine(draft({ reason: 'not sent: the ticket was solved after it was drafted' }))).toBe(
      ':warning: Due to be sent automatically, but *not sent*: the ticket was solved after it was drafted. Nothing was sent; this card can no longer approve.',
    );
  });

  it('an agent\'s own rejection still reads "Rejected by", with their reason', () => {
    expect(statusLine(draft({ decidedBy: 'slack:U0APPROVER', door: 'slack', reason: 'Customer wants a call' }))).toMatch(/^:x: Rejected by <@U0APPROVER> on .*\. Reason: `Customer wants a call`$/);
  });
});
