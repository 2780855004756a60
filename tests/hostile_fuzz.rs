//! Fuzzing without libFuzzer: the three targets of `fuzz/` driven by a plain mutation loop
//! (seeded from `fuzz/corpus/`, mutated with byte edits, splices and a dictionary of hostile
//! tokens), on the debug build with its overflow checks and debug assertions.
//!
//! `cargo test --test hostile_fuzz` runs each target for a few seconds. For a real session:
//! `HERALD_FUZZ_SECS=600 HERALD_FUZZ_TARGET=pipeline cargo test --release --test hostile_fuzz -- --nocapture`.
//! A panic saves its input under `fuzz/artifacts/<target>/`; the input being run is always
//! in `fuzz/artifacts/<target>/current`, so a stack overflow (which aborts the process) can be
//! replayed too. Inputs that once crashed live in `fuzz/regressions/<target>/` and are replayed
//! by every run.

use herald::render::markdown::{render, Links};
use herald::render::sanitize;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct AnyLink;
impl Links for AnyLink {
    fn resolve(&self, target: &str) -> Option<String> {
        target
            .len()
            .is_multiple_of(2)
            .then(|| format!("../{target}"))
    }
}

fn today() -> jiff::civil::Date {
    "2026-12-01".parse().unwrap()
}

/// `fuzz/fuzz_targets/front_matter_markdown.rs`.
fn front_matter_markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut diags = Vec::new();
    let Some(page) = herald::load::parse_page(0, "a.md", "content/en/a.md", text, "en", &mut diags)
    else {
        return;
    };
    let body = page.body();
    let html = render(body, &AnyLink).html;
    let clean = sanitize::clean(&html, &["details".to_string()]);
    assert_safe(&clean);
    let _ = sanitize::findings(body, &[]);
}

/// What the sanitiser lets through, read as a browser reads it, runs nothing.
fn assert_safe(html: &str) {
    let doc = scraper::Html::parse_fragment(html);
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = el.value().name();
        assert!(
            !matches!(
                name,
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "form"
                    | "style"
                    | "button"
                    | "textarea"
                    | "select"
            ),
            "<{name}> survived: {html}"
        );
        if name == "input" {
            assert_eq!(el.value().attr("type"), Some("checkbox"), "{html}");
        }
        for (attr, value) in el.value().attrs() {
            assert!(!attr.starts_with("on"), "{attr} survived: {html}");
            assert!(
                attr != "style" || value.starts_with("text-align: "),
                "style survived: {html}"
            );
            if matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "cite" | "poster"
            ) {
                assert!(
                    sanitize::safe_url(value),
                    "{attr}={value:?} survived: {html}"
                );
            }
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn fluent_campaign() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        fs::create_dir_all(dir.join("themes/default/templates")).unwrap();
        fs::create_dir_all(dir.join("locales/en")).unwrap();
        fs::create_dir_all(dir.join("locales/fr")).unwrap();
        fs::create_dir_all(dir.join("content/en")).unwrap();
        fs::write(
            dir.join("campaign.yaml"),
            "title: Fuzz\nsource_locale: en\nlocales: [en, fr]\n",
        )
        .unwrap();
        fs::write(
            dir.join("locales/en/main.ftl"),
            "campaign-title = Fuzz\nhello = Hello { $name }\n    .title = Greeting\n-brand = Herald\nitems = { $n ->\n    [one] One item\n   *[other] { $n } items\n}\nref = { hello } and { -brand }\n",
        )
        .unwrap();
        dir
    })
}

/// `fuzz/fuzz_targets/fluent.rs`.
fn fluent(data: &[u8]) {
    let dir = fluent_campaign();
    fs::write(dir.join("locales/fr/main.ftl"), data).unwrap();
    if let Ok((site, _)) = herald::load::load(dir, today()) {
        let _ = herald::check::run(&site, herald::check::CheckOptions::default());
        for f in &site.ftl {
            for entry in f.resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    let _ = site.message(1, m.id.name, None);
                    for a in &m.attributes {
                        let _ = site.message(1, &format!("{}.{}", m.id.name, a.id.name), None);
                    }
                }
            }
        }
    }
}

fn pipeline_campaign() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        copy_dir(&repo().join("tests/fixtures/hostile-base"), &dir);
        copy_dir(&repo().join("themes/default"), &dir.join("themes/default"));
        dir
    })
}

/// `fuzz/fuzz_targets/pipeline.rs`.
fn pipeline(data: &[u8]) {
    let root = pipeline_campaign();
    let mut parts = data.split(|&b| b == 0xFF);
    let mut next = || parts.next().unwrap_or(&[]).to_vec();
    let (en, fr, ftl, partners) = (next(), next(), next(), next());
    fs::write(root.join("content/en/work/fuzz.md"), en).unwrap();
    fs::write(root.join("content/fr/work/fuzz.md"), fr).unwrap();
    fs::write(root.join("locales/fr/fuzz.ftl"), ftl).unwrap();
    let registry = repo().join("tests/fixtures/hostile-base/content/partners.yaml");
    if partners.is_empty() {
        fs::copy(&registry, root.join("content/partners.yaml")).unwrap();
    } else {
        fs::write(root.join("content/partners.yaml"), partners).unwrap();
    }
    let opts = herald::Options {
        root: root.clone(),
        only_site: true,
        allow_incomplete: true,
        today: Some(today()),
        ..Default::default()
    };
    let _ = herald::build(&opts);
    if let Ok((site, _)) = herald::load::load(root, today()) {
        let site = std::sync::Arc::new(site);
        if let Ok(tera) = herald::render::templates::compile(&site) {
            let out = tempfile::tempdir().unwrap();
            let r = herald::render::site::Renderer::new(&site, &tera, out.path(), "site".into());
            let _ = r.render();
        }
    }
}

