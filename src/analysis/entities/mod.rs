//! Named entities: people, organizations, places and the rest, with all their
//! mentions, plus dates and amounts.
//!
//! The statistical tagger ([`model`]) only finds name spans. Everything above
//! it lives here: cleaning and typing the spans and grouping them into
//! entities ([`resolve`]), the roles the text gives people ([`roles`]),
//! pronouns and descriptions linked to people ([`coref`]), dates and amounts by
//! rule ([`numeric`]), and salience.

mod coref;
pub mod gazetteer;
pub mod model;
mod numeric;
mod resolve;
mod roles;

use super::segment::Segmentation;
use super::text::Span;
use super::{AnalysisError, Budget};
use std::ops::Range;

/// The kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Person,
    Organization,
    Location,
    Nationality,
    Event,
    Other,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
}

/// How an entity is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// By name: "Maria Zakharova", "Zakharova".
    Proper,
    /// By a description: "the deputy minister".
    Common,
    /// By a pronoun: "she".
    Pronoun,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The fullest proper name the article uses.
    pub name: String,
    pub kind: EntityType,
    /// How central the entity is to the article, in [0, 1].
    pub salience: f32,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// For people, the roles the text gives them.
    pub roles: Vec<String>,
    /// The value of a date or amount: ISO 8601 for dates, spans of time and
    /// times ("2022-12-12", "P5Y", "16:09+04:00"), "2000000 USD", "76%",
    /// "2.5 t"; empty for names.
    pub normalized_value: String,
}

/// Finds the entities of `text`, most salient first.
///
/// `article_date` anchors relative dates ("yesterday", "last Tuesday"); without
/// it they keep a partial value ("--12-12" for "December 12") or none. Stops
/// when `budget` runs out.
pub fn extract(
    text: &str,
    seg: &Segmentation,
    article_date: Option<chrono::NaiveDate>,
    budget: &Budget,
) -> Result<Vec<Entity>, AnalysisError> {
    let recognized = model::recognize(text, seg, budget)?;
    let amounts = numeric::find(text, seg, article_date, budget)?;
    let mut entities = resolve::named_entities(text, seg, &recognized);
    budget.check()?;
    drop_names_inside(&mut entities, &amounts);
    roles::assign(text, seg, &mut entities);
    budget.check()?;
    coref::link(text, seg, &mut entities);
    budget.check()?;
    entities.extend(amounts);
    for e in &mut entities {
        e.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        e.mentions.dedup();
    }
    score_salience(seg, &mut entities);
    entities.sort_by(|a, b| b.salience.total_cmp(&a.salience).then(first_start(a).cmp(&first_start(b))));
    Ok(entities)
}

/// A name inside a date or amount ("UTC" in "16:09 (UTC+04:00)") is part of
/// it, not an entity of its own.
fn drop_names_inside(names: &mut Vec<Entity>, amounts: &[Entity]) {
    let mut spans: Vec<Span> = amounts.iter().flat_map(|e| e.mentions.iter().map(|m| m.span)).collect();
    spans.sort();
    let inside = |span: Span| {
        let i = spans.partition_point(|s| s.end <= span.start);
        spans.get(i).is_some_and(|s| s.contains(span))
    };
    for e in names.iter_mut() {
        e.mentions.retain(|m| !inside(m.span));
    }
    names.retain(|e| !e.mentions.is_empty());
}

fn first_start(e: &Entity) -> usize {
    e.mentions.first().map_or(usize::MAX, |m| m.span.start)
}

/// The indexes of the tokens that `span` overlaps.
fn token_range(seg: &Segmentation, span: Span) -> Range<usize> {
    let start = seg.tokens.partition_point(|t| t.span.end <= span.start);
    let end = seg.tokens.partition_point(|t| t.span.start < span.end);
    start..end.max(start)
}

/// One text for a name however the article typed it: curly apostrophes
/// straightened, runs of white space made one space.
fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| if c == '’' || c == '‘' { '\'' } else { c }));
    }
    out
}

/// Salience rewards what a reader meets often and early: mentions (names
/// count more than pronouns), a first mention in the lede, and names over
/// dates and amounts. Scores are scaled so that the top entity has 1.
fn score_salience(seg: &Segmentation, entities: &mut [Entity]) {
    let lede_end = seg.sentences.get(2).or(seg.sentences.last()).map_or(0, |s| s.span.end);
    let text_len = seg.tokens.last().map_or(1, |t| t.span.end.max(1)) as f32;
    let mut raw: Vec<f32> = entities
        .iter()
        .map(|e| {
            let mentions: f32 = e
                .mentions
                .iter()
                .map(|m| match m.kind {
                    MentionKind::Proper => 1.0,
                    MentionKind::Common | MentionKind::Pronoun => 0.6,
                })
                .sum();
            let first = first_start(e);
            let early = 1.0 - (first.min(text_len as usize) as f32 / text_len);
            let lede = if first < lede_end { 1.5 } else { 0.0 };
            let weight = match e.kind {
                EntityType::Person | EntityType::Organization => 1.0,
                EntityType::Location | EntityType::Event | EntityType::Other => 0.8,
                EntityType::Nationality => 0.5,
                _ => 0.3,
            };
            weight * ((1.0 + mentions).ln() * 2.0 + early + lede)
        })
        .collect();
    let max = raw.iter().copied().fold(0.0f32, f32::max);
    if max > 0.0 {
        raw.iter_mut().for_each(|r| *r /= max);
    }
    for (e, r) in entities.iter_mut().zip(raw) {
        e.salience = r.clamp(0.0, 1.0);
    }
}

#[cfg(test)]
mod tests;
