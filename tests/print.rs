//! Print packs, checked from the outside with poppler-utils (pdfinfo, pdffonts, pdftotext,
//! pdftoppm) and zbar-tools (zbarimg), as a person at a print shop or with a screen reader
//! would meet them. `.ci/run` installs the tools and the Noto fonts.

mod common;
use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for the print tests (poppler-utils, zbar-tools): {e}")
    });
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.path().to_path_buf())
        .collect();
    v.sort();
    v
}

fn text_of(pdf: &Path) -> String {
    let raw = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A PDF's bytes with every Flate stream inflated, to look for what the structure tree says
/// (alternative text lives there, often compressed).
fn inflated(pdf: &Path) -> Vec<u8> {
    use std::io::Read;
    let raw = fs::read(pdf).unwrap();
    let mut out = raw.clone();
    let mut at = 0;
    while let Some(i) = raw[at..].windows(7).position(|w| w == b"stream\n") {
        let start = at + i + 7;
        let Some(len) = raw[start..].windows(9).position(|w| w == b"endstream") else {
            break;
        };
        let mut text = Vec::new();
        if flate2::read::ZlibDecoder::new(&raw[start..start + len])
            .read_to_end(&mut text)
            .is_ok()
        {
            out.extend_from_slice(&text);
        }
        at = start + len + "endstream".len();
    }
    out
}

/// The front-matter title of a page file.
fn title_of(md: &str) -> String {
    let line = md
        .lines()
        .find(|l| l.starts_with("title:"))
        .expect("a title");
    line["title:".len()..].trim().trim_matches('"').to_string()
}

/// The QR codes found on the pages of a PDF rendered at 150 dpi.
fn qr_codes(pdf: &Path, work: &Path) -> Vec<String> {
    let prefix = work.join("page");
    let st = Command::new("pdftoppm")
        .args([
            "-r",
            "150",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ])
        .status()
        .expect("pdftoppm");
    assert!(st.success());
    let mut found = Vec::new();
    for png in fs::read_dir(work).unwrap().flatten() {
        let p = png.path();
        if p.extension().is_some_and(|x| x == "png") {
            let out = tool("zbarimg", &["-q", "--raw", p.to_str().unwrap()]);
            found.extend(out.lines().map(str::to_string));
            fs::remove_file(p).unwrap();
        }
    }
    found
}

#[test]
fn the_example_campaigns_packs_are_tagged_embedded_readable_and_link_back() {
    let c = Campaign::example();
    let out = c.herald(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Printed 40 PDFs"), "{}", stderr(&out));
    let print = c.root().join("output/print");
    let all = pdfs(&print);
    // Per locale: a booklet and a leaflet per page (9 pages, sections aside).
    assert_eq!(all.len(), 4 * 10, "{all:?}");
    let web_only = ["Safe Harbour", "Havre sûr", "Puerto Seguro", "المرفأ الآمن"];
    for pdf in &all {
        let name = pdf.strip_prefix(&print).unwrap().display().to_string();
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(info.contains("Tagged:          yes"), "{name}: {info}");
        let title = info
            .lines()
            .find(|l| l.starts_with("Title:"))
            .map(|l| l["Title:".len()..].trim().to_string())
            .unwrap_or_default();
        assert!(!title.is_empty(), "{name} has no title: {info}");
        assert!(
            info.contains("Page size:       595.276 x 841.89 pts (A4)"),
            "{name}: {info}"
        );
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name} has no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type [encoding…] emb sub uni object ID: emb and sub are the 5th and 4th from the end.
            let n = cols.len();
            assert_eq!(cols[n - 5], "yes", "{name}: font not embedded: {row}");
            assert_eq!(cols[n - 4], "yes", "{name}: font not subset: {row}");
        }
        // PDF/UA-1, with the document's language.
        let raw = fs::read(pdf).unwrap();
        let locale = pdf.parent().unwrap().file_name().unwrap().to_str().unwrap();
        assert!(
            contains(&raw, b"pdfuaid:part>1"),
            "{name} does not claim PDF/UA-1"
        );
        assert!(
            contains(&raw, format!("/Lang({locale})").as_bytes()),
            "{name} has no /Lang({locale})"
        );
        let text = text_of(pdf);
        for w in web_only {
            assert!(!text.contains(w), "{name} names a web-only partner ({w})");
        }
    }
    // Every page's title, in every Latin-script locale, in its leaflet and in the booklet.
    for locale in ["en", "fr", "es"] {
        let booklet = text_of(&print.join(locale).join("booklet.pdf"));
        for entry in walkdir::WalkDir::new(c.root().join("content").join(locale)) {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_none_or(|x| x != "md") {
                continue;
            }
            let rel = path
                .strip_prefix(c.root().join("content").join(locale))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let title = title_of(&fs::read_to_string(path).unwrap()).replace('\'', "’");
            assert!(
                booklet.contains(&title),
                "{locale} booklet lacks \"{title}\""
            );
            if rel.ends_with("_index.md") {
                continue;
            }
            let leaflet = print.join(locale).join(format!(
                "leaflet-{}.pdf",
                rel.trim_end_matches(".md").replace('/', "-")
            ));
            let text = text_of(&leaflet);
            assert!(
                text.contains(&title),
                "{} lacks \"{title}\": {text}",
                leaflet.display()
            );
        }
    }
    // Arabic: shaped text comes out as Arabic words.
    let ar = text_of(&print.join("ar/leaflet-work-rights.pdf"));
    for word in ["حقوقك", "العمل", "عقدك", "نقابة"] {
        assert!(ar.contains(word), "no {word} in the Arabic leaflet: {ar}");
    }
    let ar_booklet = text_of(&print.join("ar/booklet.pdf"));
    assert!(ar_booklet.contains("المحتويات"), "{ar_booklet}");
    // Images and QR codes carry their alternative text.
    let raw = inflated(&print.join("en/leaflet-work-job-offer.pdf"));
    for alt in [
        "A work contract with a checklist and a pen",
        "QR code linking to https://example.org/safe-migration/en/work/job-offer/",
    ] {
        assert!(
            contains(&raw, format!("/Alt({alt})").as_bytes())
                || contains(&raw, format!("/Alt ({alt})").as_bytes()),
            "no alt text \"{alt}\""
        );
    }
    // The web-only partner is credited on the web page, never in print.
    let web = c.read("output/site/en/help/emergency/index.html");
    assert!(web.contains("Safe Harbour Shelter Network"));
    // QR codes decode to the page's URL in the same locale.
    let work = tempfile::tempdir().unwrap();
    for (locale, page, url) in [
        (
            "en",
            "work-rights",
            "https://example.org/safe-migration/en/work/rights/",
        ),
        (
            "ar",
            "work-rights",
            "https://example.org/safe-migration/ar/work/rights/",
        ),
        (
            "fr",
            "help-emergency",
            "https://example.org/safe-migration/fr/help/emergency/",
        ),
    ] {
        let pdf = print.join(locale).join(format!("leaflet-{page}.pdf"));
        let codes = qr_codes(&pdf, work.path());
        assert_eq!(codes, vec![url.to_string()], "{}", pdf.display());
    }
}

