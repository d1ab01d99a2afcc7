// The one script of a preview page, inlined with the page's nonce. It listens to /events and
// reloads: the briefing frame alone when only a file's content changed (keeping the reader's
// scroll position), the whole page when files or folders came or went, event.yaml changed, or
// the server restarted. It also submits the toolbar form when a switch changes. The briefing
// document itself never carries a script. Its words (the live dot's titles) are in the page's
// data-on and data-off attributes, in the language of messages.

export const CLIENT_SCRIPT = `(function () {
  var frame = document.getElementById('cci-doc');
  var live = document.getElementById('cci-live');
  var form = document.getElementById('cci-switch');
  var boot = null;
  function state(s) { if (live) { live.className = 'live ' + s; live.title = live.getAttribute('data-' + s) || live.title; } }
  if (form) form.addEventListener('change', function () { form.submit(); });
  var es = new EventSource('/events');
  es.addEventListener('hello', function (e) {
    if (boot !== null && boot !== e.data) { location.reload(); return; }
    boot = e.data;
    state('on');
  });
  es.addEventListener('reload', function (e) {
    var scope = 'page';
    try { scope = JSON.parse(e.data).scope; } catch (err) { /* whole page */ }
    if (scope === 'doc' && frame && frame.contentWindow) frame.contentWindow.location.reload();
    else location.reload();
  });
  es.onerror = function () { state('off'); };
})();`;
