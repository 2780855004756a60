//! `char::is_alphanumeric` and "is this its own lower case" answered from tables: the term
//! and language checks ask them of every character of every page, and outside ASCII the
//! standard library searches Unicode's tables each time (a fifth of the content checks' time
//! on a campaign in Arabic, French and Spanish). The tables are built once from the standard
//! library's own answers, so the two cannot disagree.

use std::sync::OnceLock;

/// One bit per character of the Basic Multilingual Plane.
type Bits = [u64; 1024];

struct Tables {
    alnum: Bits,
    /// `to_lowercase` gives the character itself.
    own_lower: Bits,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Box<Tables>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Box::new(Tables {
            alnum: [0; 1024],
            own_lower: [0; 1024],
        });
        for u in 0..=0xFFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let (word, bit) = ((u >> 6) as usize, 1u64 << (u & 63));
            if c.is_alphanumeric() {
                t.alnum[word] |= bit;
            }
            let mut lower = c.to_lowercase();
            if lower.next() == Some(c) && lower.next().is_none() {
                t.own_lower[word] |= bit;
            }
        }
        t
    })
}

fn get(bits: &Bits, u: u32) -> bool {
    bits[(u >> 6) as usize] & (1 << (u & 63)) != 0
}

/// The same answer as [`char::is_alphanumeric`].
#[inline]
pub fn is_alnum(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if u > 0xFFFF {
        return c.is_alphanumeric();
    }
    get(&tables().alnum, u)
}

/// The characters of `c`'s lower case, as [`char::to_lowercase`] gives them.
#[inline]
pub fn lower(c: char, mut push: impl FnMut(char)) {
    let u = c as u32;
    if u < 0x80 {
        push(c.to_ascii_lowercase());
    } else if u <= 0xFFFF && get(&tables().own_lower, u) {
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
