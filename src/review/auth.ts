// Who is signed in: password check against the configured argon2 hashes, the session cookie, and sign-out. Unknown
// logins still cost one argon2 verification, so timing does not tell an attacker which logins exist. Sessions are
// stateless signed cookies (session.ts); signing out records the time in the store, which ends every session of that
// user issued before, on every instance.
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/types.js';
import type { ReviewConfig, ReviewUser } from './review-config.js';
import { createSessionToken, passwordFingerprint, readSessionToken } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in review user of this request (null when signed out). */
    reviewUser: ReviewUser | null;
    /** When the request's session was issued (ms), so a CSRF token dies with the session it was made for. */
    reviewSessionIat: number | null;
  }
}

/** Cookies with the __Host- prefix are only accepted over https, for this host, path / (RFC 6265bis §4.1.3.2). */
export const cookieName = (base: string, secure: boolean): string => (secure ? `__Host-${base}` : base);

const signedOutKey = (login: string) => `review.signed_out.${login.toLowerCase()}`;

export interface Auth {
  readonly configured: boolean;
  /** The user whose password matches, or null (wrong password, unknown login). */
  checkPassword(login: string, password: string): Promise<ReviewUser | null>;
  /** Reads the session cookie; an onRequest hook sets req.reviewUser with it. */
  userOf(req: FastifyRequest): Promise<ReviewUser | null>;
  /** When the session userOf accepted for this request was issued (null when none). */
  sessionIat(req: FastifyRequest): number | null;
  startSession(reply: FastifyReply, user: ReviewUser): void;
  /** Clears the cookie and ends every session of the user issued until now. */
  endSession(reply: FastifyReply, user: ReviewUser | null): Promise<void>;
}

/**
 * `store` is null in a Try it only process (TRY_IT=only): it has no storage, so a session is accepted there on its
 * signature and expiry alone. Nothing there acts for a user (Try it is open to everyone); it only shows who is
 * signed in and the sign-out button, which posts to an instance that does check.
 */
export function createAuth(rc: ReviewConfig, store: Pick<Store, 'getMeta' | 'setMeta'> | null, now: () => Date): Auth {
  const byLogin = new Map(rc.users.map((u) => [u.login.toLowerCase(), u]));
  const sessionCookie = cookieName('m365_session', rc.cookieSecure);
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: rc.cookieSecure };
  let dummyHash: Promise<string> | null = null;
  const issuedAt = new WeakMap<FastifyRequest, number>();

  return {
    configured: rc.users.length > 0 && rc.sessionSecret !== null,

    async checkPassword(login, password) {
      const user = byLogin.get(login.trim().toLowerCase()) ?? null;
      if (!user) {
        dummyHash ??= hash(randomBytes(16).toString('hex'));
        await verify(await dummyHash, password).catch(() => false);
        return null;
      }
      const ok = await verify(user.passwordHash, password).catch(() => false);
      return ok ? user : null;
    },

    async userOf(req) {
      if (!rc.sessionSecret) return null;
      const claims = readSessionToken(req.cookies[sessionCookie], rc.sessionSecret, now());
      if (!claims) return null;
      const user = byLogin.get(claims.login.toLowerCase());
      if (!user || passwordFingerprint(user.passwordHash) !== claims.fp) return null;
      const signedOut = store ? Number((await store.getMeta(signedOutKey(user.login))) ?? 0) : 0;
      if (claims.iat <= signedOut) return null;
      issuedAt.set(req, claims.iat);
      return user;
    },

    sessionIat(req) {
      return issuedAt.get(req) ?? null;
    },

    startSession(reply, user) {
      if (!rc.sessionSecret) throw new Error('review sessions need REVIEW_SESSION_SECRET');
      const iat = now().getTime();
      const token = createSessionToken({ login: user.login, fp: passwordFingerprint(user.passwordHash), iat, exp: iat + rc.sessionTtlMs }, rc.sessionSecret);
      reply.setCookie(sessionCookie, token, { ...cookieOpts, maxAge: Math.floor(rc.sessionTtlMs / 1000) });
    },

    async endSession(reply, user) {
      if (user && store) await store.setMeta(signedOutKey(user.login), String(now().getTime()));
      reply.clearCookie(sessionCookie, cookieOpts);
    },
  };
}
