//! The whole path, load -> check -> render (the HTML site), on a generated campaign in a
//! temporary folder: the input is cut at 0xFF bytes into an English page, its French
//! translation, a French Fluent file and the partner registry. Nothing may panic, overflow
//! the stack, or write outside the output folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn campaign() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        copy_dir(&repo.join("tests/fixtures/hostile-base"), &dir);
        copy_dir(&repo.join("themes/default"), &dir.join("themes/default"));
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let root = campaign();
    let mut parts = data.split(|&b| b == 0xFF);
    let mut next = || parts.next().unwrap_or(&[]).to_vec();
    let en = next();
    let fr = next();
    let ftl = next();
    let partners = next();
    fs::write(root.join("content/en/work/fuzz.md"), en).unwrap();
    fs::write(root.join("content/fr/work/fuzz.md"), fr).unwrap();
    fs::write(root.join("locales/fr/fuzz.ftl"), ftl).unwrap();
    if !partners.is_empty() {
        fs::write(root.join("content/partners.yaml"), partners).unwrap();
    }
    let opts = herald::Options {
        root: root.clone(),
        only_site: true,
        allow_incomplete: true,
        today: Some(jiff::civil::date(2026, 12, 1)),
        ..Default::default()
    };
    // `build` checks first and stops at errors, as it should; render the site regardless
    // when the campaign loads, so the renderers see the hostile page too.
    let _ = herald::build(&opts);
    if let Ok((site, _)) = herald::load::load(root, jiff::civil::date(2026, 12, 1)) {
        let site = std::sync::Arc::new(site);
        if let Ok(tera) = herald::render::templates::compile(&site) {
            let out = tempfile::tempdir().unwrap();
            let r = herald::render::site::Renderer::new(&site, &tera, out.path(), "site".into());
            let _ = r.render();
        }
    }
    // The partner registry is restored for the next input.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hostile-base/content/partners.yaml"),
        root.join("content/partners.yaml"),
    )
    .unwrap();
});
