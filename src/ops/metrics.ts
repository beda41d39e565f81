// Prometheus metrics (prom-client). One registry per app instance, so tests and two in-process instances do not
// share counters. The names are part of the admin-facing contract (README "Operations").
import { Counter, Histogram, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics } from '../zendesk/context.js';

type Def = { help: string; labels?: string[]; buckets?: number[] };
const COUNTERS: Record<string, Def> = {
  events_received_total: { help: 'Webhook deliveries accepted and stored', labels: ['source'] },
  events_deduplicated_total: { help: 'Deliveries acknowledged as duplicates (nothing done)', labels: ['source'] },
  events_rejected_total: { help: 'Deliveries refused', labels: ['reason'] },
  events_processed_total: { help: 'Events handled by the worker', labels: ['outcome'] },
  events_failed_total: { help: 'Event processing failures', labels: ['final'] },
  events_undraftable_total: { help: 'Events that failed for good; the ticket got a note and the m365_draft_failed tag' },
  classifications_total: { help: 'Tickets classified, by branch', labels: ['branch'] },
  drafts_total: { help: 'Drafts created, by branch', labels: ['branch'] },
  approvals_total: { help: 'Drafts approved, by door', labels: ['door'] },
  rejections_total: { help: 'Drafts rejected, by door', labels: ['door'] },
  corrections_total: { help: 'Readings corrected by an agent, by door', labels: ['door'] },
  auto_send_breaker_trips_total: { help: 'Auto-sent replies whose reading was corrected (each turns auto-send off)' },
  auto_sends_total: { help: 'Replies sent with no human (auto-send band)' },
  public_replies_total: { help: 'Public replies posted to Zendesk', labels: ['door'] },
  public_replies_overtaken_total: { help: 'Approved replies not posted because the customer wrote again first', labels: ['door'] },
  public_replies_not_sent_total: { help: 'Approved or auto-send replies not posted because the customer was answered in Zendesk first (or, auto-send, the ticket was solved)', labels: ['door', 'cause'] },
  outbox_sent_total: { help: 'Outbox rows delivered', labels: ['kind'] },
  outbox_retries_total: { help: 'Outbox send attempts that will be retried', labels: ['kind'] },
  outbox_dead_total: { help: 'Outbox rows dead-lettered', labels: ['kind'] },
  reconcile_runs_total: { help: 'Reconciliation polls run' },
  overload_rejections_total: { help: 'Webhook requests answered 503 under overload' },
  zendesk_app_refusals_total: { help: 'Zendesk sidebar app requests refused (no valid signed request)', labels: ['reason'] },
  zendesk_app_inserts_total: { help: 'Drafts put into an agent\'s reply box by the Zendesk sidebar app' },
};
const HISTOGRAMS: Record<string, Def> = {
  classify_seconds: { help: 'Time to classify one ticket', buckets: [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05] },
  event_process_seconds: { help: 'Time to process one event (API reads included)' },
  outbox_send_seconds: { help: 'Time to send one outbox row', labels: ['kind'] },
  zendesk_call_seconds: { help: 'Zendesk API call latency', labels: ['route', 'method', 'status'] },
  slack_call_seconds: { help: 'Slack API call latency', labels: ['method', 'status'] },
};

export type GaugeName =
  | 'outbox_depth' | 'outbox_oldest_age_seconds' | 'outbox_oldest_due_wait_seconds' | 'events_pending' | 'events_processing' | 'events_failed'
  | ReadingGaugeName;