#[test]
fn a_character_no_print_font_covers_is_a_missing_glyph_error() {
    let c = Campaign::fixture("print-missing-glyph");
    let report = c.check_json(&[]);
    let glyphs = with_code(&report, "missing-glyph");
    assert_eq!(glyphs.len(), 2, "{report:#}");
    let tamil = glyphs
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("U+0BA4"))
        .expect("the Tamil letter");
    assert_eq!(tamil["file"], "content/en/tamil.md");
    assert_eq!(tamil["severity"], "error");
    assert_eq!(tamil["line"], 6);
    assert!(
        tamil["message"].as_str().unwrap().contains("'த'"),
        "{tamil}"
    );
    let cuneiform = glyphs
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("U+12000"))
        .expect("the cuneiform sign");
    assert_eq!(cuneiform["file"], "content/en/cuneiform.md");
    let out = c.herald(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("missing-glyph"), "{}", stderr(&out));
    assert!(!c.root().join("output/print").exists());
}

#[test]
fn packs_from_campaign_yaml_choose_pages_paper_and_posters() {
    let c = Campaign::fixture("print-packs");
    let report = c.check_json(&[]);
    let qr = with_code(&report, "no-qr-code");
    assert_eq!(
        qr.len(),
        1,
        "one warning for the missing base_url: {report:#}"
    );
    let out = c.herald(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let print = c.root().join("output/print");
    let names: Vec<String> = pdfs(&print)
        .iter()
        .map(|p| p.strip_prefix(&print).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "ar/booklet.pdf",
            "ar/posters.pdf",
            "en/booklet.pdf",
            "en/posters.pdf",
            "en/work.pdf"
        ],
        "leaflets are off; `work` is English only"
    );
    let info = tool("pdfinfo", &[print.join("en/work.pdf").to_str().unwrap()]);
    assert!(info.contains("(letter)"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    let posters = tool("pdfinfo", &[print.join("en/posters.pdf").to_str().unwrap()]);
    assert!(
        posters.contains("Pages:           2"),
        "a poster per page: {posters}"
    );
    let work = text_of(&print.join("en/work.pdf"));
    assert!(
        work.contains("Your pay") && !work.contains("Travel light"),
        "{work}"
    );
    // Links are written out; without base_url there is no QR code to decode.
    assert!(work.contains("https://www.ilo.org/"), "{work}");
    let tmp = tempfile::tempdir().unwrap();
    assert!(qr_codes(&print.join("en/posters.pdf"), tmp.path()).is_empty());
    // Content is data, not markup: Typst syntax in a page prints as written.
    assert!(
        work.contains("#set page(fill: red) $x^2$ <label> @ref"),
        "{work}"
    );
}

#[test]
fn a_pack_naming_an_unknown_page_is_refused() {
    let c = Campaign::fixture("print-packs");
    let yaml = c
        .read("campaign.yaml")
        .replace("pages: [work/pay.md]", "pages: [work/nothing.md]");
    c.write("campaign.yaml", &yaml);
    let report = c.check_json(&[]);
    let bad = with_code(&report, "invalid-config");
    assert_eq!(bad.len(), 1, "{report:#}");
    assert!(bad[0]["message"]
        .as_str()
        .unwrap()
        .contains("work/nothing.md"));
    assert_eq!(bad[0]["line"], 10, "the line in campaign.yaml");
}

#[test]
fn every_pack_prints_its_partners_and_a_theme_that_drops_them_fails() {
    let c = Campaign::fixture("print-credits");
    let out = c.herald(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let print = c.root().join("output/print");
    let names = [
        (
            "en",
            ["Riverside Council", "Workers' Union", "Community Radio"],
        ),
        ("ar", ["مجلس ريفرسايد", "نقابة العمال", "الإذاعة المجتمعية"]),
    ];
    for (locale, credited) in names {
        for pack in ["booklet", "leaflet-work-pay", "posters"] {
            let pdf = print.join(format!("{locale}/{pack}.pdf"));
            let text = text_of(&pdf).replace('\u{2019}', "'");
            for name in credited {
                assert!(text.contains(name), "{locale}/{pack} lacks {name}: {text}");
            }
            assert!(
                !text.contains("Safe Harbour") && !text.contains("المرفأ الآمن"),
                "{locale}/{pack} prints the web-only partner"
            );
            // Both logos, each with its alternative text in the structure tree.
            let tree = String::from_utf8_lossy(&inflated(&pdf)).into_owned();
            let alts = tree.matches("/Alt").count();
            assert!(
                alts >= 3,
                "{locale}/{pack}: two logos and a QR code, {alts} /Alt"
            );
        }
    }

    // A print theme without the booklet's credits page: every booklet fails, naming its PDF.
    let main = c.read("themes/default/print/main.typ");
    let without = main.replacen("  credits()\n} else if", "} else if", 1);
    assert_ne!(main, without, "the booklet calls credits()");
    c.write("themes/default/print/main.typ", &without);
    fs::remove_dir_all(c.root().join("output")).unwrap();
    let out = c.herald(&["build", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let unattributed = with_code(&r, "unattributed-partner");
    let about = |file: &str, needle: &str| {
        unattributed
            .iter()
            .any(|d| d["file"] == file && d["message"].as_str().unwrap().contains(needle))
    };
    // The booklet still names the page's partners at the page's end, but not their logos,
    // and the campaign-wide council only appears on its credits page.
    assert!(
        about("output/print/en/booklet.pdf", "Workers' Union"),
        "{r:#}"
    );
    assert!(
        about("output/print/ar/booklet.pdf", "نقابة العمال"),
        "{r:#}"
    );
    assert!(
        unattributed
            .iter()
            .all(|d| d["file"].as_str().unwrap().ends_with("booklet.pdf")),
        "leaflets and posters still credit everyone: {r:#}"
    );
    assert!(!c.root().join("output").exists(), "nothing is written");

    // Without the logo strip, leaflets and posters lose the logos (names stay).
    let no_logos = main
        .replace("logo-strip(0.9cm)", "")
        .replace("logo-strip(1.2cm)", "");
    c.write("themes/default/print/main.typ", &no_logos);
    let out = c.herald(&["build", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: std::collections::BTreeSet<&str> = with_code(&r, "unattributed-partner")
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        [
            "output/print/ar/leaflet-work-pay.pdf",
            "output/print/ar/posters.pdf",
            "output/print/en/leaflet-work-pay.pdf",
            "output/print/en/posters.pdf"
        ],
        "{r:#}"
    );
    assert!(with_code(&r, "unattributed-partner")
        .iter()
        .all(|d| d["message"].as_str().unwrap().contains("logo")));
}
