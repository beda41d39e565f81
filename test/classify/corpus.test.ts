// Table-driven: every labelled ticket of the dev corpus and of our extra fixtures, branch and every slot.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { SLOT_NAMES } from '../../src/classify/types.js';
import { describeWithSharedCorpus } from '../helpers/shared-corpus.js';
import { corpus, extra, type LabelledTicket } from './load-tickets.js';

function check(ticket: LabelledTicket): void {
  const result = classify(ticket);
  const actual = { ...result.slots, branch: result.branch };
  const expected = { ...ticket.labels };
  const evidence = result.evidence.map((e) => `  ${e.slot}=${e.value} ${e.rule} [${e.where} ${e.start}-${e.end}] ${JSON.stringify(e.text)} (${e.confidence})`).join('\n');
  const message = `${ticket.id} (trap: ${ticket.trap || '-'})\nexpected ${JSON.stringify(expected)}\nactual   ${JSON.stringify(actual)}\nconfidence ${result.confidence}, autoSend ${result.autoSend}\nevidence:\n${evidence}`;
  expect(actual.branch, message).toBe(expected.branch);
  for (const slot of SLOT_NAMES) expect(actual[slot], `${slot}: ${message}`).toBe(expected[slot]);
}

describeWithSharedCorpus('dev corpus', () => {
  const tickets = corpus();
  if (tickets.length === 0) it('every ticket: branch and every slot', () => undefined); // listed (skipped) without ../shared
  for (const ticket of tickets) it(`${ticket.id}: ${ticket.labels.branch}`, () => check(ticket));
});

describe('extra fixtures (our own wording, a check against overfitting)', () => {
  for (const ticket of extra()) it(`${ticket.id}: ${ticket.labels.branch}`, () => check(ticket));
});
