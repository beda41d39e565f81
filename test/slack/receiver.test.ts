// The receiver's contract with Bolt (integrations.md trap 7): the HTTP answer goes out when ack() is called, not
// when the listeners finish; a second ack is harmless; a watchdog answers if nobody acks.
import type { App, ReceiverEvent } from '@slack/bolt';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createBoltApp } from '../../src/slack/bolt-app.js';
import { FAILED_TEXT, FastifyReceiver } from '../../src/slack/receiver.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { FakeSlack } from '../fakes/slack.js';
import { pollUntil } from '../helpers/poll.js';

const log = pino({ level: 'silent' });

/** A stand-in for Bolt's App: processEvent runs the given listener with the event. */
function receiverWith(listener: (e: ReceiverEvent) => Promise<void>, ackTimeoutMs?: number): FastifyReceiver {
  const r = new FastifyReceiver({ log, ...(ackTimeoutMs ? { ackTimeoutMs } : {}) });
  r.init({ processEvent: listener } as unknown as App);
  return r;
}

/** A listener step the test finishes by hand: an answer that arrives while it is open did not wait for it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((res) => (open = res));
  return { wait, open };
}
// How fast the answers come: bench/unit-timings.bench.ts. Here only what they wait for (no wall-clock limits).

describe('FastifyReceiver', () => {
  it('answers at ack(), while the listener keeps working', async () => {
    let finished = false;
    const work = gate();
    const r = receiverWith(async ({ ack }) => {
      await ack({ response_type: 'ephemeral', text: 'hi' });
      await ack(); // idempotent
      await work.wait;
      finished = true;
    });
    const answer = await r.dispatch({ type: 'block_actions' });
    expect(answer).toEqual({ status: 200, body: { response_type: 'ephemeral', text: 'hi' } });
    expect(finished).toBe(false);
    work.open();
    await r.idle();
    expect(finished).toBe(true);
  });

  it('answers from the watchdog when nobody acks in time', async () => {
    let finished = false;
    const work = gate();
    const r = receiverWith(async () => {
      await work.wait;
      finished = true;
    }, 100);
    expect(await r.dispatch({ type: 'block_actions' })).toEqual({ status: 200 });
    expect(finished).toBe(false); // the watchdog answered; the listener never acked and is still at work
    work.open();
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
    // A watchdog far beyond the test's own timeout: waiting for it would fail the test.
    const r = receiverWith(async () => {}, 600_000);
    expect(await r.dispatch({})).toEqual({ status: 200 });
  });

  describe('a listener that fails before its ack, through a real Bolt app', () => {
    /** Bolt with our receiver and error handler, and one listener per kind that throws before acking. */
    async function failingBolt() {
      const slack = await new FakeSlack().start();
      const receiver = new FastifyReceiver({ log });
      const bolt = createBoltApp({ botToken: slack.token, apiUrl: slack.apiUrl, receiver, log, metrics: createMetrics({ defaults: false }) });
      const boom = async () => {
        throw new Error('boom');
      };
      bolt.command('/m365-guide', boom);
      bolt.action('draft_approve', boom);
      bolt.view('draft_reject_modal', boom);
      return { slack, receiver };
    }

    it('a slash command gets a sentence, not an empty 200', async () => {
      const { slack, receiver } = await failingBolt();
      const answer = await receiver.dispatch({ command: '/m365-guide', text: 'help', user_id: 'U1', team_id: 'T1', channel_id: 'C1', response_url: slack.responseUrl('cmd'), trigger_id: slack.trigger() });
      expect(answer).toEqual({ status: 200, body: { response_type: 'ephemeral', text: FAILED_TEXT } });
      await slack.stop();
    });

    it('a button click is told through its response_url', async () => {
      const { slack, receiver } = await failingBolt();
      const answer = await receiver.dispatch({
        type: 'block_actions',
        user: { id: 'U1' },
        team: { id: 'T1' },
        response_url: slack.responseUrl('click'),
        container: { type: 'message', channel_id: 'C1', message_ts: '1.1' },
        actions: [{ type: 'button', action_id: 'draft_approve', block_id: 'b', value: '1', action_ts: '1' }],
      });
      expect(answer).toEqual({ status: 200 });
      await pollUntil('the response_url message', () => slack.responsesTo('click').length > 0);
      expect(slack.responsesTo('click')).toEqual([{ response_type: 'ephemeral', replace_original: false, text: FAILED_TEXT }]);
      await slack.stop();
    });

    it('a modal submission shows the failure next to its input', async () => {
      const { slack, receiver } = await failingBolt();
      const answer = await receiver.dispatch({
        type: 'view_submission',
        user: { id: 'U1' },
        team: { id: 'T1' },
        view: { id: 'V1', callback_id: 'draft_reject_modal', blocks: [{ type: 'input', block_id: 'reason' }], state: { values: {} }, private_metadata: '{}' },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ response_action: 'errors', errors: { reason: expect.stringContaining('could not handle that') } });
      await slack.stop();
    });
  });
});
