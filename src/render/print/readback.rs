//! After layout: read each print pack back and verify that every partner its pages credit
//! really appears on paper, by name and, where the partner has a logo, as an image with alt
//! text. This reads the laid-out pages the PDF is written from, so a print theme that drops
//! the credits fails the build the way a web theme does (`check::credits`).

use crate::diagnostics::Diagnostic;
use std::collections::HashSet;
use typst::layout::{Frame, FrameItem};
use typst::visualize::ImageKind;
use typst_layout::PagedDocument;

/// A partner a document must credit: its id, its name in the document's locale, and its
/// logo's bytes when it has one.
pub struct Expected<'a> {
    pub id: &'a str,
    pub name: String,
    pub logo: Option<&'a [u8]>,
}

#[derive(Default)]
struct Seen {
    /// All text, without whitespace: a name may wrap onto the next line.
    text: String,
    /// The hashes of the images shown with non-empty alt text.
    images: HashSet<blake3::Hash>,
}

/// Compares names the way a reader would: line breaks and spaces aside, and with Typst's
/// typographic apostrophes read as the registry's straight ones.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect()
}

fn read(frame: &Frame, seen: &mut Seen) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => read(&g.frame, seen),
            FrameItem::Text(t) => seen.text.push_str(&normalise(&t.text)),
            FrameItem::Image(image, _, _) if image.alt().is_some_and(|a| !a.trim().is_empty()) => {
                let data: &[u8] = match image.kind() {
                    ImageKind::Raster(r) => r.data(),
                    ImageKind::Svg(s) => s.data(),
                    ImageKind::Pdf(_) => continue,
                };
                seen.images.insert(blake3::hash(data));
            }
            _ => {}
        }
    }
}

/// `output` names the PDF (`output/print/ar/booklet.pdf`) in the diagnostics.
pub fn verify(
    document: &PagedDocument,
    expected: &[Expected],
    output: &str,
    locale: &str,
) -> Vec<Diagnostic> {
    if expected.is_empty() {
        return Vec::new();
    }
    let mut seen = Seen::default();
    for page in document.pages() {
        read(&page.frame, &mut seen);
    }
    let mut out = Vec::new();
    for e in expected {
        if !seen.text.contains(&normalise(&e.name)) {
            out.push(
                Diagnostic::error(
                    "unattributed-partner",
                    format!(
                        "the print pack credits {} ({}), but its name is not printed in it",
                        e.name, e.id
                    ),
                )
                .file(output)
                .locale(locale)
                .help("The theme's print template (themes/<theme>/print/main.typ) must print `data.credits` in the booklet and each page's `partners`; the default template shows how."),
            );
        }
        if let Some(logo) = e.logo {
            if !seen.images.contains(&blake3::hash(logo)) {
                out.push(
                    Diagnostic::error(
                        "unattributed-partner",
                        format!(
                            "the print pack credits {} ({}), but its logo is not printed with alt text",
                            e.name, e.id
                        ),
                    )
                    .file(output)
                    .locale(locale)
                    .help("Print each partner's `logo` from `data.credits` with `image(c.logo, alt: c.alt)`."),
                );
            }
        }
    }
    out
}
