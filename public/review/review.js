// m365-guide review pages: the only script besides the analytics charts. Served as a file (the Content-Security-
// Policy allows no inline script). Everything here is an enhancement: the pages work without JavaScript.
'use strict';
(function () {
  var params = new URLSearchParams(location.search);

  // A notice (the confirmation after a decision, a refusal, an error) takes the focus, so a keyboard or screen-reader
  // user hears it and goes on from there instead of from the top of the page.
  var notice = document.getElementById('notice');
  if (notice) notice.focus();

  // Try it: "Add a follow-up" appends one more author + text row from the <template>.
  var add = document.getElementById('add-followup');
  var list = document.getElementById('followups');
  var tpl = document.getElementById('followup-template');
  if (add && list && tpl) {
    add.addEventListener('click', function () {
      list.appendChild(tpl.content.cloneNode(true));
      var rows = list.querySelectorAll('textarea');
      if (rows.length) rows[rows.length - 1].focus();
    });
  }
  // Queue: "Wrong reading?" re-drafts from the templates; text typed into this draft's edit box goes along so the
  // answer can show it back instead of dropping it.
  document.querySelectorAll('.draft form[action$="/correct"]').forEach(function (form) {
    form.addEventListener('submit', function () {
      var card = form.closest('.draft');
      var edit = card && card.querySelector('textarea[name=editedText]');
      var typed = form.querySelector('input[name=typedText]');
      if (edit && typed && edit.value !== edit.defaultValue) typed.value = edit.value;
    });
  });

  // Try it: copy the reply as Markdown or plain text. navigator.clipboard needs a secure context (https or
  // localhost); elsewhere a selected, off-screen textarea and execCommand('copy') do it.
  document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    var status = document.querySelector('.copy-status');
    if (!source) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = source.textContent;
      var what = button.getAttribute('data-copy') === 'reply-markdown' ? 'the Markdown' : 'the plain text';
      var done = function (ok) { if (status) status.textContent = ok ? 'Copied ' + what + '.' : 'Could not copy; select the text below and copy it.'; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
      } else {
        done(fallbackCopy(text));
      }
    });
  });
  function fallbackCopy(text) {
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.className = 'offscreen';
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }

  // Queue: Approve sends what the edit box holds. Say so on the button as soon as the text differs from the draft.
  document.querySelectorAll('form.approve-form').forEach(function (form) {
    var box = form.querySelector('textarea[name=editedText]');
    var label = form.querySelector('button.approve .label');
    var state = form.querySelector('.edit-state');
    if (!box || !label) return;
    // data-edited: the server gave the box back with the agent's text in it (an edit it could not accept yet).
    var keptEdit = box.hasAttribute('data-edited');
    var update = function () {
      var edited = keptEdit || box.value !== box.defaultValue;
      label.textContent = edited ? 'Approve and send the edited reply' : 'Approve and send';
      if (state) state.textContent = edited ? 'Your edits will be sent.' : '';
    };
    box.addEventListener('input', update);
    update();
    // Kept for this tab only, so an edit refused (the draft was replaced meanwhile) can be copied into the newer one.
    form.addEventListener('submit', function () {
      try {
        var key = 'm365-edit-' + form.getAttribute('data-draft-id');
        if (keptEdit || box.value !== box.defaultValue) sessionStorage.setItem(key, box.value); else sessionStorage.removeItem(key);
      } catch (e) { /* storage off: nothing to keep */ }
    });
  });

  // Queue: after a refusal, show the agent's unsent edit of that draft; after a success, forget it.
  var draft = params.get('draft');
  if (draft && /^\d+$/.test(draft)) {
    var key = 'm365-edit-' + draft;
    var kept = null;
    try { kept = sessionStorage.getItem(key); } catch (e) { kept = null; }
    if (params.get('done')) {
      try { sessionStorage.removeItem(key); } catch (e) { /* ignore */ }
    } else if (params.get('refused') === 'approve' && kept && notice) {
      var box = document.createElement('div');
      box.className = 'unsent';
      var p = document.createElement('p');
      p.id = 'unsent-' + draft;
      p.textContent = 'Your edit of draft #' + draft + ' was not sent. Copy what you need from it:';
      var ta = document.createElement('textarea');
      ta.readOnly = true;
      ta.rows = 8;
      ta.value = kept;
      ta.setAttribute('aria-labelledby', p.id);
      box.appendChild(p);
      box.appendChild(ta);
      notice.insertAdjacentElement('afterend', box);
    }
  }

  // Queue: a second click on Approve would only get "already approved" back; grey the buttons out once sent.
  document.querySelectorAll('.draft form').forEach(function (form) {
    form.addEventListener('submit', function () {
      setTimeout(function () {
        form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
})();
