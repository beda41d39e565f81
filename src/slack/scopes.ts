// The bot scopes the integration uses, each with the calls that need it. slack-manifest.yaml declares exactly these
// (test/slack/manifest.test.ts) and `doctor` compares them with the token's granted scopes (the x-oauth-scopes
// header Slack returns on every Web API call: https://docs.slack.dev/authentication/tokens).
export const SLACK_SCOPES: Readonly<Record<string, string>> = {
  commands: '/m365-guide',
  'chat:write': 'draft cards in the review channel, and their updates',
  'users:read': "users.info for the approver's profile",
  'users:read.email': "the approver's e-mail, to find their Zendesk agent account",
  'usergroups:read': 'usergroups.users.list, for user-group ids in SLACK_APPROVERS',
  'channels:history': 'conversations.history: find a card whose post timed out before posting it again (public review channel)',
  'groups:history': 'the same for a private review channel',
};
