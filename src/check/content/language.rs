//! `unmarked-language`: a run of at least three words in another script than the page's
//! (Latin in an Arabic page, Arabic in a French page) that is not inside an element with a
//! `lang` attribute. Text in another language of the same script (English in a French
//! page) cannot be told apart reliably and is not reported.

use super::letters::is_alnum;
use super::{snippet, Ctx, TChar, BREAK};
use crate::diagnostics::Diagnostic;
use icu_locale::LocaleExpander;

/// Fewer words than this in another script are taken for names ("WhatsApp", "Migrant
/// Voices") and not reported.
pub const MIN_WORDS: usize = 3;

/// The ISO 15924 script a locale is written in, from CLDR's likely subtags (`ar` → `Arab`,
/// `fr` → `Latn`, `sr-Latn` → `Latn`).
pub fn locale_script(locale: &icu_locale::Locale) -> Option<&'static str> {
    let mut id = locale.id.clone();
    LocaleExpander::new_common().maximize(&mut id);
    let code = id.script?;
    KNOWN.iter().copied().find(|s| *s == code.as_str())
}

const KNOWN: [&str; 39] = [
    "Latn", "Grek", "Cyrl", "Armn", "Hebr", "Arab", "Syrc", "Thaa", "Nkoo", "Deva", "Beng", "Guru",
    "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Thai", "Laoo", "Tibt", "Mymr", "Geor",
    "Hang", "Ethi", "Cans", "Khmr", "Mong", "Tfng", "Hira", "Kana", "Hani", "Vaii", "Jpan", "Kore",
    "Hans", "Hant", "Adlm",
];

/// The script of a letter, by Unicode block; `None` for digits, punctuation and symbols.
pub fn char_script(c: char) -> Option<&'static str> {
    if !c.is_alphabetic() {
        return None;
    }
    block_script(c)
}

/// The script of the Unicode block `c` is in, letter or not.
fn block_script(c: char) -> Option<&'static str> {
    let u = c as u32;
    Some(match u {
        0x41..=0x5A | 0x61..=0x7A | 0xAA | 0xBA | 0xC0..=0x24F | 0x250..=0x2AF => "Latn",
        0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => "Latn",
        0xAB30..=0xAB6F | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => "Latn",
        0x370..=0x3FF | 0x1F00..=0x1FFF => "Grek",
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => "Cyrl",
        0x530..=0x58F => "Armn",
        0x590..=0x5FF | 0xFB1D..=0xFB4F => "Hebr",
        0x600..=0x6FF | 0x750..=0x77F | 0x870..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => "Arab",
        0x700..=0x74F => "Syrc",
        0x780..=0x7BF => "Thaa",
        0x7C0..=0x7FF => "Nkoo",
        0x900..=0x97F => "Deva",
        0x980..=0x9FF => "Beng",
        0xA00..=0xA7F => "Guru",
        0xA80..=0xAFF => "Gujr",
        0xB00..=0xB7F => "Orya",
        0xB80..=0xBFF => "Taml",
        0xC00..=0xC7F => "Telu",
        0xC80..=0xCFF => "Knda",
        0xD00..=0xD7F => "Mlym",
        0xD80..=0xDFF => "Sinh",
        0xE00..=0xE7F => "Thai",
        0xE80..=0xEFF => "Laoo",
        0xF00..=0xFFF => "Tibt",
        0x1000..=0x109F => "Mymr",
        0x10A0..=0x10FF | 0x2D00..=0x2D2F | 0x1C90..=0x1CBF => "Geor",
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => "Hang",
        0x1200..=0x139F | 0x2D80..=0x2DDF | 0xAB00..=0xAB2F => "Ethi",
        0x1400..=0x167F => "Cans",
        0x1780..=0x17FF => "Khmr",
        0x1800..=0x18AF => "Mong",
        0x2D30..=0x2D7F => "Tfng",
        0x3040..=0x309F => "Hira",
        0x30A0..=0x30FF | 0x31F0..=0x31FF => "Kana",
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => "Hani",
        0xA500..=0xA63F => "Vaii",
        0x1E900..=0x1E95F => "Adlm",
        _ => return None,
    })
}

/// Whether letters of script `s` belong in a page written in `page`.
pub fn accepts(page: &str, s: &str) -> bool {
    page == s
        || match page {
            "Jpan" => matches!(s, "Hira" | "Kana" | "Hani"),
            "Kore" => matches!(s, "Hang" | "Hani"),
            "Hans" | "Hant" => s == "Hani",
            _ => false,
        }
}

