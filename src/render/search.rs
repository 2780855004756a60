//! Offline search: a search page per locale (`<locale>/search/index.html`) and a static index
//! beside it (`search-index.js`), built from the pages as they were written.
//!
//! The index is a small JavaScript file that assigns one global, loaded with a `<script>`
//! tag, so it works opened from disk (`file://`, where `fetch()` is refused) and under any
//! sub-path; the theme's `search.js` searches it. Pagefind's index is fetched with `fetch()`
//! in chunks, which fails from `file://`, so it cannot serve a USB stick or a phone.
//!
//! Words are cut at Unicode word boundaries (UAX #29, as `Intl.Segmenter` does in the
//! browser) and normalised the same way on both sides by [`normalise`]: lower case,
//! Latin diacritics and Arabic harakat and tatweel removed, hamza forms of alef folded, ى and
//! ة folded, Eastern Arabic digits made ASCII, and the Arabic article ال stripped.

use super::site::{write_file, Renderer};
use super::templates::render_error;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::paths;
use icu_plurals::{PluralCategory, PluralRules};
use lol_html::{element, text, HtmlRewriter, Settings};
use rayon::prelude::*;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::Path;
use std::rc::Rc;
use tera::Tera;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The search page template used when a theme does not ship `search.html`.
const BUILTIN: &str = include_str!("../../themes/default/templates/search.html");

/// Where a locale's search page lives, relative to the site root.
pub fn page_dir(tag: &str) -> String {
    format!("{tag}/search/")
}

/// Arabic prefixes removed before indexing: the article and the article after و ب ك ف ل.
const ARABIC_PREFIXES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

fn is_stripped_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// One word as the index stores it. `search.js` implements the same steps; the browser test
/// checks that the two agree on Arabic.
pub fn normalise(word: &str) -> String {
    let mut s: String = word
        .nfd()
        .collect::<String>()
        .to_lowercase()
        .chars()
        .filter(|c| !is_stripped_mark(*c))
        .map(|c| match c {
            'ى' => 'ي',
            'ة' => 'ه',
            '\u{0671}' => 'ا',
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect();
    for p in ARABIC_PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                s = rest.to_string();
            }
            break;
        }
    }
    s
}

/// The index terms of a text: its words, split again at apostrophes (`l'étranger` gives
/// `l` and `etranger`), normalised.
pub fn tokens(text: &str) -> Vec<String> {
    text.unicode_words()
        .flat_map(|w| w.split(['\'', '’']))
        .map(normalise)
        .filter(|t| !t.is_empty())
        .collect()
}

/// One page as the search reads it back from the written HTML.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Doc {
    pub title: String,
    pub summary: String,
    pub body: String,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Reads a written page: the `<h1>` in `<main>` is its title, `<meta name=description>` its
