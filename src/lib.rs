//! Herald: a static-site generator for multilingual public-information campaigns.
//!
//! The pipeline is **load** ([`load`]) → **check** ([`check`]) → **render** ([`render`]) →
//! **write** ([`write`]). [`build`] and [`check_campaign`] run it for the command line; each
//! stage is usable on its own.

// Renderers return a `Diagnostic` as their error: it is built once per failure, never on a
// hot path, so its size does not matter and boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod charset;
pub mod check;
pub mod config;
pub mod coverage;
pub mod diagnostics;
pub mod init;
pub mod live;
pub mod load;
pub mod locale;
pub mod model;
pub mod paths;
pub mod render;
pub mod serve;
pub mod status;
pub mod timing;
pub mod write;

use diagnostics::{Diagnostic, Severity};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Reports progress through long stages; the command line shows it as a progress bar.
pub trait Progress: Send + Sync {
    fn begin(&self, stage: &str, total: usize);
    fn advance(&self, n: usize);
    fn end(&self);
}

impl std::fmt::Debug for dyn Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// What a command is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--only site`: just the HTML site, no print packs, bundles, search or dashboard.
    pub only_site: bool,
    /// `herald serve`: the site, its search pages and the dashboard, but no print packs or
    /// bundles, so that a rebuild after an edit is quick.
    pub preview: bool,
    /// Where to report progress, if anywhere.
    pub progress: Option<Arc<dyn Progress>>,
    /// The campaign folder.
    pub root: PathBuf,
    /// Replaces `<root>/output`.
    pub out: Option<PathBuf>,
    /// Publish locales whose translations are incomplete, with fallback pages.
    pub allow_incomplete: bool,
    /// `review-overdue` is an error.
    pub strict: bool,
    /// The date reviews are compared with; default: [`today`].
    pub today: Option<jiff::civil::Date>,
}

impl Options {
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("output"))
    }
}

/// Herald could not run at all (exit code 2).
#[derive(Debug)]
pub struct Fatal(pub String);

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Today's date, or `HERALD_TODAY` (YYYY-MM-DD) when set, so builds and tests can be
/// reproduced on another day.
pub fn today() -> jiff::civil::Date {
    if let Ok(s) = std::env::var("HERALD_TODAY") {
        if let Ok(d) = s.parse() {
            return d;
        }
    }
    jiff::Zoned::now().date()
}

/// The result of `herald check` or `herald build`.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Whether a new output was written.
    pub built: bool,
    pub site: Option<render::site::SiteStats>,
    /// The print packs made (`output/print/`).
    pub print: Option<render::print::PrintStats>,
    /// The search pages written (pages indexed per locale).
    pub search: Option<render::search::SearchStats>,
    /// The hostable bundles written (`output/bundles/`).
    pub bundles: Option<render::bundle::BundleStats>,
    pub elapsed: Duration,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Codes that `--allow-incomplete` turns from errors into warnings: the reader gets the
/// source text with a notice instead.
const INCOMPLETE_CODES: [&str; 2] = ["missing-translation", "missing-message"];

fn load_and_check(opts: &Options) -> Result<(Option<model::Site>, Vec<Diagnostic>), Fatal> {
    let today = opts.today.unwrap_or_else(today);
    let (site, mut diags) = match timing::phase("load", || load::load(&opts.root, today)) {
        Ok(x) => x,
        Err(load::LoadFailure::Invalid(d)) => return Ok((None, d)),
        Err(load::LoadFailure::Io(msg)) => return Err(Fatal(msg)),
    };
    diags.extend(timing::phase("check", || {
        check::run(
            &site,
            check::CheckOptions {
                strict: opts.strict,
            },
        )
    }));
    // Print checks (fonts, glyph coverage) only matter when print packs are made.
    if !opts.preview && !opts.only_site {
        diags.extend(timing::phase("check print", || render::print::check(&site)));
    }
    if opts.allow_incomplete {
        for d in &mut diags {
            if d.severity == Severity::Error && INCOMPLETE_CODES.contains(&d.code) {
                d.severity = Severity::Warning;
            }
        }
    }
    diagnostics::sort(&mut diags);
    Ok((Some(site), diags))
}

/// Runs every check; writes nothing.
pub fn check_campaign(opts: &Options) -> Result<Report, Fatal> {
    let start = Instant::now();
    let (site, mut diagnostics) = load_and_check(opts)?;
    // Templates are compiled (not rendered) so that `check` reports their syntax errors too.
    if let Some(site) = site {
        if let Err(d) = render::templates::compile(&Arc::new(site)) {
            diagnostics.extend(d);
            diagnostics::sort(&mut diagnostics);
        }
    }
    Ok(Report {
        diagnostics,
        built: false,
        site: None,
        print: None,
        search: None,
        bundles: None,
        elapsed: start.elapsed(),
    })
}

fn refuse_out(root: &Path, out: &Path) -> Option<String> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(out));
    if out == root || root.starts_with(&out) {
        return Some(format!(
            "refusing to write output to {}: it would replace the campaign itself",
            out.display()
        ));
    }
    for inner in ["content", "locales", "themes"] {
        if out.starts_with(root.join(inner)) {
            return Some(format!("refusing to write output inside {inner}/: choose a folder outside the campaign's sources"));
        }
    }
    None
}

