//! Reporting verbs and the small word classes the attribution parser needs.
//!
//! Verbs are listed once, by lemma, with only their irregular forms; every
//! inflection ("notes", "noted", "noting") is derived when the table is built,
//! so the list stays readable and no form is forgotten.

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

/// `lemma`, or `lemma/past`, or `lemma/past/participle` when irregular or
/// when the final consonant doubles. Verbs of saying, writing and believing.
const SPEECH: &str = "\
    say/said add note state tell/told explain write/wrote/written claim insist warn argue assert declare \
    announce affirm acknowledge admit/admitted allege answer assure boast caution charge comment complain \
    concede conclude confirm contend counter cry deny disclose emphasize emphasise estimate exclaim observe \
    point predict proclaim promise propose recall reckon recount reiterate remark remind reply report \
    respond retort reveal shout speculate stress suggest swear/swore/sworn testify tweet underline \
    underscore urge vow whisper wonder ask inform advise believe think/thought feel/felt fear hope expect \
    doubt mention maintain mutter muse opine posit pledge quip/quipped rebut/rebutted relate repeat scoff \
    scream signal stipulate submit/submitted summarize volunteer yell specify indicate highlight clarify \
    detail elaborate express forecast/forecast guarantee hint imply instruct joke lament narrate object \
    plead protest reassure reaffirm reassert rejoin request surmise theorize threaten utter venture agree \
    aver bemoan brag/bragged concur/concurred confess confide continue counsel demand disagree dispute echo \
    grumble groan guess interject laugh marvel/marveled pronounce recollect remember rule sigh sneer \
    sum/summed tease chide figure advocate allow assess attest brief calculate certify convey decide \
    demur/demurred describe discuss insinuate lie/lied notify post preach presume pray profess prophesy \
    question quote reason recite recommend reflect refute reject scribble shriek snap/snapped \
    speak/spoke/spoken stammer suppose sustain tout vouch wager warrant weigh chime lash spell hit/hit fire \
    shoot/shot conjecture contest deplore gush mourn ponder rave rue scold sob stutter assume anticipate \
    blog/blogged broadcast/broadcast telegraph text/texted read/read retweet sing/sang/sung chant put/put \
    forewarn grant hypothesize";

/// Speech acts aimed at someone.
const ACTS: &str = "\
    criticize criticise blast attack accuse condemn denounce decry praise hail laud mock ridicule blame \
    dismiss reject demand defend thank applaud congratulate commend insult lambaste chastise berate assail \
    fault deride disparage castigate vilify rebuke reprimand scorn admonish beg/begged implore question \
    challenge slam/slammed call cite";

/// Verbs that report speech only with quoted words.
const EVALUATIVE: &str = "\
    call describe label/labeled label/labelled dub/dubbed brand term characterize characterise praise \
    criticize criticise slam/slammed blast attack accuse condemn denounce cite decry defend hail laud mock \
    ridicule encourage liken compare dismiss applaud welcome invoke refer/referred tout thank blame lambaste \
    chastise berate assail fault deride disparage castigate commend congratulate celebrate vilify insult \
    endorse recommend rebuke reprimand scorn tease warn acclaim admonish beg/begged implore pledge promote \
    vow question challenge support oppose reject demand seek/sought insist pitch portray cast/cast depict \
    credit envision specify mention predict pen/penned proclaim promise summarize discuss admire recognize \
    stress highlight emphasize decide";

/// Verbs that take the addressee as an object before the reported clause.
const TAKES_OBJECT: &str = "\
    tell inform assure remind warn ask urge advise brief promise reassure caution";

/// Reporting verbs whose forms are nouns too ("the report", "his claims").
const NOUN_TOO: &str = "\
    advocate attack cry state report claim comment charge answer reply promise estimate request demand \
    question tweet post remark forecast guarantee hint pledge vow fear hope doubt protest warrant quote \
    signal detail counter";

/// Personal pronouns that can speak.
const PRONOUNS: &str = "\
    he she they i we it you";

/// Words that open a noun phrase.
const DETERMINERS: &str = "\
    the a an this these those his her its their our my your another some several many both each every no any \
    all most other such";

/// Words that cannot sit inside a speaker's noun phrase: they end it.
const PHRASE_BREAKS: &str = "\
    in on at to for from with by about after before during since until into onto over under against among \
    between through without within upon than as because while when where whereas although though if unless \
    whether that which who whom whose what why how and or but nor so yet then also is are was were be been \
    being am has have had do does did will would shall should can could may might must not n't there here \
    like unlike via per amid despite toward towards across behind beyond near off out up down around along \
    once just even however meanwhile moreover still now later earlier again too very said says say told \
    tells added adds me him us them it you he she they we i";

/// Words allowed between a speaker and the reporting verb: "he also said",
/// "Trump has repeatedly claimed", "she would later write".
const AUXILIARIES: &str = "\
    cannot can must shall also has have had was were is are 's ’s 'd ’d would will could might may should \
    later then further once again not n't never often always still now even just only already did does do \
    first previously since too last earlier flatly been being be going go went goes on quoted as to tersely";

/// Words that open an adverbial after a verb: "said Tuesday", "said in a
/// statement" have no inverted speaker.
const TIME_WORDS: &str = "\
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight last this earlier later \
    recently previously late early on in at during after before while when to of that with from by about via \
    through again repeatedly then next afterward afterwards for into outside inside near under without among \
    across privately publicly separately shortly once twice as over";

/// Nouns naming a point in time: "on Friday", "last week".
const TIME_NOUNS: &str = "\
    monday tuesday wednesday thursday friday saturday sunday week month year night morning evening afternoon \
    weekend january february march april may june july august september october november december";

/// Words that open a sentence without being part of its subject.
const CONNECTORS: &str = "\
    but and so yet still meanwhile however now then also similarly instead moreover indeed later earlier \
    separately likewise thus nevertheless nonetheless or plus finally first second again";

/// Words that follow a noun rather than a verb: "claims of", "reports were".
const NOUN_FOLLOWERS: &str = "\
    of as about is are was were have has had from for by and or ) , . will would in on against";

/// Words ending in -ly that are not adverbs.
const LY_NOUNS: &str = "\
    family rally assembly daily july italy supply reply anomaly monopoly bully ally early holly kelly \
    emily molly sally beverly";

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
}

/// Each class's words, in the order of [`Class`].
const CLASSES: [&str; 11] = [
    TAKES_OBJECT,
    NOUN_TOO,
    PRONOUNS,
    DETERMINERS,
    PHRASE_BREAKS,
    AUXILIARIES,
    TIME_WORDS,
    TIME_NOUNS,
    CONNECTORS,
    NOUN_FOLLOWERS,
    LY_NOUNS,
];

fn in_class(class: Class, word: &str) -> bool {
    static SETS: OnceLock<Vec<FastSet<&'static str>>> = OnceLock::new();
    let sets = SETS.get_or_init(|| CLASSES.iter().map(|words| words.split_whitespace().collect()).collect());
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
    for (list, strength) in [(EVALUATIVE, Strength::Evaluative), (ACTS, Strength::Act), (SPEECH, Strength::Speech)] {
        for spec in list.split_whitespace() {
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
        assert!([SPEECH, ACTS, EVALUATIVE].iter().map(|l| l.split_whitespace().count()).sum::<usize>() > 300);
    }
}
