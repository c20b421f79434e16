//! Quotes with their speakers: who said what, directly ("'...,' she added"),
//! in part ("called the talks 'counterproductive'") or in reported speech
//! ("Zakharova noted that ...").
//!
//! Quote marks are paired first (`marks`). A statistical model (`model`),
//! trained on PolNeAR's annotated news, then finds the attributions: the
//! cues that report, and for each its source and content. Hand-written rules
//! (`attribution`: every reporting verb and "according to" anchors a source
//! and a content) run first; the model weighs what they found as evidence,
//! and they still add what the model misses where they do better on held-out
//! articles (see `with_rules`): a quote signed after a dash or introduced by
//! "Name:", the speaker of a cue the model found no source for. A quote
//! standing as its own sentence right after an attributed one continues that
//! speaker. Speakers are resolved to entities through the entity layer's
//! mentions, pronouns and roles included, and typed: a person, an
//! organization, a document.

mod attribution;
mod lexicon;
mod marks;
pub mod model;

use super::entities::{Entity, EntityType, MentionKind};
use super::lexicon::words as listed_words;
use super::segment::Segmentation;
use super::text::{FastSet, Span, primary_language};
use super::{AnalysisError, Budget};
use attribution::{Doc, Found};
use model::{Article, Model};
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// The speaker's words between quote marks.
    Direct,
    /// Reported speech that quotes some of the speaker's words.
    Mixed,
    /// Reported speech without quote marks.
    Indirect,
}

/// What kind of source a speaker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerKind {
    /// A person or people: "she", "the senator", "officials".
    Person,
    /// "the ministry", "Reuters", "the Trump campaign".
    Organization,
    /// A text that speaks for its authors: a statement, a report, a poll, a
    /// ruling, a law, a deal.
    Document,
    /// None of these, or a speaker that cannot be told apart ("it").
    Other,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quoted or reported content, without outer quote marks.
    pub span: Span,
    pub kind: QuoteKind,
    /// The speaker as written: "she", "the deputy minister", "Galuzin".
    pub speaker: Option<Span>,
    /// Index into the `entities` passed to [`extract`].
    pub speaker_entity: Option<usize>,
    /// The speaker's full name, or "" when unknown.
    pub speaker_name: String,
    /// What the speaker is; `None` exactly when there is no speaker.
    pub speaker_kind: Option<SpeakerKind>,
    /// The reporting word: "added", "said", "according to".
    pub cue: Option<Span>,
    /// The probability that this quote is right: that its content is (at
    /// least half the words of) what the article attributes, and its speaker
    /// the one the article gives. The model's margins, calibrated on held-out
    /// training articles; for a quote the rules add, their measured precision.
    pub confidence: f32,
}

/// How often a quote continuing the previous speaker is right, and one the
/// rules add beside the model's: measured on the train split's 5-fold
/// cross-validation (64 of 119, 45 of 133), so that these confidences mean
/// what the model's calibrated ones do.
const FLOATING_CONFIDENCE: f32 = 0.54;
const RULES_CONFIDENCE: f32 = 0.34;

/// The rules' reported speech that the model's cues and contents leave
/// alone is kept when the cue tagger's lean for its cue reaches this (in
/// perceptron units): below it, 26% of them are right (224 of 871 in the
/// train split's cross-validation), above it 39% (415 of 1,062), which is
/// [`REPORTED_CONFIDENCE`]. Chosen on those folds, from -60 up: indirect
/// F1 0.559 without any to 0.570 (recall 0.450 -> 0.482); polnear-dev agrees
/// (0.607 -> 0.613; with every one of them 0.612, from -40 up 0.611).
const REPORTED_MIN_LEAN: f32 = -55.0;
const REPORTED_CONFIDENCE: f32 = 0.39;

/// How sure the rules are of a quotation they keep without a speaker.
const LONE_CONFIDENCE: f32 = 0.3;

/// Quoted regions this short are scare quotes or terms, not quotes, unless a
/// reporting verb claims them.
const MAX_SCARE_WORDS: usize = 3;

/// A quote inside a sentence that no verb claims is a fragment or a term
/// unless it is at least this long.
const MIN_LONE_WORDS: usize = 8;

