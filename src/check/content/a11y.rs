//! Accessibility rules on the Markdown structure: `heading-order`, `vague-link-text`,
//! `missing-alt` (Markdown images and raw HTML `<img>`), and the raw-HTML elements that
//! mark a language, a citation or code for the text checks.

use super::{html, looks_like_url, terms, Ctx, LinkState};
use crate::diagnostics::Diagnostic;
use pulldown_cmark::{Event, LinkType};
use std::ops::Range;

/// Open raw-HTML elements: (name, has `lang`, is `<cite>`, is code).
pub(crate) type HtmlStack = Vec<(String, bool, bool, bool)>;

pub(super) fn heading(cx: &Ctx, level: u8, prev: &mut u8, at: usize, out: &mut Vec<Diagnostic>) {
    if level == 1 {
        out.push(cx.at(
            Diagnostic::warning("heading-order", "this page has a level-1 heading (`#`) in its text, but the page title is already the level-1 heading"),
            at,
        ).help("Use `##` for the main sections of the page and `###` for parts of a section: screen-reader users move through a page by its headings, and a second level-1 heading looks like a new page."));
        return;
    }
    if level > *prev + 1 {
        let want = "#".repeat(usize::from(*prev) + 1);
        let msg = if *prev == 1 {
            format!("the first heading of the page is level {level}, but it should be level 2 (`##`): the page title is level 1")
        } else {
            format!("this heading skips from level {} to level {level}", *prev)
        };
        out.push(cx.at(Diagnostic::warning("heading-order", msg), at).help(format!(
            "Make this heading `{want}`, or add the missing level above it: screen-reader users move through a page by its headings and think something is missing when a level is skipped."
        )));
    }
    *prev = level;
}

/// Words that say nothing out of context, in the shipped languages (normalised: lower
/// case, no end punctuation).
const VAGUE: [&str; 67] = [
    "click here",
    "click",
    "here",
    "read more",
    "more",
    "link",
    "this link",
    "this page",
    "this",
    "learn more",
    "more info",
    "more information",
    "see more",
    "details",
    "go",
    "continue",
    "tap here",
    "press here",
    "click this",
    "page",
    "website",
    "en savoir plus",
    "cliquez ici",
    "cliquer ici",
    "ici",
    "lire la suite",
    "la suite",
    "suite",
    "plus",
    "lien",
    "ce lien",
    "cette page",
    "voir plus",
    "plus d'informations",
    "plus d'infos",
    "détails",
    "haga clic aquí",
    "haz clic aquí",
    "haga click aquí",
    "pulse aquí",
    "pincha aquí",
    "clic aquí",
    "aquí",
    "aqui",
    "leer más",
    "más",
    "más información",
    "ver más",
    "enlace",
    "este enlace",
    "esta página",
    "detalles",
    "اضغط هنا",
    "انقر هنا",
    "إضغط هنا",
    "هنا",
    "اقرأ المزيد",
    "المزيد",
    "لمزيد من المعلومات",
    "مزيد من المعلومات",
    "رابط",
    "هذا الرابط",
    "هذه الصفحة",
    "اضغط",
    "انقر",
    "التفاصيل",
    "اقرأ أكثر",
];

pub(super) fn vague_link(cx: &Ctx, l: &LinkState, out: &mut Vec<Diagnostic>) {
    if l.link_type == LinkType::Email {
        return;
    }
    let text: String = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let norm = terms::normalize(&text);
    let norm = norm
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    let dest = l.dest.trim_end_matches('/').to_lowercase();
    let bare = l.link_type == LinkType::Autolink
        || looks_like_url(&norm)
        || (!norm.is_empty() && norm.trim_end_matches('/') == dest);
    let (msg, help) = if bare {
        (
            format!("the link text is a web address (“{text}”): it is long to listen to and does not say what the reader will find"),
            format!("Write what the page is as the link text: `[the Labour Code, article 12]({})`. Readers who need the address can still see it when they open the link.", l.dest),
        )
    } else if norm.is_empty() {
        if l.image {
            return; // the image's own alt text is checked as `missing-alt`
        }
        (
            "this link has no text: a screen reader has nothing to say about it".to_string(),
            "Put the words that say where the link leads between the brackets: `[how to check a job offer](…)`.".to_string(),
        )
    } else if VAGUE.contains(&norm.as_str()) {
        (
            format!("the link text “{text}” does not say where the link leads"),
            "Screen-reader users often jump from link to link and hear only the link text. Put the words that say what the reader will find into the link: `[how to check a job offer](…)`, not `[click here](…)`.".to_string(),
        )
    } else {
        return;
    };
    out.push(
        cx.at(Diagnostic::warning("vague-link-text", msg), l.start)
            .help(help),
    );
}

