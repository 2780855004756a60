//! Translation checks (issue 3): one fixture campaign per kind of problem under
//! `tests/fixtures/l10n-*`, each checked with the real `herald check --format json`, and
//! the translator commands (`herald status`, `--accept`, `--scaffold`) run on real files.
//!
//! Every fixture is otherwise correct: its translations were accepted with `herald status
//! --accept`, and each problem sits beside a correct counterpart. The assertions compare the
//! complete list of translation diagnostics (code, severity, file, line, column, locale), so
//! a missing diagnostic, a wrong position and a diagnostic on the correct counterpart all
//! fail. Diagnostics about the default theme's own strings are left out: the helper copies
//! that theme into every fixture, and it is tested by the example campaign.

mod common;
use common::*;
use serde_json::Value;
use std::fs;

/// The codes of issue 3, plus the duplicate checks.
const L10N_CODES: &[&str] = &[
    "missing-translation",
    "orphan-translation",
    "stale-translation",
    "untranslated-copy",
    "partner-mismatch",
    "front-matter-mismatch",
    "fluent-syntax",
    "missing-message",
    "obsolete-message",
    "attribute-mismatch",
    "variable-mismatch",
    "reference-mismatch",
    "empty-translation",
    "missing-plural-variant",
    "duplicate-message",
    "duplicate-attribute",
    "duplicate-variant",
];

/// code, severity, file, line, column, locale.
type D = (
    String,
    String,
    String,
    Option<u64>,
    Option<u64>,
    Option<String>,
);

fn d(code: &str, sev: &str, file: &str, line: Option<u64>, col: Option<u64>, locale: &str) -> D {
    (
        code.into(),
        sev.into(),
        file.into(),
        line,
        col,
        Some(locale.into()),
    )
}

fn is_l10n(diag: &Value) -> bool {
    L10N_CODES.contains(&diag["code"].as_str().unwrap())
        && !diag["file"]
            .as_str()
            .is_some_and(|f| f.starts_with("themes/"))
}

/// The translation diagnostics of a report, outside the theme, sorted.
fn l10n(report: &Value) -> Vec<D> {
    let mut v: Vec<D> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| is_l10n(x))
        .map(|x| {
            (
                x["code"].as_str().unwrap().to_string(),
                x["severity"].as_str().unwrap().to_string(),
                x["file"].as_str().unwrap_or("").to_string(),
                x["line"].as_u64(),
                x["column"].as_u64(),
                x["locale"].as_str().map(String::from),
            )
        })
        .collect();
    v.sort();
    v
}

fn assert_diags(report: &Value, mut expected: Vec<D>) {
    expected.sort();
    assert_eq!(
        l10n(report),
        expected,
        "\nfull report: {}",
        serde_json::to_string_pretty(&report["diagnostics"]).unwrap()
    );
}

/// The one translation diagnostic with this code and line in this file.
fn find<'a>(report: &'a Value, code: &str, file: &str, line: Option<u64>) -> &'a Value {
    let found: Vec<&Value> = with_code(report, code)
        .into_iter()
        .filter(|x| x["file"] == file && x["line"].as_u64() == line)
        .collect();
    assert_eq!(found.len(), 1, "{code} {file}:{line:?} in {report}");
    found[0]
}

fn text(d: &Value) -> String {
    format!(
        "{}\n{}",
        d["message"].as_str().unwrap(),
        d["help"].as_str().unwrap()
    )
}

const S: Option<u64> = None;
fn l(n: u64) -> Option<u64> {
    Some(n)
}

// ------------------------------------------------------------------------------------------
// The correct counterpart of every rule

#[test]
fn a_correct_translation_produces_no_translation_diagnostic() {
    let c = Campaign::fixture("l10n-clean");
    let report = c.check_json(&[]);
    // Variables kept, a plural select with French's [many], a gender select with fewer
    // variants than the source, a term kept, attributes kept, a name listed in
    // same-as-source.txt and a message without words (`{ $number }`) left as it is.
    assert_diags(&report, vec![]);
    let out = c.herald(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

// ------------------------------------------------------------------------------------------
// Pages

#[test]
fn missing_translation_of_a_page_and_a_page_still_marked_untranslated() {
    let c = Campaign::fixture("l10n-missing-translation");
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![
            // Missing: `file` is where the translation should be; no line.
            d(
                "missing-translation",
                "error",
                "content/fr/b.md",
                S,
                S,
                "fr",
            ),
            // A scaffolded copy: the line of `untranslated: true`.
            d(
                "missing-translation",
                "error",
                "content/fr/c.md",
                l(3),
                S,
                "fr",
            ),
        ],
    );
    let m = find(&report, "missing-translation", "content/fr/b.md", S);
    assert!(text(m).contains("content/en/b.md"), "{m}");
    assert!(text(m).contains("has no fr translation"), "{m}");
    assert_eq!(c.herald(&["check"]).status.code(), Some(1));

    // A translation that exists but cannot be read: its own error, and still missing, with
    // a message that does not claim there is no file.
    c.write(
        "content/fr/b.md",
        "---\ntitle: [Contrats\n---\nLisez votre contrat.\n",
    );
    let report = c.check_json(&[]);
    let bad = with_code(&report, "invalid-front-matter");
    assert_eq!(bad.len(), 1, "{report}");
    assert_eq!(bad[0]["file"], "content/fr/b.md");
    let m = find(&report, "missing-translation", "content/fr/b.md", S);
    assert!(
        text(m).contains("cannot be used until its errors are fixed"),
        "{m}"
    );
}

#[test]
fn orphan_translation() {
    let c = Campaign::fixture("l10n-orphan-translation");
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![d(
            "orphan-translation",
            "error",
            "content/fr/old/visa.md",
            S,
            S,
            "fr",
        )],
    );
    let m = find(&report, "orphan-translation", "content/fr/old/visa.md", S);
    assert!(text(m).contains("content/en/old/visa.md"), "{m}");
}

