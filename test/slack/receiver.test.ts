// The receiver's contract with Bolt (integrations.md trap 7): the HTTP answer goes out when ack() is called, not
// when the listeners finish; a second ack is harmless; a watchdog answers if nobody acks.
import type { App, ReceiverEvent } from '@slack/bolt';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FastifyReceiver } from '../../src/slack/receiver.js';

const log = pino({ level: 'silent' });

/** A stand-in for Bolt's App: processEvent runs the given listener with the event. */
function receiverWith(listener: (e: ReceiverEvent) => Promise<void>, ackTimeoutMs?: number): FastifyReceiver {
  const r = new FastifyReceiver({ log, ...(ackTimeoutMs ? { ackTimeoutMs } : {}) });
  r.init({ processEvent: listener } as unknown as App);
  return r;
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe('FastifyReceiver', () => {
  it('answers at ack(), while the listener keeps working', async () => {
    let finished = false;
    const r = receiverWith(async ({ ack }) => {
      await ack({ response_type: 'ephemeral', text: 'hi' });
      await ack(); // idempotent
      await sleep(1500);
      finished = true;
    });
    const started = performance.now();
    const answer = await r.dispatch({ type: 'block_actions' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(answer).toEqual({ status: 200, body: { response_type: 'ephemeral', text: 'hi' } });
    expect(finished).toBe(false);
    await r.idle();
    expect(finished).toBe(true);
  });

  it('answers from the watchdog when nobody acks in time', async () => {
    const r = receiverWith(async () => {
      await sleep(2000);
    }, 100);
    const started = performance.now();
    expect(await r.dispatch({ type: 'block_actions' })).toEqual({ status: 200 });
    expect(performance.now() - started).toBeLessThan(1500);
    await r.idle();
  });

  it('answers 500 when the listener fails before acking, and keeps quiet after', async () => {
    const failing = receiverWith(async () => {
      throw new Error('boom');
    });
    expect((await failing.dispatch({})).status).toBe(500);
    const late = receiverWith(async ({ ack }) => {
      await ack();
      throw new Error('after');
    });
    expect(await late.dispatch({})).toEqual({ status: 200 });
    await late.idle();
  });

  it('answers 200 at once when no listener acked and all are done', async () => {
    const r = receiverWith(async () => {}, 10_000);
    const started = performance.now();
    expect(await r.dispatch({})).toEqual({ status: 200 });
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
