// Timings that used to be wall-clock limits inside unit tests (where a loaded CI machine failed them for reasons
// that were not the code's): classify on huge and pathological input, the edit ratio of a long rewritten reply, and
// the Slack receiver answering at ack() / from its watchdog while the listener is still busy. Each is measured
// several times and judged on the slowest run against the limit the test used to carry.
import type { App, ReceiverEvent } from '@slack/bolt';
import pino from 'pino';
import { classify } from '../src/classify/index.js';
import { editRatio } from '../src/review/edit-distance.js';
import { FastifyReceiver } from '../src/slack/receiver.js';
import { PATHOLOGICAL_TEXTS } from '../test/classify/pathological-inputs.js';
import { fmtMs } from './lib/stats.js';
import { atMost, figure, line, overall } from './lib/verdict.js';
import type { BenchResult } from './types.js';

const ROUNDS = Number(process.env.BENCH_UNIT_ROUNDS ?? 3);

async function slowest(fn: () => unknown | Promise<unknown>): Promise<number> {
  let worst = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await fn();
    worst = Math.max(worst, performance.now() - started);
  }
  return worst;
}

function receiver(listener: (e: ReceiverEvent) => Promise<void>, ackTimeoutMs?: number): FastifyReceiver {
  const r = new FastifyReceiver({ log: pino({ level: 'silent' }), ...(ackTimeoutMs ? { ackTimeoutMs } : {}) });
  r.init({ processEvent: listener } as unknown as App);
  return r;
}

export default async function unitTimings(): Promise<BenchResult> {
  let classifyWorst = 0;
  for (const text of PATHOLOGICAL_TEXTS) {
    classifyWorst = Math.max(classifyWorst, await slowest(() => classify({ subject: text.slice(0, 5_000), body: text, comments: [{ author: 'customer', body: text }] })));
  }
  const long = Array.from({ length: 3000 }, (_, i) => `w${i % 97}`).join(' ');
  const rewritten = long.replace('w5 ', 'changed ').split(' ').reverse().join(' ');
  const editWorst = await slowest(() => editRatio(long, rewritten));

  // The listener keeps working for 1.5 s after ack(); the answer must not wait for it.
  const ackWorst = await slowest(async () => {
    const r = receiver(async ({ ack }) => {
      await ack();
      await new Promise((res) => setTimeout(res, 1_500));
    });
    await r.dispatch({ type: 'block_actions' });
  });
  // Nobody acks; the watchdog (100 ms) answers long before the 2 s listener ends.
  const watchdogWorst = await slowest(async () => {
    const r = receiver(() => new Promise((res) => setTimeout(res, 2_000)), 100);
    await r.dispatch({ type: 'block_actions' });
  });

  const figures = [
    figure('classify, slowest pathological input', classifyWorst, fmtMs(classifyWorst), atMost(2_000, '≤ 2,000 ms')),
    figure('edit ratio, 3,000 words reordered', editWorst, fmtMs(editWorst), atMost(3_000, '≤ 3,000 ms')),
    figure('Slack receiver, answer at ack()', ackWorst, fmtMs(ackWorst), atMost(1_000, '≤ 1,000 ms')),
    figure('Slack receiver, watchdog answer (100 ms)', watchdogWorst, fmtMs(watchdogWorst), atMost(1_500, '≤ 1,500 ms')),
  ];
  // Let the receivers' listeners finish before the next bench starts.
  await new Promise((res) => setTimeout(res, 2_000));
  return {
    name: 'unit-timings',
    pass: overall(figures),
    summary: ['unit-timings (slowest of ' + ROUNDS + ' runs each)', ...figures.map((f) => line(f))].join('\n'),
    metrics: Object.fromEntries(figures.map((f) => [f.label, f.value])),
  };
}
