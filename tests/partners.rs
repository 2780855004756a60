//! Every partner is credited: registry validation, credit checks, coverage of stakeholder
//! kinds, and the rendered pages read back for the credits.

mod common;
use common::*;
use std::fs;

fn one<'a>(report: &'a serde_json::Value, code: &str, needle: &str) -> &'a serde_json::Value {
    let found: Vec<_> = with_code(report, code)
        .into_iter()
        .filter(|d| d["message"].as_str().unwrap().contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "{code} with `{needle}`: {report:#}");
    found[0]
}

#[test]
fn the_registry_is_validated_line_by_line() {
    let c = Campaign::fixture("partners-registry");
    let r = c.check_json(&[]);
    let dup = one(&r, "invalid-partners", "used twice");
    assert_eq!(
        (dup["file"].as_str(), dup["line"].as_u64()),
        (Some("content/partners.yaml"), Some(5))
    );
    assert_eq!(dup["severity"], "error");
    let kind = one(&r, "invalid-partners", "unknown kind `labour-union`");
    assert_eq!(kind["line"], 8);
    let url = one(&r, "invalid-partners", "not a web address");
    assert_eq!(url["line"], 11);
    let logo = one(
        &r,
        "invalid-partners",
        "logo of `press` is not at content/assets/logos/radio.png",
    );
    assert_eq!(logo["line"], 15);
    let names = one(&r, "invalid-partners", "name for `xx`");
    assert_eq!(names["severity"], "warning");
    // The valid partner with its logo raises nothing.
    assert!(!r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["line"] == 1));
    let out = c.herald(&["check"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn credits_name_registered_partners_and_every_partner_is_credited() {
    let c = Campaign::fixture("partners-credits");
    let r = c.check_json(&[]);
    let unknown = one(&r, "unknown-partner", "unknown-org");
    assert_eq!(unknown["file"], "content/en/work.md");
    assert_eq!(unknown["line"], 4);
    assert_eq!(unknown["locale"], "en");
    assert_eq!(unknown["severity"], "error");
    let forgotten = one(&r, "unattributed-partner", "forgotten");
    assert_eq!(forgotten["file"], "content/partners.yaml");
    assert_eq!(forgotten["line"], 7);
    assert_eq!(forgotten["severity"], "warning");
    // council is credited campaign-wide and union on a page: neither is unattributed.
    assert_eq!(with_code(&r, "unattributed-partner").len(), 1);
    let kind = one(&r, "missing-partner-kind", "migrants");
    assert_eq!(kind["severity"], "warning");
    assert!(with_code(&r, "missing-partner-kind")
        .iter()
        .all(|d| !d["message"].as_str().unwrap().contains("trade-union")));
}

#[test]
fn a_theme_that_drops_the_credits_fails_the_build_naming_the_output_file() {
    let c = Campaign::fixture("basic");
    let page = c.read("themes/default/templates/page.html");
    let without = page.replace("{{ m::credits(partners=page.partners, lang=lang) }}", "");
    assert_ne!(
        page, without,
        "the default page template must contain the credits block"
    );
    c.write("themes/default/templates/page.html", &without);
    let out = c.herald(&["build", "--allow-incomplete", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = with_code(&r, "unattributed-partner")
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"output/site/fr/work/rights/index.html"),
        "{r:#}"
    );
    assert!(files.contains(&"output/site/ar/work/rights/index.html"));
    assert!(
        !c.site().exists(),
        "a build that fails verification writes nothing"
    );
}

#[test]
fn every_page_of_the_example_shows_its_partners_in_the_readers_language() {
    let c = Campaign::example();
    let out = c.herald(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let registry = c.read("content/partners.yaml");
    let partners: Vec<serde_json::Value> = serde_yaml_ng::from_str::<serde_json::Value>(&registry)
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert!(partners.len() >= 6);
    let kinds: std::collections::BTreeSet<&str> = partners
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.len() >= 6, "{kinds:?}");
    assert!(partners.iter().any(|p| p["visibility"] == "web-only"));
    let mut checked = 0;
    for l in ["en", "fr", "es", "ar"] {
        for f in walkdir::WalkDir::new(c.site().join(l))
            .into_iter()
            .flatten()
            .filter(|e| e.file_name() == "index.html")
        {
            let rel = f
                .path()
                .strip_prefix(c.site().join(l))
                .unwrap()
                .parent()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let Some(src) = page_source(&c, l, &rel) else {
                continue;
            };
            let doc = parse(f.path());
            let shown: Vec<String> = select(&doc, ".credits .partner")
                .iter()
                .map(|p| p.value().attr("data-partner").unwrap().to_string())
                .collect();
            for id in front_partners(&src) {
                assert!(shown.contains(&id), "{l}/{rel} does not credit {id}");
                let p = partners.iter().find(|p| p["id"] == id.as_str()).unwrap();
                let name = p["names"].get(l).unwrap_or(&p["name"]).as_str().unwrap();
                let html = fs::read_to_string(f.path()).unwrap();
                assert!(
                    html.contains(&name.replace('&', "&amp;").replace('\'', "&#39;")),
                    "{l}/{rel}: {name}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "{checked}");
}

/// The front-matter `partners:` of a page, read with a plain line scan (the test must not
/// trust Herald's own parser).
fn front_partners(text: &str) -> Vec<String> {
    let line = text
        .lines()
        .find(|l| l.starts_with("partners:"))
        .unwrap_or("partners: []");
    line.trim_start_matches("partners:")
        .trim()
        .trim_matches(['[', ']'])
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn page_source(c: &Campaign, locale: &str, rel: &str) -> Option<String> {
    let base = c.root().join("content").join(locale);
    let candidates = if rel.is_empty() {
        vec![base.join("_index.md")]
    } else {
        vec![
            base.join(format!("{rel}.md")),
            base.join(rel).join("_index.md"),
        ]
    };
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .map(|p| fs::read_to_string(p).unwrap())
}
