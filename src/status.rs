//! Translation status: what each locale has, lacks and must update, built from the same
//! diagnostics `herald check` reports; plus `--accept` and `--scaffold` for translators.

use crate::check::messages::{self, LockEntry, Msg, LOCK_FILE, UNTRANSLATED_MARK};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{FtlFile, FtlOrigin, Site};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Counts {
    pub total: usize,
    pub translated: usize,
    pub missing: usize,
    pub stale: usize,
    pub untranslated: usize,
    /// Translated and up to date, in percent of `total`.
    pub percent: f64,
    /// Words of source text still to translate or re-check.
    pub words_to_do: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub code: &'static str,
    pub severity: Severity,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub message: String,
    pub help: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocaleStatus {
    pub locale: String,
    pub name: String,
    pub source: bool,
    pub pages: Counts,
    pub messages: Counts,
    /// Everything the locale's translator must do, grouped by file.
    pub tasks: BTreeMap<String, Vec<Task>>,
}

fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn counts(
    total: usize,
    missing: &BTreeSet<String>,
    stale: &BTreeSet<String>,
    copies: &BTreeSet<String>,
    words_of: impl Fn(&str) -> usize,
) -> Counts {
    let todo: BTreeSet<&String> = missing.iter().chain(stale).chain(copies).collect();
    let translated = total.saturating_sub(todo.len());
    Counts {
        total,
        translated,
        missing: missing.len(),
        stale: stale.len(),
        untranslated: copies.len(),
        percent: if total == 0 {
            100.0
        } else {
            (translated as f64 * 1000.0 / total as f64).round() / 10.0
        },
        words_to_do: todo.iter().map(|s| words_of(s)).sum(),
    }
}

/// The source locale's messages as the site uses them (campaign overriding theme).
fn source_messages(site: &Site) -> BTreeMap<String, Msg<'_>> {
    let mut map = BTreeMap::new();
    for origin in [FtlOrigin::Theme, FtlOrigin::Campaign] {
        for f in site
            .ftl
            .iter()
            .filter(|f| f.locale == site.source && f.origin == origin)
        {
            for m in messages::messages(f) {
                map.insert(m.id.clone(), m);
            }
        }
    }
    map
}

pub fn status(site: &Site, diags: &[Diagnostic]) -> Vec<LocaleStatus> {
    let src_msgs = source_messages(site);
    let page_words = |path: &str| {
        site.page(site.source, path)
            .map_or(0, |p| words(p.body()) + words(p.title()))
    };
    let msg_words = |id: &str| src_msgs.get(id).map_or(0, Msg::words);
    let total_pages = site.pages_of(site.source).count();
    site.locales
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let mine: Vec<&Diagnostic> = diags
                .iter()
                .filter(|d| d.locale.as_deref() == Some(l.tag.as_str()))
                .collect();
            let is_page =
                |d: &&&Diagnostic| d.file.as_deref().is_some_and(|f| f.starts_with("content/"));
            let subjects = |code: &str, pages: bool| -> BTreeSet<String> {
                mine.iter()
                    .filter(|d| d.code == code && is_page(d) == pages)
                    .flat_map(|d| d.subjects.iter().cloned())
                    .collect()
            };
            let mut tasks: BTreeMap<String, Vec<Task>> = BTreeMap::new();
            for d in &mine {
                tasks
                    .entry(d.file.clone().unwrap_or_default())
                    .or_default()
                    .push(Task {
                        code: d.code,
                        severity: d.severity,
                        file: d.file.clone(),
                        line: d.line,
                        message: d.message.clone(),
                        help: d.help.clone(),
                    });
            }
            let (pages, msgs) = if li == site.source {
                (
                    counts(
                        total_pages,
                        &BTreeSet::new(),
                        &BTreeSet::new(),
                        &BTreeSet::new(),
                        page_words,
                    ),
                    counts(
                        src_msgs.len(),
                        &BTreeSet::new(),
                        &BTreeSet::new(),
                        &BTreeSet::new(),
                        msg_words,
                    ),
                )
            } else {
                (
                    counts(
                        total_pages,
                        &subjects("missing-translation", true),
                        &subjects("stale-translation", true),
                        &subjects("untranslated-copy", true),
                        page_words,
                    ),
                    counts(
                        src_msgs.len(),
                        &subjects("missing-message", false),
                        &subjects("stale-translation", false),
                        &subjects("untranslated-copy", false),
                        msg_words,
                    ),
                )
            };
            LocaleStatus {
                locale: l.tag.clone(),
                name: crate::render::context::endonym(site, li),
                source: li == site.source,
                pages,
                messages: msgs,
                tasks,
            }
        })
        .collect()
}

