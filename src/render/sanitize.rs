//! Raw HTML in Markdown is sanitised with ammonia: a page may carry `<span lang="…">`, a
//! table or a `<br>`, but never a script, an event handler, a `javascript:` URL, an iframe, a
//! form or a style. A campaign can allow more tags in `campaign.yaml`
//! (`allow_html: [details, summary]`) once someone has reviewed why it needs them; the tags in
//! [`REFUSED`] can never be allowed.
//!
//! The renderer ([`super::markdown::render`]) runs [`clean`] on a page's HTML whenever the page
//! has raw HTML or a link with a scheme that is not [`safe_url`]; the check stage
//! (`check::unsafe_html`) tells the author what was removed, with [`findings`].

use pulldown_cmark::{Event, Tag};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// What a page's HTML may contain without anyone asking: everything pulldown-cmark writes,
/// and the inline and block elements an author needs for accessible text.
pub const BASE_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Tags `allow_html` can never allow: they run code, load other pages or documents, submit
/// data, or restyle the whole page.
pub const REFUSED: &[&str] = &[
    "applet",
    "base",
    "button",
    "embed",
    "form",
    "frame",
    "frameset",
    "iframe",
    "input",
    "link",
    "math",
    "meta",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "option",
    "param",
    "plaintext",
    "portal",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "xmp",
];

/// Attributes allowed on every allowed element.
const GENERIC_ATTRS: &[&str] = &["class", "dir", "id", "lang", "title"];

/// Attributes allowed on some elements (URL attributes are checked against [`safe_url`]).
const TAG_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    (
        "img",
        &[
            "src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding",
        ],
    ),
    ("ol", &["start", "reversed"]),
    ("td", &["colspan", "rowspan", "style"]),
    ("th", &["colspan", "rowspan", "scope", "style"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("time", &["datetime"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("details", &["open"]),
    ("audio", &["src", "controls"]),
    ("video", &["src", "controls", "width", "height", "poster"]),
    ("source", &["src", "srcset", "type", "media", "sizes"]),
    ("track", &["src", "kind", "srclang", "label", "default"]),
];

/// The only styles kept: the column alignment pulldown-cmark writes on table cells.
const CELL_STYLES: [&str; 3] = [
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

/// The task-list checkboxes pulldown-cmark writes. `<input>` is never allowed from an author,
/// so these are set aside while the page is cleaned and put back after.
const CHECKBOXES: [(&str, &str); 2] = [
    (
        "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>",
        "\u{E000}herald-checked\u{E000}",
    ),
    (
        "<input disabled=\"\" type=\"checkbox\"/>",
        "\u{E000}herald-unchecked\u{E000}",
    ),
];

/// URL schemes a link or image may use. Anything else (`javascript:`, `data:`, `vbscript:`,
/// `file:`) is removed.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "sms", "geo"];

/// Whether `tag` may be added with `allow_html`.
pub fn may_allow(tag: &str) -> Result<(), &'static str> {
    if tag.is_empty()
        || !tag.starts_with(|c: char| c.is_ascii_lowercase())
        || !tag
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err("is not an HTML element name (write it in lower case, without `<>`)");
    }
    if REFUSED.contains(&tag) {
        return Err("can run code, load other documents or submit data, so it is never allowed");
    }
    Ok(())
}

fn allowed_tag(tag: &str, extra: &[String]) -> bool {
    BASE_TAGS.contains(&tag) || extra.iter().any(|t| t == tag && may_allow(t).is_ok())
}

fn allowed_attr(tag: &str, attr: &str) -> bool {
    GENERIC_ATTRS.contains(&attr)
        || TAG_ATTRS
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
}

/// Whether a URL is relative or uses one of the [`SCHEMES`], read as browsers read it (the
/// WHATWG URL standard): leading spaces and controls are ignored, tabs and newlines removed
/// anywhere, and a scheme is a letter followed by letters, digits, `+`, `-` or `.` up to
/// the first `:`. Anything else before a `:` makes the URL relative, which is safe.
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(end) = cleaned.find(':') else {
        return true;
    };
    let scheme = &cleaned[..end];
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // `C:` is a scheme to a browser too: never a working link in a web page.
    !is_scheme || SCHEMES.iter().any(|s| scheme.eq_ignore_ascii_case(s))
}

fn srcset_safe(value: &str) -> bool {
    value
        .split(',')
        .all(|c| safe_url(c.split_whitespace().next().unwrap_or("")))
}

/// Whether a Markdown event can put something in the page that [`clean`] must look at.
pub fn needs_cleaning(ev: &Event) -> bool {
    match ev {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
            !safe_url(dest_url)
        }
        _ => false,
    }
}

