//! Coverage: which audiences each locale serves at each migration stage, and which
//! stakeholder kinds the campaign involves. Shown by `herald status` and the dashboard.

use crate::model::{Site, STAGES};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AudienceRow {
    pub audience: String,
    /// Pages serving this audience at each stage, in [`STAGES`] order.
    pub pages: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocaleCoverage {
    pub locale: String,
    pub rows: Vec<AudienceRow>,
    /// (audience, stage) pairs no page of this locale serves.
    pub gaps: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindCoverage {
    pub kind: &'static str,
    pub partners: Vec<String>,
    pub required: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub stages: Vec<&'static str>,
    pub audiences: Vec<LocaleCoverage>,
    pub kinds: Vec<KindCoverage>,
}

pub fn coverage(site: &Site) -> Coverage {
    let audiences = site
        .locales
        .iter()
        .enumerate()
        .map(|(li, l)| {
            // Only real translations count: a fallback page does not serve this locale's readers.
            let pages: Vec<_> = site
                .pages_of(li)
                .filter(|p| !p.is_index() && site.translated(li, &p.path).is_some())
                .collect();
            let rows: Vec<AudienceRow> = site
                .config
                .audiences
                .iter()
                .map(|a| AudienceRow {
                    audience: a.clone(),
                    pages: STAGES
                        .iter()
                        .map(|s| {
                            pages
                                .iter()
                                .filter(|p| {
                                    p.front.audiences.contains(a)
                                        && p.front.stages.iter().any(|x| x == s)
                                })
                                .count()
                        })
                        .collect(),
                })
                .collect();
            let gaps = rows
                .iter()
                .flat_map(|r| {
                    STAGES
                        .iter()
                        .zip(&r.pages)
                        .filter(|(_, n)| **n == 0)
                        .map(|(s, _)| (r.audience.clone(), s.to_string()))
                })
                .collect();
            LocaleCoverage {
                locale: l.tag.clone(),
                rows,
                gaps,
            }
        })
        .collect();
    let kinds = crate::check::partners::KINDS
        .iter()
        .map(|k| KindCoverage {
            kind: k,
            partners: site
                .partners
                .iter()
                .filter(|p| p.kind == *k)
                .map(|p| p.name.clone())
                .collect(),
            required: site.config.required_partner_kinds.iter().any(|r| r == k),
        })
        .collect();
    Coverage {
        stages: STAGES.to_vec(),
        audiences,
        kinds,
    }
}

/// Coverage as text for a terminal.
pub fn human(c: &Coverage, only: Option<&str>) -> String {
    let mut out = String::new();
    let involved: Vec<String> = c
        .kinds
        .iter()
        .filter(|k| !k.partners.is_empty())
        .map(|k| format!("{} ({})", k.kind, k.partners.len()))
        .collect();
    let lacking: Vec<String> = c
        .kinds
        .iter()
        .filter(|k| k.partners.is_empty())
        .map(|k| {
            if k.required {
                format!("{} (required)", k.kind)
            } else {
                k.kind.to_string()
            }
        })
        .collect();
    out.push_str(&format!(
        "\nStakeholders involved: {}\n",
        if involved.is_empty() {
            "none".into()
        } else {
            involved.join(", ")
        }
    ));
    out.push_str(&format!(
        "Stakeholders not involved: {}\n",
        if lacking.is_empty() {
            "none".into()
        } else {
            lacking.join(", ")
        }
    ));
    for l in c
        .audiences
        .iter()
        .filter(|l| only.is_none_or(|o| o == l.locale))
    {
        if l.rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\nPages per audience and stage in {} (· = no page):\n",
            l.locale
        ));
        let width = l
            .rows
            .iter()
            .map(|r| r.audience.len())
            .max()
            .unwrap_or(8)
            .max(8);
        out.push_str(&format!("  {:width$}", ""));
        for s in &c.stages {
            out.push_str(&format!(" {s:>16}"));
        }
        out.push('\n');
        for r in &l.rows {
            out.push_str(&format!("  {:width$}", r.audience));
            for n in &r.pages {
                let cell = if *n == 0 {
                    "·".to_string()
                } else {
                    n.to_string()
                };
                out.push_str(&format!(" {cell:>16}"));
            }
            out.push('\n');
        }
    }
    out
}
