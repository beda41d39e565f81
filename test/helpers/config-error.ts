// The ConfigError loadConfig throws for an environment (fails the test when it boots instead).
import { ConfigError, loadConfig } from '../../src/config.js';

export function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
