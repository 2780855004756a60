//! `non-inclusive-term`: term lists per locale and whole-word, case-insensitive matching.
//!
//! Herald ships a list for en, fr, es and ar (`src/check/terms/<lang>.yaml`, chosen by the
//! locale's language subtag); a campaign's `locales/<locale>/terms.yaml` adds entries,
//! replaces a shipped entry that has one of the same terms, or removes one with
//! `remove: true`. Each entry:
//!
//! ```yaml
//! - term: [illegal migrant, illegal immigrant]   # one term, or several forms
//!   suggestion: undocumented migrant, or migrant in an irregular situation
//!   why: A person cannot be illegal; only acts are.
//! ```
//!
//! In a term, a space matches any run of spaces or a line break, and `*` matches the
//! letters of one word (`*·*`: any word with a median dot).

use super::{TChar, BREAK};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use serde::Deserialize;
use std::collections::HashMap;

const SHIPPED: [(&str, &str); 4] = [
    ("en", include_str!("../terms/en.yaml")),
    ("fr", include_str!("../terms/fr.yaml")),
    ("es", include_str!("../terms/es.yaml")),
    ("ar", include_str!("../terms/ar.yaml")),
];

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    term: OneOrMany,
    #[serde(default)]
    suggestion: Option<String>,
    #[serde(default)]
    why: Option<String>,
    #[serde(default)]
    remove: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pat {
    Char(char),
    Space,
    Star,
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// The forms as written in the list; the first is the entry's name.
    pub forms: Vec<String>,
    /// The forms normalised (see [`normalize`]), for `allow_terms` and overrides.
    keys: Vec<String>,
    pats: Vec<Vec<Pat>>,
    pub suggestion: String,
    pub why: String,
}

impl Entry {
    fn wildcard(&self) -> bool {
        self.pats.iter().any(|p| p.contains(&Pat::Star))
    }
}

/// A locale's entries, indexed by the first character of each form: the matcher tries at
/// each word only the forms that can start there, not the whole list (on a large campaign
/// this check was a quarter of the build).
pub struct Terms {
    pub entries: Vec<Entry>,
    /// First character -> (entry, form), sorted by character.
    by_first: Vec<(char, Vec<(usize, usize)>)>,
    /// For the characters of the first [`DENSE`] code points (Latin, Greek, Cyrillic,
    /// Hebrew, Arabic): 1 + the index in `by_first`, or 0. Every word of every page is
    /// looked up, and a table read is a fifth of the binary search it replaces.
    dense: Vec<u32>,
    /// Forms that start with `*` or a space, tried everywhere: (entry, form, the first
    /// letter the form names). `*@s` can only match a word that has an `@`.
    anywhere: Vec<(usize, usize, Option<char>)>,
    /// The longest run of every form without a `*` (a space in it stands for any spaces): a
    /// block that contains none of them (as the matcher sees it, with its spaces made one)
    /// cannot hold a term, and most blocks hold none. `None` if a form names no letter.
    literals: Option<aho_corasick::AhoCorasick>,
    /// The same words for a SIMD search (Teddy), where the CPU and their number allow.
    packed: Option<aho_corasick::packed::Searcher>,
}

impl Terms {
    pub fn new(entries: Vec<Entry>) -> Terms {
        let mut by_first: HashMap<char, Vec<(usize, usize)>> = HashMap::new();
        let mut anywhere = Vec::new();
        for (ei, e) in entries.iter().enumerate() {
            for (pi, p) in e.pats.iter().enumerate() {
                match p.first() {
                    Some(Pat::Char(c)) => by_first.entry(*c).or_default().push((ei, pi)),
                    _ => {
                        // The first letter named before any space: after a space it
                        // would be in a later word.
                        let needle =
                            p.iter()
                                .take_while(|x| **x != Pat::Space)
                                .find_map(|x| match x {
                                    Pat::Char(c) => Some(*c),
                                    _ => None,
                                });
                        anywhere.push((ei, pi, needle));
                    }
                }
            }
        }
        let literals: Option<Vec<String>> = entries
            .iter()
            .flat_map(|e| &e.pats)
            .map(|p| {
                // Spaces count: "derechos del hombre" is far rarer than "derechos".
                let run = p
                    .split(|x| *x == Pat::Star)
                    .max_by_key(|run| run.len())
                    .unwrap_or_default();
                let run: String = run
                    .iter()
                    .map(|x| match x {
                        Pat::Char(c) if !c.is_whitespace() => *c,
                        _ => ' ',
                    })
                    .collect();
                (!run.trim().is_empty()).then_some(run)
            })
            .collect();
        // Built from a handful of words: it cannot fail, and failing would only skip the
        // shortcut.
        let packed = literals
            .as_ref()
            .and_then(aho_corasick::packed::Searcher::new);
        let literals = literals.and_then(|l| aho_corasick::AhoCorasick::new(l).ok());
        let mut by_first: Vec<_> = by_first.into_iter().collect();
        by_first.sort_by_key(|(c, _)| *c);
        let mut dense = vec![0u32; DENSE];
        for (i, (c, _)) in (1u32..).zip(&by_first) {
            if let Some(slot) = dense.get_mut(*c as usize) {
                *slot = i;
            }
        }
        Terms {
            entries,
            by_first,
            dense,
            anywhere,
            literals,
            packed,
        }
    }

