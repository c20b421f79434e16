//! Reporting verbs and the small word classes the attribution parser needs,
//! read from `data/lexicon/en/quote_*.txt`.
//!
//! Verbs are listed once, by lemma, with only their irregular forms
//! (`quote_speech_verbs`, `quote_act_verbs`, `quote_evaluative_verbs`: `lemma`,
//! `lemma/past` or `lemma/past/participle`); every inflection ("notes",
//! "noted", "noting") is derived when the table is built, so the lists stay
//! readable and no form is forgotten.

use crate::analysis::lexicon;
use crate::analysis::text::{FastMap, FastSet};
use std::sync::OnceLock;

/// How much a reporting verb alone says about speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Strength {
    /// A verb of saying, writing or believing: its clause is reported speech
    /// even without quote marks ("noted that ...").
    Speech,
    /// A speech act aimed at someone ("criticized the plan", "accused him
    /// of"): reported speech even without quote marks, but its object comes
    /// first, never a "that" clause.
    Act,
    /// A verb that reports speech only when it carries quoted words
    /// ("called the talks 'counterproductive'", "praised ... as 'a champion'").
    Evaluative,
}

/// The small closed word classes the attribution parser asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    TakesObject,
    NounToo,
    Pronoun,
    Determiner,
    PhraseBreak,
    Auxiliary,
    TimeWord,
    TimeNoun,
    Connector,
    NounFollower,
    LyNoun,
    ObjectPronoun,
    HeadPreposition,
    ContrastConjunction,
    CountingWord,
    TimeOpener,
    BeForm,
    GoForm,
    SingularDeterminer,
    SingularPronoun,
    ClauseContinuer,
    Resumer,
    ImpersonalHead,
    NotName,
    RelativePronoun,
}

/// Each class's list in `data/lexicon/en/`, in the order of [`Class`].
const CLASSES: [&str; 25] = [
    "quote_takes_object",
    "quote_noun_too",
    "quote_pronouns",
    "quote_determiners",
    "quote_phrase_breaks",
    "quote_auxiliaries",
    "quote_time_words",
    "quote_time_nouns",
    "quote_connectors",
    "quote_noun_followers",
    "quote_ly_nouns",
    "quote_object_pronouns",
    "quote_head_prepositions",
    "quote_contrast_conjunctions",
    "quote_counting_words",
    "quote_time_openers",
    "quote_be_forms",
    "quote_go_forms",
    "quote_singular_determiners",
    "quote_singular_pronouns",
    "quote_clause_continuers",
    "quote_resumers",
    "quote_impersonal_heads",
    "quote_not_names",
    "quote_relative_pronouns",
];

fn in_class(class: Class, word: &str) -> bool {
    static SETS: OnceLock<Vec<FastSet<&'static str>>> = OnceLock::new();
    let sets = SETS.get_or_init(|| CLASSES.iter().map(|&name| lexicon::words(name).collect()).collect());
    sets[class as usize].contains(word)
}

/// Particles that belong to the cue when they follow it ("pointed out").
pub(super) fn takes_particle(lemma: &str, particle: &str) -> bool {
    match particle {
        "out" => matches!(lemma, "point" | "lash" | "spell" | "cry" | "speak" | "shout" | "sound" | "call"),
        "back" => matches!(lemma, "hit" | "fire" | "shoot" | "push" | "snap" | "write"),
        "up" => matches!(lemma, "sum" | "summarize" | "speak" | "follow"),
        "in" => matches!(lemma, "weigh" | "chime"),
        "it" => lemma == "put",
        "on" | "for" => lemma == "call",
        _ => false,
    }
}

/// Lemmas that only report speech with their particle ("weigh in", not "weigh").
fn needs_particle(lemma: &str) -> bool {
    matches!(lemma, "point" | "lash" | "spell" | "hit" | "fire" | "shoot" | "weigh" | "chime" | "sum" | "put")
}

