//! The rules alone first (they give the model its hints and add what it
//! misses), then the whole pipeline: the model, the rules where they do
//! better, and the entity layer's mentions.

use super::super::entities::{self, Mention};
use super::super::segment::segment;
use super::*;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

/// (kind, content, speaker, cue, speaker name) of each quote the rules find.
fn quotes_of(text: &str, entities: &[Entity]) -> Vec<(QuoteKind, String, String, String, String)> {
    extract_with(None, text, &segment(text), entities, &Budget::default())
        .unwrap()
        .into_iter()
        .map(|q| {
            let of = |s: Option<Span>| s.map_or(String::new(), |s| s.of(text).to_owned());
            (q.kind, q.span.of(text).to_owned(), of(q.speaker), of(q.cue), q.speaker_name)
        })
        .collect()
}

fn one(text: &str) -> (QuoteKind, String, String, String, String) {
    let quotes = quotes_of(text, &[]);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    quotes.into_iter().next().unwrap_or_else(|| unreachable!())
}

/// Every match of each phrase in `text`, as mentions of one person.
fn person(text: &str, name: &str, phrases: &[(&str, MentionKind)]) -> Entity {
    let mut mentions: Vec<Mention> = phrases
        .iter()
        .flat_map(|&(phrase, kind)| {
            text.match_indices(phrase).map(move |(at, _)| Mention { span: Span::new(at, at + phrase.len()), kind })
        })
        .collect();
    mentions.sort_by_key(|m| m.span.start);
    Entity {
        name: name.to_owned(),
        kind: EntityType::Person,
        salience: 0.5,
        mentions,
        roles: Vec::new(),
        normalized_value: String::new(),
    }
}

#[test]
fn the_seed_article_gives_its_four_direct_quotes() {
    let direct: Vec<_> = quotes_of(SEED, &[]).into_iter().filter(|q| q.0 == QuoteKind::Direct).collect();
    let got: Vec<(&str, &str)> = direct.iter().map(|q| (q.2.as_str(), q.3.as_str())).collect();
    assert_eq!(got, [("she", "added"), ("Galuzin", "added"), ("the deputy minister", "said"), ("he", "added")]);
    assert!(direct[0].1.starts_with("The Russian Defense Ministry") && direct[0].1.ends_with("counterproductive"));
    assert!(direct[1].1.starts_with("It is in this vein") && direct[1].1.ends_with("Baku and Yerevan"));
    assert!(direct[2].1.starts_with("We provide consistent") && direct[2].1.ends_with("peace agreement"));
    assert!(direct[3].1.starts_with("We also conveyed") && direct[3].1.ends_with("approaches of the parties"));
}

#[test]
fn the_seed_article_gives_its_indirect_quotes() {
    let quotes = quotes_of(SEED, &[]);
    let indirect: Vec<&str> = quotes.iter().filter(|q| q.0 == QuoteKind::Indirect).map(|q| q.3.as_str()).collect();
    for cue in ["expressed", "noted", "underlined", "According to", "stated", "emphasized"] {
        assert!(indirect.contains(&cue), "{cue} missing from {indirect:?}");
    }
    let according = quotes.iter().find(|q| q.3 == "According to").map(|q| (q.1.as_str(), q.2.as_str()));
    let content =
        "as long as duplication and competition among the mediation efforts are undertaken, any efforts are welcome";
    assert_eq!(according, Some((content, "him")));
}

