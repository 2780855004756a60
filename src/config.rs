//! `campaign.yaml`: the campaign's settings.

use serde::Deserialize;

/// Paper sizes print packs support.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// The paper's name in Typst (`set page(paper: …)`).
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        }
    }
}

/// The layouts a print pack can have.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PackKind {
    /// Cover, table of contents, the pages, partner credits, the latest review date.
    #[default]
    Booklet,
    /// Each page on its own sheets, one after the other.
    Leaflet,
    /// One sheet per page: title, summary and a large QR code to the web version.
    Poster,
}

/// A print pack defined in `campaign.yaml`: one PDF per locale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// The PDF's file name without `.pdf`: lower-case letters, digits and `-`.
    pub name: String,
    #[serde(default)]
    pub kind: PackKind,
    /// Page paths inside a locale folder (`work/rights.md`), in print order; empty: every page.
    #[serde(default)]
    pub pages: Vec<String>,
    /// Replaces `print.paper` for this pack.
    #[serde(default)]
    pub paper: Option<Paper>,
    /// The locales to print it in; empty: every locale.
    #[serde(default)]
    pub locales: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Print {
    #[serde(default)]
    pub paper: Paper,
    /// The default booklet of every page, per locale (`booklet.pdf`).
    #[serde(default = "yes")]
    pub booklet: bool,
    /// The default leaflet per page, per locale (`leaflet-<page>.pdf`).
    #[serde(default = "yes")]
    pub leaflets: bool,
    /// More packs: chosen pages, another paper size, posters.
    #[serde(default)]
    pub packs: Vec<Pack>,
}

impl Default for Print {
    fn default() -> Self {
        Print {
            paper: Paper::default(),
            booklet: true,
            leaflets: true,
            packs: Vec::new(),
        }
    }
}

fn default_theme() -> String {
    "default".into()
}
fn default_review_period() -> u32 {
    365
}

/// The parsed `campaign.yaml`. Unknown keys are refused so that a typo such as
/// `locale:` for `locales:` is reported instead of silently ignored.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub title: String,
    pub source_locale: String,
    pub locales: Vec<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default = "default_review_period")]
    pub review_period_days: u32,
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Partners credited campaign-wide, on every page.
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub required_partner_kinds: Vec<String>,
    #[serde(default)]
    pub print: Print,
    /// Contact address shown in the footer and the hosting guide.
    #[serde(default)]
    pub contact: Option<String>,
    /// A helpline number, shown in the footer through the `hotline` message.
    #[serde(default)]
    pub hotline: Option<String>,
    #[serde(default)]
    pub offline: bool,
    /// HTML tags allowed in pages' raw HTML besides the safe default set, after review
    /// (`allow_html: [details, summary]`). Tags that run code or submit data are refused.
    #[serde(default)]
    pub allow_html: Vec<String>,
}

impl Campaign {
    /// `base_url` with exactly one trailing slash, if set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url.as_ref().map(|u| {
            let trimmed = u.trim_end_matches('/');
            format!("{trimmed}/")
        })
    }

    /// A file-name-safe name for bundles, from the campaign folder's title.
    pub fn slug(&self) -> String {
        crate::paths::slugify(&self.title)
    }
}
