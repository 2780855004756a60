//! What templates see: serialisable views of the model, built per page from shared data.

use crate::model::{Page, Partner, Site, Visibility};
use crate::paths;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct Label {
    pub id: String,
    pub label: String,
}

#[derive(Serialize, Clone)]
pub struct LocaleLink {
    /// BCP 47 tag, for `hreflang` and `lang`.
    pub lang: String,
    pub dir: &'static str,
    /// The language's own name for itself (the `locale-name` message of that locale).
    pub name: String,
    pub url: String,
    pub current: bool,
}

#[derive(Serialize, Clone)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

#[derive(Serialize, Clone)]
pub struct PartnerView {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    pub url: Option<String>,
    pub logo: Option<String>,
    pub logo_alt: String,
    pub web_only: bool,
}

#[derive(Serialize, Clone)]
pub struct SourceView {
    pub title: String,
    pub url: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct ListItem {
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub stages: Vec<Label>,
    pub fallback: bool,
}

/// Per-locale data computed once and shared by every page of that locale.
pub struct LocaleShared {
    pub title: String,
    pub stage_labels: Vec<Label>,
    pub endonym: String,
    /// Stage and audience labels by message id (`stage-return`), formatted once: every
    /// page shows a few, and Fluent formatting them again for each was a tenth of building
    /// a page's view.
    labels: HashMap<String, String>,
    /// Every partner as shown in this locale, by id, with `logo` still the path inside
    /// `assets/` (each page makes it relative to itself).
    partners: HashMap<String, PartnerView>,
}

impl LocaleShared {
    /// The labels of `ids` (message `{prefix}-{id}`), from those formatted once where the id
    /// is a known one.
    pub fn labels(&self, site: &Site, locale: usize, prefix: &str, ids: &[String]) -> Vec<Label> {
        ids.iter()
            .map(|id| {
                let key = format!("{prefix}-{id}");
                let label = match self.labels.get(&key) {
                    Some(l) => l.clone(),
                    None => site.message(locale, &key, None),
                };
                Label {
                    id: id.clone(),
                    label,
                }
            })
            .collect()
    }

    /// [`partner_view`] of the partner with this id, if there is one, for a page at `from_dir`.
    fn partner(&self, id: &str, from_dir: &str) -> Option<PartnerView> {
        let mut v = self.partners.get(id)?.clone();
        v.logo = v
            .logo
            .map(|l| paths::encode_path(&paths::relative(from_dir, &format!("assets/{l}"))));
        Some(v)
    }

    /// The partners a page credits, in its front-matter order.
    pub fn page_partners(&self, page: &Page, from_dir: &str) -> Vec<PartnerView> {
        page.front
            .partners
            .iter()
            .filter_map(|id| self.partner(id, from_dir))
            .collect()
    }

    /// The campaign-wide partners, in `campaign.yaml`'s order.
    pub fn campaign_partners(&self, site: &Site, from_dir: &str) -> Vec<PartnerView> {
        site.config
            .partners
            .iter()
            .filter_map(|id| self.partner(id, from_dir))
            .collect()
    }
}

pub fn endonym(site: &Site, locale: usize) -> String {
    if site.has_message(locale, "locale-name") {
        site.message(locale, "locale-name", None)
    } else {
        site.locales[locale].tag.clone()
    }
}

pub fn locale_shared(site: &Site, locale: usize) -> LocaleShared {
    let labels: HashMap<String, String> = crate::model::STAGES
        .iter()
        .map(|s| format!("stage-{s}"))
        .chain(
            site.config
                .audiences
                .iter()
                .map(|a| format!("audience-{a}")),
        )
        .map(|id| {
            let label = site.message(locale, &id, None);
            (id, label)
        })
        .collect();
    let stage_labels = crate::model::STAGES
        .iter()
        .map(|s| Label {
            id: s.to_string(),
            label: labels[&format!("stage-{s}")].clone(),
        })
        .collect();
    LocaleShared {
        title: site.title(locale),
        endonym: endonym(site, locale),
        stage_labels,
        labels,
        // Reversed so that, as in `Site::partner`, the first of two with one id wins.
        partners: site
            .partners
            .iter()
            .rev()
            .map(|p| {
                let mut v = partner_view(site, locale, p, "");
                v.logo.clone_from(&p.logo);
                (p.id.clone(), v)
            })
            .collect(),
    }
}

pub fn partner_view(site: &Site, locale: usize, p: &Partner, from_dir: &str) -> PartnerView {
    let tag = &site.locales[locale].tag;
    let name = p.name_in(tag).to_string();
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("name", name.clone());
    PartnerView {
        id: p.id.clone(),
        kind: p.kind.clone(),
        kind_label: site.message(locale, &format!("partner-kind-{}", p.kind), None),
        url: p.url.clone(),
        logo: p
            .logo
            .as_ref()
            .map(|l| paths::encode_path(&paths::relative(from_dir, &format!("assets/{l}")))),
        logo_alt: strip_isolation(&site.message(locale, "partner-logo-alt", Some(&args))),
        name,
        web_only: p.visibility == Visibility::WebOnly,
    }
}

/// Fluent wraps placeables in U+2068/U+2069 so right-to-left names display correctly in
/// running text; inside attributes such as `alt` they only get in the way of screen readers.
pub fn strip_isolation(s: &str) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}

pub fn sources(page: &Page) -> Vec<SourceView> {
    page.front
        .sources
        .iter()
        .map(|s| SourceView {
            title: s.title.clone(),
            url: s.url.clone(),
        })
        .collect()
}
