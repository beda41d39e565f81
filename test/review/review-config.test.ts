import { hashSync } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { loadReviewConfig } from '../../src/review/review-config.js';

const hash = hashSync('correct horse battery staple');
const secret = 's'.repeat(32);
const users = (list: unknown) => JSON.stringify(list);

function failure(env: Record<string, string>): ConfigError {
  try {
    loadReviewConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('review config', () => {
  it('defaults: no users, secure cookies, 12 h sessions; other variables are ignored', () => {
    expect(loadReviewConfig({ PORT: 'not a number' })).toEqual({ users: [], sessionSecret: null, cookieSecure: true, sessionTtlMs: 720 * 60_000 });
  });

  it('reads users with an optional Zendesk agent id', () => {
    const rc = loadReviewConfig({
      REVIEW_USERS: users([{ login: 'anna', passwordHash: hash, zendeskUserId: '123' }, { login: 'ben', passwordHash: hash, zendeskUserId: 7 }, { login: 'cleo', passwordHash: hash }]),
      REVIEW_SESSION_SECRET: secret,
      REVIEW_COOKIE_SECURE: 'false',
    });
    expect(rc.users.map((u) => [u.login, u.zendeskUserId])).toEqual([['anna', '123'], ['ben', '7'], ['cleo', null]]);
    expect(rc.cookieSecure).toBe(false);
  });

  it.each([
    [{ REVIEW_USERS: users([{ login: 'anna', passwordHash: hash }]) }, 'REVIEW_SESSION_SECRET', /required/],
    [{ REVIEW_SESSION_SECRET: 'short' }, 'REVIEW_SESSION_SECRET', /32 characters/],
    [{ REVIEW_USERS: '[{', REVIEW_SESSION_SECRET: secret }, 'REVIEW_USERS', /not valid JSON/],
    [{ REVIEW_USERS: users([{ login: 'anna', passwordHash: 'plain-text' }]), REVIEW_SESSION_SECRET: secret }, 'REVIEW_USERS', /argon2/],
    [{ REVIEW_USERS: users([{ login: 'anna', passwordHash: '$argon2id$broken' }]), REVIEW_SESSION_SECRET: secret }, 'REVIEW_USERS', /not a complete argon2 hash/],
    [{ REVIEW_USERS: users([{ login: 'anna', passwordHash: hash }, { login: 'ANNA', passwordHash: hash }]), REVIEW_SESSION_SECRET: secret }, 'REVIEW_USERS', /twice/],
    [{ REVIEW_USERS: users([{ login: 'an na', passwordHash: hash }]), REVIEW_SESSION_SECRET: secret }, 'REVIEW_USERS', /login/],
    [{ REVIEW_COOKIE_SECURE: 'no' }, 'REVIEW_COOKIE_SECURE', /'true' or 'false'/],
    [{ REVIEW_SESSION_TTL_MINUTES: '1' }, 'REVIEW_SESSION_TTL_MINUTES', /./],
  ])('names the wrong variable: %j', (env, variable, message) => {
    const err = failure(env as Record<string, string>);
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(message);
  });
});
