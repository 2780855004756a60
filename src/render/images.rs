//! Light pages: shared images measured and resized at build time, and the stylesheet
//! minified.
//!
//! Every PNG or JPEG under `content/assets/` wider than [`WIDTHS`]`[0]` gets at most two
//! resized copies beside it (`photo.480w.jpg`, `photo.960w.jpg`; an image between the two
//! widths keeps its own file as the wider candidate). Pages reference them with `srcset` and
//! `sizes`, explicit `width`/`height` (no layout shift) and `loading="lazy"`. SVGs keep their
//! file and get `width`/`height` from their `width`/`height` attributes or `viewBox`.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::paths;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The widths images are resized to: one for phones, one for wide screens.
pub const WIDTHS: [u32; 2] = [480, 960];

/// `sizes` for images in the content column (the theme's `.wrap` is at most 64rem wide).
pub const SIZES: &str = "(max-width: 64rem) 100vw, 64rem";

const JPEG_QUALITY: u8 = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Png,
    Jpeg,
    Svg,
}

fn format_of(asset: &str) -> Option<Format> {
    let ext = asset.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "png" => Some(Format::Png),
        "jpg" | "jpeg" => Some(Format::Jpeg),
        "svg" => Some(Format::Svg),
        _ => None,
    }
}

/// One file a page can load for an image: a path under the site root and its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Relative to the site root: `assets/photo.480w.jpg`.
    pub file: String,
    pub width: u32,
    pub height: u32,
    /// Whether Herald writes this file (a resized copy) rather than copying the original.
    pub resized: bool,
}

#[derive(Debug, Clone)]
pub struct ImageInfo {
    format: Format,
    /// Size of the original file.
    pub width: u32,
    pub height: u32,
    /// Narrowest first. Empty for SVGs and images already narrow enough.
    pub variants: Vec<Variant>,
}

/// What an `<img>` of a page needs, with URLs relative to that page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub src: String,
    /// `url width` pairs for `srcset`; empty when there is only one file.
    pub srcset: Vec<(String, u32)>,
    pub width: u32,
    pub height: u32,
}

/// The images of a campaign, measured once per build.
#[derive(Debug, Default)]
pub struct Catalogue {
    assets_dir: PathBuf,
    images: BTreeMap<String, ImageInfo>,
    /// Images Herald could not read: `(asset, error)`.
    unreadable: Vec<(String, String)>,
}

fn variant_name(asset: &str, width: u32) -> String {
    match asset.rsplit_once('.') {
        Some((stem, ext)) => format!("assets/{stem}.{width}w.{ext}"),
        None => format!("assets/{asset}.{width}w"),
    }
}

fn scaled_height(w: u32, h: u32, to: u32) -> u32 {
    ((u64::from(h) * u64::from(to) + u64::from(w) / 2) / u64::from(w)).max(1) as u32
}

/// The files a raster image of this size is served as.
fn plan(asset: &str, w: u32, h: u32) -> Vec<Variant> {
    if w <= WIDTHS[0] {
        return Vec::new();
    }
    let mut v = vec![Variant {
        file: variant_name(asset, WIDTHS[0]),
        width: WIDTHS[0],
        height: scaled_height(w, h, WIDTHS[0]),
        resized: true,
    }];
    if w > WIDTHS[1] {
        v.push(Variant {
            file: variant_name(asset, WIDTHS[1]),
            width: WIDTHS[1],
            height: scaled_height(w, h, WIDTHS[1]),
            resized: true,
        });
    } else {
        v.push(Variant {
            file: format!("assets/{asset}"),
            width: w,
            height: h,
            resized: false,
        });
    }
    v
}

/// A CSS length in an SVG attribute, in CSS pixels; `None` for relative units.
fn svg_length(v: &str) -> Option<f64> {
    let v = v.trim();
    let num = v.strip_suffix("px").unwrap_or(v);
    num.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n > 0.0)
}

