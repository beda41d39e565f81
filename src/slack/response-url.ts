// A message to an interaction's response_url, outside Bolt's respond() (a modal's outcome for an ephemeral card, a
// failure before the ack). Slack allows 5 posts within 30 minutes per URL
// (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses); a refusal throws.
export async function postToResponseUrl(url: string, message: Record<string, unknown>): Promise<void> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(5000),
  });
  if (!r.ok) throw new Error(`response_url answered ${r.status}`);
}
