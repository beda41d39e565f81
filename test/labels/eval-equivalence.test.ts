// `m365-guide eval` on an export gives the same accuracy as the analytics page for the same tickets: agents approve
// some drafts (reading confirmed), correct others (review-page door), reject one (reading unknown, not exported);
// the page's branch and per-slot figures then equal eval's on the file GET /admin/labels wrote.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { CHOICES, SLOT_NAMES, type Slots } from '../../src/classify/types.js';
import { correctDraft } from '../../src/drafts/correct-draft.js';
import { approveDraft, rejectDraft } from '../../src/drafts/index.js';
import { percent } from '../../src/review/classification-view.js';
import { extra } from '../classify/load-tickets.js';
import { runCli } from '../cli/helpers.js';
import { Client, PASSWORDS, draftFromWebhook, startReviewApp, type ReviewApp } from '../review/helpers.js';

const ADMIN = 'admin-token-0123456789';

describe('eval on an export = the analytics page', () => {
  let r: ReviewApp;
  let dir: string;

  beforeAll(async () => {
    r = await startReviewApp({ env: { ADMIN_TOKEN: ADMIN } });
    dir = mkdtempSync(join(tmpdir(), 'm365-eval-export-'));
  }, 120_000);
  afterAll(async () => {
    await r?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('branch and per-slot accuracy agree', async () => {
    const tickets = extra().filter((t) => classify(t).slots.topic !== 'off-topic').slice(0, 18);
    const now = new Date();
    let corrected = 0;
    for (const [i, t] of tickets.entries()) {
      const draft = await draftFromWebhook(r, t);
      if (i === 0) {
        await rejectDraft(r.store, { draftId: draft.id, actor: 'review:ben', door: 'review', reason: 'personal answer', now });
      } else if (i % 3 === 0) {
        // The agent disagrees about the choice (and for some, the product too): a correction.
        const choice = CHOICES.find((c) => c !== draft.slots.choice)!;
        const slots: Partial<Slots> = i % 2 ? { choice } : { choice, product: draft.slots.product === 'spe' ? 'server' : 'spe' };
        const res = await correctDraft(r.store, { draftId: draft.id, actor: 'review:anna', door: 'review', slots, now });
        expect(res.ok).toBe(true);
        if (res.ok && res.corrected) await approveDraft(r.store, { draftId: res.corrected.id, actor: 'review:anna', door: 'review', now });
        corrected++;
      } else {
        await approveDraft(r.store, { draftId: draft.id, actor: 'review:anna', door: 'review', now });
      }
    }
    expect(corrected).toBeGreaterThan(3);

    const res = await fetch(`${r.url}/admin/labels`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const file = join(dir, 'labels.jsonl');
    writeFileSync(file, await res.text());
    const run = await runCli(['eval', file, '--json']);
    const ev = JSON.parse(run.stdout) as { tickets: number; branch: { rate: number }; slots: Record<string, { rate: number; correct: number; total: number }> };
    expect(ev.tickets).toBe(tickets.length - 1); // the rejection left the reading unknown: not exported

    const c = new Client(r.app);
    await c.login('anna', PASSWORDS.anna);
    const page = (await c.get('/analytics')).body;
    const branchAccuracy = /id="branch-accuracy">([^<]+)</.exec(page)![1];
    expect(branchAccuracy).toBe(percent(ev.branch.rate));
    for (const slot of SLOT_NAMES) {
      const row = new RegExp(`<tr data-key="${slot}"><th scope="row">[^<]+</th><td data-col="confirmed">(\\d+)</td><td data-col="corrected">(\\d+)</td><td data-col="accuracy">([^<]+)</td>`).exec(page)!;
      expect(Number(row[1]), slot).toBe(ev.slots[slot]!.correct);
      expect(Number(row[1]) + Number(row[2]), slot).toBe(ev.slots[slot]!.total);
      expect(row[3], slot).toBe(percent(ev.slots[slot]!.rate));
    }
    // Not a vacuous match: corrections made some figures fall below 100 %.
    expect(ev.slots.choice!.rate).toBeLessThan(1);
  }, 120_000);
});
