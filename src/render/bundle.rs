//! Hostable bundles: `bundles/<campaign>-<locale>.zip` per locale and `<campaign>-all.zip`,
//! each a complete website on its own, built from the site folder after it was rendered.
//!
//! A bundle holds one folder named like the zip, with:
//! - the pages of its locales (`<locale>/…`, the search page and index included);
//! - the theme's static files, and only the shared assets (`assets/…`) its pages use;
//! - `index.html`, the language chooser, rendered again with only the bundle's locales;
//! - `HOSTING.html`, how to upload, check and credit it, in the bundle's language(s);
//! - `MANIFEST.sha256`, the SHA-256 of every other file (`sha256sum -c MANIFEST.sha256`).
//!
//! `404.html` and `sitemap.xml` stay out: both name the campaign's canonical address, which a
//! copy on another host is not.
//!
//! Links to a locale the bundle does not hold (the language switcher, "this page in other
//! languages", `hreflang` alternates) point to the campaign's canonical site when
//! `base_url` is set, and are removed otherwise, so nothing in a bundle is broken.
//!
//! Zips are reproducible: entries sorted by path, every timestamp 1980-01-01 00:00, mode
//! 0644, the same compression: the same input gives byte-identical zips.

use super::context::{endonym, LocaleLink};
use super::site::write_file;
use super::templates::{escape, render_error};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::paths;
use lol_html::{element, HtmlRewriter, Settings};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use tera::{Context, Tera};

/// One zip written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleInfo {
    /// `safe-migration-ar.zip`.
    pub name: String,
    /// The locales it holds.
    pub locales: Vec<String>,
    pub files: usize,
    pub bytes: u64,
}

#[derive(Debug, Default, Clone)]
pub struct BundleStats {
    pub bundles: Vec<BundleInfo>,
}

/// The file name stem of a campaign's bundles.
pub fn slug(site: &Site) -> String {
    let s = site.config.slug();
    if s.is_empty() {
        "campaign".into()
    } else {
        s
    }
}

fn io_diag(what: &str, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error("io-error", format!("Herald could not {what}: {e}"))
        .help("Check that the output folder is writable and the disk is not full.")
}

/// Every file of the site folder, `/`-separated and relative to it, sorted.
fn site_files(site_dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(site_dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| crate::load::rel_path(site_dir, e.path()))
        .collect()
}

fn has_scheme(v: &str) -> bool {
    let Some(i) = v.find(':') else { return false };
    let s = &v[..i];
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves a URL found in a file in `dir` (site-relative, ending with `/` or empty) to the
/// site-relative file it names, with what followed the path (`?…`, `#…`). `None` for
/// URLs that leave the site: another scheme or host, or above the root.
pub fn resolve(dir: &str, url: &str) -> Option<(String, String)> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") || has_scheme(url) {
        return None;
    }
    let cut = url.find(['?', '#']).unwrap_or(url.len());
    let (path, suffix) = url.split_at(cut);
    let mut parts: Vec<String> = if path.starts_with('/') {
        // Root-relative: Herald never writes these; they only work at a host's root.
        Vec::new()
    } else {
        dir.split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    for seg in percent_decode(path).split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s.to_string()),
        }
    }
    let mut p = parts.join("/");
    if path.is_empty() || path.ends_with('/') || path.ends_with("/.") || path == "." {
        if !p.is_empty() {
            p.push('/');
        }
        p.push_str("index.html");
    }
    Some((p, suffix.to_string()))
}

fn dir_of(rel: &str) -> &str {
    match rel.rfind('/') {
        Some(i) => &rel[..=i],
        None => "",
    }
}

/// What a bundle does with the references of its HTML.
struct Scope<'a> {
    /// Files of the site folder.
    site: &'a BTreeSet<String>,
    /// Tags of the locales the bundle holds.
    locales: &'a [String],
    /// Tags of every locale of the campaign.
    all_locales: &'a [String],
    base_url: Option<String>,
}

