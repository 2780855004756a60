//! The campaign builds: URLs per locale, direction, switcher, hreflang, fallback, relative
//! links, sitemap and atomic output, asserted on the HTML Herald writes.

mod common;
use common::*;
use std::fs;

fn build_basic() -> Campaign {
    let c = Campaign::fixture("basic");
    let out = c.herald(&["build", "--allow-incomplete"]);
    assert!(out.status.success(), "{}", stderr(&out));
    c
}

#[test]
fn one_url_per_page_and_locale() {
    let c = build_basic();
    for l in ["en", "fr", "ar"] {
        for p in [
            "index.html",
            "work/index.html",
            "work/rights/index.html",
            "work/job/index.html",
            "partners/index.html",
        ] {
            assert!(c.site().join(l).join(p).is_file(), "missing {l}/{p}");
        }
    }
    assert!(c.site().join("index.html").is_file());
    assert!(c.site().join("404.html").is_file());
    assert!(c.site().join("assets/dot.svg").is_file());
}

#[test]
fn lang_and_dir_on_every_page() {
    let c = build_basic();
    for (l, dir) in [("en", "ltr"), ("fr", "ltr"), ("ar", "rtl")] {
        for f in html_files(&c.site().join(l)) {
            let doc = parse(&f);
            let html = select(&doc, "html")[0];
            assert_eq!(html.value().attr("lang"), Some(l), "{}", f.display());
            assert_eq!(html.value().attr("dir"), Some(dir), "{}", f.display());
        }
    }
}

#[test]
fn switcher_links_resolve_both_ways() {
    let c = build_basic();
    for f in html_files(&c.site()) {
        let doc = parse(&f);
        for a in select(&doc, ".language-switcher a") {
            let href = a.value().attr("href").unwrap();
            let lang = a.value().attr("hreflang").unwrap();
            assert_eq!(a.value().attr("lang"), Some(lang));
            let target = resolve(&f, href);
            assert!(target.is_file(), "{} -> {href}", f.display());
            let back = parse(&target);
            let html_lang = select(&back, "html")[0]
                .value()
                .attr("lang")
                .unwrap()
                .to_string();
            assert_eq!(html_lang, lang, "{href} is not in {lang}");
            // The target's switcher links back to this page.
            let returns = select(&back, ".language-switcher a")
                .iter()
                .any(|b| resolve(&target, b.value().attr("href").unwrap()) == f);
            assert!(
                returns,
                "{} does not link back to {}",
                target.display(),
                f.display()
            );
        }
    }
}

#[test]
fn hreflang_alternates_for_real_translations_and_x_default() {
    let c = build_basic();
    let doc = parse(&c.site().join("ar/work/rights/index.html"));
    let alts: Vec<(String, String)> = select(&doc, "link[rel=alternate]")
        .iter()
        .map(|l| {
            (
                l.value().attr("hreflang").unwrap().into(),
                l.value().attr("href").unwrap().into(),
            )
        })
        .collect();
    assert!(
        alts.contains(&(
            "en".into(),
            "https://example.org/basic/en/work/rights/".into()
        )),
        "{alts:?}"
    );
    assert!(alts.contains(&(
        "ar".into(),
        "https://example.org/basic/ar/work/rights/".into()
    )));
    assert!(alts.contains(&(
        "x-default".into(),
        "https://example.org/basic/en/work/rights/".into()
    )));
    // The job page has no translation: only en and x-default are alternates.
    let doc = parse(&c.site().join("fr/work/job/index.html"));
    let langs: Vec<String> = select(&doc, "link[rel=alternate]")
        .iter()
        .map(|l| l.value().attr("hreflang").unwrap().into())
        .collect();
    assert_eq!(langs, vec!["en", "x-default"]);
    // Every alternate maps to a page that exists.
    for f in html_files(&c.site()) {
        for l in select(&parse(&f), "link[rel=alternate]") {
            let href = l.value().attr("href").unwrap();
            let rel = href.strip_prefix("https://example.org/basic/").unwrap();
            assert!(c.site().join(rel).join("index.html").is_file(), "{href}");
        }
    }
}

#[test]
fn fallback_page_shows_source_text_with_a_notice() {
    let c = build_basic();
    let doc = parse(&c.site().join("ar/work/job/index.html"));
    let article = select(&doc, "article")[0];
    assert_eq!(article.value().attr("lang"), Some("en"));
    assert_eq!(article.value().attr("dir"), Some("ltr"));
    let notice = select(&doc, "article .notice");
    assert_eq!(notice.len(), 1);
    assert_eq!(notice[0].value().attr("lang"), Some("ar"));
    let text: String = notice[0].text().collect();
    assert!(text.contains("العربية"), "{text}");
    assert!(select(&doc, "h1")[0]
        .text()
        .collect::<String>()
        .contains("Checking a job offer"));
    // A translated page has no notice.
    let doc = parse(&c.site().join("ar/work/rights/index.html"));
    assert!(select(&doc, ".notice").is_empty());
    assert!(select(&doc, "article")[0].value().attr("lang").is_none());
}

