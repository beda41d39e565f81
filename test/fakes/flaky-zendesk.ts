// A loopback proxy in front of FakeZendesk that fails a share of calls at random, the way Zendesk does on a bad day:
// 429 with Retry-After, 500 with an HTML page, and hangs past the client's timeout (half of them after Zendesk has
// applied the write, so the answer is lost but the change is made). Everything else is forwarded unchanged, so the
// fake behind it keeps the state and records only what really arrived.
import http from 'node:http';
import type { FakeZendesk } from './zendesk.js';
import { closeServer, listenLoopback } from './loopback.js';

export interface FlakyOptions {
  /** Share of calls that fail (0..1). */
  failureRate: number;
  /** Retry-After of the 429s, in seconds. */
  retryAfterS?: number;
  /** How long a hang lasts; make it longer than the client's timeout. */
  hangMs?: number;
  /** Relative weights of the failure kinds. */
  mix?: { rateLimited: number; serverError: number; hang: number };
  /** Seeded generator for repeatable runs (default Math.random). */
  random?: () => number;
}

export interface FlakyCounts {
  forwarded: number;
  rateLimited: number;
  serverError: number;
  hangNotApplied: number;
  hangApplied: number;
}

/** A small seeded generator (mulberry32), so a chaos run can be repeated with the same failures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FlakyZendesk {
  readonly counts: FlakyCounts = { forwarded: 0, rateLimited: 0, serverError: 0, hangNotApplied: 0, hangApplied: 0 };
  /** Set to false to stop injecting failures (e.g. to let a run settle). */
  failing = true;
  url = '';
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly random: () => number;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly backend: FakeZendesk,
    private readonly opts: FlakyOptions,
  ) {
    this.random = opts.random ?? Math.random;
  }

  get email(): string {
    return this.backend.email;
  }
  get token(): string {
    return this.backend.token;
  }

  async start(): Promise<this> {
    this.url = await listenLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await closeServer(this.server);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private pick(): 'ok' | 'rateLimited' | 'serverError' | 'hang' {
    if (!this.failing || this.random() >= this.opts.failureRate) return 'ok';
    const mix = this.opts.mix ?? { rateLimited: 1, serverError: 1, hang: 1 };
    let r = this.random() * (mix.rateLimited + mix.serverError + mix.hang);
    if ((r -= mix.rateLimited) < 0) return 'rateLimited';
    if ((r -= mix.serverError) < 0) return 'serverError';
    return 'hang';
  }

  private async forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const headers: Record<string, string> = {};
    for (const h of ['authorization', 'content-type', 'accept']) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const res = await fetch(`${this.backend.url}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      ...(body.length && req.method !== 'GET' ? { body } : {}),
    });
    const out: Record<string, string> = {};
    for (const h of ['content-type', 'retry-after']) {
      const v = res.headers.get(h);
      if (v) out[h] = v;
    }
    return { status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const hangMs = this.opts.hangMs ?? 2_000;
    const answer = (r: { status: number; headers: Record<string, string>; body: Buffer }) => {
      if (res.destroyed || res.headersSent) return;
      res.writeHead(r.status, r.headers);
      res.end(r.body);
    };
    switch (this.pick()) {
      case 'rateLimited':
        this.counts.rateLimited++;
        return answer({ status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(this.opts.retryAfterS ?? 1) }, body: Buffer.from('{"error":"APIRateLimitExceeded"}') });
      case 'serverError':
        this.counts.serverError++;
        return answer({ status: 500, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html><body>Internal Server Error</body></html>') });
      case 'hang':
        if (this.random() < 0.5) {
          // Zendesk applied the write, but the answer comes too late for the client.
          this.counts.hangApplied++;
          const r = await this.forward(req, body);
          return this.later(hangMs, () => answer(r));
        }
        this.counts.hangNotApplied++;
        return this.later(hangMs, () => answer({ status: 504, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html>Gateway Timeout</html>') }));
      default:
        this.counts.forwarded++;
        try {
          return answer(await this.forward(req, body));
        } catch {
          return answer({ status: 502, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html>Bad Gateway</html>') });
        }
    }
  }
}
