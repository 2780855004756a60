//! The data the print template reads: one JSON file per document (`/data.json` in the
//! Typst world). Every string in it is text to print, never Typst markup.
//!
//! A document: `kind` (`booklet`, `leaflet`, `poster`), `paper`, `lang`, `dir`, `title`
//! (the PDF's title), `campaign`, `language` (the locale's own name), `numbering` (page
//! numbers in the locale's digits), `comma` (what separates names in a list), `fonts` (`main`, `mono`: family lists), `labels` (UI
//! strings), `parts` (booklet: `title`, `label`, `blocks`, `pages`) or `pages`, `present`
//! (labels of the pages in this document, for internal links), `credits` (public partners:
//! `name`, `logo`, `alt`), `latest` (the latest review, as a sentence), `home` (`url`, `qr`,
//! `alt`), `hotline`, `contact`.
//!
//! A page: `key`, `label`, `lang`, `title`, `summary`, `blocks` (see [`super::markdown`]),
//! `sources` (`title`, `url`), `reviewed` (a sentence), `partners` (names), `url`, `qr` (an
//! SVG), `qr_alt`, `fallback` (a notice, when the page is shown in the source language).

use super::markdown::{self, PrintLinks};
use super::qr;
use crate::model::{Page, Partner, Site, Visibility};
use crate::paths;
use crate::render::context::{endonym, strip_isolation};
use fluent_bundle::FluentArgs;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One page, ready for any document of its locale.
pub struct PageData {
    pub path: String,
    /// The file whose text is printed (for diagnostics).
    pub file: String,
    /// The page printed: the locale's own or, with `--allow-incomplete`, the source's.
    pub page_index: usize,
    pub reviewed: Option<jiff::civil::Date>,
    /// Printed in another locale than its own (`--allow-incomplete`).
    pub fallback: bool,
}

/// What one locale's documents share. A page's printed form ([`LocaleData::value`]) is
/// made when a document needs it and dropped with the document: holding every page's
/// JSON for the whole print step cost tens of kilobytes per page.
pub struct LocaleData {
    pub locale: usize,
    pub tag: String,
    /// Page data by path, for every page of the campaign (sections included).
    pub pages: BTreeMap<String, PageData>,
    /// Document-level fields (everything but the pages).
    pub common: serde_json::Map<String, Value>,
    /// Public partners credited campaign-wide.
    pub campaign_partners: Vec<String>,
    with_qr: bool,
}

/// The web address of a page in a locale: `base_url` + `<locale>/<path>/`.
pub fn page_url(site: &Site, locale: usize, path: &str) -> Option<String> {
    let base = site.config.base_url()?;
    Some(format!(
        "{base}{}/{}",
        site.locales[locale].tag,
        paths::encode_path(&paths::page_dir(path))
    ))
}

/// The label a page has inside a document: internal links point at it.
pub fn page_label(path: &str) -> String {
    format!("page:{path}")
}

struct Links<'a> {
    site: &'a Site,
    locale: usize,
}

impl PrintLinks for Links<'_> {
    fn page(&self, path: &str) -> Option<(Option<String>, String)> {
        let site = self.site;
        let exists = site.page(self.locale, path).is_some()
            || site.page(site.source, path).is_some()
            || path.strip_suffix("_index.md").is_some_and(|dir| {
                site.pages_of(site.source)
                    .any(|p| p.path.starts_with(dir) && !dir.is_empty())
            });
        exists.then(|| (page_url(site, self.locale, path), page_label(path)))
    }
    fn asset(&self, rel: &str) -> Option<(String, Option<String>)> {
        self.site.assets.contains(rel).then(|| {
            (
                format!("/assets/{rel}"),
                self.site
                    .config
                    .base_url()
                    .map(|b| format!("{b}assets/{}", paths::encode_path(rel))),
            )
        })
    }
}

fn msg(site: &Site, locale: usize, id: &str, args: Option<&FluentArgs>) -> String {
    site.message(locale, id, args)
}

fn with_date(site: &Site, locale: usize, id: &str, date: jiff::civil::Date) -> String {
    let mut args = FluentArgs::new();
    args.set("date", site.locales[locale].format_date(date));
    msg(site, locale, id, Some(&args))
}

/// Page numbers in the digits the locale writes dates with (ICU's choice for it).
fn numbering(site: &Site, locale: usize) -> &'static str {
    let sample = site.locales[locale].format_date(jiff::civil::date(2020, 1, 1));
    if sample
        .chars()
        .any(|c| ('\u{0660}'..='\u{0669}').contains(&c))
    {
        "١"
    } else if sample
        .chars()
        .any(|c| ('\u{06F0}'..='\u{06F9}').contains(&c))
    {
        "۱"
    } else {
        "1"
    }
}

