//! Nothing lost: a build that is killed (SIGKILL) or interrupted (SIGINT) half-way leaves the
//! previous output byte for byte as it was, and the next build cleans up after it. Output is
//! refused where it would replace the campaign or files Herald did not create.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn leftovers(root: &Path) -> Vec<String> {
    fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".herald-"))
        .collect()
}

/// A campaign big enough that a build takes a while: 600 pages in two locales.
fn big() -> Campaign {
    let c = Campaign::fixture("hostile-base");
    let para = "Before you leave, keep a copy of your passport and your contract. ".repeat(12);
    for i in 0..600 {
        let body =
            format!("## Part {i}\n\n{para}\n\n- one\n- two\n\n| a | b |\n|---|---|\n| {i} | x |\n");
        c.write(
            &format!("content/en/big/p{i:04}.md"),
            &format!("---\ntitle: Page {i}\nsummary: Page {i}.\nreviewed: 2026-10-01\n---\n{body}"),
        );
        c.write(
            &format!("content/fr/big/p{i:04}.md"),
            &format!("---\ntitle: Page {i} (fr)\nsummary: Page {i}, en français.\nreviewed: 2026-10-01\n---\n{body}"),
        );
    }
    c
}

fn build(c: &Campaign) {
    let out = c.herald(&["build", "--only", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Starts a build, waits until it is writing pages into its staging folder, and stops it
/// with `signal`.
fn interrupt(c: &Campaign, signal: &str) {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_herald"));
    cmd.args(["build", "--only", "site", "--root"])
        .arg(c.root())
        .env("HERALD_TODAY", "2026-12-01")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // Tests started in the background by a script (`.ci/run &`) inherit SIGINT ignored, and
    // a build that ignores it rightly runs on: what is tested here is a build that Ctrl-C
    // stops, so the child gets SIGINT's default action.
    // SAFETY: between fork and exec only `signal`, which is async-signal-safe, is called.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    let writing = loop {
        let staged = leftovers(c.root())
            .into_iter()
            .filter(|n| n.starts_with(".herald-staging-output-"))
            .any(|n| {
                let site = c.root().join(&n).join("site/en/big");
                fs::read_dir(site).map(|d| d.count() >= 20).unwrap_or(false)
            });
        if staged {
            break true;
        }
        if child.try_wait().unwrap().is_some() || start.elapsed() > Duration::from_secs(300) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    assert!(writing, "the build ended before it could be interrupted");
    let pid = child.id().to_string();
    let sent = Command::new("kill").args([signal, &pid]).status().unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "{signal} did not stop the build");
}

#[test]
fn an_interrupted_build_leaves_the_previous_output_intact() {
    let c = big();
    build(&c);
    let output = c.root().join("output");
    let before = tree(&output);
    assert!(before.len() > 1200, "{} files", before.len());
    // The next build would change a page: if any of it reached output/, this would show.
    c.write(
        "content/en/work/rights.md",
        &c.read("content/en/work/rights.md")
            .replace("You must be paid on time.", "CHANGED"),
    );
    for signal in ["-KILL", "-INT"] {
        interrupt(&c, signal);
        assert!(tree(&output) == before, "{signal}: output/ changed");
        assert!(
            !leftovers(c.root()).is_empty(),
            "{signal}: the build left no staging folder, so it was not stopped mid-way"
        );
    }
    // The next build finishes, swaps the new output in and removes what the others left.
    build(&c);
    assert_eq!(leftovers(c.root()), Vec::<String>::new());
    let after = tree(&output);
    let page = String::from_utf8(after["site/en/work/rights/index.html"].clone()).unwrap();
    assert!(page.contains("CHANGED"));
}

#[test]
fn a_build_killed_between_the_two_renames_loses_nothing() {
    let c = Campaign::fixture("hostile-base");
    build(&c);
    let output = c.root().join("output");
    let before = tree(&output);
    // What a kill between "output -> aside" and "staging -> output" leaves.
    let aside = c.root().join(".herald-old-output-killed");
    fs::rename(&output, &aside).unwrap();
    fs::create_dir(c.root().join(".herald-staging-output-killed")).unwrap();
    fs::write(
        c.root()
            .join(".herald-staging-output-killed/.herald-output"),
        "",
    )
    .unwrap();
    // A build that fails (an error in a page) must not touch either.
    c.write("content/en/work/broken.md", "---\ntitle: [\n---\n");
    let out = c.herald(&["build", "--only", "site"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&aside), before);
    // The next good build puts the previous output back first, then replaces it.
    fs::remove_file(c.root().join("content/en/work/broken.md")).unwrap();
    build(&c);
    assert!(output.join(".herald-output").is_file());
    assert_eq!(leftovers(c.root()), Vec::<String>::new());
    assert_eq!(tree(&output), before);
}

#[test]
fn a_failed_build_keeps_the_previous_output() {
    let c = Campaign::fixture("hostile-base");
    build(&c);
    let output = c.root().join("output");
    let before = tree(&output);
    c.write("content/en/work/rights.md", "---\ntitle: Broken\n");
    let out = c.herald(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&output), before);
    assert_eq!(leftovers(c.root()), Vec::<String>::new());
}

#[test]
fn output_is_refused_where_it_would_replace_something() {
    let c = Campaign::fixture("hostile-base");
    let before = tree(c.root());
    let foreign = tempfile::tempdir().unwrap();
    fs::write(foreign.path().join("thesis.docx"), "years of work").unwrap();
    for out in [
        c.root().to_path_buf(),
        c.root().join("content"),
        c.root().join("content/en/site"),
        c.root().join("locales/out"),
        c.root().join("themes/default"),
        c.root().join(".."),
        foreign.path().to_path_buf(),
    ] {
        let o = c.herald(&["build", "--out", out.to_str().unwrap()]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "--out {}: {}",
            out.display(),
            stderr(&o)
        );
        assert!(stderr(&o).contains("refusing"), "{}", stderr(&o));
    }
    assert_eq!(tree(c.root()), before);
    assert_eq!(
        fs::read_to_string(foreign.path().join("thesis.docx")).unwrap(),
        "years of work"
    );
    // An output folder that cannot be written: Herald could not run (exit 2), and says where.
    let blocked = c.root().join("blocked");
    fs::write(&blocked, "a file, not a folder").unwrap();
    let o = c.herald(&["build", "--out", blocked.join("out").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