fn svg_attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        let after_trim = after.trim_start();
        if before.is_some_and(char::is_whitespace) && after_trim.starts_with('=') {
            let val = after_trim[1..].trim_start();
            let quote = val.chars().next()?;
            if quote == '"' || quote == '\'' {
                let end = val[1..].find(quote)?;
                return Some(&val[1..1 + end]);
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// Width and height of an SVG from its root element: `width`/`height` in pixels, else the
/// `viewBox` (scaled to the given width or height when only one is set).
pub fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let end = start + text[start..].find('>')?;
    let tag = &text[start..end];
    let w = svg_attr(tag, "width").and_then(svg_length);
    let h = svg_attr(tag, "height").and_then(svg_length);
    let vb: Option<(f64, f64)> = svg_attr(tag, "viewBox").and_then(|v| {
        let n: Vec<f64> = v
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
    });
    let (w, h) = match (w, h, vb) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (None, None, Some(v)) => v,
        _ => return None,
    };
    Some(((w.round() as u32).max(1), (h.round() as u32).max(1)))
}

impl Catalogue {
    /// Measures every PNG, JPEG and SVG under `content/assets/` (headers only: cheap).
    pub fn new(site: &Site) -> Catalogue {
        let assets_dir = site.root.join("content/assets");
        let measured: Vec<(String, Result<ImageInfo, String>)> = site
            .assets
            .par_iter()
            .filter_map(|a| format_of(a).map(|f| (a, f)))
            .map(|(asset, format)| {
                let path = assets_dir.join(asset);
                let size = match format {
                    Format::Svg => std::fs::read_to_string(&path)
                        .map_err(|e| e.to_string())
                        .and_then(|t| {
                            svg_size(&t).ok_or_else(|| {
                                "the <svg> element has neither a width and height nor a viewBox"
                                    .to_string()
                            })
                        }),
                    _ => image::image_dimensions(&path).map_err(|e| e.to_string()),
                };
                let info = size.map(|(width, height)| ImageInfo {
                    format,
                    width,
                    height,
                    variants: if format == Format::Svg {
                        Vec::new()
                    } else {
                        plan(asset, width, height)
                    },
                });
                (asset.clone(), info)
            })
            .collect();
        let mut c = Catalogue {
            assets_dir,
            ..Catalogue::default()
        };
        for (asset, info) in measured {
            match info {
                Ok(i) => {
                    c.images.insert(asset, i);
                }
                Err(e) => c.unreadable.push((asset, e)),
            }
        }
        c
    }

    pub fn get(&self, asset: &str) -> Option<&ImageInfo> {
        self.images.get(asset)
    }

    /// The `<img>` attributes for a shared image (`asset` relative to `content/assets/`) on a
    /// page in `from_dir`.
    pub fn picture(&self, asset: &str, from_dir: &str) -> Option<Picture> {
        let info = self.images.get(asset)?;
        let url = |file: &str| paths::encode_path(&paths::relative(from_dir, file));
        if info.variants.is_empty() {
            return Some(Picture {
                src: url(&format!("assets/{asset}")),
                srcset: Vec::new(),
                width: info.width,
                height: info.height,
            });
        }
        let widest = info.variants.last().expect("variants");
        Some(Picture {
            src: url(&info.variants[0].file),
            srcset: info
                .variants
                .iter()
                .map(|v| (url(&v.file), v.width))
                .collect(),
            width: widest.width,
            height: widest.height,
        })
    }

    /// Writes the resized copies into the site folder `out`, in parallel. Images that could
    /// not be read are reported as warnings: their pages still show the original file.
    pub fn write(&self, out: &Path) -> Vec<Diagnostic> {
        let mut diags: Vec<Diagnostic> = self
            .unreadable
            .iter()
            .map(|(asset, e)| {
                Diagnostic::warning(
                    "unreadable-image",
                    format!("Herald could not read the size of content/assets/{asset}: {e}"),
                )
                .file(format!("content/assets/{asset}"))
                .help("Save the image again as PNG, JPEG or SVG: pages show it at its full size without width and height until then.")
            })
            .collect();
        let written: Vec<Diagnostic> = self
            .images
            .par_iter()
            .filter(|(_, i)| i.variants.iter().any(|v| v.resized))
            .filter_map(|(asset, info)| self.resize(asset, info, out).err())
            .collect();
        diags.extend(written);
        diags
    }

