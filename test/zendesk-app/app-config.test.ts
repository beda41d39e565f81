import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeIntegrations, loadConfig } from '../../src/config.js';
import { testKeys } from './zaf-host.js';
import { configErrorOf as errorOf } from '../helpers/config-error.js';

const zd = { ZENDESK_URL: 'https://acme.zendesk.com/', ZENDESK_EMAIL: 'bot@acme.com', ZENDESK_API_TOKEN: 'abcdefghijkl' };
const pem = testKeys().publicPem;
const app = { ZENDESK_APP_PUBLIC_KEY: pem, ZENDESK_APP_INSTALLATION_ID: '360001', ZENDESK_APP_SESSION_SECRET: 'x'.repeat(40) };


describe('Zendesk sidebar app configuration', () => {
  it('is off without its variables and on with all three: issuer, audience and key from the configured Zendesk', () => {
    expect(loadConfig(zd).zendeskApp).toBeNull();
    expect(describeIntegrations(loadConfig(zd))).toContain('zendesk-app=off (set ZENDESK_APP_PUBLIC_KEY');
    const c = loadConfig({ ...zd, ...app }).zendeskApp!;
    expect(c).toMatchObject({ issuer: 'acme.zendesk.com', audience: 'https://acme.zendesk.com/api/v2/apps/installations/360001.json', installationId: '360001', publicKey: { pem: pem.trim() } });
    expect(loadConfig({ ...zd, ...app, ZENDESK_APP_PUBLIC_KEY: pem.trim().replace(/\n/g, '\\n') }).zendeskApp!.publicKey).toEqual({ pem: pem.trim() });
    expect(loadConfig({ ...zd, ...app, ZENDESK_APP_PUBLIC_KEY: 'https://acme.zendesk.com/api/v2/apps/77/public_key.pem' }).zendeskApp!.publicKey).toEqual({ url: 'https://acme.zendesk.com/api/v2/apps/77/public_key.pem' });
  });

  it.each([
    [{ ZENDESK_APP_PUBLIC_KEY: pem }, 'ZENDESK_APP_INSTALLATION_ID'],
    [{ ...app, ZENDESK_APP_SESSION_SECRET: 'short' }, 'ZENDESK_APP_SESSION_SECRET'],
    [{ ...app, ZENDESK_APP_INSTALLATION_ID: 'abc' }, 'ZENDESK_APP_INSTALLATION_ID'],
    [{ ...app, ZENDESK_APP_PUBLIC_KEY: 'hello' }, 'ZENDESK_APP_PUBLIC_KEY'],
    [{ ...app, ZENDESK_APP_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }, 'ZENDESK_APP_PUBLIC_KEY'],
    [{ ...app, ZENDESK_APP_PUBLIC_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString() }, 'ZENDESK_APP_PUBLIC_KEY'],
    [{ ...app, ZENDESK_APP_PUBLIC_KEY: 'http://acme.zendesk.com/api/v2/apps/77/public_key.pem' }, 'ZENDESK_APP_PUBLIC_KEY'],
  ])('refuses to boot with %o, naming %s', (extra, variable) => {
    expect(errorOf({ ...zd, ...extra }).variable).toBe(variable);
  });

  it('needs ZENDESK_URL (the issuer)', () => {
    expect(errorOf(app).variable).toBe('ZENDESK_URL');
  });
});