/// How quotes are found: a choice between speed and accuracy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuoteMethod {
    /// The hand-written rules alone: a few percent of an analysis' time.
    #[default]
    Rules,
    /// The trained attribution model, with the rules where they do better
    /// (see `MODELS.md`): on PolNeAR's dev set e2e F1 0.884 against 0.840
    /// and indirect quotes F1 0.617 against 0.504, for about 40 to 50% more
    /// instructions on a whole analysis. English articles only: others get
    /// the rules (see [`extract`]).
    Learned,
}

/// The quotes of `text`, in text order. `language` is the article's
/// BCP-47 code, "" when unknown: the model learned from English news and
/// finds nothing in other languages, where it would drop every quotation it
/// cannot attribute, so an article known to be in another language gets the
/// rules' quotes whatever the method.
pub fn extract(
    text: &str,
    seg: &Segmentation,
    entities: &[Entity],
    method: QuoteMethod,
    language: &str,
    budget: &Budget,
) -> Result<Vec<Quote>, AnalysisError> {
    let model = match method {
        QuoteMethod::Learned if model_reads(language) => model::embedded(),
        QuoteMethod::Learned | QuoteMethod::Rules => None,
    };
    extract_with(model, text, seg, entities, budget)
}

/// Whether the model can read an article in `language`: English, or not known.
fn model_reads(language: &str) -> bool {
    matches!(primary_language(language).as_str(), "" | "en")
}

/// The quotes `model` finds, with the rules' where they do better; the
/// rules' alone without a model.
fn extract_with(
    model: Option<&Model>,
    text: &str,
    seg: &Segmentation,
    entities: &[Entity],
    budget: &Budget,
) -> Result<Vec<Quote>, AnalysisError> {
    let regions = marks::regions(text, seg);
    let doc = Doc::new(text, seg, &regions);
    budget.check()?;
    let rules = attribution::find(&doc);
    budget.check()?;
    let mut found = match model {
        Some(model) => {
            let article = Article::new(text, seg, &regions, entities, &rules);
            budget.check()?;
            let (learned, lean) = learned(&doc, model, &article, budget)?;
            let lean_at = |span: Span| {
                let token = seg.tokens.partition_point(|t| t.span.end <= span.start);
                lean.get(token).copied().unwrap_or(f32::NEG_INFINITY)
            };
            with_rules(learned, rules, regions.len(), lean_at)
        }
        None => rules,
    };
    let claimed = attribution::claimed_regions(&found, regions.len());
    found.sort_by_key(|f| f.content.start);
    let speakers = SpeakerIndex::new(entities);
    if model.is_some() {
        adjacent_speakers(&mut found, &speakers, text);
        share_sentence_speakers(&mut found, seg);
    }
    let found = with_unclaimed_regions(&doc, found, &claimed, model.is_none());
    let mut quotes: Vec<Quote> = found.into_iter().map(|f| speakers.quote(text, f, entities)).collect();
    drop_nested(&mut quotes, model.is_none());
    Ok(quotes)
}

/// The rules' findings the model's lack, where the rules do better on
/// held-out articles: the speaker the rules give a cue the model found no
/// source for; the quotes the model left unattributed that the rules
/// attribute (a signature after a dash, "Name: ...", a verb the model
/// missed); and the rules' reported speech where the model read no cue and
/// found no content, unless its cue tagger all but rules the cue out
/// (`lean_at`: a cue span's lean, [`model::Attributed::lean`]).
fn with_rules(mut found: Vec<Found>, rules: Vec<Found>, regions: usize, lean_at: impl Fn(Span) -> f32) -> Vec<Found> {
    let mut spoken: Vec<(Span, Span)> = rules.iter().filter_map(|r| r.cue.zip(r.speaker)).collect();
    spoken.sort_by_key(|(cue, _)| cue.start);
    let longest = spoken.iter().map(|(cue, _)| cue.len()).max().unwrap_or(0);
    for f in found.iter_mut().filter(|f| f.speaker.is_none()) {
        let Some(cue) = f.cue else { continue };
        let upto = spoken.partition_point(|(c, _)| c.start < cue.end);
        let speaker = spoken[..upto]
            .iter()
            .rev()
            .take_while(|(c, _)| c.start + longest > cue.start)
            .find(|(c, _)| c.overlaps(cue))
            .map(|&(_, speaker)| speaker);
        f.speaker = speaker.filter(|s| !s.overlaps(f.content));
    }
    let claimed = attribution::claimed_regions(&found, regions);
    let covered = union_of(found.iter().map(|f| f.content));
    let unclaimed: Vec<Found> = rules
        .iter()
        .filter(|r| !r.regions.is_empty() && r.regions.iter().all(|&k| !claimed[k]))
        .filter(|r| !overlaps_any(&covered, r.content))
        .map(|r| Found { confidence: RULES_CONFIDENCE, ..r.clone() })
        .collect();
    let cues = union_of(found.iter().filter_map(|f| f.cue));
    let reported: Vec<Found> = rules
        .iter()
        .filter(|r| r.kind == QuoteKind::Indirect && !overlaps_any(&covered, r.content))
        .filter(|r| r.cue.is_some_and(|c| !overlaps_any(&cues, c) && lean_at(c) >= REPORTED_MIN_LEAN))
        .map(|r| Found { confidence: REPORTED_CONFIDENCE, ..r.clone() })
        .collect();
    found.extend(unclaimed);
    found.extend(reported);
    found
}