    fn resize(&self, asset: &str, info: &ImageInfo, out: &Path) -> Result<(), Diagnostic> {
        let fail = |e: String| {
            Diagnostic::error(
                "unreadable-image",
                format!("Herald could not resize content/assets/{asset}: {e}"),
            )
            .file(format!("content/assets/{asset}"))
            .help("Save the image again as a standard PNG or JPEG file.")
        };
        let img = image::open(self.assets_dir.join(asset)).map_err(|e| fail(e.to_string()))?;
        // Widest first, each resized from the previous one: cheaper than twice from the original.
        let mut current = img;
        for v in info.variants.iter().rev().filter(|v| v.resized) {
            current =
                current.resize_exact(v.width, v.height, image::imageops::FilterType::Lanczos3);
            let mut bytes = Vec::new();
            let w = std::io::Cursor::new(&mut bytes);
            match info.format {
                Format::Jpeg => {
                    let rgb = current.to_rgb8();
                    image::codecs::jpeg::JpegEncoder::new_with_quality(w, JPEG_QUALITY)
                        .encode_image(&rgb)
                        .map_err(|e| fail(e.to_string()))?;
                }
                _ => {
                    let enc = image::codecs::png::PngEncoder::new_with_quality(
                        w,
                        image::codecs::png::CompressionType::Best,
                        image::codecs::png::FilterType::Adaptive,
                    );
                    current
                        .write_with_encoder(enc)
                        .map_err(|e| fail(e.to_string()))?;
                }
            }
            super::site::write_file(&out.join(&v.file), &bytes)?;
        }
        Ok(())
    }
}

/// Minifies every `.css` file at the top of the site folder (the theme's stylesheets), so
/// all pages share one small file. The theme's source stays readable.
pub fn minify_stylesheets(out: &Path) -> Vec<Diagnostic> {
    let Ok(rd) = std::fs::read_dir(out) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "css") && p.is_file())
        .collect();
    files.sort();
    let mut diags = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        match minifier::css::minify(&text) {
            Ok(min) => {
                let min = min.to_string();
                if min.len() < text.len() {
                    if let Err(d) = super::site::write_file(&f, min.as_bytes()) {
                        diags.push(d);
                    }
                }
            }
            Err(e) => diags.push(
                Diagnostic::warning(
                    "css-not-minified",
                    format!(
                        "Herald could not minify {}: {e}; it is published as written",
                        f.file_name().unwrap_or_default().to_string_lossy()
                    ),
                )
                .help("Check the stylesheet's syntax."),
            ),
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_size(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80">"#),
            Some((120, 80))
        );
        assert_eq!(
            svg_size(r#"<?xml?><svg width="64px" height='32' viewBox="0 0 8 4">"#),
            Some((64, 32))
        );
        assert_eq!(
            svg_size(r#"<svg width="200" viewBox="0,0,100,50">"#),
            Some((200, 100))
        );
        assert_eq!(svg_size(r#"<svg width="100%">"#), None);
        // `stroke-width` is not `width`.
        assert_eq!(
            svg_size(r#"<svg stroke-width="3" viewBox="0 0 10 20">"#),
            Some((10, 20))
        );
    }

    #[test]
    fn plans_at_most_two_widths() {
        assert!(plan("a.png", 300, 200).is_empty());
        let p = plan("d/a.jpg", 800, 400);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].file, "assets/d/a.480w.jpg");
        assert_eq!((p[0].width, p[0].height), (480, 240));
        assert_eq!(p[1].file, "assets/d/a.jpg");
        assert!(!p[1].resized);
        let p = plan("a.jpg", 3000, 2000);
        assert_eq!(
            p.iter().map(|v| v.width).collect::<Vec<_>>(),
            vec![480, 960]
        );
        assert_eq!(p[1].height, 640);
    }
}