/// summary, and the rest of `<main>` its text, without the parts every page repeats
/// (credits, links to translations, the fallback notice, the page's metadata).
pub fn read_page(html: &str) -> Doc {
    let doc = Rc::new(RefCell::new(Doc::default()));
    let skip = Rc::new(Cell::new(0usize));
    let in_title = Rc::new(Cell::new(false));
    let (d1, d2, d3) = (doc.clone(), doc.clone(), doc.clone());
    let (s1, s2) = (skip.clone(), skip.clone());
    let (t1, t2) = (in_title.clone(), in_title.clone());
    let settings = Settings::new()
        .append_element_content_handler(element!("meta[name=description]", move |el| {
            d1.borrow_mut().summary = unescape(&el.get_attribute("content").unwrap_or_default());
            Ok(())
        }))
        .append_element_content_handler(element!(
            "main .credits, main .translations, main .notice, main .page-meta, main script, main noscript, main form",
            move |el| {
                s1.set(s1.get() + 1);
                let s = s1.clone();
                el.on_end_tag(lol_html::end_tag!(move |_| {
                    s.set(s.get() - 1);
                    Ok(())
                }))
                .ok();
                Ok(())
            }
        ))
        .append_element_content_handler(element!("main h1", move |el| {
            if d2.borrow().title.is_empty() {
                t1.set(true);
                let t = t1.clone();
                el.on_end_tag(lol_html::end_tag!(move |_| {
                    t.set(false);
                    Ok(())
                }))
                .ok();
            }
            Ok(())
        }))
        .append_element_content_handler(element!("main *", {
            let d = doc.clone();
            move |_| {
                d.borrow_mut().body.push(' ');
                Ok(())
            }
        }))
        .append_element_content_handler(text!("main", move |t| {
            if s2.get() > 0 {
                return Ok(());
            }
            let mut d = d3.borrow_mut();
            if t2.get() {
                d.title.push_str(t.as_str());
            } else {
                d.body.push_str(t.as_str());
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    let mut d = doc.borrow().clone();
    d.title = unescape(d.title.trim());
    d.body = unescape(&d.body)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    d
}

/// Weight of a word in a page's title, against 1 for the text.
const TITLE_WEIGHT: u32 = 10;
const SUMMARY_WEIGHT: u32 = 3;

/// The index of one locale, as `search-index.js` holds it.
#[derive(Serialize)]
struct Index<'a> {
    lang: &'a str,
    /// `[title, url relative to the search page, summary]`.
    pages: Vec<[String; 3]>,
    /// term -> flat `[page, weight, page, weight, …]`.
    terms: BTreeMap<String, Vec<u32>>,
}

fn build_index<'a>(lang: &'a str, docs: &[(String, Doc)]) -> Index<'a> {
    let mut terms: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    let mut pages = Vec::new();
    for (i, (url, d)) in docs.iter().enumerate() {
        let i = i as u32;
        for (text, w) in [
            (&d.title, TITLE_WEIGHT),
            (&d.summary, SUMMARY_WEIGHT),
            (&d.body, 1),
        ] {
            for t in tokens(text) {
                *terms.entry(t).or_default().entry(i).or_default() += w;
            }
        }
        pages.push([d.title.clone(), url.clone(), d.summary.clone()]);
    }
    Index {
        lang,
        pages,
        terms: terms
            .into_iter()
            .map(|(t, p)| (t, p.into_iter().flat_map(|(a, b)| [a, b]).collect()))
            .collect(),
    }
}

/// `search-index.js`: JSON assigned to `window.HERALD_SEARCH`. `<` is escaped so no text
/// can close the script.
fn index_js(index: &Index) -> String {
    let json = serde_json::to_string(index)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    format!("window.HERALD_SEARCH={json};\n")
}

/// The result-count message for each plural category of a locale, with `{n}` where the
/// number goes, so `search.js` can choose with `Intl.PluralRules` as Fluent would.
fn count_messages(site: &Site, locale: usize) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::new();
    let rules = PluralRules::try_new_cardinal((&site.locales[locale].icu).into()).ok();
    let samples = (0u32..=200).chain([1000, 1_000_000]);
    for n in samples {
        let cat = match rules.as_ref().map(|r| r.category_for(n)) {
            Some(PluralCategory::Zero) => "zero",
            Some(PluralCategory::One) => "one",
            Some(PluralCategory::Two) => "two",
            Some(PluralCategory::Few) => "few",
            Some(PluralCategory::Many) => "many",
            _ => "other",
        };
        if out.contains_key(cat) {
            continue;
        }
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("count", n);
        let msg =
            super::context::strip_isolation(&site.message(locale, "search-results", Some(&args)));
        let msg = match msg.find(&n.to_string()) {
            Some(i) => format!("{}{{n}}{}", &msg[..i], &msg[i + n.to_string().len()..]),
            None => msg,
        };
        out.insert(cat, msg);
    }
    out
}

/// Every page of a locale's folder, in path order, as `(path relative to the site root, html)`.
fn locale_pages(site_dir: &Path, tag: &str) -> Vec<(String, String)> {
    let dir = site_dir.join(tag);
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == "index.html")
        .filter_map(|e| {
            let rel = crate::load::rel_path(site_dir, e.path());
            if rel.starts_with(&page_dir(tag)) {
                return None;
            }
            std::fs::read_to_string(e.path()).ok().map(|t| (rel, t))
        })
        .collect();
    out.sort();
    out
}

#[derive(Serialize)]
struct Listed {
    title: String,
    url: String,
}

/// What the search renderer produced: pages indexed per locale.
#[derive(Debug, Default, Clone)]
pub struct SearchStats {
    pub pages: Vec<(String, usize)>,
}

