//! Just enough of an HTML tag reader for the content checks: the tags in a piece of raw
//! HTML (inline or a block), with their attributes, so that `<img>` without `alt` and
//! `<span lang="…">` can be recognised. Not a parser: text between tags is ignored.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlTag {
    /// Byte offset of the `<` in the text given to [`tags`].
    pub start: usize,
    /// Byte offset just after the tag's `>`.
    pub end: usize,
    /// Lower-case element name.
    pub name: String,
    pub closing: bool,
    /// `<br/>`, or a void element such as `<img>`: nothing to close.
    pub self_closing: bool,
    /// Lower-case attribute names with their values (`None` for `<input disabled>`).
    pub attrs: Vec<(String, Option<String>)>,
}

impl HtmlTag {
    pub fn attr(&self, name: &str) -> Option<Option<&str>> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref())
    }
}

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `<!-- decorative -->`, the mark after an image with empty alt text.
pub fn is_decorative_comment(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("decorative"))
}

/// Whether `html` starts (after white space) with `<!-- decorative -->`.
pub fn starts_with_decorative_comment(html: &str) -> bool {
    let s = html.trim_start();
    s.starts_with("<!--")
        && s.find("-->")
            .is_some_and(|e| is_decorative_comment(&s[..e + 3]))
}

/// Every tag in `html`, in order. Comments, doctypes and processing instructions are skipped.
pub fn tags(html: &str) -> Vec<HtmlTag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let start = i + rel;
        let rest = &html[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment
                .find("-->")
                .map_or(html.len(), |e| start + 4 + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(html.len(), |e| start + e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let mut j = start + if closing { 2 } else { 1 };
        let name_start = j;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        if j == name_start || !b[name_start].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            match b[j] {
                b'>' => {
                    j += 1;
                    break;
                }
                b'/' => {
                    self_closing = true;
                    j += 1;
                    continue;
                }
                _ => {}
            }
            let an = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let aname = html[an..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = None;
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    let ve = b[vs..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |p| vs + p);
                    value = Some(html[vs..ve].to_string());
                    j = (ve + 1).min(b.len());
                } else {
                    let vs = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = Some(html[vs..j].to_string());
                }
            }
            if aname.is_empty() {
                j += 1;
            } else {
                attrs.push((aname, value));
            }
        }
        self_closing |= VOID.contains(&name.as_str());
        out.push(HtmlTag {
            start,
            end: j.min(html.len()),
            name,
            closing,
            self_closing,
            attrs,
        });
        i = j.max(start + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_and_attributes() {
        let t = tags(r#"<span lang="en" dir=ltr>Hi</span><img src='a.png' alt><!-- <b> --><br/>"#);
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].name, "span");
        assert_eq!(t[0].attr("lang"), Some(Some("en")));
        assert_eq!(t[0].attr("dir"), Some(Some("ltr")));
        assert!(t[1].closing);
        assert_eq!(t[2].name, "img");
        assert!(t[2].self_closing);
        assert_eq!(t[2].attr("alt"), Some(None));
        assert_eq!(t[2].attr("src"), Some(Some("a.png")));
        assert_eq!(t[3].name, "br");
        assert!(tags("a < b and 3<4").is_empty());
    }

    #[test]
    fn decorative_comment() {
        assert!(is_decorative_comment("<!-- decorative -->"));
        assert!(is_decorative_comment("<!--Decorative-->"));
        assert!(!is_decorative_comment("<!-- a photo -->"));
        let t = r#"<img src="a.svg" alt=""> <!-- decorative --> <img src="b.svg" alt="">"#;
        let tags = tags(t);
        assert!(starts_with_decorative_comment(&t[tags[0].end..]));
        assert!(!starts_with_decorative_comment(&t[tags[1].end..]));
    }
}
