// When our private notes and public replies arrived at the fake Zendesk, per ticket, read from what it recorded
// (only writes it applied count: a 409 or a scripted failure is not an arrival).
import type { FakeZendesk } from '../../test/fakes/zendesk.js';

type Kind = 'note' | 'reply';

/** ticket id → arrival times (ms since epoch) of applied writes with a comment of that kind, in order. */
export function arrivals(zd: FakeZendesk, kind: Kind): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of zd.requests as Array<(typeof zd.requests)[number] & { applied?: boolean }>) {
    if (r.method !== 'PUT' || !r.applied) continue;
    const comment = r.body?.ticket?.comment;
    if (!comment || (kind === 'note') !== (comment.public === false)) continue;
    const id = Number(r.path.split('/').pop());
    out.set(id, [...(out.get(id) ?? []), r.at]);
  }
  return out;
}

/** Resolves when `done()` holds, polling every 50 ms; false after timeoutMs. */
export async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return done();
}
