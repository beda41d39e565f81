// Runs in a worker thread (try-it-pool.ts): one Try it reading, so a visitor's 100 KiB paste costs this thread's CPU,
// not the event loop that answers Zendesk's webhooks. Same classify() as everywhere else.
import { classify } from '../classify/index.js';
import type { Classification, Thread } from '../classify/types.js';

export default function readTicket(thread: Thread): Classification {
  return classify(thread);
}
