//! Markdown to HTML with pulldown-cmark: `@/` links resolved to relative URLs, heading ids
//! for anchors, and a table of contents.

pub use super::images::Picture;
use super::templates::escape;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashSet;

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
}

/// How deeply Markdown may nest (lists in lists, quotes in quotes, emphasis in links...).
/// Real pages nest a handful of levels; HTML sanitising and the print layout walk trees
/// recursively, so a page nesting thousands of levels would overflow their stack. A page
/// deeper than this is a `nesting-too-deep` error ([`crate::check`] finds it in the parse
/// the checks share), so it is never rendered.
pub const MAX_NESTING: usize = 100;

/// The byte offset (in the body) where a page's Markdown `events` (with their ranges) first
/// nest deeper than [`MAX_NESTING`].
pub fn too_deep(events: &[(Event, std::ops::Range<usize>)]) -> Option<usize> {
    let mut depth = 0usize;
    for (ev, range) in events {
        match ev {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(range.start);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub level: u8,
}

pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
}

/// Resolves the target of an `@/` link (the part after `@/`, fragment removed) to a URL
/// relative to the page being rendered. `None` leaves the link as written: the checks
/// have already reported it as `broken-link`.
pub trait Links {
    fn resolve(&self, target: &str) -> Option<String>;

    /// Size and resized variants of a shared image (`target` is `assets/…`), with URLs
    /// relative to the page. `None` renders the image with its resolved URL only.
    fn picture(&self, _target: &str) -> Option<Picture> {
        None
    }

    /// Extra HTML tags the campaign allows in raw HTML (`allow_html` in campaign.yaml).
    fn allowed_html(&self) -> &[String] {
        &[]
    }
}

fn rewrite<'a>(dest: CowStr<'a>, links: &dyn Links) -> CowStr<'a> {
    let Some(rest) = dest.strip_prefix("@/") else {
        return dest;
    };
    let (target, fragment) = match rest.split_once('#') {
        Some((t, f)) => (t, Some(f)),
        None => (rest, None),
    };
    match links.resolve(target) {
        Some(mut url) => {
            if let Some(f) = fragment {
                url.push('#');
                url.push_str(f);
            }
            CowStr::from(url)
        }
        None => dest,
    }
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// An image as light as it can be: explicit `width`/`height` (no layout shift while it
/// loads), `srcset`/`sizes` for shared raster images, and `loading="lazy"` so a reader on
/// mobile data downloads only what they scroll to.
fn image_html(dest: &str, alt: &str, title: &str, links: &dyn Links) -> String {
    let picture = dest
        .strip_prefix("@/")
        .map(|t| t.split('#').next().unwrap_or(t))
        .filter(|t| t.starts_with("assets/"))
        .and_then(|t| links.picture(t));
    let src = match &picture {
        Some(p) => p.src.clone(),
        None => rewrite(CowStr::from(dest.to_string()), links).to_string(),
    };
    let mut html = format!(r#"<img src="{}" alt="{}""#, escape(&src), escape(alt));
    if !title.is_empty() {
        html.push_str(&format!(r#" title="{}""#, escape(title)));
    }
    if let Some(p) = &picture {
        html.push_str(&format!(r#" width="{}" height="{}""#, p.width, p.height));
        if !p.srcset.is_empty() {
            let set: Vec<String> = p
                .srcset
                .iter()
                .map(|(u, w)| format!("{} {w}w", escape(u)))
                .collect();
            html.push_str(&format!(
                r#" srcset="{}" sizes="{}""#,
                set.join(", "),
                super::images::SIZES
            ));
        }
    }
    html.push_str(r#" loading="lazy" decoding="async">"#);
    html
}

pub fn render(body: &str, links: &dyn Links) -> Rendered {
    let mut events: Vec<Event> = Vec::new();
    let mut parser = Parser::new_ext(body, options());
    // Raw HTML or an unsafe URL: the page's HTML goes through the sanitiser.
    let mut dirty = false;
    // The checks refuse a page deeper than MAX_NESTING before anything renders; this only
    // keeps a caller that skipped them from overflowing the sanitiser's stack.
    let mut depth = 0usize;
    while let Some(ev) = parser.next() {
        dirty |= super::sanitize::needs_cleaning(&ev);
        match ev {
            // An image's events up to its end are read below, as its alt text.
            Event::Start(Tag::Image { .. }) => {}
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            break;
        }
        match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite(dest_url, links),
                title,
                id,
            })),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // The alt text is the plain text of everything up to the matching end.
                let mut alt = String::new();
                let mut depth = 1;
                for inner in parser.by_ref() {
                    match inner {
                        Event::Start(Tag::Image { .. }) => depth += 1,
                        Event::End(TagEnd::Image) => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                        Event::SoftBreak | Event::HardBreak => alt.push(' '),
                        _ => {}
                    }
                }
                events.push(Event::InlineHtml(CowStr::from(image_html(
                    &dest_url, &alt, &title, links,
                ))));
            }
            other => events.push(other),
        }
    }

    // Give every heading an id (unless the author set one with `{#id}`) for anchors.
    let mut toc = Vec::new();
    let mut used = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let mut slug = match id {
                Some(id) => id.to_string(),
                None => {
                    let s = crate::paths::slugify(&text);
                    if s.is_empty() {
                        "section".to_string()
                    } else {
                        s
                    }
                }
            };
            if !used.insert(slug.clone()) {
                let mut n = 2;
                while !used.insert(format!("{slug}-{n}")) {
                    n += 1;
                }
                slug = format!("{slug}-{n}");
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(slug.clone()));
            }
            if level == HeadingLevel::H2 {
                toc.push(TocEntry {
                    id: slug,
                    title: text.trim().to_string(),
                    level: level_num(level),
                });
            }
            i = j;
        }
        i += 1;
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if dirty {
        html = super::sanitize::clean(&html, links.allowed_html());
    }
    Rendered { html, toc }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct L;
    impl Links for L {
        fn resolve(&self, t: &str) -> Option<String> {
            (t == "work/rights.md").then(|| "../rights/index.html".to_string())
        }
    }

    #[test]
    fn resolves_links_and_names_headings() {
        let r = render(
            "## Your pay\n\nSee [your rights](@/work/rights.md#pay).\n\n## Your pay\n",
            &L,
        );
        assert!(
            r.html.contains(r#"href="../rights/index.html#pay""#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h2 id="your-pay">"#));
        assert!(r.html.contains(r#"<h2 id="your-pay-2">"#));
        assert_eq!(r.toc.len(), 2);
    }

    struct P;
    impl Links for P {
        fn resolve(&self, t: &str) -> Option<String> {
            t.strip_prefix("assets/")
                .map(|a| format!("../../assets/{a}"))
        }
        fn picture(&self, t: &str) -> Option<Picture> {
            (t == "assets/photo.jpg").then(|| Picture {
                src: "../../assets/photo.480w.jpg".into(),
                srcset: vec![
                    ("../../assets/photo.480w.jpg".into(), 480),
                    ("../../assets/photo.960w.jpg".into(), 960),
                ],
                width: 960,
                height: 640,
            })
        }
    }

    #[test]
    fn images_are_light() {
        let r = render(
            "![A *woman* reads \"this\"](@/assets/photo.jpg \"Leaflet\")\n\n![Dot](@/assets/dot.svg)\n\n![Far](https://example.net/x.png)\n",
            &P,
        );
        assert!(
            r.html.contains(r#"<img src="../../assets/photo.480w.jpg" alt="A woman reads &quot;this&quot;" title="Leaflet" width="960" height="640" srcset="../../assets/photo.480w.jpg 480w, ../../assets/photo.960w.jpg 960w" sizes=""#),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains(r#"<img src="../../assets/dot.svg" alt="Dot" loading="lazy""#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"src="https://example.net/x.png""#));
        assert_eq!(r.html.matches(r#"loading="lazy""#).count(), 3);
    }

    #[test]
    fn tables_and_footnotes() {
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note\n",
            &L,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote"));
    }
}
