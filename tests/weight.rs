//! Light pages: every page of the example campaign, HTML plus the one shared stylesheet, is
//! at most 40 KB uncompressed, and the median page at most 25 KB, in every locale. No page
//! loads a web font or needs a script to be read.

mod common;
use common::*;
use std::fs;

const MAX: u64 = 40 * 1024;
const MEDIAN: u64 = 25 * 1024;

#[test]
fn every_page_fits_the_budget() {
    let c = Campaign::example();
    let out = c.herald(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = c.site();
    let css = fs::metadata(site.join("style.css")).unwrap().len();
    let stylesheet = fs::read_to_string(site.join("style.css")).unwrap();
    assert!(
        !stylesheet.contains("@font-face") && !stylesheet.contains("@import"),
        "the stylesheet downloads fonts or other stylesheets"
    );
    let mut report = Vec::new();
    for locale in ["en", "fr", "es", "ar"] {
        let mut sizes: Vec<(u64, String)> = html_files(&site.join(locale))
            .into_iter()
            .map(|f| {
                let html = fs::read_to_string(&f).unwrap();
                // One stylesheet, the shared one; scripts only on the search page.
                let doc = scraper::Html::parse_document(&html);
                let sheets = select(&doc, "link[rel=stylesheet]");
                assert_eq!(sheets.len(), 1, "{}", f.display());
                assert!(sheets[0]
                    .value()
                    .attr("href")
                    .unwrap()
                    .ends_with("style.css"));
                let is_search = f.parent().unwrap().ends_with("search");
                if !is_search {
                    assert!(
                        select(&doc, "body script").is_empty(),
                        "{} needs a script",
                        f.display()
                    );
                }
                (
                    html.len() as u64 + css,
                    f.strip_prefix(&site).unwrap().display().to_string(),
                )
            })
            .collect();
        sizes.sort();
        let max = sizes.last().unwrap();
        let median = sizes[sizes.len() / 2].0;
        assert!(
            max.0 <= MAX,
            "{}: {} bytes of HTML + CSS, over {MAX}",
            max.1,
            max.0
        );
        assert!(
            median <= MEDIAN,
            "{locale}: median {median} bytes, over {MEDIAN}"
        );
        report.push(format!(
            "{locale}: {} pages, median {:.1} KB, max {:.1} KB ({})",
            sizes.len(),
            median as f64 / 1024.0,
            max.0 as f64 / 1024.0,
            max.1
        ));
    }
    eprintln!(
        "page weight (HTML + {css} bytes of CSS):\n  {}",
        report.join("\n  ")
    );
}
