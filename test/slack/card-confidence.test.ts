// The card shows the draft's confidence as a whole percentage, rounded half up: expected values written out by
// hand here (the integration tests in cards/command only check the card carries the stored figure).
import { describe, expect, it } from 'vitest';
import type { DraftRow } from '../../src/store/types.js';
import { draftCard } from '../../src/slack/cards.js';

function draft(confidence: number): DraftRow {
  return {
    id: 7, ticketId: '4242', ticketVersion: '1', state: 'pending', branch: 'hybrid', language: 'en', product: 'server', confidence,
    autoSendEligible: false, slots: {} as DraftRow['slots'], evidence: [], thread: { subject: 'Keep AD', body: 'We keep AD.' },
    inputHash: 'x', templateId: 'hybrid.en', templateVersion: '1', text: 'Hello', editedText: null, createdAt: new Date(0),
    decidedAt: null, decidedBy: null, door: null, reason: null, postedAt: null, supersededBy: null, correctedFrom: null,
  };
}

const confidenceField = (c: number): string => {
  const fields = draftCard(draft(c), { ticketUrl: null, buttons: false }).blocks.flatMap((b) => ('fields' in b && b.fields ? b.fields : []));
  return fields.map((f) => f.text).find((t) => t.startsWith('*Confidence*'))!;
};

describe('confidence on the card', () => {
  it.each([
    [0.875, '88 %'],
    [0.9, '90 %'],
    [0.864, '86 %'],
    [1, '100 %'],
    [0.004, '0 %'],
  ])('%s is shown as %s', (c, shown) => {
    expect(confidenceField(c)).toBe(`*Confidence*\n${shown}`);
  });
});
