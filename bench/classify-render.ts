// Throughput of the ticket pipeline's CPU part: classify + render (the reply is rendered only for on-topic
// branches, as `m365-guide draft` does), over the corpus tickets repeated. One core: everything runs on the main
// thread. Beside it, a baseline measured in the same process and run (lower-casing the same text and scanning it
// with a few regexes), so the ratio stays meaningful across machines where absolute numbers do not.
import { readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Thread } from '../src/classify/types.js';
// The same seam the CLI uses, so the bench measures exactly what `m365-guide draft` runs.
import { classify, renderReply } from '../src/cli/engine.js';
import { defaultModel, MODEL_URL } from '../src/classify/reader-model.js';
import type { BenchResult } from './types.js';

const TARGET_PER_SECOND = 2_000;
// The dev corpus (../shared/corpus/dev.jsonl), kept in the repo as a train file.
const CORPUS = new URL('../test/fixtures/corpus/train/dev.jsonl', import.meta.url);

function loadThreads(): Thread[] {
  const path = process.env.BENCH_CORPUS ?? CORPUS;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const t = JSON.parse(l) as Thread;
      return { subject: t.subject, body: t.body, ...(t.comments ? { comments: t.comments } : {}) };
    });
}

function classifyOnly(thread: Thread): number {
  return classify(thread).evidence.length;
}

function classifyAndRender(thread: Thread): number {
  const c = classify(thread);
  if (c.branch === 'off-topic') return c.evidence.length;
  const { language, product } = c.slots;
  return renderReply({ branch: c.branch, language, product, slots: c.slots }, 'markdown').text.length;
}

// A deliberately cheap stand-in for "look at the ticket text": what any classifier costs at the very least.
const BASELINE_PATTERNS = [
  /microsoft 365|m365|office 365/,
  /modern auth/,
  /active directory|\bldap\b/,
  /\bspe\b|service provider/,
  /umbenenn|rename/,
  /\b(und|nicht|wir)\b/,
];
function baseline(thread: Thread): number {
  let text = `${thread.subject}\n${thread.body}`;
  for (const c of thread.comments ?? []) text += `\n${c.body}`;
  const lower = text.toLowerCase();
  let hits = 0;
  for (const re of BASELINE_PATTERNS) if (re.test(lower)) hits += 1;
  return hits;
}

interface Round {
  perSecond: number;
  latenciesUs: Float64Array;
}

function measure(threads: Thread[], count: number, fn: (t: Thread) => number): Round & { sink: number } {
  const latencies = new Float64Array(count);
  let sink = 0; // consumed below so the work cannot be optimised away
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    sink += fn(threads[i % threads.length]!);
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1_000;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSecond: count / seconds, latenciesUs: latencies, sink };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export default async function run(): Promise<BenchResult> {
  const threads = loadThreads();
  // The trained reader's model is read and parsed once per process, on the first classify: time that once here.
  const loadStart = process.hrtime.bigint();
  defaultModel();
  const modelLoadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  const modelBytes = statSync(MODEL_URL).size;
  const tickets = Number(process.env.BENCH_TICKETS ?? 20_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

  // Warm-up: let the JIT compile both paths and the renderer fill its template cache before anything is timed.
  measure(threads, Math.min(2_000, tickets), classifyAndRender);
  measure(threads, Math.min(2_000, tickets), baseline);

  const pipeline: Round[] = [];
  const base: Round[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    // Interleaved so a slow phase of the machine hits both sides alike.
    const b = measure(threads, tickets, baseline);
    const p = measure(threads, tickets, classifyAndRender);
    base.push(b);
    pipeline.push(p);
    sink += b.sink + p.sink;
  }

  // Breakdown, to tell which half to optimise when the target is missed: classify alone over the same tickets, and
  // render alone over the classifications computed once up front (on-topic ones only; off-topic gets no reply).
  const breakdownCount = Math.min(tickets, 5_000);
  const classifyPerSecond = measure(threads, breakdownCount, classifyOnly).perSecond;
  const inputs = threads.map((t) => classify(t)).filter((c) => c.branch !== 'off-topic');
  let k = 0;
  const renderPerSecond = measure(threads, breakdownCount, () => {
    const c = inputs[k++ % inputs.length]!;
    if (c.branch === 'off-topic') return 0; // filtered above; narrows the type
    return renderReply({ branch: c.branch, language: c.slots.language, product: c.slots.product, slots: c.slots }, 'markdown').text.length;
  }).perSecond;

  const perSecond = median(pipeline.map((r) => r.perSecond));
  const basePerSecond = median(base.map((r) => r.perSecond));
  const slowdown = basePerSecond / perSecond;
  const all = new Float64Array(pipeline.reduce((n, r) => n + r.latenciesUs.length, 0));
  let offset = 0;
  for (const r of pipeline) {
    all.set(r.latenciesUs, offset);
    offset += r.latenciesUs.length;
  }
  all.sort();
  const latencyUs = { p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), max: all[all.length - 1]! };
  const pass = perSecond >= TARGET_PER_SECOND;

  const lines = [
    `classify-render: ${fmt(tickets)} tickets per round (${threads.length} corpus tickets repeated), ${rounds} round${rounds === 1 ? '' : 's'}${rounds > 1 ? ', median shown' : ''}`,
    `  baseline (lower-case + ${BASELINE_PATTERNS.length} regexes): ${fmt(basePerSecond).padStart(10)} tickets/s`,
    `  classify + render:                ${fmt(perSecond).padStart(10)} tickets/s` +
      `   latency p50 ${latencyUs.p50.toFixed(0)} µs, p95 ${latencyUs.p95.toFixed(0)} µs, p99 ${latencyUs.p99.toFixed(0)} µs`,
    `  ratio: classify + render runs at 1/${slowdown.toFixed(1)} of the baseline speed`,
    `  breakdown (${fmt(breakdownCount)} each): classify alone ${fmt(classifyPerSecond)} tickets/s, render alone ${fmt(renderPerSecond)} replies/s`,
    `  trained reader: models/reader.json ${fmt(modelBytes / 1024)} KiB, loaded and parsed in ${modelLoadMs.toFixed(1)} ms (once per process)`,
    `  target >= ${fmt(TARGET_PER_SECOND)} tickets/s: ${pass ? 'PASS' : 'FAIL'}`,
  ];
  return {
    name: 'classify-render',
    pass,
    summary: lines.join('\n'),
    metrics: {
      tickets,
      rounds,
      corpusTickets: threads.length,
      ticketsPerSecond: Math.round(perSecond),
      roundsTicketsPerSecond: pipeline.map((r) => Math.round(r.perSecond)),
      baselineTicketsPerSecond: Math.round(basePerSecond),
      baselineToPipelineRatio: Number(slowdown.toFixed(2)),
      classifyOnlyTicketsPerSecond: Math.round(classifyPerSecond),
      renderOnlyRepliesPerSecond: Math.round(renderPerSecond),
      latencyUs: Object.fromEntries(Object.entries(latencyUs).map(([k, v]) => [k, Number(v.toFixed(1))])),
      targetTicketsPerSecond: TARGET_PER_SECOND,
      modelBytes,
      modelLoadMs: Number(modelLoadMs.toFixed(1)),
      cpu: cpus()[0]?.model ?? 'unknown',
      sink,
    },
  };
}

// Also runnable alone: node --import tsx bench/classify-render.ts
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  console.log(result.summary);
  if (result.pass === false) process.exitCode = 1;
}
