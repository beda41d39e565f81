// Sign-in attempts are limited twice (@fastify/rate-limit counters, in memory per instance): per client IP, every
// attempt counts (argon2 is deliberately slow, so this also caps the CPU one client can burn), and per login, only
// failed attempts count, so guessing one agent's password from many addresses stops too.
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const LOGIN_LIMITS = { perIp: 30, perLogin: 5, windowMs: 15 * 60_000 } as const;

export const normaliseLogin = (v: unknown): string => (typeof v === 'string' ? v.trim().toLowerCase().slice(0, 64) : '');
const loginOf = (req: FastifyRequest): string => normaliseLogin((req.body as Record<string, unknown> | undefined)?.login);

export interface LoginLimiter {
  /** Counts this attempt for the IP; says whether the IP or the login is over its limit. */
  admit(req: FastifyRequest): Promise<{ ok: true } | { ok: false; retryAfterS: number }>;
  /** Counts a failed attempt against the login. */
  failed(req: FastifyRequest): Promise<void>;
}

export function createLoginLimiter(app: FastifyInstance): LoginLimiter {
  const window = { timeWindow: LOGIN_LIMITS.windowMs };
  const perIp = app.createRateLimit({ ...window, max: LOGIN_LIMITS.perIp, keyGenerator: (req) => `ip:${req.ip}` });
  const perLogin = app.createRateLimit({ ...window, max: LOGIN_LIMITS.perLogin, keyGenerator: (req) => `login:${loginOf(req)}` });
  return {
    async admit(req) {
      const ip = await perIp(req);
      if (!ip.isAllowed && ip.isExceeded) return { ok: false, retryAfterS: ip.ttlInSeconds };
      const login = await perLogin(req, { increment: false });
      if (!login.isAllowed && login.remaining === 0) return { ok: false, retryAfterS: login.ttlInSeconds };
      return { ok: true };
    },
    async failed(req) {
      await perLogin(req);
    },
  };
}
