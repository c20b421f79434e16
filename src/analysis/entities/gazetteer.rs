//! Embedded name lists: countries, cities, regions, given names, surnames,
//! demonyms, organization words, person titles and place nouns.
//!
//! The lists live in `models/gazetteers/` (sources and licences in
//! `MODELS.md`) and are compiled into the binary, then indexed once, on first
//! use. Names are keyed by their tokens as the shared segmenter cuts them, so
//! "St. Louis" or "Nagorno-Karabakh" match the way they appear in a text.
//! Matching ignores case, except for short acronyms ("US", "SA"), which match
//! only when written in capitals, so "us" is not a country.

use crate::analysis::lexicon;
use crate::analysis::segment::segment;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// What a name (or the start of a longer name) is, as bits.
pub(super) mod flag {
    pub const COUNTRY: u16 = 1 << 0;
    pub const CITY: u16 = 1 << 1;
    pub const REGION: u16 = 1 << 2;
    pub const FIRST_NAME: u16 = 1 << 3;
    pub const LAST_NAME: u16 = 1 << 4;
    pub const DEMONYM: u16 = 1 << 5;
    pub const ORG_SUFFIX: u16 = 1 << 6;
    pub const PERSON_TITLE: u16 = 1 << 7;
    pub const PLACE_WORD: u16 = 1 << 8;
    /// The tokens so far begin a longer listed name.
    pub const PREFIX: u16 = 1 << 9;
    /// The bits that say what a name is (all but [`PREFIX`]).
    pub const KINDS: u16 = PREFIX - 1;
}

const COUNTRIES: &str = include_str!("../../../models/gazetteers/countries.txt");
const COUNTRIES_EXTRA: &str = include_str!("../../../models/gazetteers/countries_extra.txt");
const CITIES: &str = include_str!("../../../models/gazetteers/cities.txt");
const REGIONS: &str = include_str!("../../../models/gazetteers/regions.txt");
const LAST_NAMES: &str = include_str!("../../../models/gazetteers/last_names.txt");
const DEMONYMS: &str = include_str!("../../../models/gazetteers/demonyms.tsv");
const ORG_SUFFIXES: &str = include_str!("../../../models/gazetteers/org_suffixes.txt");
const PERSON_TITLES: &str = include_str!("../../../models/gazetteers/person_titles.txt");
const PLACE_WORDS: &str = include_str!("../../../models/gazetteers/place_words.txt");

/// Is `name` a country ("Russia", "the Netherlands" without "the", "U.S.")?
pub fn is_country(name: &str) -> bool {
    has_flag(name, flag::COUNTRY)
}

/// Is `name` a city of 15,000 people or more (GeoNames)?
pub fn is_city(name: &str) -> bool {
    has_flag(name, flag::CITY)
}

/// Is `name` a continent, region, sea or disputed area ("South Caucasus", "Gaza")?
pub fn is_region(name: &str) -> bool {
    has_flag(name, flag::REGION)
}

/// Is `name` a common given name (US census)?
pub fn is_first_name(name: &str) -> bool {
    has_flag(name, flag::FIRST_NAME)
}

/// Is `name` one of the 20,000 commonest surnames (US census)?
pub fn is_last_name(name: &str) -> bool {
    has_flag(name, flag::LAST_NAME)
}

/// Is `word` a word that heads or ends organization names ("Inc", "Ministry")?
pub fn is_org_suffix(word: &str) -> bool {
    has_flag(word, flag::ORG_SUFFIX)
}

/// Is `word` a title or office written next to a person's name ("Mr", "Minister")?
pub fn is_person_title(word: &str) -> bool {
    has_flag(word, flag::PERSON_TITLE)
}

/// Is `word` a common noun that names a kind of place ("city", "district", "river")?
pub fn is_place_word(word: &str) -> bool {
    has_flag(word, flag::PLACE_WORD)
}

/// The country or region a demonym refers to: "Russian" -> "Russia".
pub fn demonym(word: &str) -> Option<&'static str> {
    INDEX.demonyms.get(&phrase_key(word)?).copied()
}

fn has_flag(name: &str, bit: u16) -> bool {
    phrase_key(name).is_some_and(|key| INDEX.flags(key) & bit != 0)
}

/// The key of a name of one or more tokens, as the model folds it; `on_prefix`
/// sees the key of every proper prefix of a name of several tokens.
fn phrase_key(name: &str) -> Option<u64> {
    // A plain word is one token: skip the segmenter, as callers ask word by word.
    if !name.is_empty() && name.chars().all(char::is_alphanumeric) {
        return Some(word_key(name));
    }
    // Every listed name has a letter or a digit: callers often ask about
    // punctuation, and it needs no segmenting to be turned away.
    if !name.chars().any(char::is_alphanumeric) {
        return None;
    }
    fold_name(name, |_| ())
}

fn fold_name(name: &str, mut on_prefix: impl FnMut(u64)) -> Option<u64> {
    let seg = segment(name);
    let (first, rest) = seg.tokens.split_first()?;
    let first = first.span.of(name);
    if rest.is_empty() {
        return Some(word_key(first));
    }
    let mut key = lower_key(first);
    for token in rest {
        on_prefix(key);
        key = extend(key, lower_key(token.span.of(name)));
    }
    Some(key)
}

