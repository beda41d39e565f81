import { describe, expect, it } from 'vitest';
import { parseZendeskEvent, PayloadError } from '../../src/zendesk/parse-event.js';

const raw = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('parseZendeskEvent', () => {
  it('reads an event-subscribed comment_added event and keys it on the signed event id, whatever the invocation id', () => {
    const body = {
      type: 'zen:event-type:ticket.comment_added',
      id: 'd4f5c389-aaaa',
      subject: 'zen:ticket:5158',
      detail: { id: '5158', actor_id: '8447', status: 'OPEN' },
      event: { comment: { id: 9876543210, author: { id: 8447388090495, is_staff: false } } },
    };
    const e = parseZendeskEvent(body, raw(body), '8350205582');
    expect(e).toMatchObject({ key: 'evt:d4f5c389-aaaa', ticketId: '5158', type: 'ticket.comment_added', actorId: '8447' });
    // A replay of the same signed bytes under another invocation id, or none, is the same event.
    expect(parseZendeskEvent(body, raw(body), 'replayed-999').key).toBe('evt:d4f5c389-aaaa');
    expect(parseZendeskEvent(body, raw(body), undefined).key).toBe('evt:d4f5c389-aaaa');
    // Without an event id (trigger webhooks) the invocation id keys retries of one delivery.
    const trigger = { ticket_id: '5158' };
    expect(parseZendeskEvent(trigger, raw(trigger), '8350205582').key).toBe('inv:8350205582');
  });

  it('refuses an over-long or odd invocation id or event id with a clear message (never reaches the index)', () => {
    const body = { type: 'zen:event-type:ticket.created', id: 'e1', detail: { id: '5' } };
    expect(() => parseZendeskEvent(body, raw(body), 'a'.repeat(129))).toThrow(/Invocation-Id header must be 1 to 128/);
    expect(() => parseZendeskEvent(body, raw(body), 'abc\u0000def')).toThrow(PayloadError);
    const longId = { ...body, id: 'f'.repeat(8000) };
    expect(() => parseZendeskEvent(longId, raw(longId), undefined)).toThrow(/event "id" must be 1 to 128/);
    expect(parseZendeskEvent(body, raw(body), 'x'.repeat(128)).key).toBe('evt:e1');
  });

  it('takes the ticket id from the subject when detail lacks it', () => {
    const body = { type: 'zen:event-type:ticket.tags_changed', id: 'e1', subject: 'zen:ticket:77', detail: {} };
    expect(parseZendeskEvent(body, raw(body), undefined).ticketId).toBe('77');
  });

  it('reads a trigger body with ids as strings and falls back to ticket + latest comment', () => {
    const body = { ticket_id: '42', latest_comment_id: '9001', actor_id: '7' };
    const e = parseZendeskEvent(body, raw(body), undefined);
    expect(e).toMatchObject({ key: 'ticket:42:comment:9001', ticketId: '42', type: 'trigger', actorId: '7' });
    const bare = { ticket_id: 42 };
    const k1 = parseZendeskEvent(bare, raw(bare), undefined).key;
    expect(k1).toMatch(/^ticket:42:body:[0-9a-f]{32}$/);
    expect(parseZendeskEvent(bare, raw(bare), undefined).key).toBe(k1);
  });

  it('refuses bodies that name no ticket, with a message that says what is needed', () => {
    for (const body of [[], 'x', null, { hello: 1 }, { ticket_id: 'abc' }, { ticket_id: -3 }, { type: 'zen:event-type:ticket.created', detail: { id: 'x' } }]) {
      expect(() => parseZendeskEvent(body, raw(body), undefined)).toThrow(PayloadError);
    }
    expect(() => parseZendeskEvent({}, raw({}), undefined)).toThrow(/ticket_id/);
  });
});
