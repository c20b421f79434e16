//! Sentences as weighted bags of stemmed content words, the common ground of
//! sentence similarity and keyphrase scoring.

use super::stopwords::{self, StopSet};
use crate::analysis::memo::Memo;
use crate::analysis::segment::{Segmentation, TokenKind};
use crate::analysis::text::{FastMap, FxHasher, primary_language};
use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::hash::BuildHasherDefault;
use std::rc::Rc;

/// A language's stemmer and stop words.
pub(super) struct Lexicon {
    stemmer: Stemmer,
    stops: Option<&'static StopSet>,
    /// Whether the stop list is the language's own (English read for an
    /// unknown language counts as its own): without it, every common word
    /// looks like content, and features that weigh content words mean
    /// something else.
    knows_stop_words: bool,
    /// The stemmer's algorithm and the stop list's language: the key of this
    /// lexicon's answers in [`STEMS`].
    key: (u8, &'static str),
}

/// Each word's stem, `None` for a stop word.
type StemMemo = Memo<Option<Rc<str>>, BuildHasherDefault<FxHasher>>;

thread_local! {
    /// What each word this thread has met stands for, per lexicon: lower-casing
    /// and stemming a word cost more than the rest of its handling, and the same
    /// few thousand words make most of every article.
    static STEMS: RefCell<FastMap<(u8, &'static str), StemMemo>> = RefCell::default();
}

impl Lexicon {
    /// The lexicon for a BCP-47 tag; unknown or empty tags read as English,
    /// the language of most of the service's input.
    pub(super) fn new(language: &str) -> Self {
        let code = primary_language(language);
        let algorithm = match code.as_str() {
            "ar" => Algorithm::Arabic,
            "da" => Algorithm::Danish,
            "nl" => Algorithm::Dutch,
            "fi" => Algorithm::Finnish,
            "fr" => Algorithm::French,
            "de" => Algorithm::German,
            "el" => Algorithm::Greek,
            "hu" => Algorithm::Hungarian,
            "it" => Algorithm::Italian,
            "no" | "nb" | "nn" => Algorithm::Norwegian,
            "pt" => Algorithm::Portuguese,
            "ro" => Algorithm::Romanian,
            "ru" => Algorithm::Russian,
            "es" => Algorithm::Spanish,
            "sv" => Algorithm::Swedish,
            "ta" => Algorithm::Tamil,
            "tr" => Algorithm::Turkish,
            _ => Algorithm::English,
        };
        let stops = match (stopwords::for_language(&code), algorithm) {
            (Some(list), _) => Some(list),
            (None, Algorithm::English) => stopwords::for_language("en"),
            (None, _) => None,
        };
        Self {
            stemmer: Stemmer::create(algorithm),
            stops: stops.map(|(_, set)| set),
            knows_stop_words: code.is_empty() || stops.is_some_and(|(language, _)| language == code),
            key: (algorithm as u8, stops.map_or("", |(language, _)| language)),
        }
    }

    /// The lexicon of a language whose stop words are not known: its stemmer
    /// alone. Training reads English this way to learn the fallback model.
    pub(super) fn without_stop_words(language: &str) -> Self {
        let stemmer_only = Self::new(language);
        Self { stops: None, knows_stop_words: false, key: (stemmer_only.key.0, ""), ..stemmer_only }
    }

    pub(super) fn knows_stop_words(&self) -> bool {
        self.knows_stop_words
    }

    /// The stem a token's text stands for, or `None` for a stop word.
    pub(super) fn stem_of(&self, word: &str) -> Option<Rc<str>> {
        STEMS.with_borrow_mut(|all| {
            all.entry(self.key).or_default().get(word, |w| self.content_word(w).map(|c| self.stem(&c).into()))
        })
    }

    fn is_stop(&self, word: &str) -> bool {
        self.stops.is_some_and(|stops| stops.contains(word))
    }

    /// The lower-cased word without an elided article ("l'État" -> "état"),
    /// or `None` for a stop word, a lone letter or a bare possessive.
    fn content_word(&self, word: &str) -> Option<String> {
        let lower = word.replace('’', "'").to_lowercase();
        let bare = match lower.find('\'') {
            Some(at) if self.is_stop(&lower[..=at]) => &lower[at + 1..],
            _ => lower.as_str(),
        };
        let letters = bare.chars().filter(|c| c.is_alphanumeric()).count();
        if letters < 2 && !bare.starts_with(|c: char| c.is_numeric()) || self.is_stop(bare) {
            return None;
        }
        Some(bare.to_string())
    }

    fn stem(&self, word: &str) -> String {
        // The stemmers expect words; numbers and handles pass through as they are.
        if !word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
            return word.to_string();
        }
        self.stemmer.stem(word).into_owned()
    }
}

/// Interns stems as dense ids and caches what each surface word maps to, so
/// that every distinct word is looked up once per text.
pub(super) struct Vocabulary<'a> {
    lexicon: &'a Lexicon,
    words: FastMap<&'a str, Option<u32>>,
    stems: FastMap<Rc<str>, u32>,
}

