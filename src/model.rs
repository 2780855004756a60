//! The loaded campaign: what every check and renderer reads. Built once by [`crate::load`],
//! then shared read-only across threads.

use crate::config::Campaign;
use crate::locale::LocaleInfo;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

pub const STAGES: [&str; 4] = ["before-departure", "in-transit", "at-destination", "return"];

#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// A page's YAML front matter. Keys Herald does not know are kept in `extra` for themes.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct FrontMatter {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub stages: Vec<String>,
    #[serde(default)]
    pub audiences: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub reviewed: Option<String>,
    #[serde(default)]
    pub review_by: Option<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub translation_of: Option<String>,
    /// Set by `herald status LOCALE --scaffold` on copies made for translators: the page
    /// counts as missing until the translator removes it.
    #[serde(default)]
    pub untranslated: bool,
    /// Orders pages in lists (lower first); pages without one follow, by title.
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_yaml_ng::Value>,
}

/// One Markdown file in one locale.
pub struct Page {
    pub locale: usize,
    /// Path inside the locale folder, `/`-separated: `work/rights.md`.
    pub path: String,
    /// Path relative to the campaign root: `content/en/work/rights.md`.
    pub file: String,
    pub front: FrontMatter,
    /// The whole file, BOM removed and line endings normalised to LF.
    pub text: String,
    /// Byte offset of the body in `text`.
    pub body_start: usize,
    /// 1-based line of the first body line.
    pub body_line: usize,
    /// 1-based line of each top-level front-matter key, for diagnostics.
    pub key_lines: HashMap<String, usize>,
    /// [`Page::version`], worked out the first time it is asked for: only source pages'
    /// versions are (by the translations that name them), and hashing every file was a
    /// hundredth of a build.
    pub(crate) version: std::sync::OnceLock<String>,
    pub reviewed: Option<jiff::civil::Date>,
    pub review_by: Option<jiff::civil::Date>,
}

impl Page {
    /// First 12 hex digits of the BLAKE3 hash of the file with LF line endings.
    pub fn version(&self) -> &str {
        self.version
            .get_or_init(|| crate::load::version_of(&self.text))
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
    pub fn title(&self) -> &str {
        self.front.title.as_deref().unwrap_or(&self.path)
    }
    pub fn is_index(&self) -> bool {
        self.path == "_index.md" || self.path.ends_with("/_index.md")
    }
    /// The folder (section) the page is in: `work/rights.md` -> `work`, `work/_index.md` -> `work`
    /// for its own section's parent listing purposes use [`Page::parent_section`].
    pub fn section(&self) -> &str {
        match self.path.rfind('/') {
            Some(i) => &self.path[..i],
            None => "",
        }
    }
    /// Output directory, relative to the site root: `en/work/rights/`.
    pub fn out_dir(&self, locale_tag: &str) -> String {
        format!("{locale_tag}/{}", crate::paths::page_dir(&self.path))
    }
    /// 1-based line of a front-matter key, or of the opening `---`.
    pub fn key_line(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(1)
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    #[default]
    Public,
    WebOnly,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    pub kind: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub logo: Option<String>,
    #[serde(default)]
    pub visibility: Visibility,
    /// Filled by the loader: the 1-based line where this partner starts.
    #[serde(skip)]
    pub line: usize,
}

impl Partner {
    pub fn name_in(&self, locale: &str) -> &str {
        self.names
            .get(locale)
            .map_or(self.name.as_str(), String::as_str)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FtlOrigin {
    Theme,
    Campaign,
}

/// One `.ftl` file of one locale.
pub struct FtlFile {
    pub locale: usize,
    pub origin: FtlOrigin,
    /// Path inside the locale folder: `main.ftl`.
    pub name: String,
    /// Path relative to the campaign root.
    pub file: String,
    pub source: String,
    pub resource: Arc<FluentResource>,
}

pub type Bundle = FluentBundle<Arc<FluentResource>>;

pub struct Site {
    pub root: PathBuf,
    pub config: Campaign,
    pub theme_dir: PathBuf,
    pub locales: Vec<LocaleInfo>,
    /// Always 0: the loader puts the source locale first.
    pub source: usize,
    pub pages: Vec<Page>,
    /// Page files that exist but could not be read or parsed (already reported), so that
    /// checks do not report their translations as orphans too.
    pub unreadable: std::collections::BTreeSet<String>,
    /// Path inside the locale folder -> index in `pages`, per locale. Keyed by path so a
    /// lookup borrows a `&str` instead of allocating a key (it is on every hot path).
    pub page_index: HashMap<String, Vec<Option<usize>>>,
    pub partners: Vec<Partner>,
    pub partners_file: Option<String>,
    pub ftl: Vec<FtlFile>,
    pub bundles: Vec<Bundle>,
    /// Files under `content/assets/`, relative to it.
    pub assets: BTreeSet<String>,
    pub today: jiff::civil::Date,
}

impl Site {
    pub fn page(&self, locale: usize, path: &str) -> Option<&Page> {
        self.page_idx(locale, path).map(|i| &self.pages[i])
    }

    /// The index in `pages` of a locale's page.
    pub fn page_idx(&self, locale: usize, path: &str) -> Option<usize> {
        self.page_index.get(path)?.get(locale).copied().flatten()
    }

    /// The page in a locale if it is really translated (not a scaffolded copy).
    pub fn translated(&self, locale: usize, path: &str) -> Option<&Page> {
        self.page(locale, path)
            .filter(|p| locale == self.source || !p.front.untranslated)
    }

    pub fn pages_of(&self, locale: usize) -> impl Iterator<Item = &Page> {
        self.pages.iter().filter(move |p| p.locale == locale)
    }

    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.partners.iter().find(|p| p.id == id)
    }

    pub fn locale_index(&self, tag: &str) -> Option<usize> {
        self.locales.iter().position(|l| l.tag == tag)
    }

    /// Formats a Fluent message (or `message.attribute`) in a locale, falling back to the
    /// source locale and then to the id itself, so a page never shows an empty string.
    pub fn message(&self, locale: usize, id: &str, args: Option<&FluentArgs>) -> String {
        self.try_message(locale, id, args)
            .or_else(|| self.try_message(self.source, id, args))
            .unwrap_or_else(|| id.to_string())
    }

    pub fn has_message(&self, locale: usize, id: &str) -> bool {
        self.try_message(locale, id, None).is_some()
    }

    fn try_message(&self, locale: usize, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let bundle = self.bundles.get(locale)?;
        let (msg_id, attr) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        let msg = bundle.get_message(msg_id)?;
        let pattern = match attr {
            Some(a) => msg.get_attribute(a)?.value(),
            None => msg.value()?,
        };
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }

    /// The campaign title in a locale: the `campaign-title` message, else `campaign.yaml`'s.
    pub fn title(&self, locale: usize) -> String {
        self.try_message(locale, "campaign-title", None)
            .unwrap_or_else(|| self.config.title.clone())
    }
}
