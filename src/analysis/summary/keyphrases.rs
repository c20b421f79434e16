//! Keyphrases: runs of content words (stop words and punctuation end a run,
//! which leaves mostly noun phrases and names) and the names of the entities,
//! scored by how widely and how early their words occur, then deduplicated so
//! that each thing is named once, by its fullest phrase.

use super::Keyphrase;
use super::eligible::Role;
use super::is_named;
use super::terms::Vocabulary;
use crate::analysis::entities::{Entity, MentionKind};
use crate::analysis::segment::{Segmentation, TokenKind};
use crate::analysis::text::{FastMap, Span};

/// How many phrases a summary lists.
const KEYPHRASES: usize = 10;
/// Longer phrases are clauses more often than names of things.
const MAX_WORDS: usize = 3;
/// Names longer than this are not checked for being cut (a bound that keeps
/// the check local in a sorted list of spans that may nest).
const MAX_NAME_BYTES: usize = 200;

/// A phrase's stems, padded with [`NO_WORD`].
type Key = [u32; MAX_WORDS];
const NO_WORD: u32 = u32::MAX;

fn words(key: &Key) -> &[u32] {
    &key[..key.iter().position(|&w| w == NO_WORD).unwrap_or(MAX_WORDS)]
}

/// A distinct phrase.
struct Candidate {
    span: Span,
    occurrences: usize,
    /// An entity's salience, 0 for plain phrases.
    salience: f32,
}

pub(super) fn extract<'a>(
    text: &'a str,
    seg: &Segmentation,
    entities: &'a [Entity],
    vocabulary: &mut Vocabulary<'a>,
    token_terms: &[Option<u32>],
    roles: &[Role],
) -> Vec<Keyphrase> {
    let mut candidates: FastMap<Key, Candidate> =
        FastMap::with_capacity_and_hasher(seg.tokens.len(), Default::default());
    let mut spread: Vec<WordStats> = Vec::new();
    let mut run: Vec<(u32, Span)> = Vec::new();
    for (rank, (s, _)) in roles.iter().enumerate().filter(|&(_, &r)| r != Role::Furniture).enumerate() {
        let mut previous_end = None;
        for (t, &term) in seg.sentence_tokens(s).iter().zip(&token_terms[seg.sentences[s].tokens.clone()]) {
            let id = term.filter(|_| t.kind == TokenKind::Word);
            // Two words belong to one run only when nothing but a space stands between them.
            let joined =
                previous_end.and_then(|end| text.get(end..t.span.start)).is_some_and(|gap| gap.trim().is_empty());
            if !joined || id.is_none() {
                add_phrases(&run, &mut candidates);
                run.clear();
            }
            if let Some(id) = id {
                run.push((id, t.span));
                count_word(&mut spread, id as usize, s, rank + 1);
            }
            previous_end = Some(t.span.end);
        }
        add_phrases(&run, &mut candidates);
        run.clear();
    }
    add_entities(text, entities, vocabulary, &mut candidates);
    let mut names: Vec<Span> = entities
        .iter()
        .filter(|e| is_named(e.kind))
        .flat_map(|e| e.mentions.iter().filter(|m| m.kind == MentionKind::Proper).map(|m| m.span))
        .collect();
    names.sort_unstable();
    let mut scored: Vec<(f32, Key, Candidate)> = candidates
        .into_iter()
        .filter(|(key, c)| words(key).len() > 1 || is_name_or_word(c.span.of(text)))
        .filter(|(_, c)| !cuts_a_name(c.span, &names))
        .map(|(key, c)| (score(words(&key), &c, &spread), key, c))
        .filter(|(x, _, _)| *x > 0.0)
        .collect();
    scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.2.span.start.cmp(&b.2.span.start)));
    let kept = deduplicate(scored);
    let best = kept.first().map_or(1.0, |(x, _, _)| *x);
    kept.into_iter()
        .map(|(x, _, c)| Keyphrase { text: c.span.of(text).to_string(), score: x / best, span: c.span })
        .collect()
}

/// Where a word occurs among the story's sentences.
#[derive(Clone, Default)]
struct WordStats {
    sentences: usize,
    last: usize,
    /// The 1-based rank of the first story sentence holding it; 0 for none.
    first: usize,
}

fn count_word(spread: &mut Vec<WordStats>, id: usize, sentence: usize, rank: usize) {
    if spread.len() <= id {
        spread.resize(id + 1, WordStats::default());
    }
    let stats = &mut spread[id];
    if stats.first == 0 {
        *stats = WordStats { sentences: 1, last: sentence, first: rank };
    } else if stats.last != sentence {
        stats.sentences += 1;
        stats.last = sentence;
    }
}

