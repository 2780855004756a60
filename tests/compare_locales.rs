//! Herald against Mozilla's compare-locales, the reference tool for Fluent localisation,
//! on the same locale folders: every fixture campaign under `tests/fixtures/l10n-*`, the
//! example campaign, and the default theme's strings.
//!
//! Every problem compare-locales reports (missing and obsolete messages and files, syntax
//! errors, attribute and value differences, duplicates, reference differences, plural
//! categories) must be reported by Herald for the same message and file, with the matching
//! code. Then the other way round for what compare-locales does not check: dropped or added
//! `$variables`, empty `{ "" }` values and outdated translations, which Herald reports and
//! compare-locales does not.
//!
//! compare-locales is installed by `.ci/run` (`python3 -m pip install
//! compare-locales==9.0.5`). Without it this test fails: it never passes by skipping.

mod common;
use common::*;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::Command;

const INSTALL: &str = "python3 -m pip install compare-locales==9.0.5";

/// The project configuration compare-locales needs for plain `<base>/<locale>/**/*.ftl`
/// folders (without one, or without `--full`, it checks nothing and exits 0).
const CONFIG: &str = r#"basepath = "."
[env]
    reference_locale = "en"
[[paths]]
    reference = "{l10n_base}/{reference_locale}/**/*.ftl"
    l10n = "{l10n_base}/{locale}/**/*.ftl"
"#;

fn require_compare_locales() {
    match Command::new("compare-locales").arg("--version").output() {
        Ok(out) if out.status.success() => {
            let v = String::from_utf8_lossy(&out.stdout).trim().to_string();
            assert!(
                v.starts_with("compare-locales 9."),
                "this test expects compare-locales 9 (the version .ci/run installs), found {v:?}: {INSTALL}"
            );
        }
        Ok(out) => panic!(
            "compare-locales --version failed ({}): {}\nInstall it with `{INSTALL}` (.ci/run does).",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!(
            "compare-locales is not installed ({e}). This comparison must run: install it with \
             `{INSTALL}` (.ci/run does), so that `compare-locales` is on PATH."
        ),
    }
}

/// One thing compare-locales reported: the file (relative to the campaign root) and the
/// entry of its JSON details (`{"missingEntity": "id"}`, `{"error": "…"}`, …).
#[derive(Debug)]
struct Report {
    file: String,
    kind: String,
    text: String,
}

fn flatten(node: &Value, path: &str, prefix: &str, out: &mut Vec<Report>) {
    match node {
        Value::Array(entries) => {
            for e in entries {
                let (kind, text) = e.as_object().unwrap().iter().next().unwrap();
                out.push(Report {
                    file: format!("{prefix}/{path}"),
                    kind: kind.clone(),
                    text: text.as_str().unwrap_or_default().to_string(),
                });
            }
        }
        // Folders with a single child are collapsed into one key (`fr/main.ftl`).
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}/{k}")
                };
                flatten(v, &p, prefix, out);
            }
        }
        other => panic!("unexpected compare-locales details: {other}"),
    }
}

/// Runs compare-locales on `<root>/<base>` for the given locales.
fn compare_locales(root: &Path, base: &str, locales: &[String]) -> Vec<Report> {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("l10n.toml");
    fs::write(&config, CONFIG).unwrap();
    let json = tmp.path().join("out.json");
    let out = Command::new("compare-locales")
        .arg("--full")
        .arg("--json")
        .arg(&json)
        .arg(&config)
        .arg(root.join(base))
        .args(locales)
        .output()
        .expect("compare-locales runs");
    // Exit 1 means "errors found", which is what the fixtures are for; anything else is a
    // failure of the tool itself.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "compare-locales failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    let mut reports = Vec::new();
    for run in doc.as_array().unwrap() {
        flatten(&run["details"], "", base, &mut reports);
    }
    reports
}

fn mentions(d: &Value, id: &str) -> bool {
    d["message"].as_str().unwrap().contains(&format!("`{id}`"))
}

/// `X at line N, column M for ID` → (X, N, ID).
fn positioned(text: &str) -> Option<(&str, u64, &str)> {
    let (what, rest) = text.rsplit_once(" at line ")?;
    let (line, rest) = rest.split_once(", column ")?;
    let (_, id) = rest.split_once(" for ")?;
    Some((what, line.parse().ok()?, id))
}

