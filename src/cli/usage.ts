import { BRANCHES, LANGUAGES, PRODUCTS } from '../classify/types.js';
import { MAX_LINE_BYTES, MAX_TICKET_TEXT_BYTES, formatBytes } from './limits.js';

const REPLY_BRANCHES = BRANCHES.filter((b) => b !== 'off-topic');

export const USAGE = `Usage: m365-guide <command> [options]

Classifies MailStore helpdesk tickets about moving Directory Services and archiving to Microsoft 365 Modern
Authentication, and drafts the reply. Offline: nothing is sent anywhere (except doctor, which asks Zendesk and Slack).

Commands:
  classify [FILE|-]     Classify JSONL tickets (corpus format; '-' or no FILE reads stdin). Writes one JSON line
                        per ticket, in input order: {id, branch, slots, confidence, autoSend, evidence}.
  draft [FILE|-]        Classify and render the reply. One JSON line per ticket: {id, branch, language,
                        template: {id, version} | null, text}. Off-topic tickets get template null and text "".
  render --branch B --lang L [--product P] [--name NAME]
                        Print the reply for one case, without a ticket.
                          B: ${REPLY_BRANCHES.join(' | ')}
                          L: ${LANGUAGES.join(' | ')}    P: ${PRODUCTS.join(' | ')} (default unknown)
  eval FILE [--json]    Score the classifier on labelled JSONL: branch and per-slot accuracy, confusion matrix,
                        auto-send coverage and errors, every miss with its evidence. --json: one JSON object.
  export-labels [--redact] [--since DATE]
                        Write the tickets agents labelled (approved = reading confirmed, corrected = the agent's
                        reading) as labelled JSONL in the same format, for eval and training. Reads the service's
                        store: DATABASE_URL, else DATA_DIR (default ./data; not while the service runs on it).
                        --redact replaces e-mail addresses, phone numbers and signature blocks.
  doctor [--post-test-note TICKET_ID] [--json]
                        Check a live setup (configuration from the environment, as the server reads it) against
                        Zendesk and Slack: token, API user's role, tags, last webhook delivery, Slack token and
                        scopes, the bot in the review channel, approvers mapped to agents, PUBLIC_URL. One line per
                        check with what to do; exit 1 if any failed. Writes nothing, except with --post-test-note:
                        a private note on that ticket, read back to show how notes render.
  help                  Show this text (also --help, or no command).

Input: one JSON object per line: {"id"?, "subject", "body", "comments"?: [{"author": "customer"|"agent", "body"}],
"requesterName"?}. "labels" and "trap" are ignored except by eval. id defaults to line-N.
A bad line (not JSON, not an object, missing body, malformed comments, invalid UTF-8, NUL bytes, …) is reported on
stderr as "line N: <problem>" and skipped; the other lines are still processed.
Limits: ${formatBytes(MAX_TICKET_TEXT_BYTES)} of ticket text (subject + body + comments, UTF-8), ${formatBytes(MAX_LINE_BYTES)} per raw line.

Output: JSONL on stdout only; diagnostics on stderr.

Exit codes:
  0  success
  1  classify/draft: at least one line failed; eval: an auto-send ticket got the wrong branch, or a line
     could not be evaluated
  2  usage error (unknown command or flag, bad flag value, input file cannot be opened)
`;
