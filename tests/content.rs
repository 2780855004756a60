//! The content checks, one fixture campaign each, asserted on `herald check --format json`:
//! exact code, severity, file, line, column and locale, and nothing for correct input.

mod common;
use common::*;

/// Every content-check code, for "correct input produces none".
const CODES: [&str; 9] = [
    "missing-alt",
    "heading-order",
    "vague-link-text",
    "table-header",
    "missing-title",
    "unmarked-language",
    "non-inclusive-term",
    "review-overdue",
    "missing-review-date",
];

type Found = (String, Option<u64>, Option<u64>, String);

/// (file, line, column, locale) of every diagnostic with `code`, checking its severity.
fn found(report: &serde_json::Value, code: &str, severity: &str) -> Vec<Found> {
    let mut v: Vec<Found> = with_code(report, code)
        .into_iter()
        .map(|d| {
            assert_eq!(d["severity"], severity, "{d}");
            assert!(!d["message"].as_str().unwrap().is_empty(), "{d}");
            assert!(!d["help"].as_str().unwrap().is_empty(), "{d}");
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64(),
                d["column"].as_u64(),
                d["locale"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn at(file: &str, line: u64, column: Option<u64>, locale: &str) -> Found {
    (file.to_string(), Some(line), column, locale.to_string())
}

fn messages(report: &serde_json::Value, code: &str) -> Vec<String> {
    with_code(report, code)
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn missing_alt() {
    let r = Campaign::fixture("content-missing-alt").check_json(&[]);
    let f = "content/en/images.md";
    assert_eq!(
        found(&r, "missing-alt", "error"),
        vec![
            at(f, 7, Some(1), "en"),  // ![](…)
            at(f, 11, Some(1), "en"), // ![decorative](…) would be read aloud
            at(f, 15, Some(8), "en"), // inline <img> without alt
            at(f, 20, Some(1), "en"), // <img alt=""> in an HTML block, not presentational
            at(f, 24, Some(1), "en"), // a file name as alt text
            at(f, 26, Some(2), "en"), // an image inside a link
        ]
    );
    // `![](…)<!-- decorative -->`, `<img alt=""><!-- decorative -->` and good.md pass.
}

#[test]
fn heading_order() {
    let r = Campaign::fixture("content-heading-order").check_json(&[]);
    let f = "content/en/headings.md";
    assert_eq!(
        found(&r, "heading-order", "warning"),
        vec![
            at(f, 5, Some(1), "en"),  // the body starts at ###
            at(f, 9, Some(1), "en"),  // ## then ####
            at(f, 13, Some(1), "en"), // # in the body
            at(f, 15, Some(1), "en"), // a setext level-1 heading
        ]
    );
}

#[test]
fn vague_link_text_in_every_shipped_language() {
    let r = Campaign::fixture("content-vague-link").check_json(&[]);
    assert_eq!(
        found(&r, "vague-link-text", "warning"),
        vec![
            at("content/ar/links.md", 6, Some(22), "ar"), // اضغط هنا
            at("content/ar/links.md", 8, Some(49), "ar"), // اقرأ المزيد
            at("content/en/links.md", 5, Some(23), "en"), // click here
            at("content/en/links.md", 7, Some(41), "en"), // Read more.
            at("content/en/links.md", 9, Some(15), "en"), // <https://…> autolink
            at("content/en/links.md", 9, Some(46), "en"), // [https://…](https://…)
            at("content/en/links.md", 13, Some(16), "en"), // [](…): no text at all
            at("content/es/links.md", 6, Some(39), "es"), // haga clic aquí
            at("content/es/links.md", 8, Some(63), "es"), // Leer más
            at("content/fr/links.md", 6, Some(35), "fr"), // cliquez ici
            at("content/fr/links.md", 8, Some(65), "fr"), // En savoir plus
        ]
    );
    assert!(messages(&r, "vague-link-text")
        .iter()
        .any(|m| m.contains("web address")));
    assert!(with_code(&r, "stale-translation")
        .iter()
        .all(|d| !d["file"].as_str().unwrap().starts_with("content/")));
}

#[test]
fn table_without_header_row() {
    let r = Campaign::fixture("content-table-header").check_json(&[]);
    assert_eq!(
        found(&r, "table-header", "warning"),
        vec![
            at("content/en/tables.md", 7, Some(1), "en"),
            at("content/en/tables.md", 19, Some(3), "en"), // inside a list item
        ]
    );
}

#[test]
fn missing_title() {
    let r = Campaign::fixture("content-missing-title").check_json(&[]);
    assert_eq!(
        found(&r, "missing-title", "error"),
        vec![
            at("content/en/empty-title.md", 3, None, "en"), // `title: "  "`
            at("content/en/no-title.md", 1, None, "en"),
        ]
    );
}

#[test]
fn unmarked_language() {
    let r = Campaign::fixture("content-unmarked-language").check_json(&[]);
    assert_eq!(
        found(&r, "unmarked-language", "warning"),
        vec![
            // Latin in an Arabic page: a four-word title, and a table header.
            at("content/ar/help.md", 8, Some(14), "ar"),
            at("content/ar/help.md", 16, Some(12), "ar"),
            // Arabic in an English and a French page.
            at("content/en/help.md", 7, Some(5), "en"),
            at("content/fr/help.md", 6, Some(12), "fr"),
        ]
    );
    // Not reported: WhatsApp, Migrant Voices, <span lang>, <div lang>, code, URLs, English
    // in the French page (same script).
    let m = messages(&r, "unmarked-language");
    assert!(m
        .iter()
        .any(|m| m.contains("“Global Compact for Safe Migration”")
            && m.contains("Latin script")
            && m.contains("Arabic script")));
    let help = with_code(&r, "unmarked-language")
        .iter()
        .map(|d| d["help"].as_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(help
        .iter()
        .any(|h| h.contains(r#"<span lang="en" dir="ltr">Global Compact"#)));
    assert!(help
        .iter()
        .any(|h| h.contains(r#"<span lang="ar" dir="rtl">"#)));
}

#[test]
fn non_inclusive_terms_with_suggestions() {
    let r = Campaign::fixture("content-non-inclusive").check_json(&[]);
    assert_eq!(
        found(&r, "non-inclusive-term", "warning"),
        vec![
            at("content/ar/work.md", 6, Some(5), "ar"), // مهاجر غير شرعي
            at("content/en/work.md", 2, Some(8), "en"), // Manpower, in the title
            at("content/en/work.md", 3, Some(19), "en"), // chairman, in the summary
            at("content/en/work.md", 8, Some(4), "en"), // guys, from the campaign's list
            at("content/en/work.md", 8, Some(14), "en"), // Chairman
            at("content/en/work.md", 8, Some(33), "en"), // illegal⏎migrants
            at("content/es/work.md", 6, Some(5), "es"), // migrantes ilegales
            at("content/fr/work.md", 3, Some(24), "fr"), // les migrants, in the summary
            at("content/fr/work.md", 8, Some(5), "fr"), // travailleur·euse·s
            at("content/fr/work.md", 8, Some(31), "fr"), // étudiant·es (any median dot)
        ]
    );
    // Not reported: code, URLs, <cite>, `sources`, "chairmanship", "mankind" (removed by
    // the campaign), "clandestin" (allow_terms), "غير النظاميين", "es ilegal cobrar".
    let m = messages(&r, "non-inclusive-term");
    let has = |s: &str| m.iter().any(|m| m.contains(s));
    assert!(has("“illegal migrants”") && has("migrants in an irregular situation"));
    assert!(has("“les migrants”") && has("les personnes migrantes"));
    assert!(has("travailleuses et travailleurs") && has("screen readers"));
    assert!(has("مهاجر غير نظامي"));
    assert!(has("en situación irregular"));
    assert!(has("everyone"));
}

#[test]
fn an_invalid_campaign_term_list_is_reported() {
    let c = Campaign::fixture("content-non-inclusive");
    c.write("locales/en/terms.yaml", "- term: guys\n  suggestion: [\n");
    let r = c.check_json(&[]);
    let d = with_code(&r, "invalid-config");
    assert_eq!(d.len(), 1, "{r}");
    assert_eq!(d[0]["file"], "locales/en/terms.yaml");
    assert!(d[0]["line"].as_u64().is_some());
    // The shipped list still applies.
    assert!(!with_code(&r, "non-inclusive-term").is_empty());
}

#[test]
fn review_dates() {
    let c = Campaign::fixture("content-review");
    let r = c.check_json(&[]);
    let overdue = vec![
        at("content/en/due.md", 4, None, "en"), // review_by is yesterday
        at("content/en/old.md", 4, None, "en"), // reviewed 366 days ago
    ];
    assert_eq!(found(&r, "review-overdue", "warning"), overdue);
    // _index.md needs no date; fresh.md is due today, not overdue.
    assert_eq!(
        found(&r, "missing-review-date", "warning"),
        vec![at("content/en/undated.md", 1, None, "en")]
    );
    assert!(c.herald(&["check"]).status.success());

    let strict = c.check_json(&["--strict"]);
    assert_eq!(found(&strict, "review-overdue", "error"), overdue);
    assert_eq!(
        found(&strict, "missing-review-date", "warning").len(),
        1,
        "--strict changes review-overdue only"
    );
    assert_eq!(c.herald(&["check", "--strict"]).status.code(), Some(1));
}

#[test]
fn correct_content_produces_no_content_diagnostics() {
    for c in [Campaign::fixture("content-clean"), Campaign::example()] {
        let r = c.check_json(&[]);
        for code in CODES {
            assert!(
                with_code(&r, code).is_empty(),
                "{code} in {}: {:?}",
                c.root().display(),
                with_code(&r, code)
            );
        }
        assert_eq!(r["summary"]["errors"], 0, "{r}");
    }
}
