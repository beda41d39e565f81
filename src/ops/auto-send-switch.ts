// The auto-send kill switch, stored in the database so every instance obeys it at once (the worker reads it before
// every auto-send). The circuit breaker is the same switch, thrown by a correction of an auto-sent reply, plus a
// record of why; only an admin turns auto-send back on (POST /admin/auto-send), which also clears the record.
import type { Store } from '../store/types.js';

export const KILL_SWITCH_KEY = 'auto_send.killed';
export const BREAKER_KEY = 'auto_send.breaker';

export interface BreakerTrip {
  ticketId: string;
  draftId: number;
  actor: string;
  door: string;
  at: string;
  from: string;
  to: string;
}

export async function autoSendKilled(store: Store): Promise<boolean> {
  return (await store.getMeta(KILL_SWITCH_KEY)) === 'true';
}

/** The trip that turned auto-send off, while it is off because of it (null when it never tripped or was reset). */
export async function breakerTrip(store: Store): Promise<BreakerTrip | null> {
  const raw = await store.getMeta(BREAKER_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as BreakerTrip;
  } catch {
    return null;
  }
}

/** Throws the switch because an auto-sent reply was wrong. Call inside the correction's transaction. */
export async function tripBreaker(tx: Store, trip: BreakerTrip, now: Date): Promise<void> {
  await tx.setMeta(KILL_SWITCH_KEY, 'true');
  await tx.setMeta(BREAKER_KEY, JSON.stringify(trip));
  await tx.audit(
    { action: 'auto_send.tripped', ticketId: trip.ticketId, draftId: trip.draftId, actor: trip.actor, details: { door: trip.door, from: trip.from, to: trip.to } },
    now,
  );
}

/** An admin's decision: on (releases the switch and clears a trip) or off. Audited with who asked. */
export async function setAutoSend(store: Store, enabled: boolean, actor: string, now: Date): Promise<void> {
  await store.withTx(async (tx) => {
    const trip = await breakerTrip(tx);
    await tx.setMeta(KILL_SWITCH_KEY, enabled ? 'false' : 'true');
    if (enabled) await tx.setMeta(BREAKER_KEY, '');
    await tx.audit({ action: enabled ? 'auto_send.resumed' : 'auto_send.killed', actor, details: enabled && trip ? { clearedTrip: trip } : {} }, now);
  });
}
