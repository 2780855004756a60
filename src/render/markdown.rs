//! Markdown to HTML with pulldown-cmark: `@/` links resolved to relative URLs, heading ids
//! for anchors, and a table of contents.

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

pub fn render(body: &str, links: &dyn Links) -> Rendered {
    let mut events: Vec<Event> = Parser::new_ext(body, options())
        .map(|ev| match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite(dest_url, links),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: rewrite(dest_url, links),
                title,
                id,
            }),
            other => other,
        })
        .collect();

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
