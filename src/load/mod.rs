//! Load: walk the campaign folder and build the [`Site`] model. Problems in the input become
//! diagnostics; only a campaign without a readable `campaign.yaml` stops loading.

mod fluent;
mod page;

pub use page::{parse_page, split_front_matter, version_of};

use crate::config::Campaign;
use crate::diagnostics::Diagnostic;
use crate::locale::LocaleInfo;
use crate::model::{Partner, Site};
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

/// Why a campaign could not be loaded at all.
#[derive(Debug)]
pub enum LoadFailure {
    /// The configuration is wrong: exit 1, the diagnostics say why.
    Invalid(Vec<Diagnostic>),
    /// Herald could not read the campaign: exit 2.
    Io(String),
}

/// Reads a text file, reporting unreadable or non-UTF-8 files as diagnostics.
pub(crate) fn read_text(path: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(mut s) => {
                if s.starts_with('\u{feff}') {
                    s.drain(..3);
                }
                if s.contains('\r') {
                    s = s.replace("\r\n", "\n");
                }
                Some(s)
            }
            Err(e) => {
                let (line, col) = crate::diagnostics::line_col(
                    &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
                    usize::MAX,
                );
                diags.push(
                    Diagnostic::error("invalid-encoding", format!("{rel} is not UTF-8 text"))
                        .file(rel)
                        .at(line, col)
                        .help("Save the file as UTF-8 (most editors offer this under \"Save with encoding\")."),
                );
                None
            }
        },
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "unreadable-file",
                    format!("Herald could not read {rel}: {e}"),
                )
                .file(rel)
                .help("Check that the file exists and that you have permission to read it."),
            );
            None
        }
    }
}

pub(crate) fn rel_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub(crate) fn yaml_error(
    e: &serde_yaml_ng::Error,
    line_offset: usize,
) -> (Option<usize>, Option<usize>) {
    match e.location() {
        Some(loc) => (Some(loc.line() + line_offset), Some(loc.column())),
        None => (None, None),
    }
}

fn load_config(root: &Path) -> Result<Campaign, LoadFailure> {
    let path = root.join("campaign.yaml");
    if !path.exists() {
        return Err(LoadFailure::Io(format!(
            "{} has no campaign.yaml: is this a campaign folder? (`herald init DIR` creates one)",
            root.display()
        )));
    }
    let mut diags = Vec::new();
    let text = read_text(&path, "campaign.yaml", &mut diags)
        .ok_or_else(|| LoadFailure::Invalid(diags.clone()))?;
    let campaign: Campaign = serde_yaml_ng::from_str(&text).map_err(|e| {
        let (line, column) = yaml_error(&e, 0);
        let mut d = Diagnostic::error("invalid-config", format!("campaign.yaml is not valid: {e}"))
            .file("campaign.yaml")
            .help("campaign.yaml needs at least `title`, `source_locale` and `locales`; see the README.");
        d.line = line;
        d.column = column;
        LoadFailure::Invalid(vec![d])
    })?;
    Ok(campaign)
}

fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.starts_with(key) && l[key.len()..].trim_start().starts_with(':'))
        .map(|i| i + 1)
}

fn load_locales(config: &mut Campaign, text: &str) -> Result<Vec<LocaleInfo>, LoadFailure> {
    let mut diags = Vec::new();
    let line = key_line(text, "locales");
    if !config.locales.contains(&config.source_locale) {
        config.locales.insert(0, config.source_locale.clone());
    }
    // The source locale first: every check compares against index 0.
    let src = config.source_locale.clone();
    config.locales.sort_by_key(|l| *l != src);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for tag in &config.locales {
        if !seen.insert(tag.clone()) {
            diags.push(
                Diagnostic::error(
                    "invalid-config",
                    format!("the locale `{tag}` is listed twice"),
                )
                .file("campaign.yaml")
                .line(line)
                .help("List each locale once in `locales`."),
            );
            continue;
        }
        match LocaleInfo::parse(tag) {
            Some(l) => out.push(l),
            None => diags.push(
                Diagnostic::error("invalid-config", format!("`{tag}` is not a locale code"))
                    .file("campaign.yaml")
                    .line(line)
                    .help("Use BCP 47 language tags such as `en`, `fr`, `ar`, `pt-BR`."),
            ),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(LoadFailure::Invalid(diags))
    }
}

fn load_partners(root: &Path, diags: &mut Vec<Diagnostic>) -> (Vec<Partner>, Option<String>) {
    let rel = "content/partners.yaml";
    let path = root.join(rel);
    if !path.exists() {
        return (Vec::new(), None);
    }
    let Some(text) = read_text(&path, rel, diags) else {
        return (Vec::new(), Some(rel.into()));
    };
    let mut partners: Vec<Partner> = match serde_yaml_ng::from_str::<Option<Vec<Partner>>>(&text) {
        Ok(p) => p.unwrap_or_default(),
        Err(e) => {
            let (line, column) = yaml_error(&e, 0);
            let mut d = Diagnostic::error(
                "invalid-partners",
                format!("the partner registry is not valid: {e}"),
            )
            .file(rel)
            .help(
                "content/partners.yaml is a list of partners, each with `id`, `name` and `kind`.",
            );
            d.line = line;
            d.column = column;
            diags.push(d);
            return (Vec::new(), Some(rel.into()));
        }
    };
    // Each list item starts with `- `: match them to partners in order for line numbers.
    let starts: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || l.trim_end() == "-")
        .map(|(i, _)| i + 1)
        .collect();
    for (i, p) in partners.iter_mut().enumerate() {
        p.line = starts.get(i).copied().unwrap_or(1);
    }
    (partners, Some(rel.into()))
}

