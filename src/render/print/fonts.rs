//! Print fonts, named by the theme per script in `themes/<name>/print/fonts.yaml`, loaded
//! once per build and shared by every document.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyConfig {
    /// ISO 15924 script codes this family is for (`Latn`, `Arab`, `Cyrl`…).
    #[serde(default)]
    scripts: Vec<String>,
    family: String,
    files: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FontsConfig {
    /// Folders searched for font files, in order; relative ones from the print folder.
    #[serde(default)]
    dirs: Vec<String>,
    families: Vec<FamilyConfig>,
    #[serde(default)]
    mono: Option<FamilyConfig>,
}

pub struct Family {
    pub name: String,
    pub scripts: Vec<String>,
}

/// The fonts of one build.
pub struct FontSet {
    pub fonts: Vec<Font>,
    pub book: LazyHash<FontBook>,
    /// Text families, in the theme's order.
    pub families: Vec<Family>,
    pub mono: Option<String>,
    /// One bit per character of the Basic Multilingual Plane: it needs a glyph and no font
    /// has one. Built at the first question: the glyph check asks it of every character of
    /// every page, and each answer was a search of every font's coverage.
    lacking: std::sync::OnceLock<crate::charset::BmpSet>,
}

pub const CONFIG: &str = "fonts.yaml";

fn config_error(file: &str, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::error("invalid-config", msg).file(file.to_string()).help(
        "fonts.yaml lists `families` (each with `family`, `scripts` and `files`) and the `dirs` to find the files in.",
    )
}

fn find(file: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    let p = Path::new(file);
    if p.is_absolute() {
        return p.is_file().then(|| p.to_path_buf());
    }
    dirs.iter().map(|d| d.join(p)).find(|c| c.is_file())
}

