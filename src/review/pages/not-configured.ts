// What the Queue, Analytics and Sign in pages show until an admin configures review users.
import { html } from '../html.js';

export const notConfiguredBody = html`<section class="setup">
<h1>Review sign-in is not set up yet</h1>
<p>The queue and the analytics need signed-in agents. <a href="/">Try it</a> works without.</p>
<ol>
  <li>Create a password hash for each agent (on any machine with this project installed):
    <pre>node scripts/hash-password.mjs</pre>
    It asks for the password and prints an <code>$argon2id$…</code> hash. Without the script:
    <pre>node -e "require('@node-rs/argon2').hash(process.argv[1]).then(console.log)" 'the password'</pre></li>
  <li>Set the users, a session secret and restart:
    <pre>REVIEW_USERS='[{"login":"anna","passwordHash":"$argon2id$v=19$…","zendeskUserId":"123"}]'
REVIEW_SESSION_SECRET="$(openssl rand -base64 48)"</pre>
    <code>zendeskUserId</code> is optional: the Zendesk agent the public reply is posted as when this user approves.</li>
  <li>Serve the pages over https. Only for plain-http development set <code>REVIEW_COOKIE_SECURE=false</code>.</li>
</ol>
</section>`;
