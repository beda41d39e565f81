// The Zendesk side of a chaos run: deliveries to a random live instance, failed over to another one when the
// instance is down or answers 503 (a load balancer and Zendesk's own retries do that), re-deliveries of the same
// invocation (duplicates), customer follow-ups and agent approvals made in the fake first, as in Zendesk.
import type { FakeUser, FakeZendesk } from '../../../test/fakes/zendesk.js';
import { commentAddedBody, deliverOnce, signDelivery, tagsChangedBody, type Delivery } from '../zendesk-webhook.js';
import type { Cluster } from './cluster.js';

export interface TrafficStats {
  /** Logical deliveries, duplicates included. */
  deliveries: number;
  duplicates: number;
  /** Invocation ids some instance answered 200 for. */
  accepted: Set<string>;
  /** Deliveries that never got a 200 within the retry budget. */
  abandoned: number;
  /** HTTP attempts that found the instance down, or were answered 503, and went to another instance. */
  failedOver: number;
}

const FOLLOW_UP = 'One more thing: we checked again, the usernames would stay the same. We keep our directory as it is and only move archiving to Modern Authentication.';

export class Traffic {
  readonly stats: TrafficStats = { deliveries: 0, duplicates: 0, accepted: new Set(), abandoned: 0, failedOver: 0 };
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    private readonly cluster: Cluster,
    private readonly zd: FakeZendesk,
    private readonly agent: FakeUser,
    private readonly random: () => number,
    private readonly duplicateChance: number,
  ) {}

  get busy(): number {
    return this.inflight.size;
  }

  /** Sends without waiting; the promise settles when an instance took it (or the retry budget ran out). */
  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private async send(d: Delivery): Promise<void> {
    let current = d;
    // Bounded: 40 attempts over at most ~2 minutes, then Zendesk would give up too.
    for (let attempt = 0; attempt < 40; attempt++) {
      const target = this.cluster.pick(this.random);
      if (target) {
        const r = await deliverOnce(target.url, current, 3_000);
        if (r.status === 200) {
          this.stats.accepted.add(storedKey(d));
          return;
        }
        this.stats.failedOver++;
      }
      await new Promise((res) => setTimeout(res, 100 + Math.floor(this.random() * 400) + attempt * 50));
      current = signDelivery(d.body, { invocationId: d.invocationId });
    }
    this.stats.abandoned++;
  }

  /** One delivery, and with duplicateChance a re-delivery of the same invocation a little later. */
  deliver(body: object): void {
    const d = signDelivery(body);
    this.stats.deliveries++;
    this.track(this.send(d));
    if (this.random() < this.duplicateChance) {
      const delay = 100 + Math.floor(this.random() * 2_500);
      this.stats.deliveries++;
      this.stats.duplicates++;
      this.track(new Promise<void>((res) => setTimeout(res, delay)).then(() => this.send(signDelivery(d.body, { invocationId: d.invocationId }))));
    }
  }

  newTicket(ticketId: number, commentId: number, requesterId: number): void {
    this.deliver(commentAddedBody(ticketId, commentId, requesterId));
  }

  /** The customer writes again (in Zendesk first), then Zendesk tells us. */
  followUp(ticketId: number): void {
    const t = this.zd.mustTicket(ticketId);
    const customer = this.zd.users.get(t.requester_id)!;
    const c = this.zd.addComment(ticketId, customer, FOLLOW_UP, true);
    this.deliver(commentAddedBody(ticketId, c.id, customer.id));
  }

  /** The agent adds the approve tag (in Zendesk first), then Zendesk tells us. */
  approve(ticketId: number, approveTag = 'm365_approve'): void {
    const t = this.zd.mustTicket(ticketId);
    this.zd.setTags(ticketId, [...t.tags.filter((x) => x !== approveTag), approveTag]);
    this.deliver(tagsChangedBody(ticketId, this.agent.id));
  }
}

/**
 * The key the service stores an accepted delivery under (src/zendesk/parse-event.ts): the signed event id of an
 * event-type webhook (a replay under a new invocation id is the same event), else the invocation id.
 */
export function storedKey(d: { body: string; invocationId: string }): string {
  try {
    const b = JSON.parse(d.body) as { type?: unknown; id?: unknown };
    if (typeof b.type === 'string' && b.type.startsWith('zen:event-type:') && typeof b.id === 'string' && b.id) return `evt:${b.id}`;
  } catch {
    // not JSON: keyed by invocation like any other delivery
  }
  return `inv:${d.invocationId}`;
}
