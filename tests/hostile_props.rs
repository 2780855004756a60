//! Property tests for the path and URL helpers (`src/paths.rs`) and the preview server's
//! request mapping (`serve::resolve`): every link Herald generates resolves inside the site,
//! and no request, however encoded, maps outside the site folder.

use herald::paths::{join_url, nfc, page_dir, relative, slugify, unsafe_path};
use herald::serve::resolve;
use proptest::prelude::*;
use std::path::{Component, Path};

/// A folder or file name as a campaign may have one: any script, spaces, dots inside.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9_-]{1,8}",
        "[a-zé ü.-]{1,6}[a-z]",
        "[\u{0600}-\u{06ff}]{1,5}",
        "[\u{0400}-\u{04ff}]{1,5}",
        "[\u{4e00}-\u{4e40}]{1,3}",
    ]
}

/// A page path inside a locale folder, as the loader accepts it.
fn page_path() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(segment(), 0..4),
        segment(),
        any::<bool>(),
    )
        .prop_map(|(dirs, name, index)| {
            let mut parts = dirs;
            parts.push(if index { "_index".into() } else { name });
            format!("{}.md", parts.join("/"))
        })
}

fn locale() -> impl Strategy<Value = String> {
    prop_oneof![Just("en"), Just("fr"), Just("ar"), Just("pt-BR")].prop_map(String::from)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A link from any page to any page (or shared file) lands exactly on its target, and
    /// never above the site's root on the way.
    #[test]
    fn every_generated_link_resolves_inside_the_site(
        from_l in locale(), from in page_path(), to_l in locale(), to in page_path(),
    ) {
        prop_assume!(unsafe_path(&from).is_none() && unsafe_path(&to).is_none());
        let from_dir = format!("{from_l}/{}", page_dir(&from));
        let target = format!("{to_l}/{}index.html", page_dir(&to));
        let url = relative(&from_dir, &target);
        prop_assert!(!url.starts_with('/') && !url.contains("://"), "{url}");
        prop_assert_eq!(join_url(&from_dir, &url), Some(target.clone()), "{} from {}", url, from_dir);
        let asset = format!("assets/{}", to.trim_end_matches(".md"));
        let url = relative(&from_dir, &asset);
        prop_assert_eq!(join_url(&from_dir, &url), Some(asset));
    }

    /// Output folders of pages stay inside their locale folder.
    #[test]
    fn page_dirs_stay_in_their_folder(path in page_path()) {
        prop_assume!(unsafe_path(&path).is_none());
        let dir = page_dir(&path);
        prop_assert!(dir.is_empty() || dir.ends_with('/'));
        prop_assert!(!dir.starts_with('/'));
        prop_assert!(dir.split('/').all(|s| s != ".." && s != "."), "{dir}");
    }

    /// Whatever a file is called, a name the loader accepts cannot climb out of its folder.
    #[test]
    fn accepted_names_cannot_climb(path in "[a-z./\\\\:\u{0}\n C]{0,12}") {
        if unsafe_path(&path).is_none() {
            prop_assert!(!path.starts_with('/'));
            prop_assert!(Path::new(&path).components().all(|c| matches!(c, Component::Normal(_))), "{path:?}");
            prop_assert!(!path.contains(['\\', ':', '\0']));
            prop_assert_eq!(join_url("en/", &path).map(|p| p.starts_with("en/")), Some(true));
        }
    }

    /// Slugs (heading anchors) are made of letters, digits and `-` only.
    #[test]
    fn slugs_are_plain(text in ".{0,40}") {
        let s = slugify(&text);
        prop_assert!(s.chars().all(|c| c.is_alphanumeric() || c == '-'), "{s}");
        prop_assert!(!s.contains("..") && !s.contains('/'));
    }

    /// NFC is idempotent, so a path normalised twice is the same key.
    #[test]
    fn nfc_is_stable(path in page_path()) {
        prop_assert_eq!(nfc(&nfc(&path)), nfc(&path));
    }

    /// No request path, raw or percent-encoded, maps outside the site folder.
    #[test]
    fn serve_never_leaves_the_site(
        parts in prop::collection::vec(prop_oneof![
            Just("..".to_string()), Just(".".to_string()), Just("%2e%2e".to_string()),
            Just("%2E%2e".to_string()), Just("..%2f".to_string()), Just("%2f".to_string()),
            Just("%5c..".to_string()), Just("%00".to_string()), Just("//".to_string()),
            Just("C:".to_string()), Just("\\..".to_string()), segment(),
        ], 0..8),
        query in "[?#]?[a-z=&./]{0,6}",
    ) {
        let site = Path::new("/srv/herald/site");
        let url = format!("/{}{query}", parts.join("/"));
        if let Some(p) = resolve(site, &url) {
            prop_assert!(p.starts_with(site), "{url} -> {}", p.display());
            prop_assert!(
                p.strip_prefix(site).unwrap().components().all(|c| matches!(c, Component::Normal(_))),
                "{url} -> {}", p.display()
            );
            prop_assert!(!p.to_string_lossy().contains('\0'));
        }
    }
}
