//! Check: every rule reads the loaded model and produces diagnostics; none renders.

pub mod content;
pub mod credits;
pub mod links;
pub mod messages;
pub mod partners;
pub mod translations;
pub mod unsafe_html;

use crate::diagnostics::Diagnostic;
use crate::model::{Page, Site};
use pulldown_cmark::{Event, Parser};
use std::ops::Range;

#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// `review-overdue` becomes an error.
    pub strict: bool,
}

/// Runs every check over the loaded campaign.
pub fn run(site: &Site, opts: CheckOptions) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    use crate::timing::phase;
    diags.extend(phase("check translations", || translations::check(site)));
    diags.extend(phase("check partners", || partners::check(site)));
    diags.extend(phase("check messages", || messages::check(site)));
    diags.extend(phase("check pages", || pages(site, opts.strict)));
    diags
}

/// The checks that read a page's Markdown (links, raw HTML, content), one page at a time
/// from one parse of it: each used to parse every page again, half of what links and raw
/// HTML cost.
fn pages(site: &Site, strict: bool) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let content = content::Checker::new(site, strict);
    let mut diags = content.list_diagnostics();
    diags.par_extend(site.pages.par_iter().flat_map_iter(|page| {
        let events = page_events(page);
        let mut out = Vec::new();
        if too_deep(site, page, &events, &mut out) {
            return out;
        }
        links::check_page(site, page, &events, &mut out);
        unsafe_html::check_page(site, page, &events, &mut out);
        content.check_page(page, &events, &mut out);
        out
    }));
    diags
}

/// Reports `nesting-too-deep` if the page's Markdown nests deeper than the renderers
/// allow: the page is then not checked further (nothing else about it is worth reading
/// until it is fixed) and, being an error, stops the build before anything renders. Found
/// here, in the parse the checks share, rather than in a parse of its own at load.
pub fn too_deep(
    site: &Site,
    page: &Page,
    events: &[(Event, Range<usize>)],
    out: &mut Vec<Diagnostic>,
) -> bool {
    use crate::render::markdown::{too_deep, MAX_NESTING};
    let Some(at) = too_deep(events) else {
        return false;
    };
    out.push(at_body(
        Diagnostic::error(
            "nesting-too-deep",
            format!("the page nests lists, quotes or other Markdown more than {MAX_NESTING} levels deep"),
        )
        .help("Flatten the structure: no reader can follow that many levels. The page is not published until it is fixed."),
        page,
        &site.locales[page.locale].tag,
        at,
    ));
    true
}

/// A page body's Markdown events, with their byte ranges in the body.
pub fn page_events(page: &Page) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(page.body(), crate::render::markdown::options())
        .into_offset_iter()
        .collect()
}

/// `d` about `page` (in locale `tag`) at a byte offset of its body: file, line and column.
pub fn at_body(d: Diagnostic, page: &Page, tag: &str, offset: usize) -> Diagnostic {
    let (line, col) = body_pos(page, offset);
    d.file(&page.file).at(line, col).locale(tag)
}

/// The 1-based line and column in the page file of a byte offset in its body.
pub fn body_pos(page: &Page, offset: usize) -> (usize, usize) {
    let (l, c) = crate::diagnostics::line_col(page.body(), offset);
    (l + page.body_line - 1, c)
}