#[test]
fn stale_translation_of_a_page_without_translation_of_and_after_the_source_changed() {
    let c = Campaign::fixture("l10n-stale-translation");
    // fr/a.md has no `translation_of`: its version is unknown (line 1, the front matter).
    assert_diags(
        &c.check_json(&[]),
        vec![d(
            "stale-translation",
            "warning",
            "content/fr/a.md",
            l(1),
            S,
            "fr",
        )],
    );

    // Accepting it records the version and silences the warning.
    let out = c.herald(&["status", "--accept", "content/fr/a.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_diags(&c.check_json(&[]), vec![]);
    assert!(c.read("content/fr/a.md").contains("\ntranslation_of: "));

    // The source changes: the warning points at `translation_of` (line 4 of fr/a.md:
    // title, summary, then the line --accept added) and names both versions.
    let before = c.read("content/fr/a.md");
    let recorded = before
        .lines()
        .find_map(|l| l.strip_prefix("translation_of: "))
        .unwrap()
        .to_string();
    c.write(
        "content/en/a.md",
        "---\ntitle: Pay\n---\nYou must be paid on time, in full.\n",
    );
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![d(
            "stale-translation",
            "warning",
            "content/fr/a.md",
            l(4),
            S,
            "fr",
        )],
    );
    let m = text(find(&report, "stale-translation", "content/fr/a.md", l(4)));
    assert!(m.contains(&recorded), "{m}");
    assert!(m.contains("content/en/a.md"), "{m}");

    // Accepting again records the new version, and only that line changes.
    let out = c.herald(&["status", "--accept", "content/fr/a.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_diags(&c.check_json(&[]), vec![]);
    let after = c.read("content/fr/a.md");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{before}\n---\n{after}");
    assert!(changed[0].1.starts_with("translation_of: "));
    assert_eq!(before.lines().count(), after.lines().count());
}

#[test]
fn line_endings_and_a_bom_in_the_source_do_not_make_translations_stale() {
    let c = Campaign::fixture("l10n-stale-translation");
    // fr/b.md is accepted: rewriting its source with CRLF endings and a BOM changes bytes,
    // not the version.
    let lf = c.read("content/en/b.md");
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    fs::write(c.root().join("content/en/b.md"), crlf).unwrap();
    assert_diags(
        &c.check_json(&[]),
        vec![d(
            "stale-translation",
            "warning",
            "content/fr/a.md",
            l(1),
            S,
            "fr",
        )],
    );
}

#[test]
fn untranslated_copy_of_a_page_and_of_a_message() {
    let c = Campaign::fixture("l10n-untranslated-copy");
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![
            // The page's body (line 5: after title and translation_of) is the source text;
            // its title is translated, and fr/b.md is translated.
            d(
                "untranslated-copy",
                "warning",
                "content/fr/a.md",
                l(5),
                S,
                "fr",
            ),
            // `hotline` is copied; `brand-name` is copied but listed in same-as-source.txt;
            // `phone = { $number }` has no words to translate.
            d(
                "untranslated-copy",
                "warning",
                "locales/fr/main.ftl",
                l(2),
                l(1),
                "fr",
            ),
        ],
    );
    let m = text(find(
        &report,
        "untranslated-copy",
        "locales/fr/main.ftl",
        l(2),
    ));
    assert!(
        m.contains("`hotline`") && m.contains("locales/fr/same-as-source.txt"),
        "{m}"
    );

    // Without the list, the name is reported too.
    fs::remove_file(c.root().join("locales/fr/same-as-source.txt")).unwrap();
    let report = c.check_json(&[]);
    find(&report, "untranslated-copy", "locales/fr/main.ftl", l(3));
}

#[test]
fn a_translation_keeps_the_sources_partners_stages_and_audiences() {
    let c = Campaign::fixture("l10n-front-matter");
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![
            // fr/a.md: other stages (line 3) and partners (line 5); the same audiences in
            // another order are fine.
            d(
                "front-matter-mismatch",
                "error",
                "content/fr/a.md",
                l(3),
                S,
                "fr",
            ),
            d(
                "partner-mismatch",
                "error",
                "content/fr/a.md",
                l(5),
                S,
                "fr",
            ),
            // fr/b.md: other audiences (line 4); the same stages in another order are fine.
            d(
                "front-matter-mismatch",
                "error",
                "content/fr/b.md",
                l(4),
                S,
                "fr",
            ),
        ],
    );
    let m = text(find(&report, "partner-mismatch", "content/fr/a.md", l(5)));
    assert!(m.contains("[union]") && m.contains("[council]"), "{m}");
    let m = text(find(
        &report,
        "front-matter-mismatch",
        "content/fr/b.md",
        l(4),
    ));
    assert!(
        m.contains("`audiences`") && m.contains("[men]") && m.contains("[women]"),
        "{m}"
    );
}

// ------------------------------------------------------------------------------------------
// Fluent

#[test]
fn fluent_syntax_errors_with_fluents_own_message_line_and_column() {
    let c = Campaign::fixture("l10n-fluent-syntax");
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![
            // `unclosed = Bienvenue, { $name` (line 2): Fluent notices the missing `}` where
            // the next entry starts; Herald points just after `$name`, where it belongs.
            d(
                "fluent-syntax",
                "error",
                "locales/fr/main.ftl",
                l(2),
                l(30),
                "fr",
            ),
            // The select of lines 3-6 has no `*[default]`: found at its closing brace.
            d(
                "fluent-syntax",
                "error",
                "locales/fr/main.ftl",
                l(6),
                l(1),
                "fr",
            ),
            // Junk is not a translation: both messages are missing too; `after`, parsed
            // after the junk, is fine.
            d(
                "missing-message",
                "error",
                "locales/fr/main.ftl",
                S,
                S,
                "fr",
            ),
            d(
                "missing-message",
                "error",
                "locales/fr/main.ftl",
                S,
                S,
                "fr",
            ),
        ],
    );
    let m = find(&report, "fluent-syntax", "locales/fr/main.ftl", l(2));
    assert!(
        m["message"]
            .as_str()
            .unwrap()
            .contains(r#"Expected a token starting with "}""#),
        "{m}"
    );
    let m = find(&report, "fluent-syntax", "locales/fr/main.ftl", l(6));
    assert!(
        m["message"]
            .as_str()
            .unwrap()
            .contains("The select expression must have a default variant"),
        "{m}"
    );
    let missing: Vec<&str> = with_code(&report, "missing-message")
        .iter()
        .map(|m| m["message"].as_str().unwrap())
        .collect();
    assert!(
        missing.iter().any(|m| m.contains("`unclosed`")),
        "{missing:?}"
    );
    assert!(
        missing.iter().any(|m| m.contains("`choose`")),
        "{missing:?}"
    );
}

#[test]
fn missing_message_and_a_whole_missing_file_reported_once() {
    let c = Campaign::fixture("l10n-missing-message");
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![
            d(
                "missing-message",
                "error",
                "locales/fr/forms.ftl",
                S,
                S,
                "fr",
            ),
            d(
                "missing-message",
                "error",
                "locales/fr/main.ftl",
                S,
                S,
                "fr",
            ),
        ],
    );
    let m = text(find(&report, "missing-message", "locales/fr/main.ftl", S));
    assert!(m.contains("`bye`") && m.contains("Goodbye"), "{m}");
    let m = text(find(&report, "missing-message", "locales/fr/forms.ftl", S));
    assert!(
        m.contains("2 messages") && m.contains("locales/en/forms.ftl"),
        "{m}"
    );
}

