//! The command line as people use it: init, new page, serve with live reload, diagnostics
//! for people and for machines (JSON, SARIF), completions.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn herald() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_herald"));
    c.env("HERALD_TODAY", "2026-12-01").env("NO_COLOR", "1");
    c
}

#[test]
fn init_then_check_passes_and_build_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("campaign");
    let out = herald()
        .args(["init"])
        .arg(&root)
        .args(["--locales", "en,fr,ar"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = herald()
        .args(["check", "--format", "json", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0);
    // The only warning is that print packs get no QR code until `base_url` is set.
    let others: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] != "no-qr-code")
        .collect();
    assert!(others.is_empty(), "{report:#}");
    // One page per stage, in every locale.
    for l in ["en", "fr", "ar"] {
        for p in ["before-you-leave", "on-the-way", "on-arrival", "going-home"] {
            assert!(
                root.join(format!("content/{l}/{p}.md")).is_file(),
                "{l}/{p}"
            );
        }
    }
    let out = herald()
        .args(["build", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root.join("output/site/ar/on-arrival/index.html").is_file());
    // init never overwrites.
    let again = herald().args(["init"]).arg(&root).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn init_with_a_language_herald_has_no_strings_for_still_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    assert!(herald()
        .args(["init"])
        .arg(&root)
        .args(["--locales", "en,sw"])
        .status()
        .unwrap()
        .success());
    let out = herald()
        .args(["check", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("untranslated-copy"),
        "the copied strings are flagged for the translator"
    );
}

#[test]
fn new_page_fills_in_the_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    assert!(herald()
        .args(["init"])
        .arg(&root)
        .status()
        .unwrap()
        .success());
    let out = herald()
        .args(["new", "page", "work/overtime", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(root.join("content/en/work/overtime.md")).unwrap();
    assert!(text.starts_with("---\ntitle: \"Overtime\"\n"), "{text}");
    assert!(text.contains("reviewed: 2026-12-01") && text.contains("review_by: 2027-12-01"));
    assert!(text.contains("partners: [our-organisation]"));
    let out = herald()
        .args(["check", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "a new page passes check: {}",
        stderr(&out)
    );
    let again = herald()
        .args(["new", "page", "work/overtime", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2), "never overwrites");
    let escape = herald()
        .args(["new", "page", "../outside", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(escape.status.code(), Some(2));
}

#[test]
fn human_diagnostics_show_the_source_line_and_help_without_colour() {
    let c = Campaign::fixture("basic");
    c.write("content/en/work/job.md", "---\ntitle: Checking a job offer\nstages: [before-departure]\n---\nSee [nothing](@/work/nowhere.md) here.\n");
    let out = c.herald(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[broken-link]"), "{err}");
    assert!(err.contains("--> content/en/work/job.md:5:5"), "{err}");
    assert!(
        err.contains("5 | See [nothing](@/work/nowhere.md) here."),
        "{err}"
    );
    assert!(err.contains("help: "), "{err}");
    assert!(
        !err.contains("\u{1b}["),
        "NO_COLOR and a pipe mean no colours"
    );
}

#[test]
fn json_output_matches_the_documented_shape() {
    let c = Campaign::fixture("basic");
    let r = c.check_json(&[]);
    let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, vec!["diagnostics", "summary"]);
    for d in r["diagnostics"].as_array().unwrap() {
        let mut k: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort();
        assert_eq!(
            k,
            vec!["code", "column", "file", "help", "line", "locale", "message", "severity"]
        );
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
    }
    let s = &r["summary"];
    assert_eq!(
        s["errors"].as_u64().unwrap() as usize,
        r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count()
    );
    assert!(s["warnings"].is_u64() && s["infos"].is_u64());
}

#[test]
fn sarif_output_validates_against_the_schema() {
    let c = Campaign::fixture("basic");
    let out = c.herald(&["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let sarif_path = c.root().join("report.sarif");
    std::fs::write(&sarif_path, &out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "missing-translation" && r["level"] == "error"));
    let schema = repo().join("tests/sarif-schema-2.1.0.json");
    let script = "import json,sys\nimport jsonschema\nschema=json.load(open(sys.argv[1]))\ndoc=json.load(open(sys.argv[2]))\njsonschema.validate(doc, schema)\nprint('valid')\n";
    let py = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&schema)
        .arg(&sarif_path)
        .output()
        .expect("python3");
    assert!(
        py.status.success(),
        "SARIF does not validate (needs `pip install jsonschema`, done by .ci/run): {}",
        String::from_utf8_lossy(&py.stderr)
    );
}

#[test]
fn version_help_and_completions() {
    let v = herald().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("herald "));
    for cmd in ["build", "check", "status", "init", "serve", "completions"] {
        let h = herald().args([cmd, "--help"]).output().unwrap();
        let text = String::from_utf8_lossy(&h.stdout);
        assert!(text.contains("Examples:"), "{cmd} --help has no examples");
    }
    let bash = herald().args(["completions", "bash"]).output().unwrap();
    assert!(String::from_utf8_lossy(&bash.stdout).contains("_herald()"));
}

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str, timeout: Duration) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(timeout)).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    Some(buf)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn serve_rebuilds_on_edit_notifies_pages_and_keeps_the_last_good_site() {
    let c = Campaign::fixture("basic");
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args([
            "serve",
            "--allow-incomplete",
            "--port",
            &port.to_string(),
            "--root",
        ])
        .arg(c.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    let start = Instant::now();
    let page = loop {
        if let Some(p) = get(port, "/en/work/rights/", Duration::from_secs(2)) {
            break p;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        page.starts_with("HTTP/1.1 200") || page.starts_with("HTTP/1.0 200"),
        "{page}"
    );
    assert!(page.contains("Your rights at work"));
    assert!(
        page.contains("/__herald/wait"),
        "the live-reload script is added"
    );
    assert!(
        !std::fs::read_to_string(c.site().join("en/work/rights/index.html"))
            .unwrap()
            .contains("__herald"),
        "but never written to disk"
    );
    // A client waiting for the next build.
    let waiter =
        std::thread::spawn(move || get(port, "/__herald/wait?since=1", Duration::from_secs(10)));
    std::thread::sleep(Duration::from_millis(200));
    let edited = c
        .read("content/en/work/rights.md")
        .replace("You must be paid on time.", "You must be paid every month.");
    let t0 = Instant::now();
    c.write("content/en/work/rights.md", &edited);
    loop {
        let p = get(port, "/en/work/rights/", Duration::from_secs(2)).unwrap_or_default();
        if p.contains("paid every month") {
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(2),
            "the edit was not served within two seconds"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let notified = waiter
        .join()
        .unwrap()
        .expect("the live-reload client got an answer");
    assert!(
        notified.contains("\"generation\":2") && notified.contains("\"error\":null"),
        "{notified}"
    );
    // A broken edit: the last good page stays, and clients get the errors.
    let waiter =
        std::thread::spawn(move || get(port, "/__herald/wait?since=2", Duration::from_secs(10)));
    std::thread::sleep(Duration::from_millis(200));
    c.write("content/en/work/rights.md", "---\ntitle: [broken\n---\n");
    let report = waiter
        .join()
        .unwrap()
        .expect("notified of the failed build");
    assert!(report.contains("invalid-front-matter"), "{report}");
    let p = get(port, "/en/work/rights/", Duration::from_secs(2)).unwrap();
    assert!(
        p.contains("paid every month"),
        "the last good page is still served"
    );
    assert!(
        p.contains("invalid-front-matter"),
        "with the errors shown over it"
    );
    // Nothing outside the site is served.
    let outside = get(port, "/../campaign.yaml", Duration::from_secs(2)).unwrap();
    assert!(!outside.contains("source_locale"));
}

#[test]
fn serve_renders_only_what_an_edit_affects() {
    let c = Campaign::fixture("basic");
    let port = free_port();
    let log = c.root().join("serve.log");
    let child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args([
            "serve",
            "--allow-incomplete",
            "--port",
            &port.to_string(),
            "--root",
        ])
        .arg(c.root())
        .env("NO_COLOR", "1")
        .env("HERALD_TODAY", "2026-12-01")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let _server = Server(child);
    let start = Instant::now();
    while get(port, "/en/work/rights/", Duration::from_secs(2)).is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let site = c.site();
    let mtime = |rel: &str| {
        std::fs::metadata(site.join(rel))
            .unwrap()
            .modified()
            .unwrap()
    };
    let unaffected = [
        "en/work/job/index.html",
        "fr/work/job/index.html",
        "en/partners/index.html",
    ];
    let affected = [
        "en/work/rights/index.html",
        "fr/work/rights/index.html",
        "ar/work/rights/index.html",
        "en/work/index.html",
        "en/index.html",
        "ar/index.html",
    ];
    let before: Vec<_> = unaffected
        .iter()
        .chain(&affected)
        .map(|r| mtime(r))
        .collect();
    std::thread::sleep(Duration::from_millis(50));

    let edited = c.read("content/en/work/rights.md").replace(
        "title: Your rights at work",
        "title: Your rights in every job",
    );
    c.write("content/en/work/rights.md", &edited);
    let t0 = Instant::now();
    while !std::fs::read_to_string(site.join("en/index.html"))
        .unwrap()
        .contains("Your rights in every job")
    {
        assert!(
            t0.elapsed() < Duration::from_secs(5),
            "the home page lists the new title"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Wait for the checks that follow the writing, then read what serve said.
    while !std::fs::read_to_string(&log).unwrap().contains("updated ") {
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "{}",
            c.read("serve.log")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("updated 9 pages in"),
        "the page in 3 locales, its section in 3, the home page in 3: {text}"
    );
    let after: Vec<_> = unaffected
        .iter()
        .chain(&affected)
        .map(|r| mtime(r))
        .collect();
    for (i, rel) in unaffected.iter().chain(&affected).enumerate() {
        let changed = after[i] != before[i];
        assert_eq!(
            changed,
            affected.contains(rel),
            "{rel} rewritten: {changed}"
        );
    }
    let page = std::fs::read_to_string(site.join("en/work/rights/index.html")).unwrap();
    assert!(page.contains("Your rights in every job"));

    // An edit with a content error is not written; the last good page stays.
    let broken = edited.replace("![A dot](@/assets/dot.svg)", "![](@/assets/dot.svg)");
    c.write("content/en/work/rights.md", &broken);
    let t0 = Instant::now();
    while !std::fs::read_to_string(&log)
        .unwrap()
        .contains("still serving its last good version")
    {
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "{}",
            c.read("serve.log")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(std::fs::read_to_string(&log)
        .unwrap()
        .contains("missing-alt"));
    let page = std::fs::read_to_string(site.join("en/work/rights/index.html")).unwrap();
    assert!(
        page.contains("alt=\"A dot\""),
        "the last good version stays"
    );
}
