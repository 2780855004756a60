//! One page: front matter and body.

use crate::diagnostics::Diagnostic;
use crate::model::{FrontMatter, Page};
use std::collections::HashMap;

/// The version of a page that translations record in `translation_of`: the first 12 hex
/// digits of the BLAKE3 hash of its text (LF line endings, no BOM).
pub fn version_of(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..12].to_string()
}

/// Splits `---`-delimited front matter from the body. Returns the YAML text, the byte offset
/// of the body and the 1-based line the body starts on; `Err` holds what is wrong.
pub fn split_front_matter(text: &str) -> Result<(&str, usize, usize), &'static str> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err("the page does not start with front matter (a line `---`)");
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, l) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let t = l.trim_end();
        if t == "---" || t == "..." {
            let body = offset + l.len();
            return Ok((&text[yaml_start..offset], body, line + 1));
        }
        offset += l.len();
    }
    Err("the front matter is never closed (no second `---` line)")
}

/// An absolute http(s) URL: what a source, a partner's site or `base_url` must be.
pub fn web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && crate::render::sanitize::safe_url(url)
        && !url
            .chars()
            .any(|c| c.is_control() || c == '"' || c == '<' || c == '>')
}

pub fn parse_page(
    locale: usize,
    inner: &str,
    rel: &str,
    text: String,
    tag: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let (yaml, body_start, body_line) = match split_front_matter(&text) {
        Ok(x) => x,
        Err(why) => {
            diags.push(
                Diagnostic::error("invalid-front-matter", format!("{rel}: {why}"))
                    .file(rel)
                    .at(1, 1)
                    .locale(tag)
                    .help("Start the page with `---`, then `title: …` and the other fields, then a closing `---` line."),
            );
            return None;
        }
    };
    let front: FrontMatter = if yaml.trim().is_empty() {
        FrontMatter::default()
    } else {
        match serde_yaml_ng::from_str(yaml) {
            Ok(f) => f,
            Err(e) => {
                use super::OrAlias;
                let (line, column) = super::yaml_error(&e, 1).or_alias(yaml, &e, 1);
                let mut d = Diagnostic::error("invalid-front-matter", format!("the front matter is not valid YAML: {}", super::yaml_message(&e)))
                    .file(rel)
                    .locale(tag)
                    .help("Check the indentation and put quotes around values that contain `:` or start with a special character.");
                d.line = line;
                d.column = column;
                diags.push(d);
                return None;
            }
        }
    };
    let mut key_lines = HashMap::new();
    for (i, l) in yaml.lines().enumerate() {
        if let Some((k, _)) = l.split_once(':') {
            if !k.starts_with([' ', '\t', '-', '#']) && !k.is_empty() {
                key_lines.entry(k.trim().to_string()).or_insert(i + 2);
            }
        }
    }
    // A source's link goes into an `href`: only web addresses.
    for src in &front.sources {
        if let Some(url) = src.url.as_deref().filter(|u| !web_url(u)) {
            diags.push(
                Diagnostic::error(
                    "invalid-front-matter",
                    format!(
                        "the source “{}” links to `{url}`, which is not a web address",
                        src.title
                    ),
                )
                .file(rel)
                .line(key_lines.get("sources").copied())
                .locale(tag)
                .help("Give sources an address that starts with https:// (or http://)."),
            );
        }
    }
    let mut date = |key: &str, value: &Option<String>| -> Option<jiff::civil::Date> {
        let v = value.as_deref()?;
        match v.trim().parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                diags.push(
                    Diagnostic::error(
                        "invalid-front-matter",
                        format!("`{key}: {v}` is not a date"),
                    )
                    .file(rel)
                    .line(key_lines.get(key).copied())
                    .locale(tag)
                    .help(format!(
                        "Write the date as YEAR-MONTH-DAY, for example `{key}: 2026-10-01`."
                    )),
                );
                None
            }
        }
    };
    let reviewed = date("reviewed", &front.reviewed);
    let review_by = date("review_by", &front.review_by);
    Some(Page {
        locale,
        path: inner.to_string(),
        file: rel.to_string(),
        version: std::sync::OnceLock::new(),
        front,
        body_start,
        body_line,
        key_lines,
        text,
        reviewed,
        review_by,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let t = "---\ntitle: A\n---\nBody\n";
        let (yaml, start, line) = split_front_matter(t).unwrap();
        assert_eq!(yaml, "title: A\n");
        assert_eq!(&t[start..], "Body\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("---\ntitle: A\n").is_err());
        assert!(split_front_matter("# Hello").is_err());
    }

    #[test]
    fn yaml_errors_point_at_the_file_line() {
        let mut d = Vec::new();
        let p = parse_page(
            0,
            "a.md",
            "content/en/a.md",
            "---\ntitle: A\nstages: [x\n---\n".into(),
            "en",
            &mut d,
        );
        assert!(p.is_none());
        assert_eq!(d[0].code, "invalid-front-matter");
        assert!(d[0].line.unwrap() >= 3, "{:?}", d[0]);
    }
}