#[test]
fn obsolete_message_and_a_whole_obsolete_file() {
    let c = Campaign::fixture("l10n-obsolete-message");
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![
            d(
                "obsolete-message",
                "warning",
                "locales/fr/legacy.ftl",
                S,
                S,
                "fr",
            ),
            d(
                "obsolete-message",
                "warning",
                "locales/fr/main.ftl",
                l(2),
                l(1),
                "fr",
            ),
        ],
    );
    let m = text(find(
        &report,
        "obsolete-message",
        "locales/fr/main.ftl",
        l(2),
    ));
    assert!(m.contains("`old-promo`"), "{m}");
    // Warnings only: the check passes.
    assert_eq!(c.herald(&["check"]).status.code(), Some(0));
}

#[test]
fn attribute_mismatch_value_versus_none_and_different_attribute_sets() {
    let c = Campaign::fixture("l10n-attribute-mismatch");
    let report = c.check_json(&[]);
    let f = "locales/fr/main.ftl";
    assert_diags(
        &report,
        vec![
            // A value where the source has only attributes.
            d("attribute-mismatch", "error", f, l(2), l(1), "fr"),
            // No value where the source has one.
            d("attribute-mismatch", "error", f, l(4), l(1), "fr"),
            // `.label` missing (at the message) and `.tooltip` extra (at the attribute).
            d("attribute-mismatch", "error", f, l(6), l(1), "fr"),
            d("attribute-mismatch", "error", f, l(8), l(5), "fr"),
        ],
    );
    assert!(text(find(&report, "attribute-mismatch", f, l(2))).contains("has a value"));
    assert!(text(find(&report, "attribute-mismatch", f, l(4))).contains("has no value"));
    assert!(text(find(&report, "attribute-mismatch", f, l(6))).contains("`.label`"));
    assert!(text(find(&report, "attribute-mismatch", f, l(8))).contains("`.tooltip`"));
}

#[test]
fn variable_mismatch_per_variant_and_dropped_selectors() {
    let c = Campaign::fixture("l10n-variable-mismatch");
    let report = c.check_json(&[]);
    let f = "locales/fr/main.ftl";
    assert_diags(
        &report,
        vec![
            d("variable-mismatch", "error", f, l(2), l(1), "fr"),
            d("variable-mismatch", "error", f, l(3), l(1), "fr"),
            // The variant key `one` of `invite`, line 10 column 6.
            d("variable-mismatch", "error", f, l(10), l(6), "fr"),
            d("variable-mismatch", "error", f, l(14), l(1), "fr"),
            d("variable-mismatch", "error", f, l(15), l(1), "fr"),
        ],
    );
    let at = |line| text(find(&report, "variable-mismatch", f, l(line)));
    // `dropped = Bienvenue` loses $name.
    assert!(
        at(2).contains("`dropped` drops the variable $name"),
        "{}",
        at(2)
    );
    // `extra` uses $name, which the source does not offer.
    assert!(at(3).contains("`extra` uses $name"), "{}", at(3));
    // `invite`'s [one] variant drops $name, which every source variant shows; `pages`'s
    // `[one] Une page` is fine: the selector $count counts as present in every variant.
    assert!(
        at(10).contains("[one]") && at(10).contains("`invite` drops $name"),
        "{}",
        at(10)
    );
    // A translation without the source's select on $gender (reported once, not also as a
    // dropped variable) and one that shows $count but no longer selects on it.
    assert!(
        at(14).contains("`replied` chooses its wording by $gender"),
        "{}",
        at(14)
    );
    assert!(
        at(15).contains("`items` chooses its wording by $count"),
        "{}",
        at(15)
    );
}