/// Alt text that means "decorative" in a shipped language: someone tried to mark the image
/// decorative, but it would be read aloud.
const DECORATIVE_WORDS: [&str; 7] = [
    "decorative",
    "décoratif",
    "décorative",
    "decorativa",
    "decorativo",
    "زخرفية",
    "تزيينية",
];

const ALT_HELP: &str = "Describe in a few words what the image shows, as you would to someone on the phone: `![A woman reads a leaflet](@/assets/leaflet.jpg)`. If the image is only decoration and says nothing, leave the brackets empty and mark it: `![](@/assets/border.svg)<!-- decorative -->`.";

pub(super) fn image_alt(
    cx: &Ctx,
    start: usize,
    alt: &str,
    after: &[(Event, Range<usize>)],
    out: &mut Vec<Diagnostic>,
) {
    let alt = alt.trim();
    let lower = alt.to_lowercase();
    let msg = if alt.is_empty() {
        if decorative_after(after) {
            return;
        }
        "this image has no alt text: people who cannot see it will not know what it shows"
            .to_string()
    } else if DECORATIVE_WORDS.contains(&lower.as_str()) {
        format!("the alt text “{alt}” would be read aloud; a decorative image has empty alt text and the decorative mark")
    } else if is_file_name(&lower) {
        format!("the alt text “{alt}” is a file name, not a description of the image")
    } else {
        return;
    };
    out.push(
        cx.at(Diagnostic::error("missing-alt", msg), start)
            .help(ALT_HELP),
    );
}

/// Whether the events after an image start with the mark `<!-- decorative -->`.
fn decorative_after(after: &[(Event, Range<usize>)]) -> bool {
    after
        .iter()
        .find(|(e, _)| {
            !matches!(e, Event::SoftBreak) && !matches!(e, Event::Text(t) if t.trim().is_empty())
        })
        .is_some_and(|(e, _)| matches!(e, Event::InlineHtml(h) if html::is_decorative_comment(h)))
}

fn is_file_name(s: &str) -> bool {
    !s.contains(' ')
        && [
            ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".tif", ".tiff",
        ]
        .iter()
        .any(|e| s.ends_with(e))
}

/// Raw HTML: `<img>` without alt text, and the elements that mark a language (`lang`),
/// a citation (`<cite>`) or code.
pub(super) fn raw_html(
    cx: &Ctx,
    text: &str,
    pos: impl Fn(usize) -> usize,
    after: &[(Event, Range<usize>)],
    stack: &mut HtmlStack,
    out: &mut Vec<Diagnostic>,
) {
    for t in html::tags(text) {
        if t.closing {
            if let Some(k) = stack.iter().rposition(|s| s.0 == t.name) {
                stack.truncate(k);
            }
            continue;
        }
        if t.name == "img" {
            // `role="presentation"` and `aria-hidden` say so too, but the sanitiser drops them.
            let decorative = html::starts_with_decorative_comment(&text[t.end..])
                || decorative_after(after)
                || matches!(t.attr("role"), Some(Some(r)) if r.eq_ignore_ascii_case("presentation") || r.eq_ignore_ascii_case("none"))
                || matches!(t.attr("aria-hidden"), Some(Some(v)) if v.eq_ignore_ascii_case("true"));
            let msg = match t.attr("alt") {
                None => Some("this image (HTML `<img>`) has no alt text: people who cannot see it will not know what it shows"),
                Some(v) if v.is_none_or(|v| v.trim().is_empty()) && !decorative => {
                    Some("this image (HTML `<img>`) has empty alt text but is not marked as decorative")
                }
                _ => None,
            };
            if let Some(msg) = msg {
                out.push(cx.at(Diagnostic::error("missing-alt", msg), pos(t.start)).help(
                    "Add `alt=\"…\"` describing what the image shows. If it is only decoration, write `alt=\"\"` and mark it just after the tag: `<img src=\"…\" alt=\"\"><!-- decorative -->`.",
                ));
            }
        }
        if !t.self_closing {
            let lang = t
                .attr("lang")
                .is_some_and(|v| v.is_some_and(|v| !v.trim().is_empty()));
            let code = matches!(
                t.name.as_str(),
                "code" | "pre" | "kbd" | "samp" | "var" | "script" | "style"
            );
            stack.push((t.name.clone(), lang, t.name == "cite", code));
        }
    }
}
