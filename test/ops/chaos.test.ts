// The chaos run, small: two real server processes on one PostgreSQL database, a Zendesk that fails some calls (429
// with Retry-After, 500, hangs past the timeout, half of them applied), duplicate deliveries, follow-ups and
// approvals, and one instance SIGKILLed mid-run and restarted. What a user would notice is asserted: one draft and
// one note per customer statement, one public reply per approval, no event lost, every dead letter explained.
// The full run (2,000 deliveries, 20% failing) is `npm run chaos`.
import { expect, it } from 'vitest';
import { chaosChecks, formatChaos } from '../../bench/lib/chaos/report.js';
import { runChaos } from '../../bench/lib/chaos/run.js';
import { HANG_PAST_TIMEOUT_MS, TEST_ZENDESK_TIMEOUT_MS } from '../helpers/timeouts.js';
import { describePostgres } from '../store/helpers.js';

const url = process.env.TEST_DATABASE_URL || null;
if (!url) console.warn('[chaos test] left out: two instances on PostgreSQL need TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test).');

describePostgres('chaos: two instances, a failing Zendesk, one SIGKILL', () => {
  it('posts one note per customer statement and one reply per approval, and loses no event', async () => {
    const report = await runChaos({
      postgresUrl: url!,
      deliveries: 100,
      duplicateShare: 0.3,
      followUpShare: 0.15,
      approvalShare: 0.25,
      // Fewer failures than the full run: the retry backoff is exponential, and this must stay well under a minute.
      failureRate: 0.1,
      seed: 4242,
      ratePerSecond: 40,
      killAt: 0.4,
      downMs: 500,
      // A loaded test machine makes healthy calls slow: the test apps' realistic timeout, hangs above it, and time
      // to settle (the full `npm run chaos` keeps 400 ms / 1.5 s).
      zendeskTimeoutMs: TEST_ZENDESK_TIMEOUT_MS,
      hangMs: HANG_PAST_TIMEOUT_MS,
      settleTimeoutMs: 180_000,
      // Dead letters come sooner (and are then explained); the full run keeps the default of 8.
      maxAttempts: 5,
    });
    const failed = chaosChecks(report).filter((c) => !c.pass);
    expect(failed, `${formatChaos(report)}\n${failed.length ? report.output : ''}`).toEqual([]);
    // The run really was chaotic: an instance died and came back, and Zendesk failed calls of every kind.
    expect(report.kills).toBe(1);
    expect(report.restarts).toBe(1);
    expect(report.injected.rateLimited).toBeGreaterThan(0);
    expect(report.injected.serverError).toBeGreaterThan(0);
    expect(report.injected.hangApplied + report.injected.hangNotApplied).toBeGreaterThan(0);
    expect(report.traffic.duplicates).toBeGreaterThan(0);
    expect(report.findings.publicReplies).toBeGreaterThan(0);
  }, 360_000);
});
