//! Page translations: missing, orphaned and stale translations.

use crate::diagnostics::Diagnostic;
use crate::model::Site;

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let src_tag = &site.locales[site.source].tag;
    for (li, l) in site.locales.iter().enumerate().skip(1) {
        for src in site.pages_of(site.source) {
            match site.page(li, &src.path) {
                None => out.push(
                    Diagnostic::error("missing-translation", format!("“{}” has no {} translation", src.title(), l.tag))
                        .file(format!("content/{}/{}", l.tag, src.path))
                        .locale(l.tag.clone())
                        .help(format!(
                            "Translate {} into content/{}/{} (`herald status {}` lists everything this locale needs).",
                            src.file, l.tag, src.path, l.tag
                        )),
                ),
                Some(tr) => match tr.front.translation_of.as_deref() {
                    Some(v) if v == src.version => {}
                    Some(v) => out.push(
                        Diagnostic::warning("stale-translation", format!("the source page changed since this translation was made (translated version {v}, source is now {})", src.version))
                            .file(&tr.file)
                            .line(Some(tr.key_line("translation_of")))
                            .locale(l.tag.clone())
                            .help(format!("Compare with {} and update the translation, then run `herald status --accept {}`.", src.file, tr.file)),
                    ),
                    None => out.push(
                        Diagnostic::warning("stale-translation", "this translation does not say which version of the source it translates")
                            .file(&tr.file)
                            .line(Some(1))
                            .locale(l.tag.clone())
                            .help(format!("Check it against {} and run `herald status --accept {}` to record the version.", src.file, tr.file)),
                    ),
                },
            }
        }
        for tr in site.pages_of(li) {
            if site.page(site.source, &tr.path).is_none() {
                out.push(
                    Diagnostic::error("orphan-translation", format!("this page has no source page content/{src_tag}/{}", tr.path))
                        .file(&tr.file)
                        .locale(l.tag.clone())
                        .help(format!("Rename it to match a page in content/{src_tag}/, or delete it if the source page was removed.")),
                );
            }
        }
    }
    out
}