#[test]
fn reference_mismatch_warns_on_different_references_and_fails_on_undefined_ones() {
    let c = Campaign::fixture("l10n-reference-mismatch");
    let report = c.check_json(&[]);
    let f = "locales/fr/main.ftl";
    assert_diags(
        &report,
        vec![
            // `about` writes the name instead of using { -brand }: a warning.
            d("reference-mismatch", "warning", f, l(2), l(1), "fr"),
            // `contact` refers to `-brandd`, defined nowhere: an error, and it no longer
            // uses { -brand }: a warning. `help = Voir { about }` is fine.
            d("reference-mismatch", "error", f, l(3), l(1), "fr"),
            d("reference-mismatch", "warning", f, l(3), l(1), "fr"),
        ],
    );
    let errors = with_code(&report, "reference-mismatch")
        .into_iter()
        .filter(|x| x["severity"] == "error")
        .collect::<Vec<_>>();
    assert!(text(errors[0]).contains("`-brandd`"), "{}", errors[0]);
    assert_eq!(c.herald(&["check"]).status.code(), Some(1));
}

#[test]
fn empty_translation_of_a_value_and_of_an_attribute() {
    let c = Campaign::fixture("l10n-empty-translation");
    let report = c.check_json(&[]);
    let f = "locales/fr/main.ftl";
    assert_diags(
        &report,
        vec![
            // `title = { "" }`.
            d("empty-translation", "error", f, l(1), l(1), "fr"),
            // `    .aria-label = { "" }`, at the attribute.
            d("empty-translation", "error", f, l(3), l(5), "fr"),
        ],
    );
    assert!(text(find(&report, "empty-translation", f, l(3))).contains("`.aria-label`"));

    // An attribute with nothing at all after `=` is not Fluent: a syntax error.
    let fr = c.read(f);
    c.write(
        f,
        &fr.replace(
            "    .aria-label = Annuler le formulaire",
            "    .aria-label =",
        ),
    );
    let report = c.check_json(&[]);
    find(&report, "fluent-syntax", f, l(5));
}

#[test]
fn missing_plural_variant_uses_cldr_categories_of_each_locale() {
    let c = Campaign::fixture("l10n-plural");
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![
            // At the select's first variant key, line 2 column 6.
            d(
                "missing-plural-variant",
                "warning",
                "locales/ar/main.ftl",
                l(2),
                l(6),
                "ar",
            ),
            d(
                "missing-plural-variant",
                "warning",
                "locales/fr/main.ftl",
                l(2),
                l(6),
                "fr",
            ),
        ],
    );
    // Arabic with only [one] and [other] lacks zero, two, few and many; `files` has all six.
    let ar = text(find(
        &report,
        "missing-plural-variant",
        "locales/ar/main.ftl",
        l(2),
    ));
    for cat in ["[zero]", "[two]", "[few]", "[many]"] {
        assert!(ar.contains(cat), "{cat}: {ar}");
    }
    assert!(!ar.contains("[one],"), "{ar}");
    // French needs [many] (CLDR: one, many, other); `files` has it.
    let fr = text(find(
        &report,
        "missing-plural-variant",
        "locales/fr/main.ftl",
        l(2),
    ));
    assert!(fr.contains("no variant for [many]"), "{fr}");
}

#[test]
fn duplicate_message_attribute_and_variant_key() {
    let c = Campaign::fixture("l10n-duplicates");
    let report = c.check_json(&[]);
    let f = "locales/fr/main.ftl";
    // fluent-syntax accepts a repeated variant key without junk, so Herald reports it
    // itself as `duplicate-variant`, at the second key.
    assert_diags(
        &report,
        vec![
            d("duplicate-message", "error", f, l(2), l(1), "fr"),
            d("duplicate-attribute", "error", f, l(5), l(5), "fr"),
            d("duplicate-variant", "error", f, l(8), l(6), "fr"),
        ],
    );
    assert!(text(find(&report, "duplicate-message", f, l(2))).contains("line 1"));
    assert!(text(find(&report, "duplicate-attribute", f, l(5))).contains("`.title`"));
    assert!(text(find(&report, "duplicate-variant", f, l(8))).contains("[one]"));
    assert_eq!(c.herald(&["check"]).status.code(), Some(1));
}

