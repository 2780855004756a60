//! `unsafe-html` and `unsafe-link`: raw HTML or link targets that the sanitiser
//! ([`crate::render::sanitize`]) removes from the page. The page is still published, without
//! them; the warning tells the author what readers will not see.

use super::at_body;
use crate::diagnostics::Diagnostic;
use crate::model::{Page, Site};
use crate::render::sanitize::{findings, safe_url};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// The raw HTML and link targets of one page, from its Markdown `events`.
pub fn check_page(
    site: &Site,
    page: &Page,
    events: &[(Event, Range<usize>)],
    out: &mut Vec<Diagnostic>,
) {
    let extra = &site.config.allow_html;
    let tag = &site.locales[page.locale].tag;
    let warn = |offset: usize, what: &str| {
        let d = Diagnostic::warning(
            "unsafe-html",
            format!("{what} is removed from the page: raw HTML may not run code, submit data or change styles"),
        );
        at_body(d, page, tag, offset).help("Write it in Markdown, or remove it. If the campaign really needs an element, a reviewer can add it to `allow_html:` in campaign.yaml (scripts, forms, iframes and styles are never allowed).")
    };
    // An HTML block comes one line at a time: join its lines so a tag that spans
    // lines is read whole.
    // (text, and for each line its offset in the text and in the page body)
    let mut block: Option<(String, Vec<(usize, usize)>)> = None;
    for (ev, range) in events {
        let range = range.clone();
        match ev {
            Event::Start(Tag::HtmlBlock) => block = Some((String::new(), Vec::new())),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((text, lines)) = block.take() {
                    for f in findings(&text, extra) {
                        let i = lines.partition_point(|(t, _)| *t <= f.offset).max(1) - 1;
                        let (t, src) = lines.get(i).copied().unwrap_or((0, 0));
                        out.push(warn(src + (f.offset - t), &f.what));
                    }
                }
            }
            Event::Html(t) => match &mut block {
                Some((text, lines)) => {
                    lines.push((text.len(), range.start));
                    text.push_str(t);
                }
                None => {
                    for f in findings(t, extra) {
                        out.push(warn(range.start + f.offset, &f.what));
                    }
                }
            },
            Event::InlineHtml(t) => {
                for f in findings(t, extra) {
                    out.push(warn(range.start + f.offset, &f.what));
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. })
                if !safe_url(dest_url) =>
            {
                let scheme = dest_url
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_lowercase();
                let d = Diagnostic::warning(
                    "unsafe-link",
                    format!("the link to `{scheme}:…` is removed from the page: only web, e-mail and phone links are published"),
                );
                out.push(at_body(d, page, tag, range.start).help("Link to an https:// address, a mailto: or tel: address, or another page with `@/path.md`."));
            }
            _ => {}
        }
    }
}