impl<'a> Vocabulary<'a> {
    /// A vocabulary sized for a text of `tokens` tokens, so that its maps
    /// do not grow (and rehash) word by word.
    pub(super) fn new(lexicon: &'a Lexicon, tokens: usize) -> Self {
        let distinct = tokens / 2;
        Self {
            lexicon,
            words: FastMap::with_capacity_and_hasher(distinct, Default::default()),
            stems: FastMap::with_capacity_and_hasher(distinct, Default::default()),
        }
    }

    /// The term id of a token's text, `None` for stop words.
    pub(super) fn term(&mut self, word: &'a str) -> Option<u32> {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = self.lexicon.stem_of(word).map(|stem| self.intern(stem));
        self.words.insert(word, id);
        id
    }

    fn intern(&mut self, stem: Rc<str>) -> u32 {
        let next = u32::try_from(self.stems.len()).unwrap_or(u32::MAX);
        *self.stems.entry(stem).or_insert(next)
    }
}

/// A sparse unit vector of term weights, sorted by term id.
pub(super) type TermVector = Vec<(u32, f32)>;

/// Unit vectors of log term frequencies. There is no IDF: counted over the
/// sentences of one article it would discount exactly the words the article
/// keeps coming back to, its topic; the stop list already silences the words
/// that are frequent everywhere.
pub(super) fn sentence_vectors(bags: &[Vec<u32>]) -> Vec<TermVector> {
    bags.iter()
        .map(|bag| {
            let mut v: TermVector = count_terms(bag).into_iter().map(|(t, tf)| (t, 1.0 + (tf as f32).ln())).collect();
            let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect()
}

/// Term ids with their counts, sorted by id.
fn count_terms(bag: &[u32]) -> Vec<(u32, u32)> {
    let mut sorted = bag.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for t in sorted {
        match out.last_mut() {
            Some((last, n)) if *last == t => *n += 1,
            _ => out.push((t, 1)),
        }
    }
    out
}

/// The term id of every token: `None` for stop words and for tokens that
/// are neither words nor numbers.
pub(super) fn token_terms<'a>(text: &'a str, seg: &Segmentation, vocabulary: &mut Vocabulary<'a>) -> Vec<Option<u32>> {
    seg.tokens
        .iter()
        .map(|t| match t.kind {
            TokenKind::Word | TokenKind::Number => vocabulary.term(t.span.of(text)),
            TokenKind::Quote | TokenKind::Punct => None,
        })
        .collect()
}

/// The content-word term ids of every sentence, in token order.
pub(super) fn sentence_bags(seg: &Segmentation, terms: &[Option<u32>]) -> Vec<Vec<u32>> {
    seg.sentences.iter().map(|s| terms[s.tokens.clone()].iter().flatten().copied().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_elisions_and_stems() {
        let en = Lexicon::new("en-GB");
        assert_eq!(en.content_word("The"), None);
        assert_eq!(en.content_word("'s"), None);
        assert_eq!(en.stem_of("Talks").as_deref(), Some("talk"));
        assert_eq!(en.content_word("2,000"), Some("2,000".to_string()));
        let fr = Lexicon::new("fr");
        assert_eq!(fr.content_word("l’État"), Some("état".to_string()));
        assert_eq!(fr.content_word("dans"), None);
    }

    #[test]
    fn cached_stems_are_the_stemmers_own_per_language() {
        for (tag, algorithm) in [("en", Algorithm::English), ("fr", Algorithm::French)] {
            let (lexicon, fresh) = (Lexicon::new(tag), Stemmer::create(algorithm));
            for word in ["nationales", "running", "nationales", "running"] {
                assert_eq!(lexicon.stem_of(word).as_deref(), Some(fresh.stem(word).as_ref()), "{tag} {word}");
            }
        }
    }

    #[test]
    fn unknown_language_reads_as_english() {
        assert_eq!(Lexicon::new("").content_word("with"), None);
        assert_eq!(Lexicon::new("zz").content_word("with"), None);
        assert!(Lexicon::new("sv").content_word("och").is_some());
    }

    #[test]
    fn a_lexicon_knows_the_stop_words_of_its_own_language_only() {
        for tag in ["", "en-US", "de", "fr-CA", "ru"] {
            assert!(Lexicon::new(tag).knows_stop_words(), "{tag}");
        }
        for tag in ["sv", "pl", "zh", "ja"] {
            assert!(!Lexicon::new(tag).knows_stop_words(), "{tag}");
        }
        let bare = Lexicon::without_stop_words("en");
        assert!(!bare.knows_stop_words());
        assert_eq!(bare.content_word("with").as_deref(), Some("with"));
        assert_eq!(bare.stem_of("Talks").as_deref(), Some("talk"));
    }

    #[test]
    fn vectors_are_unit_and_weigh_repeats_sublinearly() {
        let v = sentence_vectors(&[vec![3, 1, 3], vec![]]);
        assert_eq!(v[0].iter().map(|&(t, _)| t).collect::<Vec<_>>(), [1, 3]);
        assert!((v[0].iter().map(|&(_, w)| w * w).sum::<f32>() - 1.0).abs() < 1e-5);
        assert!(v[0][1].1 > v[0][0].1 && v[0][1].1 < 2.0 * v[0][0].1);
        assert!(v[1].is_empty());
    }
}
