use super::*;
use crate::analysis::entities::{Mention, MentionKind};
use crate::analysis::segment::segment;

/// A made-up wire story with the furniture a news page carries around it.
const STORY: &str = "Harbour talks stall over fishing quotas\n\n\
12 March 2024 09:30\n\n\
Jane Roe Read more\n\n\
Talks between Norland and Estmark on fishing quotas in the northern harbour stalled on Tuesday, officials said.\n\n\
The two governments had hoped to agree on fishing quotas for the harbour before the spring season.\n\n\
Norland wants larger quotas for its coastal fleet, while Estmark says the harbour stocks are already under strain.\n\n\
A spokesman for the Estmark fisheries ministry said the talks would resume next month.\n\n\
Local restaurants reported a busy weekend as tourists returned to the coast.\n\n\
Fishermen in both countries have protested against any cut in the quotas for the harbour.\n\n\
Jane Roe is the Daily Tide's staff journalist, follow her on Twitter: @janeroe\n\n\
Follow us on Twitter @DailyTide";

fn summary_of(text: &str, options: SummaryOptions) -> Vec<String> {
    let seg = segment(text);
    let summary = summarize(text, &seg, &[], "en", &options, &Budget::default()).unwrap();
    summary.sentences.iter().map(|s| seg.sentences[s.index].span.of(text).to_string()).collect()
}

fn sentences(n: usize) -> SummaryOptions {
    SummaryOptions { max_sentences: Some(n), ..SummaryOptions::default() }
}

#[test]
fn one_sentence_gives_that_sentence() {
    assert_eq!(summary_of("Talks resumed.", SummaryOptions::default()), ["Talks resumed."]);
    assert_eq!(summary_of("Breaking", SummaryOptions::default()), ["Breaking"]);
    assert!(summary_of("", SummaryOptions::default()).is_empty());
    assert!(summary_of(" \n\n ", SummaryOptions::default()).is_empty());
}

#[test]
fn three_sentences_by_default_in_article_order() {
    for text in [STORY, LONG_STORY] {
        let seg = segment(text);
        let summary = summarize(text, &seg, &[], "en", &SummaryOptions::default(), &Budget::default()).unwrap();
        assert_eq!(summary.sentences.len(), DEFAULT_SENTENCES);
        assert!(summary.sentences.windows(2).all(|w| w[0].index < w[1].index));
        assert!(summary.sentences.iter().all(|s| (0.0..=1.0).contains(&s.score)));
        assert!(summary.sentences.iter().any(|s| s.score == 1.0));
    }
}

/// The story of [`STORY`] told at length: fifteen body sentences, so that
/// three of them are highlights rather than an abridgement.
const LONG_STORY: &str = "Harbour talks stall over fishing quotas\n\n\
By Jane Roe\n\n\
Talks between Norland and Estmark on fishing quotas in the northern harbour stalled on Tuesday, officials said.\n\n\
The two governments had hoped to agree on fishing quotas for the harbour before the spring season.\n\n\
Norland wants larger quotas for its coastal fleet, while Estmark says the harbour stocks are already under strain.\n\n\
A spokesman for the Estmark fisheries ministry said the talks would resume next month.\n\n\
\"We came here to agree, and we will come back to agree,\" the spokesman told reporters after the meeting.\n\n\
Local restaurants reported a busy weekend as tourists returned to the coast.\n\n\
Fishermen in both countries have protested against any cut in the quotas for the harbour.\n\n\
The harbour has been shared by the two fleets since a treaty signed in 1952.\n\n\
Scientists warned last year that cod stocks in the harbour had fallen by a third in a decade.\n\n\
Norland's fisheries minister said the science was disputed and that her fleet had already cut its catch.\n\n\
The weather on the coast was mild for the time of year, and the ferries ran on time.\n\n\
Estmark has proposed a joint survey of the stocks before any new quotas are set.\n\n\
Norland has not said whether it would take part in such a survey.\n\n\
A museum in the old harbour opened a new exhibition on the history of the fleets.\n\n\
Both sides said they hoped for a deal on quotas before the summer.\n\n\
Follow us on Twitter @DailyTide";

