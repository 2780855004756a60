//! Fluent messages of every locale against the source locale: missing and obsolete
//! messages, attributes, variables per variant, references, empty values, copies of the
//! source, CLDR plural categories, duplicates and staleness.

use crate::diagnostics::{line_col, Diagnostic};
use crate::model::{FtlFile, FtlOrigin, Site};
use fluent_syntax::ast::{
    Attribute, Comment, Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Leaf paths enumerated per pattern at most; beyond this a message is checked on the
/// paths seen so far rather than growing without bound.
const MAX_PATHS: usize = 256;

pub const LOCK_FILE: &str = "sources.lock";
pub const SAME_AS_SOURCE_FILE: &str = "same-as-source.txt";
pub const UNTRANSLATED_MARK: &str = "untranslated";

/// The 1-based line and column where `s`, a slice of the file's text, starts. Every name
/// and key the Fluent parser returns is a slice of the text it parsed, so its address says
/// where it is; the AST itself carries no positions.
fn pos_of(file: &FtlFile, s: &str) -> Option<(usize, usize)> {
    let base = file.source.as_ptr() as usize;
    let at = s.as_ptr() as usize;
    (at >= base && at + s.len() <= base + file.source.len())
        .then(|| line_col(&file.source, at - base))
}

/// A message or term (`-id`) as found in one file.
#[derive(Clone)]
pub struct Msg<'a> {
    pub id: String,
    pub file: &'a FtlFile,
    /// 1-based line of the id.
    pub line: usize,
    /// The entry as parsed with its comment (the loader's runtime parser drops comments,
    /// and the `# untranslated` mark is one).
    pub entry: Entry<&'a str>,
}

/// The value or one attribute of a message, with where it starts.
struct Part<'m, 'a> {
    attr: Option<&'a str>,
    pattern: &'m Pattern<&'a str>,
    line: usize,
    column: usize,
}

impl<'a> Msg<'a> {
    pub fn value(&self) -> Option<&Pattern<&'a str>> {
        match &self.entry {
            Entry::Message(m) => m.value.as_ref(),
            Entry::Term(t) => Some(&t.value),
            _ => None,
        }
    }

    pub fn attributes(&self) -> &[Attribute<&'a str>] {
        match &self.entry {
            Entry::Message(m) => &m.attributes,
            Entry::Term(t) => &t.attributes,
            _ => &[],
        }
    }

    fn comment(&self) -> Option<&Comment<&'a str>> {
        match &self.entry {
            Entry::Message(m) => m.comment.as_ref(),
            Entry::Term(t) => t.comment.as_ref(),
            _ => None,
        }
    }

    /// The message as Fluent text, without its comment: what "the version" of it means.
    pub fn text(&self) -> String {
        let entry = match &self.entry {
            Entry::Message(m) => {
                let mut m = m.clone();
                m.comment = None;
                Entry::Message(m)
            }
            Entry::Term(t) => {
                let mut t = t.clone();
                t.comment = None;
                Entry::Term(t)
            }
            other => other.clone(),
        };
        fluent_syntax::serializer::serialize(&fluent_syntax::ast::Resource { body: vec![entry] })
    }

    pub fn version(&self) -> String {
        blake3::hash(self.text().as_bytes()).to_hex()[..12].to_string()
    }

    /// The text after `id =`, for showing translators what changed: variants and
    /// attributes keep their indentation relative to each other, not the serializer's.
    pub fn value_text(&self) -> String {
        let t = self.text();
        let v = match t.split_once('=') {
            Some((_, v)) => v.trim(),
            None => t.trim(),
        };
        let mut lines = v.lines();
        let first = lines.next().unwrap_or_default();
        let rest: Vec<&str> = lines.collect();
        let indent = rest
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        let mut out = first.to_string();
        for l in rest {
            out.push('\n');
            out.push_str(l.get(indent..).unwrap_or(l.trim_start()));
        }
        out
    }

    /// `herald status LOCALE --scaffold` writes copies of source messages under a
    /// `# untranslated` comment; such a message still counts as missing.
    pub fn marked_untranslated(&self) -> bool {
        self.comment()
            .is_some_and(|c| c.content.iter().any(|l| l.trim() == UNTRANSLATED_MARK))
    }

    /// The words a translator translates: text and string literals of the value and of
    /// every attribute, in every variant; not variable, message or function names.
    pub fn words(&self) -> usize {
        let mut text = Vec::new();
        for p in self.parts() {
            pattern_text(p.pattern, &mut text);
        }
        text.iter()
            .flat_map(|t| t.split_whitespace())
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    /// Whether the message has text in a human language (letters outside placeables).
    fn has_letters(&self) -> bool {
        let mut text = Vec::new();
        for p in self.parts() {
            pattern_text(p.pattern, &mut text);
        }
        text.iter().any(|t| t.chars().any(char::is_alphabetic))
    }

    fn parts(&self) -> Vec<Part<'_, 'a>> {
        let mut v = Vec::new();
        if let Some(p) = self.value() {
            v.push(Part {
                attr: None,
                pattern: p,
                line: self.line,
                column: 1,
            });
        }
        for a in self.attributes() {
            let (line, column) = pos_of(self.file, a.id.name).unwrap_or((self.line, 2));
            v.push(Part {
                attr: Some(a.id.name),
                pattern: &a.value,
                line,
                // The `.` before the name.
                column: column.saturating_sub(1).max(1),
            });
        }
        v
    }
}

