//! Print packs: PDFs made in-process with Typst, per locale a booklet, a leaflet per page
//! and the packs `campaign.yaml` defines.
//!
//! Content reaches Typst only as data: each document is a JSON file ([`data`]) that the
//! theme's fixed template (`themes/<name>/print/main.typ`) reads, in a [`world`] of our own
//! that serves nothing but the template, the data, the campaign's shared files and the
//! theme's fonts. Documents are compiled in parallel, one per thread at a time ([`feed`]), and
//! Typst's memo cache is evicted between them, so memory stays flat.
//!
//! [`check`] runs with the other checks (fonts, packs, `missing-glyph`, web-only partners,
//! the `base_url` QR codes need); [`render`] makes the PDFs.

pub mod compile;
pub mod data;
pub mod fonts;
pub mod glyphs;
pub mod markdown;
pub mod packs;
pub mod qr;
pub mod readback;
pub mod world;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Site;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the print step produced.
#[derive(Debug, Default, Clone)]
pub struct PrintStats {
    /// PDFs written.
    pub documents: usize,
    /// PDF pages, all documents together.
    pub pages: usize,
    /// PDFs per locale, in campaign order.
    pub per_locale: Vec<(String, usize)>,
    pub elapsed: Duration,
}

/// Memoised results unused for this many documents are dropped.
const EVICT_AFTER: usize = 4;

/// The stack of each thread that compiles documents.
const STACK_SIZE: usize = 256 << 20;

fn print_dir(site: &Site) -> PathBuf {
    site.theme_dir.join("print")
}

fn theme_rel(site: &Site) -> String {
    crate::load::rel_path(&site.root, &print_dir(site))
}

/// Whether the campaign asks for any print pack at all.
fn wanted(site: &Site) -> bool {
    let p = &site.config.print;
    p.booklet || p.leaflets || !p.packs.is_empty()
}

/// The print checks: the theme's print layout and fonts, the packs configured, characters
/// no font covers, web-only partners named in printed text, and QR codes without `base_url`.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    if !wanted(site) {
        return Vec::new();
    }
    let dir = print_dir(site);
    if !dir.join(world::MAIN).is_file() {
        return vec![Diagnostic::warning(
            "no-print-layout",
            format!(
                "The theme has no print layout ({}/{}): no print packs are made.",
                theme_rel(site),
                world::MAIN
            ),
        )
        .help("Copy themes/default/print/ into your theme, or set `print: { booklet: false, leaflets: false }` in campaign.yaml.")];
    }
    let (_, mut diags) = packs::jobs(site);
    if site.config.base_url().is_none() {
        diags.push(
            Diagnostic::warning(
                "no-qr-code",
                "campaign.yaml has no base_url, so the print packs have no QR codes back to the web pages.",
            )
            .file("campaign.yaml")
            .help("Set `base_url:` to the address where the site will be published, such as https://example.org/campaign/."),
        );
    }
    let fonts = match fonts::load(site, &dir) {
        Ok(f) => f,
        Err(d) => {
            diags.extend(d);
            return diags;
        }
    };
    let per_locale: Vec<Vec<Diagnostic>> = (0..site.locales.len())
        .into_par_iter()
        .map(|l| {
            let (main, mono) = fonts.for_locale(site, l);
            let ld = data::LocaleData::new(site, l, (&main, &mono)).without_qr_codes();
            let mut d = glyphs::check_glyphs(site, &fonts, &ld);
            d.extend(glyphs::check_web_only(site, &ld));
            d
        })
        .collect();
    // A page printed in several locales (a fallback) is reported once.
    let mut seen = std::collections::HashSet::new();
    for d in per_locale.into_iter().flatten() {
        let key = (d.code, d.file.clone(), d.line, d.column, d.message.clone());
        if seen.insert(key) {
            diags.push(d);
        }
    }
    diags
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "io-error",
        format!("Herald could not write {}: {e}", path.display()),
    )
    .help("Check that the output folder is writable and the disk is not full.")
}

/// What [`readback::verify`] expects to find printed in a pack: the partners it credits,
/// with their names in its locale and their logos' bytes.
fn expected_credits<'a>(
    site: &'a Site,
    ld: &data::LocaleData,
    job: &packs::Job,
    logos: &'a HashMap<String, Vec<u8>>,
) -> Vec<readback::Expected<'a>> {
    ld.credited(site, &job.pages)
        .into_iter()
        .map(|p| readback::Expected {
            id: &p.id,
            name: p.name_in(&ld.tag).to_string(),
            logo: logos.get(&p.id).map(Vec::as_slice),
        })
        .collect()
}

/// Runs `make` on every job in `pool`, with at most one document per thread of the pool in
/// flight, and returns the results in the jobs' order.
///
/// Typst's PDF export (krilla) spawns each page's content stream on the pool and waits for
/// them with `rayon::yield_now`, which runs whatever else the pool has queued. Under a
/// `par_iter` over the documents that is other documents, started on top of the waiting
/// one's stack, each keeping its layout until those above it finish: memory grew with the
/// number of documents (about 1 MB per leaflet; 44 of 64 jobs open at once in the test
/// below). Here each feeder thread hands the pool one document and waits for it outside the
/// pool, so no more documents are open than there are feeders.
fn feed<J: Sync, R: Send>(
    pool: &rayon::ThreadPool,
    jobs: &[J],
    make: impl Fn(&J) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let feeders = pool.current_num_threads().min(jobs.len()).max(1);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..feeders)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        mine.push((i, pool.install(|| make(job))));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(mine) => mine,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Makes every print pack into `out/<locale>/*.pdf`; `label` names `out` in diagnostics.