impl Scope<'_> {
    /// A file of a locale this bundle does not hold.
    fn foreign(&self, path: &str) -> bool {
        let first = path.split('/').next().unwrap_or_default();
        self.all_locales.iter().any(|l| l == first) && !self.locales.iter().any(|l| l == first)
    }

    /// The canonical URL of a foreign page.
    fn canonical(&self, path: &str, suffix: &str) -> Option<String> {
        let base = self.base_url.as_ref()?;
        let path = path.strip_suffix("index.html").unwrap_or(path);
        Some(format!("{base}{}{suffix}", paths::encode_path(path)))
    }
}

/// Rewrites one HTML file of a bundle and lists the site files it uses.
fn process_html(rel: &str, html: &str, scope: &Scope) -> (String, BTreeSet<String>) {
    let dir = dir_of(rel);
    let used = RefCell::new(BTreeSet::new());
    let mut out = Vec::with_capacity(html.len());
    {
        let handle = |el: &mut lol_html::html_content::Element, attr: &str| {
            let Some(v) = el.get_attribute(attr) else {
                return;
            };
            let targets: Vec<String> = if attr == "srcset" {
                v.split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_string)
                    .collect()
            } else {
                vec![v.clone()]
            };
            for t in targets {
                let Some((path, suffix)) = resolve(dir, &t) else {
                    continue;
                };
                if scope.foreign(&path) {
                    match scope.canonical(&path, &suffix) {
                        Some(abs) if attr == "href" => el.set_attribute(attr, &abs).unwrap_or(()),
                        _ => {
                            el.remove();
                            return;
                        }
                    }
                } else if scope.site.contains(&path) {
                    used.borrow_mut().insert(path);
                }
            }
        };
        let settings = Settings::new()
            .append_element_content_handler(element!("[href]", |el| {
                handle(el, "href");
                Ok(())
            }))
            .append_element_content_handler(element!("[src]", |el| {
                handle(el, "src");
                Ok(())
            }))
            .append_element_content_handler(element!("[srcset]", |el| {
                handle(el, "srcset");
                Ok(())
            }))
            .append_element_content_handler(element!("[poster]", |el| {
                handle(el, "poster");
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |c: &[u8]| out.extend_from_slice(c));
        let failed = rewriter.write(html.as_bytes()).is_err() || rewriter.end().is_err();
        if failed {
            out = html.as_bytes().to_vec();
        }
    }
    let text = String::from_utf8(out).unwrap_or_else(|_| html.to_string());
    // A removed switcher entry leaves an empty list item behind.
    (text.replace("<li></li>", ""), used.into_inner())
}

/// The language chooser of a bundle: the theme's `root.html` with only its locales.
fn root_page(site: &Site, tera: &Tera, locales: &[usize]) -> Result<String, Diagnostic> {
    let langs: Vec<LocaleLink> = locales
        .iter()
        .map(|&o| LocaleLink {
            lang: site.locales[o].tag.clone(),
            dir: site.locales[o].dir(),
            name: endonym(site, o),
            url: format!("{}/index.html", paths::encode_path(&site.locales[o].tag)),
            current: false,
        })
        .collect();
    let titles: Vec<String> = locales.iter().map(|&o| site.title(o)).collect();
    let first = locales[0];
    let mut ctx = Context::new();
    ctx.insert("languages", &langs);
    ctx.insert("titles", &titles);
    ctx.insert("lang", &site.locales[first].tag);
    ctx.insert("dir", site.locales[first].dir());
    ctx.insert("site_title", &site.title(first));
    ctx.insert("css_url", "style.css");
    ctx.insert("root", "");
    ctx.insert("canonical", &site.config.base_url());
    ctx.insert("offline", &site.config.offline);
    tera.render("root.html", &ctx)
        .map_err(|e| render_error(site, &e, "root.html", "index.html (bundle)"))
}

fn hosting_section(site: &Site, l: usize, languages: &str, pages: usize) -> String {
    let m = |id: &str| escape(&site.message(l, id, None));
    let info = &site.locales[l];
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("campaign", site.title(l));
    let title = escape(&site.message(l, "hosting-title", Some(&args)));
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("languages", languages.to_string());
    args.set("pages", pages);
    let intro = escape(&site.message(l, "hosting-intro", Some(&args)));
    let mut h = format!(
        "<section lang=\"{}\" dir=\"{}\">\n<h1>{title}</h1>\n<p>{intro}</p>\n<p><a href=\"index.html\">{}</a></p>\n",
        escape(&info.tag),
        info.dir(),
        m("hosting-open-site")
    );
    h.push_str(&format!(
        "<h2>{}</h2>\n<ol>\n<li>{}</li>\n<li>{}</li>\n<li>{}</li>\n</ol>\n",
        m("hosting-upload-heading"),
        m("hosting-upload-unzip"),
        m("hosting-upload-copy"),
        m("hosting-upload-open")
    ));
    h.push_str(&format!(
        "<h2>{}</h2>\n<p>{}</p>\n",
        m("hosting-offline-heading"),
        m("hosting-offline-body")
    ));
    if site.config.offline {
        h.push_str(&format!("<p>{}</p>\n", m("hosting-service-worker")));
    }
    h.push_str(&format!(
        "<h2>{}</h2>\n<p>{}</p>\n<pre dir=\"ltr\"><code>sha256sum -c MANIFEST.sha256</code></pre>\n<p>{}</p>\n<pre dir=\"ltr\"><code>Get-FileHash -Algorithm SHA256 index.html</code></pre>\n<p>{}</p>\n",
        m("hosting-check-heading"),
        m("hosting-check-body"),
        m("hosting-check-windows"),
        m("hosting-update")
    ));
    if let Some(email) = &site.config.contact {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("email", email.clone());
        let text = escape(&super::context::strip_isolation(&site.message(
            l,
            "hosting-contact",
            Some(&args),
        )));
        let e = escape(email);
        let linked = text.replacen(&e, &format!("<a href=\"mailto:{e}\">{e}</a>"), 1);
        h.push_str(&format!(
            "<h2>{}</h2>\n<p>{linked}</p>\n",
            m("hosting-contact-heading")
        ));
    }
    if site.has_message(l, "campaign-licence") {
        h.push_str(&format!(
            "<h2>{}</h2>\n<p>{}</p>\n",
            m("hosting-licence-heading"),
            m("campaign-licence")
        ));
    }
    h.push_str(&format!(
        "<h2>{}</h2>\n<p>{}</p>\n<ul class=\"partner-list\">\n",
        m("hosting-credits-heading"),
        m("hosting-credits-intro")
    ));
    for p in &site.partners {
        let v = super::context::partner_view(site, l, p, "");
        h.push_str("<li class=\"partner\">");
        if let Some(logo) = &v.logo {
            h.push_str(&format!(
                "<img src=\"{}\" alt=\"{}\" width=\"40\" height=\"40\" loading=\"lazy\">",
                escape(logo),
                escape(&v.logo_alt)
            ));
        }
        let name = escape(&v.name);
        match &v.url {
            Some(u) => h.push_str(&format!("<a href=\"{}\">{name}</a>", escape(u))),
            None => h.push_str(&name),
        }
        h.push_str(&format!(" · {}</li>\n", escape(&v.kind_label)));
    }
    h.push_str("</ul>\n</section>\n");
    h
}

/// `HOSTING.html`: the hosting guide, in each of the bundle's locales (the first one first).
fn hosting_page(site: &Site, locales: &[usize], pages: usize) -> String {
    let first = locales[0];
    let languages: Vec<String> = locales.iter().map(|&l| endonym(site, l)).collect();
    let languages = languages.join(", ");
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("campaign", site.title(first));
    let title = super::context::strip_isolation(&site.message(first, "hosting-title", Some(&args)));
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n<style>pre{{overflow-x:auto;padding:.5rem .75rem;background:#f2f2f2;border-radius:.25rem}}section+section{{border-block-start:2px solid #ccc;margin-block-start:2rem}}</style>\n</head>\n<body>\n<main id=\"main\" class=\"wrap\">\n",
        escape(&site.locales[first].tag),
        site.locales[first].dir(),
        escape(&title)
    );
    for &l in locales {
        h.push_str(&hosting_section(site, l, &languages, pages));
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// The service worker for offline mode: caches a locale's files (given per locale,
/// relative to the worker's folder) when a page of that locale asks for it, then serves
/// from the cache first and refreshes it from the network. The cache name changes with
/// the content, so a new build replaces the old cache.
pub fn service_worker(files: &BTreeMap<String, Vec<String>>, version: &str) -> String {
    let pages = serde_json::to_string(files).unwrap_or_default();
    format!(
        r#"/* Herald offline mode: written by herald build. */
"use strict";
var CACHE = "herald-{version}";
var FILES = {pages};
self.addEventListener("install", function () {{ self.skipWaiting(); }});
self.addEventListener("activate", function (e) {{
  e.waitUntil(caches.keys().then(function (keys) {{
    return Promise.all(keys.filter(function (k) {{ return k.indexOf("herald-") === 0 && k !== CACHE; }})
      .map(function (k) {{ return caches.delete(k); }}));
  }}).then(function () {{ return self.clients.claim(); }}));
}});
self.addEventListener("message", function (e) {{
  var list = e.data && FILES[e.data.cacheLocale];
  if (!list) return;
  var urls = list.map(function (f) {{ return new URL(f, self.registration.scope).href; }});
  var reply = function (m) {{ if (e.source) e.source.postMessage(m); }};
  e.waitUntil(caches.open(CACHE).then(function (c) {{ return c.addAll(urls); }})
    .then(function () {{ reply({{ herald: "cached", files: urls.length }}); }},
      function (err) {{ reply({{ herald: "not-cached", error: String(err) }}); }}));
}});
self.addEventListener("fetch", function (e) {{
  var req = e.request;
  if (req.method !== "GET" || req.url.indexOf(self.registration.scope) !== 0) return;
  e.respondWith(caches.open(CACHE).then(function (c) {{
    return c.match(req, {{ ignoreSearch: true }}).then(function (hit) {{
      var net = fetch(req).then(function (res) {{
        if (res.ok) c.put(req, res.clone());
        return res;
      }});
      if (hit) {{ e.waitUntil(net.catch(function () {{}})); return hit; }}
      return net;
    }});
  }}));
}});
"#
    )
}

/// The files a locale needs offline: its own, the shared files its pages use, the chooser.
fn offline_files(
    tag: &str,
    files: &BTreeMap<String, Vec<u8>>,
    used: &BTreeSet<String>,
) -> Vec<String> {
    let prefix = format!("{tag}/");
    let mut v: BTreeSet<String> = files
        .keys()
        .filter(|f| f.starts_with(&prefix))
        .cloned()
        .collect();
    v.extend(
        used.iter()
            .filter(|f| !f.ends_with(".html") || f.as_str() == "index.html")
            .cloned(),
    );
    v.insert("index.html".into());
    v.into_iter()
        .filter(|f| files.contains_key(f))
        .map(|f| paths::encode_path(&f))
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Already-compressed formats are stored: deflating them again costs time and saves nothing.
fn stored(path: &str) -> bool {
    let ext = path
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "webp"
            | "avif"
            | "zip"
            | "gz"
            | "pdf"
            | "woff"
            | "woff2"
            | "mp3"
            | "mp4"
    )
}

/// Writes one zip: every entry under `folder/`, sorted, with fixed metadata.
fn write_zip(
    path: &Path,
    folder: &str,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<u64, Diagnostic> {
    use zip::write::SimpleFileOptions;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let base = SimpleFileOptions::default()
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        for (name, bytes) in files {
            let opts = if stored(name) {
                base.compression_method(zip::CompressionMethod::Stored)
            } else {
                base.compression_method(zip::CompressionMethod::Deflated)
                    .compression_level(Some(6))
            };
            zip.start_file(format!("{folder}/{name}"), opts)
                .and_then(|_| zip.write_all(bytes).map_err(Into::into))
                .map_err(|e| io_diag(&format!("add {name} to {}", path.display()), e))?;
        }
        zip.finish()
            .map_err(|e| io_diag(&format!("finish {}", path.display()), e))?;
    }
    let bytes = buf.into_inner();
    write_file(path, &bytes)?;
    Ok(bytes.len() as u64)
}

/// What every bundle reads from the site folder, once.
struct Input {
    /// Files of the site folder.
    files: BTreeSet<String>,
    /// Theme static files (relative to the site root, as copied there).
    theme_static: Vec<String>,
}

fn theme_static(site: &Site) -> Vec<String> {
    let dir = site.theme_dir.join("static");
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut ignored = Vec::new();
    let mut v: Vec<String> = crate::load::walk_files(&dir, &site.root, &mut ignored)
        .iter()
        .map(|f| crate::load::rel_path(&dir, f))
        .collect();
    v.sort();
    v
}

/// Assembles the files of one bundle in memory (path inside the bundle folder → bytes).
fn assemble(
    site: &Site,
    tera: &Tera,
    site_dir: &Path,
    input: &Input,
    locales: &[usize],
) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let tags: Vec<String> = locales
        .iter()
        .map(|&l| site.locales[l].tag.clone())
        .collect();
    let all_tags: Vec<String> = site.locales.iter().map(|l| l.tag.clone()).collect();
    let scope = Scope {
        site: &input.files,
        locales: &tags,
        all_locales: &all_tags,
        base_url: site.config.base_url(),
    };
    let read = |rel: &str| {
        std::fs::read(site_dir.join(rel)).map_err(|e| io_diag(&format!("read {rel}"), e))
    };
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut add_html = |rel: &str, html: &str, out: &mut BTreeMap<String, Vec<u8>>| {
        let (text, u) = process_html(rel, html, &scope);
        used.extend(u);
        out.insert(rel.to_string(), text.into_bytes());
    };
    let mut pages = 0;
    for tag in &tags {
        let prefix = format!("{tag}/");
        for rel in input.files.iter().filter(|f| f.starts_with(&prefix)) {
            let bytes = read(rel)?;
            if rel.ends_with(".html") {
                pages += 1;
                add_html(rel, &String::from_utf8_lossy(&bytes), &mut out);
            } else {
                out.insert(rel.clone(), bytes);
            }
        }
    }
    let root = root_page(site, tera, locales)?;
    add_html("index.html", &root, &mut out);
    let hosting = hosting_page(site, locales, pages);
    add_html("HOSTING.html", &hosting, &mut out);
    for rel in &input.theme_static {
        if input.files.contains(rel) {
            out.insert(rel.clone(), read(rel)?);
        }
    }
    for rel in &used {
        if !out.contains_key(rel) && rel != "sw.js" {
            out.insert(rel.clone(), read(rel)?);
        }
    }
    if site.config.offline {
        let per_locale: BTreeMap<String, Vec<String>> = tags
            .iter()
            .map(|t| (t.clone(), offline_files(t, &out, &used)))
            .collect();
        let version = content_version(&out);
        out.insert(
            "sw.js".into(),
            service_worker(&per_locale, &version).into_bytes(),
        );
    }
    Ok(out)
}

fn content_version(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut h = blake3::Hasher::new();
    for (k, v) in files {
        h.update(k.as_bytes());
        h.update(&[0]);
        h.update(&(v.len() as u64).to_le_bytes());
        h.update(v);
    }
    h.finalize().to_hex()[..12].to_string()
}

fn manifest(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut m = String::new();
    for (name, bytes) in files {
        m.push_str(&sha256_hex(bytes));
        m.push_str("  ");
        m.push_str(name);
        m.push('\n');
    }
    m
}

/// Writes the site's service worker (offline mode) into the site folder. Runs before the
/// bundles, which write their own for the locales they hold.
fn write_site_worker(
    site: &Site,
    site_dir: &Path,
    files: &BTreeSet<String>,
) -> Result<(), Diagnostic> {
    if !site.config.offline {
        return Ok(());
    }
    let mut contents = BTreeMap::new();
    for f in files {
        if f != "404.html" && f != "sitemap.xml" {
            contents.insert(
                f.clone(),
                std::fs::read(site_dir.join(f)).map_err(|e| io_diag(&format!("read {f}"), e))?,
            );
        }
    }
    let mut per_locale = BTreeMap::new();
    for l in &site.locales {
        let prefix = format!("{}/", l.tag);
        let mut used = BTreeSet::new();
        for (f, bytes) in contents
            .iter()
            .filter(|(f, _)| f.ends_with(".html") && f.starts_with(&prefix))
        {
            let scope = Scope {
                site: files,
                locales: &[],
                all_locales: &[],
                base_url: None,
            };
            used.extend(process_html(f, &String::from_utf8_lossy(bytes), &scope).1);
        }
        per_locale.insert(l.tag.clone(), offline_files(&l.tag, &contents, &used));
    }
    let sw = service_worker(&per_locale, &content_version(&contents));
    write_file(&site_dir.join("sw.js"), sw.as_bytes())
}

/// Writes every bundle into `out` (`output/bundles/`) from the rendered site folder.
pub fn render(
    site: &Site,
    tera: &Tera,
    site_dir: &Path,
    out: &Path,
) -> (BundleStats, Vec<Diagnostic>) {
    let mut files = site_files(site_dir);
    if let Err(d) = write_site_worker(site, site_dir, &files) {
        return (BundleStats::default(), vec![d]);
    }
    if site.config.offline {
        files.insert("sw.js".into());
    }
    let input = Input {
        files,
        theme_static: theme_static(site),
    };
    let slug = slug(site);
    let mut sets: Vec<(String, Vec<usize>)> = (0..site.locales.len())
        .map(|l| (site.locales[l].tag.clone(), vec![l]))
        .collect();
    sets.push(("all".into(), (0..site.locales.len()).collect()));
    let results: Vec<Result<BundleInfo, Diagnostic>> = sets
        .par_iter()
        .map(|(suffix, locales)| {
            let folder = format!("{slug}-{suffix}");
            let mut files = assemble(site, tera, site_dir, &input, locales)?;
            let m = manifest(&files);
            files.insert("MANIFEST.sha256".into(), m.into_bytes());
            let name = format!("{folder}.zip");
            let bytes = write_zip(&out.join(&name), &folder, &files)?;
            Ok(BundleInfo {
                name,
                locales: locales
                    .iter()
                    .map(|&l| site.locales[l].tag.clone())
                    .collect(),
                files: files.len(),
                bytes,
            })
        })
        .collect();
    let mut stats = BundleStats::default();
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(b) => stats.bundles.push(b),
            Err(d) => diags.push(d),
        }
    }
    (stats, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_urls() {
        assert_eq!(
            resolve("ar/work/rights/", "../job/index.html#pay"),
            Some(("ar/work/job/index.html".into(), "#pay".into()))
        );
        assert_eq!(
            resolve("ar/", "../assets/a%20b.png"),
            Some(("assets/a b.png".into(), String::new()))
        );
        assert_eq!(
            resolve("ar/", "./"),
            Some(("ar/index.html".into(), String::new()))
        );
        assert_eq!(
            resolve("", "index.html?q=x"),
            Some(("index.html".into(), "?q=x".into()))
        );
        assert_eq!(resolve("ar/", "https://example.org/"), None);
        assert_eq!(resolve("ar/", "mailto:a@b"), None);
        assert_eq!(resolve("ar/", "#main"), None);
        assert_eq!(resolve("ar/", "../../x"), None);
    }

    #[test]
    fn foreign_links_go_to_the_canonical_site_or_away() {
        let files: BTreeSet<String> = ["ar/index.html", "fr/index.html", "assets/a.svg"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (ar, all) = (
            vec!["ar".to_string()],
            vec!["ar".to_string(), "fr".to_string()],
        );
        let html = r#"<ul><li><a href="../fr/index.html" hreflang="fr">Français</a></li><li><a href="index.html">ع</a></li></ul><link rel="alternate" hreflang="fr" href="../fr/index.html"><img src="../assets/a.svg">"#;
        let online = Scope {
            site: &files,
            locales: &ar,
            all_locales: &all,
            base_url: Some("https://example.org/c/".into()),
        };
        let (out, used) = process_html("ar/index.html", html, &online);
        assert!(
            out.contains(r#"<a href="https://example.org/c/fr/" hreflang="fr">"#),
            "{out}"
        );
        assert!(used.contains("assets/a.svg"));
        let offline = Scope {
            base_url: None,
            ..online
        };
        let (out, _) = process_html("ar/index.html", html, &offline);
        assert!(!out.contains("fr/"), "{out}");
        assert!(!out.contains("<li></li>"), "{out}");
        assert!(out.contains(r#"<a href="index.html">"#));
    }

    #[test]
    fn sha256_is_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