fn builder(extra: &[String]) -> ammonia::Builder<'_> {
    let mut tags: HashSet<&str> = BASE_TAGS.iter().copied().collect();
    tags.extend(
        extra
            .iter()
            .filter(|t| may_allow(t).is_ok())
            .map(String::as_str),
    );
    let tag_attrs: HashMap<&str, HashSet<&str>> = TAG_ATTRS
        .iter()
        .map(|(t, a)| (*t, a.iter().copied().collect()))
        .collect();
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .generic_attributes(GENERIC_ATTRS.iter().copied().collect())
        .tag_attributes(tag_attrs)
        .url_schemes(SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .clean_content_tags(["script", "style"].into_iter().collect())
        .attribute_filter(|element, attribute, value| match attribute {
            "style" => CELL_STYLES
                .contains(&value.trim())
                .then_some(Cow::Borrowed(value)),
            "srcset" => srcset_safe(value).then_some(Cow::Borrowed(value)),
            _ => {
                let _ = element;
                Some(Cow::Borrowed(value))
            }
        });
    b
}

/// The HTML with everything that could run code, submit data or restyle the page removed.
/// `extra` is the campaign's `allow_html`.
pub fn clean(html: &str, extra: &[String]) -> String {
    let mut src = html.replace('\u{E000}', "\u{FFFD}");
    for (input, mark) in CHECKBOXES {
        src = src.replace(input, mark);
    }
    let mut out = builder(extra).clean(&src).to_string();
    for (input, mark) in CHECKBOXES {
        out = out.replace(mark, input);
    }
    out
}

/// One thing [`clean`] removes from a piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset of the tag in the text given to [`findings`].
    pub offset: usize,
    /// What is removed, for a person: "the <script> element".
    pub what: String,
}

/// A raw tag: its name and attributes, lower-cased.
struct RawTag {
    start: usize,
    name: String,
    attrs: Vec<(String, String)>,
}

fn raw_tags(html: &str) -> Vec<RawTag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let start = i + rel;
        let rest = &html[start..];
        if let Some(c) = rest.strip_prefix("<!--") {
            i = c.find("-->").map_or(html.len(), |e| start + 4 + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = start + 2;
            continue;
        }
        let mut j = start + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        if j == start + 1 || !b[start + 1].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[start + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let an = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let attr = html[an..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    j = vs;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    value = html[vs..j.min(b.len())].to_string();
                    j = (j + 1).min(b.len());
                } else {
                    let vs = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[vs..j].to_string();
                }
            }
            if !attr.is_empty() {
                attrs.push((attr, decode_entities(&value)));
            }
        }
        out.push(RawTag { start, name, attrs });
        i = j.min(html.len()).max(start + 1);
        while !html.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// Enough entity decoding to see `javascript&#58;` for what it is.
