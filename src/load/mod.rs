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

/// The largest text file Herald reads (a page, a Fluent file, `campaign.yaml`, a template):
/// 2 MiB, about 300,000 words. A bigger file is a `file-too-large` error rather than minutes of
/// work and gigabytes of memory; split a page that big into several.
pub const MAX_TEXT_BYTES: u64 = 2 * 1024 * 1024;

/// The first folder between the campaign root and `path` (the path itself excluded) that is a
/// symbolic link, if any. `rel` is `path` relative to the root.
fn symlinked_parent(path: &Path, rel: &str) -> Option<PathBuf> {
    let depth = Path::new(rel).components().count();
    path.ancestors()
        .take(depth)
        .skip(1)
        .find(|a| fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink()))
        .map(Path::to_path_buf)
}

fn symlink_diag(rel: &str) -> Diagnostic {
    Diagnostic::error(
        "symlink-skipped",
        format!("{rel} is (or is inside) a symbolic link; Herald does not follow links, so it is not read"),
    )
    .file(rel)
    .help("Copy the file into the campaign folder instead of linking to it.")
}

/// Reads a text file, reporting unreadable, oversized, binary or non-UTF-8 files as
/// diagnostics. Never follows a symbolic link, and never blocks on a pipe or device.
pub(crate) fn read_text(path: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    read_file_text(path, rel, true, diags)
}

/// [`read_text`] for a file that [`walk_files`] found: the walk already refused linked
/// folders (it checked the folder it started from, and never follows a link), so only the
/// file itself is looked at. Asking again of every folder above every page was three
/// system calls per page.
fn read_walked_text(path: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    read_file_text(path, rel, false, diags)
}

