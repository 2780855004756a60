//! `broken-link`: every `@/` link and image must resolve to a page or a shared file.

use super::at_body;
use crate::diagnostics::Diagnostic;
use crate::model::{Page, Site};
use pulldown_cmark::{Event, Tag};
use std::ops::Range;

/// The links of one page, from its Markdown `events`.
pub fn check_page(
    site: &Site,
    page: &Page,
    events: &[(Event, Range<usize>)],
    out: &mut Vec<Diagnostic>,
) {
    let tag = &site.locales[page.locale].tag;
    for (ev, range) in events {
        let dest = match ev {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let Some(target) = dest.strip_prefix("@/") else {
            continue;
        };
        let target = target.split('#').next().unwrap_or(target);
        let ok = match target.strip_prefix("assets/") {
            Some(asset) => site.assets.contains(asset),
            None => {
                site.page(page.locale, target).is_some() || site.page(site.source, target).is_some()
            }
        };
        if !ok {
            let help = if target.starts_with("assets/") {
                format!("Put the file at content/{target}, or correct the path after `@/`.")
            } else if !target.ends_with(".md") {
                "Links to pages name the Markdown file inside the locale folder, with `.md`: `@/work/rights.md`.".to_string()
            } else {
                format!(
                    "Create content/{}/{target}, or correct the path after `@/`.",
                    site.locales[site.source].tag
                )
            };
            let d = Diagnostic::error(
                "broken-link",
                format!("the link to `@/{target}` leads nowhere"),
            );
            out.push(at_body(d, page, tag, range.start).help(help));
        }
    }
}