    /// Whether `block` may hold a term: `false` means [`find`] would find none there. `buf`
    /// is reused from block to block. Cheaper than [`norm_block`], which only blocks that
    /// pass need.
    pub fn may_match(&self, block: &[TChar], buf: &mut Vec<u8>) -> bool {
        let Some(ac) = &self.literals else {
            return !self.entries.is_empty();
        };
        buf.clear();
        buf.reserve(block.len());
        // A space in a form matches any run of spaces (and line breaks): here they are one.
        // Bytes, not a `String`, and ASCII (nearly all of it) handled in the loop itself:
        // this runs over every character of every page.
        let mut space = false;
        for t in block {
            let c = if t.cite { BREAK } else { t.c };
            if c.is_ascii() {
                let b = c as u8;
                if b.is_ascii_whitespace() || b == 0x0b {
                    if !space {
                        buf.push(b' ');
                        space = true;
                    }
                } else {
                    buf.push(b.to_ascii_lowercase());
                    space = false;
                }
            } else {
                norm_char(c, |n| push_norm(buf, &mut space, n));
            }
        }
        match &self.packed {
            Some(p) => p.find(buf.as_slice()).is_some(),
            None => ac.is_match(buf.as_slice()),
        }
    }

    /// The (entry, form) pairs whose form starts with `c`.
    fn starting_with(&self, c: char) -> &[(usize, usize)] {
        let i = match self.dense.get(c as usize) {
            Some(0) => return &[],
            Some(&k) => k as usize - 1,
            None => match self.by_first.binary_search_by_key(&c, |(f, _)| *f) {
                Ok(i) => i,
                Err(_) => return &[],
            },
        };
        &self.by_first[i].1
    }
}

/// [`Terms::may_match`]'s text: `n` added, a run of spaces kept as one.
fn push_norm(buf: &mut Vec<u8>, space: &mut bool, n: char) {
    if n.is_whitespace() {
        if !*space {
            buf.push(b' ');
            *space = true;
        }
    } else {
        buf.extend_from_slice(n.encode_utf8(&mut [0; 4]).as_bytes());
        *space = false;
    }
}

/// Code points below this have their entry in [`Terms::dense`].
const DENSE: usize = 0x800;

impl std::ops::Deref for Terms {
    type Target = [Entry];
    fn deref(&self) -> &[Entry] {
        &self.entries
    }
}

/// The terms that apply to each locale of the campaign, by locale index.
pub struct Lists {
    pub by_locale: Vec<Terms>,
    pub diags: Vec<Diagnostic>,
}

/// Lower case, Arabic short vowels and tatweel dropped, typographic apostrophes and odd
/// spaces made plain, so that matching ignores them.
fn norm_char(c: char, mut push: impl FnMut(char)) {
    match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
        '’' | 'ʼ' | '‘' => push('\''),
        '\u{00A0}' | '\u{202F}' | '\u{2009}' => push(' '),
        '\u{2027}' | '\u{22C5}' | '\u{2022}' => push('·'),
        _ => super::letters::lower(c, push),
    }
}

pub fn normalize(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        norm_char(c, |n| out.push(n));
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pattern(form: &str) -> Vec<Pat> {
    let mut out = Vec::new();
    for c in normalize(form).chars() {
        out.push(match c {
            '*' => Pat::Star,
            c if c.is_whitespace() => Pat::Space,
            c => Pat::Char(c),
        });
    }
    out
}

fn parse(text: &str) -> Result<Vec<RawEntry>, serde_yaml_ng::Error> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    serde_yaml_ng::from_str(text)
}

fn entry(raw: RawEntry) -> Entry {
    let forms = match raw.term {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    };
    Entry {
        keys: forms.iter().map(|f| normalize(f)).collect(),
        pats: forms.iter().map(|f| pattern(f)).collect(),
        forms,
        suggestion: raw.suggestion.unwrap_or_default(),
        why: raw.why.unwrap_or_default(),
    }
}

