// The Slack HTTP endpoints on our Fastify server. Encapsulated: the raw-body parsers below apply to these routes
// only (every other route keeps Fastify's JSON parser). Order per request: answer Slack's certificate probe
// (ssl_check, sent unsigned), verify the signature on the raw bytes, then parse, then answer url_verification or
// hand the body to Bolt.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors.js';
import type { FastifyReceiver } from './receiver.js';
import { verifySlackSignature } from './verify-slack-signature.js';

export interface SlackRoutesOptions {
  signingSecret: string;
  receiver: FastifyReceiver;
  now: () => Date;
  onRejected?: (code: string) => void;
}

// Slack's own payloads are small; a modal submission with a long reason is the largest we expect.
const BODY_LIMIT = 256 * 1024;

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Slash commands and interactions are form-encoded (interactions carry JSON in `payload`); events are JSON. */
export function parseSlackBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> | null {
  const text = raw.toString('utf8');
  try {
    if ((contentType ?? '').startsWith('application/json')) {
      const v: unknown = JSON.parse(text);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    }
    const form = Object.fromEntries(new URLSearchParams(text));
    if (typeof form.payload === 'string') {
      const v: unknown = JSON.parse(form.payload);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    }
    return form;
  } catch {
    return null;
  }
}

function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  if (!(contentType ?? '').startsWith('application/x-www-form-urlencoded') || raw.length > 4096) return false;
  return new URLSearchParams(raw.toString('utf8')).get('ssl_check') === '1';
}

export async function slackRoutes(app: FastifyInstance, opts: SlackRoutesOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/x-www-form-urlencoded', 'application/json'], { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Slack checks the certificate of a slash command's URL with `ssl_check=1` and no signature
    // (https://docs.slack.dev/interactivity/implementing-slash-commands#ssl_check). Bolt answers it before
    // verifying (bolt-js src/receivers/HTTPModuleFunctions.ts, parseAndVerifyHTTPRequest) and drops every other
    // field, so nothing unsigned reaches a listener; so do we.
    if (isSslCheck(raw, req.headers['content-type'])) return reply.code(200).send();
    const verdict = verifySlackSignature({
      signingSecret: opts.signingSecret,
      rawBody: raw,
      signature: header(req, 'x-slack-signature'),
      timestamp: header(req, 'x-slack-request-timestamp'),
      nowMs: opts.now().getTime(),
    });
    if (!verdict.ok) {
      opts.onRejected?.(verdict.code);
      req.log.warn({ code: verdict.code, route: req.url }, 'slack request refused');
      return reply.code(401).send(errorBody(verdict.code, verdict.message));
    }
    const body = parseSlackBody(raw, req.headers['content-type']);
    if (!body) return reply.code(400).send(errorBody('payload_invalid', 'The Slack request body could not be parsed.'));

    // Request URL verification (Events API, also accepted here so any URL can be verified).
    if (body.type === 'url_verification' && typeof body.challenge === 'string') return reply.code(200).send({ challenge: body.challenge });

    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const retryReason = header(req, 'x-slack-retry-reason');
    const answer = await opts.receiver.dispatch(body, {
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(retryReason ? { retryReason } : {}),
    });
    reply.code(answer.status);
    if (answer.body === undefined) return reply.send();
    if (typeof answer.body === 'string') return reply.type('text/plain; charset=utf-8').send(answer.body);
    return reply.type('application/json; charset=utf-8').send(answer.body);
  };

  app.post('/slack/commands', handle);
  app.post('/slack/interactions', handle);
}
