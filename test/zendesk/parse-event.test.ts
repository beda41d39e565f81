import { describe, expect, it } from 'vitest';
import { parseZendeskEvent, PayloadError } from '../../src/zendesk/parse-event.js';

const raw = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('parseZendeskEvent', () => {
  it('reads an event-subscribed comment_added event and keys it on the invocation id', () => {
    const body = {
      type: 'zen:event-type:ticket.comment_added',
      id: 'd4f5c389-aaaa',
      subject: 'zen:ticket:5158',
      detail: { id: '5158', actor_id: '8447', status: 'OPEN' },
      event: { comment: { id: 9876543210, author: { id: 8447388090495, is_staff: false } } },
    };
    const e = parseZendeskEvent(body, raw(body), '8350205582');
    expect(e).toMatchObject({ key: 'inv:8350205582', ticketId: '5158', type: 'ticket.comment_added', actorId: '8447' });
    expect(parseZendeskEvent(body, raw(body), undefined).key).toBe('evt:d4f5c389-aaaa');
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
