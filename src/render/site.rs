//! The website renderer: every page in every locale, section and home pages, the partners
//! page, the root language chooser, `404.html` and `sitemap.xml`.

use super::context::*;
use super::markdown::{self, Links};
use super::templates::render_error;
use crate::diagnostics::Diagnostic;
use crate::model::{Page, Site, STAGES};
use crate::paths;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;
use std::sync::{Arc, RwLock};
use tera::{Context, Tera};

/// What one site build produced.
#[derive(Debug, Default, Clone)]
pub struct SiteStats {
    /// Pages written per locale, in campaign order.
    pub pages: Vec<(String, usize)>,
    /// Pages shown in the source language because the locale has no translation yet.
    pub fallbacks: Vec<(String, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Home,
    Section,
    Page,
}

/// One output page: a path of the site in one locale.
struct Job<'a> {
    locale: usize,
    /// Path inside the locale folder (`work/rights.md`, `work/_index.md`, `_index.md`).
    path: String,
    kind: Kind,
    /// The page whose text is shown: the locale's own, the source's (fallback), or none for
    /// a generated section or home page.
    content: Option<&'a Page>,
    fallback: bool,
}

impl Job<'_> {
    fn out_dir(&self, site: &Site) -> String {
        format!(
            "{}/{}",
            site.locales[self.locale].tag,
            paths::page_dir(&self.path)
        )
    }
}

/// Every path of the site: the source locale's pages, each locale's own pages (orphans
/// included, so nothing a translator wrote disappears), and a section page per folder.
fn paths_by_locale(site: &Site) -> Vec<BTreeSet<String>> {
    let source: BTreeSet<String> = site.pages_of(site.source).map(|p| p.path.clone()).collect();
    (0..site.locales.len())
        .map(|li| {
            let mut set = source.clone();
            set.extend(site.pages_of(li).map(|p| p.path.clone()));
            let sections: Vec<String> = set
                .iter()
                .flat_map(|p| {
                    let parts: Vec<&str> = p.split('/').collect();
                    (1..parts.len()).map(move |n| format!("{}/_index.md", parts[..n].join("/")))
                })
                .collect();
            set.extend(sections);
            set.insert("_index.md".to_string());
            set
        })
        .collect()
}

fn jobs<'a>(site: &'a Site, all: &[BTreeSet<String>]) -> Vec<Job<'a>> {
    let mut out = Vec::new();
    for (li, set) in all.iter().enumerate() {
        for path in set {
            let own = site.translated(li, path);
            let src = site.page(site.source, path);
            let kind = if path == "_index.md" {
                Kind::Home
            } else if path.ends_with("/_index.md") {
                Kind::Section
            } else {
                Kind::Page
            };
            out.push(Job {
                locale: li,
                path: path.clone(),
                kind,
                content: own.or(src),
                fallback: own.is_none() && src.is_some() && li != site.source,
            });
        }
    }
    out
}

struct PageLinks<'a> {
    site: &'a Site,
    locale: usize,
    from_dir: &'a str,
    all: &'a [BTreeSet<String>],
    images: &'a super::images::Catalogue,
}

impl Links for PageLinks<'_> {
    fn resolve(&self, target: &str) -> Option<String> {
        if let Some(asset) = target.strip_prefix("assets/") {
            if self.site.assets.contains(asset) {
                return Some(paths::encode_path(&paths::relative(self.from_dir, target)));
            }
            return None;
        }
        // In the reader's locale if it has the page (or a fallback), else nowhere.
        if self.all[self.locale].contains(target) {
            let tag = &self.site.locales[self.locale].tag;
            let to = format!("{tag}/{}index.html", paths::page_dir(target));
            return Some(paths::encode_path(&paths::relative(self.from_dir, &to)));
        }
        None
    }

    fn picture(&self, target: &str) -> Option<markdown::Picture> {
        let asset = target.strip_prefix("assets/")?;
        self.images.picture(asset, self.from_dir)
    }

    fn allowed_html(&self) -> &[String] {
        &self.site.config.allow_html
    }
}