#[test]
fn seed_speakers_resolve_through_the_entities_mentions() {
    let zakharova = person(
        SEED,
        "Maria Zakharova",
        &[
            ("Maria Zakharova", MentionKind::Proper),
            ("Zakharova noted", MentionKind::Proper),
            ("the official pointed", MentionKind::Common),
            ("she added", MentionKind::Pronoun),
        ],
    );
    let galuzin = person(
        SEED,
        "Mikhail Galuzin",
        &[
            ("Mikhail Galuzin", MentionKind::Proper),
            ("Galuzin added", MentionKind::Proper),
            ("According to him", MentionKind::Pronoun),
            ("He also", MentionKind::Pronoun),
            ("the deputy minister", MentionKind::Common),
            ("The official emphasized", MentionKind::Common),
            ("he added", MentionKind::Pronoun),
        ],
    );
    let entities = [zakharova, galuzin];
    let quotes = extract_with(None, SEED, &segment(SEED), &entities, &Budget::default()).unwrap();
    let by_cue = |cue: &str| {
        quotes
            .iter()
            .filter(|q| q.cue.is_some_and(|c| c.of(SEED) == cue))
            .map(|q| (q.speaker_name.as_str(), q.speaker_entity))
            .collect::<Vec<_>>()
    };
    assert_eq!(by_cue("expressed"), [("Maria Zakharova", Some(0))]);
    assert_eq!(by_cue("noted"), [("Maria Zakharova", Some(0))]);
    assert_eq!(by_cue("underlined"), [("Mikhail Galuzin", Some(1))]);
    assert_eq!(by_cue("According to"), [("Mikhail Galuzin", Some(1))]);
    assert_eq!(by_cue("stated"), [("Mikhail Galuzin", Some(1))]);
    assert_eq!(by_cue("emphasized"), [("Mikhail Galuzin", Some(1))]);
    assert_eq!(by_cue("said"), [("Mikhail Galuzin", Some(1))]);
    assert_eq!(
        by_cue("added"),
        [("Maria Zakharova", Some(0)), ("Mikhail Galuzin", Some(1)), ("Mikhail Galuzin", Some(1))]
    );
}

#[test]
fn without_entities_names_are_kept_and_pronouns_stay_unknown() {
    let quotes = quotes_of(SEED, &[]);
    let name = |cue: &str| quotes.iter().find(|q| q.3 == cue).map(|q| q.4.as_str());
    assert_eq!(name("underlined"), Some("Mikhail Galuzin"));
    assert_eq!(name("noted"), Some("Zakharova"));
    assert_eq!(name("stated"), Some(""));
    assert_eq!(name("said"), Some(""));
}

#[test]
fn a_quote_split_by_its_attribution_keeps_one_speaker() {
    let text = "\"We provide help,\" he said, \"and these steps should lead to peace.\"";
    let quotes = quotes_of(text, &[]);
    assert_eq!(quotes.len(), 2);
    assert_eq!((quotes[0].1.as_str(), quotes[0].2.as_str()), ("We provide help", "he"));
    assert_eq!((quotes[1].1.as_str(), quotes[1].2.as_str()), ("and these steps should lead to peace.", "he"));
}

#[test]
fn speakers_before_after_and_inverted() {
    assert_eq!(one("She said: \"The talks are over.\"").2, "She");
    let q = one("\"The talks are over,\" said Smith, a spokesman for the ministry.");
    assert_eq!(
        (q.1.as_str(), q.2.as_str(), q.3.as_str(), q.4.as_str()),
        ("The talks are over", "Smith", "said", "Smith")
    );
    let q = one("“The talks are over,” Rep. Jane Moore (D-Wis.) told reporters on Friday.");
    assert_eq!((q.2.as_str(), q.3.as_str()), ("Rep. Jane Moore (D-Wis.)", "told"));
    let q = one("Brian Fallon, the campaign's press secretary, noted that the race was tight.");
    assert_eq!((q.0, q.2.as_str()), (QuoteKind::Indirect, "Brian Fallon, the campaign's press secretary"));
}

#[test]
fn passive_and_periphrastic_cues() {
    let q = one("Smith was quoted as saying that the plan would fail.");
    assert_eq!((q.1.as_str(), q.2.as_str(), q.3.as_str()), ("that the plan would fail", "Smith", "quoted as saying"));
    let q = one("The minister went on to say that the talks had failed.");
    assert_eq!((q.2.as_str(), q.3.as_str()), ("The minister", "say"));
    assert!(quotes_of("The envoy was told that the talks had failed.", &[]).is_empty());
}

