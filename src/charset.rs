//! A set of characters of the Basic Multilingual Plane, one bit each, built once from a
//! predicate: for questions asked of every character of every page whose direct answer is
//! a search (Unicode's tables in the standard library, every font's coverage).

pub struct BmpSet(Box<[u64; 1024]>);

impl BmpSet {
    /// The characters up to U+FFFF for which `f` holds.
    pub fn from_fn(f: impl Fn(char) -> bool) -> BmpSet {
        let mut bits = Box::new([0u64; 1024]);
        for u in 0..=0xFFFFu32 {
            if char::from_u32(u).is_some_and(&f) {
                bits[(u >> 6) as usize] |= 1 << (u & 63);
            }
        }
        BmpSet(bits)
    }

    /// Whether `c` is in the set; `None` outside the Basic Multilingual Plane, where the
    /// caller asks the predicate itself.
    #[inline]
    pub fn get(&self, c: char) -> Option<bool> {
        let u = c as u32;
        if u > 0xFFFF {
            return None;
        }
        Some(self.0[(u >> 6) as usize] & (1 << (u & 63)) != 0)
    }
}
