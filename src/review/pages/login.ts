// Sign in and sign out. Failed attempts get one message whatever was wrong (login or password), and attempts are
// rate-limited per IP and per login (login-rate-limit.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from '../auth.js';
import { csrfField } from '../csrf.js';
import { safeNext } from '../guard.js';
import { html } from '../html.js';
import { sendPage } from '../layout.js';
import { createLoginLimiter } from '../login-rate-limit.js';
import { notConfiguredBody } from './not-configured.js';

interface LoginBody {
  login?: unknown;
  password?: unknown;
  next?: unknown;
}

// A refused sign-in is said next to the form and tied to both fields (aria-invalid, aria-describedby), and the
// login field gets the focus, so a screen reader hears the error with the field.
function loginPage(req: FastifyRequest, reply: FastifyReply, status: number, next: string, login: string, error: string | null) {
  const invalid = error ? html` aria-invalid="true" aria-describedby="login-error"` : '';
  const body = html`<section class="login">
<h1>Sign in</h1>
<p class="muted">For agents and team leads: the draft queue and the analytics.</p>
<form method="post" action="/login" class="login-form">
  ${csrfField(req, reply)}
  <input type="hidden" name="next" value="${next}">
  ${error ? html`<p class="field-error" id="login-error" role="alert">${error}</p>` : ''}
  <label>Login <input name="login" autocomplete="username" required maxlength="64" value="${login}" autofocus${invalid}></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="1024"${invalid}></label>
  <button type="submit">Sign in</button>
</form>
</section>`;
  return sendPage(req, reply, status, { title: 'Sign in', active: 'login', body });
}

export async function loginRoutes(app: FastifyInstance, o: { auth: Auth }): Promise<void> {
  const { auth } = o;
  const limiter = createLoginLimiter(app);
  const notConfigured = (req: FastifyRequest, reply: FastifyReply) =>
    sendPage(req, reply, 403, { title: 'Not set up', active: 'login', body: notConfiguredBody });

  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    if (!auth.configured) return notConfigured(req, reply);
    if (req.reviewUser) return reply.redirect(safeNext(req.query.next), 303);
    return loginPage(req, reply, 200, safeNext(req.query.next), '', null);
  });

  app.post<{ Body: LoginBody }>('/login', { preValidation: app.csrfProtection, bodyLimit: 8 * 1024 }, async (req, reply) => {
    if (!auth.configured) return notConfigured(req, reply);
    const next = safeNext(req.body?.next);
    const login = typeof req.body?.login === 'string' ? req.body.login.trim().slice(0, 64) : '';
    const password = typeof req.body?.password === 'string' ? req.body.password.slice(0, 1024) : '';
    const admitted = await limiter.admit(req);
    if (!admitted.ok) {
      reply.header('retry-after', String(admitted.retryAfterS));
      const s = admitted.retryAfterS;
      const wait = s < 60 ? `${s} second${s === 1 ? '' : 's'}` : `${Math.ceil(s / 60)} minute${Math.ceil(s / 60) === 1 ? '' : 's'}`;
      return loginPage(req, reply, 429, next, login, `Too many sign-in attempts. Try again in ${wait}.`);
    }
    const user = login && password ? await auth.checkPassword(login, password) : null;
    if (!user) {
      await limiter.failed(req);
      req.log.info({ login }, 'review sign-in failed');
      return loginPage(req, reply, 401, next, login, 'Login or password is wrong.');
    }
    limiter.succeeded(req);
    auth.startSession(reply, user);
    req.log.info({ login: user.login }, 'review sign-in');
    return reply.redirect(next, 303);
  });

  app.post('/logout', { preValidation: app.csrfProtection, bodyLimit: 8 * 1024 }, async (req, reply) => {
    await auth.endSession(reply, req.reviewUser);
    return reply.redirect('/login', 303);
  });
}
