//! Fluent: parse every `.ftl` file of the theme and the campaign, and build one concurrent
//! bundle per locale (theme strings first, campaign files overriding them).

use super::{read_text, rel_path, walk_files};
use crate::diagnostics::{line_col, Diagnostic};
use crate::locale::LocaleInfo;
use crate::model::{Bundle, FtlFile, FtlOrigin};
use fluent_bundle::FluentResource;
use std::path::Path;
use std::sync::Arc;

/// How deeply Fluent placeables (`{ … }`) may nest. The Fluent parser is recursive: a file of
/// thousands of `{` would overflow its stack. Real messages nest two or three levels.
pub const MAX_PLACEABLE_NESTING: usize = 50;

/// The byte offset where placeables first nest deeper than [`MAX_PLACEABLE_NESTING`].
/// Counts `{` and `}` outside string literals (which exist only inside placeables).
pub fn too_deep(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in source.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => {
                depth += 1;
                if depth > MAX_PLACEABLE_NESTING {
                    return Some(i);
                }
            }
            '}' => depth = depth.saturating_sub(1),
            '"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

fn load_dir(
    root: &Path,
    dir: &Path,
    locale: usize,
    tag: &str,
    origin: FtlOrigin,
    diags: &mut Vec<Diagnostic>,
) -> Vec<FtlFile> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for path in walk_files(dir, root, diags) {
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let file = rel_path(root, &path);
        let Some(source) = read_text(&path, &file, diags) else {
            continue;
        };
        if let Some(at) = too_deep(&source) {
            let (line, col) = line_col(&source, at);
            diags.push(
                Diagnostic::error(
                    "fluent-syntax",
                    format!("Fluent syntax error: placeables (`{{ … }}`) nest more than {MAX_PLACEABLE_NESTING} levels deep"),
                )
                .file(&file)
                .at(line, col)
                .locale(tag)
                .help("Close each `{` with a `}`; no message needs that many levels. The file is not read until it is fixed."),
            );
            continue;
        }
        let resource = match FluentResource::try_new(source.clone()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    // The parser notices an unclosed placeable only at the next line; point at
                    // the end of the text it could not finish instead, where the fix goes.
                    let floor = e.slice.as_ref().map_or(0, |s| s.start);
                    let mut at = e.pos.start.min(source.len());
                    let unclosed =
                        matches!(e.kind, fluent_syntax::parser::ErrorKind::ExpectedToken('}'));
                    while unclosed
                        && at > floor
                        && source[..at].ends_with(|c: char| c.is_whitespace())
                    {
                        at = source[..at].trim_end().len().max(floor);
                    }
                    let (line, col) = line_col(&source, at);
                    diags.push(
                        Diagnostic::error("fluent-syntax", format!("Fluent syntax error: {}", e.kind))
                            .file(&file)
                            .at(line, col)
                            .locale(tag)
                            .help("Fix the message so it follows Fluent syntax (https://projectfluent.org/fluent/guide/): values that span lines are indented, `{` placeables are closed, and every select has one `*[default]` variant."),
                    );
                }
                r
            }
        };
        out.push(FtlFile {
            locale,
            origin,
            name: rel_path(dir, &path),
            file,
            source,
            resource: Arc::new(resource),
        });
    }
    out
}

pub fn load_fluent(
    root: &Path,
    theme_dir: &Path,
    locales: &[LocaleInfo],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<FtlFile>, Vec<Bundle>) {
    let mut files = Vec::new();
    let mut bundles = Vec::new();
    for (li, l) in locales.iter().enumerate() {
        let theme = load_dir(
            root,
            &theme_dir.join("locales").join(&l.tag),
            li,
            &l.tag,
            FtlOrigin::Theme,
            diags,
        );
        let campaign = load_dir(
            root,
            &root.join("locales").join(&l.tag),
            li,
            &l.tag,
            FtlOrigin::Campaign,
            diags,
        );
        let mut bundle = Bundle::new_concurrent(vec![l.langid.clone()]);
        for f in &theme {
            // Duplicates inside one origin are reported by the checks, with their lines.
            let _ = bundle.add_resource(Arc::clone(&f.resource));
        }
        for f in &campaign {
            bundle.add_resource_overriding(Arc::clone(&f.resource));
        }
        bundles.push(bundle);
        files.extend(theme);
        files.extend(campaign);
    }
    (files, bundles)
}
