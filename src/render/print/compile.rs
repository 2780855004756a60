//! Compiling one document: Typst layout, the glyph check on what was laid out, PDF/UA-1
//! export. Typst's warnings are errors here: a print pack is only written when clean.

use super::readback::Expected;
use super::world::Shared;
use crate::diagnostics::Diagnostic;
use std::collections::BTreeSet;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::Smart;
use typst::layout::{Frame, FrameItem};
use typst::WorldExt;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub struct Compiled {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// What went wrong, said about a document (`output/print/ar/booklet.pdf`).
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

fn typst_diag(
    shared: &Shared,
    world: &dyn typst::World,
    d: &SourceDiagnostic,
    doc: &str,
    theme_rel: &str,
) -> Diagnostic {
    let warning = d.severity == TypstSeverity::Warning;
    let mut msg = format!(
        "Typst {} while making {doc}: {}",
        if warning { "warned" } else { "failed" },
        d.message
    );
    for h in &d.hints {
        msg.push_str(&format!(" (hint: {})", h.v));
    }
    let mut diag = Diagnostic::error("print-error", msg).help(if warning {
        "Typst warnings stop the build so that no print pack goes out with a silent fault; fix the print template or the content it names."
    } else {
        "Fix the print template (themes/<theme>/print/) or the content it names."
    });
    if let Some(id) = d.span.id() {
        let name = shared.name_of(id);
        if name == "data.json" {
            diag = diag.file(format!("{theme_rel}/{}", super::world::MAIN));
        } else {
            diag = diag.file(format!("{theme_rel}/{name}"));
            if let (Some(range), Ok(src)) = (world.range(d.span), world.source(id)) {
                if let Some((line, col)) = src.lines().byte_to_line_column(range.start) {
                    diag = diag.at(line + 1, col + 1);
                }
            }
        }
    }
    diag
}

/// Characters Typst had to draw as a blank box (glyph 0): no configured font covers them.
fn tofus(frame: &Frame, out: &mut BTreeSet<char>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => tofus(&g.frame, out),
            FrameItem::Text(t) => {
                for g in &t.glyphs {
                    if g.id == 0 {
                        if let Some(s) = t.text.get(g.range()) {
                            out.extend(s.chars().filter(|c| super::fonts::needs_glyph(*c)));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// One document to make: `doc` names it in diagnostics about its template
/// (`print/ar/booklet.pdf`), `output` as a file that was written (`output/print/ar/booklet.pdf`).
pub struct Document<'a> {
    pub data: Vec<u8>,
    pub doc: &'a str,
    pub output: &'a str,
    pub locale: &'a str,
    pub ident: &'a str,
    pub credits: &'a [Expected<'a>],
}

pub fn compile(
    shared: &Shared,
    job: Document,
    theme_rel: &str,
    today: jiff::civil::Date,
) -> Result<Compiled, Failure> {
    let Document {
        data,
        doc,
        output,
        locale,
        ident,
        credits,
    } = job;
    let world = shared.world(data);
    let result = typst::compile::<PagedDocument>(&world);
    let mut diagnostics: Vec<Diagnostic> = result
        .warnings
        .iter()
        .map(|w| typst_diag(shared, &world, w, doc, theme_rel))
        .collect();
    let document = match result.output {
        Ok(d) => d,
        Err(errors) => {
            diagnostics.extend(
                errors
                    .iter()
                    .map(|e| typst_diag(shared, &world, e, doc, theme_rel)),
            );
            return Err(Failure { diagnostics });
        }
    };
    let mut missing = BTreeSet::new();
    for page in document.pages() {
        tofus(&page.frame, &mut missing);
    }
    for c in missing {
        diagnostics.push(
            Diagnostic::error(
                "missing-glyph",
                format!(
                    "{doc} needs the character '{c}' (U+{:04X}), which no print font covers.",
                    c as u32
                ),
            )
            .file(format!("{theme_rel}/{}", super::fonts::CONFIG))
            .help("Add a font family for this script to the theme's print fonts.yaml, or remove the character."),
        );
    }
    diagnostics.extend(super::readback::verify(&document, credits, output, locale));
    if !diagnostics.is_empty() {
        return Err(Failure { diagnostics });
    }
    let standards = PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| Failure {
        diagnostics: vec![Diagnostic::error(
            "print-error",
            format!("PDF/UA-1: {}", e.message()),
        )],
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        timestamp: typst::foundations::Datetime::from_ymd(
            today.year() as i32,
            today.month() as u8,
            today.day() as u8,
        )
        .map(Timestamp::new_utc),
        standards,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| Failure {
        diagnostics: errors
            .iter()
            .map(|e| typst_diag(shared, &world, e, doc, theme_rel))
            .collect(),
    })?;
    Ok(Compiled {
        pdf,
        pages: document.pages().len(),
    })
}
