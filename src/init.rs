//! `herald init` and `herald new page`: starting points that build and pass `check` at once.

use crate::Fatal;
use std::fs;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/theme.rs"));

/// Starter text per language: (home title, home summary, home body, pages).
/// Each page: (file, title, summary, body, stage). Languages without starter text get the
/// English one, which `herald check` then reports as `untranslated-copy` for the translator.
struct Starter {
    title: &'static str,
    summary: &'static str,
    body: &'static str,
    pages: [(&'static str, &'static str, &'static str); 4],
    tagline: &'static str,
    licence: &'static str,
}

const FILES: [(&str, &str); 4] = [
    ("before-you-leave.md", "before-departure"),
    ("on-the-way.md", "in-transit"),
    ("on-arrival.md", "at-destination"),
    ("going-home.md", "return"),
];

fn starter(locale: &str) -> Starter {
    match locale.split('-').next().unwrap_or(locale) {
        "fr" => Starter {
            title: "Notre campagne",
            summary: "Des informations fiables pour chaque étape du voyage.",
            body: "Remplacez ce texte par la présentation de votre campagne.",
            pages: [
                ("Avant de partir", "Ce qu’il faut savoir avant de partir.", "Remplacez ce texte par vos informations pour les personnes qui préparent leur départ."),
                ("Pendant le voyage", "Rester en sécurité pendant le voyage.", "Remplacez ce texte par vos informations pour les personnes en chemin."),
                ("À l’arrivée", "Vos droits et vos démarches à l’arrivée.", "Remplacez ce texte par vos informations pour les personnes qui arrivent."),
                ("Le retour", "Préparer un retour en sécurité.", "Remplacez ce texte par vos informations pour les personnes qui rentrent."),
            ],
            tagline: "Des informations fiables et gratuites pour chaque étape du voyage.",
            licence: "Textes sous licence Creative Commons Attribution 4.0 (CC BY 4.0).",
        },
        "es" => Starter {
            title: "Nuestra campaña",
            summary: "Información fiable para cada etapa del viaje.",
            body: "Sustituya este texto por la presentación de su campaña.",
            pages: [
                ("Antes de salir", "Lo que hay que saber antes de salir.", "Sustituya este texto por su información para las personas que preparan su salida."),
                ("Durante el viaje", "Mantenerse a salvo durante el viaje.", "Sustituya este texto por su información para las personas en camino."),
                ("Al llegar", "Sus derechos y trámites al llegar.", "Sustituya este texto por su información para las personas que llegan."),
                ("El regreso", "Preparar un regreso seguro.", "Sustituya este texto por su información para las personas que regresan."),
            ],
            tagline: "Información fiable y gratuita para cada etapa del viaje.",
            licence: "Textos con licencia Creative Commons Atribución 4.0 (CC BY 4.0).",
        },
        "ar" => Starter {
            title: "حملتنا",
            summary: "معلومات موثوقة لكل مرحلة من مراحل الرحلة.",
            body: "استبدل هذا النص بتعريف حملتك.",
            pages: [
                ("قبل السفر", "ما يجب معرفته قبل السفر.", "استبدل هذا النص بمعلوماتك للأشخاص الذين يستعدون للسفر."),
                ("أثناء الرحلة", "البقاء في أمان أثناء الرحلة.", "استبدل هذا النص بمعلوماتك للأشخاص الذين هم في الطريق."),
                ("عند الوصول", "حقوقك وإجراءاتك عند الوصول.", "استبدل هذا النص بمعلوماتك للأشخاص الذين يصلون."),
                ("العودة", "الاستعداد لعودة آمنة.", "استبدل هذا النص بمعلوماتك للأشخاص العائدين."),
            ],
            tagline: "معلومات موثوقة ومجانية لكل مرحلة من مراحل رحلتك.",
            licence: "النصوص مرخّصة بموجب رخصة المشاع الإبداعي نسب المصنف 4.0 (CC BY 4.0).",
        },
        _ => Starter {
            title: "Our campaign",
            summary: "Reliable information for every stage of the journey.",
            body: "Replace this text with an introduction to your campaign.",
            pages: [
                ("Before you leave", "What to know before you leave.", "Replace this text with your information for people preparing to leave."),
                ("On the way", "Staying safe on the journey.", "Replace this text with your information for people on the way."),
                ("When you arrive", "Your rights and first steps on arrival.", "Replace this text with your information for people who arrive."),
                ("Going home", "Preparing a safe return.", "Replace this text with your information for people going home."),
            ],
            tagline: "Reliable, free information for every stage of your journey.",
            licence: "Text licensed under Creative Commons Attribution 4.0 (CC BY 4.0).",
        },
    }
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn write(root: &Path, rel: &str, bytes: &[u8], created: &mut Vec<String>) -> Result<(), Fatal> {
    let path = root.join(rel);
    if let Some(p) = path.parent() {
        fs::create_dir_all(p)
            .map_err(|e| Fatal(format!("could not create {}: {e}", p.display())))?;
    }
    fs::write(&path, bytes)
        .map_err(|e| Fatal(format!("could not write {}: {e}", path.display())))?;
    created.push(rel.to_string());
    Ok(())
}

fn page(
    title: &str,
    summary: &str,
    stage: Option<&str>,
    body: &str,
    today: jiff::civil::Date,
    translation_of: Option<&str>,
) -> String {
    let mut s = format!(
        "---\ntitle: {}\nsummary: {}\n",
        yaml_str(title),
        yaml_str(summary)
    );
    if let Some(stage) = stage {
        let review_by = today
            .checked_add(jiff::Span::new().days(180))
            .unwrap_or(today);
        s.push_str(&format!(
            "stages: [{stage}]\naudiences: [women, men, youth]\npartners: [our-organisation]\nreviewed: {today}\nreview_by: {review_by}\nsources:\n  - {{ title: \"Replace with the source of these facts\", url: \"https://example.org/\" }}\n"
        ));
    }
    if let Some(v) = translation_of {
        s.push_str(&format!("translation_of: {v}\n"));
    }
    s.push_str(&format!(
        "---\n## {}\n\n{body}\n",
        if stage.is_some() { title } else { "Welcome" }
    ));
    s
}

/// Creates a new campaign in `dir` (which must not exist or be empty).
pub fn init(
    dir: &Path,
    locales: &[String],
    today: jiff::civil::Date,
) -> Result<Vec<String>, Fatal> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Fatal(format!("{} already exists and is not empty: Herald never overwrites files. Choose a new folder.", dir.display())));
    }
    let locales: Vec<String> = if locales.is_empty() {
        vec!["en".into()]
    } else {
        locales.to_vec()
    };
    for l in &locales {
        if crate::locale::LocaleInfo::parse(l).is_none() {
            return Err(Fatal(format!(
                "`{l}` is not a locale code (use BCP 47 tags such as en, fr, ar, pt-BR)"
            )));
        }
    }
    let source = &locales[0];
    let mut created = Vec::new();
    let src = starter(source);
    let config = format!(
        "# The campaign's settings. See the README of Herald for every key.\ntitle: {}\nsource_locale: {source}\nlocales: [{}]\ntheme: default\n# base_url: https://example.org/campaign/   # canonical URLs, sitemap and QR codes\nreview_period_days: 365\naudiences: [women, men, youth, children, persons-with-disabilities, older-people]\npartners: [our-organisation]\nprint: {{ paper: a4 }}\n",
        yaml_str(src.title),
        locales.join(", ")
    );
    write(dir, "campaign.yaml", config.as_bytes(), &mut created)?;
    write(
        dir,
        "content/partners.yaml",
        b"# Every organisation that contributed. kind: migrants, civil-society, faith-based, trade-union,\n# diaspora, private-sector, local-authority, parliament, human-rights-institution, media,\n# red-cross-red-crescent, academia, government, international-organisation.\n- id: our-organisation\n  name: Our organisation\n  kind: civil-society\n  url: https://example.org/\n",
        &mut created,
    )?;
    write(dir, ".gitignore", b"/output/\n", &mut created)?;
    // Source pages first: translations record the source version they were made from.
    let mut versions = Vec::new();
    let home = page(src.title, src.summary, None, src.body, today, None);
    versions.push(crate::load::version_of(&home));
    write(
        dir,
        &format!("content/{source}/_index.md"),
        home.as_bytes(),
        &mut created,
    )?;
    for ((file, stage), (title, summary, body)) in FILES.iter().zip(src.pages) {
        let text = page(title, summary, Some(stage), body, today, None);
        versions.push(crate::load::version_of(&text));
        write(
            dir,
            &format!("content/{source}/{file}"),
            text.as_bytes(),
            &mut created,
        )?;
    }
    for l in locales.iter().skip(1) {
        let st = starter(l);
        let home = page(
            st.title,
            st.summary,
            None,
            st.body,
            today,
            Some(&versions[0]),
        );
        write(
            dir,
            &format!("content/{l}/_index.md"),
            home.as_bytes(),
            &mut created,
        )?;
        for (i, ((file, stage), (title, summary, body))) in FILES.iter().zip(st.pages).enumerate() {
            let text = page(
                title,
                summary,
                Some(stage),
                body,
                today,
                Some(&versions[i + 1]),
            );
            write(
                dir,
                &format!("content/{l}/{file}"),
                text.as_bytes(),
                &mut created,
            )?;
        }
    }
    for l in &locales {
        let st = starter(l);
        let ftl = format!(
            "# Campaign text. The theme's own strings are in themes/default/locales/; override any of them here.\ncampaign-title = {}\ncampaign-tagline = {}\ncampaign-licence = {}\n",
            st.title, st.tagline, st.licence
        );
        write(
            dir,
            &format!("locales/{l}/main.ftl"),
            ftl.as_bytes(),
            &mut created,
        )?;
    }
    // The default theme; its UI strings in the new campaign's languages where Herald has them.
    for (path, bytes) in DEFAULT_THEME {
        let keep = match path.strip_prefix("locales/") {
            Some(rest) => {
                locales.iter().any(|l| rest.starts_with(&format!("{l}/")))
                    || rest.starts_with(&format!("{source}/"))
            }
            None => true,
        };
        if keep {
            write(dir, &format!("themes/default/{path}"), bytes, &mut created)?;
        }
    }
    for l in &locales {
        let has_theme_strings = DEFAULT_THEME
            .iter()
            .any(|(p, _)| p.starts_with(&format!("locales/{l}/")));
        if !has_theme_strings {
            // Start from the English strings: `herald check` lists them as copies to translate.
            for (path, bytes) in DEFAULT_THEME
                .iter()
                .filter(|(p, _)| p.starts_with("locales/en/") && p.ends_with(".ftl"))
            {
                let name = path.trim_start_matches("locales/en/");
                write(
                    dir,
                    &format!("themes/default/locales/{l}/{name}"),
                    bytes,
                    &mut created,
                )?;
            }
        }
    }
    // Record message versions so the new campaign starts with no stale translations.
    let opts = crate::Options {
        root: dir.to_path_buf(),
        today: Some(today),
        ..Default::default()
    };
    let ftl: Vec<String> = created
        .iter()
        .filter(|f| f.ends_with(".ftl") && !f.contains(&format!("/{source}/")))
        .cloned()
        .collect();
    if !ftl.is_empty() {
        match crate::accept(&opts, &ftl)? {
            Ok(_) => {}
            Err(d) => {
                return Err(Fatal(
                    d.iter()
                        .map(|d| d.message.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                ))
            }
        }
    }
    Ok(created)
}

/// Creates a page in the source locale with its front matter filled in.
pub fn new_page(root: &Path, path: &str, today: jiff::civil::Date) -> Result<String, Fatal> {
    let (site, _) = match crate::load::load(root, today) {
        Ok(x) => x,
        Err(crate::load::LoadFailure::Io(m)) => return Err(Fatal(m)),
        Err(crate::load::LoadFailure::Invalid(d)) => {
            return Err(Fatal(
                d.iter()
                    .map(|d| d.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            ))
        }
    };
    let clean = path.trim_start_matches("./").replace('\\', "/");
    let source = &site.locales[site.source].tag;
    let inner = clean
        .strip_prefix(&format!("content/{source}/"))
        .unwrap_or(&clean)
        .to_string();
    if inner.split('/').any(|p| p == ".." || p.is_empty()) || inner.starts_with('/') {
        return Err(Fatal(format!(
            "`{path}` is not a page path inside content/{source}/ (for example work/rights)"
        )));
    }
    let inner = if inner.ends_with(".md") {
        inner
    } else {
        format!("{inner}.md")
    };
    let rel = format!("content/{source}/{inner}");
    let full = root.join(&rel);
    if full.exists() {
        return Err(Fatal(format!(
            "{rel} already exists: Herald never overwrites a page"
        )));
    }
    let stem = inner
        .rsplit('/')
        .next()
        .unwrap_or(&inner)
        .trim_end_matches(".md")
        .replace(['-', '_'], " ");
    let mut title: String = stem.clone();
    if let Some(f) = stem.chars().next() {
        title = f.to_uppercase().collect::<String>() + &stem[f.len_utf8()..];
    }
    let review_by = today
        .checked_add(jiff::Span::new().days(i64::from(site.config.review_period_days)))
        .unwrap_or(today);
    let partners = site.config.partners.first().cloned().unwrap_or_default();
    let text = format!(
        "---\ntitle: {}\nsummary: \"One sentence for lists and previews.\"\nstages: []            # before-departure, in-transit, at-destination, return\naudiences: []         # {}\npartners: [{partners}]\nreviewed: {today}\nreview_by: {review_by}\nsources:\n  - {{ title: \"Where these facts come from\", url: \"https://example.org/\" }}\n---\n## {title}\n\nWrite the page here.\n",
        yaml_str(&title),
        site.config.audiences.join(", ")
    );
    if let Some(p) = full.parent() {
        fs::create_dir_all(p)
            .map_err(|e| Fatal(format!("could not create {}: {e}", p.display())))?;
    }
    fs::write(&full, text).map_err(|e| Fatal(format!("could not write {rel}: {e}")))?;
    Ok(rel)
}
