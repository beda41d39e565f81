// Logs carry ids, branch and confidence; never ticket bodies, reply text or secrets.
import type { LoggerOptions } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-zendesk-webhook-signature"]',
  'req.headers["x-slack-signature"]',
  'res.headers["set-cookie"]',
  'body',
  '*.body',
  'text',
  '*.text',
  'thread',
  '*.thread',
  'payload',
  '*.payload',
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
];

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}
