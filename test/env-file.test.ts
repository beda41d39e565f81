// The .env file (src/env-file.ts): read before the configuration is validated, variables already in the environment
// win, ENV_FILE names another file (relative to the working directory) or `none`. A named file that is missing or
// cannot be read is a configuration error naming ENV_FILE.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvFileError, loadEnvFile } from '../src/env-file.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'm365-env-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return err;
  }
  return null;
};

describe('loadEnvFile', () => {
  it('reads .env in the working directory as pasted from the README; the environment wins over the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), '# Zendesk\nZENDESK_URL=https://acme.zendesk.com\nexport ZENDESK_EMAIL="bot@acme.com"\nPORT=3001\n');
    const env: NodeJS.ProcessEnv = { PORT: '8080' };
    expect(loadEnvFile(env, dir)).toBe(join(dir, '.env'));
    expect(env).toEqual({ PORT: '8080', ZENDESK_URL: 'https://acme.zendesk.com', ZENDESK_EMAIL: 'bot@acme.com' });
  });

  it('reads the file ENV_FILE names, relative to the working directory; with no file and no ENV_FILE it reads nothing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'm365.env'), 'ADMIN_TOKEN=from-the-file-0123456789\n');
    const env: NodeJS.ProcessEnv = { ENV_FILE: 'conf/m365.env' };
    expect(loadEnvFile(env, dir)).toBe(join(dir, 'conf', 'm365.env'));
    expect(env.ADMIN_TOKEN).toBe('from-the-file-0123456789');

    const empty: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(empty, tempDir())).toBeNull();
    expect(empty).toEqual({});
  });

  it('ENV_FILE=none reads nothing, even with a .env beside it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'ADMIN_TOKEN=from-the-file-0123456789\n');
    const env: NodeJS.ProcessEnv = { ENV_FILE: 'none' };
    expect(loadEnvFile(env, dir)).toBeNull();
    expect(env).toEqual({ ENV_FILE: 'none' });
  });

  it('a named file that is missing or is no file: a configuration error naming ENV_FILE and the path', () => {
    const dir = tempDir();
    const missing = thrown(() => loadEnvFile({ ENV_FILE: 'nope.env' }, dir));
    expect(missing).toBeInstanceOf(EnvFileError);
    expect(missing).toMatchObject({ code: 'config_invalid', message: `ENV_FILE: ${join(dir, 'nope.env')} does not exist` });
    mkdirSync(join(dir, 'a-directory'));
    const unreadable = thrown(() => loadEnvFile({ ENV_FILE: 'a-directory' }, dir));
    expect(unreadable).toBeInstanceOf(EnvFileError);
    expect((unreadable as Error).message).toMatch(new RegExp(`^ENV_FILE: ${join(dir, 'a-directory')} could not be read \\(.*EISDIR`));
  });
});
