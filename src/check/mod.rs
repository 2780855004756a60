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
    diags.extend(phase("check links", || links::check(site)));
    diags.extend(phase("check messages", || messages::check(site)));
    diags.extend(phase("check unsafe html", || unsafe_html::check(site)));
    diags.extend(phase("check content", || content::check(site, opts.strict)));
    diags
}

/// The 1-based line and column in the page file of a byte offset in its body.
pub fn body_pos(page: &Page, offset: usize) -> (usize, usize) {
    let (l, c) = crate::diagnostics::line_col(page.body(), offset);
    (l + page.body_line - 1, c)
}