#[test]
fn stale_translation_of_a_message_shows_the_old_and_new_source_text() {
    let c = Campaign::fixture("l10n-clean");
    // locales/fr/main.ftl was accepted; the source of `hello` changes.
    let en = c.read("locales/en/main.ftl");
    c.write(
        "locales/en/main.ftl",
        &en.replace("hello = Hello { $name }", "hello = Hello again, { $name }"),
    );
    let report = c.check_json(&[]);
    // `hello` is line 3 of the French file (after a comment and the term).
    assert_diags(
        &report,
        vec![d(
            "stale-translation",
            "warning",
            "locales/fr/main.ftl",
            l(3),
            l(1),
            "fr",
        )],
    );
    let m = text(find(
        &report,
        "stale-translation",
        "locales/fr/main.ftl",
        l(3),
    ));
    assert!(m.contains("The source was: Hello { $name }"), "{m}");
    assert!(m.contains("It is now: Hello again, { $name }"), "{m}");
    assert!(
        m.contains("herald status --accept locales/fr/main.ftl"),
        "{m}"
    );

    // Re-indenting the source or changing its comments is not a change.
    let en = c.read("locales/en/main.ftl");
    c.write(
        "locales/en/main.ftl",
        &format!(
            "# A comment for translators.\n{}",
            en.replace("    [one] One page", "        [one] One page")
        ),
    );
    assert_eq!(l10n(&c.check_json(&[])).len(), 1);

    // Accepting records the new version.
    let out = c.herald(&["status", "--accept", "locales/fr/main.ftl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_diags(&c.check_json(&[]), vec![]);
    let lock = c.read("locales/fr/sources.lock");
    assert!(lock.contains("Hello again, { $name }"), "{lock}");
}

#[test]
fn messages_without_a_recorded_version() {
    let c = Campaign::fixture("l10n-clean");
    // A message added to both locales after the last --accept: warned at its line.
    for (l, t) in [("en", "Goodbye"), ("fr", "Au revoir")] {
        let f = format!("locales/{l}/main.ftl");
        let old = c.read(&f);
        c.write(&f, &format!("{old}bye = {t}\n"));
    }
    let n = c.read("locales/fr/main.ftl").lines().count() as u64;
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![d(
            "stale-translation",
            "warning",
            "locales/fr/main.ftl",
            l(n),
            l(1),
            "fr",
        )],
    );
    assert!(text(find(
        &report,
        "stale-translation",
        "locales/fr/main.ftl",
        l(n)
    ))
    .contains("`bye`"));
    // Without sources.lock at all: one warning for the file, not one per message.
    fs::remove_file(c.root().join("locales/fr/sources.lock")).unwrap();
    assert_diags(
        &c.check_json(&[]),
        vec![d(
            "stale-translation",
            "warning",
            "locales/fr/main.ftl",
            S,
            S,
            "fr",
        )],
    );
}

// ------------------------------------------------------------------------------------------
// `herald status`

/// The status fixture with only one theme string, `locale-name` (the endonym the table
/// shows), so that its counts are the campaign's own: 4 pages and 7 messages in the source.
///
/// fr: pages a.md done, b.md stale, c.md missing, d.md a copy; messages `locale-name` and
/// `hello` done, `bye` missing, `thanks` stale, `hotline` a copy, forms.ftl (`send`,
/// `cancel`) missing. ar: nothing translated but the theme's `locale-name`.
fn status_campaign() -> Campaign {
    let c = Campaign::fixture("l10n-status");
    let theme = c.root().join("themes/default/locales");
    for dir in fs::read_dir(&theme).unwrap() {
        let dir = dir.unwrap().path();
        let mut name = None;
        for f in fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "ftl") {
                let text = fs::read_to_string(&f).unwrap();
                if let Some(l) = text.lines().find(|l| l.starts_with("locale-name =")) {
                    name = Some(l.to_string());
                }
                fs::remove_file(&f).unwrap();
            }
        }
        fs::write(dir.join("theme.ftl"), format!("{}\n", name.unwrap())).unwrap();
    }
    c
}