#[test]
fn highlights_come_from_the_model_and_abridgements_from_centrality() {
    let seg = segment(LONG_STORY);
    let article = {
        let lexicon = Lexicon::new("en");
        let mut vocabulary = Vocabulary::new(&lexicon, seg.tokens.len());
        Sentences::read(LONG_STORY, &seg, &terms::token_terms(LONG_STORY, &seg, &mut vocabulary), &Budget::default())
            .unwrap()
    };
    assert_eq!(article.roles.iter().filter(|&&r| r == Role::Body).count(), 15);
    // Three sentences of fifteen: highlights. Scores are the model's chances.
    let highlights = article.pick(&scorer::EMBEDDED, &sentences(3), SELECTION);
    let logits: Vec<f32> = article.features.iter().map(|f| scorer::EMBEDDED.logit(f)).collect();
    let best =
        (0..logits.len()).filter(|&s| article.roles[s] == Role::Body).max_by(|&a, &b| logits[a].total_cmp(&logits[b]));
    assert!(highlights.iter().any(|s| Some(s.index) == best && s.score == 1.0), "{highlights:?}");
    // Half of it: an abridgement. Scores are centralities.
    let half = SummaryOptions { ratio: Some(0.5), ..SummaryOptions::default() };
    let abridged = article.pick(&scorer::EMBEDDED, &half, SELECTION);
    let centrality = features::centrality(&article.graph, &article.roles, true);
    assert!(abridged.iter().all(|s| s.score == centrality[s.index]), "{abridged:?}");
    assert_eq!(abridged.len(), seg.sentences.len() / 2);
}

#[test]
fn central_sentences_beat_asides() {
    let picked = summary_of(STORY, sentences(3));
    assert!(!picked.iter().any(|s| s.starts_with("Local restaurants")), "{picked:?}");
}

#[test]
fn furniture_never_gets_in() {
    let picked = summary_of(STORY, sentences(20));
    assert_eq!(picked.len(), 6, "{picked:?}");
    for bad in ["Harbour talks", "12 March", "Jane Roe", "Follow us"] {
        assert!(!picked.iter().any(|s| s.starts_with(bad)), "{bad}: {picked:?}");
    }
}

#[test]
fn the_tightest_limit_wins() {
    assert_eq!(
        summary_of(STORY, SummaryOptions { max_sentences: Some(4), ratio: Some(0.2), ..Default::default() }).len(),
        2
    );
    assert_eq!(
        summary_of(STORY, SummaryOptions { max_sentences: Some(2), ratio: Some(1.0), ..Default::default() }).len(),
        2
    );
    let words = summary_of(STORY, SummaryOptions { max_words: Some(40), ..Default::default() });
    assert!(words.len() >= 2 && words.iter().map(|s| s.split_whitespace().count()).sum::<usize>() <= 40, "{words:?}");
}

#[test]
fn a_word_budget_keeps_at_least_one_sentence() {
    let picked = summary_of(STORY, SummaryOptions { max_words: Some(3), ..Default::default() });
    assert_eq!(picked.len(), 1);
}

#[test]
fn zero_means_no_limit_given() {
    assert_eq!(
        summary_of(STORY, SummaryOptions { max_sentences: Some(0), ratio: Some(0.0), max_words: Some(0) }).len(),
        3
    );
}

#[test]
fn repeated_sentences_are_picked_once() {
    let text = "The council approved the new bridge over the river on Monday.\n\n\
                The council approved the new bridge over the river on Monday.\n\n\
                Work on the bridge over the river starts in May.\n\n\
                The council also discussed parking fees.";
    let picked = summary_of(text, sentences(2));
    assert_eq!(picked.len(), 2);
    assert_ne!(picked[0], picked[1]);
}

#[test]
fn other_languages_use_their_own_stop_words() {
    let text = "Die Regierung hat am Dienstag neue Regeln für den Hafen beschlossen. \
                Die Regeln für den Hafen gelten ab dem Sommer. \
                Im Hafen arbeiten die Fischer seit Jahren unter schwierigen Regeln. \
                Das Wetter war schön.";
    let seg = segment(text);
    let summary = summarize(text, &seg, &[], "de-DE", &SummaryOptions::default(), &Budget::default()).unwrap();
    assert_eq!(summary.sentences.len(), 3);
    assert!(!summary.sentences.iter().any(|s| s.index == 3));
    assert!(summary.keyphrases.iter().any(|k| k.text == "Hafen"), "{:?}", summary.keyphrases);
}