/// Loads the fonts a theme's print layout names. `print_dir` is `themes/<name>/print`.
pub fn load(site: &Site, print_dir: &Path) -> Result<FontSet, Vec<Diagnostic>> {
    let rel = crate::load::rel_path(&site.root, &print_dir.join(CONFIG));
    let text = std::fs::read_to_string(print_dir.join(CONFIG)).map_err(|e| {
        vec![config_error(
            &rel,
            format!("Herald could not read {rel}: {e}"),
        )]
    })?;
    let cfg: FontsConfig = serde_yaml_ng::from_str(&text).map_err(|e| {
        let mut d = config_error(&rel, format!("{rel} is not valid: {e}"));
        if let Some(loc) = e.location() {
            d = d.at(loc.line(), loc.column());
        }
        vec![d]
    })?;
    let dirs: Vec<PathBuf> = if cfg.dirs.is_empty() {
        vec![print_dir.join("fonts")]
    } else {
        cfg.dirs
            .iter()
            .map(|d| {
                let p = Path::new(d);
                if p.is_absolute() {
                    p.to_path_buf()
                } else {
                    print_dir.join(p)
                }
            })
            .collect()
    };
    let mut fonts = Vec::new();
    let mut problems = Vec::new();
    let mut families = Vec::new();
    let mut load_family = |f: &FamilyConfig, fonts: &mut Vec<Font>| {
        for file in &f.files {
            let Some(path) = find(file, &dirs) else {
                problems.push(
                    Diagnostic::error(
                        "missing-font",
                        format!("The print font file {file} (family {}) was not found.", f.family),
                    )
                    .file(rel.clone())
                    .help(format!(
                        "Install it (Debian: apt-get install fonts-noto-core) or copy it into one of the folders fonts.yaml searches: {}.",
                        cfg.dirs.join(", ")
                    )),
                );
                continue;
            };
            let loaded: Vec<Font> = match std::fs::read(&path) {
                Ok(bytes) => Font::iter(Bytes::new(bytes)).collect(),
                Err(e) => {
                    problems.push(config_error(
                        &rel,
                        format!("Herald could not read the font {}: {e}", path.display()),
                    ));
                    continue;
                }
            };
            if loaded.is_empty() {
                problems.push(config_error(
                    &rel,
                    format!("{} is not a font file Herald can read.", path.display()),
                ));
            }
            for font in loaded {
                if !font.info().family.eq_ignore_ascii_case(&f.family) {
                    problems.push(config_error(
                        &rel,
                        format!(
                            "{} holds the family \"{}\", not \"{}\".",
                            path.display(),
                            font.info().family,
                            f.family
                        ),
                    ));
                    continue;
                }
                fonts.push(font);
            }
        }
    };
    for f in &cfg.families {
        load_family(f, &mut fonts);
        families.push(Family {
            name: f.family.clone(),
            scripts: f.scripts.clone(),
        });
    }
    if let Some(m) = &cfg.mono {
        load_family(m, &mut fonts);
    }
    if families.is_empty() {
        problems.push(config_error(&rel, format!("{rel} names no font families.")));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let book = LazyHash::new(FontBook::from_fonts(&fonts));
    Ok(FontSet {
        fonts,
        book,
        families,
        mono: cfg.mono.map(|m| m.family),
        lacking: std::sync::OnceLock::new(),
    })
}

impl FontSet {
    /// The families for a locale, the one for its script first (Arabic-first for Arabic),
    /// then the others, so text in another script (a URL in an Arabic page) still finds a
    /// font.
    pub fn for_locale(&self, site: &Site, locale: usize) -> (Vec<String>, Vec<String>) {
        let script = script_of(&site.locales[locale].icu);
        let mut main: Vec<String> = self
            .families
            .iter()
            .filter(|f| {
                f.scripts
                    .iter()
                    .any(|s| Some(s.as_str()) == script.as_deref())
            })
            .map(|f| f.name.clone())
            .collect();
        for f in &self.families {
            if !main.contains(&f.name) {
                main.push(f.name.clone());
            }
        }
        let mut mono: Vec<String> = self.mono.iter().cloned().collect();
        mono.extend(main.iter().cloned());
        (main, mono)
    }

    /// Whether some configured font has a glyph for a character.
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .any(|f| f.info().coverage.contains(c as u32))
    }

    /// Whether a character would print as a blank box: it needs a glyph
    /// ([`needs_glyph`]) and no configured font [`covers`](Self::covers) it.
    pub fn lacks(&self, c: char) -> bool {
        let lacks = |c: char| needs_glyph(c) && !self.covers(c);
        self.lacking
            .get_or_init(|| crate::charset::BmpSet::from_fn(lacks))
            .get(c)
            .unwrap_or_else(|| lacks(c))
    }
}

/// The script a locale is written in (`Latn`, `Arab`…), from CLDR's likely subtags.
pub fn script_of(locale: &icu_locale::Locale) -> Option<String> {
    let mut id = locale.id.clone();
    if id.script.is_none() {
        icu_locale::LocaleExpander::new_common().maximize(&mut id);
    }
    id.script.map(|s| s.as_str().to_string())
}

/// Characters that draw nothing and need no glyph: spaces are shaped from the font's space,
/// controls and Unicode's default-ignorable characters (bidi isolates and marks, joiners,
/// variation selectors, the soft hyphen, the BOM) are invisible by definition.
pub fn needs_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_from_cldr() {
        let ar: icu_locale::Locale = "ar".parse().unwrap();
        assert_eq!(script_of(&ar).as_deref(), Some("Arab"));
        let fr: icu_locale::Locale = "fr".parse().unwrap();
        assert_eq!(script_of(&fr).as_deref(), Some("Latn"));
        let sr: icu_locale::Locale = "sr-Latn".parse().unwrap();
        assert_eq!(script_of(&sr).as_deref(), Some("Latn"));
    }

    #[test]
    fn invisible_characters_need_no_glyph() {
        assert!(!needs_glyph('\u{2068}'));
        assert!(!needs_glyph(' '));
        assert!(needs_glyph('a'));
        assert!(needs_glyph('ب'));
    }
}