/// Public partners' names in a locale, from a list of ids; web-only partners never print.
pub fn public_partners(site: &Site, locale: usize, ids: &[String]) -> Vec<String> {
    let tag = &site.locales[locale].tag;
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if let Some(p) = site.partner(id) {
            let name = p.name_in(tag).to_string();
            if p.visibility == Visibility::Public && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

fn page_value(
    site: &Site,
    locale: usize,
    path: &str,
    page: &Page,
    fallback: bool,
    with_qr: bool,
) -> Value {
    let links = Links { site, locale };
    let body = markdown::convert(page.body(), &links, path);
    let url = page_url(site, locale, path);
    let qr_svg = url.as_deref().filter(|_| with_qr).and_then(qr::svg);
    let language = endonym(site, locale);
    let fallback_notice = fallback.then(|| {
        let mut args = FluentArgs::new();
        args.set("language", language.clone());
        args.set("source", endonym(site, page.locale));
        msg(site, locale, "fallback-notice", Some(&args))
    });
    let qr_alt = url.as_ref().map(|u| {
        let mut args = FluentArgs::new();
        args.set("url", u.clone());
        strip_isolation(&msg(site, locale, "print-qr-alt", Some(&args)))
    });
    let mut ids = page.front.partners.clone();
    ids.extend(site.config.partners.iter().cloned());
    json!({
        "key": path,
        "label": page_label(path),
        "lang": site.locales[page.locale].tag,
        "title": page.title(),
        "summary": page.front.summary,
        "blocks": body.blocks,
        "sources": page.front.sources.iter().map(|s| json!({"title": s.title, "url": s.url})).collect::<Vec<_>>(),
        "reviewed": page.reviewed.map(|d| with_date(site, locale, "page-reviewed", d)),
        "partners": public_partners(site, locale, &ids),
        "url": url,
        "qr": qr_svg,
        "qr_alt": qr_alt,
        "fallback": fallback_notice,
    })
}

/// Every path printed in a locale, in reading order: the home page's text, then each
/// section (its own text, then its pages and subsections), by weight and title.
pub fn reading_order(site: &Site) -> Vec<String> {
    let mut paths: Vec<&Page> = site.pages_of(site.source).collect();
    // Sort key: each folder level by (weight, title) of its `_index.md` or the page itself.
    let key_of = |p: &Page| -> Vec<(bool, i64, String, String)> {
        let parts: Vec<&str> = p.path.split('/').collect();
        let mut key = Vec::new();
        for n in 1..parts.len() {
            let dir = parts[..n].join("/");
            let idx = site.page(site.source, &format!("{dir}/_index.md"));
            key.push((
                true,
                idx.and_then(|x| x.front.weight).unwrap_or(i64::MAX),
                idx.map(|x| x.title().to_string())
                    .unwrap_or_else(|| dir.clone()),
                dir,
            ));
        }
        let last = parts[parts.len() - 1];
        if last == "_index.md" {
            // A section's own text comes before its pages.
            key.push((false, i64::MIN, String::new(), String::new()));
        } else {
            key.push((
                // Pages before subsections at the same level.
                false,
                p.front.weight.unwrap_or(i64::MAX),
                p.title().to_string(),
                p.path.clone(),
            ));
        }
        key
    };
    paths.sort_by_cached_key(|p| key_of(p));
    paths.into_iter().map(|p| p.path.clone()).collect()
}

impl LocaleData {
    pub fn new(site: &Site, locale: usize, fonts: (&[String], &[String])) -> LocaleData {
        let tag = site.locales[locale].tag.clone();
        let with_qr = site.config.base_url().is_some();
        let mut pages = BTreeMap::new();
        for path in reading_order(site) {
            let own = site.translated(locale, &path);
            let Some(page) = own.or_else(|| site.page(site.source, &path)) else {
                continue;
            };
            let fallback = own.is_none();
            let Some(page_index) = site.page_idx(page.locale, &page.path) else {
                continue;
            };
            pages.insert(
                path.clone(),
                PageData {
                    path,
                    file: page.file.clone(),
                    page_index,
                    reviewed: page.reviewed,
                    fallback,
                },
            );
        }
        let language = endonym(site, locale);
        let home_url = site.config.base_url().map(|b| format!("{b}{tag}/"));
        let home_alt = home_url.as_ref().map(|u| {
            let mut args = FluentArgs::new();
            args.set("url", u.clone());
            strip_isolation(&msg(site, locale, "print-qr-alt", Some(&args)))
        });
        let mut args = FluentArgs::new();
        args.set("language", language.clone());
        let scan = msg(site, locale, "print-scan", Some(&args));
        let labels = json!({
            "contents": msg(site, locale, "print-contents", None),
            "sources": msg(site, locale, "page-sources", None),
            "made-with": msg(site, locale, "credits-heading", None),
            "partners": msg(site, locale, "partners-title", None),
            "scan": scan,
            "scan-home": msg(site, locale, "print-scan-home", Some(&args)),
        });
        let mut common = serde_json::Map::new();
        common.insert("lang".into(), json!(tag));
        common.insert("dir".into(), json!(site.locales[locale].dir()));
        common.insert("campaign".into(), json!(site.title(locale)));
        common.insert("language".into(), json!(language));
        common.insert("numbering".into(), json!(numbering(site, locale)));
        // How the template joins names in a list.
        let arabic = super::fonts::script_of(&site.locales[locale].icu).as_deref() == Some("Arab");
        common.insert("comma".into(), json!(if arabic { "، " } else { ", " }));
        common.insert("fonts".into(), json!({"main": fonts.0, "mono": fonts.1}));
        common.insert("labels".into(), labels);
        common.insert(
            "home".into(),
            json!({
                "url": home_url,
                "qr": home_url.as_deref().and_then(qr::svg),
                "alt": home_alt,
            }),
        );
        common.insert("hotline".into(), json!(site.config.hotline));
        common.insert("contact".into(), json!(site.config.contact));
        LocaleData {
            locale,
            tag,
            pages,
            common,
            campaign_partners: public_partners(site, locale, &site.config.partners),
            with_qr,
        }
    }

    /// The same, without drawing QR codes: for the checks, which read the pages' text and
    /// not the codes (drawing one per page was a quarter of `herald check` on a large campaign).
    pub fn without_qr_codes(mut self) -> LocaleData {
        self.with_qr = false;
        self
    }

    /// A page as the print template reads it: title, blocks, sources, review, QR code.
    pub fn value(&self, site: &Site, data: &PageData) -> Value {
        let page = &site.pages[data.page_index];
        page_value(
            site,
            self.locale,
            &data.path,
            page,
            data.fallback,
            self.with_qr,
        )
    }

    /// The latest review date among some pages, as the sentence the booklet prints.
    pub fn latest_review(&self, site: &Site, paths: &[String]) -> Option<String> {
        let latest = paths
            .iter()
            .filter_map(|p| self.pages.get(p).and_then(|d| d.reviewed))
            .max()?;
        Some(with_date(site, self.locale, "print-latest-review", latest))
    }

    /// Public partners credited by some pages or campaign-wide, with their logos.
    /// The public partners some pages credit, campaign-wide ones first, each once: what
    /// a pack prints, and what [`super::readback`] expects to find printed.
    pub fn credited<'s>(&self, site: &'s Site, paths: &[String]) -> Vec<&'s Partner> {
        let page_ids = paths
            .iter()
            .filter_map(|p| self.pages.get(p))
            .flat_map(|d| site.pages[d.page_index].front.partners.iter());
        let mut out: Vec<&Partner> = Vec::new();
        for id in site.config.partners.iter().chain(page_ids) {
            let Some(p) = site.partner(id) else { continue };
            if p.visibility == Visibility::Public && !out.iter().any(|o| o.id == p.id) {
                out.push(p);
            }
        }
        out
    }

    /// Public partners credited by some pages or campaign-wide, with their logos.
    pub fn credits(&self, site: &Site, paths: &[String]) -> Vec<Value> {
        let mut out = Vec::new();
        for p in self.credited(site, paths) {
            let name = p.name_in(&self.tag).to_string();
            let mut args = FluentArgs::new();
            args.set("name", name.clone());
            let logo = p
                .logo
                .as_ref()
                .filter(|l| site.assets.contains(*l))
                .map(|l| format!("/assets/{l}"));
            out.push(json!({
                "name": name,
                "kind": msg(site, self.locale, &format!("partner-kind-{}", p.kind), None),
                "logo": logo,
                "alt": strip_isolation(&msg(site, self.locale, "partner-logo-alt", Some(&args))),
            }));
        }
        out
    }
}