#[derive(Clone, Copy, Debug)]
pub(super) struct CueWord {
    pub lemma: &'static str,
    pub strength: Strength,
    pub form: Form,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Form {
    Base,
    Third,
    Past,
    /// A participle unlike the past ("written"): a verb only after "has" or "was".
    Participle,
    Gerund,
}

impl CueWord {
    pub fn takes_object(&self) -> bool {
        in_class(Class::TakesObject, self.lemma)
    }

    /// Whether a form of the verb is also a noun ("reports of", "claims of").
    pub fn is_noun_too(&self) -> bool {
        in_class(Class::NounToo, self.lemma)
    }

    pub fn needs_particle(&self) -> bool {
        needs_particle(self.lemma)
    }
}

/// The reporting verb `word` (lowercase) is a form of, if any.
pub(super) fn cue_word(word: &str) -> Option<CueWord> {
    static TABLE: OnceLock<FastMap<String, CueWord>> = OnceLock::new();
    TABLE.get_or_init(build_table).get(word).copied()
}

fn build_table() -> FastMap<String, CueWord> {
    let mut table = FastMap::default();
    // Evaluative first, so a verb in both lists ends up as speech.
    let lists = [
        ("quote_evaluative_verbs", Strength::Evaluative),
        ("quote_act_verbs", Strength::Act),
        ("quote_speech_verbs", Strength::Speech),
    ];
    for (list, strength) in lists {
        for spec in lexicon::words(list) {
            let mut parts = spec.split('/');
            let lemma = parts.next().unwrap_or_default();
            let past = parts.next().map(str::to_owned);
            let participle = parts.next().map(str::to_owned);
            let past = past.unwrap_or_else(|| regular_past(lemma));
            let gerund = gerund(lemma, &past);
            let mut put = |form: String, kind: Form| {
                table.insert(form, CueWord { lemma, strength, form: kind });
            };
            put(third_person(lemma), Form::Third);
            put(gerund, Form::Gerund);
            if let Some(p) = participle {
                put(p, Form::Participle);
            }
            put(past, Form::Past);
            put(lemma.to_owned(), Form::Base);
        }
    }
    table
}

fn ends_consonant_y(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !b"aeiou".contains(&b[b.len() - 2])
}

fn third_person(lemma: &str) -> String {
    if ends_consonant_y(lemma) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else if ["s", "x", "z", "ch", "sh", "o"].iter().any(|e| lemma.ends_with(e)) {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    }
}

fn regular_past(lemma: &str) -> String {
    if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if ends_consonant_y(lemma) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ed")
    }
}

/// The -ing form; a doubled consonant in the past ("admitted") doubles here too.
fn gerund(lemma: &str, past: &str) -> String {
    if let Some(stem) = lemma.strip_suffix("ie") {
        return format!("{stem}ying");
    }
    if let Some(stem) = past.strip_suffix("ed")
        && stem.len() == lemma.len() + 1
        && stem.starts_with(lemma)
    {
        return format!("{stem}ing");
    }
    match lemma.strip_suffix('e') {
        Some(stem) if !stem.ends_with(['e', 'y', 'o']) => format!("{stem}ing"),
        _ => format!("{lemma}ing"),
    }
}

/// Personal pronouns that can speak.
pub(super) fn is_pronoun(word: &str) -> bool {
    in_class(Class::Pronoun, word)
}

/// Personal pronouns in either case: "he", "him".
pub(super) fn is_personal_pronoun(word: &str) -> bool {
    is_pronoun(word) || in_class(Class::ObjectPronoun, word)
}

/// Prepositions that end a speaker phrase's head: "a spokesman for the campaign".
pub(super) fn is_head_preposition(word: &str) -> bool {
    in_class(Class::HeadPreposition, word)
}

/// "but", "while", "though", "although": a new clause against the one before.
pub(super) fn is_contrast_conjunction(word: &str) -> bool {
    in_class(Class::ContrastConjunction, word)
}

/// "two officials", "several aides": a counted speaker phrase.
pub(super) fn is_counting_word(word: &str) -> bool {
    in_class(Class::CountingWord, word)
}

/// "last" in "last week": a word that makes a time noun a time phrase.
pub(super) fn is_time_opener(word: &str) -> bool {
    in_class(Class::TimeOpener, word)
}

