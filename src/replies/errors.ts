// Stable codes so callers (worker, CLI, review page) can tell a caller mistake from broken templates.
export type ReplyErrorCode = 'no_reply_for_branch' | 'invalid_reply_input' | 'templates_invalid';

export class ReplyError extends Error {
  constructor(
    readonly code: ReplyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReplyError';
  }
}