fn entity(name: &str, text: &str, kind: EntityType, salience: f32) -> Entity {
    // Like the entity analyzer, mention the entity by its last name too.
    let last = name.rsplit(' ').next().unwrap_or(name);
    let mut mentions: Vec<Mention> = text
        .match_indices(last)
        .map(|(at, _)| {
            let start =
                if text[..at].ends_with(name.trim_end_matches(last)) { at + last.len() - name.len() } else { at };
            Mention { span: Span::new(start, at + last.len()), kind: MentionKind::Proper }
        })
        .collect();
    mentions.dedup();
    Entity { name: name.to_string(), kind, salience, mentions, roles: Vec::new(), normalized_value: String::new() }
}

#[test]
fn keyphrases_name_each_thing_once_by_its_fullest_phrase() {
    let text = "Russia's foreign ministry spokeswoman Maria Zakharova said the talks must go on. \
                Zakharova said Russia backs the peace treaty talks. \
                Russia has sent peacekeepers, Zakharova added. \
                The peace treaty talks resume in Baku.";
    let seg = segment(text);
    let entities =
        [entity("Maria Zakharova", text, EntityType::Person, 0.9), entity("Russia", text, EntityType::Location, 0.8)];
    let summary = summarize(text, &seg, &entities, "en", &SummaryOptions::default(), &Budget::default()).unwrap();
    let phrases: Vec<&str> = summary.keyphrases.iter().map(|k| k.text.as_str()).collect();
    assert_eq!(phrases.iter().filter(|p| p.contains("Russia")).count(), 1, "{phrases:?}");
    assert!(phrases.contains(&"Maria Zakharova") && !phrases.contains(&"Zakharova"), "{phrases:?}");
    assert!(!phrases.iter().any(|p| p.contains("Maria") != p.contains("Zakharova")), "{phrases:?}");
    assert_eq!(phrases.iter().filter(|p| p.split(' ').any(|w| w == "peace")).count(), 1, "{phrases:?}");
    assert!(summary.keyphrases.len() <= 10);
    for k in &summary.keyphrases {
        assert_eq!(k.span.of(text), k.text);
        assert!((0.0..=1.0).contains(&k.score));
    }
    assert_eq!(summary.keyphrases[0].score, 1.0);
}

#[test]
fn entity_mentions_outside_the_text_are_ignored() {
    let text = "The mayor opened the new library on Friday. It has ten thousand books.";
    let seg = segment(text);
    let stray = Entity {
        name: "Ghost".to_string(),
        kind: EntityType::Person,
        salience: 2.0,
        mentions: vec![Mention { span: Span::new(500, 505), kind: MentionKind::Pronoun }],
        roles: Vec::new(),
        normalized_value: String::new(),
    };
    assert_eq!(
        summarize(text, &seg, &[stray], "en", &SummaryOptions::default(), &Budget::default()).unwrap().sentences.len(),
        2
    );
}

#[test]
fn odd_input_does_not_panic() {
    for text in
        ["…", "!!! ??? ...", "a. b. c. d.", "Ça va? «Oui» 👩‍👩‍👧 e\u{301}té. مرحبا بالعالم.", "l'\u{301}x l’ d' qu'il."]
    {
        let seg = segment(text);
        for language in ["", "fr", "ar", "zz-ZZ", "ru"] {
            let _ = summarize(
                text,
                &seg,
                &[],
                language,
                &SummaryOptions { ratio: Some(1.0), ..Default::default() },
                &Budget::default(),
            )
            .unwrap();
        }
    }
}

