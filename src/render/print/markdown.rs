//! Markdown to the print data: a walk over pulldown-cmark's events that builds the JSON
//! structure the Typst template reads (`{"t": "p", "c": [...]}` and so on). Nothing here
//! produces Typst markup: text stays text, whatever characters it holds.
//!
//! Blocks: `p` (inlines `c`), `h` (`level`, `c`), `ul`/`ol` (`items`: lists of blocks, `start`),
//! `quote` (`c`: blocks), `table` (`align`, `widths`, `head`, `rows`), `code` (`v`, `lang`),
//! `hr`, `figure` (a paragraph holding only an image: `src`, `alt`).
//! Inlines: `text` (`v`), `strong`/`em`/`del`/`sup`/`sub` (`c`), `code` (`v`), `br`,
//! `link` (`c`, `url`: absolute or none, `show`: the URL written out or none, `target`: the
//! label of a page that may be in the same document), `img` (`src`, `alt`),
//! `fn` (`c`: the footnote's blocks, `id`, `first`), `task` (`checked`).

use crate::render::markdown::options;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// How `@/` links and images are resolved for print.
pub trait PrintLinks {
    /// An `@/path.md` page link: (the page's web URL if known, the label it has in a
    /// document that prints it). `None`: it resolves to nothing (already a `broken-link`).
    fn page(&self, path: &str) -> Option<(Option<String>, String)>;
    /// An `@/assets/…` file: (its path in the Typst world if it exists, its web URL).
    fn asset(&self, rel: &str) -> Option<(String, Option<String>)>;
}

/// A Markdown body as print blocks.
pub struct PrintBody {
    pub blocks: Vec<Value>,
}

#[derive(Default)]
struct Node {
    kind: Kind,
    blocks: Vec<Value>,
    inlines: Vec<Value>,
    /// For tables: the header row and the body rows (cells are inline lists).
    head: Vec<Value>,
    rows: Vec<Vec<Value>>,
    /// For list items.
    items: Vec<Value>,
}

#[derive(Default, Clone)]
enum Kind {
    #[default]
    Root,
    Paragraph,
    Heading(u8),
    Quote,
    Code(Option<String>, String),
    List(Option<u64>),
    Item,
    Footnote(String),
    Table(Vec<Alignment>),
    Head,
    Row,
    Cell,
    Span(&'static str),
    Link {
        url: Option<String>,
        show: Option<String>,
        target: Option<String>,
    },
    Image {
        src: Option<String>,
    },
    /// HTML blocks and anything print has no use for: its text is dropped.
    Skip,
}

fn flush(node: &mut Node) {
    if !node.inlines.is_empty() {
        let c = std::mem::take(&mut node.inlines);
        node.blocks.push(json!({"t": "p", "c": c}));
    }
}

fn text_of(inlines: &[Value]) -> String {
    let mut s = String::new();
    for i in inlines {
        if let Some(v) = i.get("v").and_then(Value::as_str) {
            s.push_str(v);
        }
        if let Some(c) = i.get("c").and_then(Value::as_array) {
            s.push_str(&text_of(c));
        }
        if i.get("t").and_then(Value::as_str) == Some("br") {
            s.push(' ');
        }
    }
    s
}

/// How a link's destination is written out on paper.
fn written(url: &str) -> String {
    for scheme in ["mailto:", "tel:"] {
        if let Some(rest) = url.strip_prefix(scheme) {
            return rest.to_string();
        }
    }
    url.to_string()
}

fn link_kind(dest: &str, links: &dyn PrintLinks) -> Kind {
    if let Some(rest) = dest.strip_prefix("@/") {
        let (target, fragment) = match rest.split_once('#') {
            Some((t, f)) => (t, Some(f)),
            None => (rest, None),
        };
        if let Some(asset) = target.strip_prefix("assets/") {
            let url = links.asset(asset).and_then(|(_, url)| url);
            return Kind::Link {
                show: url.clone(),
                url,
                target: None,
            };
        }
        return match links.page(target) {
            Some((url, label)) => {
                let url = url.map(|mut u| {
                    if let Some(f) = fragment {
                        u.push('#');
                        u.push_str(f);
                    }
                    u
                });
                Kind::Link {
                    show: url.clone(),
                    url,
                    target: Some(label),
                }
            }
            None => Kind::Link {
                url: None,
                show: None,
                target: None,
            },
        };
    }
    let absolute = dest.contains(':') && !dest.starts_with('#');
    if absolute {
        Kind::Link {
            url: Some(dest.to_string()),
            show: Some(written(dest)),
            target: None,
        }
    } else {
        // A relative link means nothing on paper and has no web address we know.
        Kind::Link {
            url: None,
            show: None,
            target: None,
        }
    }
}

fn image_src(dest: &str, links: &dyn PrintLinks) -> Option<String> {
    let rest = dest.strip_prefix("@/assets/")?;
    let rest = rest.split(['#', '?']).next().unwrap_or(rest);
    links.asset(rest).map(|(src, _)| src)
}

fn align_name(a: &Alignment) -> &'static str {
    match a {
        Alignment::Center => "center",
        Alignment::Right => "end",
        Alignment::Left | Alignment::None => "start",
    }
}