/// A form of "be": "was told".
pub(super) fn is_be_form(word: &str) -> bool {
    in_class(Class::BeForm, word)
}

/// A form of "go": "went on to say".
pub(super) fn is_go_form(word: &str) -> bool {
    in_class(Class::GoForm, word)
}

/// "a", "each", "every": a noun phrase they open is singular.
pub(super) fn is_singular_determiner(word: &str) -> bool {
    in_class(Class::SingularDeterminer, word)
}

/// "he", "she", "it": a singular subject on its own.
pub(super) fn is_singular_pronoun(word: &str) -> bool {
    in_class(Class::SingularPronoun, word)
}

/// Words after a comma that carry on the writer's sentence.
pub(super) fn continues_clause(word: &str) -> bool {
    in_class(Class::ClauseContinuer, word)
}

/// Words between a comma and a quote mark that resume a quotation.
pub(super) fn resumes_quote(word: &str) -> bool {
    in_class(Class::Resumer, word)
}

/// Speaker heads that name no kind of source: "it", "which".
pub(super) fn is_impersonal_head(word: &str) -> bool {
    in_class(Class::ImpersonalHead, word)
}

/// Capitalized words that are no name: "The", "He" (as written).
pub(super) fn is_not_name(word: &str) -> bool {
    in_class(Class::NotName, word)
}

/// "who", "which", "whom", "whose".
pub(super) fn is_relative_pronoun(word: &str) -> bool {
    in_class(Class::RelativePronoun, word)
}

pub(super) fn is_determiner(word: &str) -> bool {
    in_class(Class::Determiner, word)
}

/// Words that cannot sit inside a speaker's noun phrase: they end it.
pub(super) fn breaks_phrase(word: &str) -> bool {
    in_class(Class::PhraseBreak, word)
}

/// Adverbs and auxiliaries between a speaker and the reporting verb.
pub(super) fn is_adverb_or_auxiliary(word: &str) -> bool {
    in_class(Class::Auxiliary, word) || (word.len() > 4 && word.ends_with("ly") && !in_class(Class::LyNoun, word))
}

/// A lowercase past form ("beamed", "grinned"): a verb that ends a noun phrase.
pub(super) fn looks_verbal(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed") && word.starts_with(|c: char| c.is_lowercase())
}

/// Words that follow a noun rather than a verb: "claims of", "reports were".
pub(super) fn follows_noun(word: &str) -> bool {
    in_class(Class::NounFollower, word)
}

/// Words that open an adverbial: "said Tuesday" has no inverted speaker.
pub(super) fn is_time_word(word: &str) -> bool {
    in_class(Class::TimeWord, word)
}

/// Nouns naming a point in time: "on Friday", "in 2010", "last week".
pub(super) fn is_time_noun(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit()) || in_class(Class::TimeNoun, word)
}

/// Words that open a sentence without being part of its subject.
pub(super) fn is_connector(word: &str) -> bool {
    in_class(Class::Connector, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inflection_is_a_cue() {
        for w in ["said", "says", "saying", "noted", "noting", "emphasizes", "admitted", "admitting", "told", "lying"] {
            assert!(cue_word(w).is_some(), "{w}");
        }
        assert_eq!(cue_word("denies").map(|c| c.lemma), Some("deny"));
        assert_eq!(cue_word("replied").map(|c| c.lemma), Some("reply"));
        assert_eq!(cue_word("labeled").map(|c| c.strength), Some(Strength::Evaluative));
        assert_eq!(cue_word("accused").map(|c| c.strength), Some(Strength::Act));
        assert_eq!(cue_word("warned").map(|c| c.strength), Some(Strength::Speech));
        assert!(cue_word("table").is_none());
    }

    #[test]
    fn the_lexicon_has_a_few_hundred_verbs() {
        let lists = ["quote_speech_verbs", "quote_act_verbs", "quote_evaluative_verbs"];
        assert!(lists.iter().map(|&l| lexicon::words(l).count()).sum::<usize>() > 300);
    }
}
