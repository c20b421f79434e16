//! Extractive summaries: the few sentences that carry an article, and the
//! phrases that name what it is about, in the article's own words.
//!
//! Sentences are ranked by LexRank centrality whose random walk restarts near
//! the top of the article, so a sentence scores by being both central to what
//! the article keeps talking about and close to the lede, where news writing
//! puts what matters. The lede itself, the writer's own summary, always comes
//! first; the rest are held apart by maximal marginal relevance over the same
//! similarity graph, so that no two say the same thing.

mod eligible;
mod graph;
mod keyphrases;
mod stopwords;
mod terms;

use super::entities::{Entity, EntityType};
use super::segment::{Segmentation, TokenKind};
use super::text::Span;
use super::{AnalysisError, Budget};
use eligible::Role;
use graph::Graph;
use terms::{Lexicon, Vocabulary};

/// How long a summary may be. The tightest limit given wins; with none given
/// a summary has [`DEFAULT_SENTENCES`] sentences. Zero counts as not given.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SummaryOptions {
    pub max_sentences: Option<usize>,
    /// A word budget; the best sentence is kept even when it alone exceeds it.
    pub max_words: Option<usize>,
    /// A fraction of the article's sentences, in (0, 1].
    pub ratio: Option<f32>,
}

/// A chosen sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct SummarySentence {
    /// Index into `Segmentation::sentences`.
    pub index: usize,
    /// How central the sentence is, in [0, 1]; the best sentence scores 1.
    pub score: f32,
}

/// A phrase naming what the article is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyphrase {
    pub text: String,
    /// In [0, 1]; the best phrase scores 1.
    pub score: f32,
    /// The first occurrence.
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// In article order.
    pub sentences: Vec<SummarySentence>,
    /// Best first.
    pub keyphrases: Vec<Keyphrase>,
}

/// The summary length when the caller sets no limit: a news lede's worth.
pub const DEFAULT_SENTENCES: usize = 3;

/// How hard a candidate is pushed back for repeating a chosen sentence: its
/// score drops by this much per unit of cosine similarity.
const REDUNDANCY: f32 = 0.3;
/// Candidates at least this similar to a chosen sentence say nothing new.
const DUPLICATE: f32 = 0.9;

/// Summarizes `text`, segmented as `seg`, in `language` (a BCP-47 tag; empty
/// for unknown). Stops when `budget` runs out.
pub fn summarize(
    text: &str,
    seg: &Segmentation,
    entities: &[Entity],
    language: &str,
    options: &SummaryOptions,
    budget: &Budget,
) -> Result<Summary, AnalysisError> {
    if seg.sentences.is_empty() {
        return Ok(Summary::default());
    }
    let lexicon = Lexicon::new(language);
    let mut vocabulary = Vocabulary::new(&lexicon, seg.tokens.len());
    let token_terms = terms::token_terms(text, seg, &mut vocabulary);
    budget.check()?;
    let vectors = terms::sentence_vectors(&terms::sentence_bags(seg, &token_terms));
    let roles = eligible::roles(text, seg);
    budget.check()?;
    let graph = Graph::new(&vectors);
    budget.check()?;
    let scores = normalized(&graph.rank(&lede_prior(&roles)), &roles);
    budget.check()?;
    let words: Vec<usize> = (0..seg.sentences.len()).map(|s| word_count(seg, s)).collect();
    let limit = sentence_limit(options, seg.sentences.len());
    let mut chosen = select(&scores, &graph, &words, limit, options.max_words);
    chosen.sort_unstable();
    budget.check()?;
    Ok(Summary {
        sentences: chosen.into_iter().map(|index| SummarySentence { index, score: scores[index] }).collect(),
        keyphrases: keyphrases::extract(text, seg, entities, &mut vocabulary, &token_terms, &roles),
    })
}

fn is_named(kind: EntityType) -> bool {
    matches!(
        kind,
        EntityType::Person
            | EntityType::Organization
            | EntityType::Location
            | EntityType::Nationality
            | EntityType::Event
            | EntityType::Other
    )
}

/// Where the random walk restarts: the k-th sentence of the story (furniture
/// not counted) with weight 1/(k+1), the inverted-pyramid reading of news,
/// where importance falls off with depth but never to nothing.
fn lede_prior(roles: &[Role]) -> Vec<f32> {
    let mut k = 0usize;
    let mut prior: Vec<f32> = roles
        .iter()
        .map(|&role| {
            if role == Role::Furniture {
                return 0.0;
            }
            k += 1;
            1.0 / k as f32
        })
        .collect();
    if k == 0 {
        prior.fill(1.0);
    }
    let total: f32 = prior.iter().sum();
    prior.iter_mut().for_each(|p| *p /= total);
    prior
}

/// Ranks scaled so that the best body sentence scores 1; others score 0.
fn normalized(rank: &[f32], roles: &[Role]) -> Vec<f32> {
    let best = rank.iter().zip(roles).filter(|&(_, &r)| r == Role::Body).map(|(&x, _)| x).fold(0.0, f32::max);
    rank.iter()
        .zip(roles)
        .map(|(&x, &r)| if r == Role::Body && best > 0.0 { (x / best).clamp(0.0, 1.0) } else { 0.0 })
        .collect()
}

fn word_count(seg: &Segmentation, s: usize) -> usize {
    seg.sentence_tokens(s).iter().filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number)).count()
}

/// The most sentences the options allow.
fn sentence_limit(options: &SummaryOptions, sentences: usize) -> usize {
    let by_count = options.max_sentences.filter(|&n| n > 0);
    let by_ratio =
        options.ratio.filter(|&r| r > 0.0).map(|r| ((r.min(1.0) * sentences as f32).floor() as usize).max(1));
    match (by_count, by_ratio) {
        (None, None) if options.max_words.is_some_and(|w| w > 0) => usize::MAX,
        (None, None) => DEFAULT_SENTENCES,
        (a, b) => a.unwrap_or(usize::MAX).min(b.unwrap_or(usize::MAX)),
    }
}

/// The lede, then greedy maximal-marginal-relevance choice: the best
/// remaining sentence, less a penalty for its similarity to those already
/// taken, while the limits allow. A sentence too long for the word budget is
/// passed over for shorter ones, except that the first pick is always kept.
fn select(scores: &[f32], graph: &Graph, words: &[usize], limit: usize, max_words: Option<usize>) -> Vec<usize> {
    let mut pool: Vec<usize> = (0..scores.len()).filter(|&s| scores[s] > 0.0).collect();
    let mut redundancy = vec![0f32; scores.len()];
    let mut budget = max_words.filter(|&w| w > 0).unwrap_or(usize::MAX);
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < limit {
        pool.retain(|&s| redundancy[s] < DUPLICATE && (chosen.is_empty() || words[s] <= budget));
        let gain = |s: usize| scores[s] - REDUNDANCY * redundancy[s];
        let best = (0..pool.len()).max_by(|&a, &b| gain(pool[a]).total_cmp(&gain(pool[b])).then(pool[b].cmp(&pool[a])));
        // The lede goes first: the writer's own summary of the story.
        let lede = (0..pool.len()).min_by_key(|&a| pool[a]);
        let Some(at) = (if chosen.is_empty() { lede } else { best }) else {
            break;
        };
        let s = pool.swap_remove(at);
        budget = budget.saturating_sub(words[s]);
        for &(j, w) in graph.links(s) {
            redundancy[j as usize] = redundancy[j as usize].max(w);
        }
        chosen.push(s);
    }
    chosen
}

#[cfg(test)]
mod tests;
