// Accessibility of every page of a built site, in headless Chromium and the Nu Html Checker.
// Run by tests/a11y.rs:
//   node a11y.mjs '{"site":"/…/output/site","base_url":"https://…/","files":["/…/en/index.html",…],
//                   "jobs":4,"keyboard":["/…/fr/work/rights/index.html"],"screenshots":"/tmp/shots"}'
// For every file, opened from file:// in one shared browser, several pages at a time:
//   - axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules at 1280 px: no violation; and
//     again at 320 px the rules that depend on the layout (target size, scrollable regions,
//     contrast);
//   - reflow: no horizontal scrolling at 320 CSS px wide, nor at 640 px with text at 200 %
//     (what a 1280 px window zoomed to 200 % shows, with larger text);
//   - target size: every link and button in the header, the navigation and the footer is at
//     least 24 × 24 CSS px, unless it is a link inside a sentence;
//   - no request leaves the page's own files (no web fonts, no scripts from elsewhere);
//     "base_url" (the campaign's address, which 404.html uses) is answered from "site".
// Each "keyboard" page is tabbed through: the skip link comes first and moves focus to <main>,
// every focused element shows a focus indicator.
// Meanwhile the Nu Html Checker (vnu.jar, Java) validates all the files in one run: no error.
// Prints one JSON line per problem, then a summary line {"summary":…}; exits 1 on any problem.
// With "screenshots": a folder, it also writes what a reviewer looks at (see shots()).
import { launch } from "./chromium.mjs";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { readFileSync, mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const cfg = JSON.parse(process.argv[2]);
const files = cfg.files;
const jobs = cfg.jobs || 4;
const TAGS = cfg.tags || ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const started = Date.now();
const problems = [];
const report = (p) => {
  problems.push(p);
  console.log(JSON.stringify(p));
};

// The root language chooser sends a visitor on to their browser's language; `#choose` keeps
// it on the chooser (what the footer's "choose your language" link does).
const chooser = cfg.site ? path.join(cfg.site, "index.html") : null;
const urlOf = (f) => pathToFileURL(f).href + (f === chooser ? "#choose" : "");

// --- Nu Html Checker, in parallel with the browser -------------------------------------
function vnu() {
  return new Promise((resolve) => {
    const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
    const java = process.env.JAVA || "java";
    const child = spawn(java, ["-Xss4m", "-jar", jar, "--errors-only", "--format", "json", ...files],
      { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (e) => resolve({ error: `could not run ${java}: ${e.message}` }));
    child.on("close", (code) => {
      try {
        const json = JSON.parse(out.slice(out.indexOf("{")));
        resolve({ code, messages: json.messages || [] });
      } catch (e) {
        resolve({ error: `vnu exited ${code} with unreadable output: ${out.slice(0, 2000)}` });
      }
    });
  });
}

// --- In the page ----------------------------------------------------------------------
async function noHorizontalScroll(page, width) {
  return page.evaluate((width) => {
    const w = document.documentElement.scrollWidth;
    if (w <= width) return null;
    // The widest elements, to say what overflows.
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 1 || e.getBoundingClientRect().left < -1)
      .slice(0, 5)
      .map((e) => e.outerHTML.slice(0, 160));
    return { scrollWidth: w, wide };
  }, width);
}

async function smallTargets(page) {
  return page.evaluate(() => {
    const small = [];
    for (const el of document.querySelectorAll(
      "header a, header button, nav a, nav button, footer a, footer button, .skip-link")) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      // The skip link is off screen until focused: measure it focused.
      if (el.classList.contains("skip-link")) el.focus();
      const r = el.getBoundingClientRect();
      if (el.classList.contains("skip-link")) el.blur();
      if (r.width >= 24 && r.height >= 24) continue;
      // WCAG 2.5.8's inline exception: a link in a sentence, sized by the line of text.
      const parentText = [...el.parentElement.childNodes]
        .filter((n) => n !== el && n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent.trim()).join("");
      if (style.display === "inline" && parentText.length > 0) continue;
      small.push({ target: el.outerHTML.slice(0, 160), width: Math.round(r.width), height: Math.round(r.height) });
    }
    return small;
  });
}

async function checkFile(context, file) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(urlOf(file), { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const axe = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
      }));
    }, TAGS);
    for (const v of axe) report({ file, check: "axe", ...v });

    await page.setViewportSize({ width: 320, height: 640 });
    // The rules whose outcome depends on the layout, again on a small screen.
    const small320 = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: "rule",
        values: ["target-size", "scrollable-region-focusable", "color-contrast"] }, resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })) }));
    });
    for (const v of small320) report({ file, check: "axe-320px", ...v });
    const at320 = await noHorizontalScroll(page, 320);
    if (at320) report({ file, check: "reflow-320px", ...at320 });
    const small = await smallTargets(page);
    if (small.length) report({ file, check: "target-size", targets: small });

    await page.setViewportSize({ width: 640, height: 800 });
    await page.addStyleTag({ content: "html{font-size:200% !important}" });
    const text200 = await noHorizontalScroll(page, 640);
    if (text200) report({ file, check: "reflow-200%-text", ...text200 });

    if (errors.length) report({ file, check: "script-errors", errors });
  } catch (e) {
    report({ file, check: "load", error: String(e) });
  } finally {
    await page.close();
  }
}