/// Adds every phrase of up to [`MAX_WORDS`] words within a run of content words.
fn add_phrases(run: &[(u32, Span)], candidates: &mut FastMap<Key, Candidate>) {
    for n in 1..=MAX_WORDS.min(run.len()) {
        for phrase in run.windows(n) {
            let mut key = [NO_WORD; MAX_WORDS];
            key.iter_mut().zip(phrase).for_each(|(k, &(id, _))| *k = id);
            let span = phrase[0].1.cover(phrase[n - 1].1);
            candidates.entry(key).or_insert(Candidate { span, occurrences: 0, salience: 0.0 }).occurrences += 1;
        }
    }
}

/// Names of entities join the candidates, or lend their salience to the run
/// that spells them, at their first mention by that name.
fn add_entities<'a>(
    text: &'a str,
    entities: &'a [Entity],
    vocabulary: &mut Vocabulary<'a>,
    candidates: &mut FastMap<Key, Candidate>,
) {
    for entity in entities.iter().filter(|e| is_named(e.kind)) {
        let proper = entity.mentions.iter().filter(|m| m.kind == MentionKind::Proper);
        let Some(first) = proper.clone().find(|m| text.get(m.span.start..m.span.end) == Some(entity.name.as_str()))
        else {
            continue;
        };
        let stems: Vec<u32> = entity
            .name
            .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
            .filter_map(|w| vocabulary.term(w))
            .collect();
        if stems.is_empty() || stems.len() > MAX_WORDS {
            continue;
        }
        let mut key = [NO_WORD; MAX_WORDS];
        key.iter_mut().zip(&stems).for_each(|(k, &id)| *k = id);
        let c = candidates.entry(key).or_insert(Candidate { span: first.span, occurrences: 0, salience: 0.0 });
        c.occurrences = c.occurrences.max(proper.count());
        c.salience = c.salience.max(entity.salience.clamp(0.0, 1.0));
    }
}

/// Lone words of one or two letters are function words the stop list
/// missed, unless written in capitals ("EU").
fn is_name_or_word(word: &str) -> bool {
    word.chars().count() > 2 || word.chars().all(char::is_uppercase)
}

/// How well a phrase describes the text: the summed weight of its words
/// (how many sentences use each, more for words met early), as in RAKE, so
/// that "peace treaty" outranks "peace"; more for a salient entity. A phrase
/// of several words that the text uses once is a turn of phrase, not a topic.
fn score(key: &[u32], c: &Candidate, spread: &[WordStats]) -> f32 {
    let weight = |&id: &u32| {
        spread
            .get(id as usize)
            .filter(|w| w.first > 0)
            .map_or(0.0, |w| w.sentences as f32 * (1.0 + 1.0 / (w.first as f32).sqrt()))
    };
    let repeated = key.len() == 1 || c.occurrences > 1 || c.salience > 0.0;
    if repeated { key.iter().map(weight).sum::<f32>() * (1.0 + c.salience) } else { 0.0 }
}

/// The best phrases, each thing named once. A phrase inside a better one is
/// dropped; a fuller phrase takes the place of a better one it contains when
/// it occurs as often, so the shorter never stands alone ("Maria Zakharova"
/// over "Zakharova"), and is dropped otherwise ("Russia" over "Russia backs").
fn deduplicate(scored: Vec<(f32, Key, Candidate)>) -> Vec<(f32, Key, Candidate)> {
    let mut kept: Vec<(f32, Key, Candidate)> = Vec::new();
    for (x, key, c) in scored {
        if kept.len() == KEYPHRASES {
            break;
        }
        let overlap = kept.iter().position(|(_, k, _)| related(k, &key));
        let Some(at) = overlap else {
            kept.push((x, key, c));
            continue;
        };
        if words(&key).len() > words(&kept[at].1).len() && c.occurrences >= kept[at].2.occurrences {
            let better = kept[at].0;
            kept.retain(|(_, k, _)| !related(k, &key));
            kept.insert(at.min(kept.len()), (better, key, c));
        }
    }
    kept
}

/// Whether a phrase takes part of a name without the rest ("spokeswoman
/// Maria"). `names` is sorted.
fn cuts_a_name(phrase: Span, names: &[Span]) -> bool {
    let from = names.partition_point(|n| n.start < phrase.start.saturating_sub(MAX_NAME_BYTES));
    names[from..]
        .iter()
        .take_while(|n| n.start < phrase.end)
        .any(|&n| phrase.overlaps(n) && !phrase.contains(n) && !n.contains(phrase))
}

/// Whether one phrase contains the other.
fn related(a: &Key, b: &Key) -> bool {
    contains(words(a), words(b)) || contains(words(b), words(a))
}

/// Whether `inner` occurs as a contiguous part of `outer`.
fn contains(outer: &[u32], inner: &[u32]) -> bool {
    !inner.is_empty() && outer.windows(inner.len()).any(|w| w == inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contiguous_containment() {
        assert!(contains(&[1, 2, 3], &[2, 3]));
        assert!(!contains(&[1, 2, 3], &[1, 3]));
        assert!(!contains(&[1], &[]));
    }
}
