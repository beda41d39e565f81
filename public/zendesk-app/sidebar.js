// The sidebar's script (no build step, no inline code: the page's CSP allows only files from this service). It asks
// Zendesk, through the ZAF SDK, which ticket is open and in which language the agent works, fetches the draft view
// from /zendesk-app/api/ with the session token the page was given, and carries out the buttons. ZAF paths used
// (developer.zendesk.com/api-reference/apps/apps-support-api/ticket_sidebar/): get `ticket.id`,
// `currentUser.locale`; set `ticket.comment.type` = publicReply; invoke `ticket.comment.appendMarkdown` (falling back
// to `ticket.comment.appendText`); events `ticket.updated` and `ticket.conversation.changed` reload the view.
(function () {
  'use strict';
  var app = document.getElementById('app');
  var session = JSON.parse(document.getElementById('m365-session').textContent);
  var state = { ticketId: null, ui: 'en', other: false, evidence: true, seen: null, busy: false };
  var WORDS = {
    en: { gone: 'Your session has ended. Reopen the app (or reload Zendesk) to continue.', outside: 'This page works only inside Zendesk.', failed: 'That did not work. Try again.' },
    de: { gone: 'Ihre Sitzung ist abgelaufen. Öffnen Sie die App erneut (oder laden Sie Zendesk neu).', outside: 'Diese Seite funktioniert nur in Zendesk.', failed: 'Das hat nicht geklappt. Bitte erneut versuchen.' },
  };
  var client = window.ZAFClient ? window.ZAFClient.init() : false;

  function say(kind, text) {
    var p = document.createElement('p');
    p.className = 'notice ' + kind;
    p.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    p.textContent = text;
    return p;
  }

  function resize() {
    if (!client) return;
    var height = Math.min(Math.max(document.documentElement.scrollHeight, 120), 2000);
    client.invoke('resize', { width: '100%', height: height + 'px' }).catch(function () {});
  }

  function render(res) {
    app.innerHTML = res.html;
    app.setAttribute('aria-busy', 'false');
    var section = app.querySelector('section.draft');
    state.seen = section ? section.getAttribute('data-draft-id') : state.seen;
    var notice = app.querySelector('.notice');
    if (notice) {
      notice.setAttribute('tabindex', '-1');
      notice.focus();
    }
    resize();
  }

  function api(method, path, body) {
    return fetch(path, {
      method: method,
      headers: Object.assign({ authorization: 'Bearer ' + session.token, accept: 'application/json' }, body ? { 'content-type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
    }).then(function (res) {
      if (res.status === 401) {
        app.replaceChildren(say('error', WORDS[state.ui].gone));
        throw new Error('session');
      }
      return res.json();
    });
  }

  function viewParams() {
    return { ticketId: state.ticketId, ui: state.ui, other: state.other, evidence: state.evidence };
  }

  function load() {
    if (!state.ticketId) return Promise.resolve();
    var q = new URLSearchParams({ ui: state.ui, other: state.other ? '1' : '0', evidence: state.evidence ? '1' : '0' });
    if (state.seen) q.set('seen', state.seen);
    return api('GET', '/zendesk-app/api/tickets/' + encodeURIComponent(state.ticketId) + '?' + q.toString()).then(render);
  }

  function act(draftId, action, extra) {
    if (state.busy) return Promise.resolve();
    state.busy = true;
    app.setAttribute('aria-busy', 'true');
    return api('POST', '/zendesk-app/api/drafts/' + encodeURIComponent(draftId) + '/' + action, Object.assign(viewParams(), extra || {}))
      .then(function (res) {
        if (res.html !== undefined) {
          // The server answers approve and correct with the ticket's draft in its own language.
          if (res.code === undefined && (action === 'approve' || action === 'correct')) state.other = false;
          return render(res);
        }
        app.prepend(say('error', res.message || WORDS[state.ui].failed));
      })
      .catch(function (err) {
        if (err.message !== 'session') app.prepend(say('error', WORDS[state.ui].failed));
      })
      .then(function () {
        state.busy = false;
        app.setAttribute('aria-busy', 'false');
      });
  }

  function insert(draftId) {
    if (state.busy) return;
    state.busy = true;
    api('POST', '/zendesk-app/api/drafts/' + encodeURIComponent(draftId) + '/insert', viewParams())
      .then(function (res) {
        if (res.html !== undefined) return render(res);
        // A public reply the agent sends: switch the composer to public, then add the draft to what is there.
        return client
          .set('ticket.comment.type', 'publicReply')
          .then(function () {
            return client.invoke('ticket.comment.appendMarkdown', res.markdown).catch(function () {
              return client.invoke('ticket.comment.appendText', res.text);
            });
          })
          .then(function () {
            var old = app.querySelector('.notice');
            if (old) old.remove();
            var n = say('ok', res.notice);
            app.prepend(n);
            n.setAttribute('tabindex', '-1');
            n.focus();
            resize();
          });
      })
      .catch(function (err) {
        if (err.message !== 'session') app.prepend(say('error', WORDS[state.ui].failed));
      })
      .then(function () {
        state.busy = false;
      });
  }

  app.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-action]');
    if (!button) return;
    var action = button.getAttribute('data-action');
    var id = button.getAttribute('data-draft-id');
    if (action === 'insert') insert(id);
    else if (action === 'approve') act(id, 'approve');
    else if (action === 'switch-language') {
      state.other = !state.other;
      load();
    } else if (action === 'show-new') {
      state.seen = null;
      load();
    }
  });

  app.addEventListener('submit', function (e) {
    var form = e.target.closest('form[data-form]');
    if (!form) return;
    e.preventDefault();
    var id = form.getAttribute('data-draft-id');
    var data = new FormData(form);
    if (form.getAttribute('data-form') === 'reject') act(id, 'reject', { reason: String(data.get('reason') || '') });
    else {
      var slots = {};
      data.forEach(function (v, k) { slots[k] = String(v); });
      act(id, 'correct', { slots: slots });
    }
  });

  app.addEventListener('toggle', resize, true);

  // Renew the 15-minute session while the sidebar is open (up to 12 hours after Zendesk's signed request).
  setInterval(function () {
    api('POST', '/zendesk-app/api/session').then(function (s) {
      if (s.token) session.token = s.token;
    }).catch(function () {});
  }, 5 * 60 * 1000);

  if (!client) {
    app.replaceChildren(say('error', WORDS.en.outside));
    app.setAttribute('aria-busy', 'false');
    return;
  }
  Promise.all([client.metadata().catch(function () { return {}; }), client.get(['ticket.id', 'currentUser.locale'])])
    .then(function (r) {
      var settings = (r[0] && r[0].settings) || {};
      var got = r[1] || {};
      var setting = String(settings.ui_language || 'auto').toLowerCase();
      var locale = setting === 'en' || setting === 'de' ? setting : String(got['currentUser.locale'] || 'en');
      state.ui = locale.toLowerCase().indexOf('de') === 0 ? 'de' : 'en';
      state.evidence = settings.show_evidence !== false && settings.show_evidence !== 'false';
      document.documentElement.lang = state.ui;
      state.ticketId = String(got['ticket.id']);
      client.on('ticket.updated', load);
      client.on('ticket.conversation.changed', load);
      return load();
    })
    .catch(function (err) {
      if (err && err.message === 'session') return;
      app.replaceChildren(say('error', WORDS[state.ui].failed));
      app.setAttribute('aria-busy', 'false');
    });
})();
