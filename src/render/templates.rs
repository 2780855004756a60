//! The theme's Tera templates, compiled once, and the functions templates call.

use crate::diagnostics::Diagnostic;
use crate::load::{rel_path, walk_files};
use crate::model::Site;
use fluent_bundle::{FluentArgs, FluentValue};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tera::{Tera, Value};

/// `t(id="message-id", lang=lang, name="…")`: a Fluent message in a locale, with every other
/// argument passed to Fluent as a variable. Falls back to the source locale.
///
/// Fluent wraps each variable it inserts in Unicode isolation marks (U+2068, U+2069) so that
/// a left-to-right name inside Arabic text is laid out right. In text that is what we want;
/// in an attribute (`aria-label`, `alt`, `title`, a URL) the marks are read out or break the
/// value, so `t(id=…, lang=lang, attr=true)` removes them.
struct Translate {
    site: Arc<Site>,
    /// Messages without variables, by locale and `attr`, as formatted the first time: a
    /// page's chrome asks for the same dozen on every page.
    plain: Vec<RwLock<HashMap<String, Value>>>,
}

impl Translate {
    fn new(site: &Arc<Site>) -> Translate {
        Translate {
            site: Arc::clone(site),
            plain: (0..site.locales.len() * 2)
                .map(|_| RwLock::default())
                .collect(),
        }
    }
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let id = args
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs id=\"message-id\""))?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg(format!("t(id=\"{id}\") needs lang=lang")))?;
        let locale = self.site.locale_index(lang).unwrap_or(self.site.source);
        let attr = args.get("attr").and_then(Value::as_bool).unwrap_or(false);
        let plain = (args.len() == 2 + usize::from(args.contains_key("attr")))
            .then(|| &self.plain[locale * 2 + usize::from(attr)]);
        if let Some(v) = plain.and_then(|m| m.read().ok()?.get(id).cloned()) {
            return Ok(v);
        }
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            if k == "id" || k == "lang" || k == "attr" {
                continue;
            }
            let fv = match v {
                Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                Value::String(s) => FluentValue::from(s.clone()),
                other => FluentValue::from(other.to_string()),
            };
            fargs.set(k.clone(), fv);
        }
        let args = fargs.iter().next().is_some().then_some(&fargs);
        let text = self.site.message(locale, id, args);
        let v = Value::String(if attr {
            super::context::strip_isolation(&text)
        } else {
            text
        });
        if let Some(mut m) = plain.and_then(|m| m.write().ok()) {
            m.insert(id.to_string(), v.clone());
        }
        Ok(v)
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// Escapes for HTML text and quoted attributes. Tera's default also escapes `/`, which is
/// safe but makes every URL longer and harder to read in the source.
pub fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    // Runs of ordinary text are copied whole: templates escape every value they print.
    let mut plain = 0;
    for (i, b) in input.bytes().enumerate() {
        let with = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[plain..i]);
        out.push_str(with);
        plain = i + 1;
    }
    out.push_str(&input[plain..]);
    out
}

/// `has(id="message-id", lang=lang)`: whether the locale (or the source locale) defines a
/// message, so a theme can show campaign text only where the campaign wrote it.
struct Has {
    site: Arc<Site>,
}

impl tera::Function for Has {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let id = args.get("id").and_then(Value::as_str).unwrap_or_default();
        let locale = args
            .get("lang")
            .and_then(Value::as_str)
            .and_then(|l| self.site.locale_index(l))
            .unwrap_or(self.site.source);
        Ok(Value::Bool(
            self.site.has_message(locale, id) || self.site.has_message(self.site.source, id),
        ))
    }
}

/// Compiles every template of the theme. Errors name the template file.
pub fn compile(site: &Arc<Site>) -> Result<Tera, Vec<Diagnostic>> {
    let dir = site.theme_dir.join("templates");
    let mut diags = Vec::new();
    let mut sources = Vec::new();
    for path in walk_files(&dir, &site.root, &mut diags) {
        let name = rel_path(&dir, &path);
        let rel = rel_path(&site.root, &path);
        if let Some(text) = crate::load::read_text(&path, &rel, &mut diags) {
            sources.push((name, text));
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    // Tera stops at the first template that does not parse: parse each on its own first, so
    // that every broken template is reported, each with its file and line.
    let theme_rel = rel_path(&site.root, &dir);
    for (name, text) in &sources {
        if let Err(e) = Tera::default().add_raw_template(name, text) {
            let msg = error_text(&e);
            if msg.contains("Failed to parse") {
                diags.push(template_diag(&msg, Some(format!("{theme_rel}/{name}"))));
            }
        }
    }
    if diags.is_empty() {
        if let Err(e) = tera.add_raw_templates(sources) {
            let msg = error_text(&e);
            let file = msg
                .split(['\'', '"'])
                .nth(1)
                .map(|n| format!("{theme_rel}/{n}"));
            diags.push(template_diag(&msg, file));
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    bind(&mut tera, site);
    Ok(tera)
}

/// Gives the templates' `t()` and `has()` this site's messages.
pub fn bind(tera: &mut Tera, site: &Arc<Site>) {
    tera.register_function("t", Translate::new(site));
    tera.register_function(
        "has",
        Has {
            site: Arc::clone(site),
        },
    );
}

/// Lets go of the site [`bind`] gave the templates, so that it can be changed (`herald
/// serve` after an edit) and bound again, without compiling the templates again.
pub fn unbind(tera: &mut Tera) {
    let unbound = |_: &HashMap<String, Value>| -> tera::Result<Value> {
        Err(tera::Error::msg(
            "the templates are not bound to a campaign",
        ))
    };
    tera.register_function("t", unbound);
    tera.register_function("has", unbound);
}

/// A Tera error with its causes, one after the other.
fn error_text(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// `template-error` for a template that does not compile, at the line and column Tera gives
/// (` --> 12:5` in its message).
fn template_diag(msg: &str, file: Option<String>) -> Diagnostic {
    let mut d = Diagnostic::error(
        "template-error",
        format!("a theme template has an error: {msg}"),
    )
    .help("Fix the Tera syntax in the template named above (https://keats.github.io/tera/docs/).");
    d.file = file;
    if let Some(at) = msg.split(" --> ").nth(1) {
        let mut nums = at
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|n| n.parse::<usize>().ok());
        if let (Some(Some(l)), Some(Some(c))) = (nums.next(), nums.next()) {
            d.line = Some(l);
            d.column = Some(c);
        }
    }
    d
}

/// Turns a Tera render error into a diagnostic naming the template and output.
pub fn render_error(site: &Site, e: &tera::Error, template: &str, output: &str) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    Diagnostic::error(
        "template-error",
        format!("the template {template} failed while rendering {output}: {msg}"),
    )
    .file(format!(
        "{}/templates/{template}",
        rel_path(&site.root, &site.theme_dir)
    ))
    .help(
        "Check the variables the template uses against the page context documented in the README.",
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain / text"), "plain / text");
        assert_eq!(
            escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("حقوق & «droits»"), "حقوق &amp; «droits»");
        assert_eq!(escape("&"), "&amp;");
    }
}