/// Walks a folder (not following symlinks) and returns its files, sorted.
pub(crate) fn walk_files(dir: &Path, root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() => out.push(e.into_path()),
            Ok(e) if e.file_type().is_symlink() => diags.push(
                Diagnostic::warning(
                    "symlink-skipped",
                    format!(
                        "{} is a symbolic link; Herald does not follow links",
                        rel_path(root, e.path())
                    ),
                )
                .file(rel_path(root, e.path()))
                .help("Copy the file into the campaign folder instead of linking to it."),
            ),
            Ok(_) => {}
            Err(e) => {
                let rel = e.path().map(|p| rel_path(root, p)).unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        "unreadable-file",
                        format!("Herald could not read {rel}: {e}"),
                    )
                    .file(rel)
                    .help("Check the folder's permissions."),
                )
            }
        }
    }
    out
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Loads a campaign. `today` decides which reviews are overdue.
pub fn load(root: &Path, today: jiff::civil::Date) -> Result<(Site, Vec<Diagnostic>), LoadFailure> {
    let mut config = load_config(root)?;
    let config_text = fs::read_to_string(root.join("campaign.yaml")).unwrap_or_default();
    let locales = load_locales(&mut config, &config_text)?;
    let mut diags = Vec::new();

    let theme_dir = root.join("themes").join(&config.theme);
    if !theme_dir.join("templates").is_dir() {
        return Err(LoadFailure::Invalid(vec![Diagnostic::error(
            "missing-theme",
            format!("the theme `{}` has no templates folder", config.theme),
        )
        .file("campaign.yaml")
        .line(key_line(&config_text, "theme"))
        .help(format!(
            "Create themes/{}/templates/ or set `theme: default` (herald init ships the default theme).",
            config.theme
        ))]));
    }

    // Pages, in every configured locale.
    let content = root.join("content");
    let mut pages_raw = Vec::new();
    for (li, l) in locales.iter().enumerate() {
        let dir = content.join(&l.tag);
        if !dir.is_dir() {
            continue;
        }
        for path in walk_files(&dir, root, &mut diags) {
            let inner = rel_path(&dir, &path);
            if inner.split('/').any(is_hidden) {
                continue;
            }
            if !inner.ends_with(".md") {
                continue;
            }
            pages_raw.push((li, inner, path));
        }
    }
    if content.is_dir() {
        if let Ok(rd) = fs::read_dir(&content) {
            let mut names: Vec<String> = rd
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            for name in names {
                if name != "assets" && !is_hidden(&name) && !locales.iter().any(|l| l.tag == name) {
                    diags.push(
                        Diagnostic::warning("unknown-locale", format!("content/{name}/ is not one of the campaign's locales, so it is not published"))
                            .file(format!("content/{name}"))
                            .help(format!("Add `{name}` to `locales` in campaign.yaml, or rename the folder to a listed locale.")),
                    );
                }
            }
        }
    }

    use rayon::prelude::*;
    let parsed: Vec<(Option<crate::model::Page>, Vec<Diagnostic>)> = pages_raw
        .par_iter()
        .map(|(li, inner, path)| {
            let mut d = Vec::new();
            let rel = rel_path(root, path);
            let page = read_text(path, &rel, &mut d)
                .and_then(|text| parse_page(*li, inner, &rel, text, &locales[*li].tag, &mut d));
            (page, d)
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    let mut unreadable = BTreeSet::new();
    for ((p, d), (_, _, path)) in parsed.into_iter().zip(&pages_raw) {
        diags.extend(d);
        match p {
            Some(p) => pages.push(p),
            None => {
                unreadable.insert(rel_path(root, path));
            }
        }
    }
    let page_index: HashMap<(usize, String), usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.locale, p.path.clone()), i))
        .collect();

    // Shared assets.
    let mut assets = BTreeSet::new();
    let assets_dir = content.join("assets");
    if assets_dir.is_dir() {
        for path in walk_files(&assets_dir, root, &mut diags) {
            assets.insert(rel_path(&assets_dir, &path));
        }
    }

    let (partners, partners_file) = load_partners(root, &mut diags);
    let (ftl, bundles) = fluent::load_fluent(root, &theme_dir, &locales, &mut diags);

    let site = Site {
        root: root.to_path_buf(),
        config,
        theme_dir,
        locales,
        source: 0,
        pages,
        unreadable,
        page_index,
        partners,
        partners_file,
        ftl,
        bundles,
        assets,
        today,
    };
    Ok((site, diags))
}