/// Column widths as fractions, from the longest cell of each column, so a short label
/// column does not take half the page.
fn widths(head: &[Value], rows: &[Vec<Value>]) -> Vec<u32> {
    let n = head.len();
    let mut w = vec![6usize; n];
    for row in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
        for (i, cell) in row.iter().enumerate().take(n) {
            let len = cell.as_array().map_or(0, |c| text_of(c).chars().count());
            w[i] = w[i].max(len.min(60));
        }
    }
    w.into_iter().map(|x| x as u32).collect()
}

/// The deepest nesting of blocks and spans kept (a list in a list in a quote…). Each level
/// is a few levels of JSON, and Typst reads JSON up to 128 levels deep.
const MAX_DEPTH: usize = 16;

/// Walks a page body. Footnote definitions are placed at their first reference, where
/// Typst sets them at the foot of the printed page.
pub fn convert(body: &str, links: &dyn PrintLinks, page_key: &str) -> PrintBody {
    let mut stack: Vec<Node> = vec![Node::default()];
    let mut notes: HashMap<String, Vec<Value>> = HashMap::new();
    // Whether each open tag has a node: past `MAX_DEPTH`, deeper structure is flattened
    // into its ancestor (the data stays within the depth Typst's JSON reader accepts, and
    // nothing here recurses without bound).
    let mut opened: Vec<bool> = Vec::new();
    for ev in Parser::new_ext(body, options()) {
        match ev {
            Event::Start(_) if stack.len() >= MAX_DEPTH => opened.push(false),
            Event::End(_) if opened.last() == Some(&false) => {
                opened.pop();
            }
            Event::Start(tag) => {
                opened.push(true);
                let kind = match tag {
                    Tag::Paragraph => Kind::Paragraph,
                    Tag::Heading { level, .. } => Kind::Heading(level as u8),
                    Tag::BlockQuote(_) => Kind::Quote,
                    Tag::CodeBlock(k) => Kind::Code(
                        match k {
                            CodeBlockKind::Fenced(lang) if !lang.is_empty() => Some(
                                lang.split([' ', ','])
                                    .next()
                                    .unwrap_or_default()
                                    .to_string(),
                            ),
                            _ => None,
                        },
                        String::new(),
                    ),
                    Tag::List(start) => Kind::List(start),
                    Tag::Item => Kind::Item,
                    Tag::FootnoteDefinition(label) => Kind::Footnote(label.to_string()),
                    Tag::Table(a) => Kind::Table(a),
                    Tag::TableHead => Kind::Head,
                    Tag::TableRow => Kind::Row,
                    Tag::TableCell => Kind::Cell,
                    Tag::Emphasis => Kind::Span("em"),
                    Tag::Strong => Kind::Span("strong"),
                    Tag::Strikethrough => Kind::Span("del"),
                    Tag::Superscript => Kind::Span("sup"),
                    Tag::Subscript => Kind::Span("sub"),
                    Tag::Link { dest_url, .. } => link_kind(&dest_url, links),
                    Tag::Image { dest_url, .. } => Kind::Image {
                        src: image_src(&dest_url, links),
                    },
                    // Definition lists print as paragraphs; HTML and metadata not at all.
                    Tag::DefinitionList => Kind::Quote,
                    Tag::DefinitionListTitle => Kind::Span("strong"),
                    Tag::DefinitionListDefinition => Kind::Paragraph,
                    _ => Kind::Skip,
                };
                // A block inside a list item or quote ends the loose text before it.
                if matches!(
                    kind,
                    Kind::Paragraph
                        | Kind::Heading(_)
                        | Kind::Quote
                        | Kind::Code(..)
                        | Kind::List(_)
                        | Kind::Table(_)
                ) {
                    if let Some(top) = stack.last_mut() {
                        flush(top);
                    }
                }
                stack.push(Node {
                    kind,
                    ..Node::default()
                });
            }
            Event::End(_) => {
                opened.pop();
                if stack.len() < 2 {
                    continue;
                }
                let mut node = stack.pop().expect("open node");
                let parent = stack.last_mut().expect("parent node");
                match node.kind.clone() {
                    Kind::Paragraph => {
                        let only_image = node.inlines.len() == 1
                            && node.inlines[0]["t"] == "img"
                            && !node.inlines[0]["src"].is_null();
                        if only_image {
                            let img = &node.inlines[0];
                            parent
                                .blocks
                                .push(json!({"t": "figure", "src": img["src"], "alt": img["alt"]}));
                        } else if matches!(parent.kind, Kind::Span(_) | Kind::Paragraph) {
                            parent.inlines.append(&mut node.inlines);
                        } else {
                            parent.blocks.push(json!({"t": "p", "c": node.inlines}));
                        }
                    }
                    Kind::Heading(level) => parent
                        .blocks
                        .push(json!({"t": "h", "level": level, "c": node.inlines})),
                    Kind::Quote => {
                        flush(&mut node);
                        parent.blocks.push(json!({"t": "quote", "c": node.blocks}));
                    }
                    Kind::Code(lang, text) => parent
                        .blocks
                        .push(json!({"t": "code", "v": text.trim_end_matches('\n'), "lang": lang})),
                    Kind::List(start) => {
                        // Text of items flattened past `MAX_DEPTH` lands here.
                        flush(&mut node);
                        if !node.blocks.is_empty() {
                            node.items
                                .push(Value::Array(std::mem::take(&mut node.blocks)));
                        }
                        let mut v = json!({"t": if start.is_some() { "ol" } else { "ul" }, "items": node.items});
                        if let Some(s) = start {
                            v["start"] = json!(s);
                        }
                        parent.blocks.push(v);
                    }
                    Kind::Item => {
                        flush(&mut node);
                        parent.items.push(Value::Array(node.blocks));
                    }
                    Kind::Footnote(label) => {
                        flush(&mut node);
                        notes.insert(label, node.blocks);
                    }
                    Kind::Table(align) => {
                        let n = node.head.len().max(align.len());
                        let mut head = node.head;
                        head.resize(n, json!([]));
                        let rows: Vec<Vec<Value>> = node
                            .rows
                            .into_iter()
                            .map(|mut r| {
                                r.resize(n, json!([]));
                                r
                            })
                            .collect();
                        let mut aligns: Vec<&str> = align.iter().map(align_name).collect();
                        aligns.resize(n, "start");
                        parent.blocks.push(json!({
                            "t": "table",
                            "align": aligns,
                            "widths": widths(&head, &rows),
                            "head": head,
                            "rows": rows,
                        }));
                    }
                    Kind::Head => parent.head = node.items,
                    Kind::Row => parent.rows.push(node.items),
                    Kind::Cell => parent.items.push(Value::Array(node.inlines)),
                    Kind::Span(t) => parent.inlines.push(json!({"t": t, "c": node.inlines})),
                    Kind::Link { url, show, target } => {
                        let mut v = Map::new();
                        v.insert("t".into(), json!("link"));
                        // Autolinks (`<https://…>`) already show their address.
                        let same = show.as_deref() == Some(text_of(&node.inlines).trim());
                        v.insert("show".into(), json!(if same { None } else { show }));
                        v.insert("c".into(), Value::Array(node.inlines));
                        v.insert("url".into(), json!(url));
                        v.insert("target".into(), json!(target));
                        parent.inlines.push(Value::Object(v));
                    }
                    Kind::Image { src, .. } => {
                        let alt = text_of(&node.inlines).trim().to_string();
                        parent
                            .inlines
                            .push(json!({"t": "img", "src": src, "alt": alt}));
                    }
                    Kind::Root | Kind::Skip => {}
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    match &mut top.kind {
                        Kind::Code(_, buf) => buf.push_str(&t),
                        Kind::Skip => {}
                        _ => top.inlines.push(json!({"t": "text", "v": t.as_ref()})),
                    }
                }
            }
            Event::Code(t) => {
                if let Some(top) = stack.last_mut() {
                    top.inlines.push(json!({"t": "code", "v": t.as_ref()}));
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(top) = stack.last_mut() {
                    top.inlines.push(json!({"t": "code", "v": t.as_ref()}));
                }
            }
            Event::SoftBreak => {
                if let Some(top) = stack.last_mut() {
                    top.inlines.push(json!({"t": "text", "v": " "}));
                }
            }
            Event::HardBreak => {
                if let Some(top) = stack.last_mut() {
                    top.inlines.push(json!({"t": "br"}));
                }
            }
            Event::Rule => {
                if let Some(top) = stack.last_mut() {
                    flush(top);
                    top.blocks.push(json!({"t": "hr"}));
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(top) = stack.last_mut() {
                    top.inlines.push(json!({"t": "task", "checked": checked}));
                }
            }
            Event::FootnoteReference(label) => {
                if let Some(top) = stack.last_mut() {
                    top.inlines
                        .push(json!({"t": "fnref", "label": label.as_ref()}));
                }
            }
            // Raw HTML has no meaning on paper.
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }
    let mut root = stack.swap_remove(0);
    flush(&mut root);
    let mut seen = HashMap::new();
    let mut blocks = root.blocks;
    for b in &mut blocks {
        place_notes(b, &notes, &mut seen, page_key);
    }
    let mut previous = 1;
    for b in &mut blocks {
        even_levels(b, &mut previous);
    }
    PrintBody { blocks }
}

/// Headings never skip a level on paper (PDF/UA readers navigate by them): the page title
/// is level 1, so a first `###` becomes a `##`, and so on down.
fn even_levels(v: &mut Value, previous: &mut u64) {
    match v {
        Value::Array(a) => a.iter_mut().for_each(|x| even_levels(x, previous)),
        Value::Object(o) => {
            if o.get("t").and_then(Value::as_str) == Some("h") {
                let wanted = o.get("level").and_then(Value::as_u64).unwrap_or(2).max(2);
                let level = wanted.min(*previous + 1);
                o.insert("level".into(), json!(level));
                *previous = level;
                return;
            }
            for key in ["c", "items"] {
                if let Some(x) = o.get_mut(key) {
                    even_levels(x, previous);
                }
            }
        }
        _ => {}
    }
}

/// Replaces each footnote reference with the footnote itself (`fn`): the first reference
/// carries the text, later ones point at it.
fn place_notes(
    v: &mut Value,
    notes: &HashMap<String, Vec<Value>>,
    seen: &mut HashMap<String, usize>,
    page_key: &str,
) {
    match v {
        Value::Array(a) => {
            for x in a {
                place_notes(x, notes, seen, page_key);
            }
        }
        Value::Object(o) => {
            if o.get("t").and_then(Value::as_str) == Some("fnref") {
                let label = o
                    .get("label")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let first = !seen.contains_key(&label);
                let n = seen.len() + 1;
                seen.entry(label.clone()).or_insert(n);
                let mut body = notes.get(&label).cloned().unwrap_or_default();
                for b in &mut body {
                    place_notes(b, notes, seen, page_key);
                }
                *v = json!({
                    "t": "fn",
                    "id": format!("fn:{page_key}:{label}"),
                    "first": first,
                    "c": body,
                });
                return;
            }
            for (_, x) in o.iter_mut() {
                place_notes(x, notes, seen, page_key);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct L;
    impl PrintLinks for L {
        fn page(&self, path: &str) -> Option<(Option<String>, String)> {
            (path == "work/rights.md").then(|| {
                (
                    Some("https://x.org/en/work/rights/".to_string()),
                    "page:work/rights.md".to_string(),
                )
            })
        }
        fn asset(&self, rel: &str) -> Option<(String, Option<String>)> {
            (rel == "a.svg").then(|| ("/assets/a.svg".to_string(), None))
        }
    }

    #[test]
    fn blocks_and_inlines() {
        let md = "## Pay\n\nSee [rights](@/work/rights.md) and <https://ilo.org/>.\n\n- one\n- **two**\n\n> quoted #not-markup\n\n| a | b |\n|:-:|---|\n| 1 |\n\n![A pen](@/assets/a.svg)\n\nNote[^n].\n\n[^n]: The note.\n";
        let b = convert(md, &L, "x.md").blocks;
        assert_eq!(b[0]["t"], "h");
        assert_eq!(b[0]["level"], 2);
        let link = &b[1]["c"][1];
        assert_eq!(link["t"], "link");
        assert_eq!(link["url"], "https://x.org/en/work/rights/");
        assert_eq!(link["show"], "https://x.org/en/work/rights/");
        assert_eq!(link["target"], "page:work/rights.md");
        let auto = &b[1]["c"][3];
        assert_eq!(auto["show"], Value::Null, "{auto}");
        assert_eq!(b[2]["t"], "ul");
        assert_eq!(b[2]["items"][1][0]["c"][0]["t"], "strong");
        assert_eq!(b[3]["t"], "quote");
        assert_eq!(b[3]["c"][0]["c"][0]["v"], "quoted #not-markup");
        assert_eq!(b[4]["t"], "table");
        assert_eq!(b[4]["align"][0], "center");
        assert_eq!(b[4]["rows"][0].as_array().unwrap().len(), 2);
        assert_eq!(b[5]["t"], "figure");
        assert_eq!(b[5]["alt"], "A pen");
        let note = &b[6]["c"][1];
        assert_eq!(note["t"], "fn");
        assert_eq!(note["c"][0]["c"][0]["v"], "The note.");
        assert_eq!(b.len(), 7, "{b:#?}");
    }

    #[test]
    fn deep_nesting_is_flattened_not_overflowed() {
        let mut md = String::new();
        for i in 0..3000 {
            md.push_str(&" ".repeat(i * 2));
            md.push_str("- x\n");
        }
        let b = convert(&md, &L, "x.md").blocks;
        fn depth(v: &Value) -> usize {
            match v {
                Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
                Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
                _ => 0,
            }
        }
        assert!(depth(&Value::Array(b)) < 100);
    }

    #[test]
    fn heading_levels_do_not_skip() {
        let b = convert("#### Deep\n\n## Top\n\n#### Deeper\n", &L, "x.md").blocks;
        let levels: Vec<u64> = b.iter().map(|h| h["level"].as_u64().unwrap()).collect();
        assert_eq!(levels, vec![2, 2, 3]);
    }
}