/// The text elements and string literals of a pattern, select variants included.
fn pattern_text<'p>(pattern: &'p Pattern<&str>, out: &mut Vec<&'p str>) {
    fn expression<'p>(e: &'p Expression<&str>, out: &mut Vec<&'p str>) {
        match e {
            Expression::Select { variants, .. } => {
                for v in variants {
                    pattern_text(&v.value, out);
                }
            }
            Expression::Inline(InlineExpression::StringLiteral { value }) => out.push(value),
            Expression::Inline(InlineExpression::Placeable { expression: inner }) => {
                expression(inner, out)
            }
            Expression::Inline(_) => {}
        }
    }
    for el in &pattern.elements {
        match el {
            PatternElement::TextElement { value } => out.push(value),
            PatternElement::Placeable { expression: e } => expression(e, out),
        }
    }
}

/// Every message and term of a file, in order, parsed with their comments.
pub fn messages(file: &FtlFile) -> Vec<Msg<'_>> {
    let resource = match fluent_syntax::parser::parse(file.source.as_str()) {
        Ok(r) | Err((r, _)) => r,
    };
    resource
        .body
        .into_iter()
        .filter_map(|entry| {
            let (id, name) = match &entry {
                Entry::Message(m) => (m.id.name.to_string(), m.id.name),
                Entry::Term(t) => (format!("-{}", t.id.name), t.id.name),
                _ => return None,
            };
            let line = pos_of(file, name).map_or(1, |(l, _)| l);
            Some(Msg {
                id,
                file,
                line,
                entry,
            })
        })
        .collect()
}

/// What one path through a pattern's select expressions uses.
#[derive(Default, Clone)]
struct PathInfo<'a> {
    vars: BTreeSet<String>,
    has_content: bool,
    keys: Vec<String>,
    /// The innermost variant key of this path, where a diagnostic about it points.
    key_at: Option<&'a str>,
}

/// One select expression: its selector variable if any, and its variant keys.
struct Select<'a> {
    var: Option<String>,
    keys: Vec<(String, &'a str)>,
}

impl Select<'_> {
    fn key_names(&self) -> Vec<String> {
        self.keys.iter().map(|(k, _)| k.clone()).collect()
    }
}

#[derive(Default)]
struct Analysis<'a> {
    paths: Vec<PathInfo<'a>>,
    selector_vars: BTreeSet<String>,
    refs: BTreeSet<String>,
    /// Every select of the pattern, nested ones included, once each.
    selects: Vec<Select<'a>>,
}

