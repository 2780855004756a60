//! Before anything is laid out: every character a page will print must be in some print
//! font (`missing-glyph`, with the page, the character and its code point), and no text
//! may name a partner that must stay off paper (`web-only-partner`).

use super::data::LocaleData;
use super::fonts::FontSet;
use crate::diagnostics::Diagnostic;
use crate::model::{Site, Visibility};
use serde_json::Value;
use std::collections::BTreeSet;

/// Keys whose values are never printed as text.
const NOT_TEXT: [&str; 9] = [
    "key", "label", "lang", "qr", "src", "t", "id", "target", "align",
];

fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => {
            for (k, x) in o {
                if !NOT_TEXT.contains(&k.as_str()) {
                    strings(x, out);
                }
            }
        }
        _ => {}
    }
}

/// The 1-based line and column of a character's first occurrence in a text.
fn position(text: &str, c: char) -> Option<(usize, usize)> {
    let at = text.find(c)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line, col))
}

/// The characters no font covers, in the order they first appear.
fn missing(text: &[&str], fonts: &FontSet) -> Vec<char> {
    let mut seen = BTreeSet::new();
    text.iter()
        .flat_map(|s| s.chars())
        .filter(|&c| fonts.lacks(c) && seen.insert(c))
        .collect()
}

fn describe(c: char) -> String {
    format!("'{c}' (U+{:04X})", c as u32)
}

/// One diagnostic per place: the first character it lacks, then (briefly) the others.
fn glyph_diag(chars: &[char], place: &str) -> Diagnostic {
    let mut msg = format!(
        "{place} has the character {}, which no print font covers: it would print as a blank box.",
        describe(chars[0])
    );
    if chars.len() > 1 {
        let more: Vec<String> = chars[1..].iter().take(8).map(|&c| describe(c)).collect();
        msg.push_str(&format!(
            " So {} {}: {}{}.",
            if chars.len() == 2 { "does" } else { "do" },
            if chars.len() == 2 {
                "one more".to_string()
            } else {
                format!("{} more", chars.len() - 1)
            },
            more.join(", "),
            if chars.len() > 9 { ", …" } else { "" }
        ));
    }
    Diagnostic::error("missing-glyph", msg)
        .help("Add a font family for this script to the theme's print/fonts.yaml (a Noto family covers most scripts), or remove the character.")
}

/// `missing-glyph` for the pages and texts of one locale's print documents.
pub fn check_glyphs(site: &Site, fonts: &FontSet, ld: &LocaleData) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for data in ld.pages.values() {
        let value = ld.value(site, data);
        let mut text = Vec::new();
        strings(&value, &mut text);
        let page = &site.pages[data.page_index];
        let chars = missing(&text, fonts);
        if !chars.is_empty() {
            // The position of the first one the author wrote (the rest may come from messages).
            let first = chars.iter().find_map(|&c| position(&page.text, c));
            let mut d = glyph_diag(&chars, &format!("The page {}", page.file))
                .file(page.file.clone())
                .locale(ld.tag.clone())
                .subject(data.path.clone());
            if let Some((line, col)) = first {
                d = d.at(line, col);
            }
            out.push(d);
        }
    }
    let mut text = Vec::new();
    let common = Value::Object(ld.common.clone());
    strings(&common, &mut text);
    let chars = missing(&text, fonts);
    if !chars.is_empty() {
        out.push(
            glyph_diag(
                &chars,
                &format!(
                    "The campaign's print text in {} (its title, labels or contacts)",
                    ld.tag
                ),
            )
            .file(format!("locales/{}", ld.tag))
            .locale(ld.tag.clone()),
        );
    }
    let tag = &ld.tag;
    for p in site
        .partners
        .iter()
        .filter(|p| p.visibility == Visibility::Public)
    {
        let name = p.name_in(tag);
        let chars = missing(&[name], fonts);
        if !chars.is_empty() {
            let mut d = glyph_diag(&chars, &format!("The name of the partner {}", p.id))
                .file(
                    site.partners_file
                        .clone()
                        .unwrap_or_else(|| "content/partners.yaml".into()),
                )
                .locale(tag.clone());
            if p.line > 0 {
                d = d.line(Some(p.line));
            }
            out.push(d);
        }
    }
    out
}

/// `web-only-partner`: a page whose printed text names a partner that must never appear on
/// paper (the partner registry's `visibility: web-only`).
pub fn check_web_only(site: &Site, ld: &LocaleData) -> Vec<Diagnostic> {
    let hidden: Vec<(&str, String)> = site
        .partners
        .iter()
        .filter(|p| p.visibility == Visibility::WebOnly)
        .flat_map(|p| {
            std::iter::once(p.name.as_str())
                .chain(p.names.values().map(String::as_str))
                .map(move |n| (p.id.as_str(), n.to_lowercase()))
        })
        .filter(|(_, n)| n.chars().count() >= 4)
        .collect();
    if hidden.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for data in ld.pages.values() {
        let value = ld.value(site, data);
        let mut text = Vec::new();
        strings(&value, &mut text);
        let lower: Vec<String> = text.iter().map(|s| s.to_lowercase()).collect();
        let page = &site.pages[data.page_index];
        for (id, name) in &hidden {
            if lower.iter().any(|s| s.contains(name.as_str())) {
                let mut d = Diagnostic::error(
                    "web-only-partner",
                    format!(
                        "The page {} names the partner {id}, which is web-only: its name must never appear in a print pack.",
                        page.file
                    ),
                )
                .file(page.file.clone())
                .locale(ld.tag.clone())
                .help("Remove the name from the page's printed text (title, summary, body, sources), or make the partner public in content/partners.yaml if printing it is safe.");
                let text_lower = page.text.to_lowercase();
                if let Some(at) = text_lower.find(name.as_str()) {
                    let line = text_lower[..at].matches('\n').count() + 1;
                    d = d.line(Some(line));
                }
                out.push(d);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        assert_eq!(position("ab\ncd", 'd'), Some((2, 2)));
        assert_eq!(position("ab", 'a'), Some((1, 1)));
    }
}