fn read_file_text(
    path: &Path,
    rel: &str,
    check_parents: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    use std::io::Read;
    let unreadable = |why: String| {
        Diagnostic::error(
            "unreadable-file",
            format!("Herald could not read {rel}: {why}"),
        )
        .file(rel)
        .help("Check that the file exists and that you have permission to read it.")
    };
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diags.push(unreadable(e.to_string()));
            return None;
        }
    };
    if meta.file_type().is_symlink() || (check_parents && symlinked_parent(path, rel).is_some()) {
        diags.push(symlink_diag(rel));
        return None;
    }
    if !meta.is_file() {
        diags.push(unreadable("it is not a regular file".into()));
        return None;
    }
    let too_large = |size: u64| {
        Diagnostic::error(
            "file-too-large",
            format!(
                "{rel} is {:.1} MiB; Herald reads text files of at most {} MiB",
                size as f64 / 1048576.0,
                MAX_TEXT_BYTES / 1048576
            ),
        )
        .file(rel)
        .help("Split the page into several smaller pages, or check that this is the file you meant to put here.")
    };
    if meta.len() > MAX_TEXT_BYTES {
        diags.push(too_large(meta.len()));
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let read =
        fs::File::open(path).and_then(|f| f.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        diags.push(unreadable(e.to_string()));
        return None;
    }
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        diags.push(too_large(bytes.len() as u64));
        return None;
    }
    // memchr: every byte of every file is looked at, and a byte loop was 1 % of a build.
    if let Some(nul) = memchr::memchr(0, &bytes) {
        let (line, col) =
            crate::diagnostics::line_col(&String::from_utf8_lossy(&bytes[..nul]), usize::MAX);
        diags.push(
            Diagnostic::error(
                "invalid-encoding",
                format!("{rel} is a binary file (it contains NUL bytes), not text"),
            )
            .file(rel)
            .at(line, col)
            .help("Pages, messages and settings are UTF-8 text files. Put images and documents under content/assets/."),
        );
        return None;
    }
    match String::from_utf8(bytes) {
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

/// serde_yaml_ng refuses a "billion laughs" document (aliases that repeat aliases) with
/// "repetition limit exceeded" and nesting deeper than 128 with "recursion limit exceeded".
/// Its messages are for programmers: say it for people.
pub(crate) fn yaml_message(e: &serde_yaml_ng::Error) -> String {
    let msg = e.to_string();
    if msg.contains("repetition limit exceeded") {
        "its aliases (`*name`) repeat other aliases so often that the data would be enormous; write the values out instead".into()
    } else if msg.contains("recursion limit exceeded") {
        format!("it nests lists or maps too deeply ({msg})")
    } else {
        msg
    }
}

pub(crate) trait OrAlias {
    /// Where the error has no location, the first line that uses an alias, if it is one.
    fn or_alias(self, text: &str, e: &serde_yaml_ng::Error, line_offset: usize) -> Self;
}

impl OrAlias for (Option<usize>, Option<usize>) {
    fn or_alias(self, text: &str, e: &serde_yaml_ng::Error, line_offset: usize) -> Self {
        if self.0.is_some() || !e.to_string().contains("repetition limit") {
            return self;
        }
        text.lines()
            .position(|l| l.split_once(':').is_some_and(|(_, v)| v.contains('*')))
            .map_or(self, |i| (Some(i + 1 + line_offset), Some(1)))
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
    let Some(text) = read_text(&path, "campaign.yaml", &mut diags) else {
        // Not there to read at all: Herald cannot run (exit 2). There but not text: exit 1.
        return Err(match diags.first() {
            Some(d) if d.code == "unreadable-file" => LoadFailure::Io(d.message.clone()),
            _ => LoadFailure::Invalid(diags),
        });
    };
    let campaign: Campaign = serde_yaml_ng::from_str(&text).map_err(|e| {
        let (line, column) = yaml_error(&e, 0).or_alias(&text, &e, 0);
        let mut d = Diagnostic::error(
            "invalid-config",
            format!("campaign.yaml is not valid: {}", yaml_message(&e)),
        )
        .file("campaign.yaml")
        .help(
            "campaign.yaml needs at least `title`, `source_locale` and `locales`; see the README.",
        );
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
            let (line, column) = yaml_error(&e, 0).or_alias(&text, &e, 0);
            let mut d = Diagnostic::error(
                "invalid-partners",
                format!("the partner registry is not valid: {}", yaml_message(&e)),
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
    // A folder reached through a linked parent (`content` -> elsewhere) is outside the
    // campaign: skip it whole.
    let rel = rel_path(root, dir);
    if let Some(link) = symlinked_parent(dir, &rel) {
        let link = rel_path(root, &link);
        diags.push(
            Diagnostic::warning(
                "symlink-skipped",
                format!("{link} is a symbolic link; Herald does not follow links"),
            )
            .file(link)
            .help("Copy the folder into the campaign instead of linking to it."),
        );
        return out;
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .follow_root_links(false)
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

fn unsafe_path_diag(rel: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        "unsafe-path",
        format!("{rel} cannot be published under this name: {why}"),
    )
    .file(rel)
    .help("Rename the file with letters, digits, `-`, `_` and `.` (any script is fine).")
}

/// Settings that name files: the theme must be a folder name inside `themes/`.
fn check_config(config: &Campaign, text: &str) -> Result<(), LoadFailure> {
    let theme = &config.theme;
    let why = crate::paths::unsafe_path(theme).or_else(|| {
        theme
            .contains('/')
            .then_some("it is a path, not a folder name")
    });
    if let Some(why) = why {
        return Err(LoadFailure::Invalid(vec![Diagnostic::error(
            "invalid-config",
            format!("`theme: {theme}` is not a theme folder name: {why}"),
        )
        .file("campaign.yaml")
        .line(key_line(text, "theme"))
        .help("Name a folder inside themes/, such as `theme: default`.")]));
    }
    Ok(())
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
    check_config(&config, &config_text)?;
    if let Some(url) = config.base_url.as_deref().filter(|u| !page::web_url(u)) {
        diags.push(
            Diagnostic::error("invalid-config", format!("`base_url: {url}` is not a web address"))
                .file("campaign.yaml")
                .line(key_line(&config_text, "base_url"))
                .help("Give the address where the site is published, starting with https://, such as https://example.org/campaign/."),
        );
    }
    for tag in &config.allow_html {
        if let Err(why) = crate::render::sanitize::may_allow(tag) {
            diags.push(
                Diagnostic::error("invalid-config", format!("`allow_html` lists `{tag}`, which {why}"))
                    .file("campaign.yaml")
                    .line(key_line(&config_text, "allow_html"))
                    .help("List only element names such as `details` or `summary`; scripts, styles, iframes and form controls are never allowed."),
            );
        }
    }

    let theme_dir = root.join("themes").join(&config.theme);
    let theme_rel = format!("themes/{}/templates", config.theme);
    if fs::symlink_metadata(theme_dir.join("templates")).is_ok_and(|m| m.file_type().is_symlink())
        || symlinked_parent(&theme_dir.join("templates"), &theme_rel).is_some()
    {
        return Err(LoadFailure::Invalid(vec![symlink_diag(&theme_rel)]));
    }
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
    // Each locale's folder is walked on its own thread; their files and diagnostics are
    // then taken in the campaign's locale order, so the result does not depend on timing.
    use rayon::prelude::*;
    type Found = (usize, String, PathBuf);
    let walked: Vec<(Vec<Found>, Vec<Diagnostic>)> = crate::timing::phase("load: walk", || {
        locales
            .par_iter()
            .enumerate()
            .map(|(li, l)| {
                let mut raw = Vec::new();
                let mut diags = Vec::new();
                let dir = content.join(&l.tag);
                if !dir.is_dir() {
                    return (raw, diags);
                }
                for path in walk_files(&dir, root, &mut diags) {
                    let inner = rel_path(&dir, &path);
                    if inner.split('/').any(is_hidden) {
                        continue;
                    }
                    if !inner.ends_with(".md") {
                        continue;
                    }
                    if let Some(why) = crate::paths::unsafe_path(&inner) {
                        diags.push(unsafe_path_diag(&rel_path(root, &path), why));
                        continue;
                    }
                    // Paths are compared in NFC: a page saved in NFD pairs up with its translation.
                    raw.push((li, crate::paths::nfc(&inner), path));
                }
                (raw, diags)
            })
            .collect()
    });
    let mut pages_raw = Vec::new();
    for (raw, d) in walked {
        pages_raw.extend(raw);
        diags.extend(d);
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

    let parsed: Vec<(Option<crate::model::Page>, Vec<Diagnostic>)> =
        crate::timing::phase("load: read and parse pages", || {
            pages_raw
                .par_iter()
                .map(|(li, inner, path)| {
                    let mut d = Vec::new();
                    let rel = rel_path(root, path);
                    let page = read_walked_text(path, &rel, &mut d).and_then(|text| {
                        parse_page(*li, inner, &rel, text, &locales[*li].tag, &mut d)
                    });
                    (page, d)
                })
                .collect()
        });
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
    // Two files whose names differ only in Unicode normalisation are one page: keep the first.
    let mut page_index: HashMap<String, Vec<Option<usize>>> = HashMap::with_capacity(pages.len());
    let mut kept: Vec<crate::model::Page> = Vec::with_capacity(pages.len());
    for p in pages {
        let slot = &mut page_index
            .entry(p.path.clone())
            .or_insert_with(|| vec![None; locales.len()])[p.locale];
        if let Some(first) = *slot {
            diags.push(
                Diagnostic::error(
                    "duplicate-page",
                    format!("{} and {} are the same page: their names differ only in Unicode normalisation", kept[first].file, p.file),
                )
                .file(&p.file)
                .locale(locales[p.locale].tag.clone())
                .help("Keep one of the two files."),
            );
            unreadable.insert(p.file.clone());
            continue;
        }
        *slot = Some(kept.len());
        kept.push(p);
    }
    let pages = kept;

    // Shared assets.
    let mut assets = BTreeSet::new();
    let assets_dir = content.join("assets");
    if assets_dir.is_dir() {
        for path in walk_files(&assets_dir, root, &mut diags) {
            let asset = rel_path(&assets_dir, &path);
            if let Some(why) = crate::paths::unsafe_path(&asset) {
                diags.push(unsafe_path_diag(&rel_path(root, &path), why));
                continue;
            }
            assets.insert(asset);
        }
    }

    let (partners, partners_file) = load_partners(root, &mut diags);
    let (ftl, bundles) = crate::timing::phase("load: fluent", || {
        fluent::load_fluent(root, &theme_dir, &locales, &mut diags)
    });

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