#[test]
fn the_build_reports_fallback_pages_and_refuses_without_allow_incomplete() {
    let c = Campaign::fixture("basic");
    let out = c.herald(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        !c.site().exists(),
        "nothing may be written when the build fails"
    );
    let out = c.herald(&["build", "--allow-incomplete"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("fr: work/job.md") && err.contains("ar: work/job.md"),
        "{err}"
    );
}

#[test]
fn every_relative_link_and_asset_resolves() {
    let c = build_basic();
    let mut checked = 0;
    for f in html_files(&c.site()) {
        let doc = parse(&f);
        for (el, attr) in [
            ("a", "href"),
            ("img", "src"),
            ("link", "href"),
            ("script", "src"),
        ] {
            for e in select(&doc, &format!("{el}[{attr}]")) {
                let url = e.value().attr(attr).unwrap();
                if url.starts_with("https://example.org/") || url.starts_with('#') {
                    continue;
                }
                assert!(
                    !url.starts_with('/'),
                    "{}: root-relative {url}",
                    f.display()
                );
                assert!(!url.contains("://"), "{}: absolute {url}", f.display());
                assert!(
                    resolve(&f, url).is_file(),
                    "{}: {url} does not resolve",
                    f.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn markdown_links_resolve_in_the_readers_locale() {
    let c = build_basic();
    let doc = parse(&c.site().join("fr/work/rights/index.html"));
    let hrefs: Vec<&str> = select(&doc, ".content a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(hrefs, vec!["../job/index.html"]);
    let img = select(&doc, ".content img")[0];
    assert_eq!(img.value().attr("src"), Some("../../../assets/dot.svg"));
    assert_eq!(img.value().attr("alt"), Some("Un point"));
    let h2 = select(&doc, ".content h2")[0];
    assert_eq!(h2.value().attr("id"), Some("salaire"));
}

#[test]
fn home_lists_pages_by_stage_and_root_lists_languages() {
    let c = build_basic();
    let doc = parse(&c.site().join("en/index.html"));
    let before: Vec<String> = select(&doc, ".stage-before-departure a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(before, vec!["Checking a job offer"]);
    let dest: Vec<String> = select(&doc, ".stage-at-destination a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(dest, vec!["Your rights at work"]);
    let root = parse(&c.site().join("index.html"));
    let langs: Vec<(String, String)> = select(&root, ".language-list li")
        .iter()
        .map(|li| {
            (
                li.value().attr("lang").unwrap().into(),
                select_text(li, ".endonym"),
            )
        })
        .collect();
    assert_eq!(
        langs,
        vec![
            ("en".into(), "English".into()),
            ("fr".into(), "Français".into()),
            ("ar".into(), "العربية".into())
        ]
    );
}

fn select_text(el: &scraper::ElementRef, css: &str) -> String {
    el.select(&scraper::Selector::parse(css).unwrap())
        .next()
        .unwrap()
        .text()
        .collect()
}

#[test]
fn sitemap_has_every_url_with_alternates() {
    let c = build_basic();
    let xml = fs::read_to_string(c.site().join("sitemap.xml")).unwrap();
    assert!(xml.contains("<loc>https://example.org/basic/ar/work/rights/</loc>"));
    assert!(xml.contains(r#"<xhtml:link rel="alternate" hreflang="ar" href="https://example.org/basic/ar/work/rights/"/>"#));
    assert!(
        xml.contains(r#"hreflang="x-default" href="https://example.org/basic/en/work/rights/""#)
    );
    assert_eq!(xml.matches("<url>").count(), 15, "{xml}");
}

#[test]
fn page_context_shows_review_date_in_the_readers_language_and_sources() {
    let c = build_basic();
    let en = fs::read_to_string(c.site().join("en/work/rights/index.html")).unwrap();
    assert!(en.contains("October 1, 2026"), "{en}");
    let fr = fs::read_to_string(c.site().join("fr/work/rights/index.html")).unwrap();
    assert!(fr.contains("1 octobre 2026"));
    assert!(fr.contains(r#"<a href="https://example.org/code">Code du travail</a>"#));
}

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let c = build_basic();
    let before = fs::read_to_string(c.site().join("en/work/rights/index.html")).unwrap();
    c.write(
        "content/en/work/rights.md",
        "---\ntitle: Broken\n---\nSee [nothing](@/work/nowhere.md).\n",
    );
    let out = c.herald(&["build", "--allow-incomplete"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("broken-link"));
    assert_eq!(
        fs::read_to_string(c.site().join("en/work/rights/index.html")).unwrap(),
        before
    );
    // No staging folder is left behind.
    let leftovers: Vec<_> = fs::read_dir(c.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".herald"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn output_that_is_not_herald_s_is_never_replaced() {
    let c = Campaign::fixture("basic");
    c.write("elsewhere/precious.txt", "keep me");
    let out = c.herald(&[
        "build",
        "--allow-incomplete",
        "--out",
        c.root().join("elsewhere").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(c.read("elsewhere/precious.txt"), "keep me");
    let out = c.herald(&[
        "build",
        "--allow-incomplete",
        "--out",
        c.root().join("content/x").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_example_campaign_builds_without_errors() {
    let c = Campaign::example();
    let out = c.herald(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = c.check_json(&[]);
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    let pages = html_files(&c.site().join("ar")).len();
    assert!(pages >= 8, "{pages}");
}
