// The API user's role, read once at boot (GET /api/v2/users/me) and kept for the worker, the sender, the reconcile
// loop and /readyz. What does not work without admin is said once, clearly, in the log and on /readyz, instead of
// surfacing as a 403 on every reconcile poll or as flagged replies. The authors configured in SLACK_USER_MAP and
// REVIEW_USERS (zendeskUserId) are role-checked at the same time.
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Config } from '../config.js';
import { checkApiUser, type ApiUserCheck } from './api-user.js';
import type { ZendeskClient } from './client.js';
import { checkAuthor } from './reply-author.js';

export interface ApiUserState {
  /** The check, read once (a failed read is tried again on the next call). */
  get(): Promise<ApiUserCheck>;
  /** For /readyz: role, what works, problems found with configured authors; null before the first read. */
  detail(): Record<string, unknown>;
  /** Something that should have worked was refused (e.g. the reconcile export answered 403). */
  note(problem: string): void;
}

export function createApiUserState(client: ZendeskClient, config: Config, log: Logger): ApiUserState {
  let done: ApiUserCheck | null = null;
  let pending: Promise<ApiUserCheck> | null = null;
  let lastError: string | null = null;
  const authorProblems: string[] = [];
  const runtimeProblems = new Set<string>();

  async function checkConfiguredAuthors(api: ApiUserCheck): Promise<void> {
    const named: Array<[string, string]> = [
      ...Object.entries(config.slack?.userMap ?? {}).map(([slackId, zid]): [string, string] => [`SLACK_USER_MAP["${slackId}"]`, zid]),
      ...config.review.users.filter((u) => u.zendeskUserId).map((u): [string, string] => [`REVIEW_USERS (login "${u.login}") zendeskUserId`, u.zendeskUserId!]),
    ];
    for (const [where, id] of named) {
      const r = await checkAuthor(client, id, api).catch((err: Error) => ({ ok: false as const, reason: `could not be checked: ${err.message}` }));
      if (!r.ok) {
        const line = `${where} = ${id}: ${r.reason}`;
        authorProblems.push(line);
        log.warn({ variable: where.split(/[[ ]/)[0], zendeskUserId: id }, `reply author refused: ${line}`);
      }
    }
  }

  async function read(): Promise<ApiUserCheck> {
    const api = await checkApiUser(client);
    for (const line of api.lines) (api.kind === 'admin' ? log.info : log.warn).call(log, { role: api.role, kind: api.kind }, `zendesk: ${line}`);
    await checkConfiguredAuthors(api);
    return api;
  }

  return {
    get() {
      if (done) return Promise.resolve(done);
      pending ??= read().then(
        (r) => {
          done = r;
          lastError = null;
          return r;
        },
        (err: Error) => {
          pending = null;
          lastError = err.message;
          throw err;
        },
      );
      return pending;
    },
    detail() {
      if (!done) return { apiUser: null, ...(lastError ? { error: `could not read the API user: ${lastError}` } : {}) };
      return {
        apiUser: { id: done.userId, role: done.role, kind: done.kind },
        reconcile: done.reconcile,
        authorForOthers: done.authorForOthers,
        notes: [...done.lines, ...authorProblems, ...runtimeProblems],
      };
    },
    note(problem) {
      if (!runtimeProblems.has(problem)) log.error(`zendesk: ${problem}`);
      runtimeProblems.add(problem);
    },
  };
}
