// Who may approve or reject in Slack: the user ids and user-group ids in SLACK_APPROVERS. An empty list means
// nobody (a missing setting must not open the door). Group membership is read with usergroups.users.list and
// cached briefly: a revoked member loses the right within a minute.
// A group that cannot be read because Slack did not answer (a timeout, a 5xx, a rate limit) or because the token
// lacks usergroups:read is an error, not "not an approver": the caller tells the clicker to try again and audits no
// refusal. Only a group Slack says does not exist (no_such_subteam) grants nothing.
import type { webApi } from '@slack/bolt';
import { slackErrorCode } from './slack-errors.js';

export interface Approvers {
  /** Throws ApproverCheckError when the answer depends on a group Slack would not tell us about. */
  isApprover(userId: string, nowMs: number): Promise<boolean>;
  /** Without any network call: true/false when known (listed user, fresh cache), null when a lookup is needed. */
  knownNow(userId: string, nowMs: number): boolean | null;
}

export class ApproverCheckError extends Error {
  readonly code = 'approver_check_failed';
  constructor(readonly group: string, readonly slackCode: string | null, cause: unknown) {
    super(`could not read Slack user group ${group}: ${slackCode ?? (cause instanceof Error ? cause.message : String(cause))}`);
  }
}

const GROUP_ID = /^S[A-Z0-9]+$/;
// Slack's answer that the group is gone: a real "no", not a failure to answer.
const GROUP_GONE = new Set(['no_such_subteam', 'subteam_not_found']);
/** A stale membership list is still better than refusing everyone while Slack hiccups. */
const STALE_OK_MS = 10 * 60_000;

export function createApprovers(list: string[], client: webApi.WebClient, ttlMs = 60_000): Approvers {
  const users = new Set(list.filter((id) => !GROUP_ID.test(id)));
  const groups = list.filter((id) => GROUP_ID.test(id));
  const cache = new Map<string, { members: Set<string>; at: number }>();

  async function members(group: string, nowMs: number): Promise<Set<string>> {
    const hit = cache.get(group);
    if (hit && hit.at + ttlMs > nowMs) return hit.members;
    try {
      const r = await client.usergroups.users.list({ usergroup: group });
      const set = new Set(r.users ?? []);
      cache.set(group, { members: set, at: nowMs });
      return set;
    } catch (err) {
      const code = slackErrorCode(err);
      if (code && GROUP_GONE.has(code)) return new Set();
      if (hit && hit.at + STALE_OK_MS > nowMs) return hit.members;
      throw new ApproverCheckError(group, code, err);
    }
  }

  return {
    async isApprover(userId, nowMs) {
      if (users.has(userId)) return true;
      let failure: ApproverCheckError | null = null;
      for (const g of groups) {
        try {
          if ((await members(g, nowMs)).has(userId)) return true;
        } catch (err) {
          failure = err as ApproverCheckError;
        }
      }
      if (failure) throw failure;
      return false;
    },
    knownNow(userId, nowMs) {
      if (users.has(userId)) return true;
      let allFresh = true;
      for (const g of groups) {
        const hit = cache.get(g);
        if (!hit || hit.at + ttlMs <= nowMs) allFresh = false;
        else if (hit.members.has(userId)) return true;
      }
      return allFresh ? false : null;
    },
  };
}
