// Logs carry ids, branch and confidence; never ticket bodies, reply text or secrets.
import { LogController } from 'fastify';
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

// Fastify's own "incoming request" / "request completed" pair is left out where a request is either very frequent and
// already described by its handler (the webhook writes one line with the ticket, event key and outcome; rejections
// are logged as warnings) or a probe that would drown the log (health checks, metric scrapes).
const QUIET_PATHS = new Set(['/webhooks/zendesk', '/healthz', '/readyz', '/metrics']);

export function logController(): LogController {
  return new LogController({
    disableRequestLogging: (req: { url?: string }) => QUIET_PATHS.has((req.url ?? '').split('?', 1)[0]!),
  });
}
