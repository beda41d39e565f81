// Who may be the author of a public reply. Every door that names an author (the Zendesk tag, SLACK_USER_MAP or the
// Slack e-mail match, the review page's zendeskUserId) goes through authorProblem before anything is sent.
// Sources: see api-user.ts (flagged comments, light agents, chat-only agents).
import type { ZUser } from './api-types.js';
import { userKind, type ApiUserCheck } from './api-user.js';
import type { ZendeskClient } from './client.js';
import { isZendeskError } from './client.js';

/** Pure: why `author` cannot author a public reply written by this API user, or null when it can. */
export function authorProblem(author: ZUser, api: Pick<ApiUserCheck, 'userId' | 'authorForOthers'>): string | null {
  const kind = userKind(author);
  const who = `Zendesk user ${author.id}`;
  if (kind === 'end-user') return `${who} is not an agent; only agents and admins can author a reply.`;
  if (kind === 'inactive') return `${who} is deactivated.`;
  if (kind === 'light-agent') return `${who} is a light agent; light agents can only make private comments, so Zendesk would not publish the reply.`;
  if (kind === 'chat-only') return `${who} is a chat-only agent with no Support seat; they cannot author ticket comments.`;
  if (author.id !== api.userId && !api.authorForOthers) {
    return `${who} is not the API user, and the API user is not an admin: Zendesk would flag the reply as written on someone else's behalf. Make the API user an admin.`;
  }
  return null;
}

export type AuthorCheck = { ok: true; user: ZUser } | { ok: false; reason: string };

/** Looks the author up and applies authorProblem. Zendesk outages throw (the caller retries). */
export async function checkAuthor(client: Pick<ZendeskClient, 'getUser'>, authorId: string | number, api: Pick<ApiUserCheck, 'userId' | 'authorForOthers'>): Promise<AuthorCheck> {
  let user: ZUser;
  try {
    user = await client.getUser(String(authorId));
  } catch (err) {
    if (isZendeskError(err) && err.failure === 'not_found') return { ok: false, reason: `there is no Zendesk user ${authorId}.` };
    throw err;
  }
  const problem = authorProblem(user, api);
  return problem ? { ok: false, reason: problem } : { ok: true, user };
}