#[derive(Serialize)]
struct PageView {
    title: String,
    summary: Option<String>,
    content: String,
    toc: Vec<markdown::TocEntry>,
    stages: Vec<Label>,
    audiences: Vec<Label>,
    partners: Vec<PartnerView>,
    sources: Vec<SourceView>,
    reviewed: Option<String>,
    reviewed_iso: Option<String>,
    review_by: Option<String>,
    review_by_iso: Option<String>,
    fallback: bool,
    content_lang: String,
    content_dir: &'static str,
    source_language: String,
    path: String,
    translations: Vec<LocaleLink>,
    extra: serde_json::Value,
}

pub struct Renderer<'a> {
    site: &'a Arc<Site>,
    tera: &'a Tera,
    out: &'a Path,
    /// How diagnostics name the site folder: `output/site`, or the `--out` given.
    label: String,
    progress: Option<Arc<dyn crate::Progress>>,
    /// Top-level sections per locale, (title, index path), computed once: every page's
    /// navigation shows them.
    nav: Vec<Vec<(String, String)>>,
    /// Every page path of each locale (own, fallback and generated sections); shared so
    /// that `herald serve` computes it once, not at every edit.
    all: Arc<Vec<BTreeSet<String>>>,
    shared: Vec<LocaleShared>,
    images: super::images::Catalogue,
    /// The part of [`Renderer::base_context`] that is the same for every page of a locale
    /// at the same place in the tree (see [`Renderer::chrome_key`]), made once per place:
    /// links, navigation and campaign partners, which were a tenth of rendering a page.
    chrome: RwLock<HashMap<(usize, String), Arc<Context>>>,
    /// How many leading folders of a page's output folder its chrome links depend on.
    chrome_depth: usize,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Arc<Site>, tera: &'a Tera, out: &'a Path, label: String) -> Self {
        Self::with_paths(site, tera, out, label, Arc::new(paths_by_locale(site)))
    }

    /// A renderer given the site's paths ([`Renderer::paths`] of an earlier renderer), for
    /// a site whose pages changed but not which exist.
    pub fn with_paths(
        site: &'a Arc<Site>,
        tera: &'a Tera,
        out: &'a Path,
        label: String,
        all: Arc<Vec<BTreeSet<String>>>,
    ) -> Self {
        let shared = (0..site.locales.len())
            .map(|l| locale_shared(site, l))
            .collect();
        let mut r = Renderer {
            site,
            tera,
            out,
            label,
            progress: None,
            nav: Vec::new(),
            all,
            shared,
            images: super::images::Catalogue::new(site),
            chrome: RwLock::default(),
            // A relative link to a file `k` folders deep depends on the first `k` folders
            // of the page's own and on how deep it is. The chrome links to files at most two
            // folders deep (`fr/work/index.html`), and to partner logos in `assets/…`.
            chrome_depth: site
                .partners
                .iter()
                .filter_map(|p| p.logo.as_ref())
                .map(|l| l.split('/').count())
                .max()
                .unwrap_or(0)
                .max(2),
        };
        r.nav = (0..site.locales.len())
            .map(|l| {
                r.all[l]
                    .iter()
                    .filter(|p| p.ends_with("/_index.md") && p.matches('/').count() == 1)
                    .map(|p| (r.section_title(l, p), p.clone()))
                    .collect()
            })
            .collect();
        r
    }

    /// The context `base.html` needs for a page Herald generates itself (the search page)
    /// at `from_dir`; the caller adds what its template needs.
    pub fn chrome_context(&self, locale: usize, from_dir: &str) -> Context {
        let job = Job {
            locale,
            path: String::new(),
            kind: Kind::Section,
            content: None,
            fallback: false,
        };
        self.base_context(&job, from_dir)
    }

    fn url(&self, from_dir: &str, to_file: &str) -> String {
        paths::encode_path(&paths::relative(from_dir, to_file))
    }

    fn page_url(&self, from_dir: &str, locale: usize, path: &str) -> String {
        let tag = &self.site.locales[locale].tag;
        self.url(
            from_dir,
            &format!("{tag}/{}index.html", paths::page_dir(path)),
        )
    }

    fn absolute(&self, locale: usize, path: &str) -> Option<String> {
        let base = self.site.config.base_url()?;
        let tag = &self.site.locales[locale].tag;
        Some(format!(
            "{base}{tag}/{}",
            paths::encode_path(&paths::page_dir(path))
        ))
    }

    /// Locales that have this path as a real translation (not a fallback). A generated
    /// section or home page with no `_index.md` anywhere counts as present in every locale.
    fn translated_in(&self, path: &str) -> Vec<usize> {
        let n = self.site.locales.len();
        let real: Vec<usize> = (0..n)
            .filter(|&l| self.site.page(l, path).is_some())
            .collect();
        if real.is_empty() {
            (0..n).filter(|&l| self.all[l].contains(path)).collect()
        } else {
            real
        }
    }

    /// What decides a page's chrome: its locale, the first [`Renderer::chrome_depth`]
    /// folders of its output folder, and how many folders deep it is.
    fn chrome_key(&self, locale: usize, from_dir: &str) -> (usize, String) {
        let parts: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
        let lead = parts[..parts.len().min(self.chrome_depth)].join("/");
        (locale, format!("{}:{lead}", parts.len()))
    }

    /// The context every page at `from_dir` shares, made the first time it is asked for.
    fn chrome(&self, l: usize, from_dir: &str) -> Arc<Context> {
        let key = self.chrome_key(l, from_dir);
        if let Some(c) = self.chrome.read().ok().and_then(|m| m.get(&key).cloned()) {
            return c;
        }
        let site = self.site;
        let info = &site.locales[l];
        let mut ctx = Context::new();
        ctx.insert("lang", &info.tag);
        ctx.insert("dir", info.dir());
        ctx.insert("root", &paths::relative(from_dir, ""));
        ctx.insert("site_title", &self.shared[l].title);
        ctx.insert("language_name", &self.shared[l].endonym);
        ctx.insert("home_url", &self.page_url(from_dir, l, "_index.md"));
        ctx.insert(
            "partners_url",
            &self.url(from_dir, &format!("{}/partners/index.html", info.tag)),
        );
        ctx.insert("css_url", &self.url(from_dir, "style.css"));
        ctx.insert("language_chooser_url", &self.url(from_dir, "index.html"));
        ctx.insert(
            "search_url",
            &self.url(from_dir, &format!("{}/search/index.html", info.tag)),
        );
        ctx.insert("offline", &site.config.offline);
        ctx.insert(
            "campaign_partners",
            &self.shared[l].campaign_partners(site, from_dir),
        );
        ctx.insert("contact", &site.config.contact);
        ctx.insert("hotline", &site.config.hotline);
        // Top-level sections for the navigation.
        let nav: Vec<Link> = self.nav[l]
            .iter()
            .map(|(title, p)| Link {
                title: title.clone(),
                url: self.page_url(from_dir, l, p),
            })
            .collect();
        ctx.insert("nav", &nav);
        let ctx = Arc::new(ctx);
        if let Ok(mut m) = self.chrome.write() {
            m.insert(key, Arc::clone(&ctx));
        }
        ctx
    }

    fn base_context(&self, job: &Job, from_dir: &str) -> Context {
        let site = self.site;
        let l = job.locale;
        let mut ctx = Context::clone(&self.chrome(l, from_dir));
        // Language switcher: this path in every locale that has it (fallbacks included, so a
        // reader can always switch, and sees the notice where there is no translation).
        let switcher: Vec<LocaleLink> = (0..site.locales.len())
            .filter(|&o| job.path == "partners" || self.all[o].contains(&job.path))
            .map(|o| LocaleLink {
                lang: site.locales[o].tag.clone(),
                dir: site.locales[o].dir(),
                name: self.shared[o].endonym.clone(),
                url: self.page_url(from_dir, o, &job.path),
                current: o == l,
            })
            .collect();
        // hreflang alternates only for real translations: a fallback is the source text.
        let translated = self.translated_in(&job.path);
        let alt_href = |o: usize| {
            self.absolute(o, &job.path)
                .unwrap_or_else(|| self.page_url(from_dir, o, &job.path))
        };
        let mut alternates: Vec<Alternate> = translated
            .iter()
            .map(|&o| Alternate {
                hreflang: site.locales[o].tag.clone(),
                href: alt_href(o),
            })
            .collect();
        if translated.contains(&site.source) {
            alternates.push(Alternate {
                hreflang: "x-default".into(),
                href: alt_href(site.source),
            });
        }
        ctx.insert("canonical", &self.absolute(l, &job.path));
        ctx.insert("alternates", &alternates);
        ctx.insert("switcher", &switcher);
        ctx.insert("current_url", &self.page_url(from_dir, l, &job.path));
        ctx
    }

    fn section_title(&self, locale: usize, index_path: &str) -> String {
        if let Some(p) = self
            .site
            .page(locale, index_path)
            .or_else(|| self.site.page(self.site.source, index_path))
        {
            return p.title().to_string();
        }
        let dir = index_path.trim_end_matches("/_index.md");
        let name = dir
            .rsplit('/')
            .next()
            .unwrap_or(dir)
            .replace(['-', '_'], " ");
        let mut c = name.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    }

    fn page_view(&self, job: &Job, from_dir: &str) -> PageView {
        let site = self.site;
        let l = job.locale;
        let tag = &site.locales[l].tag;
        let content_locale = job.content.map_or(l, |p| p.locale);
        let (content, toc, front) = match job.content {
            Some(p) => {
                let links = PageLinks {
                    site,
                    locale: l,
                    from_dir,
                    all: &self.all,
                    images: &self.images,
                };
                let r = markdown::render(p.body(), &links);
                // A table wider than the screen scrolls: tabindex lets a keyboard scroll it too.
                (
                    r.html.replace("<table>", "<table tabindex=\"0\">"),
                    r.toc,
                    Some(p),
                )
            }
            None => (String::new(), Vec::new(), None),
        };
        let title = match (job.kind, front) {
            (Kind::Home, None) => self.shared[l].title.clone(),
            (_, Some(p)) => p.title().to_string(),
            (_, None) => self.section_title(l, &job.path),
        };
        let date = |d: Option<jiff::civil::Date>| d.map(|d| site.locales[l].format_date(d));
        let translations = (0..site.locales.len())
            .filter(|&o| o != l && site.translated(o, &job.path).is_some())
            .map(|o| LocaleLink {
                lang: site.locales[o].tag.clone(),
                dir: site.locales[o].dir(),
                name: self.shared[o].endonym.clone(),
                url: self.page_url(from_dir, o, &job.path),
                current: false,
            })
            .collect();
        PageView {
            title,
            summary: front.and_then(|p| p.front.summary.clone()),
            content,
            toc,
            stages: front.map_or(Vec::new(), |p| {
                self.shared[l].labels(site, l, "stage", &p.front.stages)
            }),
            audiences: front.map_or(Vec::new(), |p| {
                self.shared[l].labels(site, l, "audience", &p.front.audiences)
            }),
            partners: front.map_or(Vec::new(), |p| self.shared[l].page_partners(p, from_dir)),
            sources: front.map_or(Vec::new(), sources),
            reviewed: date(front.and_then(|p| p.reviewed)),
            reviewed_iso: front.and_then(|p| p.reviewed).map(|d| d.to_string()),
            review_by: date(front.and_then(|p| p.review_by)),
            review_by_iso: front.and_then(|p| p.review_by).map(|d| d.to_string()),
            fallback: job.fallback,
            content_lang: site.locales[content_locale].tag.clone(),
            content_dir: site.locales[content_locale].dir(),
            source_language: self.shared[content_locale].endonym.clone(),
            path: format!("{tag}/{}", paths::page_dir(&job.path)),
            translations,
            extra: front
                .map(|p| serde_json::to_value(&p.front.extra).unwrap_or_default())
                .unwrap_or_default(),
        }
    }

    fn list_item(&self, locale: usize, path: &str, from_dir: &str) -> Option<ListItem> {
        let own = self.site.translated(locale, path);
        let p = own.or_else(|| self.site.page(self.site.source, path))?;
        Some(ListItem {
            title: p.title().to_string(),
            summary: p.front.summary.clone(),
            url: self.page_url(from_dir, locale, path),
            stages: self.shared[locale].labels(self.site, locale, "stage", &p.front.stages),
            fallback: own.is_none(),
        })
    }

    /// Pages (not section indexes) of a locale directly inside a folder, in list order.
    fn children(&self, locale: usize, dir: &str) -> Vec<String> {
        let mut v: Vec<(i64, String, String)> = self.all[locale]
            .iter()
            .filter(|p| {
                let parent = match p.rfind('/') {
                    Some(i) => &p[..i],
                    None => "",
                };
                if p.ends_with("_index.md") {
                    // Subsection: `dir/sub/_index.md`.
                    let sub = p.trim_end_matches("/_index.md");
                    *p != "_index.md"
                        && sub.rfind('/').map_or("", |i| &sub[..i]) == dir
                        && sub != dir
                } else {
                    parent == dir
                }
            })
            .map(|p| {
                let page = self
                    .site
                    .page(locale, p)
                    .or_else(|| self.site.page(self.site.source, p));
                let weight = page.and_then(|x| x.front.weight).unwrap_or(i64::MAX);
                let title = page
                    .map(|x| x.title().to_string())
                    .unwrap_or_else(|| self.section_title(locale, p));
                (weight, title, p.clone())
            })
            .collect();
        v.sort();
        v.into_iter().map(|(_, _, p)| p).collect()
    }

    fn render_job(&self, job: &Job) -> Result<(), Vec<Diagnostic>> {
        let site = self.site;
        let l = job.locale;
        let from_dir = job.out_dir(site);
        let mut ctx = self.base_context(job, &from_dir);
        let view = self.page_view(job, &from_dir);
        let template = match job.kind {
            Kind::Home => {
                let all_pages: Vec<&String> = self.all[l]
                    .iter()
                    .filter(|p| !p.ends_with("_index.md"))
                    .collect();
                #[derive(Serialize)]
                struct StageGroup {
                    id: String,
                    label: String,
                    pages: Vec<ListItem>,
                }
                let stages: Vec<StageGroup> = STAGES
                    .iter()
                    .zip(&self.shared[l].stage_labels)
                    .map(|(s, label)| StageGroup {
                        id: s.to_string(),
                        label: label.label.clone(),
                        pages: all_pages
                            .iter()
                            .filter(|p| {
                                site.page(l, p)
                                    .or_else(|| site.page(site.source, p))
                                    .is_some_and(|x| x.front.stages.iter().any(|x| x == s))
                            })
                            .filter_map(|p| self.list_item(l, p, &from_dir))
                            .collect(),
                    })
                    .collect();
                let sections: Vec<ListItem> = self
                    .children(l, "")
                    .iter()
                    .filter(|p| p.ends_with("_index.md"))
                    .map(|p| match self.list_item(l, p, &from_dir) {
                        Some(i) => i,
                        None => ListItem {
                            title: self.section_title(l, p),
                            summary: None,
                            url: self.page_url(&from_dir, l, p),
                            stages: Vec::new(),
                            fallback: false,
                        },
                    })
                    .collect();
                ctx.insert("stages", &stages);
                ctx.insert("sections", &sections);
                "home.html"
            }
            Kind::Section => {
                let dir = job.path.trim_end_matches("/_index.md");
                let children: Vec<ListItem> = self
                    .children(l, dir)
                    .iter()
                    .map(|p| match self.list_item(l, p, &from_dir) {
                        Some(i) => i,
                        None => ListItem {
                            title: self.section_title(l, p),
                            summary: None,
                            url: self.page_url(&from_dir, l, p),
                            stages: Vec::new(),
                            fallback: false,
                        },
                    })
                    .collect();
                ctx.insert("pages", &children);
                ctx.insert("page_count", &children.len());
                "section.html"
            }
            Kind::Page => "page.html",
        };
        let mut crumbs = vec![Link {
            title: site.message(l, "nav-home", None),
            url: self.page_url(&from_dir, l, "_index.md"),
        }];
        let parts: Vec<&str> = job.path.trim_end_matches("/_index.md").split('/').collect();
        if job.kind != Kind::Home {
            let n = parts.len() - 1;
            for k in 1..=n {
                let idx = format!("{}/_index.md", parts[..k].join("/"));
                crumbs.push(Link {
                    title: self.section_title(l, &idx),
                    url: self.page_url(&from_dir, l, &idx),
                });
            }
        }
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert("page", &view);
        // Rendered to bytes: they are read back and written as they are, so making a String
        // of them would only check again that Tera wrote UTF-8.
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &ctx, &mut html)
            .map_err(|e| {
                vec![render_error(
                    site,
                    &e,
                    template,
                    &format!("{from_dir}index.html"),
                )]
            })?;
        let tag = &site.locales[l].tag;
        let credited: Vec<(&crate::model::Partner, String)> = job
            .content
            .map(|p| p.front.partners.as_slice())
            .unwrap_or_default()
            .iter()
            .chain(&site.config.partners)
            .filter_map(|id| site.partner(id))
            .map(|p| (p, p.name_in(tag).to_string()))
            .collect();
        let problems = crate::check::credits::verify(
            &html,
            &credited,
            (!view.content.is_empty()).then_some(view.content.as_str()),
            &format!("{}/{from_dir}index.html", self.label),
            tag,
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        write_file(&self.out.join(&from_dir).join("index.html"), &html).map_err(|d| vec![d])
    }

    fn render_partners(&self, locale: usize) -> Result<(), Diagnostic> {
        let site = self.site;
        let tag = &site.locales[locale].tag;
        let from_dir = format!("{tag}/partners/");
        let job = Job {
            locale,
            path: "partners".into(),
            kind: Kind::Section,
            content: None,
            fallback: false,
        };
        let mut ctx = self.base_context(&job, &from_dir);
        #[derive(Serialize)]
        struct Group {
            kind: String,
            label: String,
            partners: Vec<PartnerView>,
        }
        let mut groups: BTreeMap<usize, Group> = BTreeMap::new();
        for p in &site.partners {
            let order = crate::check::partners::KINDS
                .iter()
                .position(|k| *k == p.kind)
                .unwrap_or(usize::MAX);
            groups
                .entry(order)
                .or_insert_with(|| Group {
                    kind: p.kind.clone(),
                    label: site.message(locale, &format!("partner-kind-{}", p.kind), None),
                    partners: Vec::new(),
                })
                .partners
                .push(partner_view(site, locale, p, &from_dir));
        }
        ctx.insert("groups", &groups.into_values().collect::<Vec<_>>());
        ctx.insert(
            "breadcrumbs",
            &vec![Link {
                title: site.message(locale, "nav-home", None),
                url: self.page_url(&from_dir, locale, "_index.md"),
            }],
        );
        ctx.insert("page_title", &site.message(locale, "partners-title", None));
        let html = self.tera.render("partners.html", &ctx).map_err(|e| {
            render_error(site, &e, "partners.html", &format!("{from_dir}index.html"))
        })?;
        write_file(
            &self.out.join(&from_dir).join("index.html"),
            html.as_bytes(),
        )
    }

    fn render_root(&self) -> Result<(), Diagnostic> {
        let site = self.site;
        let mut ctx = Context::new();
        let langs: Vec<LocaleLink> = (0..site.locales.len())
            .map(|o| LocaleLink {
                lang: site.locales[o].tag.clone(),
                dir: site.locales[o].dir(),
                name: self.shared[o].endonym.clone(),
                url: self.page_url("", o, "_index.md"),
                current: false,
            })
            .collect();
        let titles: Vec<String> = (0..site.locales.len())
            .map(|o| self.shared[o].title.clone())
            .collect();
        ctx.insert("languages", &langs);
        ctx.insert("titles", &titles);
        ctx.insert("lang", &site.locales[site.source].tag);
        ctx.insert("dir", site.locales[site.source].dir());
        ctx.insert("site_title", &self.shared[site.source].title);
        ctx.insert("css_url", "style.css");
        ctx.insert("root", "");
        ctx.insert("canonical", &site.config.base_url());
        let html = self
            .tera
            .render("root.html", &ctx)
            .map_err(|e| render_error(site, &e, "root.html", "index.html"))?;
        write_file(&self.out.join("index.html"), html.as_bytes())?;

        // 404.html is served at any depth, so its links must be absolute where we can.
        let base = site.config.base_url().unwrap_or_default();
        let mut ctx = Context::new();
        let langs: Vec<LocaleLink> = langs
            .into_iter()
            .map(|mut l| {
                l.url = format!("{base}{}", l.url);
                l
            })
            .collect();
        ctx.insert("languages", &langs);
        ctx.insert("lang", &site.locales[site.source].tag);
        ctx.insert("dir", site.locales[site.source].dir());
        ctx.insert("site_title", &self.shared[site.source].title);
        ctx.insert("css_url", &format!("{base}style.css"));
        ctx.insert("root", &base);
        let html = self
            .tera
            .render("404.html", &ctx)
            .map_err(|e| render_error(site, &e, "404.html", "404.html"))?;
        write_file(&self.out.join("404.html"), html.as_bytes())
    }

    fn render_sitemap(&self) -> Result<(), Diagnostic> {
        let Some(_) = self.site.config.base_url() else {
            return Ok(());
        };
        let site = self.site;
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        let esc = super::templates::escape;
        let mut paths: BTreeSet<&String> = BTreeSet::new();
        for set in self.all.iter() {
            paths.extend(set.iter());
        }
        for path in paths {
            let translated = self.translated_in(path);
            for l in 0..site.locales.len() {
                if !self.all[l].contains(path) {
                    continue;
                }
                let Some(loc) = self.absolute(l, path) else {
                    continue;
                };
                xml.push_str("  <url>\n    <loc>");
                xml.push_str(&esc(&loc));
                xml.push_str("</loc>\n");
                if let Some(d) = site.page(l, path).and_then(|p| p.reviewed) {
                    xml.push_str(&format!("    <lastmod>{d}</lastmod>\n"));
                }
                for &o in &translated {
                    if let Some(href) = self.absolute(o, path) {
                        xml.push_str(&format!(
                            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                            esc(&site.locales[o].tag),
                            esc(&href)
                        ));
                    }
                }
                if translated.contains(&site.source) {
                    if let Some(href) = self.absolute(site.source, path) {
                        xml.push_str(&format!(
                            "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                            esc(&href)
                        ));
                    }
                }
                xml.push_str("  </url>\n");
            }
        }
        // The partners page exists in every locale.
        for l in 0..site.locales.len() {
            let Some(base) = site.config.base_url() else {
                break;
            };
            xml.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n",
                esc(&format!("{base}{}/partners/", site.locales[l].tag))
            ));
            for o in 0..site.locales.len() {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    esc(&site.locales[o].tag),
                    esc(&format!("{base}{}/partners/", site.locales[o].tag))
                ));
            }
            xml.push_str("  </url>\n");
        }
        xml.push_str("</urlset>\n");
        write_file(&self.out.join("sitemap.xml"), xml.as_bytes())
    }

    pub fn with_progress(mut self, progress: Option<Arc<dyn crate::Progress>>) -> Self {
        self.progress = progress;
        self
    }

    /// The pages that list these page paths (`work/rights.md`): the section pages above
    /// each and the home page. With the paths themselves (in every locale: translations'
    /// switchers, and fallbacks that show the source's text), that is all an edit of those
    /// pages changes. `herald serve` renders just these after an edit.
    pub fn lists_of(paths: &[String]) -> Vec<String> {
        let mut lists: BTreeSet<String> = BTreeSet::new();
        lists.insert("_index.md".into());
        for p in paths {
            // `work/visas/apply.md` is listed by `work/visas/_index.md` and `work/_index.md`;
            // `work/visas/_index.md` itself by `work/_index.md`.
            let mut dir = p.strip_suffix("/_index.md").unwrap_or(p);
            while let Some(i) = dir.rfind('/') {
                dir = &dir[..i];
                lists.insert(format!("{dir}/_index.md"));
            }
        }
        lists.into_iter().filter(|l| !paths.contains(l)).collect()
    }

    pub fn paths(&self) -> Arc<Vec<BTreeSet<String>>> {
        Arc::clone(&self.all)
    }

    /// Renders these paths in every locale that has them; returns how many pages.
    pub fn render_paths(&self, paths: &[String]) -> (usize, Vec<Diagnostic>) {
        let some: Vec<BTreeSet<String>> = self
            .all
            .iter()
            .map(|set| paths.iter().filter(|p| set.contains(*p)).cloned().collect())
            .collect();
        let jobs = jobs(self.site, &some);
        let diags = jobs
            .par_iter()
            .filter_map(|j| self.render_job(j).err())
            .flatten()
            .collect();
        (jobs.len(), diags)
    }

    /// Everything of the site but its pages.
    fn render_rest(&self) -> Vec<Diagnostic> {
        let site = self.site;
        let mut diags: Vec<Diagnostic> = (0..site.locales.len())
            .into_par_iter()
            .filter_map(|l| self.render_partners(l).err())
            .collect();
        if let Err(d) = self.render_root() {
            diags.push(d);
        }
        if let Err(d) = self.render_sitemap() {
            diags.push(d);
        }
        if let Err(d) = copy_static(site, self.out) {
            diags.push(d);
        }
        diags.extend(self.images.write(self.out));
        diags.extend(super::images::minify_stylesheets(self.out));
        diags
    }

    /// Renders the whole site into `self.out`.
    pub fn render(&self) -> (SiteStats, Vec<Diagnostic>) {
        let site = self.site;
        let jobs = crate::timing::phase("render jobs", || jobs(site, &self.all));
        if let Some(p) = &self.progress {
            p.begin("pages", jobs.len());
        }
        // The pages, and beside them what does not depend on them (the partners pages, the
        // language chooser, the sitemap, static files, image copies): done after the pages,
        // that was a quarter of a second at 40,000 pages with one core idle.
        let (mut diags, rest): (Vec<Diagnostic>, Vec<Diagnostic>) = rayon::join(
            || {
                let diags = crate::timing::phase("render pages", || {
                    jobs.par_iter()
                        .filter_map(|j| {
                            let r = self.render_job(j).err();
                            if let Some(p) = &self.progress {
                                p.advance(1);
                            }
                            r
                        })
                        .flatten()
                        .collect()
                });
                if let Some(p) = &self.progress {
                    p.end();
                }
                diags
            },
            || crate::timing::phase("render other files", || self.render_rest()),
        );
        diags.extend(rest);
        let mut stats = SiteStats::default();
        for (li, l) in site.locales.iter().enumerate() {
            stats.pages.push((
                l.tag.clone(),
                jobs.iter().filter(|j| j.locale == li).count() + 1,
            ));
        }
        stats.fallbacks = jobs
            .iter()
            .filter(|j| j.fallback)
            .map(|j| (site.locales[j.locale].tag.clone(), j.path.clone()))
            .collect();
        (stats, diags)
    }
}

pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io_diag(parent, e))?;
    }
    fs::write(path, bytes).map_err(|e| io_diag(path, e))
}

fn io_diag(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "io-error",
        format!("Herald could not write {}: {e}", path.display()),
    )
    .help("Check that the output folder is writable and the disk is not full.")
}

/// Copies the theme's `static/` and the campaign's `content/assets/` into the site.
fn copy_static(site: &Site, out: &Path) -> Result<(), Diagnostic> {
    let mut ignored = Vec::new();
    let theme_static = site.theme_dir.join("static");
    if theme_static.is_dir() {
        for f in crate::load::walk_files(&theme_static, &site.root, &mut ignored) {
            let rel = crate::load::rel_path(&theme_static, &f);
            let to = out.join(&rel);
            if let Some(p) = to.parent() {
                fs::create_dir_all(p).map_err(|e| io_diag(p, e))?;
            }
            fs::copy(&f, &to).map_err(|e| io_diag(&to, e))?;
        }
    }
    let assets = site.root.join("content/assets");
    for rel in &site.assets {
        let to = out.join("assets").join(rel);
        if let Some(p) = to.parent() {
            fs::create_dir_all(p).map_err(|e| io_diag(p, e))?;
        }
        fs::copy(assets.join(rel), &to).map_err(|e| io_diag(&to, e))?;
    }
    Ok(())
}
