// The pure rules behind issue 16 (Zendesk): who added a tag, what a role allows, who may author a reply, which
// tags a row may touch, which pagination links are followed.
import { describe, expect, it } from 'vitest';
import type { ZAudit, ZUser } from '../../src/zendesk/api-types.js';
import { assessApiUser, userKind } from '../../src/zendesk/api-user.js';
import { samePagedEndpoint } from '../../src/zendesk/next-page.js';
import { authorProblem } from '../../src/zendesk/reply-author.js';
import { whoAddedTag } from '../../src/zendesk/tag-adder.js';
import { editTags, replaceClassificationTags } from '../../src/zendesk/triage.js';
import { findMarkedAudit, mayHaveArrived } from '../../src/zendesk/write-mark.js';

const user = (id: number, role: string, extra: Partial<ZUser> = {}): ZUser => ({ id, name: `u${id}`, role, ...extra });
const audit = (id: number, author: number, at: string, events: ZAudit['events'], custom?: Record<string, unknown>): ZAudit => ({
  id, author_id: author, created_at: at, events, ...(custom ? { metadata: { custom } } : {}),
});
const tagChange = (value: string[], previous: string[]) => ({ type: 'Change', field_name: 'tags', value, previous_value: previous });

describe('whoAddedTag', () => {
  it('names the author of the newest change that added the tag, in whatever order the audits come', () => {
    const audits = [
      audit(3, 30, '2025-01-08T10:03:00Z', [tagChange(['a', 'ok'], ['a', 'ok'])]), // the tag was already there
      audit(1, 10, '2025-01-08T10:01:00Z', [tagChange(['a', 'ok'], ['a'])]),
      audit(2, 20, '2025-01-08T10:02:00Z', [tagChange(['a'], ['a', 'ok'])]), // removed
      audit(4, 40, '2025-01-08T10:04:00Z', [{ type: 'Comment', public: false }]),
    ];
    expect(whoAddedTag(audits, 'ok')).toBe(10);
    expect(whoAddedTag([...audits, audit(5, 50, '2025-01-08T10:05:00Z', [tagChange(['ok'], [])])], 'ok')).toBe(50);
  });

  it('reads tags set at creation and space-separated values; null when nobody added it', () => {
    expect(whoAddedTag([audit(1, 7, '2025-01-08T10:00:00Z', [{ type: 'Create', field_name: 'tags', value: 'x ok' }])], 'ok')).toBe(7);
    expect(whoAddedTag([audit(1, 7, '2025-01-08T10:00:00Z', [tagChange(['x'], [])])], 'ok')).toBeNull();
  });
});

describe('roles', () => {
  it('tells light agents, chat-only agents, admins and end users apart', () => {
    expect(userKind(user(1, 'admin'))).toBe('admin');
    expect(userKind(user(1, 'agent'))).toBe('agent');
    expect(userKind(user(1, 'agent', { role_type: 1 }))).toBe('light-agent');
    expect(userKind(user(1, 'agent', { chat_only: true }))).toBe('chat-only');
    expect(userKind(user(1, 'agent', { role_type: 2 }))).toBe('chat-only');
    expect(userKind(user(1, 'end-user'))).toBe('end-user');
    expect(userKind(user(1, 'agent', { active: false }))).toBe('inactive');
  });

  it('says what an agent API user loses, and that an admin loses nothing', () => {
    expect(assessApiUser(user(5, 'admin'))).toMatchObject({ reconcile: true, authorForOthers: true, writes: true });
    const agent = assessApiUser(user(5, 'agent'));
    expect(agent).toMatchObject({ reconcile: false, authorForOthers: false, writes: true });
    expect(agent.lines.join(' ')).toMatch(/reconcile poll is off/);
    expect(assessApiUser(user(5, 'agent', { role_type: 1 }))).toMatchObject({ writes: false });
  });

  it('accepts full agents as authors and refuses the rest with a reason', () => {
    const admin = { userId: 1, authorForOthers: true };
    expect(authorProblem(user(2, 'agent'), admin)).toBeNull();
    expect(authorProblem(user(2, 'agent', { role_type: 1 }), admin)).toMatch(/light agent/);
    expect(authorProblem(user(2, 'agent', { chat_only: true }), admin)).toMatch(/chat-only/);
    expect(authorProblem(user(2, 'end-user'), admin)).toMatch(/not an agent/);
    const agentApi = { userId: 1, authorForOthers: false };
    expect(authorProblem(user(2, 'agent'), agentApi)).toMatch(/flag/);
    expect(authorProblem(user(1, 'agent'), agentApi)).toBeNull();
  });
});

describe('tags', () => {
  const ticket = ['vip', 'm365_branch_hybrid', 'm365_lang_en', 'm365_needs_approval', 'm365_approve'];
  it('an approval adds and removes only its own tags', () => {
    expect(editTags(ticket, ['m365_approved'], ['m365_approve', 'm365_needs_approval']).sort()).toEqual(['m365_approved', 'm365_branch_hybrid', 'm365_lang_en', 'vip']);
  });
  it('a new classification replaces ours and keeps the rest', () => {
    expect(replaceClassificationTags(ticket, ['m365_branch_rename', 'm365_lang_en']).sort()).toEqual(['m365_approve', 'm365_branch_rename', 'm365_lang_en', 'vip']);
  });
});

describe('write marks', () => {
  it('finds the audit that carries the row’s key, and looks only after an attempt that may have arrived', () => {
    const audits = [audit(1, 1, '2025-01-08T10:00:00Z', [], { m365_guide_write: 'note:7' })];
    expect(findMarkedAudit(audits, { idempotencyKey: 'note:7' })?.id).toBe(1);
    expect(findMarkedAudit(audits, { idempotencyKey: 'note:8' })).toBeNull();
    expect(mayHaveArrived({ attempts: 1, lastError: null })).toBe(false);
    expect(mayHaveArrived({ attempts: 2, lastError: null })).toBe(true);
    expect(mayHaveArrived({ attempts: 1, lastError: 'timeout' })).toBe(true);
  });
});

describe('samePagedEndpoint', () => {
  const base = 'https://acme.zendesk.com';
  const path = '/api/v2/tickets/5/comments';
  it('follows the same endpoint on our base whatever host and casing Zendesk wrote', () => {
    expect(samePagedEndpoint('https://ACME.Zendesk.com/api/v2/tickets/5/comments.json?page=2&include=users', base, path)).toBe(`${base}/api/v2/tickets/5/comments.json?page=2&include=users`);
    expect(samePagedEndpoint('https://support.acme.com/api/v2/tickets/5/comments.json?page=3', base, path)).toBe(`${base}/api/v2/tickets/5/comments.json?page=3`);
  });
  it('refuses a link to another endpoint or something that is no URL', () => {
    expect(samePagedEndpoint('https://acme.zendesk.com/api/v2/users.json?page=2', base, path)).toBeNull();
    expect(samePagedEndpoint('http://[', base, path)).toBeNull();
  });
});