#[test]
fn mixed_quotes_report_the_whole_clause() {
    let q = one("Trump said that Clinton once described the deal as “the gold standard” of trade deals.");
    assert_eq!(q.0, QuoteKind::Mixed);
    assert_eq!(q.1, "that Clinton once described the deal as “the gold standard” of trade deals");
    let q = one("He called the talks \"counterproductive\", adding nothing.");
    assert_eq!((q.0, q.1.as_str(), q.3.as_str()), (QuoteKind::Mixed, "the talks \"counterproductive\"", "called"));
}

#[test]
fn according_to_on_either_side() {
    let q = one("According to the ministry, the talks will resume in May.");
    assert_eq!(
        (q.1.as_str(), q.2.as_str(), q.3.as_str()),
        ("the talks will resume in May", "the ministry", "According to")
    );
    let q = one("The talks will resume in May, according to Smith.");
    assert_eq!((q.1.as_str(), q.2.as_str()), ("The talks will resume in May", "Smith"));
}

#[test]
fn two_apostrophes_and_mixed_mark_pairs_make_direct_quotes() {
    let q = one("''We must not overreact to campaign rhetoric,'' he told.");
    assert_eq!(
        (q.0, q.1.as_str(), q.2.as_str()),
        (QuoteKind::Direct, "We must not overreact to campaign rhetoric", "he")
    );
    let q = one("“We provide help to both sides,\" the deputy minister said.");
    assert_eq!((q.1.as_str(), q.2.as_str()), ("We provide help to both sides", "the deputy minister"));
}

#[test]
fn a_quote_over_several_paragraphs_is_one_quote() {
    let text = "She said:\n\n\"The first part is long enough.\n\n\"The second part closes it.\"";
    let q = one(text);
    assert_eq!((q.0, q.2.as_str()), (QuoteKind::Direct, "She"));
    assert!(q.1.starts_with("The first part") && q.1.ends_with("closes it."));
}

#[test]
fn floating_quotes_continue_the_previous_speaker() {
    let text = "“We will win,” Smith said. “The voters are with us.”\n\nThe weather was fine.";
    let quotes = quotes_of(text, &[]);
    assert_eq!(quotes.len(), 2);
    assert_eq!(
        (quotes[1].1.as_str(), quotes[1].2.as_str(), quotes[1].3.as_str()),
        ("The voters are with us.", "Smith", "said")
    );
    // A quotation nobody is said to have said: the rules keep it without a
    // speaker; the learned method, like PolNeAR, counts no attribution.
    let text = "The weather was fine.\n\nIt rained.\n\n“Nobody expected a storm this large in May.”";
    let lone = quotes_of(text, &[]);
    assert_eq!(lone.len(), 1);
    assert_eq!(lone[0].2, "");
    assert!(extract(text, &segment(text), &[], QuoteMethod::Learned, "en", &Budget::default()).unwrap().is_empty());
}

/// An indirect attribution as the model or the rules find it.
fn reported(content: Span, cue: Span, speaker: Option<Span>) -> Found {
    Found { content, kind: QuoteKind::Indirect, speaker, cue: Some(cue), confidence: 0.9, regions: Vec::new() }
}

/// The first occurrence of `phrase` in `text`.
fn span_of(text: &str, phrase: &str) -> Span {
    text.find(phrase).map(|k| Span::new(k, k + phrase.len())).unwrap_or_else(|| panic!("no {phrase:?}"))
}

#[test]
fn the_rules_reported_speech_fills_in_where_the_model_read_no_cue() {
    let at = |content: (usize, usize), cue: (usize, usize)| {
        reported(Span::new(content.0, content.1), Span::new(cue.0, cue.1), None)
    };
    let model = vec![at((10, 20), (5, 9))];
    let rules = vec![at((12, 18), (2, 4)), at((30, 40), (6, 8)), at((50, 60), (45, 49)), at((70, 80), (65, 69))];
    // The cue tagger all but rules out the cue at 65.
    let lean_at = |cue: Span| if cue.start == 65 { REPORTED_MIN_LEAN - 1.0 } else { REPORTED_MIN_LEAN };
    let kept: Vec<(usize, f32)> =
        with_rules(model, rules, 0, lean_at).iter().map(|f| (f.content.start, f.confidence)).collect();
    assert_eq!(kept, [(10, 0.9), (50, REPORTED_CONFIDENCE)]);
}

