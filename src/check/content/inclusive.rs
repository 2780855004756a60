//! `non-inclusive-term` over a page: its body text, `title` and `summary` (never code,
//! URLs or `sources`), with the page's `allow_terms`.

use super::{push_text, snippet, terms, Ctx, TChar};
use crate::diagnostics::Diagnostic;
use crate::model::Page;

fn allow_terms(cx: &Ctx, out: &mut Vec<Diagnostic>) -> Vec<String> {
    use serde_yaml_ng::Value;
    let Some(v) = cx.page.front.extra.get("allow_terms") else {
        return Vec::new();
    };
    let items: Option<Vec<String>> = match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Sequence(seq) => seq.iter().map(|x| x.as_str().map(str::to_string)).collect(),
        _ => None,
    };
    match items {
        Some(items) => items.iter().map(|s| terms::normalize(s)).collect(),
        None => {
            out.push(
                cx.at_line(
                    Diagnostic::error(
                        "invalid-front-matter",
                        "`allow_terms` must be a list of terms",
                    ),
                    cx.page.key_line("allow_terms"),
                )
                .help(
                    "Write the terms this page may use as a list: `allow_terms: [les migrants]`.",
                ),
            );
            Vec::new()
        }
    }
}

/// The text of a front-matter value (`title`, `summary`), with file offsets, for the term
/// check: the key's line and any indented lines that continue it.
fn front_value(page: &Page, key: &str) -> Option<Vec<TChar>> {
    page.key_lines.get(key)?;
    let line = page.key_line(key);
    let mut off = 0;
    let mut out = Vec::new();
    for (n, l) in (1..).zip(page.text[..page.body_start].split_inclusive('\n')) {
        let first = n == line;
        if first || (n > line && !out.is_empty() && l.starts_with([' ', '\t'])) {
            let skip = if first {
                l.find(':').map_or(0, |i| i + 1)
            } else {
                0
            };
            push_text(&mut out, &l[skip..], off + skip, true, false, false);
        } else if n > line {
            break;
        }
        off += l.len();
    }
    Some(out)
}

pub(super) fn inclusive_terms(cx: &Ctx, blocks: &[Vec<TChar>], out: &mut Vec<Diagnostic>) {
    let allow = allow_terms(cx, out);
    if cx.terms.is_empty() {
        return;
    }
    let front: Vec<Vec<TChar>> = ["title", "summary"]
        .iter()
        .filter_map(|k| front_value(cx.page, k))
        .collect();
    let mut buf = Vec::new();
    for block in front.iter().chain(blocks) {
        if !cx.terms.may_match(block, &mut buf) {
            continue;
        }
        let norm = terms::norm_block(block);
        for f in terms::find(cx.terms, &norm) {
            let e = &cx.terms[f.entry];
            let (first, last) = (norm.off(f.start), norm.off(f.end - 1));
            let end = last + norm.written_at(f.end - 1).len_utf8();
            let found = match cx.page.text.get(first..end) {
                Some(s) if first < end => snippet(s.chars()),
                _ => snippet(norm.written(f.start..f.end)),
            };
            if terms::allowed(e, &found, &allow) {
                continue;
            }
            let why = if e.why.is_empty() {
                String::new()
            } else {
                format!("{} ", e.why.trim_end())
            };
            out.push(cx.at(
                Diagnostic::warning("non-inclusive-term", format!("“{found}” is on the list of words to avoid: write {} instead", e.suggestion.trim())),
                first,
            ).help(format!(
                "{why}If this page must keep the words (a quotation, the name of an organisation), add `allow_terms: [{found}]` to its front matter."
            )));
        }
    }
}
