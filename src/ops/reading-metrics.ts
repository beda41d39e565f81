// The analytics page's accuracy figures as Prometheus gauges, over the last 30 days (the page's default window), read
// from the shared store at scrape time so every instance reports the same values (use max(), not sum()).
import { SLOT_NAMES } from '../classify/types.js';
import type { ReadingAccuracy, Tally } from '../labels/accuracy.js';
import { loadReadingAccuracy } from '../labels/source.js';
import type { Store } from '../store/types.js';
import { autoSendKilled, breakerTrip } from './auto-send-switch.js';
import type { AppMetrics, ReadingGaugeName } from './metrics.js';

export const METRICS_WINDOW_DAYS = 30;

/** The first instant of the window the analytics page shows for `days` (UTC days, today included). */
export const windowStart = (now: Date, days: number): Date => new Date(Date.parse(now.toISOString().slice(0, 10)) - (days - 1) * 86_400_000);

const RESET: ReadingGaugeName[] = ['reading_labels', 'reading_accuracy', 'reading_corrections'];

export function setReadingGauges(m: AppMetrics, a: ReadingAccuracy): void {
  for (const name of RESET) m.resetGauge(name);
  const put = (kind: string, key: string, t: Tally) => {
    m.setGauge('reading_labels', t.confirmed, { kind, key, outcome: 'confirmed' });
    m.setGauge('reading_labels', t.corrected, { kind, key, outcome: 'corrected' });
    if (t.accuracy !== null) m.setGauge('reading_accuracy', t.accuracy, { kind, key });
  };
  for (const slot of SLOT_NAMES) put('slot', slot, a.perSlot[slot]);
  put('branch', 'all', a.branch);
  for (const b of a.perBranch) if (b.confirmed + b.corrected > 0) put('branch', b.branch, b);
  for (const c of a.confusion) m.setGauge('reading_corrections', c.count, { from: c.from, to: c.to });
  m.setGauge('auto_send_window_sent', a.autoSend.sent);
  m.setGauge('auto_send_window_corrected', a.autoSend.corrected);
  m.resetGauge('auto_send_precision');
  m.resetGauge('auto_send_precision_lower95');
  if (a.autoSend.precision !== null) m.setGauge('auto_send_precision', a.autoSend.precision);
  if (a.autoSend.lower95 !== null) m.setGauge('auto_send_precision_lower95', a.autoSend.lower95);
}

export async function updateReadingGauges(store: Store, m: AppMetrics, autoSendSetting: boolean, now: Date): Promise<void> {
  setReadingGauges(m, await loadReadingAccuracy(store, windowStart(now, METRICS_WINDOW_DAYS), now));
  const killed = await autoSendKilled(store);
  m.setGauge('auto_send_enabled', autoSendSetting && !killed ? 1 : 0);
  m.setGauge('auto_send_breaker_open', killed && (await breakerTrip(store)) !== null ? 1 : 0);
}
