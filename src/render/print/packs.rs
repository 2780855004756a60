//! Which documents a build prints: by default a booklet of every page and a leaflet per
//! page in every locale, plus the packs `campaign.yaml` defines (`print: { packs: … }`).

use super::data::{self, LocaleData};
use crate::config::{PackKind, Paper};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use serde_json::{json, Value};

/// One PDF in one locale.
#[derive(Debug, Clone)]
pub struct Job {
    pub locale: usize,
    pub kind: PackKind,
    /// The file name without `.pdf`.
    pub name: String,
    pub paper: Paper,
    pub pages: Vec<String>,
    /// The default booklet: pages grouped in parts by section.
    pub grouped: bool,
}

fn is_index(path: &str) -> bool {
    path == "_index.md" || path.ends_with("/_index.md")
}

/// `work/rights.md` -> `work-rights`.
pub fn slug(path: &str) -> String {
    path.trim_end_matches(".md").replace('/', "-")
}

fn config_error(msg: String, help: &str) -> Diagnostic {
    Diagnostic::error("invalid-config", msg)
        .file("campaign.yaml")
        .help(help.to_string())
}

/// The first line of `campaign.yaml`'s `print:` settings that mentions a value.
fn line_of(site: &Site, value: &str) -> Option<usize> {
    let text = std::fs::read_to_string(site.root.join("campaign.yaml")).ok()?;
    let start = text.lines().position(|l| l.starts_with("print:"))?;
    text.lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| l.contains(value))
        .map(|(i, _)| i + 1)
}

/// The documents to print, and what is wrong with the packs configured.
pub fn jobs(site: &Site) -> (Vec<Job>, Vec<Diagnostic>) {
    let print = &site.config.print;
    let order = data::reading_order(site);
    let leaflet_pages: Vec<String> = order.iter().filter(|p| !is_index(p)).cloned().collect();
    let mut jobs = Vec::new();
    let mut diags = Vec::new();
    for l in 0..site.locales.len() {
        if print.booklet {
            jobs.push(Job {
                locale: l,
                kind: PackKind::Booklet,
                name: "booklet".into(),
                paper: print.paper,
                pages: order.clone(),
                grouped: true,
            });
        }
        if print.leaflets {
            for p in &leaflet_pages {
                jobs.push(Job {
                    locale: l,
                    kind: PackKind::Leaflet,
                    name: format!("leaflet-{}", slug(p)),
                    paper: print.paper,
                    pages: vec![p.clone()],
                    grouped: false,
                });
            }
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for pack in &print.packs {
        let name = pack.name.as_str();
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            diags.push(
                config_error(
                    format!("The print pack name \"{name}\" is not a valid file name."),
                    "Use lower-case letters, digits and `-` only, for example `work-leaflets`.",
                )
                .line(line_of(site, name)),
            );
            continue;
        }
        let taken = names.contains(&name)
            || (print.booklet && name == "booklet")
            || (print.leaflets && name.starts_with("leaflet-"));
        if taken {
            diags.push(config_error(
                format!("The print pack name \"{name}\" is used twice (or by a default pack)."),
                "Give every pack its own name; `booklet` and `leaflet-…` are the default packs' names.",
            ).line(line_of(site, name)));
            continue;
        }
        names.push(name);
        let mut ok = true;
        for p in &pack.pages {
            if site.page(site.source, p).is_none() {
                ok = false;
                diags.push(
                    config_error(
                        format!(
                            "The print pack \"{name}\" lists the page {p}, which does not exist."
                        ),
                        &format!(
                            "Pages are paths inside content/{}/, such as `work/rights.md`.",
                            site.locales[site.source].tag
                        ),
                    )
                    .line(line_of(site, p)),
                );
            }
        }
        let mut locales = Vec::new();
        for tag in &pack.locales {
            match site.locale_index(tag) {
                Some(l) => locales.push(l),
                None => {
                    ok = false;
                    diags.push(config_error(
                        format!("The print pack \"{name}\" names the locale {tag}, which is not one of the campaign's locales."),
                        "List locales from `locales:` in campaign.yaml, or leave `locales` out for all of them.",
                    ).line(line_of(site, tag)));
                }
            }
        }
        if !ok {
            continue;
        }
        if locales.is_empty() {
            locales = (0..site.locales.len()).collect();
        }
        let pages = if pack.pages.is_empty() {
            match pack.kind {
                PackKind::Booklet => order.clone(),
                _ => leaflet_pages.clone(),
            }
        } else {
            pack.pages.clone()
        };
        for l in locales {
            jobs.push(Job {
                locale: l,
                kind: pack.kind,
                name: name.to_string(),
                paper: pack.paper.unwrap_or(print.paper),
                pages: pages.clone(),
                grouped: pack.kind == PackKind::Booklet && pack.pages.is_empty(),
            });
        }
    }
    (jobs, diags)
}

fn kind_name(k: PackKind) -> &'static str {
    match k {
        PackKind::Booklet => "booklet",
        PackKind::Leaflet => "leaflet",
        PackKind::Poster => "poster",
    }
}