/// The shipped list for a language subtag (`en`, `fr`, `es`, `ar`), if any.
fn shipped(lang: &str) -> Vec<Entry> {
    // Parsed once per process: `herald serve` checks the pages of every edit.
    static PARSED: std::sync::OnceLock<Vec<(&str, Vec<Entry>)>> = std::sync::OnceLock::new();
    let all = PARSED.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|(l, text)| {
                let list = parse(text)
                    .unwrap_or_else(|e| panic!("src/check/terms/{l}.yaml: {e}"))
                    .into_iter()
                    .map(entry)
                    .collect();
                (*l, list)
            })
            .collect()
    });
    all.iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, list)| list.clone())
        .unwrap_or_default()
}

impl Lists {
    pub fn load(site: &Site) -> Lists {
        let mut diags = Vec::new();
        let by_locale = site
            .locales
            .iter()
            .map(|l| {
                let mut list = shipped(l.icu.id.language.as_str());
                let rel = format!("locales/{}/terms.yaml", l.tag);
                let Ok(text) = std::fs::read_to_string(site.root.join(&rel)) else {
                    return Terms::new(list);
                };
                let raw = match parse(&text) {
                    Ok(r) => r,
                    Err(e) => {
                        let mut d = Diagnostic::error(
                            "invalid-config",
                            format!("{rel} is not a valid term list: {e}"),
                        )
                        .file(&rel)
                        .locale(l.tag.clone())
                        .help("The file is a YAML list; each entry has `term:` (a word or phrase, or a list of them), `suggestion:` and `why:`, or `term:` and `remove: true` to drop a term Herald ships.");
                        let (line, column) = crate::load::yaml_error(&e, 0);
                        d.line = line;
                        d.column = column;
                        diags.push(d);
                        return Terms::new(list);
                    }
                };
                for r in raw {
                    let remove = r.remove;
                    let e = entry(r);
                    list.retain(|old| !old.keys.iter().any(|k| e.keys.contains(k)));
                    if !remove {
                        if e.suggestion.trim().is_empty() {
                            diags.push(
                                Diagnostic::error(
                                    "invalid-config",
                                    format!("the term `{}` in {rel} has no suggestion", e.forms.join(", ")),
                                )
                                .file(&rel)
                                .locale(l.tag.clone())
                                .help("Add `suggestion:` (what to write instead) and `why:` to the entry, or `remove: true` to stop flagging the term."),
                            );
                            continue;
                        }
                        list.push(e);
                    }
                }
                Terms::new(list)
            })
            .collect();
        Lists { by_locale, diags }
    }
}

/// One found term: indices into the normalised text (end exclusive) and the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// The text of a block as the matcher sees it, and where each of its characters came from.
pub struct Norm<'a> {
    block: &'a [TChar],
    pub text: Vec<char>,
    /// The index in the block of the character each of `text` was made from; `None` while
    /// that is its own index (each character made exactly one), as in most blocks.
    from: Option<Vec<u32>>,
}

impl Norm<'_> {
    fn source(&self, i: usize) -> &TChar {
        let k = self.from.as_ref().map_or(i, |f| f[i] as usize);
        &self.block[k]
    }
    /// The file offset of the character `text[i]` was made from.
    pub fn off(&self, i: usize) -> usize {
        self.source(i).off as usize
    }
    /// The character as written that `text[i]` was made from.
    pub fn written_at(&self, i: usize) -> char {
        self.source(i).c
    }
    /// The characters as written that `text[range]` was made from.
    pub fn written(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = char> + '_ {
        range.map(|i| self.written_at(i))
    }
}

/// The text of a block as the matcher sees it; `<cite>` text is left out (titles are cited
/// as they are).
pub fn norm_block(block: &[TChar]) -> Norm<'_> {
    let mut text = Vec::with_capacity(block.len());
    let mut from: Option<Vec<u32>> = None;
    for (k, t) in (0u32..).zip(block) {
        let c = if t.cite { BREAK } else { t.c };
        if c.is_ascii() {
            text.push(c.to_ascii_lowercase());
            if let Some(f) = &mut from {
                f.push(k);
            }
            continue;
        }
        let before = text.len();
        norm_char(c, |n| text.push(n));
        let made = text.len() - before;
        if from.is_none() && made != 1 {
            // The first character dropped or made two: from here on, say where each came from.
            from = Some((0..before as u32).collect());
        }
        if let Some(f) = &mut from {
            f.extend(std::iter::repeat_n(k, made));
        }
    }
    Norm { block, text, from }
}

