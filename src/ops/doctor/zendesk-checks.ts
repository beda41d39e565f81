// Doctor checks against the live Zendesk: reachable and the token valid, the API user's role and what it allows,
// the approve/reject tags, and (only when asked) a private test note read back. Read-only unless postTestNote.
import type { Config } from '../../config.js';
import { toDestination } from '../../replies/index.js';
import type { ZUser } from '../../zendesk/api-types.js';
import { isZendeskError, type ZendeskClient } from '../../zendesk/client.js';
import { isClassificationTag, TAGS } from '../../zendesk/triage.js';
import { check, type Check } from './check.js';

/** Who the token signs in as, or the failing line. */
export async function checkZendeskAccess(zd: ZendeskClient, config: Config): Promise<{ checks: Check[]; me: ZUser | null }> {
  const api = config.zendesk.api!;
  let me: ZUser;
  try {
    me = await zd.me();
  } catch (err) {
    if (isZendeskError(err) && (err.status === 401 || err.status === 403)) {
      return {
        me: null,
        checks: [
          check('zendesk.token', 'fail', `Zendesk at ${api.url} refused ZENDESK_EMAIL ${api.email} with ZENDESK_API_TOKEN (HTTP ${err.status}).`,
            'Create an API token (Admin Center → Apps and integrations → APIs → Zendesk API) and set ZENDESK_EMAIL to the e-mail of the user it belongs to.'),
        ],
      };
    }
    return { me: null, checks: [check('zendesk.reachable', 'fail', `Zendesk did not answer at ${api.url}: ${(err as Error).message.slice(0, 160)}`, 'Check ZENDESK_URL (https://<subdomain>.zendesk.com) and that this host can reach it.')] };
  }
  return { me, checks: [check('zendesk.token', 'ok', `Zendesk answers at ${api.url}; the token signs in as user ${me.id} (${api.email}).`)] };
}

/**
 * What the API user's role allows. The reconcile poll reads incremental exports ("Allowed for: Admins",
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/); a non-admin posting
 * a public reply in another agent's name gets a flagged comment (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/).
 */
export function checkZendeskRole(me: ZUser): Check {
  if (me.role === 'admin') return check('zendesk.role', 'ok', 'The API user is an admin: the reconcile poll, drafting notes and posting replies in the approving agent\'s name all work.');
  if (me.role === 'agent') {
    return check('zendesk.role', 'fail',
      'The API user is an agent, not an admin: the reconcile poll (incremental export, admins only) fails with 403, so lost webhooks are never recovered, and replies posted in another agent\'s name are flagged. Notes and tags still work.',
      'Make the API user an admin in Zendesk (Admin Center → People → Team members), or use an admin\'s API token.');
  }
  return check('zendesk.role', 'fail', `The API user's role is ${me.role}: it can neither read tickets nor write notes.`, 'Use the API token of a Zendesk admin.');
}

/** True for a tag the service sets or recomputes itself (an approve/reject tag must not be one). */
function isOurTag(tag: string): boolean {
  return (Object.values(TAGS) as string[]).includes(tag) || isClassificationTag(tag);
}

export function checkApprovalTags(config: Config): Check {
  const { approveTag, rejectTag } = config.zendesk;
  const problems: string[] = [];
  if (approveTag === rejectTag) problems.push('ZENDESK_APPROVE_TAG equals ZENDESK_REJECT_TAG');
  for (const [name, tag] of [['ZENDESK_APPROVE_TAG', approveTag], ['ZENDESK_REJECT_TAG', rejectTag]] as const) {
    if (isOurTag(tag)) problems.push(`${name}=${tag} is a tag the service sets or replaces itself (classification or state tags such as ${TAGS.approved})`);
  }
  if (problems.length) return check('zendesk.tags', 'fail', `${problems.join('; ')}.`, 'Choose two distinct tags outside the m365_ classification family, e.g. m365_approve and m365_reject.');
  return check('zendesk.tags', 'ok', `Approve tag ${approveTag} and reject tag ${rejectTag} are distinct and clash with none of the service's own tags.`);
}

const SAMPLE = [
  '## m365-guide test note',
  '',
  'First paragraph: this private note was posted by `m365-guide doctor --post-test-note` to show how notes render.',
  '',
  'Second paragraph, after an empty line.',
  '',
  '- a list item',
  '- another list item',
].join('\n');

/** Posts a private note (html_body) and reads it back: it must be private, and keep its paragraphs and list. */
export async function postTestNote(zd: ZendeskClient, ticketId: string): Promise<Check> {
  const id = 'zendesk.test_note';
  try {
    const r = await zd.updateTicket(ticketId, { comment: { html_body: toDestination(SAMPLE, 'html'), public: false } });
    const commentId = r.audit?.events?.find((e) => e.type === 'Comment')?.id;
    const { comments } = await zd.listComments(ticketId);
    const note = commentId ? comments.find((c) => c.id === commentId) : comments.at(-1);
    if (!note) return check(id, 'fail', `Zendesk accepted the note on ticket ${ticketId} but it is not among the ticket's comments.`, 'Open the ticket in Zendesk and look for the note; check the API user\'s rights.');
    if (note.public) return check(id, 'fail', `The test note on ticket ${ticketId} arrived as a PUBLIC comment (${note.id}).`, 'Delete it in Zendesk (it was visible to the requester) and report this.');
    const html = note.html_body ?? '';
    const kept = /<li[\s>]/.test(html) && (html.match(/<p[\s>]/g) ?? []).length >= 2;
    return kept
      ? check(id, 'ok', `Posted private note ${note.id} on ticket ${ticketId} and read it back: paragraphs and the list arrived intact.`)
      : check(id, 'warn', `Posted private note ${note.id} on ticket ${ticketId}, but Zendesk stored it without its paragraphs or list.`, 'Open the ticket to see how it renders; drafts will look the same.');
  } catch (err) {
    return check(id, 'fail', `Could not post the test note on ticket ${ticketId}: ${(err as Error).message.slice(0, 160)}`, 'Check the ticket id and that the API user may update it.');
  }
}
