//! Diagnostics: every problem Herald finds is one [`Diagnostic`] with a stable code.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// One problem, in the shape of the JSON contract (`../shared/PRODUCT.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    /// Relative to the campaign root, with `/` separators.
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub locale: Option<String>,
    pub message: String,
    pub help: String,
    /// What the diagnostic is about (page paths or message ids), for `herald status`.
    #[serde(skip)]
    pub subjects: Vec<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            file: None,
            line: None,
            column: None,
            locale: None,
            message: message.into(),
            help: String::new(),
            subjects: Vec::new(),
        }
    }
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }
    pub fn info(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, message)
    }
    pub fn file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
    pub fn line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }
    pub fn subject(mut self, s: impl Into<String>) -> Self {
        self.subjects.push(s.into());
        self
    }
    pub fn subjects(mut self, s: impl IntoIterator<Item = String>) -> Self {
        self.subjects.extend(s);
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }
}

/// Counts per severity, as in the JSON `summary` object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(diags: &[Diagnostic]) -> Self {
        let mut s = Summary::default();
        for d in diags {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// Sorts diagnostics so output is stable from run to run whatever the thread scheduling.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (
            &a.file, a.line, a.column, a.severity, a.code, &a.locale, &a.message,
        )
            .cmp(&(
                &b.file, b.line, b.column, b.severity, b.code, &b.locale, &b.message,
            ))
    });
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The JSON document of `--format json`.
pub fn to_json(diags: &[Diagnostic]) -> String {
    serde_json::json!({ "diagnostics": diags, "summary": Summary::of(diags) }).to_string()
}

/// Colours only for a terminal, and never when `NO_COLOR` is set (https://no-color.org).
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// A diagnostic for people: the problem, where it is, the source line, and how to fix it.
pub fn human(d: &Diagnostic, root: &std::path::Path, color: bool) -> String {
    use annotate_snippets::{
        renderer::DecorStyle, AnnotationKind, Group, Level, Renderer, Snippet,
    };
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = match &d.locale {
        Some(l) => format!("[{l}] {}", d.message),
        None => d.message.clone(),
    };
    let source = d
        .file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(root.join(f)).ok());
    let mut group = Group::with_title(level.clone().primary_title(title).id(d.code));
    let text;
    match (&d.file, d.line, &source) {
        (Some(file), Some(line), Some(src)) if line >= 1 && line <= src.lines().count().max(1) => {
            text = src.replace("\r\n", "\n");
            let start: usize = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum();
            let line_text = text[start..].split('\n').next().unwrap_or("");
            let col = d.column.unwrap_or(1).max(1);
            let byte = line_text
                .char_indices()
                .nth(col - 1)
                .map_or(line_text.len(), |(i, _)| i);
            let end = if d.column.is_some() {
                line_text[byte..]
                    .char_indices()
                    .nth(1)
                    .map_or(line_text.len(), |(i, _)| byte + i)
            } else {
                line_text.len()
            };
            let span = (start + byte)..(start + end.max(byte));
            group = group.element(
                Snippet::source(&text)
                    .path(file.as_str())
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        (Some(file), _, _) => {
            group = group.element(Level::NOTE.message(format!("in {file}")));
        }
        _ => {}
    }
    if !d.help.is_empty() {
        group = group.element(Level::HELP.message(d.help.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    renderer.render(&[group])
}

/// A SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) of the diagnostics.
pub fn to_sarif(diags: &[Diagnostic]) -> String {
    let mut codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<serde_json::Value> = codes
        .iter()
        .map(|c| serde_json::json!({ "id": c, "name": c, "shortDescription": { "text": c.replace('-', " ") } }))
        .collect();
    let results: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            let text = match &d.locale {
                Some(l) => format!("[{l}] {}", d.message),
                None => d.message.clone(),
            };
            let mut result = serde_json::json!({
                "ruleId": d.code,
                "ruleIndex": codes.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": level,
                "message": { "text": if d.help.is_empty() { text } else { format!("{text}\n{}", d.help) } },
            });
            if let Some(file) = &d.file {
                let mut region = serde_json::Map::new();
                if let Some(l) = d.line {
                    region.insert("startLine".into(), l.into());
                    if let Some(c) = d.column {
                        region.insert("startColumn".into(), c.into());
                    }
                }
                let mut physical = serde_json::json!({ "artifactLocation": { "uri": file, "uriBaseId": "%SRCROOT%" } });
                if !region.is_empty() {
                    physical["region"] = serde_json::Value::Object(region);
                }
                result["locations"] = serde_json::json!([{ "physicalLocation": physical }]);
            }
            if let Some(l) = &d.locale {
                result["properties"] = serde_json::json!({ "locale": l });
            }
            result
        })
        .collect();
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "herald",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.org/herald",
                "rules": rules,
            }},
            "results": results,
        }],
    })
    .to_string()
}