const TOKENS: &[&str] = &[
    "---\n",
    "\n",
    "\r\n",
    "\u{feff}",
    "title: ",
    "summary: ",
    "sources:\n  - { title: a, url: ",
    "&a ",
    "*a",
    "[",
    "]",
    "](@/",
    "](@/../",
    "(javascript:alert(1))",
    "![x](@/assets/",
    "> ",
    "- ",
    "1. ",
    "* ",
    "    ",
    "\t",
    "```\n",
    "~~~",
    "| a | b |\n|:-:|--:|\n",
    "[^1]",
    "[^1]: ",
    "{#id}",
    "<script>",
    "</script>",
    "<a href=\"javascript:x\">",
    "<img src=x onerror=y>",
    "<span lang=\"fr\">",
    "</span>",
    "<!--",
    "-->",
    "<details>",
    "<![CDATA[",
    "&#x3a;",
    "&",
    "{ ",
    " }",
    "{ $x }",
    "{ -term }",
    "{ msg.attr }",
    " ->\n",
    "   *[other] ",
    "  [one] ",
    ".attr = ",
    "-term = ",
    "key = ",
    "\"",
    "\\u0000",
    "\\",
    "\u{2068}",
    "\u{2069}",
    "\u{0301}",
    "é",
    "ح",
    "\u{0}",
    "%00",
    "..",
    "/",
    "C:",
    ": ",
    "- id: x\n  name: ",
    "  kind: ",
    "  url: ",
    "  logo: ../",
    "#",
    "*",
    "_",
    "**",
    "~~",
    "`",
    "$",
    "\u{ff}",
];

/// A small xorshift generator: the loop needs speed and reproducibility, not quality.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(6) {
        let len = input.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                input.insert(i, rng.next() as u8);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                input.drain(i..i + n);
            }
            3 | 4 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let i = rng.below(len + 1);
                input.splice(i..i, t.iter().copied());
            }
            5 => {
                // Deep structure: a token repeated many times.
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let most = if rng.below(10) == 0 { 5000 } else { 60 };
                let times = 1 + rng.below(most);
                let i = rng.below(len + 1);
                let rep: Vec<u8> = t.iter().copied().cycle().take(t.len() * times).collect();
                input.splice(i..i, rep);
            }
            6 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = a + rng.below(other.len() - a);
                    let i = rng.below(len + 1);
                    input.splice(i..i, other[a..b].iter().copied());
                }
            }
            _ if len > 1 => {
                let a = rng.below(len);
                let b = a + rng.below((len - a).min(256));
                let copy = input[a..b].to_vec();
                let i = rng.below(len + 1);
                input.splice(i..i, copy);
            }
            _ => {}
        }
    }
    input.truncate(256 * 1024);
}

fn read_dir_files(dir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|p| fs::read(p).ok()).collect()
}

/// Runs `target` on its regressions, then mutates its corpus for `secs` seconds.
fn fuzz(name: &str, target: fn(&[u8]), secs: u64) {
    let artifacts = repo().join("fuzz/artifacts").join(name);
    fs::create_dir_all(&artifacts).unwrap();
    for input in read_dir_files(&repo().join("fuzz/regressions").join(name)) {
        target(&input);
    }
    let mut corpus = read_dir_files(&repo().join("fuzz/corpus").join(name));
    if corpus.is_empty() {
        corpus.push(Vec::new());
    }
    let seed = std::env::var("HERALD_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15u64);
    let mut rng = Rng(seed | 1);
    let start = Instant::now();
    let (mut runs, mut crashes) = (0u64, 0u64);
    let current = artifacts.join("current");
    while start.elapsed() < Duration::from_secs(secs) {
        let mut input = corpus[rng.below(corpus.len())].clone();
        mutate(&mut rng, &mut input, &corpus);
        fs::write(&current, &input).unwrap();
        let result = std::panic::catch_unwind(|| target(&input));
        runs += 1;
        if result.is_err() {
            crashes += 1;
            let hash = blake3_hex(&input);
            fs::write(artifacts.join(format!("crash-{hash}")), &input).unwrap();
        } else if runs % 64 == 0 && corpus.len() < 512 {
            // Keep some inputs to mutate further: a cheap stand-in for coverage guidance.
            corpus.push(input);
        }
    }
    let _ = fs::remove_file(&current);
    eprintln!(
        "fuzz {name}: {runs} runs in {:.0} s, {crashes} crashes",
        start.elapsed().as_secs_f64()
    );
    assert_eq!(crashes, 0, "see fuzz/artifacts/{name}/");
}

fn blake3_hex(data: &[u8]) -> String {
    // FNV-1a is enough to name a file.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    format!("{h:016x}")
}

fn secs(default: u64, name: &str) -> u64 {
    let only = std::env::var("HERALD_FUZZ_TARGET").ok();
    if only.as_deref().is_some_and(|o| o != name) {
        return 0;
    }
    std::env::var("HERALD_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[test]
fn fuzz_front_matter_markdown() {
    fuzz(
        "front_matter_markdown",
        front_matter_markdown,
        secs(3, "front_matter_markdown"),
    );
}

#[test]
fn fuzz_fluent() {
    fuzz("fluent", fluent, secs(3, "fluent"));
}

#[test]
fn fuzz_pipeline() {
    fuzz("pipeline", pipeline, secs(3, "pipeline"));
}