/// Writes each locale's search page and index into the site folder. Runs after the site
/// renderer, on what it wrote.
pub fn render(
    site: &Site,
    tera: &Tera,
    renderer: &Renderer,
    site_dir: &Path,
) -> (SearchStats, Vec<Diagnostic>) {
    let mut owned;
    let tera = if tera.get_template_names().any(|n| n == "search.html") {
        tera
    } else {
        owned = tera.clone();
        if let Err(e) = owned.add_raw_template("search.html", BUILTIN) {
            return (
                SearchStats::default(),
                vec![render_error(site, &e, "search.html", "search")],
            );
        }
        &owned
    };
    let results: Vec<Result<(String, usize), Diagnostic>> = (0..site.locales.len())
        .into_par_iter()
        .map(|l| {
            let tag = &site.locales[l].tag;
            let from_dir = page_dir(tag);
            let docs: Vec<(String, Doc)> = locale_pages(site_dir, tag)
                .into_iter()
                .map(|(rel, html)| {
                    let url = paths::encode_path(&paths::relative(&from_dir, &rel));
                    (url, read_page(&html))
                })
                .collect();
            let index = build_index(tag, &docs);
            write_file(
                &site_dir.join(&from_dir).join("search-index.js"),
                index_js(&index).as_bytes(),
            )?;
            let mut listed: Vec<Listed> = docs
                .iter()
                .filter(|(_, d)| !d.title.is_empty())
                .map(|(u, d)| Listed {
                    title: d.title.clone(),
                    url: u.clone(),
                })
                .collect();
            listed.sort_by(|a, b| a.title.cmp(&b.title).then(a.url.cmp(&b.url)));
            let mut ctx = renderer.chrome_context(l, &from_dir);
            let here = "index.html".to_string();
            ctx.insert("current_url", &here);
            ctx.insert("search_url", &here);
            ctx.insert(
                "canonical",
                &site.config.base_url().map(|b| format!("{b}{from_dir}")),
            );
            ctx.insert("alternates", &Vec::<super::context::Alternate>::new());
            let switcher: Vec<super::context::LocaleLink> = (0..site.locales.len())
                .map(|o| super::context::LocaleLink {
                    lang: site.locales[o].tag.clone(),
                    dir: site.locales[o].dir(),
                    name: super::context::endonym(site, o),
                    url: paths::encode_path(&paths::relative(
                        &from_dir,
                        &format!("{}index.html", page_dir(&site.locales[o].tag)),
                    )),
                    current: o == l,
                })
                .collect();
            ctx.insert("switcher", &switcher);
            ctx.insert(
                "breadcrumbs",
                &vec![super::context::Link {
                    title: site.message(l, "nav-home", None),
                    url: paths::relative(&from_dir, &format!("{tag}/index.html")),
                }],
            );
            ctx.insert("pages", &listed);
            ctx.insert("page_count", &listed.len());
            ctx.insert("search_js_url", &paths::relative(&from_dir, "search.js"));
            let messages = serde_json::json!({
                "count": count_messages(site, l),
                "empty": site.message(l, "search-empty", None),
                "prompt": site.message(l, "search-prompt", None),
            });
            ctx.insert(
                "search_messages",
                &messages.to_string().replace('<', "\\u003c"),
            );
            let html = tera.render("search.html", &ctx).map_err(|e| {
                render_error(site, &e, "search.html", &format!("{from_dir}index.html"))
            })?;
            write_file(
                &site_dir.join(&from_dir).join("index.html"),
                html.as_bytes(),
            )?;
            Ok((tag.clone(), docs.len()))
        })
        .collect();
    let mut stats = SearchStats::default();
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(p) => stats.pages.push(p),
            Err(d) => diags.push(d),
        }
    }
    (stats, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_is_normalised() {
        // Harakat, tatweel, hamza on alef, the article.
        assert_eq!(normalise("العَقْد"), "عقد");
        assert_eq!(normalise("أجـــر"), "اجر");
        assert_eq!(normalise("وإقامة"), "واقامه");
        assert_eq!(normalise("بالعمل"), "عمل");
        assert_eq!(normalise("٢٠٢٦"), "2026");
        // A bare article stays a word.
        assert_eq!(normalise("ال"), "ال");
    }

    #[test]
    fn latin_is_folded() {
        assert_eq!(tokens("L'Étranger, déjà!"), vec!["l", "etranger", "deja"]);
        assert_eq!(
            tokens("Contrat de travail"),
            vec!["contrat", "de", "travail"]
        );
    }

    #[test]
    fn reads_pages_back() {
        let html = r#"<html><head><meta name="description" content="Pay &amp; hours"></head><body><nav>Menu</nav><main><article><p class="notice">Not translated</p><h1>Your <em>rights</em></h1><dl class="page-meta"><dt>Stages</dt></dl><div class="content"><p>Your contract</p><p>Your pay</p></div><section class="credits"><h2>Made with</h2></section></article></main></body></html>"#;
        let d = read_page(html);
        assert_eq!(d.title, "Your rights");
        assert_eq!(d.summary, "Pay & hours");
        assert_eq!(d.body, "Your contract Your pay");
    }

    #[test]
    fn index_weights_titles() {
        let docs = vec![
            (
                "a/index.html".to_string(),
                Doc {
                    title: "Contract".into(),
                    summary: String::new(),
                    body: "pay".into(),
                },
            ),
            (
                "b/index.html".to_string(),
                Doc {
                    title: "Pay".into(),
                    summary: String::new(),
                    body: "contract contract".into(),
                },
            ),
        ];
        let i = build_index("en", &docs);
        assert_eq!(i.terms["contract"], vec![0, 10, 1, 2]);
        assert!(index_js(&i).starts_with("window.HERALD_SEARCH={"));
    }
}