/// The page's text with the front-matter key `key` set to `value`: an existing `key:` line
/// is replaced, otherwise the key is added before the closing `---`. Every other byte is
/// kept, including CRLF line endings and a UTF-8 BOM. `None` without front matter.
fn set_front_matter_key(text: &str, key: &str, value: &str) -> Option<String> {
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return None;
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))?
        + 1;
    let prefix = format!("{key}:");
    let line = format!("{key}: {value}{nl}");
    let mut out = String::with_capacity(bom.len() + text.len() + line.len());
    out.push_str(bom);
    let mut done = false;
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && i < close && l.starts_with(&prefix) {
            if !done {
                out.push_str(&line);
                done = true;
            }
            continue;
        }
        if i == close && !done {
            out.push_str(&line);
        }
        out.push_str(l);
    }
    Some(out)
}

/// The lines of a page's text with `translation_of` set to `version`.
fn with_translation_of(text: &str, version: &str) -> Option<String> {
    set_front_matter_key(text, "translation_of", version)
}

/// A file named on the command line, relative to the campaign root: as given (the README's
/// form), or a path from the current folder or an absolute one that lies in the campaign.
fn campaign_rel(site: &Site, file: &str) -> String {
    let given = file.replace('\\', "/");
    let given = given.trim_start_matches("./");
    let known = |rel: &str| {
        site.pages.iter().any(|p| p.file == rel) || site.ftl.iter().any(|f| f.file == rel)
    };
    if known(given) {
        return given.to_string();
    }
    if let (Ok(abs), Ok(root)) = (fs::canonicalize(file), fs::canonicalize(&site.root)) {
        if abs.starts_with(&root) {
            let rel = crate::load::rel_path(&root, &abs);
            if known(&rel) {
                return rel;
            }
        }
    }
    given.to_string()
}

fn accept_failed(rel: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic::error("accept-failed", message)
        .file(rel)
        .help(help)
}