/// Characters that continue a word: a term must not start or end next to one.
fn in_word(c: char) -> bool {
    super::letters::is_alnum(c) || matches!(c, '·' | '@')
}

/// Arabic proclitics written together with the next word (و، ف، ب، ك، ل): `والمهاجرين`
/// still contains the term `المهاجرين`.
fn arabic_prefix(p: &[char]) -> bool {
    matches!(
        p,
        ['و']
            | ['ف']
            | ['ب']
            | ['ك']
            | ['ل']
            | ['و', 'ب']
            | ['و', 'ل']
            | ['ف', 'ب']
            | ['ف', 'ل']
            | ['و', 'ك']
    )
}

fn match_at(text: &[char], i: usize, pat: &[Pat]) -> Option<usize> {
    let Some((first, rest)) = pat.split_first() else {
        return (i >= text.len() || !in_word(text[i])).then_some(i);
    };
    match first {
        Pat::Char(c) => (text.get(i) == Some(c)).then(|| match_at(text, i + 1, rest))?,
        Pat::Space => {
            let mut j = i;
            while j < text.len() && text[j].is_whitespace() {
                j += 1;
            }
            (j > i).then(|| match_at(text, j, rest))?
        }
        Pat::Star => {
            let mut k = i;
            while k < text.len() && in_word(text[k]) {
                k += 1;
            }
            (i + 1..=k).rev().find_map(|j| match_at(text, j, rest))
        }
    }
}

/// Every term of `entries` in `norm`, whole words only; where matches overlap, the one
/// that starts first wins, then the longest, then one without `*`.
pub fn find(terms: &Terms, norm: &Norm) -> Vec<Found> {
    let entries = &terms.entries;
    let text = &norm.text;
    let mut all = Vec::new();
    let mut w = 0;
    while w < text.len() {
        if !in_word(text[w]) {
            w += 1;
            continue;
        }
        let mut word_end = w + 1;
        // Whether the word is plain ASCII letters and digits: then a `*` form whose letter
        // is not one can only find it just after the word.
        let mut plain = text[w].is_ascii_alphanumeric();
        while word_end < text.len() && in_word(text[word_end]) {
            plain &= text[word_end].is_ascii_alphanumeric();
            word_end += 1;
        }
        // A start inside the word only after an Arabic proclitic, which begins with one of
        // these letters; any other word is tried at its first letter alone.
        let last_start = if matches!(text[w], 'و' | 'ف' | 'ب' | 'ك' | 'ل') {
            word_end.min(w + 3)
        } else {
            w + 1
        };
        for s in w..last_start {
            if s != w && !arabic_prefix(&text[w..s]) {
                continue;
            }
            let mut try_form = |ei: usize, pi: usize| {
                if let Some(end) = match_at(text, s, &entries[ei].pats[pi]) {
                    all.push(Found {
                        start: s,
                        end,
                        entry: ei,
                    });
                }
            };
            for &(ei, pi) in terms.starting_with(text[s]) {
                try_form(ei, pi);
            }
            // A `*` spans the letters of this word only, so the letter after it is in the
            // word or just after it.
            for &(ei, pi, needle) in &terms.anywhere {
                let reachable = needle.is_none_or(|n| {
                    if plain && !n.is_ascii_alphanumeric() {
                        text.get(word_end) == Some(&n)
                    } else {
                        text[s..(word_end + 1).min(text.len())].contains(&n)
                    }
                });
                if reachable {
                    try_form(ei, pi);
                }
            }
        }
        w = word_end;
    }
    all.sort_by_key(|f| {
        (
            f.start,
            std::cmp::Reverse(f.end),
            entries[f.entry].wildcard(),
        )
    });
    let mut out: Vec<Found> = Vec::new();
    for f in all {
        if out.last().is_none_or(|l| f.start >= l.end) {
            out.push(f);
        }
    }
    out
}

