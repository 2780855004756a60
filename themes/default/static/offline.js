/* Herald offline mode (campaign.yaml: offline: true). Registers sw.js, which keeps this
   locale's pages after the first visit. Only over http(s): service workers do not exist on
   file://, where the pages are on the reader's disk already. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var me = document.currentScript;
  if (!me || !me.src) return;
  var worker = new URL("sw.js", me.src);
  var scope = new URL("./", me.src);
  var sw = navigator.serviceWorker;
  var lang = document.documentElement.lang;
  // The worker answers once it has cached the locale. A message sent while it is still
  // starting can be lost, so ask again until it answers (a few times, then give up).
  var answered = false;
  sw.addEventListener("message", function (m) {
    if (m.data && m.data.herald === "cached") answered = true;
  });
  function ask(reg, tries) {
    var w = sw.controller || reg.active;
    if (answered || !w || tries <= 0) return;
    w.postMessage({ cacheLocale: lang });
    setTimeout(function () { ask(reg, tries - 1); }, 3000);
  }
  sw.register(worker.href, { scope: scope.href }).then(function () {
    return sw.ready;
  }).then(function (reg) {
    ask(reg, 5);
  }).catch(function () { /* the site works without it */ });
})();