/// `herald status --accept FILE…`: records the current source version in each translation
/// (a page's `translation_of`, or the `sources.lock` beside a `.ftl` file). Every file is
/// checked first: if one cannot be accepted, nothing is written.
pub fn accept(site: &Site, files: &[String]) -> Result<Vec<String>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let src_msgs = source_messages(site);
    // What to write: page texts, and lock entries per locale folder.
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut locks: BTreeMap<std::path::PathBuf, Vec<&FtlFile>> = BTreeMap::new();
    let mut done = Vec::new();
    for file in files {
        let rel = campaign_rel(site, file);
        if let Some(page) = site.pages.iter().find(|p| p.file == rel) {
            if page.locale == site.source {
                errors.push(accept_failed(
                    &rel,
                    format!("{rel} is a source page"),
                    "Accept translated pages, not source pages.",
                ));
                continue;
            }
            let Some(src) = site.page(site.source, &page.path) else {
                let src_tag = &site.locales[site.source].tag;
                errors.push(accept_failed(
                    &rel,
                    format!("{rel} has no source page content/{src_tag}/{}", page.path),
                    "Only a translation of an existing source page can be accepted: rename the page to match its source, or delete it.",
                ));
                continue;
            };
            if page.front.untranslated {
                errors.push(
                    accept_failed(
                        &rel,
                        format!("{rel} is still marked `untranslated: true`"),
                        "Translate the page and delete the line `untranslated: true` first.",
                    )
                    .line(Some(page.key_line("untranslated"))),
                );
                continue;
            }
            let raw = match fs::read_to_string(site.root.join(&rel)) {
                Ok(raw) => raw,
                Err(e) => {
                    errors.push(accept_failed(
                        &rel,
                        format!("could not read {rel}: {e}"),
                        "",
                    ));
                    continue;
                }
            };
            match with_translation_of(&raw, src.version()) {
                Some(new) => {
                    if new != raw {
                        pages.push((rel.clone(), new));
                    }
                    done.push(rel);
                }
                None => errors.push(accept_failed(
                    &rel,
                    format!("{rel} has no front matter"),
                    "A page starts with a `---` line, its front matter, and another `---` line.",
                )),
            }
        } else if let Some(ftl) = site.ftl.iter().find(|f| f.file == rel) {
            if ftl.locale == site.source {
                errors.push(accept_failed(
                    &rel,
                    format!("{rel} is in the source locale"),
                    "Accept translated files, not source files.",
                ));
                continue;
            }
            let dir = site
                .root
                .join(&rel)
                .parent()
                .map(|p| p.to_path_buf())
                .unwrap_or_default();
            locks.entry(dir).or_default().push(ftl);
            done.push(rel);
        } else {
            errors.push(accept_failed(
                &rel,
                format!("{rel} is not a page or Fluent file of this campaign"),
                "Give paths relative to the campaign root, e.g. content/ar/work/rights.md or locales/ar/main.ftl.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (rel, text) in pages {
        if let Err(e) = fs::write(site.root.join(&rel), text) {
            errors.push(accept_failed(
                &rel,
                format!("could not write {rel}: {e}"),
                "",
            ));
        }
    }
    for (dir, ftls) in locks {
        let mut lock = messages::read_lock(&dir).unwrap_or_default();
        for m in ftls.iter().flat_map(|f| messages::messages(f)) {
            // A scaffolded copy is not a translation of anything yet.
            if m.marked_untranslated() {
                continue;
            }
            if let Some(sm) = src_msgs.get(&m.id) {
                lock.insert(
                    m.id.clone(),
                    LockEntry {
                        version: sm.version(),
                        source: sm.value_text(),
                    },
                );
            }
        }
        let text = format!(
            "# Written by `herald status --accept`: the version of each source message that this\n# folder's translations were made from. Do not edit by hand.\n{}",
            serde_yaml_ng::to_string(&lock).unwrap_or_default()
        );
        let lock_path = dir.join(LOCK_FILE);
        if let Err(e) = fs::write(&lock_path, text) {
            let rel = crate::load::rel_path(&site.root, &lock_path);
            errors.push(accept_failed(
                &rel,
                format!("could not write {rel}: {e}"),
                "",
            ));
        }
    }
    if errors.is_empty() {
        Ok(done)
    } else {
        Err(errors)
    }
}

/// `herald status LOCALE --scaffold`: creates the locale's missing pages and messages from
/// the source, marked as not yet translated. Never overwrites a file.
pub fn scaffold(site: &Site, locale: usize) -> std::io::Result<Vec<String>> {
    let tag = &site.locales[locale].tag;
    let mut created = Vec::new();
    for src in site.pages_of(site.source) {
        if site.page(locale, &src.path).is_some() {
            continue;
        }
        let rel = format!("content/{tag}/{}", src.path);
        let path = site.root.join(&rel);
        if path.exists() {
            continue;
        }
        if let Some(p) = path.parent() {
            fs::create_dir_all(p)?;
        }
        // A source page always has front matter (or it would not have loaded).
        let text = with_translation_of(&src.text, src.version())
            .and_then(|t| set_front_matter_key(&t, "untranslated", "true"))
            .unwrap_or_else(|| src.text.clone());
        fs::write(&path, text)?;
        created.push(rel);
    }
    // Messages: append what is missing to the counterpart file, creating it if needed. A
    // message the campaign overrides goes where `herald check` looks for it: beside the
    // campaign's definition.
    let src_msgs = source_messages(site);
    let theme_rel = crate::load::rel_path(&site.root, &site.theme_dir);
    let mut present: BTreeSet<String> = BTreeSet::new();
    for f in site.ftl.iter().filter(|f| f.locale == locale) {
        present.extend(messages::messages(f).into_iter().map(|m| m.id));
    }
    let mut additions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in site.ftl.iter().filter(|f| f.locale == site.source) {
        for m in messages::messages(f) {
            let effective = src_msgs.get(&m.id).is_some_and(|e| e.file.file == f.file);
            if !effective || !present.insert(m.id.clone()) {
                continue;
            }
            let target = match f.origin {
                FtlOrigin::Theme => format!("{theme_rel}/locales/{tag}/{}", f.name),
                FtlOrigin::Campaign => format!("locales/{tag}/{}", f.name),
            };
            additions
                .entry(target)
                .or_default()
                .push(format!("# {UNTRANSLATED_MARK}\n{}", m.text()));
        }
    }
    for (rel, entries) in additions {
        let path = site.root.join(&rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p)?;
        }
        // Appending, never replacing: a file that cannot be read is an error, not empty.
        let mut text = if path.exists() {
            fs::read_to_string(&path)?
        } else {
            String::new()
        };
        let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push_str(nl);
        }
        for entry in entries {
            if !text.is_empty() {
                text.push_str(nl);
            }
            text.push_str(&entry.replace('\n', nl));
        }
        fs::write(&path, text)?;
        created.push(rel);
    }
    Ok(created)
}

