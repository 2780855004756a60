//! Shared helpers for the integration tests: copy a fixture campaign into a temporary
//! folder, run the real `herald` binary on it, and read what it wrote.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("output") {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A fixture campaign copied into a fresh temporary folder, with the default theme added
/// unless the fixture brings its own.
pub struct Campaign {
    pub dir: tempfile::TempDir,
}

impl Campaign {
    pub fn fixture(name: &str) -> Campaign {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        if !dir.path().join("themes/default").exists() {
            copy_dir(
                &repo().join("themes/default"),
                &dir.path().join("themes/default"),
            );
        }
        Campaign { dir }
    }

    /// The repository's own example campaign.
    pub fn example() -> Campaign {
        let dir = tempfile::tempdir().unwrap();
        for part in ["campaign.yaml", "content", "locales", "themes"] {
            let from = repo().join(part);
            if from.is_dir() {
                copy_dir(&from, &dir.path().join(part));
            } else {
                fs::copy(&from, dir.path().join(part)).unwrap();
            }
        }
        Campaign { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn site(&self) -> PathBuf {
        self.root().join("output/site")
    }

    pub fn herald(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_herald"));
        cmd.args(args)
            .arg("--root")
            .arg(self.root())
            .env("HERALD_TODAY", "2026-12-01")
            .env("NO_COLOR", "1");
        cmd.output().unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// `herald check --format json`, parsed.
    pub fn check_json(&self, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        let out = self.herald(&args);
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The diagnostics of a JSON report with a given code.
pub fn with_code<'a>(report: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

/// Every HTML file under a folder, relative paths.
pub fn html_files(site: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

pub fn parse(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&fs::read_to_string(path).unwrap())
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

/// Resolves a relative URL found in `page` to a file on disk (`dir/` means `dir/index.html`).
pub fn resolve(page: &Path, href: &str) -> PathBuf {
    let path = href.split(['#', '?']).next().unwrap();
    let decoded = path.replace("%20", " ");
    let mut p = page.parent().unwrap().to_path_buf();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                p.pop();
            }
            x => p.push(x),
        }
    }
    if path.is_empty() || path.ends_with('/') {
        p.push("index.html");
    }
    p
}
