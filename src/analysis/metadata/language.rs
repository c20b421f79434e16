//! The article's language: the caller's word first, then the page's
//! declaration, then detection from the text.

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
    let sample = prefix(text, SAMPLE_CHARS);
    // Fewer than five words tell nothing; counting stops at the fifth.
    sample.split_whitespace().nth(4)?;
    let glimpse = prefix(sample, GLIMPSE_CHARS);
    let info = whatlang::detect(glimpse)
        .filter(|info| info.is_reliable() || glimpse.len() == sample.len())
        .or_else(|| whatlang::detect(sample))?;
    (info.confidence() > 0.3).then(|| iso639_1(info.lang()))
}

/// The first `chars` characters of `text`.
fn prefix(text: &str, chars: usize) -> &str {
    text.char_indices().nth(chars).map_or(text, |(at, _)| &text[..at])
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
            let info = whatlang::detect(prefix(text, SAMPLE_CHARS))?;
            (info.confidence() > 0.3).then(|| iso639_1(info.lang()))
        };
        let mixed = format!("{}{}", english.repeat(8), german.repeat(12));
        for text in [english.repeat(20), german.repeat(20), mixed] {
            assert_eq!(detect(&text), whole(&text));
        }
        assert_eq!(detect(&german.repeat(20)), Some("de"));
        assert_eq!(prefix("äbc", 2), "äb");
        assert_eq!(prefix("ab", 5), "ab");
    }

    #[test]
    fn junk_tags_are_ignored() {
        assert_eq!(normalize_tag("{{lang}}"), None);
        assert_eq!(normalize_tag(""), None);
    }
}