/// Gives a cue the model found no source for the person or organization
/// mentioned right before it, by name, description or pronoun ("..., the
/// ministry said"), which the span tagger misses now and then. Against
/// [`share_sentence_speakers`] alone, with it after this: on the train
/// split's folds speaker accuracy 0.9398 -> 0.9416 and e2e F1 0.8378 ->
/// 0.8392 (0.9409 and 0.8386 with the sharing first); on polnear-dev
/// 0.9533 -> 0.9564 and 0.8768 -> 0.8797.
fn adjacent_speakers(found: &mut [Found], speakers: &SpeakerIndex, text: &str) {
    for f in found.iter_mut().filter(|f| f.speaker.is_none()) {
        let Some(cue) = f.cue else { continue };
        f.speaker = speakers.mention_before(cue.start, text).filter(|m| !m.overlaps(f.content));
    }
}

/// Gives a cue the model found no source for the speaker of the
/// attribution before it in the same sentence: a participle or a second
/// verb shares the subject of the first ("Smith said ..., adding that ...").
/// `found` is in text order. On the train split's folds speaker accuracy
/// 0.9387 -> 0.9398 and e2e F1 0.8363 -> 0.8378; on polnear-dev 0.950 ->
/// 0.953 and 0.874 -> 0.877 (within the paragraph rather than the sentence,
/// a little less on the folds).
fn share_sentence_speakers(found: &mut [Found], seg: &Segmentation) {
    // The sentence, speaker and cue of the last attribution with a speaker.
    let mut last: Option<(Option<usize>, Span, Option<Span>)> = None;
    for f in found {
        let sentence = seg.sentence_at(f.cue.map_or(f.content.start, |c| c.start));
        if f.speaker.is_none()
            && f.cue.is_some()
            && let Some((s, speaker, cue)) = last
            && s.is_some()
            && s == sentence
            && cue != f.cue
            && !speaker.overlaps(f.content)
        {
            f.speaker = Some(speaker);
        }
        if let Some(speaker) = f.speaker {
            last = Some((sentence, speaker, f.cue));
        }
    }
}

