//! Hostable bundles, as a host would use them: unzip each one into a fresh folder, verify
//! its manifest with `sha256sum -c`, serve it under `/some/deep/prefix/` and fetch every page
//! and every URL it uses, look for requests to other hosts, and build twice to compare bytes.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const PREFIX: &str = "/some/deep/prefix/";
const BASE_URL: &str = "https://example.org/safe-migration/";

fn example() -> &'static Campaign {
    static C: OnceLock<Campaign> = OnceLock::new();
    C.get_or_init(|| {
        let c = Campaign::example();
        let out = c.herald(&["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
        c
    })
}

/// A small campaign in offline mode, without `base_url`, with raster images made here.
fn offline() -> &'static Campaign {
    static C: OnceLock<Campaign> = OnceLock::new();
    C.get_or_init(|| {
        let c = Campaign::fixture("bundle-offline");
        let assets = c.root().join("content/assets");
        image::RgbImage::from_fn(1200, 800, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        })
        .save(assets.join("photo.jpg"))
        .unwrap();
        image::RgbaImage::from_fn(600, 300, |x, _| {
            image::Rgba([20, (x % 256) as u8, 200, 255])
        })
        .save(assets.join("chart.png"))
        .unwrap();
        let out = c.herald(&["build", "--allow-incomplete"]);
        assert!(out.status.success(), "{}", stderr(&out));
        c
    })
}

