// Who may approve or reject in Slack: the user ids and user-group ids in SLACK_APPROVERS. An empty list means
// nobody (a missing setting must not open the door). Group membership is read with usergroups.users.list and
// cached briefly: the Reject button must open its modal within the 3 s a trigger_id lives, and a revoked member
// loses the right within a minute.
import type { webApi } from '@slack/bolt';

export interface Approvers {
  isApprover(userId: string, nowMs: number): Promise<boolean>;
}

const GROUP_ID = /^S[A-Z0-9]+$/;

export function createApprovers(list: string[], client: webApi.WebClient, ttlMs = 60_000): Approvers {
  const users = new Set(list.filter((id) => !GROUP_ID.test(id)));
  const groups = list.filter((id) => GROUP_ID.test(id));
  const cache = new Map<string, { members: Set<string>; until: number }>();

  async function members(group: string, nowMs: number): Promise<Set<string>> {
    const hit = cache.get(group);
    if (hit && hit.until > nowMs) return hit.members;
    const r = await client.usergroups.users.list({ usergroup: group });
    const set = new Set(r.users ?? []);
    cache.set(group, { members: set, until: nowMs + ttlMs });
    return set;
  }

  return {
    async isApprover(userId, nowMs) {
      if (users.has(userId)) return true;
      for (const g of groups) {
        // A group we cannot read (deleted, missing usergroups:read) grants nothing; the others still count.
        const set = await members(g, nowMs).catch(() => new Set<string>());
        if (set.has(userId)) return true;
      }
      return false;
    },
  };
}
