//! Content checks, in every locale: `missing-alt`, `heading-order`, `vague-link-text`,
//! `table-header`, `missing-title`, `unmarked-language`, `non-inclusive-term`,
//! `review-overdue` and `missing-review-date`.
//!
//! Each page's Markdown is parsed once; the structural checks run on the events, and the
//! text of each block (paragraph, heading, table cell, …) is collected with the file offset
//! of every character for the term and language checks. Code, URLs and raw HTML blocks are
//! never part of that text. Pages still marked `untranslated: true` are copies of their
//! source and are not checked again.

mod a11y;
mod front;
mod html;
mod inclusive;
mod language;
pub(crate) mod letters;
mod terms;

use crate::diagnostics::{line_col, Diagnostic};
use crate::model::{Page, Site};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Tag, TagEnd};
use rayon::prelude::*;
use std::ops::Range;

/// Stands for something left out of a block's text (code, a URL, an image): words never
/// run across it.
pub(crate) const BREAK: char = '\0';

/// One character of a block's text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TChar {
    pub c: char,
    /// Byte offset in the page file's text (files are at most 2 MiB). Every character of
    /// every block is one of these: at 12 bytes rather than 24 they are half the memory
    /// the content checks write and read.
    pub off: u32,
    /// Inside an element with a `lang` attribute.
    pub lang: bool,
    /// Inside `<cite>`: a title cited as it is.
    pub cite: bool,
}

pub(crate) struct Ctx<'a> {
    site: &'a Site,
    page: &'a Page,
    tag: &'a str,
    script: Option<&'static str>,
    terms: &'a terms::Terms,
    strict: bool,
}

impl Ctx<'_> {
    /// A diagnostic about this page at a byte offset of the file text.
    fn at(&self, d: Diagnostic, off: usize) -> Diagnostic {
        let (l, c) = line_col(&self.page.text, off);
        d.file(&self.page.file)
            .at(l, c)
            .locale(self.tag)
            .subject(self.page.path.clone())
    }
    fn at_line(&self, d: Diagnostic, line: usize) -> Diagnostic {
        d.file(&self.page.file)
            .line(Some(line))
            .locale(self.tag)
            .subject(self.page.path.clone())
    }
}

/// The content checks with what they need of the whole campaign (term lists, each locale's
/// script), made once and then asked of each page.
pub struct Checker<'a> {
    site: &'a Site,
    strict: bool,
    lists: terms::Lists,
    scripts: Vec<Option<&'static str>>,
}

