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

/**
 * JSON for log collectors; with `pretty`, pino-pretty writes one readable line per entry (for a person at a
 * terminal). Redaction applies before either, so a pretty log carries no more than the JSON one.
 */
export function loggerOptions(level: string, pretty = false): LoggerOptions {
  const base: LoggerOptions = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (!pretty) return base;
  return {
    ...base,
    transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true } },
  };
}

/** `auto` means pretty only when a person is watching: stdout is a terminal. */
export function wantsPrettyLogs(format: 'auto' | 'json' | 'pretty', stdoutIsTty: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTty);
}

// Fastify's own "incoming request" / "request completed" pair is left out where a request is either very frequent and
// already described by its handler (the webhook writes one line with the ticket, event key and outcome; rejections
// are logged as warnings) or a probe that would drown the log (health checks, metric scrapes).
const QUIET_PATHS = new Set(['/webhooks/zendesk', '/healthz', '/readyz', '/metrics', '/favicon.ico']);

/** Static files (CSS, scripts, the chart library) are logged only at debug level: every page view loads several. */
export function isQuietPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?', 1)[0]!;
  return QUIET_PATHS.has(path) || path.startsWith('/assets/');
}

export function logController(): LogController {
  return new LogController({
    disableRequestLogging: (req: { url?: string }) => isQuietPath(req.url),
  });
}