/// Whether `allow` (normalised `allow_terms` values) silences this match.
pub fn allowed(entry: &Entry, found_text: &str, allow: &[String]) -> bool {
    allow
        .iter()
        .any(|a| entry.keys.contains(a) || normalize(found_text) == *a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(s: &str) -> Vec<TChar> {
        s.char_indices()
            .map(|(off, c)| TChar {
                c,
                off: off as u32,
                lang: false,
                cite: false,
            })
            .collect()
    }

    fn found(lang: &str, s: &str) -> Vec<String> {
        let list = Terms::new(shipped(lang));
        let b = block(s);
        let n = norm_block(&b);
        let all = find(&list, &n);
        // The shortcut never hides a term.
        if !all.is_empty() {
            assert!(list.may_match(&b, &mut Vec::new()), "{s}");
        }
        all.iter()
            .map(|f| {
                format!(
                    "{}={}",
                    n.written(f.start..f.end).collect::<String>(),
                    list[f.entry].forms[0]
                )
            })
            .collect()
    }

    #[test]
    fn shipped_lists_parse_and_have_suggestions() {
        for (l, _) in SHIPPED {
            let list = shipped(l);
            assert!(list.len() >= 8, "{l}");
            for e in list {
                assert!(
                    !e.suggestion.is_empty() && !e.why.is_empty(),
                    "{l}: {:?}",
                    e.forms
                );
            }
        }
    }

    #[test]
    fn whole_words_case_insensitive() {
        assert_eq!(
            found("en", "The Chairman spoke."),
            vec!["Chairman=chairman"]
        );
        assert!(found("en", "The chairmanship").is_empty());
        assert_eq!(
            found("en", "help for Illegal\nmigrants today"),
            vec!["Illegal\nmigrants=illegal migrants"]
        );
        assert_eq!(
            found("fr", "Les migrants arrivent"),
            vec!["Les migrants=les migrants"]
        );
        assert!(found("fr", "les travailleurs migrants").is_empty());
        assert_eq!(found("fr", "un clandestin"), vec!["clandestin=clandestin"]);
    }

    /// Forms that start with `*` are tried only where the letter after it can be; one that
    /// goes on after a space must still be found in the next word.
    #[test]
    fn forms_starting_with_a_star() {
        let entries = |forms: &[&str]| {
            forms
                .iter()
                .map(|f| {
                    entry(RawEntry {
                        term: OneOrMany::One(f.to_string()),
                        suggestion: Some("x".into()),
                        why: None,
                        remove: false,
                    })
                })
                .collect::<Vec<_>>()
        };
        let list = Terms::new(entries(&["*@s", "* clandestins"]));
        let hits = |s: &str| {
            let b = block(s);
            let n = norm_block(&b);
            find(&list, &n)
                .iter()
                .map(|f| n.written(f.start..f.end).collect::<String>())
                .collect::<Vec<_>>()
        };
        assert_eq!(hits("todos los amig@s llegan"), vec!["amig@s"]);
        assert_eq!(
            hits("les travailleurs clandestins"),
            vec!["travailleurs clandestins"]
        );
        assert!(hits("amigos y amigas").is_empty());
    }

    #[test]
    fn blocks_without_a_term_word_are_skipped() {
        let list = Terms::new(shipped("en"));
        let may = |s: &str| list.may_match(&block(s), &mut Vec::new());
        assert!(!may("The committee met on Monday to plan the leaflets."));
        assert!(may("The CHAIRMAN spoke."));
        // A phrase is looked for whole, across any spaces and line breaks.
        assert!(!may("Illegal parking; migrants welcome."));
        assert!(may("no Illegal \n\t  migrants here"));
        // Quoted titles are cited as they are: a term inside <cite> is no reason to look.
        let mut b = block("chairman");
        b.iter_mut().for_each(|t| t.cite = true);
        assert!(!list.may_match(&b, &mut Vec::new()));
        let ar = Terms::new(shipped("ar"));
        // Short vowels do not hide an Arabic term from the shortcut either.
        assert!(ar.may_match(&block("ومهاجر غير شرعيٍّ"), &mut Vec::new()));
        assert!(!ar.may_match(&block("حقوق المهاجر في العمل"), &mut Vec::new()));
        let es = Terms::new(shipped("es"));
        assert!(!es.may_match(&block("Los derechos del trabajador"), &mut Vec::new()));
    }

    #[test]
    fn median_dot_forms() {
        assert_eq!(
            found("fr", "les travailleur·euse·s et les étudiant·es"),
            vec!["travailleur·euse·s=travailleur·euse·s", "étudiant·es=*·*"]
        );
        assert_eq!(found("fr", "payé·e"), vec!["payé·e=*·*"]);
        assert!(found("fr", "a · b").is_empty());
    }

    #[test]
    fn arabic_with_prefixes_and_vowels() {
        assert_eq!(
            found("ar", "حقوق المهاجرين غير الشرعيين"),
            vec!["المهاجرين غير الشرعيين=المهاجرون غير الشرعيين"]
        );
        assert_eq!(found("ar", "ومهاجر غير شرعيٍّ").len(), 1);
        assert!(found("ar", "مهاجر غير نظامي").is_empty());
    }
}
