//! Partners: the registry is valid, every credit names a registered partner, every
//! registered partner is credited somewhere, and the campaign involves the stakeholder kinds
//! it says it must.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use std::collections::{BTreeMap, BTreeSet};

/// Stakeholder kinds of a whole-of-society approach, in display order.
pub const KINDS: [&str; 14] = [
    "migrants",
    "diaspora",
    "civil-society",
    "faith-based",
    "trade-union",
    "private-sector",
    "local-authority",
    "parliament",
    "human-rights-institution",
    "media",
    "red-cross-red-crescent",
    "academia",
    "government",
    "international-organisation",
];

const LOGO_EXTENSIONS: [&str; 7] = ["svg", "png", "jpg", "jpeg", "gif", "webp", "avif"];

fn registry(site: &Site, out: &mut Vec<Diagnostic>) {
    let Some(file) = site.partners_file.as_deref() else {
        return;
    };
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &site.partners {
        let at = |d: Diagnostic| d.file(file).line(Some(p.line));
        if let Some(first) = seen.insert(p.id.as_str(), p.line) {
            out.push(at(Diagnostic::error(
                "invalid-partners",
                format!(
                    "the partner id `{}` is used twice (first on line {first})",
                    p.id
                ),
            )
            .help("Give every partner its own id; pages credit partners by id.")));
        }
        if p.id.is_empty()
            || !p
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            out.push(at(Diagnostic::error(
                "invalid-partners",
                format!(
                    "the partner id `{}` must be lower-case letters, digits and hyphens",
                    p.id
                ),
            )
            .help("For example `workers-union`.")));
        }
        if !KINDS.contains(&p.kind.as_str()) {
            out.push(at(Diagnostic::error(
                "invalid-partners",
                format!("`{}` has the unknown kind `{}`", p.id, p.kind),
            )
            .help(format!("Use one of: {}.", KINDS.join(", ")))));
        }
        if let Some(u) = &p.url {
            let ok = url::Url::parse(u)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            if !ok {
                out.push(at(Diagnostic::error(
                    "invalid-partners",
                    format!("the url of `{}` is not a web address: {u}", p.id),
                )
                .help("Write the full address, starting with https://.")));
            }
        }
        if let Some(logo) = &p.logo {
            let ext = logo.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
            if !site.assets.contains(logo.as_str()) {
                out.push(at(Diagnostic::error("invalid-partners", format!("the logo of `{}` is not at content/assets/{logo}", p.id))
                    .help("Put the logo file under content/assets/ and give its path relative to that folder, e.g. `logos/union.svg`.")));
            } else if !LOGO_EXTENSIONS.contains(&ext.as_str()) {
                out.push(at(Diagnostic::error(
                    "invalid-partners",
                    format!(
                        "the logo of `{}` is not an image Herald can show ({logo})",
                        p.id
                    ),
                )
                .help("Use an SVG, PNG, JPEG, GIF, WebP or AVIF file.")));
            }
        }
        for l in p.names.keys() {
            if site.locale_index(l).is_none() {
                out.push(at(Diagnostic::warning(
                    "invalid-partners",
                    format!(
                        "`{}` has a name for `{l}`, which is not one of the campaign's locales",
                        p.id
                    ),
                )
                .help("Remove it, or correct the locale code.")));
            }
        }
    }
}

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    registry(site, &mut out);
    let mut credited: BTreeSet<&str> = site.config.partners.iter().map(String::as_str).collect();
    for page in &site.pages {
        let tag = &site.locales[page.locale].tag;
        for id in &page.front.partners {
            credited.insert(id);
            if site.partner(id).is_none() {
                out.push(
                    Diagnostic::error("unknown-partner", format!("the page credits `{id}`, which is not in the partner registry"))
                        .file(&page.file)
                        .line(Some(page.key_line("partners")))
                        .locale(tag.clone())
                        .help(format!("Add a partner with `id: {id}` to content/partners.yaml, or correct the id.")),
                );
            }
        }
    }
    for id in &site.config.partners {
        if site.partner(id).is_none() {
            out.push(
                Diagnostic::error(
                    "unknown-partner",
                    format!("campaign.yaml credits `{id}`, which is not in the partner registry"),
                )
                .file("campaign.yaml")
                .help(format!(
                    "Add a partner with `id: {id}` to content/partners.yaml, or correct the id."
                )),
            );
        }
    }
    let file = site
        .partners_file
        .as_deref()
        .unwrap_or("content/partners.yaml");
    for p in &site.partners {
        if !credited.contains(p.id.as_str()) {
            out.push(
                Diagnostic::warning("unattributed-partner", format!("{} ({}) is registered but credited nowhere", p.name, p.id))
                    .file(file)
                    .line(Some(p.line))
                    .help(format!("Add `{}` to the `partners` of the pages it contributed to, or to `partners` in campaign.yaml to credit it on every page.", p.id)),
            );
        }
    }
    for kind in &site.config.required_partner_kinds {
        if !KINDS.contains(&kind.as_str()) {
            out.push(
                Diagnostic::error(
                    "invalid-config",
                    format!("`required_partner_kinds` names the unknown kind `{kind}`"),
                )
                .file("campaign.yaml")
                .help(format!("Use one of: {}.", KINDS.join(", "))),
            );
        } else if !site.partners.iter().any(|p| &p.kind == kind) {
            out.push(
                Diagnostic::warning("missing-partner-kind", format!("the campaign must involve a {kind} partner, and has none"))
                    .file(file)
                    .help(format!("Register the {kind} organisations you work with in content/partners.yaml (kind: {kind}) and credit them.")),
            );
        }
    }
    out
}

/// Kinds the campaign involves (with how many partners) and those it lacks.
pub fn coverage(site: &Site) -> (Vec<(&'static str, usize)>, Vec<&'static str>) {
    let mut have = Vec::new();
    let mut lack = Vec::new();
    for k in KINDS {
        let n = site.partners.iter().filter(|p| p.kind == k).count();
        if n > 0 {
            have.push((k, n));
        } else {
            lack.push(k);
        }
    }
    (have, lack)
}