/// `Unparsed content "…" from line A column B to line C column D` → (A, C).
fn unparsed(text: &str) -> Option<(u64, u64)> {
    let rest = text.strip_prefix("Unparsed content ")?;
    let (_, range) = rest.rsplit_once("\" from line ")?;
    let (from, to) = range.split_once(" to line ")?;
    let a = from.split_whitespace().next()?.parse().ok()?;
    let c = to.split_whitespace().next()?.parse().ok()?;
    Some((a, c))
}

/// The Herald diagnostics that answer one compare-locales report; empty if none does.
fn answers<'a>(r: &Report, herald: &'a [Value]) -> Vec<&'a Value> {
    let in_file = |code: &str| -> Vec<&'a Value> {
        herald
            .iter()
            .filter(|d| d["code"] == code && d["file"] == r.file.as_str())
            .collect()
    };
    let about = |code: &str, id: &str| -> Vec<&'a Value> {
        in_file(code)
            .into_iter()
            .filter(|d| mentions(d, id))
            .collect()
    };
    match r.kind.as_str() {
        "missingEntity" => about("missing-message", &r.text),
        "obsoleteEntity" => about("obsolete-message", &r.text),
        // A whole file: one diagnostic for the file, without a line.
        "missingFile" => in_file("missing-message")
            .into_iter()
            .filter(|d| d["line"].is_null())
            .collect(),
        "obsoleteFile" => in_file("obsolete-message")
            .into_iter()
            .filter(|d| d["line"].is_null())
            .collect(),
        "error" | "warning" => {
            if let Some((from, to)) = unparsed(&r.text) {
                // Fluent reports where it noticed the error; a placeable left open at the
                // end of a line is noticed where the next line starts, just after the junk
                // compare-locales shows.
                return in_file("fluent-syntax")
                    .into_iter()
                    .filter(|d| d["line"].as_u64().is_some_and(|l| l >= from && l <= to + 1))
                    .collect();
            }
            // `ID occurs N times`: a message defined more than once.
            if let Some((id, n)) = r.text.rsplit_once(" occurs ") {
                if n.ends_with(" times") {
                    return about("duplicate-message", id);
                }
            }
            let Some((what, _line, id)) = positioned(&r.text) else {
                panic!("a compare-locales report this test does not know: {r:?}");
            };
            let attr = |prefix: &str| what.strip_prefix(prefix).map(str::to_string);
            if what == "Missing value" || what == "Obsolete value" {
                about("attribute-mismatch", id)
                    .into_iter()
                    .filter(|d| d["message"].as_str().unwrap().contains(" value"))
                    .collect()
            } else if let Some(a) = attr("Missing attribute: ").or(attr("Obsolete attribute: ")) {
                about("attribute-mismatch", id)
                    .into_iter()
                    .filter(|d| d["message"].as_str().unwrap().contains(&format!("`.{a}`")))
                    .collect()
            } else if let Some(a) = what
                .strip_prefix("Attribute \"")
                .and_then(|w| w.strip_suffix("\" is duplicated"))
            {
                about("duplicate-attribute", id)
                    .into_iter()
                    .filter(|d| d["message"].as_str().unwrap().contains(&format!("`.{a}`")))
                    .collect()
            } else if let Some(k) = what
                .strip_prefix("Variant key \"")
                .and_then(|w| w.strip_suffix("\" is duplicated"))
            {
                about("duplicate-variant", id)
                    .into_iter()
                    .filter(|d| d["message"].as_str().unwrap().contains(&format!("[{k}]")))
                    .collect()
            } else if let Some(reference) = [
                "Missing message reference: ",
                "Obsolete message reference: ",
                "Missing term reference: ",
                "Obsolete term reference: ",
            ]
            .iter()
            .find_map(|p| what.strip_prefix(p))
            {
                about("reference-mismatch", id)
                    .into_iter()
                    .filter(|d| d["message"].as_str().unwrap().contains(reference))
                    .collect()
            } else if let Some(cats) = what.strip_prefix("Plural categories missing: ") {
                // compare-locales' plural table is Mozilla's, Herald's CLDR's: each category
                // it names must be among those Herald names.
                about("missing-plural-variant", id)
                    .into_iter()
                    .filter(|d| {
                        cats.split(", ")
                            .all(|c| d["message"].as_str().unwrap().contains(&format!("[{c}]")))
                    })
                    .collect()
            } else {
                panic!("a compare-locales report this test does not know: {r:?}");
            }
        }
        other => panic!("a compare-locales report this test does not know: {other} {r:?}"),
    }
}

