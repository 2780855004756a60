//! Incremental rebuilds for `herald serve`: after an edit of existing pages, only what the
//! edit affects is rendered again (see [`Renderer::render_paths`]), into the site being
//! served, and the whole campaign is checked again afterwards. Anything else (a new or
//! deleted file, a Fluent file, the theme, `campaign.yaml`) takes a full build.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Site;
use crate::render::site::Renderer;
use crate::{check, load, render, Fatal, Options, INCOMPLETE_CODES};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The loaded campaign and compiled templates of the last good build, kept between edits.
pub struct Live {
    opts: Options,
    site: Option<Arc<Site>>,
    tera: Option<tera::Tera>,
    /// The site's page paths per locale, which an edit of existing pages does not change.
    paths: Option<Arc<Vec<std::collections::BTreeSet<String>>>>,
}

/// What an incremental rebuild did.
#[derive(Debug)]
pub struct Edit {
    /// Pages written (the edited paths in every locale, their sections, the home pages).
    pub rendered: usize,
    /// From the edit to the edited pages written (the lists follow).
    pub written_after: Duration,
    /// Everything the checks report on the campaign as edited, and any render problem.
    pub diagnostics: Vec<Diagnostic>,
    /// False when the edited pages had errors: nothing was written.
    pub written: bool,
}

impl Live {
    /// Loads the campaign as the last (good) build saw it. `None` if it does not load:
    /// then every edit takes a full build until one succeeds.
    pub fn load(opts: &Options) -> Result<Live, Fatal> {
        let today = opts.today.unwrap_or_else(crate::today);
        let (site, tera) = match load::load(&opts.root, today) {
            Ok((site, _)) => {
                let site = Arc::new(site);
                match render::templates::compile(&site) {
                    Ok(t) => (Some(site), Some(t)),
                    Err(_) => (None, None),
                }
            }
            Err(load::LoadFailure::Invalid(_)) => (None, None),
            Err(load::LoadFailure::Io(msg)) => return Err(Fatal(msg)),
        };
        // Computed now, so that the first edit is as quick as the next ones.
        let paths = match (&site, &tera) {
            (Some(s), Some(t)) => {
                let out = opts.out_dir().join("site");
                Some(Renderer::new(s, t, &out, String::new()).paths())
            }
            _ => None,
        };
        Ok(Live {
            opts: opts.clone(),
            site,
            tera,
            paths,
        })
    }

    /// The edited pages' indices in `site.pages` and their new contents, if every changed
    /// path is an existing page file that still parses; `None` otherwise.
    fn reparse(
        &self,
        site: &Site,
        changed: &[PathBuf],
    ) -> Option<Vec<(usize, crate::model::Page)>> {
        // The watcher reports paths as it likes (absolute, or through `./`): compare real ones.
        let root = std::fs::canonicalize(&self.opts.root).ok()?;
        let content = root.join("content");
        let mut out = Vec::new();
        for path in changed {
            let path = &std::fs::canonicalize(path).ok()?;
            let rel = load::rel_path(&root, path);
            if !path.starts_with(&content) || path.extension().is_none_or(|e| e != "md") {
                return None;
            }
            let idx = site.pages.iter().position(|p| p.file == rel)?;
            let old = &site.pages[idx];
            let mut diags = Vec::new();
            let text = load::read_text(path, &rel, &mut diags)?;
            let tag = &site.locales[old.locale].tag;
            let page = load::parse_page(old.locale, &old.path, &rel, text, tag, &mut diags)?;
            if !diags.is_empty() {
                return None;
            }
            out.push((idx, page));
        }
        (!out.is_empty()).then_some(out)
    }

    /// Rebuilds after `changed` (absolute paths) incrementally, or returns `None` when the
    /// edit needs a full build (call [`Live::load`] again after it).
    pub fn edit(&mut self, changed: &[PathBuf]) -> Option<Edit> {
        let start = Instant::now();
        let site = self.site.as_ref()?;
        let pages = self.reparse(site, changed)?;
        // The templates' functions hold the site: let go of it to change its pages (the
        // templates stay compiled).
        let mut tera = self.tera.take()?;
        render::templates::unbind(&mut tera);
        let mut site = match Arc::try_unwrap(self.site.take()?) {
            Ok(s) => s,
            Err(_) => return None,
        };
        let paths: Vec<String> = pages.iter().map(|(_, p)| p.path.clone()).collect();
        for (idx, page) in pages {
            site.pages[idx] = page;
        }
        let site = Arc::new(site);
        render::templates::bind(&mut tera, &site);
        let mut diagnostics = Vec::new();
        // The edited pages' own checks decide whether they are written: a page with an
        // error keeps its last good version on screen, with the error over it.
        let own: Vec<Diagnostic> = check::content::check_pages(&site, self.opts.strict, &paths);
        let blocked = own.iter().any(|d| d.severity == Severity::Error);
        let mut rendered = 0;
        let mut written_after = start.elapsed();
        if !blocked {
            let out = self.opts.out_dir().join("site");
            let label = match out.strip_prefix(&self.opts.root) {
                Ok(rel) => load::rel_path(Path::new(""), rel),
                Err(_) => out.display().to_string(),
            };
            let renderer = match &self.paths {
                Some(all) => Renderer::with_paths(&site, &tera, &out, label, Arc::clone(all)),
                None => Renderer::new(&site, &tera, &out, label),
            };
            self.paths = Some(renderer.paths());
            // The edited pages first: they are what the reader is waiting for.
            let (n, diags) = renderer.render_paths(&paths);
            written_after = start.elapsed();
            let (lists, list_diags) = renderer.render_paths(&Renderer::lists_of(&paths));
            rendered = n + lists;
            diagnostics.extend(diags);
            diagnostics.extend(list_diags);
        }
        // Then the whole campaign, as `build` would check it: a broken link to the edited
        // page, a translation that no longer matches it.
        let mut all = check::run(
            &site,
            check::CheckOptions {
                strict: self.opts.strict,
            },
        );
        if self.opts.allow_incomplete {
            for d in &mut all {
                if d.severity == Severity::Error && INCOMPLETE_CODES.contains(&d.code) {
                    d.severity = Severity::Warning;
                }
            }
        }
        diagnostics.extend(all);
        crate::diagnostics::sort(&mut diagnostics);
        self.site = Some(site);
        self.tera = Some(tera);
        Some(Edit {
            rendered,
            written_after,
            written: !blocked,
            diagnostics,
        })
    }
}
