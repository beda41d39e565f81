// Try it reads tickets in a worker thread (issue 12): the event loop that answers webhooks stays free, and a full
// queue says "busy" at once rather than piling up work.
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { createTryItPool, TRY_IT_QUEUE } from '../../src/review/try-it-pool.js';

const THREAD = {
  subject: 'Keep AD',
  body: "Hi,\nMailStore Server syncs with our Active Directory (usernames like 'jdoe'). We keep the AD sync as it is and only move archiving to modern authentication.\nThanks",
};

describe('Try it worker pool', () => {
  const pool = createTryItPool(1);
  afterAll(() => pool.close());

  it('answers with the same reading as classify() in this thread', async () => {
    expect(await pool.classify(THREAD)).toEqual(classify(THREAD));
  });

  it('a burst beyond the queue: the extra requests are told "busy" (null) at once, the rest are answered', async () => {
    const answers = await Promise.all(Array.from({ length: TRY_IT_QUEUE + 12 }, () => pool.classify(THREAD)));
    const busy = answers.filter((a) => a === null).length;
    expect(busy).toBeGreaterThan(0);
    expect(answers.filter((a) => a !== null).every((a) => a!.branch === 'hybrid')).toBe(true);
    expect(answers.length - busy).toBeGreaterThanOrEqual(TRY_IT_QUEUE);
  });
});
