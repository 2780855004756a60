//! Fluent messages of every locale against the source locale: missing and obsolete
//! messages, attributes, variables per variant, references, empty values, copies of the
//! source, CLDR plural categories, duplicates and staleness.

use crate::diagnostics::Diagnostic;
use crate::model::{FtlFile, FtlOrigin, Site};
use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Leaf paths enumerated per pattern at most; beyond this a message is checked on the
/// paths seen so far rather than growing without bound.
const MAX_PATHS: usize = 256;

pub const LOCK_FILE: &str = "sources.lock";
pub const SAME_AS_SOURCE_FILE: &str = "same-as-source.txt";
pub const UNTRANSLATED_MARK: &str = "untranslated";

/// A message or term (`-id`) as found in one file.
#[derive(Clone)]
pub struct Msg<'a> {
    pub id: String,
    pub file: &'a FtlFile,
    pub line: usize,
    pub value: Option<&'a Pattern<&'a str>>,
    pub attributes: Vec<(&'a str, &'a Pattern<&'a str>)>,
    pub entry: &'a Entry<&'a str>,
}

impl Msg<'_> {
    /// The message as Fluent text, without its comment: what "the version" of it means.
    pub fn text(&self) -> String {
        let entry = match self.entry {
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

    /// The text after `id =`, for showing translators what changed.
    pub fn value_text(&self) -> String {
        let t = self.text();
        match t.split_once('=') {
            Some((_, v)) => v.trim().to_string(),
            None => t,
        }
    }

    /// `herald status LOCALE --scaffold` writes copies of source messages under a
    /// `# untranslated` comment; such a message still counts as missing.
    pub fn marked_untranslated(&self) -> bool {
        let comment = match self.entry {
            Entry::Message(m) => m.comment.as_ref(),
            Entry::Term(t) => t.comment.as_ref(),
            _ => None,
        };
        comment.is_some_and(|c| c.content.iter().any(|l| l.trim() == UNTRANSLATED_MARK))
    }

    fn patterns(&self) -> Vec<(Option<&str>, &Pattern<&str>)> {
        let mut v: Vec<(Option<&str>, &Pattern<&str>)> = Vec::new();
        if let Some(p) = self.value {
            v.push((None, p));
        }
        for (name, p) in &self.attributes {
            v.push((Some(name), p));
        }
        v
    }
}

fn find_line(source: &str, id: &str, nth: usize) -> usize {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            l.strip_prefix(id)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .nth(nth)
        .map_or(1, |(i, _)| i + 1)
}

/// Every message of a file, in order.
pub fn messages(file: &FtlFile) -> Vec<Msg<'_>> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for entry in file.resource.entries() {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (
                m.id.name.to_string(),
                m.value.as_ref(),
                m.attributes.iter().map(|a| (a.id.name, &a.value)).collect(),
            ),
            Entry::Term(t) => (
                format!("-{}", t.id.name),
                Some(&t.value),
                t.attributes.iter().map(|a| (a.id.name, &a.value)).collect(),
            ),
            _ => continue,
        };
        let n = seen.entry(id.clone()).or_insert(0);
        let line = find_line(&file.source, &id, *n);
        *n += 1;
        out.push(Msg {
            id,
            file,
            line,
            value,
            attributes,
            entry,
        });
    }
    out
}

/// What one path through a pattern's select expressions uses.
#[derive(Default, Clone)]
struct PathInfo {
    vars: BTreeSet<String>,
    has_content: bool,
    keys: Vec<String>,
}

#[derive(Default)]
struct Analysis {
    paths: Vec<PathInfo>,
    selector_vars: BTreeSet<String>,
    refs: BTreeSet<String>,
    /// Variant keys of each select, with its selector variable if any.
    selects: Vec<(Option<String>, Vec<String>)>,
}

fn inline(expr: &InlineExpression<&str>, path: &mut PathInfo, a: &mut Analysis) {
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
            a.refs.insert(match attribute {
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
            a.refs.insert(match attribute {
                Some(at) => format!("-{}.{}", id.name, at.name),
                None => format!("-{}", id.name),
            });
            path.has_content = true;
            if let Some(args) = arguments {
                for p in &args.positional {
                    inline(p, path, a);
                }
                for n in &args.named {
                    inline(&n.value, path, a);
                }
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            path.has_content = true;
            for p in &arguments.positional {
                inline(p, path, a);
            }
            for n in &arguments.named {
                inline(&n.value, path, a);
            }
        }
        InlineExpression::Placeable { expression } => {
            // A nested select is expanded by the caller; a nested inline is read here.
            if let Expression::Inline(i) = expression.as_ref() {
                inline(i, path, a);
            }
        }
    }
}

fn key_name(k: &VariantKey<&str>) -> String {
    match k {
        VariantKey::Identifier { name } => name.to_string(),
        VariantKey::NumberLiteral { value } => value.to_string(),
    }
}

fn walk(pattern: &Pattern<&str>, start: Vec<PathInfo>, a: &mut Analysis) -> Vec<PathInfo> {
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
                paths = expression_paths(expression, paths, a)
            }
        }
    }
    paths
}

