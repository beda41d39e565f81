// What the Zendesk API user may do, from its role. Checked at boot (and by `doctor`): a wrong role does not fail
// loudly in Zendesk, it fails quietly (403 on every reconcile poll, flagged comments), so we say it up front.
//
// - The reconcile poll uses the incremental ticket export: "Allowed For: Admins".
//   https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
// - A comment whose author_id is another agent, written by an API user who is not an admin, is flagged as
//   "submitted by the user on behalf of the author" (flag 11).
//   https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/ (Comment flags)
// - Light agents can only make private comments; chat-only agents have no Support seat.
//   https://support.zendesk.com/hc/en-us/articles/4408846501402 · https://developer.zendesk.com/api-reference/ticketing/users/users/
import type { ZUser } from './api-types.js';
import type { ZendeskClient } from './client.js';

export type UserKind = 'admin' | 'agent' | 'light-agent' | 'chat-only' | 'end-user' | 'inactive';

/** Pure: the kind of a Zendesk user, from role, role_type and chat_only. */
export function userKind(u: Pick<ZUser, 'role' | 'role_type' | 'chat_only' | 'active'>): UserKind {
  if (u.active === false) return 'inactive';
  if (u.role === 'admin') return 'admin';
  if (u.role !== 'agent') return 'end-user';
  if (u.chat_only || u.role_type === 2 || u.role_type === 3) return 'chat-only';
  if (u.role_type === 1) return 'light-agent';
  return 'agent';
}

export interface ApiUserCheck {
  userId: number;
  role: string;
  kind: UserKind;
  /** The reconcile poll (incremental exports) works. */
  reconcile: boolean;
  /** Public replies may be posted in another agent's name without being flagged. */
  authorForOthers: boolean;
  /** The API user can write notes and public replies in its own name (auto-send, notes). */
  writes: boolean;
  /** One line per consequence, for the boot log, /readyz and doctor. */
  lines: string[];
}

/** Pure: what the API user's role allows, in words a person can act on. */
export function assessApiUser(u: ZUser): ApiUserCheck {
  const kind = userKind(u);
  const admin = kind === 'admin';
  const writes = admin || kind === 'agent';
  const lines: string[] = [];
  if (admin) {
    lines.push(`the API user (${u.id}) is an admin: reconcile, notes and replies in approvers' names all work.`);
  } else if (writes) {
    lines.push(
      `the API user (${u.id}) is an agent, not an admin: the reconcile poll is off (incremental exports are allowed for admins only), so a lost webhook is not recovered.`,
      'public replies can only be posted in the API user\'s own name (a comment written for another agent by a non-admin is flagged by Zendesk); approvals that name another agent are refused.',
      'drafts, private notes, tags and triage work. Make the API user an admin to get all of it.',
    );
  } else {
    lines.push(`the API user (${u.id}) is a ${kind}: it cannot write notes or public replies. Use an admin (or at least a full agent) for ZENDESK_EMAIL.`);
  }
  return { userId: u.id, role: u.role, kind, reconcile: admin, authorForOthers: admin, writes, lines };
}

/** Reads the API user (GET /api/v2/users/me) and assesses it. Throws the client's ZendeskApiError if unreachable. */
export async function checkApiUser(client: Pick<ZendeskClient, 'me'>): Promise<ApiUserCheck> {
  return assessApiUser(await client.me());
}