/// The flags of one token: `lower` is its [`lower_key`]. An all-capital
/// token is also looked up as an acronym.
pub(super) fn token_flags(token: &str, lower: u64) -> u16 {
    let flags = INDEX.flags(lower);
    if is_acronym(token) { flags | INDEX.flags(acronym_key(token)) } else { flags }
}

/// The flags of a phrase key built with [`extend`].
pub(super) fn phrase_flags(key: u64) -> u16 {
    INDEX.flags(key)
}

/// A case-folded hash of one token; curly apostrophes fold to straight ones.
pub(super) fn lower_key(token: &str) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15u64;
    for c in token.chars() {
        if c.is_ascii() {
            h = mix(h, u64::from(c.to_ascii_lowercase()));
        } else if c == '’' {
            h = mix(h, u64::from(b'\''));
        } else {
            for l in c.to_lowercase() {
                h = mix(h, u64::from(l));
            }
        }
    }
    finish(h)
}

/// The key of a phrase `key` followed by a token with [`lower_key`] `token`.
pub(super) fn extend(key: u64, token: u64) -> u64 {
    finish(mix(key, token))
}

/// One round of the Fx hash: cheap, and [`finish`] spreads its bits.
pub(super) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The MurmurHash3 finalizer, so that every bit of a key depends on every input bit.
pub(super) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Two to four capitals, dots allowed: "US", "U.S.", "NATO" is an acronym;
/// such entries match their exact spelling only.
fn is_acronym(token: &str) -> bool {
    // Most words fail on their second letter: test the capitals first.
    token.chars().all(|c| c.is_uppercase() || c == '.')
        && (2..=4).contains(&token.chars().filter(|c| c.is_alphabetic()).count())
}

fn acronym_key(token: &str) -> u64 {
    let h = token.chars().filter(|&c| c != '.').fold(0x2545_f491_4f6c_dd1du64, |h, c| mix(h, u64::from(c)));
    finish(h)
}

/// The key a single-token entry is stored under.
fn word_key(token: &str) -> u64 {
    if is_acronym(token) { acronym_key(token) } else { lower_key(token) }
}

/// A hasher for keys that are hashes already: it passes them through.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| mix(h, u64::from(b)));
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// A map keyed by [`lower_key`]-style hashes.
pub(super) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

struct Index {
    flags: KeyMap<u16>,
    demonyms: KeyMap<&'static str>,
}

impl Index {
    fn flags(&self, key: u64) -> u16 {
        self.flags.get(&key).copied().unwrap_or(0)
    }

    fn add(&mut self, name: &str, bit: u16) -> Option<u64> {
        let key = fold_name(name, |prefix| *self.flags.entry(prefix).or_default() |= flag::PREFIX)?;
        *self.flags.entry(key).or_default() |= bit;
        Some(key)
    }
}

/// The non-empty, non-comment lines of a list.
fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut index = Index { flags: KeyMap::default(), demonyms: KeyMap::default() };
    let lists = [
        (COUNTRIES, flag::COUNTRY),
        (COUNTRIES_EXTRA, flag::COUNTRY),
        (CITIES, flag::CITY),
        (REGIONS, flag::REGION),
        (lexicon::list("en", "given_names"), flag::FIRST_NAME),
        (LAST_NAMES, flag::LAST_NAME),
        (ORG_SUFFIXES, flag::ORG_SUFFIX),
        (PERSON_TITLES, flag::PERSON_TITLE),
        (PLACE_WORDS, flag::PLACE_WORD),
    ];
    for (list, bit) in lists {
        for name in entries(list) {
            index.add(name, bit);
        }
    }
    for line in entries(DEMONYMS) {
        if let Some((word, place)) = line.split_once('\t')
            && let Some(key) = index.add(word.trim(), flag::DEMONYM)
        {
            index.demonyms.insert(key, place.trim());
        }
    }
    index
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_cities_ignore_case() {
        assert!(is_country("Russia") && is_country("RUSSIA") && is_country("united states"));
        assert!(is_city("Baku") && is_city("yerevan") && is_city("Buenos Aires"));
        assert!(!is_country("Baku") && !is_city("Ministry"));
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        assert!(is_country("US") && is_country("U.S.") && is_country("UK"));
        assert!(!is_country("us"));
    }

    #[test]
    fn regions_names_and_words() {
        assert!(is_region("South Caucasus") && is_region("Nagorno-Karabakh"));
        assert!(is_first_name("Maria") && is_last_name("Johnson"));
        assert!(is_org_suffix("Ministry") && is_org_suffix("Inc.") && is_person_title("Spokesperson"));
        assert!(!is_person_title("Ministry"));
        assert!(is_place_word("district") && !is_place_word("Baku"));
    }

    #[test]
    fn demonyms_name_their_country() {
        assert_eq!(demonym("Russian"), Some("Russia"));
        assert_eq!(demonym("azerbaijani"), Some("Azerbaijan"));
        assert_eq!(demonym("South African"), Some("South Africa"));
        assert_eq!(demonym("Russia"), None);
        assert_eq!(demonym(""), None);
        assert_eq!(demonym(","), None);
    }

    #[test]
    fn a_phrase_prefix_is_not_a_name() {
        assert!(!is_city("Buenos"));
        assert!(token_flags("Buenos", lower_key("Buenos")) & flag::PREFIX != 0);
    }
}
