//! After rendering: read each page back and verify that every partner it credits really
//! appears in it, by name and, where the partner has a logo, as an image with alt text. A
//! theme that drops the credits block fails the build instead of silently uncrediting.

use crate::diagnostics::Diagnostic;
use crate::model::Partner;
use lol_html::html_content::TextType;
use lol_html::{doc_text, element, text, HtmlRewriter, Settings};
use std::cell::RefCell;

struct Seen {
    text: String,
    images: Vec<(String, String)>,
}

/// Settings that record every `<img>`'s `src` and `alt` in `seen`.
fn images(seen: &RefCell<Seen>) -> Settings<'_, 'static> {
    Settings::new().append_element_content_handler(element!("img", |el| {
        let src = el.get_attribute("src").unwrap_or_default();
        let alt = el.get_attribute("alt").unwrap_or_default();
        seen.borrow_mut().images.push((src, alt));
        Ok(())
    }))
}

fn run(settings: Settings<'_, 'static>, html: &[u8]) {
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // Malformed HTML cannot make the rewriter fail in a way we could report better than
    // the missing credit itself, so errors fall through to the checks below.
    let _ = rewriter.write(html);
    let _ = rewriter.end();
}

fn read(html: &[u8]) -> Seen {
    let seen = RefCell::new(Seen {
        text: String::with_capacity(html.len() / 2),
        images: Vec::new(),
    });
    let settings = images(&seen).append_element_content_handler(text!("body", |t| {
        seen.borrow_mut().text.push_str(t.as_str());
        Ok(())
    }));
    run(settings, html);
    seen.into_inner()
}

