//! Byte spans over the article text. Every analyzer speaks in UTF-8 byte
//! offsets; the API layer converts them to the caller's encoding once, at the
//! boundary. Also the fast hash the analyzers key their word maps with.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A half-open byte range `[start, end)` of a text, always on `char` boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span with leading and trailing white space of `text` removed.
    pub fn trim(self, text: &str) -> Span {
        let s = self.of(text);
        let start = self.start + (s.len() - s.trim_start().len());
        let end = self.end - (s.len() - s.trim_end().len());
        if start >= end { Span::new(start, start) } else { Span::new(start, end) }
    }
}

/// A BCP-47 tag's primary language subtag in lower case: "en-GB" and
/// "EN_us" -> "en"; "" for an empty tag.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// `word` in lower case, borrowed when it already is, as most words are:
/// the same string [`str::to_lowercase`] gives, without its allocation.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    let unchanged = |c: char| if c.is_ascii() { !c.is_ascii_uppercase() } else { c.to_lowercase().eq([c]) };
    if word.chars().all(unchanged) { Cow::Borrowed(word) } else { Cow::Owned(word.to_lowercase()) }
}

/// `text` without soft hyphens, which mark where a word may break and are
/// no part of it ("Mes\u{ad}sen\u{ad}ger"); borrowed when it has none.
pub fn without_soft_hyphens(text: &str) -> Cow<'_, str> {
    if text.contains('\u{ad}') { Cow::Owned(text.replace('\u{ad}', "")) } else { Cow::Borrowed(text) }
}

/// The first `chars` characters of `text`, all of it when shorter.
pub fn first_chars(text: &str, chars: usize) -> &str {
    text.char_indices().nth(chars).map_or(text, |(at, _)| &text[..at])
}

/// The largest char boundary of `text` at or before byte `at` (`str::floor_char_boundary`,
/// which needs a newer toolchain than the crate's `rust-version`).
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// The last `chars` characters of `text`, all of it when shorter.
pub fn last_chars(text: &str, chars: usize) -> &str {
    match chars.checked_sub(1) {
        Some(skip) => text.char_indices().rev().nth(skip).map_or(text, |(at, _)| &text[at..]),
        None => "",
    }
}

/// A word's shape, as the taggers read it: each upper-case letter as 'X',
/// other letters as 'x', digits (as `is_digit` tells them) as 'd', anything
/// else as itself, with runs of one symbol collapsed ("McCain" → X x X x,
/// "2,000" → d , d). Each trained tagger keeps the digit test it was trained
/// with: the entity tagger any numeric character, the quote model ASCII digits.
pub fn shape(token: &str, is_digit: fn(char) -> bool) -> impl Iterator<Item = char> + '_ {
    let symbols = token.chars().map(move |c| match c {
        c if c.is_uppercase() => 'X',
        c if c.is_alphabetic() => 'x',
        c if is_digit(c) => 'd',
        c => c,
    });
    let mut last = None;
    symbols.filter(move |&symbol| last.replace(symbol) != Some(symbol))
}

/// FxHash (from rustc): the analyzers' maps hold short words and small ids
/// from one trusted text or a built-in word list, where SipHash's DoS
/// resistance buys nothing and costs most of the time.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A hash set with [`FxHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_char_boundary_never_cuts_a_character() {
        let text = "aé€";
        let floors: Vec<usize> = (0..=8).map(|at| floor_char_boundary(text, at)).collect();
        assert_eq!(floors, [0, 1, 1, 3, 3, 3, 6, 6, 6]);
    }

    #[test]
    fn lowercase_borrows_only_what_is_lower_case_already() {
        for word in ["talks", "Talks", "ÉTAT", "état", "ΟΔΟΣ", "ǅemal", "2,000", ""] {
            let lower = lowercase(word);
            assert_eq!(lower, word.to_lowercase(), "{word}");
            assert_eq!(matches!(lower, Cow::Borrowed(_)), lower == word, "{word}");
        }
    }

    #[test]
    fn soft_hyphens_are_removed() {
        assert_eq!(without_soft_hyphens("rechts\u{ad}frei"), "rechtsfrei");
        assert!(matches!(without_soft_hyphens("frei"), Cow::Borrowed("frei")));
    }

    #[test]
    fn first_and_last_chars_count_characters_not_bytes() {
        assert_eq!(first_chars("äbc", 2), "äb");
        assert_eq!(first_chars("ab", 5), "ab");
        assert_eq!(last_chars("abç", 2), "bç");
        assert_eq!(last_chars("ab", 5), "ab");
        assert_eq!(last_chars("ab", 0), "");
    }

    #[test]
    fn trim_drops_surrounding_space() {
        let text = "  a b \n";
        assert_eq!(Span::new(0, text.len()).trim(text).of(text), "a b");
        assert!(Span::new(0, 2).trim(text).is_empty());
    }
}
