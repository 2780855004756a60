//! The translation status dashboard, `output/status/index.html`: the same data as
//! `herald status`, plus audience and partner coverage, as one self-contained page.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use std::path::Path;
use tera::{Context, Tera};

/// The dashboard template used when a theme does not ship its own `status.html`.
const BUILTIN: &str = include_str!("../../themes/default/templates/status.html");

pub fn render(
    site: &Site,
    tera: &Tera,
    diags: &[Diagnostic],
    out: &Path,
) -> Result<(), Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert("site_title", &site.title(site.source));
    ctx.insert("today", &site.today.to_string());
    ctx.insert("locales", &crate::status::status(site, diags));
    ctx.insert("coverage", &crate::coverage::coverage(site));
    let html = if tera.get_template_names().any(|n| n == "status.html") {
        tera.render("status.html", &ctx)
    } else {
        Tera::one_off(BUILTIN, &ctx, true)
    }
    .map_err(|e| super::templates::render_error(site, &e, "status.html", "status/index.html"))?;
    super::site::write_file(&out.join("index.html"), html.as_bytes())
}
