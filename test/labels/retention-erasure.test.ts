// What is stored and for how long: LABEL_RETENTION_DAYS purges a label's ticket text (the reading and the counts
// stay), 0 keeps none, and DELETE /admin/labels/:ticketId erases a ticket's stored text on request (audited).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveDraft } from '../../src/drafts/index.js';
import { purgeExpiredLabelText } from '../../src/labels/retention.js';
import { draftFromWebhook, startReviewApp, type ReviewApp } from '../review/helpers.js';
import { TICKETS } from '../review/tickets.js';

const ADMIN = 'admin-token-0123456789';
const DAY = 86_400_000;

describe('label retention and erasure', () => {
  let r: ReviewApp;
  beforeAll(async () => {
    r = await startReviewApp({ env: { ADMIN_TOKEN: ADMIN } });
  }, 120_000);
  afterAll(async () => r?.close());

  const admin = (path: string, method = 'GET', token = ADMIN) => fetch(`${r.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const exported = async () => (await (await admin('/admin/labels')).text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

  it('purges the text of labels older than the retention, keeps the reading; 0 keeps none at all', async () => {
    const now = new Date();
    const old = await draftFromWebhook(r, TICKETS.keepAd, { now: new Date(now.getTime() - 400 * DAY) });
    await approveDraft(r.store, { draftId: old.id, actor: 'review:anna', door: 'review', now: new Date(now.getTime() - 399 * DAY) });
    const recent = await draftFromWebhook(r, TICKETS.ldap, { now });
    await approveDraft(r.store, { draftId: recent.id, actor: 'review:anna', door: 'review', now });
    const none = await draftFromWebhook(r, TICKETS.basicAuth, { now });
    await approveDraft(r.store, { draftId: none.id, actor: 'review:anna', door: 'review', keepLabelText: false, now });
    expect((await r.store.getLabel(none.id))!.thread).toBeNull(); // LABEL_RETENTION_DAYS=0: never stored

    expect(await purgeExpiredLabelText(r.store, 365, now)).toBe(1);
    expect(await r.store.getLabel(old.id)).toMatchObject({ thread: null, outcome: 'confirmed', reading: { branch: old.branch }, textErasedAt: now });
    expect((await r.store.getLabel(recent.id))!.thread).toEqual(recent.thread);
    expect((await exported()).map((l) => l.source.draftId)).toEqual([recent.id]);

    expect(await purgeExpiredLabelText(r.store, 0, now)).toBe(1);
    expect(await exported()).toEqual([]);
    expect((await r.store.listAudit({ limit: 10 })).filter((a) => a.action === 'labels.purged')).toHaveLength(2);
  });

  it('DELETE /admin/labels/:ticketId erases the ticket’s text from labels, drafts and sent rows; the admin token is required', async () => {
    const now = new Date();
    const d = await draftFromWebhook(r, TICKETS.spe, { now });
    await approveDraft(r.store, { draftId: d.id, actor: 'review:anna', door: 'review', now });
    await r.app.m365.drain();
    expect((await exported()).some((l) => l.source.ticketId === d.ticketId)).toBe(true);

    expect((await admin(`/admin/labels/${d.ticketId}`, 'DELETE', 'wrong-token-0123456789')).status).toBe(401);
    expect((await admin('/admin/labels', 'GET', 'wrong-token-0123456789')).status).toBe(401);
    const res = await admin(`/admin/labels/${d.ticketId}`, 'DELETE');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ticketId: d.ticketId, erased: { labels: 1, drafts: 1, outbox: expect.any(Number) } });

    expect((await exported()).some((l) => l.source.ticketId === d.ticketId)).toBe(false);
    expect((await r.store.getLabel(d.id))!.thread).toBeNull();
    const draft = (await r.store.getDraft(d.id))!;
    expect(draft.thread).toEqual({ subject: '', body: '' });
    expect(draft.evidence).toEqual([]);
    expect(draft.text).toBe('');
    for (const row of await r.store.listOutbox({ states: ['sent'] })) if (row.ticketId === d.ticketId) expect(row.payload).toEqual({});
    expect((await r.store.listAudit({ ticketId: d.ticketId })).find((a) => a.action === 'labels.erased')).toMatchObject({ actor: 'admin' });
  });

  it('GET /admin/labels?redact=1 redacts; a bad since is a clear error', async () => {
    const now = new Date();
    const d = await draftFromWebhook(r, { subject: 'AD behalten', body: 'Hallo,\nwir nutzen Active Directory und behalten es, Benutzernamen wie jdoe. Nur die Archivierung soll auf Modern Authentication.\nRückfragen an it@firma.example oder +49 89 1234567.\nViele Grüße\nJana Kraus\nFirma GmbH' }, { now });
    await approveDraft(r.store, { draftId: d.id, actor: 'review:anna', door: 'review', now });
    const line = (await (await admin('/admin/labels?redact=1')).text()).trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.source.draftId === d.id);
    expect(line.body).toContain('[email]');
    expect(line.body).toContain('[phone]');
    expect(line.body).toContain('[signature]');
    expect(line.body).not.toContain('Jana Kraus');
    const bad = await admin('/admin/labels?since=yesterday-ish');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'payload_invalid' });
  });
});
