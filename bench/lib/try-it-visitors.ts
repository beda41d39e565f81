// Try it's visitors for try-it-load, in a process of their own: reading 240 Ki-character pages and building 115 KiB
// pastes is the visitors' work, done on their own machines in real life. In the bench process it would share an
// event loop with autocannon and show up as webhook latency the server never caused.
// Each visitor posts as soon as its last answer came, and waits Retry-After when told to.
// Usage: node --import tsx bench/lib/try-it-visitors.ts <url> <streams> <seconds>; prints one JSON line of counts.
import { paste } from './try-it-paste.js';

interface Counts { answered: number; busy: number; limited: number }

async function stream(url: string, client: number, until: number): Promise<Counts> {
  // Each stream is its own client address (X-Forwarded-For, the target runs with TRUST_PROXY=1).
  const ip = `198.51.100.${client + 1}`;
  const out = { answered: 0, busy: 0, limited: 0 };
  while (Date.now() < until) {
    const page = await fetch(`${url}/`, { headers: { 'x-forwarded-for': ip } });
    const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const r = await fetch(`${url}/`, { method: 'POST', headers: { 'x-forwarded-for': ip, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: paste(token) });
    await r.arrayBuffer();
    if (r.status === 200) out.answered++;
    else if (r.status === 503) out.busy++;
    else if (r.status === 429) out.limited++;
    // A person (or a browser's polite script) waits as told before sending again. A client that ignores Retry-After
    // is a flood of 115 KiB bodies, which costs any endpoint the reading of its bytes; that is the proxy's to stop.
    const wait = r.status === 429 || r.status === 503 ? Number(r.headers.get('retry-after') ?? 1) * 1000 : 0;
    if (wait > 0) await new Promise((done) => setTimeout(done, Math.min(wait, Math.max(0, until - Date.now()))));
  }
  return out;
}

const [url, streams, seconds] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const until = Date.now() + seconds * 1000;
const all = await Promise.all(Array.from({ length: streams }, (_, i) => stream(url, i, until)));
process.stdout.write(`${JSON.stringify(all.reduce((a, b) => ({ answered: a.answered + b.answered, busy: a.busy + b.busy, limited: a.limited + b.limited })))}\n`);
