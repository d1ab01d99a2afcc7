// The one script of a preview page, inlined with the page's nonce. It listens to /events and
// reloads: the briefing frame alone when only a file's content changed (keeping the reader's
// scroll position), the whole page when files or folders came or went, event.yaml changed, or
// the server restarted. It also submits the toolbar form when a switch changes. The briefing
// document itself never carries a script.

export const CLIENT_SCRIPT = `(function () {
  var frame = document.getElementById('cci-doc');
  var live = document.getElementById('cci-live');
  var form = document.getElementById('cci-switch');
  var boot = null;
  function state(s, title) { if (live) { live.className = 'live ' + s; live.title = title; } }
  if (form) form.addEventListener('change', function () { form.submit(); });
  var es = new EventSource('/events');
  es.addEventListener('hello', function (e) {
    if (boot !== null && boot !== e.data) { location.reload(); return; }
    boot = e.data;
    state('on', 'live reload: on');
  });
  es.addEventListener('reload', function (e) {
    var scope = 'page';
    try { scope = JSON.parse(e.data).scope; } catch (err) { /* whole page */ }
    if (scope === 'doc' && frame && frame.contentWindow) frame.contentWindow.location.reload();
    else location.reload();
  });
  es.onerror = function () { state('off', 'live reload: server not reachable, retrying'); };
})();`;
