// Searches the offline search page of an unzipped bundle in headless Chromium, as a reader
// would: type a word, read the results, follow the first one. Run by tests/search_browser.rs:
//   node search.mjs '{"pages":["file:///…/ar/search/index.html","http://127.0.0.1:…/prefix/ar/search/index.html"],
//                     "query":"…","expect":"ar/people/women-workers/index.html","screenshot":"/tmp/x.png"}'
// Prints one JSON line per page and exits 1 on any failure. Every request to a host other
// than 127.0.0.1 (or any request at all from file://) is blocked and reported.
import { launch } from "./chromium.mjs";

const cfg = JSON.parse(process.argv[2]);
const browser = await launch();
// Requests still open, named if a wait below times out and the script ends on it.
const open = new Set();
process.on("exit", () => open.size && console.error(`open requests: ${[...open].map((r) => r.url()).join(" ")}`));
let failed = false;
try {
  for (const [i, start] of cfg.pages.entries()) {
    const context = await browser.newContext();
    const foreign = [];
    const errors = [];
    await context.route("**/*", (route) => {
      const u = new URL(route.request().url());
      if (u.protocol === "file:" || u.hostname === "127.0.0.1") return route.continue();
      foreign.push(u.href);
      return route.abort();
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    open.clear();
    const t0 = Date.now();
    page.on("request", (r) => open.add(r));
    page.on("requestfinished", (r) => open.delete(r));
    page.on("requestfailed", (r) => open.delete(r));
    page.on("framenavigated", (f) => f === page.mainFrame() && console.error(`${Date.now() - t0} ms: navigated to ${f.url()}`));
    page.on("load", () => console.error(`${Date.now() - t0} ms: load ${page.url()}`));
    await page.goto(start);
    // Typing: results appear as the reader types.
    await page.fill("#search-q", cfg.query);
    await page.waitForSelector("#search-results li a", { timeout: 5000 });
    const typed = await page.$$eval("#search-results li a", (as) => as.map((a) => a.href));
    const status = await page.textContent("#search-status");
    if (cfg.screenshot) await page.screenshot({ path: cfg.screenshot.replace(".png", `-${i}.png`), fullPage: true });
    // The form (what a reader gets by pressing Enter, or from a shared link): ?q=
    await page.goto(start + "?q=" + encodeURIComponent(cfg.query));
    await page.waitForSelector("#search-results li a", { timeout: 5000 });
    const submitted = await page.$$eval("#search-results li a", (as) => as.map((a) => a.href));
    // Following the first result lands on the page, in Arabic.
    // The page's text, not its "load" event: under load, the driver's interception of
    // requests (the route above) has once held an image the server had already sent, and
    // "load" never came although the page was there.
    await Promise.all([
      page.waitForEvent("framenavigated", (f) => f === page.mainFrame()),
      page.click("#search-results li a >> nth=0"),
    ]);
    await page.waitForLoadState("domcontentloaded");
    const landed = page.url();
    const lang = await page.getAttribute("html", "lang");
    const ok = typed.length > 0 && typed[0].endsWith(cfg.expect) && submitted[0] === typed[0]
      && landed.endsWith(cfg.expect) && lang === cfg.lang && foreign.length === 0 && errors.length === 0;
    if (!ok) failed = true;
    console.log(JSON.stringify({ start, ok, status, typed, submitted, landed, lang, foreign, errors }));
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