// The reader's real accuracy and the auto-send breaker (README "Metrics"); read from the shared store at scrape.
const READING_GAUGES = {
  reading_labels: { help: 'Labelled tickets of the last 30 days, by slot or by the branch the classifier chose, confirmed or corrected by agents', labels: ['kind', 'key', 'outcome'] },
  reading_accuracy: { help: 'Share of labelled tickets of the last 30 days whose slot (kind=slot) or branch (kind=branch, key=chosen branch or all) the agents confirmed', labels: ['kind', 'key'] },
  reading_corrections: { help: 'Corrected branches of the last 30 days: the classifier chose `from`, the agent said `to`', labels: ['from', 'to'] },
  auto_send_window_sent: { help: 'Replies auto-sent in the last 30 days' },
  auto_send_window_corrected: { help: 'Auto-sent replies of the last 30 days whose reading an agent corrected' },
  auto_send_precision: { help: 'Share of the last 30 days of auto-sent replies whose reading was not corrected' },
  auto_send_precision_lower95: { help: 'Lower bound of the 95 % Wilson interval of auto_send_precision' },
  auto_send_enabled: { help: '1 when AUTO_SEND is on and neither an admin nor the circuit breaker turned it off' },
  auto_send_breaker_open: { help: '1 while auto-send is off because an auto-sent reply was corrected (until POST /admin/auto-send)' },
} as const;
export type ReadingGaugeName = keyof typeof READING_GAUGES;

export interface AppMetrics extends Metrics {
  registry: Registry;
  /** Gauges read on scrape (outbox depth and age), set by the caller before rendering. */
  setGauge(name: GaugeName, value: number, labels?: Record<string, string>): void;
  /** Forgets every label set of a gauge (a branch pair with no corrections left must disappear, not stay stale). */
  resetGauge(name: GaugeName): void;
  /** m365_config_problem{key,code} = 1 for each current configuration problem (the gauge is rebuilt each scrape). */
  setConfigProblems(problems: Array<{ key: string; code: string }>): void;
}

export function createMetrics(opts: { defaults?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  if (opts.defaults !== false) collectDefaultMetrics({ register: registry, prefix: 'm365_' });
  const counters = new Map<string, Counter>();
  const histograms = new Map<string, Histogram>();
  for (const [name, d] of Object.entries(COUNTERS)) {
    counters.set(name, new Counter({ name: `m365_${name}`, help: d.help, labelNames: d.labels ?? [], registers: [registry] }));
  }
  for (const [name, d] of Object.entries(HISTOGRAMS)) {
    histograms.set(name, new Histogram({ name: `m365_${name}`, help: d.help, labelNames: d.labels ?? [], registers: [registry], ...(d.buckets ? { buckets: d.buckets } : {}) }));
  }
  const gauges = {
    outbox_depth: new Gauge({ name: 'm365_outbox_depth', help: 'Outbox rows by state', labelNames: ['state'], registers: [registry] }),
    outbox_oldest_age_seconds: new Gauge({ name: 'm365_outbox_oldest_age_seconds', help: 'Age of the oldest unsent outbox row', registers: [registry] }),
    outbox_oldest_due_wait_seconds: new Gauge({ name: 'm365_outbox_oldest_due_wait_seconds', help: 'How long the longest-waiting due outbox row has waited for a sender (readiness fails above 15 min)', registers: [registry] }),
    events_pending: new Gauge({ name: 'm365_events_pending', help: 'Stored events not yet processed', registers: [registry] }),
    events_processing: new Gauge({ name: 'm365_events_processing', help: 'Events claimed by a worker right now', registers: [registry] }),
    events_failed: new Gauge({ name: 'm365_events_failed', help: 'Events given up after their retries (logged as "event failed for good")', registers: [registry] }),
    ...(Object.fromEntries(
      Object.entries(READING_GAUGES).map(([name, d]) => [name, new Gauge({ name: `m365_${name}`, help: d.help, labelNames: 'labels' in d ? [...d.labels] : [], registers: [registry] })]),
    ) as Record<ReadingGaugeName, Gauge>),
  } satisfies Record<GaugeName, Gauge>;
  const configProblem = new Gauge({ name: 'm365_config_problem', help: 'A configuration problem found while working (1 while it lasts; see /readyz problems for what to do)', labelNames: ['key', 'code'], registers: [registry] });
  return {
    registry,
    inc(name, labels = {}, by = 1) {
      counters.get(name)?.inc(labels, by);
    },
    observe(name, value, labels = {}) {
      histograms.get(name)?.observe(labels, value);
    },
    setGauge(name, value, labels = {}) {
      gauges[name].set(labels, value);
    },
    resetGauge(name) {
      gauges[name].reset();
    },
    setConfigProblems(problems) {
      configProblem.reset();
      for (const p of problems) configProblem.set({ key: p.key, code: p.code }, 1);
    },
  };
}
