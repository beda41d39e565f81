// The demo's sign-in and configuration: a password made for each run (never a fixed default), kept only as an
// argon2 hash; Zendesk points at the fake; Slack, auto-send and the reconcile poll are off; storage is temporary.
import { existsSync } from 'node:fs';
import { verify } from '@node-rs/argon2';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deliverSigned, signatureName } from '../../src/demo/seed.js';
import { startDemo } from '../../src/demo/start-demo.js';
import { verifyZendeskSignature } from '../../src/zendesk/verify-signature.js';

const passwordOf = (line: string) => /and the password (\S+) /.exec(line)![1]!;

describe('startDemo', () => {
  it('generates a different password each run, stored only as an argon2 hash that verifies it', async () => {
    const a = await startDemo(loadConfig({ DEMO: 'on' }));
    const b = await startDemo(loadConfig({ DEMO: 'on' }));
    try {
      const [pa, pb] = [passwordOf(a.signIn('http://127.0.0.1:3000')), passwordOf(b.signIn('http://127.0.0.1:3000'))];
      expect(pa).not.toBe(pb);
      expect(pa.length).toBeGreaterThanOrEqual(16);
      const user = a.config.review.users.find((u) => u.login === 'demo')!;
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(user.passwordHash).not.toContain(pa);
      expect(await verify(user.passwordHash, pa)).toBe(true);
      expect(await verify(user.passwordHash, pb)).toBe(false);

      expect(a.config.zendesk.api?.url).toBe(a.fake.url);
      expect(a.config).toMatchObject({ slack: null, autoSend: false, databaseUrl: null, zendeskApp: null, review: { cookieSecure: false } });
      expect(a.config.zendesk.reconcileIntervalS).toBe(0);
      expect(existsSync(a.config.dataDir)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
    expect(existsSync(a.config.dataDir)).toBe(false);
  });

  it('names the customer from the mail signature when there is one', () => {
    expect(signatureName('Hallo,\nwas müssen wir tun?\nDanke\nSandra Vogel')).toBe('Sandra Vogel');
    expect(signatureName('Hello,\nhow do we switch?\nThanks')).toBe('Demo Customer');
  });
});

describe('deliverSigned', () => {
  it('signs each attempt as Zendesk does and tries again after a 503 with Retry-After, under the same invocation id', async () => {
    const app = Fastify();
    const seen: Array<{ ok: boolean; invocation: unknown }> = [];
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    app.post('/webhooks/zendesk', async (req, reply) => {
      const h = req.headers as Record<string, string>;
      const v = verifyZendeskSignature({ rawBody: req.body as Buffer, signature: h['x-zendesk-webhook-signature'], timestamp: h['x-zendesk-webhook-signature-timestamp'], secrets: ['s3cret-s3cret-s3cret'], now: new Date() });
      seen.push({ ok: v.ok, invocation: h['x-zendesk-webhook-invocation-id'] });
      if (seen.length < 3) return reply.code(503).header('retry-after', '0').send({ code: 'overloaded' });
      return { ok: true };
    });
    try {
      expect(await deliverSigned(app, 's3cret-s3cret-s3cret', '{"ticket_id":"1"}')).toBe(200);
      expect(seen).toHaveLength(3);
      expect(seen.every((s) => s.ok)).toBe(true);
      expect(new Set(seen.map((s) => s.invocation)).size).toBe(1);
    } finally {
      await app.close();
    }
  });
});