#[test]
fn a_sourceless_cue_shares_the_speaker_of_its_sentence() {
    let text = "Smith said the plan would work, adding that it was cheap. Critics doubted that it would.";
    let at = |phrase| span_of(text, phrase);
    let mut found = vec![
        reported(at("the plan would work"), at("said"), Some(at("Smith"))),
        reported(at("it was cheap"), at("adding"), None),
        reported(at("it would"), at("doubted"), None),
    ];
    share_sentence_speakers(&mut found, &segment(text));
    let speakers: Vec<Option<&str>> = found.iter().map(|f| f.speaker.map(|s| s.of(text))).collect();
    assert_eq!(speakers, [Some("Smith"), Some("Smith"), None]);
}

#[test]
fn a_sourceless_cue_takes_the_mention_right_before_it() {
    let text = "The plan, officials said, would cost more. Its budget, Acme said, is final.";
    let said: Vec<Span> = text.match_indices("said").map(|(k, w)| Span::new(k, k + w.len())).collect();
    let mut found = vec![
        reported(span_of(text, "would cost more"), said[0], None),
        reported(span_of(text, "is final"), said[1], None),
    ];
    let acme = Entity { kind: EntityType::Organization, ..person(text, "Acme", &[("Acme", MentionKind::Proper)]) };
    adjacent_speakers(&mut found, &SpeakerIndex::new(&[acme]), text);
    let speakers: Vec<Option<&str>> = found.iter().map(|f| f.speaker.map(|s| s.of(text))).collect();
    assert_eq!(speakers, [None, Some("Acme")]);
}

#[test]
fn the_model_reads_english_and_other_languages_get_the_rules() {
    let text = "The weather was fine.\n\nIt rained.\n\n“Nobody expected a storm this large in May.”";
    let quotes = |method, language| extract(text, &segment(text), &[], method, language, &Budget::default()).unwrap();
    let rules = quotes(QuoteMethod::Rules, "en");
    assert_eq!(rules.len(), 1);
    for language in ["de", "fr-CA", "es"] {
        assert_eq!(quotes(QuoteMethod::Learned, language), rules, "{language}");
    }
    for language in ["en", "en-GB", "EN_us", ""] {
        assert!(quotes(QuoteMethod::Learned, language).is_empty(), "{language}");
    }
}

#[test]
fn single_marks_quote_when_a_text_has_no_double_ones() {
    let text = "'We will not stop,' the Prime Minister said.\n\nShe added: 'The voters' verdict is clear.'";
    let quotes = quotes_of(text, &[]);
    let got: Vec<(QuoteKind, &str, &str)> = quotes.iter().map(|q| (q.0, q.1.as_str(), q.2.as_str())).collect();
    assert_eq!(
        got,
        [
            (QuoteKind::Direct, "We will not stop", "the Prime Minister"),
            (QuoteKind::Direct, "The voters' verdict is clear.", "She")
        ]
    );
}

#[test]
fn an_age_and_a_role_after_the_name() {
    let q = one("\"The numbers are simply not there,\" John Smith, 45, a local farmer, told Reuters on Monday.");
    assert_eq!((q.2.as_str(), q.3.as_str(), q.4.as_str()), ("John Smith, 45, a local farmer", "told", "John Smith"));
    assert_eq!(one("\"I will do my best,\" the 22-year-old told BBC Sport.").2, "the 22-year-old");
    assert_eq!(one("\"Prices are falling,\" said one trader.").2, "one trader");
}

