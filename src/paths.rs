//! Path and URL helpers shared by the loader and the renderers.

/// The output path (relative to the site root, `/`-separated, no leading slash) of a page's
/// directory: `work/rights.md` -> `work/rights/`, `work/_index.md` -> `work/`, `_index.md` -> ``.
pub fn page_dir(path: &str) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    if stem == "_index" {
        String::new()
    } else if let Some(dir) = stem.strip_suffix("/_index") {
        format!("{dir}/")
    } else {
        format!("{stem}/")
    }
}

/// The relative URL from one output directory to a file, both relative to the site root.
/// Directories end with `/` (or are empty for the root). Links point at `index.html`
/// explicitly so that the site works when opened from disk, where no server maps
/// `dir/` to `dir/index.html`.
pub fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(to_parts.iter())
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = String::new();
    for _ in common..from.len() {
        out.push_str("../");
    }
    out.push_str(&to_parts[common..].join("/"));
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

/// Lower-case ASCII-and-Unicode-alphanumeric slug with `-` separators.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Percent-encodes what must not appear raw in an `href` path (spaces, quotes, controls),
/// leaving non-ASCII letters as they are: browsers and servers handle UTF-8 paths.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_dirs() {
        assert_eq!(page_dir("work/rights.md"), "work/rights/");
        assert_eq!(page_dir("work/_index.md"), "work/");
        assert_eq!(page_dir("_index.md"), "");
    }

    #[test]
    fn relative_urls() {
        assert_eq!(
            relative("en/work/rights/", "en/work/job/index.html"),
            "../job/index.html"
        );
        assert_eq!(relative("en/", "fr/index.html"), "../fr/index.html");
        assert_eq!(relative("", "en/index.html"), "en/index.html");
        assert_eq!(relative("en/a/", "assets/x.svg"), "../../assets/x.svg");
        assert_eq!(relative("en/a/", "en/a/index.html"), "index.html");
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Your rights at work!"), "your-rights-at-work");
        assert_eq!(slugify("حقوقك في العمل"), "حقوقك-في-العمل");
    }
}