/// Checks the campaign and, if it has no errors, renders it and swaps the new output in.
pub fn build(opts: &Options) -> Result<Report, Fatal> {
    let start = Instant::now();
    let out = opts.out_dir();
    if let Some(msg) = refuse_out(&opts.root, &out) {
        return Err(Fatal(msg));
    }
    let (site, mut diagnostics) = load_and_check(opts)?;
    let mut report = Report::default();
    let Some(site) = site else {
        report.diagnostics = diagnostics;
        return Ok(report);
    };
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        report.diagnostics = diagnostics;
        report.elapsed = start.elapsed();
        return Ok(report);
    }
    let site = Arc::new(site);
    let tera = match timing::phase("compile templates", || render::templates::compile(&site)) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.extend(d);
            report.diagnostics = diagnostics;
            return Ok(report);
        }
    };
    let staging = match write::Staging::new(&out) {
        Ok(s) => s,
        Err(write::OutError::NotOurs(p)) => {
            return Err(Fatal(format!(
                "refusing to replace {}: it holds files Herald did not create. Choose another --out, or empty the folder.",
                p.display()
            )))
        }
        Err(write::OutError::Io(e)) => return Err(Fatal(format!("could not prepare the output folder {}: {e}", out.display()))),
    };
    let site_dir = staging.path().join("site");
    let label = match out.strip_prefix(&opts.root) {
        Ok(rel) => load::rel_path(Path::new(""), &rel.join("site")),
        Err(_) => out.join("site").display().to_string(),
    };
    let print_label = label.strip_suffix("site").unwrap_or(&label).to_string() + "print";
    let renderer = timing::phase("prepare render", || {
        render::site::Renderer::new(&site, &tera, &site_dir, label)
    })
    .with_progress(opts.progress.clone());
    // Print packs are made alongside the HTML, and the search pages and bundles, which read
    // the site as it was written, alongside the print packs.
    let print_dir = staging.path().join("print");
    let bundles_dir = staging.path().join("bundles");
    let ((stats, mut render_diags, search_and_bundles), print) = rayon::join(
        || {
            let (stats, mut diags) = timing::phase("render site", || renderer.render());
            let mut extra = (None, None);
            if !opts.only_site && !diags.iter().any(|d| d.severity == Severity::Error) {
                let (search, search_diags) =
                    render::search::render(&site, &tera, &renderer, &site_dir);
                diags.extend(search_diags);
                extra.0 = Some(search);
                if !opts.preview {
                    let (bundles, bundle_diags) =
                        render::bundle::render(&site, &tera, &site_dir, &bundles_dir);
                    diags.extend(bundle_diags);
                    extra.1 = Some(bundles);
                }
            }
            (stats, diags, extra)
        },
        || {
            (!opts.only_site && !opts.preview)
                .then(|| render::print::render(&site, &print_dir, &print_label))
        },
    );
    if let Some((print_stats, print_diags)) = print {
        render_diags.extend(print_diags);
        report.print = Some(print_stats);
    }
    report.search = search_and_bundles.0;
    report.bundles = search_and_bundles.1;
    if !opts.only_site {
        if let Err(d) =
            render::status::render(&site, &tera, &diagnostics, &staging.path().join("status"))
        {
            render_diags.push(d);
        }
    }
    diagnostics.extend(render_diags);
    diagnostics::sort(&mut diagnostics);
    report.site = Some(stats);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        // Dropping the staging folder deletes it; the previous output stays.
        report.diagnostics = diagnostics;
        report.elapsed = start.elapsed();
        return Ok(report);
    }
    timing::phase("commit", || staging.commit()).map_err(|e| {
        Fatal(format!(
            "could not move the new output into {}: {e}",
            out.display()
        ))
    })?;
    report.diagnostics = diagnostics;
    report.built = true;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Loads a campaign for the translator commands, failing if its configuration is broken.
fn load_for_status(opts: &Options) -> Result<(model::Site, Vec<Diagnostic>), Fatal> {
    match load_and_check(opts)? {
        (Some(site), diags) => Ok((site, diags)),
        (None, diags) => Err(Fatal(
            diags
                .iter()
                .map(|d| format!("{}: {}", d.file.as_deref().unwrap_or("campaign"), d.message))
                .collect::<Vec<_>>()
                .join("\n"),
        )),
    }
}

/// `herald status`: per-locale translation status.
pub fn translation_status(
    opts: &Options,
) -> Result<(Vec<status::LocaleStatus>, coverage::Coverage), Fatal> {
    let (site, diags) = load_for_status(opts)?;
    Ok((status::status(&site, &diags), coverage::coverage(&site)))
}

/// `herald status --accept FILE…`: records the current source version in translations.
pub fn accept(
    opts: &Options,
    files: &[String],
) -> Result<Result<Vec<String>, Vec<Diagnostic>>, Fatal> {
    let (site, _) = load_for_status(opts)?;
    Ok(status::accept(&site, files))
}

/// `herald status LOCALE --scaffold`: creates a locale's missing files from the source.
pub fn scaffold(opts: &Options, locale: &str) -> Result<Vec<String>, Fatal> {
    let (site, _) = load_for_status(opts)?;
    let li = site
        .locale_index(locale)
        .ok_or_else(|| Fatal(format!("`{locale}` is not one of the campaign's locales")))?;
    if li == site.source {
        return Err(Fatal(format!(
            "`{locale}` is the source locale: there is nothing to scaffold"
        )));
    }
    status::scaffold(&site, li).map_err(|e| Fatal(format!("could not create files: {e}")))
}