fn decode_entities(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = name.strip_prefix('#') {
            num.parse().ok().and_then(char::from_u32)
        } else {
            match name {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

const URL_ATTRS: [&str; 7] = [
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "poster",
    "data",
];

/// What [`clean`] will remove from a piece of raw HTML, tag by tag.
pub fn findings(html: &str, extra: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    for tag in raw_tags(html) {
        let mut push = |what: String| {
            out.push(Finding {
                offset: tag.start,
                what,
            })
        };
        if !allowed_tag(&tag.name, extra) {
            push(format!("the <{}> element", tag.name));
            continue;
        }
        for (attr, value) in &tag.attrs {
            if attr.starts_with("on") {
                push(format!("the event handler `{attr}` on <{}>", tag.name));
            } else if attr == "style" {
                if !(matches!(tag.name.as_str(), "td" | "th")
                    && CELL_STYLES.contains(&value.trim()))
                {
                    push(format!("the `style` attribute on <{}>", tag.name));
                }
            } else if !allowed_attr(&tag.name, attr) {
                push(format!("the `{attr}` attribute on <{}>", tag.name));
            } else if (URL_ATTRS.contains(&attr.as_str()) && !safe_url(value))
                || (attr == "srcset" && !srcset_safe(value))
            {
                let scheme = value.split(':').next().unwrap_or("").trim().to_lowercase();
                push(format!("the `{scheme}:` URL in `{attr}` on <{}>", tag.name));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn removes_what_runs_code() {
        let dirty = r#"<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a><a href=" JaVa&#x53;cript:alert(1)">y</a><iframe src="https://evil.example/"></iframe><form action="/x"><input name="q"><button>Go</button></form><span style="position:fixed" lang="fr">Salut</span><style>body{display:none}</style><img src="x.png" onerror="alert(1)" width="10"></p>"#;
        let clean = clean(dirty, &none());
        for bad in [
            "onclick",
            "script",
            "alert",
            "javascript",
            "iframe",
            "form",
            "input",
            "button",
            "style",
            "onerror",
            "evil",
        ] {
            assert!(!clean.to_lowercase().contains(bad), "{bad} left in {clean}");
        }
        assert!(clean.contains(r#"<span lang="fr">Salut</span>"#), "{clean}");
        assert!(clean.contains(r#"<img src="x.png" width="10">"#), "{clean}");
    }

    #[test]
    fn keeps_what_markdown_writes() {
        let html = concat!(
            "<h2 id=\"pay\">Pay</h2>\n",
            "<table><thead><tr><th style=\"text-align: center\">A</th></tr></thead></table>\n",
            "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\ndone</li>\n</ul>\n",
            "<img src=\"../../assets/p.480w.jpg\" alt=\"A\" width=\"960\" height=\"640\" srcset=\"../../assets/p.480w.jpg 480w, ../../assets/p.960w.jpg 960w\" sizes=\"(max-width: 40rem) 100vw, 40rem\" loading=\"lazy\" decoding=\"async\">",
            "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
            "<a href=\"mailto:info@example.org\">mail</a><a href=\"../job/index.html#fees\">job</a>",
        );
        let c = clean(html, &none());
        assert!(c.contains("<h2 id=\"pay\">"), "{c}");
        assert!(c.contains("<th style=\"text-align: center\">"), "{c}");
        assert!(
            c.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"),
            "{c}"
        );
        assert!(
            c.contains("srcset=\"../../assets/p.480w.jpg 480w, ../../assets/p.960w.jpg 960w\""),
            "{c}"
        );
        assert!(c.contains("loading=\"lazy\" decoding=\"async\""), "{c}");
        assert!(c.contains("href=\"mailto:info@example.org\""), "{c}");
        assert!(c.contains("href=\"../job/index.html#fees\""), "{c}");
    }

    #[test]
    fn the_allow_list_adds_tags_but_never_dangerous_ones() {
        let html = "<details open><summary>More</summary>Text</details><script>x()</script>";
        assert!(!clean(html, &none()).contains("<details"));
        let extra = vec![
            "details".to_string(),
            "summary".to_string(),
            "script".to_string(),
        ];
        let c = clean(html, &extra);
        assert!(
            c.contains("<details open=\"\"><summary>More</summary>Text</details>"),
            "{c}"
        );
        assert!(!c.contains("script") && !c.contains("x()"), "{c}");
        assert!(may_allow("details").is_ok());
        assert!(may_allow("iframe").is_err());
        assert!(may_allow("<b>").is_err());
    }

    #[test]
    fn urls() {
        for ok in [
            "https://example.org/",
            "../a/index.html",
            "#x",
            "mailto:a@b",
            "tel:+1",
            "/x:y",
            "?q=a:b",
            "work/rights.md",
            "javas cript:x",
            "[javascript:x",
            "jav\u{fffd}ascript:x",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JAVASCRIPT:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
            "C:/Windows/x",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn findings_name_what_is_removed() {
        let f = findings(
            r#"<div onclick="x()"><script>y</script><a href="jav&#x61;script:z">a</a><span style="color:red" lang="fr">b</span><details>c</details>"#,
            &none(),
        );
        let what: Vec<&str> = f.iter().map(|f| f.what.as_str()).collect();
        assert_eq!(
            what,
            [
                "the event handler `onclick` on <div>",
                "the <script> element",
                "the `javascript:` URL in `href` on <a>",
                "the `style` attribute on <span>",
                "the <details> element",
            ]
        );
        assert!(findings("<span lang=\"fr\">ok</span><br>", &none()).is_empty());
        assert!(findings("<details>", &["details".into()]).is_empty());
    }
}
