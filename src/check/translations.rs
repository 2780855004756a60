//! Page translations: missing, orphaned, stale and untranslated pages, and front-matter
//! parity with the source page.

use crate::diagnostics::Diagnostic;
use crate::model::{Page, Site};
use std::collections::BTreeSet;

fn set(v: &[String]) -> BTreeSet<&str> {
    v.iter().map(String::as_str).collect()
}

fn list(v: &BTreeSet<&str>) -> String {
    if v.is_empty() {
        "none".into()
    } else {
        v.iter().copied().collect::<Vec<_>>().join(", ")
    }
}

/// The translation must keep the source's partners, stages and audiences.
fn parity(src: &Page, tr: &Page, tag: &str, out: &mut Vec<Diagnostic>) {
    let fields: [(&str, &'static str, &[String], &[String]); 3] = [
        (
            "partners",
            "partner-mismatch",
            &src.front.partners,
            &tr.front.partners,
        ),
        (
            "stages",
            "front-matter-mismatch",
            &src.front.stages,
            &tr.front.stages,
        ),
        (
            "audiences",
            "front-matter-mismatch",
            &src.front.audiences,
            &tr.front.audiences,
        ),
    ];
    for (key, code, s, t) in fields {
        let (s, t) = (set(s), set(t));
        if s != t {
            out.push(
                Diagnostic::error(code, format!("`{key}` differs from the source page: the source has [{}], this translation has [{}]", list(&s), list(&t)))
                    .file(&tr.file)
                    .line(Some(tr.key_line(key)))
                    .locale(tag)
                    .subject(tr.path.clone())
                    .help(format!("Copy `{key}` from {}: a translation credits the same partners and serves the same people as its source.", src.file)),
            );
        }
    }
}

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let src_tag = &site.locales[site.source].tag;
    for (li, l) in site.locales.iter().enumerate().skip(1) {
        let tag = l.tag.as_str();
        for src in site.pages_of(site.source) {
            let Some(tr) = site.page(li, &src.path) else {
                let file = format!("content/{tag}/{}", src.path);
                // A translation that exists but could not be read has its own error (its
                // front matter or encoding); until it is fixed, readers get the source.
                let (message, help) = if site.root.join(&file).is_file() {
                    (
                        format!("the {tag} translation of “{}” cannot be used until its errors are fixed", src.title()),
                        format!("Fix the error reported for {file}; until then readers of {tag} see {}.", src.file),
                    )
                } else {
                    (
                        format!("“{}” has no {tag} translation", src.title()),
                        format!(
                            "Translate {} into {file} (`herald status {tag} --scaffold` creates a copy to start from).",
                            src.file
                        ),
                    )
                };
                out.push(
                    Diagnostic::error("missing-translation", message)
                        .file(file)
                        .locale(tag)
                        .subject(src.path.clone())
                        .help(help),
                );
                continue;
            };
            if tr.front.untranslated {
                out.push(
                    Diagnostic::error("missing-translation", format!("“{}” is still marked `untranslated: true`", src.title()))
                        .file(&tr.file)
                        .line(Some(tr.key_line("untranslated")))
                        .locale(tag)
                        .subject(src.path.clone())
                        .help(format!("Translate the page, delete the line `untranslated: true`, then run `herald status --accept {}`.", tr.file)),
                );
                continue;
            }
            parity(src, tr, tag, &mut out);
            match tr.front.translation_of.as_deref() {
                Some(v) if v == src.version() => {}
                Some(v) => out.push(
                    Diagnostic::warning("stale-translation", format!("the source page changed since this translation was made (it translates version {v}; the source is now {})", src.version()))
                        .file(&tr.file)
                        .line(Some(tr.key_line("translation_of")))
                        .locale(tag)
                        .subject(tr.path.clone())
                        .help(format!("Compare with {} and update the translation, then run `herald status --accept {}`.", src.file, tr.file)),
                ),
                None => out.push(
                    Diagnostic::warning("stale-translation", "this translation does not say which version of the source it translates")
                        .file(&tr.file)
                        .line(Some(1))
                        .locale(tag)
                        .subject(tr.path.clone())
                        .help(format!("Check it against {}, then run `herald status --accept {}` to record the version.", src.file, tr.file)),
                ),
            }
            let (sb, tb) = (src.body().trim(), tr.body().trim());
            if !sb.is_empty() && sb == tb {
                out.push(
                    Diagnostic::warning(
                        "untranslated-copy",
                        "the text of this page is still the source text",
                    )
                    .file(&tr.file)
                    .line(Some(tr.body_line))
                    .locale(tag)
                    .subject(tr.path.clone())
                    .help(format!("Translate the text copied from {}.", src.file)),
                );
            }
        }
        for tr in site.pages_of(li) {
            let source_file = format!("content/{src_tag}/{}", tr.path);
            if site.page(site.source, &tr.path).is_none() && !site.unreadable.contains(&source_file)
            {
                out.push(
                    Diagnostic::error("orphan-translation", format!("this page has no source page content/{src_tag}/{}", tr.path))
                        .file(&tr.file)
                        .locale(tag)
                        .subject(tr.path.clone())
                        .help(format!("Rename it to match a page in content/{src_tag}/, or delete it if the source page was removed.")),
                );
            }
        }
    }
    out
}
