// m365-guide review pages: the only script besides the analytics charts. Served as a file (the Content-Security-
// Policy allows no inline script). Everything here is an enhancement: the pages work without JavaScript.
'use strict';
(function () {
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
  // Queue: a second click on Approve would only get "already approved" back; grey the buttons out once sent.
  document.querySelectorAll('.draft form').forEach(function (form) {
    form.addEventListener('submit', function () {
      setTimeout(function () {
        form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
})();
