// The Slack app manifest at the repository root must match what the code serves and calls.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND } from '../../src/slack/command.js';
import { SLACK_SCOPES } from '../../src/slack/scopes.js';

const manifest = readFileSync(new URL('../../slack-manifest.yaml', import.meta.url), 'utf8');

describe('slack-manifest.yaml', () => {
  it('declares the command, both request URLs and exactly the scopes the integration uses', () => {
    expect(manifest).toContain(`- command: ${COMMAND}`);
    expect(manifest).toMatch(/url: https:\/\/\S+\/slack\/commands/);
    expect(manifest).toMatch(/request_url: https:\/\/\S+\/slack\/interactions/);
    const scopes = [...manifest.matchAll(/^\s+- ([a-z.:]+)\s+#/gm)].map((m) => m[1]);
    expect(scopes).toEqual(Object.keys(SLACK_SCOPES));
    expect(manifest).toMatch(/socket_mode_enabled: false/);
  });
});