/// The union of `spans`, as disjoint spans in text order.
fn union_of(spans: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut spans: Vec<Span> = spans.collect();
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Whether `span` overlaps one of the disjoint, ordered `spans`.
fn overlaps_any(spans: &[Span], span: Span) -> bool {
    let k = spans.partition_point(|s| s.end <= span.start);
    spans.get(k).is_some_and(|s| s.overlaps(span))
}

/// The attributions the model finds, each content piece as one `Found`.
/// Also each token's cue lean ([`model::Attributed::lean`]).
fn learned(
    doc: &Doc<'_>,
    model: &Model,
    article: &Article,
    budget: &Budget,
) -> Result<(Vec<Found>, Vec<f32>), AnalysisError> {
    let mut out = Vec::new();
    let attributed = model.attribute(article, budget)?;
    for a in attributed.attributions {
        let confidence = model.confidence(&a.evidence);
        let speaker = a.source.clone().map(|r| doc.span(r));
        let cue = Some(doc.span(a.cue.clone()));
        // Each piece with the quoted regions it holds.
        let mut pieces: Vec<(Range<usize>, Vec<usize>)> = a
            .content
            .iter()
            .filter_map(|r| doc.quote_aware(r.clone()))
            .map(|p| (p.clone(), doc.regions_in(p)))
            .collect();
        // Beside quoted pieces, one without quote marks is the span tagger
        // straying ("Ababu, who grew up in a village where, he said, “...”"
        // gave "who grew up in a village where"): on the train split's folds
        // dropping it takes quote F1 0.891 -> 0.900 and e2e F1 0.839 -> 0.848,
        // on polnear-dev 0.920 -> 0.924 and 0.880 -> 0.884.
        let quoted = pieces.iter().any(|(_, regions)| !regions.is_empty());
        if quoted {
            pieces.retain(|(_, regions)| !regions.is_empty());
        }
        // A content grown to its quote marks may swallow the source: then
        // the source is no speaker.
        let speaker = speaker.filter(|&s| pieces.iter().all(|(p, _)| !doc.span(p.clone()).overlaps(s)));
        let direct: Vec<Option<usize>> = pieces.iter().map(|(p, _)| doc.region_spanned(p.clone())).collect();
        let kind = match (direct.iter().all(Option::is_some), quoted) {
            (true, _) if !pieces.is_empty() => QuoteKind::Direct,
            (_, true) => QuoteKind::Mixed,
            _ => QuoteKind::Indirect,
        };
        for ((piece, regions), region) in pieces.into_iter().zip(direct) {
            out.push(match (kind, region) {
                (QuoteKind::Direct, Some(r)) => attribution::direct(doc, r, speaker, cue, confidence),
                _ => Found { content: doc.span(piece), kind, speaker, cue, confidence, regions },
            });
        }
    }
    Ok((out, attributed.lean))
}

/// Keeps the outer of two nested attributions ("'He said he would go,' she
/// added"): the inner one repeats part of its words. This also bounds the
/// answer by the text's size, where a run of reporting verbs would otherwise
/// open quotes that each run to the end of the sentence. With `overlapping`
/// false, a quote that starts inside an earlier one goes too: the model's
/// contents are not bounded by the rules' clause limits, and on adversarial
/// text (a run of cues in one paragraph) they would each claim most of it.
fn drop_nested(quotes: &mut Vec<Quote>, overlapping: bool) {
    quotes.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    let mut reach = 0;
    quotes.retain(|q| {
        let kept = if overlapping { q.span.end > reach } else { q.span.start >= reach };
        reach = reach.max(q.span.end);
        kept
    });
}

/// Adds the quotes no attribution claimed, in text order: those that
/// continue the previous speaker (a quote standing as its own sentence right
/// after an attributed one, "'A,' he said. 'B.'", which PolNeAR annotates as
/// a further piece of that attribution); and with `keep_lone`, the other long
/// ones without a speaker. The rules keep those, for callers who want every
/// quotation; the learned method leaves them out, as PolNeAR counts a
/// quotation only with its source (on polnear-dev, keeping them: quote F1
/// 0.919 -> 0.923, speaker accuracy 0.950 -> 0.937, e2e F1 0.873 -> 0.865).
fn with_unclaimed_regions(doc: &Doc<'_>, found: Vec<Found>, claimed: &[bool], keep_lone: bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    let mut found = found.into_iter().peekable();
    for (r, region) in doc.regions.iter().enumerate() {
        while let Some(f) = found.next_if(|f| f.content.start <= region.content.start) {
            out.push(f);
        }
        if claimed[r] {
            continue;
        }
        let paragraph = doc.paragraph(region.open);
        let previous = out.last().filter(|f| {
            f.speaker.is_some()
                && doc.paragraph_of_offset(f.content.start) + 1 >= paragraph
                && f.content.end <= region.content.start
        });
        let floating = previous.filter(|&prev| doc.region_is_whole_sentence(r) || continues_paragraph(doc, prev, r));
        if let Some(prev) = floating {
            out.push(attribution::direct(doc, r, prev.speaker, prev.cue, FLOATING_CONFIDENCE));
            continue;
        }
        let scare = doc.region_words(r) <= MAX_SCARE_WORDS || doc.region_is_title(r);
        if keep_lone && !scare && (doc.region_starting_sentence(r) || doc.region_words(r) >= MIN_LONE_WORDS) {
            out.push(attribution::direct(doc, r, None, None, LONE_CONFIDENCE));
        }
    }
    out.extend(found);
    out
}

/// A quote opening a sentence in the paragraph of the previous attributed
/// quote goes on with it ("'A,' he said. 'B' and more.").
fn continues_paragraph(doc: &Doc<'_>, prev: &Found, r: usize) -> bool {
    prev.kind == QuoteKind::Direct
        && doc.region_starting_sentence(r)
        && doc.paragraph_of_offset(prev.content.start) == doc.paragraph(doc.regions[r].open)
}

/// Person and organization mentions by position, to find the entity a
/// speaker phrase names and the mention right before a cue.
struct SpeakerIndex {
    /// (mention span, entity index, mention kind), sorted by start.
    mentions: Vec<(Span, usize, MentionKind)>,
    longest: usize,
}

impl SpeakerIndex {
    fn new(entities: &[Entity]) -> Self {
        let mut mentions: Vec<(Span, usize, MentionKind)> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind, EntityType::Person | EntityType::Organization))
            .flat_map(|(k, e)| e.mentions.iter().map(move |m| (m.span, k, m.kind)))
            .collect();
        mentions.sort_by_key(|m| (m.0.start, m.0.end));
        let longest = mentions.iter().map(|m| m.0.len()).max().unwrap_or(0);
        SpeakerIndex { mentions, longest }
    }

    /// The longest mention that ends right before `at`, with nothing but
    /// white space between ("Acme said").
    fn mention_before(&self, at: usize, text: &str) -> Option<Span> {
        let end = text[..at].trim_end().len();
        let upto = self.mentions.partition_point(|m| m.0.start < end);
        self.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.0.start + self.longest >= end)
            .filter(|m| m.0.end == end)
            .last()
            .map(|m| m.0)
    }

    /// The entity a speaker phrase names: the mention holding the phrase's
    /// head wins, then names over roles over pronouns, then people over
    /// organizations. A common noun for a head ("the report, released by
    /// the ministry", "a spokesman for the campaign") must be a mention
    /// itself: the names around it are not the speaker.
    fn entity(&self, speaker: Span, entities: &[Entity], text: &str) -> Option<usize> {
        let head = head_of(speaker, text);
        let common = head.of(text).starts_with(char::is_lowercase);
        // "The prime minister, Jonas Lindgren": a role whose apposition names
        // it; one that opens in lower case names no one ("The report,
        // released by the Energy Department").
        let phrase = speaker.of(text);
        let named = phrase
            .find(',')
            .filter(|&comma| phrase[comma + 1..].trim_start().starts_with(char::is_uppercase))
            .map(|comma| Span::new(speaker.start + comma, speaker.end));
        let upto = self.mentions.partition_point(|m| m.0.start < speaker.end);
        self.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.0.start + self.longest > speaker.start)
            .filter(|m| {
                let naming = m.2 == MentionKind::Proper && named.is_some_and(|n| m.0.overlaps(n));
                m.0.overlaps(speaker) && (m.0.overlaps(head) || !common || naming)
            })
            .max_by_key(|&&(span, k, kind)| {
                let rank = match kind {
                    MentionKind::Proper => 2,
                    MentionKind::Common => 1,
                    MentionKind::Pronoun => 0,
                };
                (span.overlaps(head), rank, entities[k].kind == EntityType::Person, span.len())
            })
            .map(|m| m.1)
    }

    fn quote(&self, text: &str, f: Found, entities: &[Entity]) -> Quote {
        let f = Found {
            speaker: f.speaker.map(|s| without_clause_mark(s, text)),
            cue: f.cue.map(|s| without_clause_mark(s, text)),
            ..f
        };
        let entity = f.speaker.and_then(|s| self.entity(s, entities, text));
        let speaker_name = match (entity, f.speaker) {
            (Some(k), _) => entities[k].name.clone(),
            (None, Some(s)) => name_in(s.of(text)),
            (None, None) => String::new(),
        };
        let speaker_kind = f.speaker.map(|s| speaker_kind(s.of(text), entity.map(|k| entities[k].kind)));
        Quote {
            span: f.content,
            kind: f.kind,
            speaker: f.speaker,
            speaker_entity: entity,
            speaker_name,
            speaker_kind,
            cue: f.cue,
            confidence: f.confidence,
        }
    }
}

