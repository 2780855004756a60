//! QR codes back to the web version of a page, as SVG (drawn as vectors in the PDF).

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An SVG QR code for a URL, one unit per module with the standard quiet zone; `None` if
/// the URL is too long for a QR code.
pub fn svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .module_dimensions(1, 1)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_url_becomes_an_svg() {
        let s = super::svg("https://example.org/campaign/ar/work/rights/").unwrap();
        assert!(s.contains("<svg") && s.contains("<path"));
    }
}
