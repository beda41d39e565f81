// LABEL_RETENTION_DAYS: a label's ticket text is kept that many days after the decision, then purged (the reading
// and the counts stay for the analytics). 0 keeps none: the doors do not store it, and this purge removes any left
// from before the setting changed. Runs at boot and then periodically on every instance (the UPDATE is idempotent).
import type { Store } from '../store/types.js';

export const PURGE_INTERVAL_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

export async function purgeExpiredLabelText(store: Store, retentionDays: number, now: Date): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  const purged = await store.purgeLabelText(retentionDays === 0 ? new Date(now.getTime() + 1) : before, now);
  if (purged > 0) await store.audit({ action: 'labels.purged', details: { purged, retentionDays } }, now);
  return purged;
}