impl<'a> Checker<'a> {
    pub fn new(site: &'a Site, strict: bool) -> Checker<'a> {
        Checker {
            site,
            strict,
            lists: terms::Lists::load(site),
            scripts: site
                .locales
                .iter()
                .map(|l| language::locale_script(&l.icu))
                .collect(),
        }
    }

    /// What is wrong with the campaign's term lists themselves.
    pub fn list_diagnostics(&self) -> Vec<Diagnostic> {
        self.lists.diags.clone()
    }

    /// The checks of one page, from its Markdown `events` ([`super::page_events`]).
    pub fn check_page(
        &self,
        page: &Page,
        events: &[(Event, Range<usize>)],
        out: &mut Vec<Diagnostic>,
    ) {
        if page.front.untranslated {
            return;
        }
        let cx = Ctx {
            site: self.site,
            page,
            tag: &self.site.locales[page.locale].tag,
            script: self.scripts[page.locale],
            terms: &self.lists.by_locale[page.locale],
            strict: self.strict,
        };
        front::title(&cx, out);
        front::review(&cx, out);
        let blocks = body(&cx, events, out);
        if let Some(script) = cx.script {
            for b in &blocks {
                language::unmarked_language(&cx, b, script, out);
            }
        }
        inclusive::inclusive_terms(&cx, &blocks, out);
    }
}

/// The same checks for the pages at some paths only (every locale): `herald serve` runs
/// them on the pages an edit changed before writing them.
pub fn check_pages(site: &Site, strict: bool, paths: &[String]) -> Vec<Diagnostic> {
    let checker = Checker::new(site, strict);
    site.pages
        .par_iter()
        .filter(|p| paths.contains(&p.path))
        .flat_map_iter(|page| {
            let mut out = Vec::new();
            let events = super::page_events(page);
            if !super::too_deep(site, page, &events, &mut out) {
                checker.check_page(page, &events, &mut out);
            }
            out
        })
        .collect()
}

pub(crate) struct LinkState {
    start: usize,
    link_type: LinkType,
    dest: String,
    text: String,
    image: bool,
}

/// Walks the page body: structural checks on the way, and the text of every block for the
/// term and language checks.
fn body(cx: &Ctx, events: &[(Event, Range<usize>)], out: &mut Vec<Diagnostic>) -> Vec<Vec<TChar>> {
    let page = cx.page;
    let base = page.body_start;
    let src = page.body();

    let mut blocks: Vec<Vec<TChar>> = Vec::new();
    let mut cur: Vec<TChar> = Vec::new();
    // Open raw-HTML elements: (name, has `lang`, is `<cite>`, is code).
    let mut stack: a11y::HtmlStack = Vec::new();
    let mut code = 0usize;
    let mut url_link = 0usize;
    let mut link: Option<LinkState> = None;
    let mut images: Vec<(usize, String)> = Vec::new();
    let mut prev_level = 1u8;
    let mut head: Option<(usize, bool)> = None;
    let mut table_start = 0usize;
    let mut html_block: Vec<(String, usize)> = Vec::new();

    macro_rules! flush {
        () => {
            if !cur.is_empty() {
                blocks.push(std::mem::take(&mut cur));
            }
        };
    }

    for (i, (ev, range)) in events.iter().enumerate() {
        let at = base + range.start;
        let flags = |stack: &[(String, bool, bool, bool)]| {
            (
                stack.iter().any(|s| s.1),
                stack.iter().any(|s| s.2),
                stack.iter().any(|s| s.3),
            )
        };
        match ev {
            Event::Start(tag) => {
                if !inline_tag(tag) {
                    flush!();
                }
                match tag {
                    Tag::Heading { level, .. } => {
                        a11y::heading(cx, level_num(*level), &mut prev_level, at, out);
                    }
                    Tag::CodeBlock(_) => code += 1,
                    Tag::HtmlBlock => html_block.clear(),
                    Tag::Table(_) => table_start = at,
                    Tag::TableHead => head = Some((table_start, false)),
                    Tag::Link {
                        link_type,
                        dest_url,
                        ..
                    } => {
                        if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                            url_link += 1;
                            cur.push(brk(at));
                        }
                        link = Some(LinkState {
                            start: at,
                            link_type: *link_type,
                            dest: dest_url.to_string(),
                            text: String::new(),
                            image: false,
                        });
                    }
                    Tag::Image { .. } => {
                        images.push((at, String::new()));
                        if let Some(l) = &mut link {
                            l.image = true;
                        }
                        cur.push(brk(at));
                    }
                    _ => {}
                }
            }
            Event::End(tag) => {
                if !inline_tag_end(tag) {
                    flush!();
                }
                match tag {
                    TagEnd::CodeBlock => code = code.saturating_sub(1),
                    TagEnd::HtmlBlock => {
                        let text: String = html_block.iter().map(|(t, _)| t.as_str()).collect();
                        let pos = |k: usize| {
                            let mut acc = 0;
                            for (t, off) in &html_block {
                                if k < acc + t.len() {
                                    return off + (k - acc);
                                }
                                acc += t.len();
                            }
                            html_block.first().map_or(at, |(_, o)| *o)
                        };
                        a11y::raw_html(cx, &text, pos, &[], &mut stack, out);
                    }
                    TagEnd::TableHead => {
                        if let Some((start, false)) = head {
                            out.push(cx.at(
                                Diagnostic::warning("table-header", "this table's header row is empty"),
                                start,
                            ).help("Write in each cell of the first row what its column holds (for example `| Warning sign | What you can do |`): screen readers read the header before each cell, and without it the table is a list of words."));
                        }
                        head = None;
                    }
                    TagEnd::Link => {
                        if let Some(l) = link.take() {
                            a11y::vague_link(cx, &l, out);
                            if matches!(l.link_type, LinkType::Autolink | LinkType::Email) {
                                url_link = url_link.saturating_sub(1);
                            }
                        }
                    }
                    TagEnd::Image => {
                        if let Some((start, alt)) = images.pop() {
                            if let Some(l) = &mut link {
                                l.text.push_str(&alt);
                            }
                            if let Some(outer) = images.last_mut() {
                                outer.1.push_str(&alt);
                            } else {
                                a11y::image_alt(cx, start, &alt, &events[i + 1..], out);
                            }
                        }
                        cur.push(brk(at));
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if code > 0 {
                    continue;
                }
                if let Some((_, h)) = &mut head {
                    *h |= !t.trim().is_empty();
                }
                if let Some(img) = images.last_mut() {
                    img.1.push_str(t);
                } else if let Some(l) = &mut link {
                    l.text.push_str(t);
                }
                if url_link > 0 {
                    continue;
                }
                let (lang, cite, in_code) = flags(&stack);
                if in_code {
                    cur.push(brk(at));
                    continue;
                }
                let exact = is_exact(src, range, t);
                push_text(&mut cur, t, at, exact, lang, cite);
            }
            Event::Code(t) => {
                if let Some((_, h)) = &mut head {
                    *h |= !t.trim().is_empty();
                }
                if let Some(img) = images.last_mut() {
                    img.1.push_str(t);
                } else if let Some(l) = &mut link {
                    l.text.push_str(t);
                }
                cur.push(brk(at));
            }
            Event::InlineHtml(t) => {
                if let Some((_, h)) = &mut head {
                    *h |= t.contains("<img");
                }
                let exact = is_exact(src, range, t);
                a11y::raw_html(
                    cx,
                    t,
                    |k| if exact { at + k } else { at },
                    &events[i + 1..],
                    &mut stack,
                    out,
                );
                cur.push(brk(at));
            }
            Event::Html(t) => {
                let exact = is_exact(src, range, t);
                html_block.push((t.to_string(), at));
                if !exact {
                    // Offsets inside the line are unknown: point at its start.
                    let last = html_block.last_mut().expect("just pushed");
                    last.1 = at;
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if code == 0 && url_link == 0 {
                    let (lang, cite, _) = flags(&stack);
                    cur.push(TChar {
                        c: ' ',
                        off: at as u32,
                        lang,
                        cite,
                    });
                }
                if let Some(l) = &mut link {
                    l.text.push(' ');
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => cur.push(brk(at)),
            _ => {}
        }
    }
    flush!();
    blocks
}

fn brk(off: usize) -> TChar {
    TChar {
        c: BREAK,
        off: off as u32,
        lang: false,
        cite: false,
    }
}

fn inline_tag(t: &Tag) -> bool {
    matches!(
        t,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn inline_tag_end(t: &TagEnd) -> bool {
    matches!(
        t,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn level_num(l: HeadingLevel) -> u8 {
    l as u8
}

/// Whether an event's text `t` is the file's text at `range` as it is (not unescaped or
/// joined). Text borrowed from the file where the event says it is, nearly all of it, is
/// told without comparing it byte for byte.
fn is_exact(src: &str, range: &Range<usize>, t: &str) -> bool {
    src.get(range.clone())
        .is_some_and(|s| (s.as_ptr() == t.as_ptr() && s.len() == t.len()) || s == t)
}

/// A word that is a web or e-mail address: left out of the text the checks read.
pub(crate) fn looks_like_url(tok: &str) -> bool {
    // Every address has one of these; most words have none, and are answered here.
    if !tok.bytes().any(|b| matches!(b, b':' | b'@' | b'.')) {
        return false;
    }
    let t = tok.trim_matches(|c: char| !letters::is_alnum(c) && c != '/');
    let prefix = |p: &str| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    // memmem: `str::contains` sets up a Two-Way search for each of these short words.
    memchr::memmem::find(t.as_bytes(), b"://").is_some()
        || prefix("www.")
        || prefix("mailto:")
        || prefix("tel:")
        || t.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
}

/// Appends the characters of `t`, which starts at file offset `at` (each at its own offset if
/// `exact`, that is if `t` is the file's text as it is), to `cur`; a word that is a web or
/// e-mail address goes in as one [`BREAK`].
pub(crate) fn push_text(
    cur: &mut Vec<TChar>,
    t: &str,
    at: usize,
    exact: bool,
    lang: bool,
    cite: bool,
) {
    // Building this text was a tenth of a build's instructions, one character at a time.
    // So the rare address is found first, from the few bytes any address has, and the text
    // around it goes in by runs, a run of ASCII without decoding or a check per character.
    // A character's offset is its start's plus its byte in `t`, masked off if not exact.
    let mask = if exact { u32::MAX } else { 0 };
    let off = |i: usize| at + (i & mask as usize);
    let run = |cur: &mut Vec<TChar>, from: usize, to: usize| {
        push_run(cur, &t[from..to], off(from) as u32, mask, lang, cite)
    };
    cur.reserve(t.len());
    let mut done = 0;
    let mut from = 0;
    while let Some(k) = memchr::memchr3(b':', b'@', b'.', &t.as_bytes()[from..]) {
        let (start, end) = word_around(t, from + k);
        if looks_like_url(&t[start..end]) {
            run(cur, done, start);
            cur.push(brk(off(start)));
            done = end;
        }
        from = end;
    }
    run(cur, done, t.len());
}

/// The byte range of the word (characters between whitespace) of `t` that holds byte `i`.
fn word_around(t: &str, i: usize) -> (usize, usize) {
    let start = t[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(j, c)| j + c.len_utf8());
    let end = t[i..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(t.len(), |(j, _)| i + j);
    (start, end)
}

/// Appends every character of `s`, the one at byte `i` with offset `off + (i & mask)`.
fn push_run(cur: &mut Vec<TChar>, s: &str, off: u32, mask: u32, lang: bool, cite: bool) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b.is_ascii() {
            b as char
        } else {
            s[i..].chars().next().expect("on a character boundary")
        };
        cur.push(TChar {
            c,
            off: off + (i as u32 & mask),
            lang,
            cite,
        });
        i += c.len_utf8();
    }
}

pub(crate) fn snippet(chars: impl Iterator<Item = char>) -> String {
    let s: String = chars
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let s = s
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if s.chars().count() > 48 {
        format!("{}…", s.chars().take(45).collect::<String>().trim_end())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::{brk, looks_like_url, push_text, TChar};

    /// The character-at-a-time version `push_text` replaced: the reference it must agree with.
    fn one_by_one(cur: &mut Vec<TChar>, t: &str, at: usize, exact: bool, lang: bool, cite: bool) {
        let off = |i: usize| if exact { at + i } else { at };
        let mut word: Option<(usize, usize)> = None;
        for (i, c) in t.char_indices() {
            if c.is_whitespace() {
                if let Some((start, first)) = word.take() {
                    if looks_like_url(&t[start..i]) {
                        cur.truncate(first);
                        cur.push(brk(off(start)));
                    }
                }
            } else if word.is_none() {
                word = Some((i, cur.len()));
            }
            cur.push(TChar {
                c,
                off: off(i) as u32,
                lang,
                cite,
            });
        }
        if let Some((start, first)) = word {
            if looks_like_url(&t[start..]) {
                cur.truncate(first);
                cur.push(brk(off(start)));
            }
        }
    }

    #[test]
    fn block_text_is_read_by_runs_as_it_was_one_character_at_a_time() {
        let texts = [
            "",
            "Work contract wage. Passport visa: employer.",
            "see https://example.org/a.b and www.x.org, or mail help@example.org.",
            "mailto:a@b.c",
            "tel:+44 20 7946 0000 …",
            "عمل عقد أجر. جواز https://example.org/ar تأشيرة",
            "travail\u{a0}contrat\u{2003}salaire www.a.fr\u{a0}santé",
            "a.b\u{3000}c@d.e\u{85}x:y",
            "   leading and trailing   ",
            "日本語のテキスト。https://例え.jp/パス 終わり",
            "trailing address www.example.org",
            "naïve café: résumé.",
        ];
        for t in texts {
            for (exact, lang, cite) in [(true, false, false), (false, true, true)] {
                let (mut a, mut b) = (vec![brk(3)], vec![brk(3)]);
                push_text(&mut a, t, 100, exact, lang, cite);
                one_by_one(&mut b, t, 100, exact, lang, cite);
                let key = |v: &[TChar]| -> Vec<(char, u32, bool, bool)> {
                    v.iter().map(|c| (c.c, c.off, c.lang, c.cite)).collect()
                };
                assert_eq!(key(&a), key(&b), "{t:?} exact={exact}");
            }
        }
    }
}
