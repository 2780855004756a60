//! Locales: parsing BCP 47 tags, text direction, dates and plural categories, all from
//! ICU4X's CLDR data rather than tables of our own.

use icu_datetime::fieldsets::YMD;
use icu_datetime::DateTimeFormatter;
use icu_locale::{Locale, LocaleDirectionality};
use icu_plurals::{PluralCategory, PluralRules};

/// One of the campaign's locales.
pub struct LocaleInfo {
    /// The tag as written in `campaign.yaml` (also the folder name).
    pub tag: String,
    pub langid: unic_langid::LanguageIdentifier,
    pub icu: Locale,
    pub rtl: bool,
    dates: Option<DateTimeFormatter<YMD>>,
    plurals: Option<PluralRules>,
}

impl LocaleInfo {
    /// Parses a tag; `None` when it is not a well-formed BCP 47 tag.
    pub fn parse(tag: &str) -> Option<LocaleInfo> {
        let icu: Locale = tag.parse().ok()?;
        let langid: unic_langid::LanguageIdentifier = tag.parse().ok()?;
        let rtl = LocaleDirectionality::new_common().is_right_to_left(&icu.id);
        let dates = DateTimeFormatter::try_new((&icu).into(), YMD::long()).ok();
        let plurals = PluralRules::try_new_cardinal((&icu).into()).ok();
        Some(LocaleInfo {
            tag: tag.to_string(),
            langid,
            icu,
            rtl,
            dates,
            plurals,
        })
    }

    pub fn dir(&self) -> &'static str {
        if self.rtl {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// A date written the way readers of this locale write it, in their calendar.
    pub fn format_date(&self, date: jiff::civil::Date) -> String {
        let iso = icu_calendar::Date::try_new_iso(
            date.year() as i32,
            date.month() as u8,
            date.day() as u8,
        );
        match (&self.dates, iso) {
            (Some(f), Ok(d)) => f.format(&d).to_string(),
            _ => date.to_string(),
        }
    }

    /// The CLDR cardinal plural categories this locale distinguishes, by their Fluent keys.
    pub fn plural_categories(&self) -> Vec<&'static str> {
        let Some(rules) = &self.plurals else {
            return vec!["other"];
        };
        rules
            .categories()
            .map(|c| match c {
                PluralCategory::Zero => "zero",
                PluralCategory::One => "one",
                PluralCategory::Two => "two",
                PluralCategory::Few => "few",
                PluralCategory::Many => "many",
                PluralCategory::Other => "other",
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_and_dates() {
        let ar = LocaleInfo::parse("ar").unwrap();
        assert!(ar.rtl);
        let en = LocaleInfo::parse("en").unwrap();
        assert!(!en.rtl);
        let d = jiff::civil::date(2026, 10, 1);
        assert_eq!(en.format_date(d), "October 1, 2026");
        assert!(LocaleInfo::parse("fr")
            .unwrap()
            .format_date(d)
            .contains("octobre"));
        assert_ne!(ar.format_date(d), d.to_string());
    }

    #[test]
    fn plural_categories_from_cldr() {
        let ar = LocaleInfo::parse("ar").unwrap();
        assert_eq!(ar.plural_categories().len(), 6);
        assert!(LocaleInfo::parse("fr")
            .unwrap()
            .plural_categories()
            .contains(&"many"));
    }

    #[test]
    fn bad_tags_are_refused() {
        assert!(LocaleInfo::parse("not a tag").is_none());
    }
}
