// Offline mode in headless Chromium: visit one page of a bundle served over http, then go
// offline and open another page of the same locale. Run by tests/search_browser.rs:
//   node offline.mjs '{"visit":"http://127.0.0.1:…/prefix/ar/work/contract/index.html",
//                      "offline":"http://127.0.0.1:…/prefix/ar/work/pay/index.html"}'
// Prints the cached paths and the page read offline as JSON; exits 1 on failure.
//
// About one run in fifteen, the driver itself stalls the worker: Playwright attaches to
// every new service worker with "wait for the debugger on start", and sometimes never
// lets it run. The log then shows sw.js fetched, a registration with no installing,
// waiting or active worker, and register() never settling. The same stall is described
// for other CDP drivers (InDate/devharness#147). Herald's pages cannot cause or cure it,
// so an attempt whose worker is not running within 15 s is logged and repeated in a fresh
// browser, three attempts at most; a worker that never works fails all three.
import { launch } from "./chromium.mjs";

const cfg = JSON.parse(process.argv[2]);
// A browser that stops answering fails the test instead of holding CI for an hour.
setTimeout(() => {
  console.error("offline.mjs: no result within 240 s");
  process.exit(1);
}, 240000).unref();

const t0 = Date.now();
const log = (m) => console.error(`${Date.now() - t0} ms: ${m}`);
const within = (ms, p, what) => Promise.race([
  p,
  new Promise((r) => setTimeout(() => r(what), ms)),
]);

async function attempt(n) {
  const browser = await launch();
  try {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // What the worker says back after caching (or failing to), for the log.
    await page.addInitScript(() => {
      navigator.serviceWorker?.addEventListener("message", (m) => console.log(`worker: ${JSON.stringify(m.data)}`));
    });
    page.on("console", (m) => log(`console: ${m.text()}`));
    page.on("requestfailed", (r) => log(`failed: ${r.url()} ${r.failure()?.errorText}`));
    ctx.on("serviceworker", (w) => log(`service worker started: ${w.url()}`));
    ctx.on("request", (r) => log(`request: ${r.url()}`));
    log(`attempt ${n}`);
    await page.goto(cfg.visit);
    log("loaded");
    const ready = await page.evaluate(() => Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 15000)),
    ]));
    log(`worker ready: ${ready}`);
    if (!ready) {
      log(`registrations: ${await within(5000, page.evaluate(async () => JSON.stringify(
        (await navigator.serviceWorker.getRegistrations()).map((r) => ({
          scope: r.scope, installing: r.installing?.state, waiting: r.waiting?.state,
          active: r.active?.state,
        })))), "no answer")}`);
      return null;
    }
    // The worker caches the locale's files when the page asks; wait until it has.
    let cached = [];
    for (let i = 0; i < 600 && !cached.some((p) => cfg.offline.endsWith(p)); i++) {
      await page.waitForTimeout(100);
      cached = await page.evaluate(async () => {
        const out = [];
        for (const k of await caches.keys()) {
          for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname);
        }
        return out;
      });
    }
    log(`cached ${cached.length} files`);
    await ctx.setOffline(true);
    await page.goto(cfg.offline);
    const title = await page.textContent("h1");
    const lang = await page.getAttribute("html", "lang");
    const ok = cached.length > 0 && lang === "ar" && !!title;
    return { ok, attempts: n, cached, title, lang };
  } finally {
    // A browser holding a stalled worker may not close cleanly; the next attempt starts
    // its own either way, and Playwright kills what it launched when node exits.
    await within(10000, browser.close(), null);
  }
}

let result = null;
for (let n = 1; n <= 3 && !result; n++) result = await attempt(n);
if (result) console.log(JSON.stringify(result));
else console.error("offline.mjs: the service worker never ran in three browsers");
process.exit(result?.ok ? 0 : 1);
