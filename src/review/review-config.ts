// The review pages' settings, validated once at boot like src/config.ts (and meant to be folded into it as
// `config.review`). Without REVIEW_USERS only Try it works; with users, a session secret is required: there is no
// insecure default.
import { parseOptions } from '@node-rs/argon2';
import { z } from 'zod';
import { ConfigError } from '../config.js';

export interface ReviewUser {
  login: string;
  /** An argon2 PHC string ($argon2id$…), made with scripts/hash-password.mjs. */
  passwordHash: string;
  /** The Zendesk agent the public reply is posted as when this user approves (else the API user). */
  zendeskUserId: string | null;
}

export interface ReviewConfig {
  users: ReviewUser[];
  /** HMAC key for session cookies and CSRF tokens; null only when no users are configured. */
  sessionSecret: string | null;
  /** Secure flag (and the __Host- prefix) on cookies; false only for plain-http development and tests. */
  cookieSecure: boolean;
  sessionTtlMs: number;
}

const user = z
  .object({
    login: z.string().regex(/^[A-Za-z0-9._@+-]{1,64}$/, 'login must be 1-64 letters, digits or . _ @ + -'),
    passwordHash: z.string().regex(/^\$argon2(id|i|d)\$/, 'passwordHash must be an argon2 hash (node scripts/hash-password.mjs)'),
    zendeskUserId: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).optional(),
  })
  .strict();

const schema = z.object({
  REVIEW_USERS: z.string().optional(),
  REVIEW_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)').optional(),
  REVIEW_COOKIE_SECURE: z.enum(['true', 'false'], { message: "must be 'true' or 'false'" }).default('true'),
  REVIEW_SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(720),
});

function parseUsers(raw: string | undefined): ReviewUser[] {
  if (raw === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ConfigError('REVIEW_USERS', 'is not valid JSON (expected [{"login":"…","passwordHash":"$argon2id$…"}])');
  }
  const parsed = z.array(user).safeParse(value);
  if (!parsed.success) throw new ConfigError('REVIEW_USERS', z.prettifyError(parsed.error).replace(/\s+/g, ' '));
  const logins = new Set<string>();
  return parsed.data.map((u) => {
    const key = u.login.toLowerCase();
    if (logins.has(key)) throw new ConfigError('REVIEW_USERS', `login "${u.login}" appears twice`);
    try {
      parseOptions(u.passwordHash);
    } catch {
      throw new ConfigError('REVIEW_USERS', `the passwordHash of "${u.login}" is not a complete argon2 hash (copy the whole line printed by scripts/hash-password.mjs)`);
    }
    logins.add(key);
    return { login: u.login, passwordHash: u.passwordHash, zendeskUserId: u.zendeskUserId === undefined ? null : String(u.zendeskUserId) };
  });
}

/** Validates the REVIEW_* variables; throws ConfigError naming the first wrong one. */
export function loadReviewConfig(env: Record<string, string | undefined> = process.env): ReviewConfig {
  const clean = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('REVIEW_') && v !== undefined && v !== ''));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'REVIEW_*'), issue.message);
  }
  const e = parsed.data;
  const users = parseUsers(e.REVIEW_USERS);
  if (users.length > 0 && !e.REVIEW_SESSION_SECRET) {
    throw new ConfigError('REVIEW_SESSION_SECRET', 'is required when REVIEW_USERS is set (at least 32 random characters)');
  }
  return {
    users,
    sessionSecret: e.REVIEW_SESSION_SECRET ?? null,
    cookieSecure: e.REVIEW_COOKIE_SECURE === 'true',
    sessionTtlMs: e.REVIEW_SESSION_TTL_MINUTES * 60_000,
  };
}
