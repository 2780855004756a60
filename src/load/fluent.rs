//! Fluent: parse every `.ftl` file of the theme and the campaign, and build one concurrent
//! bundle per locale (theme strings first, campaign files overriding them).

use super::{read_text, rel_path, walk_files};
use crate::diagnostics::{line_col, Diagnostic};
use crate::locale::LocaleInfo;
use crate::model::{Bundle, FtlFile, FtlOrigin};
use fluent_bundle::FluentResource;
use std::path::Path;
use std::sync::Arc;

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
        let resource = match FluentResource::try_new(source.clone()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    let (line, col) = line_col(&source, e.pos.start);
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
