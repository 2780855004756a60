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
  navigator.serviceWorker.register(worker.href, { scope: scope.href }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (reg) {
    if (reg.active) reg.active.postMessage({ cacheLocale: document.documentElement.lang });
  }).catch(function () { /* the site works without it */ });
})();
