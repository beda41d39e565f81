// The combined reader's auto-send rule (issue 11): both readers agree on every slot the branch rests on, read from
// the customer's own words, calibrated confidence in the band, and Microsoft 365 Basic → modern-direct only when the
// usernames were read as user@domain.
import { describe, expect, it } from 'vitest';
import { isReaderAutoSendEligible, type ReaderAutoSendInput } from '../../src/classify/auto-send.js';
import type { Readings } from '../../src/classify/confidence.js';
import { classify, readTicket } from '../../src/classify/index.js';
import type { Slots } from '../../src/classify/types.js';

const read = { confidence: 0.95, indirect: false, conflict: false, fromText: true };
const readings: Readings = { topic: read, directoryService: read, usernamesChange: read, choice: read, product: read, language: read };
const basic: Slots = { topic: 'm365-conversion', directoryService: 'm365-basic', usernamesChange: 'no', choice: 'undecided', product: 'server', language: 'en' };

function input(over: Partial<ReaderAutoSendInput> = {}, slots: Slots = basic, namesRule = 'names.address-list'): ReaderAutoSendInput {
  return {
    branch: 'modern-direct',
    slots,
    rules: { slots, readings, evidence: [{ slot: 'usernamesChange', value: slots.usernamesChange, rule: namesRule }] },
    modelValues: { topic: slots.topic, directoryService: slots.directoryService, usernamesChange: slots.usernamesChange, choice: slots.choice },
    confidence: 0.99,
    threshold: 0.9,
    ...over,
  };
}

describe('isReaderAutoSendEligible', () => {
  it('Microsoft 365 Basic → modern-direct with usernames read as user@domain, both readers agreeing, is eligible', () => {
    expect(isReaderAutoSendEligible(input())).toBe(true);
  });
  it('Microsoft 365 Basic → modern-direct with usernames not stated is never eligible', () => {
    const slots = { ...basic, usernamesChange: 'unknown' as const };
    expect(isReaderAutoSendEligible(input({}, slots))).toBe(false);
  });
  it('Microsoft 365 Basic → modern-direct with "no" read from something other than addresses is not eligible', () => {
    expect(isReaderAutoSendEligible(input({}, basic, 'names.expects-no-change'))).toBe(false);
  });
  it('not when the model reads another value on a slot the branch depends on', () => {
    expect(isReaderAutoSendEligible(input({ modelValues: { ...input().modelValues, usernamesChange: 'yes' } }))).toBe(false);
  });
  it('not below the band', () => {
    expect(isReaderAutoSendEligible(input({ confidence: 0.89 }))).toBe(false);
  });
  it('not when a slot it rests on came from forwarded text or the agent’s question', () => {
    const indirect = { ...readings, directoryService: { ...read, indirect: true } };
    expect(isReaderAutoSendEligible(input({ rules: { ...input().rules, readings: indirect } }))).toBe(false);
  });
});

describe('the combined reader on Microsoft 365 Basic tickets', () => {
  const subject = 'Microsoft 365 Basic Authentication is going away - MailStore Server';
  const body =
    'Our MailStore Server synchronises users with the directory service type "Microsoft 365 (Basic Authentication)". ' +
    'Microsoft is switching off basic auth, so we need to move to Modern Authentication. What do we have to do?';
  it('never auto-sends while the usernames are not stated', () => {
    const r = classify({ subject, body });
    expect(r.autoSend).toBe(false);
  });
  it('never auto-sends when the usernames are bare names (the case that once went out wrong)', () => {
    const r = classify({
      subject,
      body,
      comments: [
        { author: 'agent', body: 'Do the usernames in MailStore include the @domain part?' },
        { author: 'customer', body: 'Hmm, no - they show as lisa.wong, kevin.tran, frontdesk' },
      ],
    });
    expect(r.branch === 'modern-direct' && r.autoSend).toBe(false);
  });
  it('the model’s evidence points into the original text', () => {
    const r = readTicket({ subject, body });
    const model = r.evidence.filter((e) => e.rule.startsWith('model.'));
    expect(model.length).toBeGreaterThan(0);
    for (const e of model) expect(e.where === 'subject' ? subject.slice(e.start, e.end) : body.slice(e.start, e.end)).toBe(e.text);
  });
});
