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
fn three_sentences_by_default_in_article_order_lede_first() {
    let seg = segment(STORY);
    let summary = summarize(STORY, &seg, &[], "en", &SummaryOptions::default(), &Budget::default()).unwrap();
    assert_eq!(summary.sentences.len(), DEFAULT_SENTENCES);
    assert!(summary.sentences.windows(2).all(|w| w[0].index < w[1].index));
    assert!(seg.sentences[summary.sentences[0].index].span.of(STORY).starts_with("Talks between"));
    assert!(summary.sentences.iter().all(|s| (0.0..=1.0).contains(&s.score)));
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
