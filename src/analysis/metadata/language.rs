//! The article's language: the caller's word first, then the page's
//! declaration, then detection from the text.

use crate::analysis::lexicon;
use crate::analysis::text::{FastMap, first_chars, lowercase};
use std::sync::LazyLock;
use whatlang::Lang;

/// Where the article's language came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LanguageSource {
    #[default]
    Unknown,
    Request,
    Declared,
    Detected,
}

/// The language as a BCP-47 code and where it came from.
pub fn resolve(hint: &str, declared: &[&str], text: &str) -> (String, LanguageSource) {
    if let Some(code) = normalize_tag(hint) {
        return (code, LanguageSource::Request);
    }
    if let Some(code) = declared.iter().find_map(|d| normalize_tag(d)) {
        return (code, LanguageSource::Declared);
    }
    match detect(text) {
        Some(code) => (code.to_string(), LanguageSource::Detected),
        None => (String::new(), LanguageSource::Unknown),
    }
}

/// "en_US" / "EN-us" / "en" to "en-US" / "en"; None for anything that is no
/// language tag.
pub fn normalize_tag(tag: &str) -> Option<String> {
    let mut parts = tag.trim().split(['-', '_']);
    let primary = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    match parts.next() {
        Some(region) if region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Some(format!("{primary}-{}", region.to_ascii_uppercase()))
        }
        _ => Some(primary),
    }
}

/// How much of the text detection reads: a thousand-odd characters tell the
/// language as surely as the whole text, at a fraction of the cost (whatlang
/// scores every trigram against every language).
const SAMPLE_CHARS: usize = 1500;
/// How much detection reads first. Most texts name their language reliably
/// within a few sentences; the sample widens to [`SAMPLE_CHARS`] only when
/// whatlang has doubts about the glimpse, as it does when the opening is too
/// short or mixes languages.
const GLIMPSE_CHARS: usize = 1000;

/// The language of a text, when the text is long enough to tell.
fn detect(text: &str) -> Option<&'static str> {
    let sample = first_chars(text, SAMPLE_CHARS);
    // Fewer than five words tell nothing; counting stops at the fifth.
    sample.split_whitespace().nth(4)?;
    let glimpse = first_chars(sample, GLIMPSE_CHARS);
    if let Some(code) = by_function_words(glimpse) {
        return Some(code);
    }
    let info = whatlang::detect(glimpse)
        .filter(|info| info.is_reliable() || glimpse.len() == sample.len())
        .or_else(|| whatlang::detect(sample))?;
    (info.confidence() > 0.3).then(|| iso639_1(info.lang()))
}

/// The languages much news is written in whose commonest function words
/// (`<lang>/function_words` in the lexicon) tell a text's language.
const FUNCTION_WORD_LANGUAGES: [&str; 7] = ["en", "de", "fr", "es", "it", "pt", "nl"];
/// Fewer words than this say too little for a vote.
const VOTE_MIN_WORDS: usize = 40;

/// The language whose function words clearly dominate the text, when one
/// does: a quarter of all words at least, and three times as many as any other
/// language's. Running text says so within a paragraph at a twentieth of
/// whatlang's cost, which scores every trigram against every language; texts
/// that are short, mixed, or in a close sibling (Catalan, Galician) fail the
/// margin and go to whatlang.
fn by_function_words(text: &str) -> Option<&'static str> {
    static LANGUAGES_OF: LazyLock<FastMap<&'static str, u8>> = LazyLock::new(|| {
        let mut map = FastMap::default();
        for (bit, lang) in FUNCTION_WORD_LANGUAGES.iter().enumerate() {
            for word in lexicon::words_of(lang, "function_words") {
                *map.entry(word).or_insert(0) |= 1 << bit;
            }
        }
        map
    });
    let mut hits = [0usize; FUNCTION_WORD_LANGUAGES.len()];
    let mut words = 0;
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if let Some(&languages) = LANGUAGES_OF.get(&*lowercase(word)) {
            for (bit, count) in hits.iter_mut().enumerate() {
                *count += usize::from(languages >> bit & 1);
            }
        }
    }
    let (language, &top) = hits.iter().enumerate().max_by_key(|&(i, &n)| (n, i))?;
    let runner_up = hits.iter().enumerate().filter(|&(i, _)| i != language).map(|(_, &n)| n).max().unwrap_or(0);
    (words >= VOTE_MIN_WORDS && top * 4 >= words && top >= 3 * runner_up).then(|| FUNCTION_WORD_LANGUAGES[language])
}

/// The two-letter code of a language where it has one.
fn iso639_1(lang: Lang) -> &'static str {
    use Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_beats_page_beats_detection() {
        assert_eq!(resolve("de", &["en"], "text"), ("de".into(), LanguageSource::Request));
        assert_eq!(resolve("", &["", "en_us"], "text"), ("en-US".into(), LanguageSource::Declared));
    }

    #[test]
    fn detection_uses_two_letter_codes() {
        let text = "The spokesperson said the country considers the freezing of the talks counterproductive.";
        assert_eq!(resolve("", &[], text), ("en".into(), LanguageSource::Detected));
        assert_eq!(resolve("", &[], "too short"), (String::new(), LanguageSource::Unknown));
    }

    #[test]
    fn the_glimpse_agrees_with_the_whole_sample() {
        let english = "The spokesperson said the country considers the freezing of the talks counterproductive. ";
        let german = "Die Sprecherin sagte, das Land halte das Einfrieren der Gespräche für kontraproduktiv. ";
        let whole = |text: &str| {
            let info = whatlang::detect(first_chars(text, SAMPLE_CHARS))?;
            (info.confidence() > 0.3).then(|| iso639_1(info.lang()))
        };
        let mixed = format!("{}{}", english.repeat(8), german.repeat(12));
        for text in [english.repeat(20), german.repeat(20), mixed] {
            assert_eq!(detect(&text), whole(&text));
        }
        assert_eq!(detect(&german.repeat(20)), Some("de"));
    }

    #[test]
    fn function_words_settle_running_text_and_leave_the_rest_to_whatlang() {
        let english = "The minister said on Monday that the talks would go on, but he did not say when they had been \
            planned or who was there. It was the first time that the two sides met after the war. ";
        let german = "Der Minister sagte am Montag, dass die Gespräche weitergehen, aber er sagte nicht, wann sie \
            geplant wurden oder wer dabei war. Es war das erste Treffen der beiden Seiten nach dem Krieg. ";
        // Catalan shares its function words with Spanish, French and Italian: no clear lead.
        let catalan = "El ministre va dir dilluns que les converses continuarien, però no va dir quan s'havien \
            planificat ni qui hi era. Va ser la primera vegada que les dues parts es reunien després de la guerra. ";
        assert_eq!(by_function_words(&english.repeat(2)), Some("en"));
        assert_eq!(by_function_words(&german.repeat(2)), Some("de"));
        assert_eq!(by_function_words(&catalan.repeat(2)), None);
        assert_eq!(by_function_words("The talks go on."), None);
        assert_eq!(detect(&catalan.repeat(2)), Some("ca"));
    }

    #[test]
    fn junk_tags_are_ignored() {
        assert_eq!(normalize_tag("{{lang}}"), None);
        assert_eq!(normalize_tag(""), None);
    }
}
