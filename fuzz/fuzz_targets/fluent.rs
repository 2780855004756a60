//! A translation's Fluent file, loaded and checked against a fixed source file in a real
//! campaign folder. Nothing may panic or overflow the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

fn campaign() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        fs::create_dir_all(dir.join("themes/default/templates")).unwrap();
        fs::create_dir_all(dir.join("locales/en")).unwrap();
        fs::create_dir_all(dir.join("locales/fr")).unwrap();
        fs::create_dir_all(dir.join("content/en")).unwrap();
        fs::write(
            dir.join("campaign.yaml"),
            "title: Fuzz\nsource_locale: en\nlocales: [en, fr]\n",
        )
        .unwrap();
        fs::write(
            dir.join("locales/en/main.ftl"),
            "campaign-title = Fuzz\nhello = Hello { $name }\n    .title = Greeting\n-brand = Herald\nitems = { $n ->\n    [one] One item\n   *[other] { $n } items\n}\nref = { hello } and { -brand }\n",
        )
        .unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = campaign();
    fs::write(dir.join("locales/fr/main.ftl"), data).unwrap();
    let today = jiff::civil::date(2026, 12, 1);
    if let Ok((site, _)) = herald::load::load(dir, today) {
        let _ = herald::check::run(&site, herald::check::CheckOptions::default());
        // Format every message of the translation, as templates do.
        for f in &site.ftl {
            for entry in f.resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    let _ = site.message(1, m.id.name, None);
                }
            }
        }
    }
});