/// `span` without the comma, semicolon or colon that closes its clause: the
/// model's spans may take the mark after a speaker ("Siobhan Kerr,") or a cue
/// ("said:"), which would hide the speaker's head from the entity lookup.
fn without_clause_mark(span: Span, text: &str) -> Span {
    let kept = span.of(text).trim_end_matches([',', ';', ':', ' ']);
    // A colon alone is the cue of "Name: ...".
    if kept.is_empty() { span } else { Span::new(span.start, span.start + kept.len()) }
}

/// The head word of a speaker phrase: its last word before an apposition
/// ("Tom Reed, the sheriff") or a preposition ("a spokesman for the campaign").
fn head_of(speaker: Span, text: &str) -> Span {
    let phrase = speaker.of(text);
    let core = &phrase[..phrase.find(',').unwrap_or(phrase.len())];
    let words = core.split_whitespace().scan(0, |from, word| {
        let at = *from + core[*from..].find(word)?;
        *from = at + word.len();
        Some((at, word))
    });
    let mut head = Span::new(speaker.start, speaker.start);
    for (k, (at, word)) in words.enumerate() {
        if k > 0 && lexicon::is_head_preposition(word) {
            break;
        }
        head = Span::new(speaker.start + at, speaker.start + at + word.len());
    }
    head
}