pub fn script_name(s: &str) -> &'static str {
    match s {
        "Latn" => "Latin",
        "Grek" => "Greek",
        "Cyrl" => "Cyrillic",
        "Armn" => "Armenian",
        "Hebr" => "Hebrew",
        "Arab" => "Arabic",
        "Syrc" => "Syriac",
        "Thaa" => "Thaana",
        "Nkoo" => "N'Ko",
        "Deva" => "Devanagari",
        "Beng" => "Bengali",
        "Guru" => "Gurmukhi",
        "Gujr" => "Gujarati",
        "Orya" => "Odia",
        "Taml" => "Tamil",
        "Telu" => "Telugu",
        "Knda" => "Kannada",
        "Mlym" => "Malayalam",
        "Sinh" => "Sinhala",
        "Thai" => "Thai",
        "Laoo" => "Lao",
        "Tibt" => "Tibetan",
        "Mymr" => "Myanmar",
        "Geor" => "Georgian",
        "Hang" | "Kore" => "Korean",
        "Ethi" => "Ethiopic",
        "Cans" => "Canadian Aboriginal syllabics",
        "Khmr" => "Khmer",
        "Mong" => "Mongolian",
        "Tfng" => "Tifinagh",
        "Hira" | "Kana" | "Jpan" => "Japanese",
        "Hani" | "Hans" | "Hant" => "Chinese (Han)",
        "Vaii" => "Vai",
        "Adlm" => "Adlam",
        _ => "another",
    }
}

/// Characters that end a run of words: clause and sentence punctuation, brackets, slashes.
/// Quotes, hyphens and apostrophes do not (a quoted title is one run).
fn breaks_run(c: char) -> bool {
    c == BREAK
        || matches!(
            c,
            ',' | ';'
                | ':'
                | '.'
                | '!'
                | '?'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '/'
                | '\\'
                | '|'
                | '@'
                | '•'
                | '·'
                | '–'
                | '—'
                | '…'
                | '،'
                | '؛'
                | '؟'
                | '۔'
                | '。'
                | '、'
                | '！'
                | '？'
                | '='
                | '+'
                | '<'
                | '>'
        )
}

/// Letters in a word: alphanumerics, and `'`, `’` or `-` between two of them.
fn word_char(block: &[TChar], i: usize) -> bool {
    let c = block[i].c;
    if is_alnum(c) {
        return true;
    }
    matches!(c, '\'' | '’' | '-' | '\u{200C}' | '\u{200D}')
        && i > 0
        && is_alnum(block[i - 1].c)
        && block.get(i + 1).is_some_and(|n| is_alnum(n.c))
}

/// Whether `block` has a letter of a script that `page` does not accept. Nearly every block
/// has none, and this answers it with a range test per character where the run search asks
/// Unicode's letter tables twice per character (that search was a fifth of the content
/// checks of a large campaign).
fn may_be_foreign(block: &[TChar], page: &str) -> bool {
    let latin = accepts(page, "Latn");
    let own = script_index(page);
    let low = low_scripts();
    block.iter().any(|t| {
        if t.c.is_ascii() {
            return !latin && t.c.is_ascii_alphabetic();
        }
        match low.get(t.c as usize) {
            // Below U+0800 (Latin to N'Ko, Arabic among them): a table read, and the page's
            // own script told by its index, not by comparing names.
            Some(&0) => false,
            Some(&k) if Some(k) == own => false,
            Some(&k) => !accepts(page, KNOWN[k as usize - 1]) && t.c.is_alphabetic(),
            None => block_script(t.c).is_some_and(|s| !accepts(page, s) && t.c.is_alphabetic()),
        }
    })
}

/// 1 + the index of `script` in [`KNOWN`].
fn script_index(script: &str) -> Option<u8> {
    KNOWN.iter().position(|k| *k == script).map(|i| i as u8 + 1)
}

/// [`block_script`] of each of the first 0x800 code points, as [`script_index`] (0 for
/// none), computed once from `block_script` itself. An Arabic page asks it of every one of
/// its characters, and the range match with a name comparison after it was 2 % of a build.
fn low_scripts() -> &'static [u8; 0x800] {
    static TABLE: std::sync::OnceLock<[u8; 0x800]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u8; 0x800];
        for (u, slot) in t.iter_mut().enumerate() {
            let s = char::from_u32(u as u32).and_then(block_script);
            *slot = s.and_then(script_index).unwrap_or(0);
        }
        t
    })
}

/// A run of words in a foreign script: indices into the block (end exclusive) and script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    pub words: usize,
    pub script: &'static str,
}