fn inline(expr: &InlineExpression<&str>, path: &mut PathInfo, refs: &mut BTreeSet<String>) {
    match expr {
        InlineExpression::StringLiteral { value } => {
            if !value.trim().is_empty() {
                path.has_content = true;
            }
        }
        InlineExpression::NumberLiteral { .. } => path.has_content = true,
        InlineExpression::VariableReference { id } => {
            path.vars.insert(id.name.to_string());
            path.has_content = true;
        }
        InlineExpression::MessageReference { id, attribute } => {
            refs.insert(match attribute {
                Some(at) => format!("{}.{}", id.name, at.name),
                None => id.name.to_string(),
            });
            path.has_content = true;
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            refs.insert(match attribute {
                Some(at) => format!("-{}.{}", id.name, at.name),
                None => format!("-{}", id.name),
            });
            path.has_content = true;
            if let Some(args) = arguments {
                for p in &args.positional {
                    inline(p, path, refs);
                }
                for n in &args.named {
                    inline(&n.value, path, refs);
                }
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            path.has_content = true;
            for p in &arguments.positional {
                inline(p, path, refs);
            }
            for n in &arguments.named {
                inline(&n.value, path, refs);
            }
        }
        InlineExpression::Placeable { expression } => {
            // A nested select is expanded by the caller; a nested inline is read here.
            if let Expression::Inline(i) = expression.as_ref() {
                inline(i, path, refs);
            }
        }
    }
}

fn key_name<'a>(k: &VariantKey<&'a str>) -> (String, &'a str) {
    match k {
        VariantKey::Identifier { name } => (name.to_string(), *name),
        VariantKey::NumberLiteral { value } => (value.to_string(), *value),
    }
}

fn selector_var(selector: &InlineExpression<&str>) -> Option<String> {
    match selector {
        InlineExpression::VariableReference { id } => Some(id.name.to_string()),
        InlineExpression::FunctionReference { arguments, .. } => {
            arguments.positional.iter().find_map(|p| match p {
                InlineExpression::VariableReference { id } => Some(id.name.to_string()),
                _ => None,
            })
        }
        _ => None,
    }
}

fn walk<'a>(
    pattern: &Pattern<&'a str>,
    start: Vec<PathInfo<'a>>,
    refs: &mut BTreeSet<String>,
) -> Vec<PathInfo<'a>> {
    let mut paths = start;
    for el in &pattern.elements {
        match el {
            PatternElement::TextElement { value } => {
                if !value.trim().is_empty() {
                    for p in &mut paths {
                        p.has_content = true;
                    }
                }
            }
            PatternElement::Placeable { expression } => {
                paths = expression_paths(expression, paths, refs)
            }
        }
    }
    paths
}

fn expression_paths<'a>(
    expression: &Expression<&'a str>,
    paths: Vec<PathInfo<'a>>,
    refs: &mut BTreeSet<String>,
) -> Vec<PathInfo<'a>> {
    match expression {
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_paths(expression, paths, refs)
        }
        Expression::Inline(i) => paths
            .into_iter()
            .map(|mut p| {
                inline(i, &mut p, refs);
                p
            })
            .collect(),
        Expression::Select { selector, variants } => {
            let var = selector_var(selector);
            let mut out = Vec::new();
            for p in paths {
                let mut base = p.clone();
                inline(selector, &mut base, refs);
                if let Some(v) = &var {
                    // A selector variable is present in every variant.
                    base.vars.insert(v.clone());
                }
                // Whether the selector produced content is irrelevant: only variants show.
                base.has_content = p.has_content;
                for variant in variants {
                    let mut start = base.clone();
                    let (name, at) = key_name(&variant.key);
                    start.keys.push(name);
                    start.key_at = Some(at);
                    for leaf in walk(&variant.value, vec![start], refs) {
                        if out.len() < MAX_PATHS {
                            out.push(leaf);
                        }
                    }
                }
            }
            out
        }
    }
}

/// Every select expression of a pattern, nested ones included, each once.
fn collect_selects<'a>(pattern: &Pattern<&'a str>, out: &mut Vec<Select<'a>>) {
    fn expression<'a>(e: &Expression<&'a str>, out: &mut Vec<Select<'a>>) {
        match e {
            Expression::Select { selector, variants } => {
                out.push(Select {
                    var: selector_var(selector),
                    keys: variants.iter().map(|v| key_name(&v.key)).collect(),
                });
                for v in variants {
                    collect_selects(&v.value, out);
                }
            }
            Expression::Inline(InlineExpression::Placeable { expression: inner }) => {
                expression(inner, out)
            }
            Expression::Inline(_) => {}
        }
    }
    for el in &pattern.elements {
        if let PatternElement::Placeable { expression: e } = el {
            expression(e, out);
        }
    }
}

