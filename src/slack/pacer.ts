// Slack allows about one chat.postMessage per second per channel ("special" rate limit); bursts get 429s.
// Instead of letting a burst of cards fail, each send asks the pacer for a slot. A send that is too early gets a
// reserved slot and the time to wait: the outbox row is retried exactly then (retryAfterMs), so a burst of N cards
// costs each row at most one extra attempt instead of N. In memory per instance: two instances may each post once
// in the same second, which Slack tolerates; a real 429 is still handled by the sender.
// https://docs.slack.dev/reference/methods/chat.postMessage#rate_limiting

export interface Pacer {
  /** 0 = send now (the slot is taken); otherwise milliseconds to wait, with a slot reserved for `key`. */
  take(channel: string, key: string, nowMs: number): number;
}

export function createPacer(intervalMs = 1000, forgetAfterMs = 60_000): Pacer {
  const channels = new Map<string, { next: number; reserved: Map<string, number> }>();
  return {
    take(channel, key, nowMs) {
      let ch = channels.get(channel);
      if (!ch) channels.set(channel, (ch = { next: 0, reserved: new Map() }));
      // A reservation nobody came back for (the row went to another instance or died) expires.
      for (const [k, at] of ch.reserved) if (at < nowMs - forgetAfterMs) ch.reserved.delete(k);
      const mine = ch.reserved.get(key);
      if (mine !== undefined) {
        if (nowMs < mine) return mine - nowMs;
        ch.reserved.delete(key);
        return 0;
      }
      const slot = Math.max(nowMs, ch.next);
      ch.next = slot + intervalMs;
      if (slot <= nowMs) return 0;
      ch.reserved.set(key, slot);
      return slot - nowMs;
    },
  };
}