/// The runs of at least [`MIN_WORDS`] words in a script other than `page`'s, outside
/// language-marked elements.
pub fn foreign_runs(block: &[TChar], page: &str) -> Vec<Run> {
    let mut out = Vec::new();
    if !may_be_foreign(block, page) {
        return out;
    }
    let mut run: Option<Run> = None;
    let finish = |run: &mut Option<Run>, out: &mut Vec<Run>| {
        if let Some(r) = run.take() {
            if r.words >= MIN_WORDS {
                out.push(r);
            }
        }
    };
    let mut i = 0;
    while i < block.len() {
        if !word_char(block, i) {
            if block[i].lang || breaks_run(block[i].c) {
                finish(&mut run, &mut out);
            }
            i += 1;
            continue;
        }
        let start = i;
        let mut marked = false;
        let mut script = None;
        while i < block.len() && word_char(block, i) {
            marked |= block[i].lang;
            script = script.or_else(|| char_script(block[i].c));
            // Han and kana are written without spaces: every character counts as a word.
            if matches!(script, Some("Hani" | "Hira" | "Kana")) {
                i += 1;
                break;
            }
            i += 1;
        }
        match (marked, script) {
            (true, _) => finish(&mut run, &mut out),
            (false, None) => {}
            (false, Some(s)) if accepts(page, s) => finish(&mut run, &mut out),
            (false, Some(s)) => match &mut run {
                Some(r) if r.script == s => {
                    r.words += 1;
                    r.end = i;
                }
                _ => {
                    finish(&mut run, &mut out);
                    run = Some(Run {
                        start,
                        end: i,
                        words: 1,
                        script: s,
                    });
                }
            },
        }
    }
    finish(&mut run, &mut out);
    out
}

pub(super) fn unmarked_language(
    cx: &Ctx,
    block: &[TChar],
    script: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    for run in foreign_runs(block, script) {
        let text = snippet(block[run.start..run.end].iter().map(|t| t.c));
        let other = script_name(run.script);
        let lang = cx
            .site
            .locales
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != cx.page.locale)
            .find(|(_, l)| locale_script(&l.icu) == Some(run.script))
            .map_or("en", |(_, l)| l.tag.as_str());
        let rtl = matches!(
            run.script,
            "Arab" | "Hebr" | "Syrc" | "Thaa" | "Nkoo" | "Adlm"
        );
        let dir = match (rtl, cx.site.locales[cx.page.locale].rtl) {
            (true, false) => " dir=\"rtl\"",
            (false, true) => " dir=\"ltr\"",
            _ => "",
        };
        out.push(cx.at(
            Diagnostic::warning("unmarked-language", format!(
                "“{text}” is written in {other} script, not in the {} script of this page, and is not marked with its language",
                script_name(script)
            )),
            block[run.start].off as usize,
        ).help(format!(
            "Translate it, or mark its language so that screen readers pronounce it with the right voice: `<span lang=\"{lang}\"{dir}>{text}</span>` (use the code of the language the words are in). Names of one or two words need no mark."
        )));
    }
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

    fn runs(s: &str, page: &str) -> Vec<String> {
        let b = block(s);
        foreign_runs(&b, page)
            .iter()
            .map(|r| b[r.start..r.end].iter().map(|t| t.c).collect())
            .collect()
    }

    #[test]
    fn three_words_in_another_script() {
        assert_eq!(
            runs("اتصل بنا عبر WhatsApp أو Viber.", "Arab"),
            Vec::<String>::new()
        );
        assert_eq!(
            runs("شركاؤنا Migrant Voices و Workers Union.", "Arab"),
            Vec::<String>::new()
        );
        assert_eq!(
            runs("اقرأ Global Compact for Migration اليوم", "Arab"),
            vec!["Global Compact for Migration"]
        );
        assert_eq!(
            runs("Appelez le مركز المساعدة القانونية المجاني", "Latn"),
            vec!["مركز المساعدة القانونية المجاني"]
        );
        // Numbers and quotes do not break a run; commas do.
        assert_eq!(runs("هذا \"Safe Journey 2026 Guide\"", "Arab").len(), 1);
        assert!(runs("Red Cross, Red Crescent", "Cyrl").is_empty());
        assert!(runs("plain English in a French page", "Latn").is_empty());
    }

    #[test]
    fn scripts_of_locales() {
        let s = |t: &str| locale_script(&t.parse().unwrap());
        assert_eq!(s("ar"), Some("Arab"));
        assert_eq!(s("fr"), Some("Latn"));
        assert_eq!(s("es-419"), Some("Latn"));
        assert_eq!(s("ru"), Some("Cyrl"));
        assert_eq!(s("sr-Latn"), Some("Latn"));
        assert_eq!(s("fa"), Some("Arab"));
        assert_eq!(char_script('é'), Some("Latn"));
        for u in 0..0x800u32 {
            let s = char::from_u32(u).and_then(block_script);
            let k = low_scripts()[u as usize];
            assert_eq!((k != 0).then(|| KNOWN[k as usize - 1]), s, "U+{u:04X}");
        }
        assert_eq!(char_script('ع'), Some("Arab"));
        assert_eq!(char_script('٣'), None);
    }
}
