//! Quotes with their speakers: who said what, directly ("'...,' she added"),
//! in part ("called the talks 'counterproductive'") or in reported speech
//! ("Zakharova noted that ...").
//!
//! Quote marks are paired first (`marks`); then every reporting verb and
//! "according to" anchors an attribution (`attribution`), whose content is
//! a quoted region, a clause holding one, or a plain clause. Quoted regions no
//! verb claimed either continue the previous speaker (a quote standing as its
//! own sentence right after another attributed one) or are kept without a
//! speaker, unless they are scare quotes or titles. Speakers are resolved to
//! entities through the entity layer's mentions, pronouns and roles included.

mod attribution;
mod lexicon;
mod marks;

use super::entities::{Entity, EntityType, MentionKind};
use super::segment::Segmentation;
use super::text::Span;
use super::{AnalysisError, Budget};
use attribution::{Doc, Found};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// The speaker's words between quote marks.
    Direct,
    /// Reported speech that quotes some of the speaker's words.
    Mixed,
    /// Reported speech without quote marks.
    Indirect,
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
    /// The reporting word: "added", "said", "according to".
    pub cue: Option<Span>,
    /// How sure the extractor is that this is a quote with this speaker, in [0, 1].
    pub confidence: f32,
}

/// Quoted regions this short are scare quotes or terms, not quotes, unless a
/// reporting verb claims them.
const MAX_SCARE_WORDS: usize = 3;

/// A quote inside a sentence that no verb claims is a fragment or a term
/// unless it is at least this long.
const MIN_LONE_WORDS: usize = 8;

/// How sure a quote with no cue is: one continuing the previous speaker, and
/// one left without a speaker.
const FLOATING_CONFIDENCE: f32 = 0.6;
const LONE_CONFIDENCE: f32 = 0.3;

/// The quotes of `text`, in text order.
pub fn extract(
    text: &str,
    seg: &Segmentation,
    entities: &[Entity],
    budget: &Budget,
) -> Result<Vec<Quote>, AnalysisError> {
    let regions = marks::regions(text, seg);
    let doc = Doc::new(text, seg, &regions);
    budget.check()?;
    let mut found = attribution::find(&doc);
    budget.check()?;
    let claimed = attribution::claimed_regions(&found, regions.len());
    found.sort_by_key(|f| f.content.start);
    let found = with_unclaimed_regions(&doc, found, &claimed);
    let speakers = SpeakerIndex::new(entities);
    let mut quotes: Vec<Quote> = found.into_iter().map(|f| speakers.quote(text, f, entities)).collect();
    drop_nested(&mut quotes);
    Ok(quotes)
}

/// Keeps the outer of two nested attributions ("'He said he would go,' she
/// added"): the inner one repeats part of its words. This also bounds the
/// answer by the text's size, where a run of reporting verbs would otherwise
/// open quotes that each run to the end of the sentence.
fn drop_nested(quotes: &mut Vec<Quote>) {
    quotes.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    let mut reach = 0;
    quotes.retain(|q| {
        let outer = q.span.end > reach;
        reach = reach.max(q.span.end);
        outer
    });
}

/// Merges the regions no verb claimed into the attributions, in text order:
/// a quote that is its own sentence right after an attributed quote continues
/// that speaker; other long ones stay unattributed.
fn with_unclaimed_regions(doc: &Doc<'_>, found: Vec<Found>, claimed: &[bool]) -> Vec<Found> {
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
            out.push(attribution::direct(doc, r, prev.speaker, None, FLOATING_CONFIDENCE));
            continue;
        }
        let scare = doc.region_words(r) <= MAX_SCARE_WORDS || doc.region_is_title(r);
        if !scare && (doc.region_starting_sentence(r) || doc.region_words(r) >= MIN_LONE_WORDS) {
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
/// speaker phrase names.
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

    /// The entity a speaker phrase names: the mention holding the phrase's
    /// last word (its head) wins, then names over roles over pronouns, then
    /// people over organizations.
    fn entity(&self, speaker: Span, entities: &[Entity], text: &str) -> Option<usize> {
        // The head is the last word before any apposition: "John Smith, 45, a farmer".
        let core = speaker.of(text).split(',').next().unwrap_or_default().trim_end();
        let head_start = speaker.start + core.rfind(' ').map_or(0, |k| k + 1);
        let head = Span::new(head_start, speaker.start + core.len());
        let upto = self.mentions.partition_point(|m| m.0.start < speaker.end);
        self.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.0.start + self.longest > speaker.start)
            .filter(|m| m.0.overlaps(speaker))
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
        let entity = f.speaker.and_then(|s| self.entity(s, entities, text));
        let speaker_name = match (entity, f.speaker) {
            (Some(k), _) => entities[k].name.clone(),
            (None, Some(s)) => name_in(s.of(text)),
            (None, None) => String::new(),
        };
        Quote {
            span: f.content,
            kind: f.kind,
            speaker: f.speaker,
            speaker_entity: entity,
            speaker_name,
            cue: f.cue,
            confidence: f.confidence,
        }
    }
}

/// Words of institutions, which end a person's name from the left.
const INSTITUTION_WORDS: &str = "\
    Ministry Department Party Committee Council Agency Office Times Post News Service Association \
    Institute Center Centre Commission Campaign Foundation University Court Administration Government \
    House Senate Congress Parliament Bank Company Group Union Police Army";

fn is_institution(word: &str) -> bool {
    INSTITUTION_WORDS.split_whitespace().any(|w| w == word)
}

/// Titles that precede a name without being part of it.
const TITLES: &str = "\
    Mr Mrs Ms Dr Sen Rep Gov Gen Prof Lt Col Sgt Capt Adm Rev President Minister Deputy Foreign Prime \
    Vice Secretary Spokesperson Spokesman Spokeswoman Senator Governor Representative Chairman \
    Chairwoman Director Chief Judge Justice Ambassador Mayor Former Acting General Commissioner \
    Chancellor Premier Attorney Speaker Leader Official";

fn is_title(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    TITLES.split_whitespace().any(|w| w == bare)
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
    let is_name =
        !name.is_empty() && !name.iter().any(|w| matches!(*w, "The" | "He" | "She" | "They" | "It" | "We" | "I"));
    if is_name { name.join(" ") } else { String::new() }
}

#[cfg(test)]
mod tests;