// --- Keyboard ----------------------------------------------------------------------------
// Tabs through a page: the skip link comes first and moves focus to <main>; every element
// that takes focus shows a visible indicator (an outline or a ring) and is not hidden.
async function keyboard(context, file) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(urlOf(file));
  const order = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
      return { tag: e.tagName.toLowerCase(), cls: e.className, text: (e.textContent || "").trim().slice(0, 50),
        ring, visible: r.width > 0 && r.height > 0 && s.visibility !== "hidden" };
    });
    if (!info || (order.length && info.text === order[0].text && info.cls === order[0].cls)) break;
    order.push(info);
  }
  for (const f of order.filter((o) => !o.ring || !o.visible)) report({ file, check: "keyboard-focus", ...f });
  if (!order.length || order[0].cls !== "skip-link") report({ file, check: "keyboard-skip-link-first", first: order[0] });
  await page.goto(urlOf(file));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const after = await page.evaluate(() => document.activeElement && document.activeElement.id);
  if (after !== "main") report({ file, check: "keyboard-skip-link", focused: after });
  await page.close();
  return order.length;
}

// --- Screenshots for a reviewer ---------------------------------------------------------
// A full page in screen-sized pieces (an image viewer shrinks a 5000 px tall one to a blur).
async function pieces(page, file) {
  const { width } = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = Math.round(width * 1.6);
  for (let y = 0, i = 1; y < height; y += step, i++) {
    await page.screenshot({ path: file.replace(".png", `-${i}.png`), fullPage: true,
      clip: { x: 0, y, width, height: Math.min(step, height - y) } });
  }
}

async function shots(browser, dir) {
  mkdirSync(dir, { recursive: true });
  const pick = (re) => files.find((f) => re.test(f));
  const pages = [
    ["ar", pick(/\/ar\/work\/rights\/index\.html$/) || pick(/\/ar\//)],
    ["fr", pick(/\/fr\/work\/rights\/index\.html$/) || pick(/\/fr\//)],
  ];
  for (const [name, file] of pages) {
    if (!file) continue;
    // 360 px: a small phone.
    let ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    let page = await ctx.newPage();
    await page.goto(urlOf(file));
    await pieces(page, path.join(dir, `${name}-360.png`));
    await ctx.close();
    // 200 % zoom of a 1280 px window: 640 CSS px at two device pixels per CSS pixel.
    ctx = await browser.newContext({ viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
    page = await ctx.newPage();
    await page.goto(urlOf(file));
    await pieces(page, path.join(dir, `${name}-zoom200.png`));
    // Text at 200 %, at 360 px.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.addStyleTag({ content: "html{font-size:200% !important}" });
    await pieces(page, path.join(dir, `${name}-360-text200.png`));
    await ctx.close();
  }
  // Keyboard: tab through the French page and photograph each focused element.
  const file = pages[1][1];
  if (file) {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await ctx.newPage();
    await page.goto(urlOf(file));
    const order = [];
    for (let i = 1; i <= 40; i++) {
      await page.keyboard.press("Tab");
      const info = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        e.scrollIntoView({ block: "center" });
        const s = getComputedStyle(e);
        return { tag: e.tagName.toLowerCase(), text: (e.textContent || "").trim().slice(0, 60),
          outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow };
      });
      if (!info) break;
      order.push(info);
      {
        const el = await page.evaluateHandle(() => document.activeElement);
        const box = await el.asElement().boundingBox();
        if (box) {
          await page.screenshot({ path: path.join(dir, `tab-${String(i).padStart(2, "0")}.png`),
            clip: { x: Math.max(0, box.x - 40), y: Math.max(0, box.y - 30), width: Math.min(1024, box.width + 80), height: box.height + 60 } });
        }
      }
    }
    // Enter on the skip link moves focus to <main>.
    await page.goto(urlOf(file));
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const afterSkip = await page.evaluate(() => document.activeElement && document.activeElement.id);
    console.log(JSON.stringify({ keyboard: order, afterSkip }));
    await ctx.close();
  }
}

// --- Run --------------------------------------------------------------------------------
const checker = vnu();
const browser = await launch();
const foreign = new Set();
let tabStops = 0;
try {
  const context = await browser.newContext();
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith("file:")) return route.continue();
    // 404.html names its stylesheet by the campaign's address (it is served at any path):
    // answer those from the built site, as the campaign's host would.
    if (cfg.base_url && cfg.site && u.startsWith(cfg.base_url)) {
      const rel = decodeURIComponent(u.slice(cfg.base_url.length).split(/[?#]/)[0]);
      return route.fulfill({ path: path.join(cfg.site, rel || "index.html") });
    }
    foreign.add(u);
    return route.abort();
  });
  let next = 0;
  await Promise.all(Array.from({ length: jobs }, async () => {
    while (next < files.length) await checkFile(context, files[next++]);
  }));
  for (const f of cfg.keyboard || []) tabStops += await keyboard(context, f);
  await context.close();
  if (cfg.screenshots) await shots(browser, cfg.screenshots);
} finally {
  await browser.close();
}
for (const u of foreign) report({ check: "foreign-request", url: u });

const v = await checker;
if (v.error) report({ check: "vnu", error: v.error });
else {
  for (const m of v.messages) {
    if (m.type !== "error" && !(m.type === "non-document-error")) continue;
    report({ check: "vnu", file: m.url ? decodeURIComponent(new URL(m.url).pathname) : undefined,
      line: m.lastLine, column: m.firstColumn, message: m.message, extract: m.extract });
  }
  if (v.code !== 0 && !problems.some((p) => p.check === "vnu")) report({ check: "vnu", error: `exit ${v.code}` });
}
console.log(JSON.stringify({ summary: { pages: files.length, tab_stops: tabStops, problems: problems.length,
  seconds: Math.round((Date.now() - started) / 100) / 10 } }));
process.exit(problems.length ? 1 : 0);