fn status_json(c: &Campaign, extra: &[&str]) -> Value {
    let mut args = vec!["status", "--format", "json"];
    args.extend_from_slice(extra);
    let out = c.herald(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn counts(v: &Value) -> (u64, u64, u64, u64, u64, f64, u64) {
    (
        v["total"].as_u64().unwrap(),
        v["translated"].as_u64().unwrap(),
        v["missing"].as_u64().unwrap(),
        v["stale"].as_u64().unwrap(),
        v["untranslated"].as_u64().unwrap(),
        v["percent"].as_f64().unwrap(),
        v["words_to_do"].as_u64().unwrap(),
    )
}

#[test]
fn status_json_counts_percentages_and_words() {
    let c = status_campaign();
    let s = status_json(&c, &[]);
    let locales = s["locales"].as_array().unwrap();
    let tags: Vec<&str> = locales
        .iter()
        .map(|l| l["locale"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["en", "fr", "ar"]);
    let (en, fr, ar) = (&locales[0], &locales[1], &locales[2]);
    assert_eq!(en["source"], true);
    assert_eq!(counts(&en["pages"]), (4, 4, 0, 0, 0, 100.0, 0));
    assert_eq!(counts(&en["messages"]), (7, 7, 0, 0, 0, 100.0, 0));
    // Words still to do, from the source: b.md 1 + 8, c.md 2 + 7, d.md 1 + 5 (title +
    // body) = 24; bye 4, thanks 4, hotline 3 (not `$number`), send 3, cancel 1 = 15.
    assert_eq!(counts(&fr["pages"]), (4, 1, 1, 1, 1, 25.0, 24));
    assert_eq!(counts(&fr["messages"]), (7, 2, 3, 1, 1, 28.6, 15));
    // a.md 2 + 6 besides; hello 1 besides.
    assert_eq!(counts(&ar["pages"]), (4, 0, 4, 0, 0, 0.0, 32));
    assert_eq!(counts(&ar["messages"]), (7, 1, 6, 0, 0, 14.3, 16));
    assert_eq!(fr["name"], "Français");
    assert_eq!(ar["name"], "العربية");

    // One locale: only it, with its tasks by file.
    let s = status_json(&c, &["fr"]);
    let locales = s["locales"].as_array().unwrap();
    assert_eq!(locales.len(), 1);
    // The translation tasks, by file (other checks may add tasks of their own).
    let tasks = locales[0]["tasks"].as_object().unwrap();
    let l10n_tasks = |file: &str| -> Vec<&str> {
        let mut v: Vec<&str> = tasks
            .get(file)
            .map(|t| t.as_array().unwrap().as_slice())
            .unwrap_or_default()
            .iter()
            .map(|t| t["code"].as_str().unwrap())
            .filter(|c| L10N_CODES.contains(c))
            .collect();
        v.sort();
        v
    };
    assert!(l10n_tasks("content/fr/a.md").is_empty());
    assert_eq!(l10n_tasks("content/fr/b.md"), ["stale-translation"]);
    assert_eq!(l10n_tasks("content/fr/c.md"), ["missing-translation"]);
    assert_eq!(l10n_tasks("content/fr/d.md"), ["untranslated-copy"]);
    assert_eq!(l10n_tasks("locales/fr/forms.ftl"), ["missing-message"]);
    assert_eq!(
        l10n_tasks("locales/fr/main.ftl"),
        ["missing-message", "stale-translation", "untranslated-copy"]
    );
    let stale = &tasks["locales/fr/main.ftl"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "stale-translation")
        .unwrap();
    assert_eq!(stale["line"], 2);
    assert!(
        stale["help"]
            .as_str()
            .unwrap()
            .contains("The source was: Thanks\nIt is now: Thank you very much"),
        "{stale}"
    );
}

#[test]
fn status_table_for_all_locales() {
    let c = status_campaign();
    let out = c.herald(&["status"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let row = |tag: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{tag} ")))
            .unwrap_or_else(|| panic!("no row for {tag}:\n{text}"));
        line.split_whitespace().map(String::from).collect()
    };
    assert_eq!(
        row("en"),
        [
            "en", "English", "(source)", "100.0%", "0", "0", "0", "0", "│", "100.0%", "0", "0",
            "0", "0"
        ]
    );
    assert_eq!(
        row("fr"),
        [
            "fr",
            "Français",
            "25.0%",
            "1",
            "1",
            "1",
            "24",
            "│",
            "28.6%",
            "3",
            "1",
            "1",
            "15"
        ]
    );
    assert_eq!(
        row("ar"),
        [
            "ar",
            "العربية",
            "0.0%",
            "4",
            "0",
            "0",
            "32",
            "│",
            "14.3%",
            "6",
            "0",
            "0",
            "16"
        ]
    );
    // The columns line up under the header, whatever the script of the name.
    let header = text.lines().next().unwrap();
    let bar = |l: &str| l.chars().position(|c| c == '│').unwrap();
    for tag in ["en", "fr", "ar"] {
        let line = text.lines().find(|l| l.starts_with(tag)).unwrap();
        assert_eq!(bar(line), bar(header), "{line}");
    }
}

#[test]
fn status_of_one_locale_lists_the_tasks_file_by_file() {
    let c = status_campaign();
    let out = c.herald(&["status", "fr"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "Français (fr): pages 25.0% translated (1/4), messages 28.6% translated (2/7)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("39 words of source text to translate or check."),
        "{text}"
    );
    // Each file once, in order, with what to do in it.
    let order: Vec<usize> = [
        "\ncontent/fr/b.md\n",
        "\ncontent/fr/c.md\n",
        "\ncontent/fr/d.md\n",
        "\nlocales/fr/forms.ftl\n",
        "\nlocales/fr/main.ftl\n",
    ]
    .iter()
    .map(|f| {
        assert_eq!(text.matches(f).count(), 1, "{f}: {text}");
        text.find(f).unwrap()
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    let section = |f: &str| {
        let start = text.find(&format!("\n{f}\n")).unwrap() + f.len() + 2;
        let rest = &text[start..];
        rest[..rest.find("\n\n").unwrap_or(rest.len())].to_string()
    };
    assert!(section("content/fr/b.md").contains("line 3: the source page changed"));
    assert!(section("content/fr/b.md").contains("[stale-translation]"));
    assert!(section("content/fr/c.md").contains("[missing-translation]"));
    assert!(section("content/fr/d.md").contains("[untranslated-copy]"));
    assert!(section("locales/fr/forms.ftl").contains("[missing-message]"));
    let main = section("locales/fr/main.ftl");
    assert!(
        main.contains("`bye` is not translated [missing-message]"),
        "{main}"
    );
    // The stale message with its source text as it was and as it is now.
    assert!(
        main.contains("line 2: the source of `thanks` changed"),
        "{main}"
    );
    assert!(main.contains("The source was: Thanks\n"), "{main}");
    assert!(main.contains("It is now: Thank you very much\n"), "{main}");
    assert!(main.contains("line 3: `hotline` is identical"), "{main}");
    // Nothing of another locale.
    assert!(!text.contains("/ar/"), "{text}");

    // The source locale has no translation to do.
    let out = c.herald(&["status", "en"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "English (en): pages 100.0% translated (4/4), messages 100.0% translated (7/7)\n"
        ),
        "{text}"
    );
    // An unknown locale is a usage error.
    assert_eq!(c.herald(&["status", "de"]).status.code(), Some(2));
}

// ------------------------------------------------------------------------------------------
// `herald status --accept`

#[test]
fn accept_writes_translation_of_and_keeps_crlf_files_byte_for_byte() {
    let c = Campaign::fixture("l10n-stale-translation");
    let lf = c.read("content/fr/a.md");
    let crlf = lf.replace('\n', "\r\n");
    fs::write(c.root().join("content/fr/a.md"), &crlf).unwrap();
    let out = c.herald(&["status", "--accept", "content/fr/a.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("accepted content/fr/a.md"));
    let after = fs::read(c.root().join("content/fr/a.md")).unwrap();
    let after = String::from_utf8(after).unwrap();
    let version = after
        .split("\r\n")
        .find_map(|l| l.strip_prefix("translation_of: "))
        .unwrap()
        .to_string();
    assert_eq!(version.len(), 12);
    assert!(version.chars().all(|c| c.is_ascii_hexdigit()), "{version}");
    // Every byte kept, plus one CRLF line before the closing `---`.
    let expected = crlf.replacen(
        "summary: Votre salaire.\r\n---\r\n",
        &format!("summary: Votre salaire.\r\ntranslation_of: {version}\r\n---\r\n"),
        1,
    );
    assert_eq!(after, expected);
    assert_diags(&c.check_json(&[]), vec![]);

    // Accepting again changes nothing; a changed source then a new accept replaces the
    // line in place.
    let out = c.herald(&["status", "--accept", "content/fr/a.md"]);
    assert!(out.status.success());
    assert_eq!(c.read("content/fr/a.md"), after);
    c.write(
        "content/en/a.md",
        "---\ntitle: Pay\n---\nYou must be paid.\n",
    );
    let out = c.herald(&["status", "--accept", "content/fr/a.md"]);
    assert!(out.status.success());
    let again = c.read("content/fr/a.md");
    let new_version = &again.split("translation_of: ").nth(1).unwrap()[..12];
    assert_ne!(new_version, version);
    assert_eq!(again, after.replace(&version, new_version));
}

#[test]
fn accept_handles_a_bom_and_paths_from_another_folder() {
    let c = Campaign::fixture("l10n-stale-translation");
    let text = c.read("content/fr/a.md");
    fs::write(c.root().join("content/fr/a.md"), format!("\u{feff}{text}")).unwrap();
    // An absolute path, as a shell completion from elsewhere gives it.
    let abs = c.root().join("content/fr/a.md");
    let out = c.herald(&["status", "--accept", abs.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = c.read("content/fr/a.md");
    assert!(after.starts_with("\u{feff}---\n"), "{after:?}");
    assert_diags(&c.check_json(&[]), vec![]);
}

#[test]
fn accept_writes_sources_lock_for_a_fluent_file() {
    let c = Campaign::fixture("l10n-clean");
    fs::remove_file(c.root().join("locales/fr/sources.lock")).unwrap();
    assert_eq!(l10n(&c.check_json(&[])).len(), 1);
    let out = c.herald(&["status", "--accept", "locales/fr/main.ftl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lock = c.read("locales/fr/sources.lock");
    for id in [
        "-brand:", "hello:", "about:", "pages:", "replied:", "send:", "hotline:",
    ] {
        assert!(lock.contains(&format!("\n{id}\n")), "{id}: {lock}");
    }
    assert!(lock.contains("source: Hello { $name }"), "{lock}");
    assert_diags(&c.check_json(&[]), vec![]);
}

#[test]
fn accept_refuses_what_it_cannot_accept_and_then_writes_nothing() {
    let c = Campaign::fixture("l10n-missing-translation");
    let before_a = c.read("content/fr/a.md");
    for (file, why) in [
        ("content/en/a.md", "is a source page"),
        ("content/fr/c.md", "still marked `untranslated: true`"),
        ("locales/en/main.ftl", "is in the source locale"),
        ("content/fr/nothing.md", "is not a page or Fluent file"),
    ] {
        // With a good file first: nothing at all is written when one file fails.
        let out = c.herald(&["status", "--accept", "content/fr/a.md", file]);
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
        assert!(stderr(&out).contains(why), "{file}: {}", stderr(&out));
        assert!(stderr(&out).contains("accept-failed"), "{}", stderr(&out));
        assert_eq!(c.read("content/fr/a.md"), before_a);
    }
    let c = Campaign::fixture("l10n-orphan-translation");
    let out = c.herald(&["status", "--accept", "content/fr/old/visa.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("has no source page content/en/old/visa.md"),
        "{}",
        stderr(&out)
    );
}

// ------------------------------------------------------------------------------------------
// `herald status LOCALE --scaffold`

#[test]
fn scaffold_creates_missing_files_marked_untranslated_and_never_overwrites() {
    let c = status_campaign();
    let keep = ["content/fr/a.md", "content/fr/b.md", "content/fr/d.md"];
    let before: Vec<String> = keep.iter().map(|f| c.read(f)).collect();
    let main_before = c.read("locales/fr/main.ftl");

    let out = c.herald(&["status", "fr", "--scaffold"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for f in [
        "content/fr/c.md",
        "locales/fr/forms.ftl",
        "locales/fr/main.ftl",
    ] {
        assert!(err.contains(&format!("created {f}")), "{f}: {err}");
    }
    assert!(err.contains("3 files created or extended"), "{err}");

    // Existing translations untouched; main.ftl only extended.
    for (f, b) in keep.iter().zip(&before) {
        assert_eq!(&c.read(f), b, "{f}");
    }
    let main = c.read("locales/fr/main.ftl");
    assert!(main.starts_with(&main_before), "{main}");
    assert_eq!(
        &main[main_before.len()..],
        "\n# untranslated\nbye = Goodbye and good luck\n"
    );
    assert_eq!(
        c.read("locales/fr/forms.ftl"),
        "# untranslated\nsend = Send the form\n\n# untranslated\ncancel = Cancel\n"
    );
    let page = c.read("content/fr/c.md");
    assert!(
        page.starts_with("---\ntitle: Your passport\ntranslation_of: "),
        "{page}"
    );
    assert!(
        page.contains("\nuntranslated: true\n---\nYour employer may not keep your passport.\n"),
        "{page}"
    );

    // Still missing until the marks go.
    let report = c.check_json(&[]);
    assert_diags(
        &report,
        vec![
            d(
                "missing-translation",
                "error",
                "content/fr/c.md",
                l(4),
                S,
                "fr",
            ),
            d(
                "missing-message",
                "error",
                "locales/fr/forms.ftl",
                l(2),
                l(1),
                "fr",
            ),
            d(
                "missing-message",
                "error",
                "locales/fr/forms.ftl",
                l(5),
                l(1),
                "fr",
            ),
            d(
                "missing-message",
                "error",
                "locales/fr/main.ftl",
                l(6),
                l(1),
                "fr",
            ),
            // Unchanged from before the scaffold:
            d(
                "stale-translation",
                "warning",
                "content/fr/b.md",
                l(3),
                S,
                "fr",
            ),
            d(
                "untranslated-copy",
                "warning",
                "content/fr/d.md",
                l(5),
                S,
                "fr",
            ),
            d(
                "stale-translation",
                "warning",
                "locales/fr/main.ftl",
                l(2),
                l(1),
                "fr",
            ),
            d(
                "untranslated-copy",
                "warning",
                "locales/fr/main.ftl",
                l(3),
                l(1),
                "fr",
            ),
            d(
                "missing-translation",
                "error",
                "content/ar/a.md",
                S,
                S,
                "ar",
            ),
            d(
                "missing-translation",
                "error",
                "content/ar/b.md",
                S,
                S,
                "ar",
            ),
            d(
                "missing-translation",
                "error",
                "content/ar/c.md",
                S,
                S,
                "ar",
            ),
            d(
                "missing-translation",
                "error",
                "content/ar/d.md",
                S,
                S,
                "ar",
            ),
            d(
                "missing-message",
                "error",
                "locales/ar/forms.ftl",
                S,
                S,
                "ar",
            ),
            d(
                "missing-message",
                "error",
                "locales/ar/main.ftl",
                S,
                S,
                "ar",
            ),
        ],
    );
    let s = status_json(&c, &["fr"]);
    assert_eq!(s["locales"][0]["pages"]["missing"], 1);
    assert_eq!(s["locales"][0]["messages"]["missing"], 3);

    // A second run creates nothing and changes nothing.
    let snapshot = |c: &Campaign| -> Vec<(String, String)> {
        [
            "content/fr/c.md",
            "locales/fr/forms.ftl",
            "locales/fr/main.ftl",
        ]
        .iter()
        .map(|f| (f.to_string(), c.read(f)))
        .collect()
    };
    let first = snapshot(&c);
    let out = c.herald(&["status", "fr", "--scaffold"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("0 files created"), "{}", stderr(&out));
    assert_eq!(snapshot(&c), first);

    // Removing the marks without translating: no longer missing, but copies of the source.
    c.write(
        "content/fr/c.md",
        &c.read("content/fr/c.md")
            .replace("untranslated: true\n", ""),
    );
    c.write(
        "locales/fr/forms.ftl",
        &c.read("locales/fr/forms.ftl")
            .replace("# untranslated\n", ""),
    );
    let report = c.check_json(&[]);
    assert!(with_code(&report, "missing-translation")
        .iter()
        .all(|x| x["locale"] == "ar"));
    let fr_missing: Vec<&Value> = with_code(&report, "missing-message")
        .into_iter()
        .filter(|x| x["locale"] == "fr")
        .collect();
    assert_eq!(fr_missing.len(), 1, "{fr_missing:?}");
    assert_eq!(fr_missing[0]["file"], "locales/fr/main.ftl");
    find(&report, "untranslated-copy", "content/fr/c.md", l(5));
    find(&report, "untranslated-copy", "locales/fr/forms.ftl", l(1));
    find(&report, "untranslated-copy", "locales/fr/forms.ftl", l(3));
}

#[test]
fn scaffold_a_locale_that_has_nothing_yet() {
    let c = status_campaign();
    let out = c.herald(&["status", "ar", "--scaffold"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for f in ["a", "b", "c", "d"] {
        let p = c.read(&format!("content/ar/{f}.md"));
        assert!(p.contains("\nuntranslated: true\n"), "{p}");
    }
    let report = c.check_json(&[]);
    let ar: Vec<D> = l10n(&report)
        .into_iter()
        .filter(|x| x.5.as_deref() == Some("ar"))
        .collect();
    // 4 pages and 6 messages, each still missing at its own line.
    assert_eq!(ar.len(), 10, "{ar:?}");
    assert!(ar
        .iter()
        .all(|x| x.0.starts_with("missing-") && x.3.is_some()));
    // The source locale cannot be scaffolded.
    assert_eq!(
        c.herald(&["status", "en", "--scaffold"]).status.code(),
        Some(2)
    );
}

// ------------------------------------------------------------------------------------------
// `herald build`

#[test]
fn build_fails_on_a_missing_translation_and_allow_incomplete_publishes_fallbacks() {
    let c = Campaign::fixture("l10n-missing-translation");
    let out = c.herald(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("missing-translation"),
        "{}",
        stderr(&out)
    );
    assert!(
        !c.site().exists(),
        "nothing may be written when the build fails"
    );

    let out = c.herald(&["build", "--allow-incomplete"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("fr: b.md") && err.contains("fr: c.md"),
        "{err}"
    );
    assert!(!err.contains("fr: a.md"), "{err}");
    // b.md (missing) and c.md (scaffolded, still untranslated) show the English text in an
    // element marked as English, with a notice in French.
    for (p, title) in [("b", "Contracts"), ("c", "Housing")] {
        let doc = parse(&c.site().join(format!("fr/{p}/index.html")));
        let article = select(&doc, "article")[0];
        assert_eq!(article.value().attr("lang"), Some("en"), "{p}");
        let notice = select(&doc, "article .notice");
        assert_eq!(notice.len(), 1, "{p}");
        assert_eq!(notice[0].value().attr("lang"), Some("fr"));
        let text: String = notice[0].text().collect();
        assert!(text.contains("pas encore traduite"), "{text}");
        let h1: String = select(&doc, "h1")[0].text().collect();
        assert!(h1.contains(title), "{h1}");
    }
    // The translated page has no notice.
    let doc = parse(&c.site().join("fr/a/index.html"));
    assert!(select(&doc, ".notice").is_empty());
}

#[test]
fn build_fails_on_a_missing_message_unless_allow_incomplete() {
    let c = Campaign::fixture("l10n-missing-message");
    let out = c.herald(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("missing-message"), "{}", stderr(&out));
    let out = c.herald(&["build", "--allow-incomplete"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(c.site().join("fr/a/index.html").is_file());
}

#[test]
fn a_stale_select_shows_its_variants_as_written() {
    let c = Campaign::fixture("l10n-clean");
    let en = c.read("locales/en/main.ftl");
    c.write(
        "locales/en/main.ftl",
        &en.replace("[one] One page", "[one] A single page"),
    );
    let report = c.check_json(&[]);
    let m = text(find(
        &report,
        "stale-translation",
        "locales/fr/main.ftl",
        l(5),
    ));
    assert!(
        m.contains(
            "It is now: { $count ->\n    [one] A single page\n   *[other] { $count } pages\n}\n"
        ),
        "{m}"
    );
}
