// A long ticket comes in pages: Zendesk answers GET /tickets/{id}/comments with `next_page` while more follow
// (https://developer.zendesk.com/api-reference/introduction/pagination/). The worker must read every page, or it
// drafts from an old statement and misses the customer's latest word.
import { describe, expect, it } from 'vitest';
import { commentAdded } from '../helpers/harness.js';
import { useHarnessWorld } from '../helpers/harness-world.js';

describe('comments over several pages', () => {
  const w = useHarnessWorld((zd) => (zd.commentsPerPage = 2));

  it('follows next_page to the last comment: the draft answers the statement on page 3', async () => {
    const { zd, store, h } = w;
    const customer = zd.addUser({ name: 'Jan Peters', email: 'jan@example.org', role: 'end-user' });
    const agent = zd.addUser({ name: 'Anna Agent', email: 'anna@mailstore.example', role: 'agent' });
    const t = zd.addTicket({ subject: 'Modern authentication for archiving', body: 'Hello, MailStore Server archives our Exchange Online mailboxes. Basic auth goes away. What now?', requester: customer });
    zd.addComment(t.id, agent, 'Which directory service does MailStore Server use: Active Directory, LDAP or Microsoft 365?', true);
    zd.addComment(t.id, customer, 'We use Active Directory, usernames like jdoe.', true);
    zd.addComment(t.id, agent, 'Would you rename the users to their e-mail addresses, or keep the Active Directory sync?', true);
    const last = zd.addComment(t.id, customer, 'We will rename all users to their email addresses and switch completely to Microsoft 365.', true);
    await h.deliver(commentAdded(t.id, last.id, customer.id));
    await h.settle(() => zd.privateNotes(t.id).length === 1);

    const pages = zd.requests.filter((r) => r.method === 'GET' && r.path === `/api/v2/tickets/${t.id}/comments`).map((r) => r.query.get('page') ?? '1');
    // Every read of the thread (the worker's, and the note sender's check before it writes) walks all three pages.
    expect(pages.join(',')).toMatch(/^1,2,3(,1,2,3)*$/);
    const draft = await store.latestDraft(String(t.id));
    expect(draft!.ticketVersion).toBe(String(last.id));
    expect(draft!.thread.comments?.at(-1)).toEqual({ author: 'customer', body: last.body });
    expect(draft!.branch).toBe('rename');
  });
});
