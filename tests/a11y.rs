//! The default theme, proven in a real browser: the example campaign is built with the real
//! binary, then `tests/browser/a11y.mjs` opens every page of the site in every locale (and the
//! status dashboard) in headless Chromium and runs axe-core with the WCAG 2.0, 2.1 and 2.2 A
//! and AA rules, checks reflow at 320 px and with text at 200 %, target sizes in the header,
//! navigation and footer, keyboard focus through two pages, and that no page loads anything
//! from another host; the Nu Html Checker validates every page. Zero problems allowed.
//!
//! Needs Chromium (`/usr/bin/chromium`, or `CHROMIUM`), Node, Java and the npm packages of
//! `tests/browser/` (`npm ci --prefix tests/browser`). `.ci/run` installs them all; when one is
//! missing this test fails, it never skips. `HERALD_SCREENSHOTS=DIR` also writes the
//! screenshots a reviewer looks at (Arabic and French at 360 px and 200 % zoom, keyboard focus).

mod common;
use common::*;
use std::path::PathBuf;
use std::process::Command;

fn chromium() -> PathBuf {
    PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
}

fn runs(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Fails, naming everything missing and how to install it.
fn require_tools() {
    let modules = repo().join("tests/browser/node_modules");
    let missing: Vec<&str> = [
        (chromium().is_file(), "Chromium (apt-get install chromium)"),
        (
            runs("node", "--version"),
            "node (apt-get install nodejs npm)",
        ),
        (
            runs("java", "-version"),
            "java (apt-get install default-jre-headless)",
        ),
        (
            modules.join("playwright-core").is_dir()
                && modules.join("axe-core/axe.min.js").is_file()
                && modules.join("vnu-jar/build/dist/vnu.jar").is_file(),
            "playwright-core, axe-core and vnu-jar (npm ci --prefix tests/browser)",
        ),
    ]
    .into_iter()
    .filter(|(ok, _)| !ok)
    .map(|(_, what)| what)
    .collect();
    assert!(
        missing.is_empty(),
        "the accessibility suite needs {} (.ci/run installs them)",
        missing.join(", ")
    );
}

#[test]
fn every_page_passes_axe_and_the_nu_html_checker() {
    require_tools();
    let c = Campaign::example();
    let out = c.herald(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = c.site();
    let mut files = html_files(&site);
    files.sort();
    let status = c.root().join("output/status/index.html");
    assert!(status.is_file(), "no status dashboard");
    files.push(status);
    for locale in ["en", "fr", "es", "ar"] {
        assert!(
            files
                .iter()
                .filter(|f| f.starts_with(site.join(locale)))
                .count()
                >= 10,
            "too few {locale} pages"
        );
    }
    let config: serde_yaml_ng::Value = serde_yaml_ng::from_str(&c.read("campaign.yaml")).unwrap();
    let cfg = serde_json::json!({
        "site": site,
        "base_url": config["base_url"].as_str(),
        "files": files,
        "jobs": 4,
        // Tabbed through: a content page with a table of links and credits, and a home page
        // in a right-to-left language.
        "keyboard": [site.join("fr/work/rights/index.html"), site.join("ar/index.html")],
        "screenshots": std::env::var("HERALD_SCREENSHOTS").ok(),
    });
    let started = std::time::Instant::now();
    let out = Command::new("node")
        .arg(repo().join("tests/browser/a11y.mjs"))
        .arg(cfg.to_string())
        .env("CHROMIUM", chromium())
        .current_dir(repo().join("tests/browser"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find_map(|v| v.get("summary").cloned());
    let problems: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(r#""check":"#))
        .collect();
    eprintln!(
        "accessibility suite: {} in {:.0} s",
        summary
            .as_ref()
            .map_or("no summary".into(), |s| s.to_string()),
        started.elapsed().as_secs_f64()
    );
    assert!(
        out.status.success() && problems.is_empty(),
        "{} problems:\n{}\n{}",
        problems.len(),
        problems.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = summary.expect("the suite printed no summary");
    assert_eq!(summary["pages"], files.len(), "not every page was checked");
    assert_eq!(summary["problems"], 0);
    assert!(
        summary["tab_stops"].as_u64().unwrap_or(0) > 20,
        "keyboard: too few tab stops: {summary}"
    );
}
