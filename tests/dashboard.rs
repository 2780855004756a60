//! The status dashboard and coverage: what translators and the campaign team see.

mod common;
use common::*;

#[test]
fn the_dashboard_lists_each_locales_tasks_and_coverage() {
    let c = Campaign::fixture("basic");
    let out = c.herald(&["build", "--allow-incomplete"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = parse(&c.root().join("output/status/index.html"));
    let files: Vec<String> = select(&doc, "details h3 code")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert!(
        files.contains(&"content/fr/work/job.md".to_string()),
        "{files:?}"
    );
    assert!(files.contains(&"content/ar/work/job.md".to_string()));
    // The job page (before departure, youth) exists only in English: a gap in fr and ar.
    let tables = select(&doc, "table");
    let ar = tables
        .iter()
        .find(|t| {
            t.text()
                .collect::<String>()
                .contains("ar: pages per audience")
        })
        .expect("ar matrix");
    let youth_row = ar
        .select(&scraper::Selector::parse("tr").unwrap())
        .find(|r| r.text().collect::<String>().contains("youth"))
        .unwrap();
    let cells: Vec<String> = youth_row
        .select(&scraper::Selector::parse("td").unwrap())
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(cells, vec!["none", "none", "none", "none"]);
    let en = tables
        .iter()
        .find(|t| {
            t.text()
                .collect::<String>()
                .contains("en: pages per audience")
        })
        .unwrap();
    let text: String = en.text().collect();
    assert!(text.contains('1'));
    // Partner kinds: involved and lacking.
    let kinds = tables
        .iter()
        .find(|t| t.text().collect::<String>().contains("Stakeholder kinds"))
        .unwrap();
    let text: String = kinds.text().collect();
    assert!(text.contains("Workers Union") && text.contains("Town Council"));
    assert!(text.contains("none"));
}

#[test]
fn status_json_has_counts_tasks_and_coverage() {
    let c = Campaign::fixture("basic");
    let out = c.herald(&["status", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fr = v["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "fr")
        .unwrap();
    assert_eq!(fr["pages"]["total"], 3);
    assert_eq!(fr["pages"]["missing"], 2);
    assert_eq!(fr["pages"]["stale"], 1);
    assert_eq!(fr["pages"]["translated"], 0);
    assert!(fr["pages"]["words_to_do"].as_u64().unwrap() > 10);
    let ar_gaps = &v["coverage"]["audiences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "ar")
        .unwrap()["gaps"];
    assert!(ar_gaps
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g[0] == "youth" && g[1] == "before-departure"));
    let kinds = v["coverage"]["kinds"].as_array().unwrap();
    assert_eq!(
        kinds.iter().find(|k| k["kind"] == "trade-union").unwrap()["partners"][0],
        "Workers Union"
    );
    // Human output names the stakeholders that are missing.
    let out = c.herald(&["status"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Stakeholders not involved:") && text.contains("media"),
        "{text}"
    );
}
