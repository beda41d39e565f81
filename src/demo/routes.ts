// GET /demo/zendesk/writes (demo mode only): what the fake Zendesk received from this service, newest last: the
// private notes with the drafts, the tags, and the public replies an approval sent. Read-only; it shows only the
// example tickets' text and our own writes, and exists so a person trying the demo (and its test) can see that an
// approval reached "Zendesk".
import type { FastifyInstance } from 'fastify';
import type { DemoZendesk } from './fake-zendesk.js';

export const DEMO_NOTE = 'Demo: replies go to a built-in fake Zendesk, nothing leaves this machine.';

export async function demoRoutes(app: FastifyInstance, o: { fake: DemoZendesk }): Promise<void> {
  app.get<{ Querystring: { ticket?: string } }>('/demo/zendesk/writes', async (req) => {
    const ticket = req.query.ticket && /^\d{1,15}$/.test(req.query.ticket) ? Number(req.query.ticket) : null;
    const writes = ticket === null ? o.fake.writes : o.fake.writes.filter((w) => w.ticketId === ticket);
    return { note: DEMO_NOTE, zendesk: o.fake.url, tickets: o.fake.tickets.size, writes };
  });
}
