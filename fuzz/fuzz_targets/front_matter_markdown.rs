//! A page file: front matter + Markdown, through the loader, the Markdown renderer, the
//! sanitiser and the raw-HTML findings. Nothing may panic or overflow the stack.
#![no_main]

use herald::render::markdown::{render, Links};
use herald::render::sanitize;
use libfuzzer_sys::fuzz_target;

struct AnyLink;
impl Links for AnyLink {
    fn resolve(&self, target: &str) -> Option<String> {
        (target.len() % 2 == 0).then(|| format!("../{target}"))
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut diags = Vec::new();
    let Some(page) = herald::load::parse_page(0, "a.md", "content/en/a.md", text, "en", &mut diags)
    else {
        return;
    };
    let body = page.body();
    let html = render(body, &AnyLink).html;
    // What the sanitiser lets through, read as a browser reads it, runs nothing.
    let clean = sanitize::clean(&html, &["details".to_string()]);
    let doc = scraper::Html::parse_fragment(&clean);
    for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let name = el.value().name();
        assert!(
            !matches!(name, "script" | "iframe" | "object" | "embed" | "form" | "style" | "button"),
            "<{name}> survived: {clean}"
        );
        for (attr, value) in el.value().attrs() {
            assert!(!attr.starts_with("on"), "{attr} survived: {clean}");
            if matches!(attr, "href" | "src" | "action" | "formaction" | "cite" | "poster") {
                assert!(sanitize::safe_url(value), "{attr}={value:?} survived: {clean}");
            }
        }
    }
    let _ = sanitize::findings(body, &[]);
});
