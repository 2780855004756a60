// Offline mode in headless Chromium: visit one page of a bundle served over http, then go
// offline and open another page of the same locale. Run by tests/search_browser.rs:
//   node offline.mjs '{"visit":"http://127.0.0.1:…/prefix/ar/work/contract/index.html",
//                      "offline":"http://127.0.0.1:…/prefix/ar/work/pay/index.html"}'
// Prints the cached paths and the page read offline as JSON; exits 1 on failure.
import { chromium } from "playwright-core";

const cfg = JSON.parse(process.argv[2]);
// A browser that stops answering (seen once: a worker that never became ready, then a
// navigation offline that never ended) fails the test instead of holding CI for an hour.
setTimeout(() => {
  console.error("offline.mjs: no result within 180 s");
  process.exit(1);
}, 180000).unref();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});
let ok = false;
try {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  // What the worker says back after caching (or failing to), for the log.
  await page.addInitScript(() => {
    navigator.serviceWorker?.addEventListener("message", (m) => console.log(`worker: ${JSON.stringify(m.data)}`));
  });
  const t0 = Date.now();
  const log = (m) => console.error(`${Date.now() - t0} ms: ${m}`);
  page.on("console", (m) => log(`console: ${m.text()}`));
  page.on("requestfailed", (r) => log(`failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(cfg.visit);
  log("loaded");
  // A worker that cannot register never becomes ready: give up rather than hang.
  const ready = await page.evaluate(() => Promise.race([
    navigator.serviceWorker.ready.then(() => true),
    new Promise((r) => setTimeout(() => r(false), 30000)),
  ]));
  log(`worker ready: ${ready}`);
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
  ok = cached.length > 0 && lang === "ar" && !!title;
  console.log(JSON.stringify({ ok, cached, title, lang }));
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);