#[test]
fn long_texts_stay_fast_enough_to_finish() {
    let paragraph = STORY.split("\n\n").skip(3).take(6).collect::<Vec<_>>().join(" ");
    let text = vec![paragraph; 400].join("\n\n");
    let seg = segment(&text);
    assert!(seg.sentences.len() >= 2000);
    let summary = summarize(
        &text,
        &seg,
        &[],
        "en",
        &SummaryOptions { ratio: Some(0.5), ..Default::default() },
        &Budget::default(),
    )
    .unwrap();
    assert!(!summary.sentences.is_empty() && summary.sentences.len() <= seg.sentences.len() / 2);
}

#[test]
fn the_seed_is_summed_up_by_the_talks_and_russias_position() {
    let picked = summary_of(include_str!("../../../tests/fixtures/seed.txt"), SummaryOptions::default());
    assert_eq!(picked.len(), 3, "{picked:?}");
    assert!(picked[0].starts_with("Spokesperson of Russia’s Foreign Ministry Maria Zakharova"), "{picked:?}");
    for s in &picked {
        assert!(["talks", "normalization", "peace"].iter().any(|w| s.contains(w)), "{s}");
        assert!(["Russia", "Moscow", "the official", "He "].iter().any(|w| s.contains(w)), "{s}");
    }
}

/// A Swedish telling of [`LONG_STORY`]: a language with a stemmer but no
/// stop list here, so the fallback model picks its highlights.
const SWEDISH_STORY: &str = "Förhandlingar om fiskekvoter avstannar\n\n\
Förhandlingarna mellan Norland och Estmark om fiskekvoterna i den norra hamnen avstannade på tisdagen, sade tjänstemän.\n\n\
De två regeringarna hade hoppats kunna enas om fiskekvoterna för hamnen före vårsäsongen.\n\n\
Norland vill ha större kvoter för sin kustflotta, medan Estmark säger att bestånden i hamnen redan är hårt ansträngda.\n\n\
En talesperson för Estmarks fiskeriministerium sade att förhandlingarna återupptas nästa månad.\n\n\
Lokala restauranger rapporterade en livlig helg när turisterna återvände till kusten.\n\n\
Fiskare i båda länderna har protesterat mot varje minskning av kvoterna i hamnen.\n\n\
Hamnen har delats av de två flottorna sedan ett fördrag som undertecknades 1952.\n\n\
Forskare varnade förra året för att torskbestånden i hamnen hade minskat med en tredjedel på ett decennium.\n\n\
Vädret vid kusten var milt för årstiden och färjorna gick i tid.\n\n\
Estmark har föreslagit en gemensam undersökning av bestånden innan nya kvoter fastställs.\n\n\
Ett museum i den gamla hamnen öppnade en ny utställning om flottornas historia.\n\n\
Båda sidor sade att de hoppades på en uppgörelse om kvoterna före sommaren.";

#[test]
fn a_language_without_known_stop_words_gets_the_fallback_model() {
    let seg = segment(SWEDISH_STORY);
    let summary = summarize(SWEDISH_STORY, &seg, &[], "sv", &SummaryOptions::default(), &Budget::default()).unwrap();
    let picked: Vec<&str> = summary.sentences.iter().map(|s| seg.sentences[s.index].span.of(SWEDISH_STORY)).collect();
    assert_eq!(picked.len(), 3, "{picked:?}");
    assert!(summary.sentences.windows(2).all(|w| w[0].index < w[1].index));
    for aside in ["Lokala restauranger", "Vädret", "Förhandlingar om fiskekvoter avstannar"] {
        assert!(!picked.iter().any(|s| s.starts_with(aside)), "{aside}: {picked:?}");
    }
    // The scores are the fallback model's chances over the features read without stop words.
    let lexicon = Lexicon::new("sv");
    let mut vocabulary = Vocabulary::new(&lexicon, seg.tokens.len());
    let token_terms = terms::token_terms(SWEDISH_STORY, &seg, &mut vocabulary);
    let article = Sentences::read(SWEDISH_STORY, &seg, &token_terms, &Budget::default()).unwrap();
    let fallback = article.pick(&scorer::WITHOUT_STOP_WORDS, &SummaryOptions::default(), SELECTION);
    assert_eq!(summary.sentences, fallback);
    assert_ne!(
        article.pick(&scorer::EMBEDDED, &SummaryOptions::default(), SELECTION),
        fallback,
        "the models differ here"
    );
}
