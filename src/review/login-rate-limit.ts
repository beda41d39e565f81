// Sign-in attempts are limited twice. Per client IP (@fastify/rate-limit, in memory per instance) every attempt
// counts: argon2 is deliberately slow, so this also caps the CPU one client can burn. Per login *and* IP, failures
// earn a growing delay instead of the hard lock we had (five wrong passwords from anywhere locked the owner out for
// 15 minutes: anyone could lock any agent, issue 12): after a few free failures each further one doubles the wait,
// and a success from that address clears it. The owner signing in from another address is not slowed down.
// Behind a reverse proxy, req.ip is the client's only with TRUST_PROXY set (README "Security").
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const LOGIN_LIMITS = {
  /** Attempts per client IP in the window, whatever the login. */
  perIp: 30,
  windowMs: 15 * 60_000,
  /** Failures per login and IP that cost nothing; the next one waits 2 s, then 4, 8, … */
  freeFailures: 3,
  maxDelayS: 15 * 60,
} as const;

export const normaliseLogin = (v: unknown): string => (typeof v === 'string' ? v.trim().toLowerCase().slice(0, 64) : '');
const loginOf = (req: FastifyRequest): string => normaliseLogin((req.body as Record<string, unknown> | undefined)?.login);

/** Seconds to wait after `failures` failed attempts for one login from one address (pure, for tests and docs). */
export function delayAfter(failures: number): number {
  const over = failures - LOGIN_LIMITS.freeFailures;
  if (over <= 0) return 0;
  return Math.min(LOGIN_LIMITS.maxDelayS, 2 ** over);
}

export interface LoginLimiter {
  /** Counts this attempt for the IP; says whether the IP is over its limit or this login from it must still wait. */
  admit(req: FastifyRequest): Promise<{ ok: true } | { ok: false; retryAfterS: number }>;
  /** Counts a failed attempt against the login from this address. */
  failed(req: FastifyRequest): Promise<void>;
  /** A successful sign-in clears the login's failures from this address. */
  succeeded(req: FastifyRequest): void;
}

interface Failures {
  count: number;
  /** When the next attempt is allowed (ms). */
  until: number;
  last: number;
}

const MAX_TRACKED = 10_000;

export function createLoginLimiter(app: FastifyInstance, now: () => number = Date.now): LoginLimiter {
  const perIp = app.createRateLimit({ timeWindow: LOGIN_LIMITS.windowMs, max: LOGIN_LIMITS.perIp, keyGenerator: (req) => `ip:${req.ip}` });
  const failures = new Map<string, Failures>();
  const keyOf = (req: FastifyRequest) => `${loginOf(req)}\u0000${req.ip}`;
  const forget = (t: number) => {
    // Entries quiet for a whole window are dropped; the map is bounded so a flood of logins cannot grow it forever.
    for (const [k, f] of failures) if (t - f.last > LOGIN_LIMITS.windowMs && t >= f.until) failures.delete(k);
    while (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value as string);
  };
  return {
    async admit(req) {
      const ip = await perIp(req);
      if (!ip.isAllowed && ip.isExceeded) return { ok: false, retryAfterS: ip.ttlInSeconds };
      const f = failures.get(keyOf(req));
      const t = now();
      if (f && f.until > t) return { ok: false, retryAfterS: Math.ceil((f.until - t) / 1000) };
      return { ok: true };
    },
    async failed(req) {
      const t = now();
      forget(t);
      const key = keyOf(req);
      const count = (failures.get(key)?.count ?? 0) + 1;
      failures.delete(key);
      failures.set(key, { count, until: t + delayAfter(count) * 1000, last: t });
    },
    succeeded(req) {
      failures.delete(keyOf(req));
    },
  };
}