#[test]
fn a_name_and_a_colon_introduce_a_quote() {
    let q = one("Said Ellis: “I don’t get the sense she’s interested in reform.”");
    assert_eq!((q.2.as_str(), q.3.as_str()), ("Ellis", "Said"));
    let q = one("Trump: “I will win this state by a very large margin.”");
    assert_eq!((q.2.as_str(), q.3.as_str()), ("Trump", ":"));
}

#[test]
fn a_dash_signs_a_quote() {
    let q = one("“He cannot answer a single question without scaring people.” ― Jane Doe");
    assert_eq!((q.2.as_str(), q.3.as_str()), ("Jane Doe", "―"));
}

#[test]
fn scare_quotes_titles_and_headline_terms_are_not_quotes() {
    assert!(quotes_of("The so-called \"reset\" failed and the \"deal\" collapsed.", &[]).is_empty());
    assert!(quotes_of("They watched “The Steve Harvey Morning Show,” every day.", &[]).is_empty());
    let text = "Bill Clinton calls Obamacare ‘crazy system’ at a stop\n\nHe spoke. \"It works,\" she said.";
    assert!(quotes_of(text, &[]).iter().all(|q| q.0 == QuoteKind::Indirect || !q.1.contains("crazy")));
}

#[test]
fn an_attribution_inside_a_sentence_splits_the_content() {
    let quotes = quotes_of("Acts of protest, Mr. Obama said, are acts of deep patriotism.", &[]);
    let pieces: Vec<(&str, &str)> = quotes.iter().map(|q| (q.1.as_str(), q.2.as_str())).collect();
    assert_eq!(pieces, [("Acts of protest", "Mr. Obama"), ("are acts of deep patriotism", "Mr. Obama")]);
    let q = one("During the debate, Smith said, the talks were not mentioned at all.");
    assert_eq!((q.1.as_str(), q.2.as_str()), ("the talks were not mentioned at all", "Smith"));
}