/// What a speaker phrase names: its entity's type when it has one, else its
/// head noun's kind; a person by default ("officials", "a spokesman").
fn speaker_kind(phrase: &str, entity: Option<EntityType>) -> SpeakerKind {
    match entity {
        Some(EntityType::Person) => return SpeakerKind::Person,
        Some(EntityType::Organization) => return SpeakerKind::Organization,
        _ => {}
    }
    let head = head_of(Span::new(0, phrase.len()), phrase).of(phrase).to_lowercase();
    let head = head.trim_end_matches(['.', ')']).trim_end_matches("'s").trim_end_matches("’s");
    static SETS: LazyLock<[FastSet<&'static str>; 2]> =
        LazyLock::new(|| ["quote_document_heads", "quote_organization_heads"].map(|list| listed_words(list).collect()));
    let singular = head.strip_suffix('s');
    let listed = |set: &FastSet<&str>| set.contains(head) || singular.is_some_and(|w| set.contains(w));
    if lexicon::is_impersonal_head(head) {
        SpeakerKind::Other
    } else if listed(&SETS[0]) {
        SpeakerKind::Document
    } else if listed(&SETS[1]) || crate::analysis::entities::gazetteer::is_org_suffix(head) {
        SpeakerKind::Organization
    } else {
        SpeakerKind::Person
    }
}

/// Words of institutions (`quote_institutions`), which end a person's name from the left.
fn is_institution(word: &str) -> bool {
    static WORDS: LazyLock<FastSet<&'static str>> = LazyLock::new(|| listed_words("quote_institutions").collect());
    WORDS.contains(word)
}

/// Titles that precede a name without being part of it (`quote_titles`).
fn is_title(word: &str) -> bool {
    static TITLES: LazyLock<FastSet<&'static str>> = LazyLock::new(|| listed_words("quote_titles").collect());
    TITLES.contains(word.trim_end_matches('.'))
}

/// The name a speaker phrase ends with ("Russia's Deputy Foreign Minister
/// Mikhail Galuzin" → "Mikhail Galuzin"), or "" when it holds none.
fn name_in(speaker: &str) -> String {
    // In "Brian Fallon, the campaign's press secretary" the name comes first.
    let phrase = speaker.split(',').next().unwrap_or_default();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let capitalized =
        |w: &&&str| w.chars().next().is_some_and(char::is_uppercase) && !w.contains(['\'', '’']) && !is_institution(w);
    let run = words.iter().rev().take_while(capitalized).count();
    let name: Vec<&str> = words[words.len() - run..].iter().copied().skip_while(|w| is_title(w)).collect();
    let is_name = !name.is_empty() && !name.iter().any(|w| lexicon::is_not_name(w));
    if is_name { name.join(" ") } else { String::new() }
}

#[cfg(test)]
mod tests;