/// Run [`check`] first: this reports only what goes wrong while making the PDFs.
pub fn render(site: &Site, out: &Path, label: &str) -> (PrintStats, Vec<Diagnostic>) {
    let start = Instant::now();
    let mut stats = PrintStats::default();
    if !wanted(site) || !print_dir(site).join(world::MAIN).is_file() {
        return (stats, Vec::new());
    }
    let dir = print_dir(site);
    let (jobs, mut diags) = packs::jobs(site);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return (stats, diags);
    }
    let fonts = match fonts::load(site, &dir) {
        Ok(f) => Arc::new(f),
        Err(d) => return (stats, d),
    };
    let shared = world::Shared::new(
        fonts.clone(),
        &dir,
        &site.root.join("content/assets"),
        site.assets.clone(),
        site.today,
    );
    let locales: Vec<data::LocaleData> = (0..site.locales.len())
        .into_par_iter()
        .map(|l| {
            let (main, mono) = fonts.for_locale(site, l);
            data::LocaleData::new(site, l, (&main, &mono))
        })
        .collect();
    let theme = theme_rel(site);
    // Logos are compared with the images laid out; one that cannot be read is reported by
    // the registry check, so it is not looked for here.
    let logos: HashMap<String, Vec<u8>> = site
        .partners
        .iter()
        .filter_map(|p| {
            let logo = p.logo.as_ref().filter(|l| site.assets.contains(*l))?;
            let bytes = std::fs::read(site.root.join("content/assets").join(logo)).ok()?;
            Some((p.id.clone(), bytes))
        })
        .collect();
    // Typst recurses deeply on long documents (a booklet of a hundred pages): its threads get
    // a larger stack than rayon's default 2 MiB (address space, not memory, until used).
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("herald-print-{i}"))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            diags.push(Diagnostic::error(
                "print-error",
                format!("Herald could not start the threads that make the PDFs: {e}"),
            ));
            return (stats, diags);
        }
    };
    let make = |job: &packs::Job| -> Result<(usize, usize), Vec<Diagnostic>> {
        let ld = &locales[job.locale];
        let file = format!("{}/{}.pdf", ld.tag, job.name);
        let doc_label = format!("print/{file}");
        let (value, _title) = packs::document(site, ld, job);
        let bytes = serde_json::to_vec(&value).expect("JSON values serialise");
        let credits = expected_credits(site, ld, job, &logos);
        let document = compile::Document {
            data: bytes,
            doc: &doc_label,
            output: &format!("{label}/{file}"),
            locale: &ld.tag,
            ident: &format!("herald/{file}"),
            credits: &credits,
        };
        let result = compile::compile(&shared, document, &theme, site.today);
        comemo::evict(EVICT_AFTER);
        let compiled = result.map_err(|f| {
            f.diagnostics
                .into_iter()
                .map(|d| d.locale(ld.tag.clone()))
                .collect::<Vec<_>>()
        })?;
        let path = out.join(&file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| vec![io_error(parent, e)])?;
        }
        std::fs::write(&path, &compiled.pdf).map_err(|e| vec![io_error(&path, e)])?;
        Ok((job.locale, compiled.pages))
    };
    let results = feed(&pool, &jobs, make);
    let mut per_locale = vec![0usize; site.locales.len()];
    for r in results {
        match r {
            Ok((l, pages)) => {
                stats.documents += 1;
                stats.pages += pages;
                per_locale[l] += 1;
            }
            Err(d) => diags.extend(d),
        }
    }
    // Many documents fail the same way (a template error): say it once per message.
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| seen.insert((d.code, d.file.clone(), d.line, d.message.clone())));
    stats.per_locale = site
        .locales
        .iter()
        .zip(per_locale)
        .map(|(l, n)| (l.tag.clone(), n))
        .collect();
    stats.elapsed = start.elapsed();
    (stats, diags)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::time::Duration;

    /// Jobs that wait as Typst's PDF export (krilla) does: work spawned on the pool, then
    /// `rayon::yield_now` until nothing more runs, which executes whatever else the pool has
    /// queued. Never more of them may be open at once than the pool has threads.
    #[test]
    fn feed_keeps_one_job_per_thread_in_flight() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let open = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let jobs: Vec<usize> = (0..64).collect();
        let results = super::feed(&pool, &jobs, |&j| {
            let now = open.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            let chunks: Vec<Arc<OnceLock<()>>> = (0..3)
                .map(|k| {
                    let cell = Arc::new(OnceLock::new());
                    let set = cell.clone();
                    rayon::spawn(move || {
                        std::thread::sleep(Duration::from_millis(((j + k) % 3) as u64));
                        let _ = set.set(());
                    });
                    cell
                })
                .collect();
            while let Some(rayon::Yield::Executed) = rayon::yield_now() {}
            for c in &chunks {
                c.wait();
            }
            open.fetch_sub(1, Ordering::SeqCst);
            j * 10
        });
        assert_eq!(results, jobs.iter().map(|j| j * 10).collect::<Vec<_>>());
        let most = most.load(Ordering::SeqCst);
        assert!(most <= 2, "{most} jobs were open at once on 2 threads");
    }
}
