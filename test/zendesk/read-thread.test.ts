import { describe, expect, it } from 'vitest';
import type { ZComment, ZTicket, ZUser } from '../../src/zendesk/api-types.js';
import { readThread } from '../../src/zendesk/read-thread.js';

const ticket: ZTicket = { id: 1, subject: 'LDAP behalten', status: 'open', priority: null, group_id: null, tags: [], requester_id: 10, assignee_id: 20, updated_at: '2026-11-24T09:00:00Z' };
const users: ZUser[] = [
  { id: 10, name: 'Jan Peters', role: 'end-user' },
  { id: 11, name: 'Kollege', role: 'end-user' },
  { id: 20, name: 'Agent Anna', role: 'agent' },
  { id: 99, name: 'Bot', role: 'admin' },
];
let n = 0;
const c = (author_id: number, body: string, isPublic = true): ZComment => ({ id: ++n, author_id, body, public: isPublic, created_at: new Date(Date.UTC(2026, 10, 24, 9, n)).toISOString() });

describe('readThread', () => {
  it('maps requester and end users to customer, staff to agent, and skips private notes and our own comments', () => {
    const comments = [c(10, 'Wir nutzen LDAP.'), c(20, 'Umbenennen oder behalten?'), c(99, 'draft', false), c(20, 'interne Notiz', false), c(11, 'Behalten, bitte.')];
    const { thread, version } = readThread(ticket, comments, users, 99);
    expect(thread).toEqual({
      subject: 'LDAP behalten',
      body: 'Wir nutzen LDAP.',
      comments: [{ author: 'agent', body: 'Umbenennen oder behalten?' }, { author: 'customer', body: 'Behalten, bitte.' }],
      requesterName: 'Jan Peters',
    });
    expect(version).toBe(String(comments[4]!.id));
  });

  it('has no version while the customer has said nothing', () => {
    const { version, thread } = readThread(ticket, [c(20, 'Hello, we opened this for you.')], users, 99);
    expect(version).toBeNull();
    expect(thread.body).toBe('');
  });

  it('keeps the version at the newest customer comment when an agent answered last', () => {
    const comments = [c(10, 'AD, short names.'), c(20, 'Thanks, checking.')];
    expect(readThread(ticket, comments, users, 99).version).toBe(String(comments[0]!.id));
  });
});
