//! `char::is_alphanumeric` and "is this its own lower case" answered from tables: the term
//! and language checks ask them of every character of every page, and outside ASCII the
//! standard library searches Unicode's tables each time (a fifth of the content checks' time
//! on a campaign in Arabic, French and Spanish). The tables are built once from the standard
//! library's own answers, so the two cannot disagree.

use crate::charset::BmpSet;
use std::sync::OnceLock;

struct Tables {
    alnum: BmpSet,
    /// `to_lowercase` gives the character itself.
    own_lower: BmpSet,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        alnum: BmpSet::from_fn(char::is_alphanumeric),
        own_lower: BmpSet::from_fn(|c| {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }),
    })
}

/// The same answer as [`char::is_alphanumeric`].
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    tables().alnum.get(c).unwrap_or_else(|| c.is_alphanumeric())
}

/// The characters of `c`'s lower case, as [`char::to_lowercase`] gives them.
#[inline]
pub fn lower(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
    } else if tables().own_lower.get(c) == Some(true) {
        push(c);
    } else {
        c.to_lowercase().for_each(push);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn agrees_with_the_standard_library_on_every_character() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(super::is_alnum(c), c.is_alphanumeric(), "U+{u:04X}");
                let mut ours = String::new();
                super::lower(c, |l| ours.push(l));
                assert_eq!(ours, c.to_lowercase().to_string(), "U+{u:04X}");
            }
        }
    }
}
