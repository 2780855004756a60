//! After rendering: read each page back and verify that every partner it credits really
//! appears in it, by name and, where the partner has a logo, as an image with alt text. A
//! theme that drops the credits block fails the build instead of silently uncrediting.

use crate::diagnostics::Diagnostic;
use crate::model::Partner;
use lol_html::{element, text, HtmlRewriter, Settings};
use std::cell::RefCell;

struct Seen {
    text: String,
    images: Vec<(String, String)>,
}

fn read(html: &str) -> Seen {
    let seen = RefCell::new(Seen {
        text: String::with_capacity(html.len() / 2),
        images: Vec::new(),
    });
    let settings = Settings::new()
        .append_element_content_handler(element!("img", |el| {
            let src = el.get_attribute("src").unwrap_or_default();
            let alt = el.get_attribute("alt").unwrap_or_default();
            seen.borrow_mut().images.push((src, alt));
            Ok(())
        }))
        .append_element_content_handler(text!("body", |t| {
            seen.borrow_mut().text.push_str(t.as_str());
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // Malformed HTML cannot make the rewriter fail in a way we could report better than
    // the missing credit itself, so errors fall through to the checks below.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
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
/// to expect in this locale.
pub fn verify(
    html: &str,
    partners: &[(&Partner, String)],
    output: &str,
    locale: &str,
) -> Vec<Diagnostic> {
    if partners.is_empty() {
        return Vec::new();
    }
    let seen = read(html);
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