/// The text and images of pieces of a page that each start outside any element that holds
/// raw text, read one after the other; the text of each piece is kept apart from the next
/// by a NUL, so that no name is made up of the end of one and the start of another. Only
/// ordinary text counts (not `<title>`, scripts or styles): the pieces start without their
/// `<body>` tag. Images are read only if `logos` (a partner with a logo is credited): with
/// no element to match, lol_html runs no selector machine, a third of its time here.
fn read_pieces(pieces: &[&[u8]], logos: bool) -> Seen {
    let seen = RefCell::new(Seen {
        text: String::new(),
        images: Vec::new(),
    });
    for piece in pieces {
        let settings = if logos {
            images(&seen)
        } else {
            Settings::new()
        };
        let settings = settings.append_document_content_handler(doc_text!(|t| {
            if t.text_type() == TextType::Data {
                seen.borrow_mut().text.push_str(t.as_str());
            }
            Ok(())
        }));
        run(settings, piece);
        seen.borrow_mut().text.push('\0');
    }
    seen.into_inner()
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// `partners` are those the page credits (front matter and campaign-wide), with the name
/// to expect in this locale. `content` is the page's own HTML (its Markdown rendered), if
/// the page shows it.
///
/// Reading every page back was a fifth of the rendering of a large campaign, most of it
/// tokenising the page's own text, where themes put no credits. So the page is read first
/// without its content (cut out where it appears whole: a balanced fragment with no raw-text
/// element, so what surrounds it reads the same); only if that falls short is the whole page
/// read, and what it lacks reported.
pub fn verify(
    html: &[u8],
    partners: &[(&Partner, String)],
    content: Option<&str>,
    output: &str,
    locale: &str,
) -> Vec<Diagnostic> {
    if partners.is_empty() {
        return Vec::new();
    }
    if let Some((i, end)) = content
        .filter(|c| c.len() >= 256)
        .and_then(|c| find_whole(html, c).map(|i| (i, i + c.len())))
    {
        let logos = partners.iter().any(|(p, _)| p.logo.is_some());
        // Themes put credits after the content (the default theme's page and footer do):
        // that piece alone, two fifths of what surrounds the content, is usually enough.
        // More text can only find more, so it is tried first and the rest only if needed.
        let (before, after) = (&html[..i], &html[end..]);
        for pieces in [&[after][..], &[before, after][..]] {
            if problems(&read_pieces(pieces, logos), partners, output, locale).is_empty() {
                return Vec::new();
            }
        }
    }
    problems(&read(html), partners, output, locale)
}

/// Where `content` first appears whole in `html`. `str::find` prepares its search from the
/// whole needle, which for a page's content cost more than the search itself (a third of
/// this check): this looks for its first bytes and compares the rest where they are.
fn find_whole(html: &[u8], content: &str) -> Option<usize> {
    let content = content.as_bytes();
    let head = &content[..content.len().min(64)];
    memchr::memmem::find_iter(html, head).find(|&i| html[i..].starts_with(content))
}

fn problems(
    seen: &Seen,
    partners: &[(&Partner, String)],
    output: &str,
    locale: &str,
) -> Vec<Diagnostic> {
    let text = unescape(&seen.text);
    let mut out = Vec::new();
    for (p, name) in partners {
        if !text.contains(name.as_str()) {
            out.push(
                Diagnostic::error("unattributed-partner", format!("the page credits {name} ({}), but its name does not appear in the rendered page", p.id))
                    .file(output)
                    .locale(locale)
                    .help("The theme's page template must show the page's partners (`page.partners`) and the campaign's (`campaign_partners`); the default theme's credits block shows how."),
            );
        }
        if let Some(logo) = &p.logo {
            let shown = seen
                .images
                .iter()
                .any(|(src, alt)| src.ends_with(logo.as_str()) && !alt.trim().is_empty());
            if !shown {
                out.push(
                    Diagnostic::error("unattributed-partner", format!("the page credits {name} ({}), but its logo is not shown with alt text", p.id))
                        .file(output)
                        .locale(locale)
                        .help("Show each partner's `logo` as an <img> with `alt=\"{{ p.logo_alt }}\"` in the credits block."),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::verify;
    use crate::model::Partner;

    fn partner(name: &str, logo: Option<&str>) -> Partner {
        serde_yaml_ng::from_str(&format!(
            "{{ id: p, name: {name}, kind: ngo{} }}",
            logo.map(|l| format!(", logo: {l}")).unwrap_or_default()
        ))
        .unwrap()
    }

    fn page(credits: &str, content: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><title>Migrant Voices</title></head><body><main><div class=\"content\">{content}</div></main><footer>{credits}</footer></body></html>"
        )
    }

    const LONG: &str = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit.</p>";

    #[test]
    fn credits_outside_the_content_inside_it_or_nowhere() {
        let p = partner("Migrant Voices", Some("logos/mv.svg"));
        let credited = [(&p, p.name.clone())];
        let ok =
            "<p>Migrant Voices</p><img src=\"../assets/logos/mv.svg\" alt=\"Migrant Voices logo\">";
        // In the credits block: found without reading the content.
        let html = page(ok, LONG);
        assert!(verify(html.as_bytes(), &credited, Some(LONG), "o", "en").is_empty());
        // Only in the page's own text: still credited (the whole page is read).
        let content = format!("{LONG}{ok}");
        let html = page("", &content);
        assert!(verify(html.as_bytes(), &credited, Some(&content), "o", "en").is_empty());
        // Before the content, as in a header: found without reading the content.
        let html = format!("<!DOCTYPE html><html><head><title>t</title></head><body><header>{ok}</header><main>{LONG}</main></body></html>");
        assert!(verify(html.as_bytes(), &credited, Some(LONG), "o", "en").is_empty());
        // The name before the content and the logo after it.
        let (name, logo) = ok.split_at(ok.find("<img").unwrap());
        let html = format!("<!DOCTYPE html><html><body><header>{name}</header><main>{LONG}</main><footer>{logo}</footer></body></html>");
        assert!(verify(html.as_bytes(), &credited, Some(LONG), "o", "en").is_empty());
        // Nowhere but the title and an alt text: name and logo both missing.
        let html = page("<img src=\"x.png\" alt=\"Migrant Voices\">", LONG);
        let d = verify(html.as_bytes(), &credited, Some(LONG), "o", "en");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|d| d.code == "unattributed-partner"));
    }

    #[test]
    fn finds_the_content_after_a_false_start() {
        // The first 64 bytes of the content appear earlier on their own.
        let html = format!("<p>{}</p><div>{LONG}</div>", &LONG[..100]);
        assert_eq!(super::find_whole(html.as_bytes(), LONG), html.find(LONG));
        assert_eq!(super::find_whole(b"<p>nothing</p>", LONG), None);
    }

    #[test]
    fn no_name_is_made_of_text_on_both_sides_of_the_content() {
        let p = partner("Migrant Voices", None);
        let credited = [(&p, p.name.clone())];
        let html = format!("<!DOCTYPE html><html><body><p>Migrant{LONG} Voices</p></body></html>");
        let d = verify(html.as_bytes(), &credited, Some(LONG), "o", "en");
        assert_eq!(d.len(), 1, "{d:?}");
    }
}

/// `HERALD_PAGE=path/index.html cargo test --release --lib credits::timing -- --ignored
/// --nocapture`: the read-back's time per page on a real page (the partners named in
/// `HERALD_NAMES`, comma-separated; content cut at `<div class="content">…</div>`).
#[cfg(test)]
mod timing {
    #[test]
    #[ignore]
    fn read_back_per_page() {
        let Ok(path) = std::env::var("HERALD_PAGE") else {
            return;
        };
        let html = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&html).to_string();
        let start = text.find("<div class=\"content\">").unwrap() + 21;
        let end = start + text[start..].find("\n</div>\n<section").unwrap();
        let content = &text[start..end];
        let partners: Vec<crate::model::Partner> = std::env::var("HERALD_NAMES")
            .unwrap()
            .split(',')
            .map(|n| {
                serde_yaml_ng::from_str(&format!("{{ id: p, name: {n}, kind: ngo }}")).unwrap()
            })
            .collect();
        let credited: Vec<_> = partners.iter().map(|p| (p, p.name.clone())).collect();
        let n = 20_000;
        let t = std::time::Instant::now();
        for _ in 0..n {
            assert!(super::verify(&html, &credited, Some(content), "o", "fr").is_empty());
        }
        eprintln!(
            "read-back: {:.1} µs per page",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    }
}