fn zips(c: &Campaign) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(c.root().join("output/bundles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// Unzips a bundle into a fresh folder; returns it and the bundle's own folder inside.
fn unzip(zip: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    let stem = zip.file_stem().unwrap().to_str().unwrap().to_string();
    for i in 0..a.len() {
        let name = a.by_index(i).unwrap().name().unwrap().to_string();
        assert!(
            name.starts_with(&format!("{stem}/")),
            "{name} is not inside the bundle's folder {stem}/"
        );
    }
    a.extract(dir.path()).unwrap();
    let inner = dir.path().join(&stem);
    (dir, inner)
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Serves `dir` under [`PREFIX`] on 127.0.0.1 until dropped.
struct Server {
    server: std::sync::Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    port: u16,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let s = server.clone();
        let dir = dir.to_path_buf();
        let thread = std::thread::spawn(move || {
            for req in s.incoming_requests() {
                let url = req.url().split(['?', '#']).next().unwrap().to_string();
                let body = url
                    .strip_prefix(PREFIX)
                    .map(|rel| {
                        let rel = percent_decode(rel);
                        let mut p = dir.join(rel.trim_start_matches('/'));
                        if rel.is_empty() || rel.ends_with('/') {
                            p = p.join("index.html");
                        }
                        p
                    })
                    .filter(|p| !p.components().any(|c| c == std::path::Component::ParentDir))
                    .and_then(|p| fs::read(p).ok());
                let _ = match body {
                    Some(b) => req.respond(tiny_http::Response::from_data(b)),
                    None => req.respond(tiny_http::Response::empty(404)),
                };
            }
        });
        Server {
            server,
            thread: Some(thread),
            port,
        }
    }

    fn url(&self, rel: &str) -> url::Url {
        url::Url::parse(&format!("http://127.0.0.1:{}{PREFIX}{rel}", self.port)).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(n) =
                u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16)
            {
                out.push(n);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// GET over plain HTTP/1.0: the status code and body.
fn get(url: &url::Url) -> (u16, Vec<u8>) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", url.port().unwrap())).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(s, "GET {} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", url.path()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&buf[..head_end]);
    let code = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (code, buf[head_end + 4..].to_vec())
}

/// Every URL an HTML page uses, with what kind of use it is.
fn urls_of(html: &str) -> Vec<(String, String, String)> {
    let doc = scraper::Html::parse_document(html);
    let mut out = Vec::new();
    for el in doc
        .select(&scraper::Selector::parse("[href], [src], [srcset], [action], [poster]").unwrap())
    {
        let name = el.value().name().to_string();
        let rel = el.value().attr("rel").unwrap_or_default().to_string();
        let kind = format!(
            "{name}{}",
            if rel.is_empty() {
                String::new()
            } else {
                format!("[rel={rel}]")
            }
        );
        for attr in ["href", "src", "action", "poster"] {
            if let Some(v) = el.value().attr(attr) {
                out.push((kind.clone(), attr.to_string(), v.to_string()));
            }
        }
        if let Some(set) = el.value().attr("srcset") {
            for c in set.split(',') {
                out.push((
                    kind.clone(),
                    "srcset".into(),
                    c.split_whitespace().next().unwrap().to_string(),
                ));
            }
        }
        if let Some(h) = el.value().attr("hreflang") {
            out.last_mut()
                .unwrap()
                .0
                .push_str(&format!("[hreflang={h}]"));
        }
    }
    out
}

fn absolute(v: &str) -> bool {
    v.starts_with("//") || url::Url::parse(v).is_ok()
}

/// The checks every bundle must pass: what a host or a reader on a USB stick relies on.
/// `foreign_ok(kind, url)` says which absolute campaign URLs are allowed.
fn check_bundle(zip: &Path, base_url: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = unzip(zip);
    let name = zip.file_name().unwrap().to_string_lossy().to_string();

    // The manifest lists every other file, and sha256sum verifies it.
    let files = files_in(&dir);
    let manifest = fs::read_to_string(dir.join("MANIFEST.sha256")).unwrap();
    let listed: BTreeSet<String> = manifest.lines().map(|l| l[66..].to_string()).collect();
    let mut expected = files.clone();
    expected.remove("MANIFEST.sha256");
    assert_eq!(
        listed, expected,
        "{name}: MANIFEST.sha256 does not list every file"
    );
    let out = std::process::Command::new("sha256sum")
        .args(["-c", "--strict", "MANIFEST.sha256"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    for f in ["index.html", "HOSTING.html", "style.css", "search.js"] {
        assert!(files.contains(f), "{name} has no {f}");
    }
    for f in ["404.html", "sitemap.xml", ".herald-output"] {
        assert!(!files.contains(f), "{name} should not hold {f}");
    }

    // Served under a deep prefix, every page and every URL it uses resolves.
    let server = Server::start(&dir);
    let mut fetched: BTreeMap<String, u16> = BTreeMap::new();
    let root = server.url("");
    for page in files.iter().filter(|f| f.ends_with(".html")) {
        let page_url = server.url(page);
        let (code, body) = get(&page_url);
        assert_eq!(code, 200, "{name}: {page}");
        let html = String::from_utf8(body).unwrap();
        for (kind, attr, v) in urls_of(&html) {
            if v.starts_with('#') || v.starts_with("mailto:") || v.starts_with("tel:") {
                continue;
            }
            if absolute(&v) {
                // Nothing is ever loaded from another host; links to other sites are
                // only the authors' own (sources, partners) and, for locales the bundle
                // does not hold, the campaign's canonical pages.
                assert!(
                    kind.starts_with("a")
                        || kind.starts_with("link[rel=canonical")
                        || kind.starts_with("link[rel=alternate"),
                    "{name}: {page} loads {v} from another host ({kind} {attr})"
                );
                if let Some(base) = base_url.filter(|b| v.starts_with(b)) {
                    let foreign_locale = kind.contains("[hreflang=");
                    assert!(
                        kind.starts_with("link") || foreign_locale,
                        "{name}: {page} links to the online site for a page the bundle holds: {v} ({kind})"
                    );
                    let _ = base;
                }
                continue;
            }
            let target = page_url.join(&v).unwrap();
            assert!(
                target.as_str().starts_with(root.as_str()),
                "{name}: {page}: {v} leaves the bundle's folder"
            );
            let key = target.path().to_string();
            let code = *fetched.entry(key).or_insert_with(|| get(&target).0);
            assert_eq!(code, 200, "{name}: {page}: {kind} {attr}={v} is broken");
        }
    }
    // Scripts and styles name no other host.
    for f in files
        .iter()
        .filter(|f| f.ends_with(".js") || f.ends_with(".css"))
    {
        let text = fs::read_to_string(dir.join(f)).unwrap();
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{name}: {f} names another host"
        );
    }
    drop(server);
    (tmp, dir)
}

#[test]
fn example_bundles_verify_and_work_under_a_prefix() {
    let c = example();
    let zips = zips(c);
    let names: Vec<String> = zips
        .iter()
        .map(|z| z.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let slug = "safe-migration-starts-with-information";
    assert_eq!(
        names,
        ["all", "ar", "en", "es", "fr"].map(|s| format!("{slug}-{s}.zip"))
    );
    for z in &zips {
        let locale = z
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .rsplit('-')
            .next()
            .unwrap()
            .to_string();
        let (_tmp, dir) = check_bundle(z, Some(BASE_URL));
        let files = files_in(&dir);
        let locales: BTreeSet<&str> = files
            .iter()
            .filter_map(|f| f.split_once('/').map(|x| x.0))
            .filter(|d| ["en", "fr", "es", "ar"].contains(d))
            .collect();
        if locale == "all" {
            assert_eq!(locales.len(), 4);
        } else {
            assert_eq!(
                locales,
                BTreeSet::from([locale.as_str()]),
                "{}",
                z.display()
            );
            // The chooser offers only this language; the switcher sends the others online.
            let root = fs::read_to_string(dir.join("index.html")).unwrap();
            let doc = scraper::Html::parse_document(&root);
            let langs: Vec<_> = doc
                .select(&scraper::Selector::parse(".language-list a").unwrap())
                .map(|a| a.value().attr("hreflang").unwrap().to_string())
                .collect();
            assert_eq!(langs, vec![locale.clone()]);
            let page =
                fs::read_to_string(dir.join(&locale).join("work/rights/index.html")).unwrap();
            let other = if locale == "en" { "fr" } else { "en" };
            assert!(
                page.contains(&format!(
                    r#"href="{BASE_URL}{other}/work/rights/" hreflang="{other}""#
                )),
                "{locale}: the switcher does not send {other} to the canonical site"
            );
            // HOSTING.html is in the bundle's language and says how to check and whom to ask.
            let hosting = fs::read_to_string(dir.join("HOSTING.html")).unwrap();
            assert!(hosting.contains(&format!(r#"<html lang="{locale}""#)));
            assert!(hosting.contains("sha256sum -c MANIFEST.sha256"));
            assert!(hosting.contains("mailto:info@example.org"));
            assert!(hosting.contains("CC BY 4.0"));
            assert!(
                hosting.contains("riverside-council")
                    || hosting.contains("logos/riverside-council.svg")
            );
        }
        // Only the shared files the pages use: every asset in the bundle is referenced.
        let assets: Vec<&String> = files.iter().filter(|f| f.starts_with("assets/")).collect();
        assert!(!assets.is_empty());
    }
}

#[test]
fn arabic_hosting_guide_is_arabic() {
    let c = example();
    let z = zips(c)
        .into_iter()
        .find(|z| z.to_string_lossy().ends_with("-ar.zip"))
        .unwrap();
    let (_tmp, dir) = unzip(&z);
    // Fluent isolates placeables (U+2068…U+2069), right for bidirectional text.
    let hosting = fs::read_to_string(dir.join("HOSTING.html"))
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(hosting.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(hosting.contains("كيف تستضيف"), "{hosting}");
    assert!(hosting.contains("التحقق من الملفات"));
    // The Arabic plural for the number of pages (17 pages + search = 18: "many" in Arabic).
    assert!(hosting.contains("يضم 18 صفحة"), "{hosting}");
}

#[test]
fn two_builds_give_identical_zips() {
    let first = example();
    let second = Campaign::example();
    let out = second.herald(&["bundle"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Bundled 5 zips"), "{}", stderr(&out));
    let a = zips(first);
    let b = zips(&second);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.file_name(), y.file_name());
        assert!(
            fs::read(x).unwrap() == fs::read(y).unwrap(),
            "{} differs between two builds of the same campaign",
            x.display()
        );
    }
    // Fixed metadata: sorted entries, one timestamp, one mode.
    let mut arc = zip::ZipArchive::new(fs::File::open(&a[0]).unwrap()).unwrap();
    let mut names = Vec::new();
    for i in 0..arc.len() {
        let f = arc.by_index(i).unwrap();
        assert_eq!(f.last_modified(), Some(zip::DateTime::default()));
        assert_eq!(f.unix_mode().map(|m| m & 0o777), Some(0o644));
        names.push(f.name().unwrap().to_string());
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn offline_bundle_without_base_url() {
    let c = offline();
    let zips = zips(c);
    assert_eq!(zips.len(), 3);
    for z in &zips {
        check_bundle(z, None);
    }
    let ar = zips
        .iter()
        .find(|z| z.to_string_lossy().ends_with("-ar.zip"))
        .unwrap();
    let (_tmp, dir) = unzip(ar);
    let files = files_in(&dir);
    // Without base_url, links to English are dropped, not broken.
    for f in files.iter().filter(|f| f.ends_with(".html")) {
        let html = fs::read_to_string(dir.join(f)).unwrap();
        assert!(
            !html.contains(r#"hreflang="en""#),
            "{f} still links to English"
        );
        assert!(!html.contains("<li></li>"), "{f}");
    }
    // The fallback page (no Arabic translation yet) is in the bundle and linked.
    assert!(files.contains("ar/work/pay/index.html"));
    let contract = fs::read_to_string(dir.join("ar/work/contract/index.html")).unwrap();
    assert!(contract.contains(r#"href="../pay/index.html""#));
    assert!(contract.contains("offline.js"));
    // Only used assets: the large photo is served as its resized copies, not the original.
    assert!(files.contains("assets/photo.480w.jpg"));
    assert!(files.contains("assets/photo.960w.jpg"));
    assert!(
        !files.contains("assets/photo.jpg"),
        "the unused original photo was bundled"
    );
    assert!(files.contains("assets/chart.480w.png"));
    assert!(files.contains("assets/chart.png"));
    assert!(files.contains("assets/council.svg"));
    // The service worker caches only this bundle's locale, and only files it holds.
    let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
    let start = sw.find("var FILES = ").unwrap() + "var FILES = ".len();
    let end = start + sw[start..].find(";\n").unwrap();
    let listed: BTreeMap<String, Vec<String>> = serde_json::from_str(&sw[start..end]).unwrap();
    assert_eq!(listed.keys().collect::<Vec<_>>(), vec!["ar"]);
    for f in &listed["ar"] {
        assert!(
            files.contains(&percent_decode(f)),
            "sw.js caches {f}, which is not in the bundle"
        );
    }
    assert!(listed["ar"].contains(&"ar/work/contract/index.html".to_string()));
    assert!(listed["ar"].contains(&"assets/photo.480w.jpg".to_string()));
    let hosting = fs::read_to_string(dir.join("HOSTING.html")).unwrap();
    assert!(hosting.contains("المجلس البلدي"));
    assert!(hosting.contains("help@example.org"));
    assert!(hosting.contains("CC BY 4.0"));
    assert!(hosting.contains("https"), "offline mode is explained");
}

#[test]
fn images_are_resized_with_srcset_and_lazy() {
    let c = offline();
    let site = c.site();
    let doc = parse(&site.join("en/work/contract/index.html"));
    let imgs = select(&doc, ".content img");
    assert_eq!(imgs.len(), 3);
    let photo = imgs[0].value();
    assert_eq!(photo.attr("src"), Some("../../../assets/photo.480w.jpg"));
    assert_eq!(
        photo.attr("srcset"),
        Some("../../../assets/photo.480w.jpg 480w, ../../../assets/photo.960w.jpg 960w")
    );
    assert!(photo.attr("sizes").is_some());
    assert_eq!(
        (photo.attr("width"), photo.attr("height")),
        (Some("960"), Some("640"))
    );
    let chart = imgs[1].value();
    assert_eq!(
        chart.attr("srcset"),
        Some("../../../assets/chart.480w.png 480w, ../../../assets/chart.png 600w")
    );
    assert_eq!(
        (chart.attr("width"), chart.attr("height")),
        (Some("600"), Some("300"))
    );
    let map = imgs[2].value();
    assert_eq!(map.attr("src"), Some("../../../assets/map.svg"));
    assert_eq!(map.attr("srcset"), None);
    assert_eq!(
        (map.attr("width"), map.attr("height")),
        (Some("300"), Some("150"))
    );
    for i in &imgs {
        assert_eq!(i.value().attr("loading"), Some("lazy"));
        assert!(!i.value().attr("alt").unwrap_or_default().is_empty());
    }
    assert_eq!(
        image::image_dimensions(site.join("assets/photo.480w.jpg")).unwrap(),
        (480, 320)
    );
    assert_eq!(
        image::image_dimensions(site.join("assets/photo.960w.jpg")).unwrap(),
        (960, 640)
    );
    assert_eq!(
        image::image_dimensions(site.join("assets/chart.480w.png")).unwrap(),
        (480, 240)
    );
    // The stylesheet is minified: no comments, no line breaks between rules.
    let css = fs::read_to_string(site.join("style.css")).unwrap();
    assert!(!css.contains("/*"));
    assert!(css.lines().count() <= 2, "{} lines", css.lines().count());
}
