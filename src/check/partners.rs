//! Partners: the registry is valid and every credit names a registered partner.

use crate::diagnostics::Diagnostic;
use crate::model::Site;

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

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in &site.pages {
        let tag = &site.locales[page.locale].tag;
        for id in &page.front.partners {
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
    out
}
