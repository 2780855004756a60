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
    // Without collecting either path's parts: every page asks for a dozen of these.
    let from = || from_dir.split('/').filter(|s| !s.is_empty());
    let to_parts = to.split('/').count();
    let common = from()
        .zip(to.split('/'))
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.saturating_sub(1));
    let ups = from().count() - common;
    // What follows the first `common` parts of `to` and their slashes.
    let rest = match common {
        0 => to,
        n => to
            .match_indices('/')
            .nth(n - 1)
            .map_or("", |(i, _)| &to[i + 1..]),
    };
    let mut out = String::with_capacity(3 * ups + rest.len());
    for _ in 0..ups {
        out.push_str("../");
    }
    out.push_str(rest);
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

/// Lower-case ASCII-and-Unicode-alphanumeric slug with `-` separators.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    // The content checks' tables: the same answers as `is_alphanumeric` and `to_lowercase`,
    // without their searches (every heading of every page is slugged).
    use crate::check::content::letters;
    for c in text.chars() {
        if letters::is_alnum(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            letters::lower(c, |l| out.push(l));
        } else {
            dash = true;
        }
    }
    out
}

/// Percent-encodes what must not appear raw in an `href` path (spaces, quotes, controls),
/// leaving non-ASCII letters as they are: browsers and servers handle UTF-8 paths.
pub fn encode_path(path: &str) -> String {
    // Nearly every path is plain ASCII with nothing to encode.
    if path
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'#' | b'%' | b'?'))
    {
        return path.to_string();
    }
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

/// Why a path inside the campaign (`/`-separated, relative) cannot be published as it is,
/// if it cannot: it must stay inside its folder on every system a bundle may be unpacked on.
/// `..`, `.` and empty segments, absolute paths, Windows drive letters and separators (`\`,
/// `:`), NUL and other control characters, and segments that Windows would change (ending
/// in a dot or a space) are refused.
pub fn unsafe_path(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("the path is empty");
    }
    if path.starts_with('/') {
        return Some("it is an absolute path");
    }
    if path.chars().any(|c| c.is_control()) {
        return Some("it contains a control character (such as NUL or a line break)");
    }
    if path.contains('\\') {
        return Some("it contains a backslash, which Windows reads as a folder separator");
    }
    if path.contains(':') {
        return Some("it contains `:`, which Windows reads as a drive letter or stream");
    }
    for seg in path.split('/') {
        if seg.is_empty() || seg == "." || seg == ".." {
            return Some("it has an empty, `.` or `..` folder name");
        }
        if seg.ends_with('.') || seg.ends_with(' ') {
            return Some("a name ends with a dot or a space, which Windows removes");
        }
    }
    None
}

/// A path in Unicode normalisation form C, so that a page saved by an editor that writes
/// NFD (macOS) pairs up with its translation saved in NFC.
pub fn nfc(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    path.nfc().collect()
}

/// Joins a relative URL to the directory it is written in (both site-relative, `/`-separated)
/// and normalises `.` and `..`. `None` if it would leave the site's root.
pub fn join_url(from_dir: &str, url: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in url.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The version `relative` replaced, which collected both paths' parts: the reference.
    fn relative_by_parts(from_dir: &str, to: &str) -> String {
        let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
        let to_parts: Vec<&str> = to.split('/').collect();
        let common = from
            .iter()
            .zip(to_parts.iter())
            .take_while(|(a, b)| a == b)
            .count()
            .min(to_parts.len().saturating_sub(1));
        let mut out = "../".repeat(from.len() - common);
        out.push_str(&to_parts[common..].join("/"));
        if out.is_empty() {
            out.push_str("./");
        }
        out
    }

    #[test]
    fn relative_agrees_with_the_version_by_parts() {
        let dirs = [
            "",
            "en/",
            "en/work/",
            "en/work/rights/",
            "ar/عمل/حقوق/",
            "en//x/",
        ];
        let files = [
            "",
            "style.css",
            "en/index.html",
            "en/work/index.html",
            "en/work/rights/index.html",
            "en/work/other/index.html",
            "fr/work/rights/index.html",
            "ar/عمل/حقوق/index.html",
            "assets/logos/a b.svg",
            "en/work/",
            "en//x/index.html",
        ];
        for d in dirs {
            for f in files {
                assert_eq!(relative(d, f), relative_by_parts(d, f), "{d:?} -> {f:?}");
            }
        }
    }

    #[test]
    fn encode_path_leaves_plain_paths_and_encodes_the_rest() {
        assert_eq!(
            encode_path("../en/work/index.html"),
            "../en/work/index.html"
        );
        assert_eq!(encode_path("a b/\"#%?.svg"), "a%20b/%22%23%25%3F.svg");
        assert_eq!(encode_path("ar/عمل/\u{85}x"), "ar/عمل/%C2%85x");
        assert_eq!(encode_path("tab\there"), "tab%09here");
    }

    #[test]
    fn unsafe_paths() {
        for ok in [
            "work/rights.md",
            "حقوق/العمل.md",
            "a b/c.md",
            "_index.md",
            "été.md",
        ] {
            assert_eq!(unsafe_path(ok), None, "{ok}");
        }
        for bad in [
            "../x.md",
            "a/../../x.md",
            "/etc/passwd",
            "C:/Windows/x.md",
            "a\\..\\x.md",
            "a\0b.md",
            "a\nb.md",
            "./a.md",
            "a//b.md",
            "a./b.md",
            "aux:1",
            "",
        ] {
            assert!(unsafe_path(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn nfd_and_nfc_paths_pair_up() {
        assert_eq!(nfc("e\u{301}te\u{301}.md"), nfc("\u{e9}t\u{e9}.md"));
    }

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