#[test]
fn participles_and_coordinated_verbs_share_the_speaker() {
    let quotes =
        quotes_of("Smith praised the new trade deal, saying it would \"change everything\" for the region.", &[]);
    assert_eq!(quotes.len(), 2);
    assert_eq!((quotes[1].0, quotes[1].2.as_str(), quotes[1].3.as_str()), (QuoteKind::Mixed, "Smith", "saying"));
    let quotes = quotes_of("The minister laughed and said, \"Nobody believes that story anymore.\"", &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!((quotes[0].0, quotes[0].2.as_str()), (QuoteKind::Direct, "The minister"));
}

#[test]
fn appositions_and_addressees_around_the_cue() {
    let quotes = quotes_of("Michael Mulgrew, head of the union, which represents teachers, said the strike ends.", &[]);
    assert_eq!(
        (quotes[0].2.as_str(), quotes[0].4.as_str()),
        ("Michael Mulgrew, head of the union, which represents teachers", "Michael Mulgrew")
    );
    let q = one("“We are in a critical situation,” Angela Merkel told reporters after the meeting that ran late.");
    assert_eq!((q.2.as_str(), q.3.as_str()), ("Angela Merkel", "told"));
    let q = one("As Ms. Simonyan put it, the channel is \"a perspective you won't get elsewhere.\"");
    assert_eq!((q.0, q.2.as_str(), q.3.as_str()), (QuoteKind::Mixed, "Ms. Simonyan", "put it"));
}

#[test]
fn nouns_that_look_like_reporting_verbs_are_not_cues() {
    assert!(quotes_of("Ohio, a swing state crucial to the race, will see both candidates.", &[]).is_empty());
    assert!(quotes_of("The reports of fraud were denied by nobody in the county office.", &[]).is_empty());
}

#[test]
fn the_reported_clause_ends_where_the_writer_takes_over() {
    let q = one("Trump described the incident as a “terrible situation,” but stopped short of blaming anyone.");
    assert_eq!(q.1, "the incident as a “terrible situation,”");
}

#[test]
fn names_are_taken_from_speaker_phrases_only_when_they_look_like_names() {
    assert_eq!(name_in("Russia’s Deputy Foreign Minister Mikhail Galuzin"), "Mikhail Galuzin");
    assert_eq!(name_in("Spokesperson of Russia’s Foreign Ministry Maria Zakharova"), "Maria Zakharova");
    assert_eq!(name_in("the deputy minister"), "");
    assert_eq!(name_in("Brian Fallon, the campaign's press secretary"), "Brian Fallon");
    assert_eq!(name_in("she"), "");
}

#[test]
fn confidence_ranks_attributed_quotes_above_lone_ones() {
    let text =
        "\"We will win this race together,\" Smith said.\n\nLater.\n\n\"Nobody expected a storm this large in May.\"";
    let quotes = extract(text, &segment(text), &[], QuoteMethod::Rules, "en", &Budget::default()).unwrap();
    assert_eq!(quotes.len(), 2);
    assert!(quotes[0].confidence > quotes[1].confidence);
    assert!(quotes.iter().all(|q| (0.0..=1.0).contains(&q.confidence)));
}

#[test]
fn many_quote_marks_and_a_large_text_stay_linear() {
    let marks = "\"a\" said he, ".repeat(50_000);
    let prose =
        "Smith said that the talks, which \"failed\" twice, would resume, adding that nobody knew when. ".repeat(5_000);
    // The model costs more per token: a quarter of the text still shows a
    // quadratic walk (16 times these seconds).
    for (method, part) in [(QuoteMethod::Rules, 1), (QuoteMethod::Learned, 4)] {
        let (marks, prose) = (&marks[..marks.len() / part], &prose[..prose.len() / part]);
        let started = std::time::Instant::now();
        let _ = extract(marks, &segment(marks), &[], method, "en", &Budget::default()).unwrap();
        let _ = extract(prose, &segment(prose), &[], method, "en", &Budget::default()).unwrap();
        assert!(started.elapsed().as_secs() < 20, "{method:?} took {:?}", started.elapsed());
    }
}

#[test]
fn no_panic_on_odd_input() {
    for text in ["", "\"", "''", "“”", "said", "\" said \"", "according to", "— “x” ―", "He said:", "«»", "‘’’‘"]
    {
        for method in [QuoteMethod::Rules, QuoteMethod::Learned] {
            let _ = extract(text, &segment(text), &[], method, "en", &Budget::default()).unwrap();
        }
    }
}

/// The quotes of the whole pipeline, with the entities the entity layer finds.
fn analyzed(text: &str) -> Vec<Quote> {
    let seg = segment(text);
    let found = entities::extract(text, &seg, None, &Budget::default()).unwrap();
    extract(text, &seg, &found, QuoteMethod::Learned, "en", &Budget::default()).unwrap()
}

/// (kind, content, speaker, cue, speaker name, speaker kind) of each quote.
type Seen = (QuoteKind, String, String, String, String, Option<SpeakerKind>);

fn seen(text: &str) -> Vec<Seen> {
    let of = |s: Option<Span>| s.map_or(String::new(), |s| s.of(text).to_owned());
    analyzed(text)
        .into_iter()
        .map(|q| (q.kind, q.span.of(text).to_owned(), of(q.speaker), of(q.cue), q.speaker_name, q.speaker_kind))
        .collect()
}

#[test]
fn the_embedded_model_loads() {
    assert!(model::embedded().is_some());
}

#[test]
fn the_seed_article_comes_out_of_the_model_with_resolved_speakers() {
    let quotes = seen(SEED);
    let direct: Vec<(&str, &str, &str)> = quotes
        .iter()
        .filter(|q| q.0 == QuoteKind::Direct)
        .map(|q| (q.2.as_str(), q.4.as_str(), q.3.as_str()))
        .collect();
    assert_eq!(
        direct,
        [
            ("she", "Maria Zakharova", "added"),
            ("Galuzin", "Mikhail Galuzin", "added"),
            ("the deputy minister", "Mikhail Galuzin", "said"),
            ("he", "Mikhail Galuzin", "added"),
        ]
    );
    // The model's cues take in an adverb before the verb, as PolNeAR's do ("also stated").
    let reported: Vec<(&str, &str)> = quotes
        .iter()
        .filter(|q| q.0 == QuoteKind::Indirect)
        .map(|q| (q.3.strip_prefix("also ").unwrap_or(&q.3), q.4.as_str()))
        .collect();
    for expected in [
        ("expressed", "Maria Zakharova"),
        ("pointed out", "Maria Zakharova"),
        ("noted", "Maria Zakharova"),
        ("underlined", "Mikhail Galuzin"),
        ("According to", "Mikhail Galuzin"),
        ("stated", "Mikhail Galuzin"),
        ("emphasized", "Mikhail Galuzin"),
    ] {
        assert!(reported.contains(&expected), "{expected:?} missing from {reported:?}");
    }
    let according = quotes.iter().find(|q| q.3 == "According to").map(|q| (q.1.as_str(), q.2.as_str()));
    let content =
        "as long as duplication and competition among the mediation efforts are undertaken, any efforts are welcome";
    assert_eq!(according, Some((content, "him")));
}

#[test]
fn a_split_quote_comes_back_in_two_pieces_with_one_speaker() {
    let text = "“We will not raise taxes on the middle class,” Senator Alice Warner said on Tuesday, “and we will \
                not cut the programs that families rely on.”";
    let quotes = seen(text);
    let pieces: Vec<(&str, &str, &str)> = quotes.iter().map(|q| (q.1.as_str(), q.2.as_str(), q.4.as_str())).collect();
    assert_eq!(
        pieces,
        [
            ("We will not raise taxes on the middle class", "Senator Alice Warner", "Alice Warner"),
            ("and we will not cut the programs that families rely on.", "Senator Alice Warner", "Alice Warner"),
        ]
    );
    assert!(quotes.iter().all(|q| q.0 == QuoteKind::Direct && q.3 == "said"));
}

#[test]
fn a_mixed_quote_reports_the_clause_around_the_quoted_words() {
    let quotes = seen("The governor called the new budget “a betrayal of working families” in a speech on Friday.");
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let q = &quotes[0];
    assert_eq!((q.0, q.2.as_str(), q.3.as_str()), (QuoteKind::Mixed, "The governor", "called"));
    assert!(q.1.contains("the new budget “a betrayal of working families”"), "{}", q.1);
}

#[test]
fn according_to_names_an_organization() {
    let quotes = seen("According to the state election board, turnout reached a record 71 percent in the primary.");
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let q = &quotes[0];
    assert_eq!(
        (q.0, q.1.as_str(), q.2.as_str(), q.3.as_str(), q.5),
        (
            QuoteKind::Indirect,
            "turnout reached a record 71 percent in the primary",
            "the state election board",
            "According to",
            Some(SpeakerKind::Organization)
        )
    );
}

#[test]
fn an_inverted_said_takes_the_speaker_after_it() {
    let quotes =
        seen("“The numbers simply do not add up,” said Maria Lopez, an economist at the University of Chicago.");
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let q = &quotes[0];
    assert_eq!(
        (q.0, q.1.as_str(), q.3.as_str(), q.4.as_str()),
        (QuoteKind::Direct, "The numbers simply do not add up", "said", "Maria Lopez")
    );
    assert!(q.2.starts_with("Maria Lopez"), "{}", q.2);
    assert_eq!(q.5, Some(SpeakerKind::Person));
}

#[test]
fn a_colon_introduces_the_quote_after_it() {
    let quotes = seen("Senator Mark Ellis told reporters: “We have the votes to pass this bill before the recess.”");
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let q = &quotes[0];
    assert_eq!(
        (q.0, q.1.as_str(), q.2.as_str(), q.3.as_str()),
        (QuoteKind::Direct, "We have the votes to pass this bill before the recess.", "Senator Mark Ellis", "told")
    );
}

#[test]
fn a_quotation_keeps_no_unquoted_stray_piece() {
    let text = "Ababu, who grew up in a village in the highlands where, he said, \"everyone runs because \
                everything is far away,\" said he had not planned to attack so early.";
    let quotes = seen(text);
    assert!(quotes.iter().any(|q| q.1.contains("everyone runs")), "{quotes:?}");
    assert!(quotes.iter().all(|q| q.0 == QuoteKind::Indirect || q.1.contains('"')), "{quotes:?}");
}

#[test]
fn a_quote_over_two_paragraphs_is_one_quote() {
    let text = "Tom Reed, the county sheriff, described the night of the flood.\n\n“We had water coming into the \
                station by midnight. Nobody had seen anything like it.\n\n“By morning the whole main street was \
                under three feet of water,” Reed said.";
    let quotes = seen(text);
    let direct: Vec<&Seen> = quotes.iter().filter(|q| q.0 == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 1, "{quotes:?}");
    let q = direct[0];
    assert!(q.1.starts_with("We had water") && q.1.ends_with("three feet of water"), "{}", q.1);
    assert_eq!((q.2.as_str(), q.3.as_str(), q.4.as_str()), ("Reed", "said", "Tom Reed"));
}

#[test]
fn a_pronoun_speaks_for_the_person_of_the_paragraph_before() {
    let text = "Governor Janet Hill signed the housing bill on Monday after months of talks.\n\nShe said the law \
                would protect renters from sudden evictions.";
    let quotes = seen(text);
    let said: Vec<&Seen> = quotes.iter().filter(|q| q.3 == "said").collect();
    assert_eq!(said.len(), 1, "{quotes:?}");
    let q = said[0];
    assert_eq!(
        (q.0, q.1.as_str(), q.2.as_str(), q.4.as_str(), q.5),
        (
            QuoteKind::Indirect,
            "the law would protect renters from sudden evictions",
            "She",
            "Janet Hill",
            Some(SpeakerKind::Person)
        )
    );
}

#[test]
fn an_attribution_without_a_source_has_no_speaker() {
    let quotes = analyzed("The bridge is expected to reopen in March, two months later than planned.");
    assert!(!quotes.is_empty());
    for q in &quotes {
        assert_eq!((q.speaker, q.speaker_entity, q.speaker_kind, q.speaker_name.as_str()), (None, None, None, ""));
    }
}

#[test]
fn a_speaker_that_is_no_person_is_typed_as_such() {
    let text = "The report, released by the Energy Department on Friday, found that coal use fell 9 percent.";
    let quotes = seen(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let q = &quotes[0];
    assert_eq!((q.2.starts_with("The report"), q.4.as_str(), q.5), (true, "", Some(SpeakerKind::Document)));
    let text = "Acme Corp. said in a statement that it would appeal the ruling.";
    let seg = segment(text);
    let found = entities::extract(text, &seg, None, &Budget::default()).unwrap();
    let quotes = extract(text, &seg, &found, QuoteMethod::Learned, "en", &Budget::default()).unwrap();
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let q = &quotes[0];
    assert_eq!(q.speaker_kind, Some(SpeakerKind::Organization));
    let entity = q.speaker_entity.map(|k| (found[k].name.as_str(), found[k].kind));
    assert_eq!(entity, Some(("Acme Corp.", EntityType::Organization)));
}

#[test]
fn confidences_are_probabilities_that_rank_clear_quotes_first() {
    let text = "“We will win this race,” Smith said.\n\nThe bridge is expected to reopen in March.";
    let quotes = analyzed(text);
    assert!(quotes.iter().all(|q| (0.0..=1.0).contains(&q.confidence)));
    let clear = quotes.iter().find(|q| q.kind == QuoteKind::Direct).map(|q| q.confidence);
    let unsure = quotes.iter().filter(|q| q.speaker.is_none()).map(|q| q.confidence).fold(0f32, f32::max);
    assert!(clear.is_some_and(|c| c > 0.5 && c > unsure), "{quotes:?}");
}
