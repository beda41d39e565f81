import { describe, expect, it } from 'vitest';
import { describeIntegrations, loadConfig } from '../src/config.js';
import { configErrorOf as errorOf } from './helpers/config-error.js';

const zd = { ZENDESK_URL: 'https://acme.zendesk.com/', ZENDESK_EMAIL: 'bot@acme.com', ZENDESK_API_TOKEN: 'abcdefghijkl' };


describe('loadConfig', () => {
  it('starts with nothing configured: embedded storage, every integration off, auto-send off', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: './data', databaseUrl: null, autoSend: false, slack: null, adminToken: null });
    expect(c.zendesk).toMatchObject({ api: null, webhookSecrets: [], approveTag: 'm365_approve', rejectTag: 'm365_reject' });
    const line = describeIntegrations(c);
    expect(line).toContain('zendesk-webhook=off (set ZENDESK_WEBHOOK_SECRET)');
    expect(line).toContain('slack=off (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN)');
    expect(line.split('\n')).toHaveLength(1);
  });

  it('turns Zendesk on with all three API values and splits rotated webhook secrets', () => {
    const c = loadConfig({ ...zd, ZENDESK_WEBHOOK_SECRET: 'first-secret-1234567, second-secret-7654321' });
    expect(c.zendesk.api).toEqual({ url: 'https://acme.zendesk.com', email: 'bot@acme.com', token: 'abcdefghijkl', timeoutMs: 10000 });
    expect(c.zendesk.webhookSecrets).toEqual(['first-secret-1234567', 'second-secret-7654321']);
  });

  it('names the variable in one actionable line for each wrong value', () => {
    expect(errorOf({ PORT: 'eighty' }).variable).toBe('PORT');
    expect(errorOf({ ZENDESK_URL: 'acme' }).message).toMatch(/^ZENDESK_URL: /);
    expect(errorOf({ ZENDESK_URL: 'https://acme.zendesk.com' }).variable).toBe('ZENDESK_EMAIL');
    expect(errorOf({ ...zd, ZENDESK_WEBHOOK_SECRET: 'short' }).variable).toBe('ZENDESK_WEBHOOK_SECRET');
    expect(errorOf({ AUTO_SEND: 'yes' }).variable).toBe('AUTO_SEND');
    expect(errorOf({ AUTO_SEND: 'on' }).variable).toBe('AUTO_SEND');
    expect(errorOf({ DATABASE_URL: 'mysql://x' }).variable).toBe('DATABASE_URL');
    expect(errorOf({ TRIAGE_MAP: '{"hybrid":{"priority":"asap"}}' }).variable).toBe('TRIAGE_MAP');
    expect(errorOf({ TRIAGE_MAP: 'not json' }).message).toBe('TRIAGE_MAP: is not valid JSON');
    expect(errorOf({ SLACK_SIGNING_SECRET: 'abcdefghij' }).variable).toBe('SLACK_BOT_TOKEN');
    expect(errorOf({ ...zd, ZENDESK_WEBHOOK_SECRET: ' , ,' }).message).toMatch(/^ZENDESK_WEBHOOK_SECRET: holds only commas/);
    expect(errorOf({ SLACK_APPROVERS: 'U012AB,@anna' }).message).toMatch(/^SLACK_APPROVERS: "@anna" is not a Slack user id/);
    expect(errorOf({ TRUST_PROXY: 'yes please' }).variable).toBe('TRUST_PROXY');
    expect(errorOf({ TRUST_PROXY: '0' }).variable).toBe('TRUST_PROXY');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.2, 172.18.0.0/16' }).trustProxy).toEqual(['10.0.0.2', '172.18.0.0/16']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({}).trustProxy).toBe(false);
    // Try it: readings a second for everyone (default 2) and its worker's priority (default nice 19, the lowest).
    expect(loadConfig({})).toMatchObject({ tryItReadingsPerSecond: 2, tryItNice: 19 });
    expect(loadConfig({ TRY_IT_READINGS_PER_SECOND: '0.5', TRY_IT_NICE: '0' })).toMatchObject({ tryItReadingsPerSecond: 0.5, tryItNice: 0 });
    expect(errorOf({ TRY_IT_READINGS_PER_SECOND: '0' }).message).toBe('TRY_IT_READINGS_PER_SECOND: must be at least 0.1 (one reading every ten seconds)');
    expect(errorOf({ TRY_IT_NICE: '20' }).message).toBe('TRY_IT_NICE: must be 0 to 19');
    for (const e of [errorOf({ PORT: '-1' }), errorOf({ LOG_LEVEL: 'loud' })]) {
      expect(e.code).toBe('config_invalid');
      expect(e.message).not.toContain('\n');
    }
  });

  it('refuses settings that cannot work together, naming the variable to fix', () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ ZENDESK_WEBHOOK_SECRET: 'first-secret-1234567' }, 'ZENDESK_URL', /required when ZENDESK_WEBHOOK_SECRET is set/],
      [{ ZENDESK_APPROVE_TAG: 'agent_ok', ZENDESK_REJECT_TAG: 'agent_ok' }, 'ZENDESK_REJECT_TAG', /must differ from ZENDESK_APPROVE_TAG/],
      [{ ZENDESK_APPROVE_TAG: 'm365_fix_ok' }, 'ZENDESK_FIX_TAG_PREFIX', /must not be the start of ZENDESK_APPROVE_TAG \(m365_fix_ok\)/],
      [{ AUTO_SEND: 'on', AUTO_SEND_UNEARNED: 'allow' }, 'AUTO_SEND', /needs the Zendesk integration/],
      [{ SLACK_BOT_TOKEN: 'xoxb-0000-test' }, 'SLACK_SIGNING_SECRET', /required when the other Slack secret is set/],
      [{ TRUST_PROXY: '10.0.0.2, proxy.internal' }, 'TRUST_PROXY', /"proxy\.internal" is neither/],
    ];
    for (const [env, variable, said] of cases) {
      const e = errorOf(env);
      expect(e.variable, JSON.stringify(env)).toBe(variable);
      expect(e.message).toMatch(new RegExp(`^${variable}: `));
      expect(e.message).toMatch(said);
    }
  });

  it('the boot line names what is on', () => {
    const c = loadConfig({
      ...zd,
      DATABASE_URL: 'postgres://m365@db:5432/m365',
      ZENDESK_WEBHOOK_SECRET: 'first-secret-1234567,second-secret-7654321',
      AUTO_SEND: 'on',
      AUTO_SEND_UNEARNED: 'allow',
      SLACK_SIGNING_SECRET: 'abcdefghij0123456789',
      SLACK_BOT_TOKEN: 'xoxb-0000-test',
      ADMIN_TOKEN: 'admin-token-0123456789',
      PUBLIC_URL: 'https://guide.example.com//',
    });
    expect(c.publicUrl).toBe('https://guide.example.com');
    const line = describeIntegrations(c);
    for (const part of ['storage=postgresql (DATABASE_URL)', 'zendesk-api=on', 'zendesk-webhook=on (2 secret(s))', 'reconcile=every 300s', 'auto-send=on (AUTO_SEND)', 'slack=on', 'admin-api=on']) {
      expect(line).toContain(part);
    }
    expect(line.split('\n')).toHaveLength(1);
  });

  it('reads the triage map and treats empty variables as unset', () => {
    const c = loadConfig({ ...zd, TRIAGE_MAP: '{"default":{"priority":"normal"},"hybrid":{"groupId":360001}}', ZENDESK_WEBHOOK_SECRET: '', PORT: '' });
    expect(c.triage).toEqual({ default: { priority: 'normal' }, hybrid: { groupId: 360001 } });
    expect(c.port).toBe(3000);
  });
});
