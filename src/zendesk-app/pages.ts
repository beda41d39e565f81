// The two documents the iframe can get: the sidebar shell (session token in the page, content fetched by
// sidebar.js for the ticket Zendesk says is open), and the refusal page, which says why and shows nothing else.
import { html, jsonForScript } from '../review/html.js';
import { REFUSAL_WORDS, STRINGS, type UiLang } from './i18n.js';
import type { RefusalReason } from './verify-zendesk-jwt.js';

const head = (title: string) => html`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/zendesk-app/assets/garden.css">
<link rel="stylesheet" href="/zendesk-app/assets/sidebar.css">`;

export function shellPage(session: { token: string; expiresAt: Date; agentId: string }): string {
  const t = STRINGS.en;
  return html`<!doctype html>
<html lang="en">
<head>
${head(t.title)}
<script type="application/json" id="m365-session">${jsonForScript({ token: session.token, expiresAt: session.expiresAt.toISOString(), agentId: session.agentId })}</script>
<script src="/zendesk-app/assets/zaf_sdk.js" defer></script>
<script src="/zendesk-app/assets/sidebar.js" defer></script>
</head>
<body>
<main id="app" aria-live="polite" aria-busy="true"><p class="loading">${t.loading}</p></main>
</body>
</html>`.value;
}

export function refusalPage(reason: RefusalReason, ui: UiLang = 'en'): string {
  const t = STRINGS[ui];
  return html`<!doctype html>
<html lang="${ui}">
<head>
${head(t.refused)}
</head>
<body>
<main id="app" class="refused" data-refusal="${reason}">
<h1>${t.refused}</h1>
<p role="alert">${REFUSAL_WORDS[ui][reason]}</p>
<p class="muted"><code>${reason}</code></p>
</main>
</body>
</html>`.value;
}