/// The status as text for a terminal: a table of all locales, or one locale's to-do list.
pub fn human(statuses: &[LocaleStatus], only: Option<&str>) -> String {
    let mut out = String::new();
    let pct = |c: &Counts| format!("{:>5.1}%", c.percent);
    if only.is_none() {
        out.push_str("locale           pages: done  missing  stale  copy  words │ messages: done  missing  stale  copy  words\n");
        for s in statuses {
            let label = format!(
                "{} {}{}",
                s.locale,
                s.name,
                if s.source { " (source)" } else { "" }
            );
            out.push_str(&format!(
                "{:<21} {}  {:>7}  {:>5}  {:>4}  {:>5} │ {:>14}  {:>7}  {:>5}  {:>4}  {:>5}\n",
                label.chars().take(21).collect::<String>(),
                pct(&s.pages),
                s.pages.missing,
                s.pages.stale,
                s.pages.untranslated,
                s.pages.words_to_do,
                pct(&s.messages),
                s.messages.missing,
                s.messages.stale,
                s.messages.untranslated,
                s.messages.words_to_do
            ));
        }
        out.push_str("\n`herald status LOCALE` lists what a locale needs, file by file.\n");
        return out;
    }
    for s in statuses.iter().filter(|s| Some(s.locale.as_str()) == only) {
        out.push_str(&format!(
            "{} ({}): pages {} translated ({}/{}), messages {} translated ({}/{})\n",
            s.name,
            s.locale,
            pct(&s.pages).trim(),
            s.pages.translated,
            s.pages.total,
            pct(&s.messages).trim(),
            s.messages.translated,
            s.messages.total
        ));
        let words = s.pages.words_to_do + s.messages.words_to_do;
        if s.tasks.is_empty() {
            out.push_str("Nothing to do: every page and message is translated and up to date.\n");
            continue;
        }
        out.push_str(&format!(
            "{words} words of source text to translate or check.\n"
        ));
        for (file, tasks) in &s.tasks {
            out.push_str(&format!("\n{file}\n"));
            for t in tasks {
                let at = t.line.map(|l| format!("line {l}: ")).unwrap_or_default();
                out.push_str(&format!("  - {at}{} [{}]\n", t.message, t.code));
                for h in t.help.lines() {
                    out.push_str(&format!("      {h}\n"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_of_is_inserted_or_replaced() {
        let t = "---\ntitle: A\n---\nBody\n";
        assert_eq!(
            with_translation_of(t, "abc").unwrap(),
            "---\ntitle: A\ntranslation_of: abc\n---\nBody\n"
        );
        let t2 = "---\ntitle: A\ntranslation_of: old\n---\nBody\n";
        assert_eq!(
            with_translation_of(t2, "new").unwrap(),
            "---\ntitle: A\ntranslation_of: new\n---\nBody\n"
        );
        let crlf = "---\r\ntitle: A\r\n---\r\nBody\r\n";
        assert_eq!(
            with_translation_of(crlf, "v").unwrap(),
            "---\r\ntitle: A\r\ntranslation_of: v\r\n---\r\nBody\r\n"
        );
        // An editor's BOM is kept, and does not hide the front matter.
        let bom = "\u{feff}---\ntitle: A\n---\nBody\n";
        assert_eq!(
            with_translation_of(bom, "v").unwrap(),
            "\u{feff}---\ntitle: A\ntranslation_of: v\n---\nBody\n"
        );
        // Front matter closed by `...`; a `---` rule in the body is left alone.
        let dots = "---\ntitle: A\n...\nBody\n\n---\n";
        assert_eq!(
            set_front_matter_key(dots, "untranslated", "true").unwrap(),
            "---\ntitle: A\nuntranslated: true\n...\nBody\n\n---\n"
        );
        assert!(with_translation_of("# No front matter\n", "v").is_none());
    }
}