fn expression_paths(
    expression: &Expression<&str>,
    paths: Vec<PathInfo>,
    a: &mut Analysis,
) -> Vec<PathInfo> {
    match expression {
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_paths(expression, paths, a)
        }
        Expression::Inline(i) => paths
            .into_iter()
            .map(|mut p| {
                inline(i, &mut p, a);
                p
            })
            .collect(),
        Expression::Select { selector, variants } => {
            let selector_var = match selector {
                InlineExpression::VariableReference { id } => Some(id.name.to_string()),
                InlineExpression::FunctionReference { arguments, .. } => {
                    arguments.positional.iter().find_map(|p| match p {
                        InlineExpression::VariableReference { id } => Some(id.name.to_string()),
                        _ => None,
                    })
                }
                _ => None,
            };
            a.selects.push((
                selector_var.clone(),
                variants.iter().map(|v| key_name(&v.key)).collect(),
            ));
            let mut out = Vec::new();
            for p in paths {
                let mut base = p.clone();
                let mut ignored = Analysis::default();
                inline(selector, &mut base, &mut ignored);
                a.refs.extend(ignored.refs);
                if let Some(v) = &selector_var {
                    a.selector_vars.insert(v.clone());
                    base.vars.insert(v.clone());
                }
                // Whether the selector produced content is irrelevant: only variants show.
                base.has_content = p.has_content;
                for variant in variants {
                    let mut start = base.clone();
                    start.keys.push(key_name(&variant.key));
                    for leaf in walk(&variant.value, vec![start], a) {
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

fn analyse(pattern: &Pattern<&str>) -> Analysis {
    let mut a = Analysis::default();
    a.paths = walk(pattern, vec![PathInfo::default()], &mut a);
    a
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
                            .help("Keep one definition and delete the other; Fluent would silently use only one."),
                    );
                    continue;
                }
                seen.insert(m.id.clone(), (f.file.clone(), m.line));
                let mut attrs = BTreeSet::new();
                for (name, _) in &m.attributes {
                    if !attrs.insert(*name) {
                        diags.push(
                            Diagnostic::error(
                                "duplicate-attribute",
                                format!("`{}` has the attribute `.{name}` twice", m.id),
                            )
                            .file(&f.file)
                            .at(m.line, 1)
                            .locale(tag.clone())
                            .help("Keep one of the two attributes."),
                        );
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

        // References to messages or terms that exist nowhere, and empty values: every locale.
        for m in msgs.values() {
            for (attr, pattern) in m.patterns() {
                let a = analyse(pattern);
                for r in &a.refs {
                    let (target, target_attr) = match r.split_once('.') {
                        Some((t, at)) => (t, Some(at)),
                        None => (r.as_str(), None),
                    };
                    let exists = |set: &BTreeMap<String, Msg>| {
                        set.get(target).is_some_and(|t| match target_attr {
                            Some(at) => t.attributes.iter().any(|(n, _)| *n == at),
                            None => t.value.is_some(),
                        })
                    };
                    if !exists(msgs) && !exists(source) {
                        diags.push(
                            Diagnostic::error(
                                "reference-mismatch",
                                format!(
                                    "`{}` refers to `{r}`, which is not defined anywhere",
                                    m.id
                                ),
                            )
                            .file(&m.file.file)
                            .at(m.line, 1)
                            .locale(tag.clone())
                            .help(format!("Define `{target}` or correct the reference.")),
                        );
                    }
                }
                if is_empty(&a) {
                    diags.push(
                        Diagnostic::error(
                            "empty-translation",
                            format!("the {} of `{}` is empty", part_name(attr), m.id),
                        )
                        .file(&m.file.file)
                        .at(m.line, 1)
                        .locale(tag.clone())
                        .help(
                            "Write the text of the message; an empty string shows readers nothing.",
                        ),
                    );
                }
                // CLDR plural categories this locale needs, on every plural select.
                for (_, keys) in &a.selects {
                    if is_plural_select(keys) {
                        let missing: Vec<&str> = plural_needed
                            .iter()
                            .filter(|c| **c != "other" && !keys.iter().any(|k| k == *c))
                            .copied()
                            .collect();
                        if !missing.is_empty() {
                            diags.push(
                                Diagnostic::warning("missing-plural-variant", format!(
                                    "the plural select in the {} of `{}` has no variant for {} (the forms {tag} distinguishes: {})",
                                    part_name(attr),
                                    m.id,
                                    missing.iter().map(|c| format!("[{c}]")).collect::<Vec<_>>().join(", "),
                                    plural_needed.join(", ")
                                ))
                                .file(&m.file.file)
                                .at(m.line, 1)
                                .locale(tag.clone())
                                .help(format!("Add the variants {} so every number reads correctly.", missing.iter().map(|c| format!("[{c}]")).collect::<Vec<_>>().join(" "))),
                            );
                        }
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
            if !source.contains_key(id) {
                // A campaign may override theme strings in one locale only; those are not obsolete
                // when the theme defines them in the source locale.
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
            match (sm.value.is_some(), tm.value.is_some()) {
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
            let sa: BTreeSet<&str> = sm.attributes.iter().map(|(n, _)| *n).collect();
            let ta: BTreeSet<&str> = tm.attributes.iter().map(|(n, _)| *n).collect();
            for missing in sa.difference(&ta) {
                diags.push(at(Diagnostic::error(
                    "attribute-mismatch",
                    format!("`{id}` lacks the attribute `.{missing}` that the source has"),
                )
                .help(format!("Add `.{missing} = …` under `{id}`."))));
            }
            for extra in ta.difference(&sa) {
                diags.push(at(Diagnostic::error(
                    "attribute-mismatch",
                    format!("`{id}` has the attribute `.{extra}`, which the source does not have"),
                )
                .help(format!(
                    "Remove `.{extra}` or check the attribute name against the source."
                ))));
            }

            // Variables and references, per part present in both.
            let mut s_refs = BTreeSet::new();
            let mut t_refs = BTreeSet::new();
            for (attr, tp) in tm.patterns() {
                let sp = match attr {
                    None => sm.value,
                    Some(n) => sm.attributes.iter().find(|(a, _)| *a == n).map(|(_, p)| *p),
                };
                let Some(sp) = sp else { continue };
                let (sa, ta) = (analyse(sp), analyse(tp));
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
                let part = part_name(attr);
                for v in all_src.difference(&all_tr) {
                    diags.push(at(Diagnostic::error(
                        "variable-mismatch",
                        format!("the {part} of `{id}` drops the variable ${v}"),
                    )
                    .help(format!(
                        "Put {{ ${v} }} back where it belongs in the sentence; the source is: {}",
                        sm.value_text()
                    ))));
                }
                for v in all_tr.difference(&all_src) {
                    diags.push(at(Diagnostic::error(
                        "variable-mismatch",
                        format!("the {part} of `{id}` uses ${v}, which the source does not have"),
                    )
                    .help(format!(
                        "The source only offers {}; check the spelling of the variable.",
                        if all_src.is_empty() {
                            "no variables".to_string()
                        } else {
                            join_vars(all_src.iter().copied())
                        }
                    ))));
                }
                // Per variant: each path must keep what every source path has.
                for p in &ta.paths {
                    let lost: Vec<&String> = always_src
                        .iter()
                        .copied()
                        .filter(|v| all_tr.contains(*v) && !p.vars.contains(*v))
                        .collect();
                    if !lost.is_empty() && !p.keys.is_empty() {
                        diags.push(at(Diagnostic::error("variable-mismatch", format!(
                            "the variant [{}] in the {part} of `{id}` drops {}",
                            p.keys.join("] ["),
                            join_vars(lost.iter().copied())
                        ))
                        .help("Every variant must show the variables the source shows in all of its variants.")));
                    }
                }
                for v in &sa.selector_vars {
                    if !ta.selector_vars.contains(v) {
                        diags.push(at(Diagnostic::error("variable-mismatch", format!("the source of `{id}` chooses its wording by ${v}, but this translation does not"))
                            .help(format!("Keep a select on ${v}: {{ ${v} -> … }} with the variants your language needs."))));
                    }
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

            // A copy of the source text.
            let has_letters = tm
                .text()
                .split_once('=')
                .is_some_and(|(_, v)| v.chars().any(char::is_alphabetic));
            if tm.text() == sm.text() && has_letters && !allowed.contains(id) {
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