/// The campaign's translated locales, as Herald lists them.
fn target_locales(c: &Campaign) -> Vec<String> {
    let out = c.herald(&["status", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    s["locales"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["source"] == false)
        .map(|l| l["locale"].as_str().unwrap().to_string())
        .collect()
}

/// Compares both tools on one campaign; returns how many compare-locales reports there were.
fn compare(name: &str, c: &Campaign) -> usize {
    let herald = c.check_json(&[]);
    let herald = herald["diagnostics"].as_array().unwrap();
    let locales = target_locales(c);
    let mut n = 0;
    for base in ["locales", "themes/default/locales"] {
        if !c.root().join(base).join("en").is_dir() {
            continue;
        }
        for r in compare_locales(c.root(), base, &locales) {
            n += 1;
            let found = answers(&r, herald);
            assert!(
                !found.is_empty(),
                "{name}: compare-locales reports {r:?}, Herald does not.\nHerald: {}",
                serde_json::to_string_pretty(herald).unwrap()
            );
        }
    }
    n
}

fn fixtures() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(repo().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("l10n-"))
        .collect();
    v.sort();
    v
}

#[test]
fn herald_reports_everything_compare_locales_reports() {
    require_compare_locales();
    let mut total = 0;
    for name in fixtures() {
        total += compare(&name, &Campaign::fixture(&name));
    }
    // The fixtures are made to trip compare-locales: if it reports (almost) nothing, it did
    // not look at them, and the comparison above proved nothing.
    assert!(
        total >= 25,
        "compare-locales reported only {total} problems"
    );
    // The example campaign and its theme: both tools find nothing wrong.
    compare("example", &Campaign::example());
}

#[test]
fn compare_locales_sees_what_the_fixtures_hold() {
    require_compare_locales();
    // One check of the harness itself, on known problems: compare-locales must report the
    // missing message, the whole missing file and the junk, so the mapping above works on
    // real reports rather than on an empty list.
    let c = Campaign::fixture("l10n-missing-message");
    let reports = compare_locales(c.root(), "locales", &["fr".to_string()]);
    let kinds: Vec<(&str, &str, &str)> = reports
        .iter()
        .map(|r| (r.file.as_str(), r.kind.as_str(), r.text.as_str()))
        .collect();
    assert!(
        kinds.contains(&("locales/fr/main.ftl", "missingEntity", "bye")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("locales/fr/forms.ftl", "missingFile", "error")),
        "{kinds:?}"
    );
    let c = Campaign::fixture("l10n-fluent-syntax");
    let reports = compare_locales(c.root(), "locales", &["fr".to_string()]);
    assert_eq!(
        reports
            .iter()
            .filter(|r| unparsed(&r.text).is_some())
            .count(),
        2,
        "{reports:?}"
    );
}

#[test]
fn herald_reports_the_variable_empty_and_stale_problems_compare_locales_misses() {
    require_compare_locales();
    // Variables: compare-locales says nothing about any of these messages.
    let c = Campaign::fixture("l10n-variable-mismatch");
    let reports = compare_locales(c.root(), "locales", &["fr".to_string()]);
    assert!(reports.is_empty(), "{reports:?}");
    let herald = c.check_json(&[]);
    for id in ["dropped", "extra", "invite", "replied", "items"] {
        assert!(
            with_code(&herald, "variable-mismatch")
                .iter()
                .any(|d| mentions(d, id)),
            "Herald misses the variables of `{id}`"
        );
    }

    // `{ "" }` values and attributes.
    let c = Campaign::fixture("l10n-empty-translation");
    let reports = compare_locales(c.root(), "locales", &["fr".to_string()]);
    assert!(reports.is_empty(), "{reports:?}");
    assert_eq!(with_code(&c.check_json(&[]), "empty-translation").len(), 2);

    // A message whose source changed since it was translated.
    let c = Campaign::fixture("l10n-clean");
    let en = c.read("locales/en/main.ftl");
    c.write(
        "locales/en/main.ftl",
        &en.replace("Send the form", "Send the completed form"),
    );
    let reports = compare_locales(c.root(), "locales", &["fr".to_string()]);
    assert!(reports.is_empty(), "{reports:?}");
    let herald = c.check_json(&[]);
    assert!(with_code(&herald, "stale-translation")
        .iter()
        .any(|d| mentions(d, "send") && d["file"] == "locales/fr/main.ftl"));
}