fn analyse<'a>(pattern: &Pattern<&'a str>) -> Analysis<'a> {
    let mut a = Analysis::default();
    a.paths = walk(pattern, vec![PathInfo::default()], &mut a.refs);
    collect_selects(pattern, &mut a.selects);
    a.selector_vars = a.selects.iter().filter_map(|s| s.var.clone()).collect();
    a
}

/// Two variant keys that Fluent would treat as the same: equal names, or equal numbers
/// (`[1]` and `[1.0]`).
fn same_key(a: &str, b: &str) -> bool {
    a == b || matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if x == y)
}

fn part_name(attr: Option<&str>) -> String {
    match attr {
        Some(a) => format!("attribute `.{a}`"),
        None => "value".to_string(),
    }
}

fn join_vars<'a>(vars: impl IntoIterator<Item = &'a String>) -> String {
    vars.into_iter()
        .map(|v| format!("${v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The messages of one locale as the site uses them: theme files, then campaign files that
/// override them. Duplicates inside one origin are reported.
fn effective<'a>(
    site: &'a Site,
    locale: usize,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Msg<'a>> {
    let tag = &site.locales[locale].tag;
    let mut map: BTreeMap<String, Msg<'a>> = BTreeMap::new();
    for origin in [FtlOrigin::Theme, FtlOrigin::Campaign] {
        let mut seen: HashMap<String, (String, usize)> = HashMap::new();
        for f in site
            .ftl
            .iter()
            .filter(|f| f.locale == locale && f.origin == origin)
        {
            for m in messages(f) {
                if let Some((file, line)) = seen.get(&m.id) {
                    diags.push(
                        Diagnostic::error("duplicate-message", format!("`{}` is defined twice (first in {file}, line {line})", m.id))
                            .file(&f.file)
                            .at(m.line, 1)
                            .locale(tag.clone())
                            .subject(m.id.clone())
                            .help("Keep one definition and delete the other; Fluent would silently use only one."),
                    );
                    continue;
                }
                seen.insert(m.id.clone(), (f.file.clone(), m.line));
                let mut attrs: HashMap<&str, usize> = HashMap::new();
                for p in m.parts() {
                    let Some(name) = p.attr else { continue };
                    if let Some(first) = attrs.get(name) {
                        diags.push(
                            Diagnostic::error(
                                "duplicate-attribute",
                                format!(
                                    "`{}` has the attribute `.{name}` twice (first on line {first})",
                                    m.id
                                ),
                            )
                            .file(&f.file)
                            .at(p.line, p.column)
                            .locale(tag.clone())
                            .subject(m.id.clone())
                            .help("Keep one of the two attributes; Fluent would silently use only one."),
                        );
                    } else {
                        attrs.insert(name, p.line);
                    }
                }
                map.insert(m.id.clone(), m);
            }
        }
    }
    map
}

/// Where a message missing from a locale should be written.
fn counterpart_file(site: &Site, src: &FtlFile, locale: usize) -> String {
    let tag = &site.locales[locale].tag;
    match src.origin {
        FtlOrigin::Theme => {
            let theme = crate::load::rel_path(&site.root, &site.theme_dir);
            format!("{theme}/locales/{tag}/{}", src.name)
        }
        FtlOrigin::Campaign => format!("locales/{tag}/{}", src.name),
    }
}

fn locale_dir(site: &Site, origin: FtlOrigin, locale: usize) -> std::path::PathBuf {
    let tag = &site.locales[locale].tag;
    match origin {
        FtlOrigin::Theme => site.theme_dir.join("locales").join(tag),
        FtlOrigin::Campaign => site.root.join("locales").join(tag),
    }
}

/// The recorded source versions of a locale folder's messages (`sources.lock`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct LockEntry {
    pub version: String,
    pub source: String,
}

pub type Lock = BTreeMap<String, LockEntry>;

pub fn read_lock(dir: &Path) -> Option<Lock> {
    let text = std::fs::read_to_string(dir.join(LOCK_FILE)).ok()?;
    serde_yaml_ng::from_str(&text).ok()
}

fn same_as_source(dir: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(dir.join(SAME_AS_SOURCE_FILE))
        .map(|t| {
            t.lines()
                .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Plural selects are recognised by their keys: CLDR category names or numbers.
fn is_plural_select(keys: &[String]) -> bool {
    const CATS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
    keys.iter()
        .any(|k| CATS.contains(&k.as_str()) && k != "other")
        && keys
            .iter()
            .all(|k| CATS.contains(&k.as_str()) || k.parse::<f64>().is_ok())
}

fn is_empty(a: &Analysis) -> bool {
    a.paths.iter().any(|p| !p.has_content)
}

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let per_locale: Vec<BTreeMap<String, Msg>> = (0..site.locales.len())
        .map(|l| effective(site, l, &mut diags))
        .collect();
    let source = &per_locale[site.source];

    for (li, msgs) in per_locale.iter().enumerate() {
        let info = &site.locales[li];
        let tag = &info.tag;
        let is_source = li == site.source;
        let plural_needed = info.plural_categories();

        // Every locale: references to what exists nowhere, empty values, duplicate variant
        // keys and the CLDR plural categories of the locale.
        for m in msgs.values() {
            let key_pos = |k: &str| pos_of(m.file, k).unwrap_or((m.line, 1));
            for part in m.parts() {
                let a = analyse(part.pattern);
                let here = |d: Diagnostic| {
                    d.file(&m.file.file)
                        .locale(tag.clone())
                        .subject(m.id.clone())
                };
                for r in &a.refs {
                    let (target, target_attr) = match r.split_once('.') {
                        Some((t, at)) => (t, Some(at)),
                        None => (r.as_str(), None),
                    };
                    let exists = |set: &BTreeMap<String, Msg>| {
                        set.get(target).is_some_and(|t| match target_attr {
                            Some(at) => t.attributes().iter().any(|a| a.id.name == at),
                            None => t.value().is_some(),
                        })
                    };
                    if !exists(msgs) && !exists(source) {
                        diags.push(
                            here(Diagnostic::error(
                                "reference-mismatch",
                                format!(
                                    "the {} of `{}` refers to `{r}`, which is not defined anywhere",
                                    part_name(part.attr),
                                    m.id
                                ),
                            ))
                            .at(part.line, part.column)
                            .help(format!("Define `{target}` or correct the reference.")),
                        );
                    }
                }
                if is_empty(&a) {
                    diags.push(
                        here(Diagnostic::error(
                            "empty-translation",
                            format!("the {} of `{}` is empty", part_name(part.attr), m.id),
                        ))
                        .at(part.line, part.column)
                        .help(
                            "Write the text of the message; an empty string shows readers nothing.",
                        ),
                    );
                }
                for select in &a.selects {
                    for (i, (key, at)) in select.keys.iter().enumerate() {
                        if select.keys[..i].iter().any(|(k, _)| same_key(k, key)) {
                            let (line, column) = key_pos(at);
                            diags.push(
                                here(Diagnostic::error(
                                    "duplicate-variant",
                                    format!(
                                        "a select in the {} of `{}` has the variant [{key}] twice",
                                        part_name(part.attr),
                                        m.id
                                    ),
                                ))
                                .at(line, column)
                                .help("Keep one of the two variants; Fluent would only ever show the first."),
                            );
                        }
                    }
                    let keys = select.key_names();
                    if !is_plural_select(&keys) {
                        continue;
                    }
                    let missing: Vec<String> = plural_needed
                        .iter()
                        .filter(|c| **c != "other" && !keys.iter().any(|k| k == *c))
                        .map(|c| format!("[{c}]"))
                        .collect();
                    if !missing.is_empty() {
                        let (line, column) = select
                            .keys
                            .first()
                            .map_or((part.line, part.column), |(_, at)| key_pos(at));
                        diags.push(
                            here(Diagnostic::warning("missing-plural-variant", format!(
                                "the plural select in the {} of `{}` has no variant for {} (the forms {tag} distinguishes: {})",
                                part_name(part.attr),
                                m.id,
                                missing.join(", "),
                                plural_needed.join(", ")
                            )))
                            .at(line, column)
                            .help(format!("Add the variants {} so every number reads correctly.", missing.join(" "))),
                        );
                    }
                }
            }
        }
        if is_source {
            continue;
        }

        let mut allowed = BTreeSet::new();
        let mut locks: HashMap<FtlOrigin, Option<Lock>> = HashMap::new();
        for origin in [FtlOrigin::Theme, FtlOrigin::Campaign] {
            let dir = locale_dir(site, origin, li);
            allowed.extend(same_as_source(&dir));
            locks.insert(origin, read_lock(&dir));
        }

        // Whole files missing: one diagnostic for the file instead of one per message.
        let mut missing_files: BTreeMap<String, Vec<&Msg>> = BTreeMap::new();
        for (id, sm) in source {
            if !msgs.contains_key(id) {
                missing_files
                    .entry(counterpart_file(site, sm.file, li))
                    .or_default()
                    .push(sm);
            }
        }
        for (file, missing) in &missing_files {
            let exists = site.ftl.iter().any(|f| f.locale == li && f.file == *file);
            if !exists {
                diags.push(
                    Diagnostic::error("missing-message", format!("{file} does not exist: its {} messages are not translated", missing.len()))
                        .file(file)
                        .subjects(missing.iter().map(|m| m.id.clone()))
                        .locale(tag.clone())
                        .help(format!("Create it from {} (`herald status {tag} --scaffold` makes a copy to translate).", missing[0].file.file)),
                );
            } else {
                for sm in missing {
                    diags.push(
                        Diagnostic::error(
                            "missing-message",
                            format!("`{}` is not translated", sm.id),
                        )
                        .file(file)
                        .subject(sm.id.clone())
                        .locale(tag.clone())
                        .help(format!(
                            "Add `{} = …` with the translation of {} line {}: {}",
                            sm.id,
                            sm.file.file,
                            sm.line,
                            sm.value_text()
                        )),
                    );
                }
            }
        }

        // Obsolete messages, and whole obsolete files.
        let mut obsolete_files: BTreeMap<&str, Vec<&Msg>> = BTreeMap::new();
        for (id, m) in msgs {
            // A campaign may override a theme string in one locale only: it is not obsolete
            // while the theme defines it in the source locale (`source` has both origins).
            if !source.contains_key(id) {
                obsolete_files
                    .entry(m.file.file.as_str())
                    .or_default()
                    .push(m);
            }
        }
        for (file, obsolete) in obsolete_files {
            let f = obsolete[0].file;
            let total = messages(f).len();
            let src_has_file = site
                .ftl
                .iter()
                .any(|s| s.locale == site.source && s.origin == f.origin && s.name == f.name);
            if !src_has_file && total == obsolete.len() {
                diags.push(
                    Diagnostic::warning("obsolete-message", format!("{file} has no counterpart in the source locale: its {total} messages are never used"))
                        .file(file)
                        .locale(tag.clone())
                        .subjects(obsolete.iter().map(|m| m.id.clone()))
                        .help("Delete the file, or move its messages into the file that matches the source locale."),
                );
                continue;
            }
            for m in obsolete {
                diags.push(
                    Diagnostic::warning(
                        "obsolete-message",
                        format!("`{}` is not in the source locale any more", m.id),
                    )
                    .file(file)
                    .at(m.line, 1)
                    .locale(tag.clone())
                    .subject(m.id.clone())
                    .help("Delete it: the source no longer uses this message."),
                );
            }
        }

        // Files whose versions were never recorded: one warning per file.
        let mut unknown_files: BTreeMap<String, Vec<String>> = BTreeMap::new();

        for (id, tm) in msgs {
            let Some(sm) = source.get(id) else { continue };
            let at = |d: Diagnostic| {
                d.file(&tm.file.file)
                    .at(tm.line, 1)
                    .locale(tag.clone())
                    .subject(id.clone())
            };
            if tm.marked_untranslated() {
                diags.push(at(Diagnostic::error("missing-message", format!("`{id}` is still marked `# {UNTRANSLATED_MARK}`"))
                    .help(format!("Translate it and delete the `# {UNTRANSLATED_MARK}` comment above it, then run `herald status --accept {}`.", tm.file.file))));
                continue;
            }

            // Value and attributes.
            match (sm.value().is_some(), tm.value().is_some()) {
                (true, false) => diags.push(at(Diagnostic::error(
                    "attribute-mismatch",
                    format!("`{id}` has no value, but the source has one"),
                )
                .help(format!("Translate the value: {}", sm.value_text())))),
                (false, true) => diags.push(at(Diagnostic::error(
                    "attribute-mismatch",
                    format!("`{id}` has a value, but the source has only attributes"),
                )
                .help("Remove the value and keep only the attributes the source has."))),
                _ => {}
            }
            let sa: BTreeSet<&str> = sm.attributes().iter().map(|a| a.id.name).collect();
            let ta: BTreeSet<&str> = tm.attributes().iter().map(|a| a.id.name).collect();
            for missing in sa.difference(&ta) {
                diags.push(at(Diagnostic::error(
                    "attribute-mismatch",
                    format!("`{id}` lacks the attribute `.{missing}` that the source has"),
                )
                .help(format!("Add `.{missing} = …` under `{id}`."))));
            }
            let t_parts = tm.parts();
            for extra in ta.difference(&sa) {
                let (line, column) = t_parts
                    .iter()
                    .find(|p| p.attr == Some(*extra))
                    .map_or((tm.line, 1), |p| (p.line, p.column));
                diags.push(
                    at(Diagnostic::error(
                        "attribute-mismatch",
                        format!(
                            "`{id}` has the attribute `.{extra}`, which the source does not have"
                        ),
                    ))
                    .at(line, column)
                    .help(format!(
                        "Remove `.{extra}` or check the attribute name against the source."
                    )),
                );
            }

            // Variables and references, per part present in both.
            let mut s_refs = BTreeSet::new();
            let mut t_refs = BTreeSet::new();
            let mut seen_parts = BTreeSet::new();
            for part in &t_parts {
                if !seen_parts.insert(part.attr) {
                    continue; // a duplicate attribute, reported above
                }
                let sp = match part.attr {
                    None => sm.value(),
                    Some(n) => sm
                        .attributes()
                        .iter()
                        .find(|a| a.id.name == n)
                        .map(|a| &a.value),
                };
                let Some(sp) = sp else { continue };
                let (sa, ta) = (analyse(sp), analyse(part.pattern));
                let here = |d: Diagnostic| at(d).at(part.line, part.column);
                s_refs.extend(sa.refs.iter().cloned());
                t_refs.extend(ta.refs.iter().cloned());
                let all_src: BTreeSet<&String> =
                    sa.paths.iter().flat_map(|p| p.vars.iter()).collect();
                let always_src: BTreeSet<&String> = all_src
                    .iter()
                    .copied()
                    .filter(|v| sa.paths.iter().all(|p| p.vars.contains(*v)))
                    .collect();
                let all_tr: BTreeSet<&String> =
                    ta.paths.iter().flat_map(|p| p.vars.iter()).collect();
                let part_label = part_name(part.attr);
                // A selector the translation dropped is reported once, below, even when
                // the variable is gone altogether.
                let dropped_selectors: BTreeSet<&String> =
                    sa.selector_vars.difference(&ta.selector_vars).collect();
                for v in all_src.difference(&all_tr) {
                    if dropped_selectors.contains(v) {
                        continue;
                    }
                    diags.push(
                        here(Diagnostic::error(
                            "variable-mismatch",
                            format!("the {part_label} of `{id}` drops the variable ${v}"),
                        ))
                        .help(format!(
                        "Put {{ ${v} }} back where it belongs in the sentence; the source is: {}",
                        sm.value_text()
                    )),
                    );
                }
                for v in all_tr.difference(&all_src) {
                    diags.push(here(Diagnostic::error(
                        "variable-mismatch",
                        format!("the {part_label} of `{id}` uses ${v}, which the source does not have"),
                    ))
                    .help(format!(
                        "The source only offers {}; check the spelling of the variable.",
                        if all_src.is_empty() {
                            "no variables".to_string()
                        } else {
                            join_vars(all_src.iter().copied())
                        }
                    )));
                }
                // Per variant: each path must keep what every source path has.
                for p in &ta.paths {
                    let lost: Vec<&String> = always_src
                        .iter()
                        .copied()
                        .filter(|v| all_tr.contains(*v) && !p.vars.contains(*v))
                        .collect();
                    if !lost.is_empty() && !p.keys.is_empty() {
                        let (line, column) = p
                            .key_at
                            .and_then(|k| pos_of(tm.file, k))
                            .unwrap_or((part.line, part.column));
                        diags.push(at(Diagnostic::error("variable-mismatch", format!(
                            "the variant [{}] in the {part_label} of `{id}` drops {}",
                            p.keys.join("] ["),
                            join_vars(lost.iter().copied())
                        )))
                        .at(line, column)
                        .help("Every variant must show the variables the source shows in all of its variants."));
                    }
                }
                for v in dropped_selectors {
                    diags.push(here(Diagnostic::error("variable-mismatch", format!("the source of `{id}` chooses its wording by ${v}, but this translation does not"))
                        .help(format!("Keep a select on ${v}: {{ ${v} -> … }} with the variants your language needs; the source is: {}", sm.value_text()))));
                }
            }
            if s_refs != t_refs {
                let lost: Vec<&String> = s_refs.difference(&t_refs).collect();
                let added: Vec<&String> = t_refs.difference(&s_refs).collect();
                let mut what = Vec::new();
                if !lost.is_empty() {
                    what.push(format!(
                        "drops {}",
                        lost.iter()
                            .map(|r| format!("{{ {r} }}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                if !added.is_empty() {
                    what.push(format!(
                        "adds {}",
                        added
                            .iter()
                            .map(|r| format!("{{ {r} }}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                diags.push(at(Diagnostic::warning("reference-mismatch", format!("`{id}` {} compared with the source", what.join(" and ")))
                    .help("Use the same message and term references as the source, unless your language really needs others.")));
            }

            // A copy of the source text (only text in a human language counts).
            if tm.text() == sm.text() && tm.has_letters() && !allowed.contains(id) {
                let dir = crate::load::rel_path(&site.root, &locale_dir(site, tm.file.origin, li));
                diags.push(at(Diagnostic::warning("untranslated-copy", format!("`{id}` is identical to the source text"))
                    .help(format!("Translate it, or if it is right as it is (a name, a number), add `{id}` to {dir}/{SAME_AS_SOURCE_FILE}."))));
            }

            // Staleness, from the folder's sources.lock.
            match locks.get(&tm.file.origin).and_then(|l| l.as_ref()) {
                None => {
                    unknown_files.entry(tm.file.file.clone()).or_default().push(id.clone());
                }
                Some(lock) => match lock.get(id) {
                    Some(e) if e.version == sm.version() => {}
                    Some(e) => diags.push(at(Diagnostic::warning("stale-translation", format!("the source of `{id}` changed since it was translated")))
                        .help(format!("The source was: {}\nIt is now: {}\nUpdate the translation, then run `herald status --accept {}`.", e.source, sm.value_text(), tm.file.file))),
                    None => diags.push(at(Diagnostic::warning("stale-translation", format!("`{id}` has no recorded source version")))
                        .help(format!("Check it against the source ({}), then run `herald status --accept {}`.", sm.value_text(), tm.file.file))),
                },
            }
        }
        for (file, ids) in unknown_files {
            diags.push(
                Diagnostic::warning("stale-translation", "Herald does not know which version of the source these messages translate")
                    .file(&file)
                    .subjects(ids)
                    .locale(tag.clone())
                    .help(format!("Check the file against the source locale, then run `herald status --accept {file}` to record it.")),
            );
        }
    }
    diags
}