/// The top-level folder a page belongs to (`` for the home page and top-level pages).
fn top_dir(path: &str) -> &str {
    match path.split_once('/') {
        Some((d, _)) => d,
        None => "",
    }
}

/// The JSON document for a job, and its title.
pub fn document(site: &Site, ld: &LocaleData, job: &Job) -> (Value, String) {
    let mut doc = ld.common.clone();
    let pages: Vec<&data::PageData> = job.pages.iter().filter_map(|p| ld.pages.get(p)).collect();
    let mut values: Vec<Value> = pages.iter().map(|p| ld.value(site, p)).collect();
    let campaign = site.title(job.locale);
    let language = doc["language"].as_str().unwrap_or_default().to_string();
    let title = match (job.kind, values.as_slice()) {
        (PackKind::Leaflet | PackKind::Poster, [one]) => {
            one["title"].as_str().unwrap_or_default().to_string()
        }
        _ => format!("{campaign} ({language})"),
    };
    doc.insert("kind".into(), json!(kind_name(job.kind)));
    doc.insert("paper".into(), json!(job.paper.typst_name()));
    doc.insert("title".into(), json!(title));
    doc.insert(
        "present".into(),
        json!(pages
            .iter()
            // The home page's text opens the booklet without a heading to link to.
            .filter(|p| !(job.grouped && p.path == "_index.md"))
            .map(|p| data::page_label(&p.path))
            .collect::<Vec<_>>()),
    );
    doc.insert("latest".into(), json!(ld.latest_review(site, &job.pages)));
    doc.insert("credits".into(), json!(ld.credits(site, &job.pages)));
    doc.insert("campaign_partners".into(), json!(ld.campaign_partners));
    if job.kind == PackKind::Booklet {
        let mut parts: Vec<Value> = Vec::new();
        if job.grouped {
            let mut current: Option<&str> = None;
            for (p, value) in pages.iter().zip(&mut values) {
                let dir = top_dir(&p.path);
                if current != Some(dir) {
                    current = Some(dir);
                    let index = ld
                        .pages
                        .get(&if dir.is_empty() {
                            "_index.md".to_string()
                        } else {
                            format!("{dir}/_index.md")
                        })
                        .map(|i| ld.value(site, i));
                    parts.push(json!({
                        "title": if dir.is_empty() { Value::Null } else {
                            index.as_ref().map_or_else(|| json!(dir), |i| i["title"].clone())
                        },
                        "label": index.as_ref().map(|i| i["label"].clone()),
                        "summary": index.as_ref().map(|i| i["summary"].clone()),
                        "blocks": index.as_ref().map_or(json!([]), |i| i["blocks"].clone()),
                        "pages": [],
                    }));
                }
                if is_index(&p.path) && top_dir(&p.path) == p.path.trim_end_matches("/_index.md") {
                    // A top-level section's own text opens its part; the home page's too.
                    continue;
                }
                if p.path == "_index.md" {
                    continue;
                }
                if let Some(Value::Array(list)) = parts.last_mut().map(|x| &mut x["pages"]) {
                    list.push(value.take());
                }
            }
        } else {
            parts.push(json!({
                "title": null, "label": null, "summary": null, "blocks": [],
                "pages": values,
            }));
        }
        doc.insert("parts".into(), Value::Array(parts));
    } else {
        doc.insert("pages".into(), Value::Array(values));
    }
    (Value::Object(doc), title)
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert_eq!(super::slug("work/rights.md"), "work-rights");
    }
}
