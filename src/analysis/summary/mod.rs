//! Extractive summaries: the few sentences that carry an article, and the
//! phrases that name what it is about, in the article's own words.
//!
//! A summary of highlight length (at most [`Selection::highlights_share`] of
//! the article) is picked by a learned scorer: a logistic regression with a
//! small boosted correction ([`scorer`]) over case-free features of each
//! sentence ([`features`]: its place, length, centrality, overlap with the
//! lede and the article's words, quotes, datelines), trained on news
//! articles with their editors' highlights (`MODELS.md`); a language whose
//! stop words are not known gets a fallback model learnt from the same
//! articles read without stop words. A longer summary is
//! an abridgement rather than highlights, which that corpus cannot teach: it
//! is picked by LexRank centrality whose random walk restarts near the top of
//! the article. Either way headlines, bylines and site furniture are never
//! chosen ([`eligible`]), and picks are held apart by maximal marginal
//! relevance over the sentence similarity graph, so that no two say the same
//! thing.

mod eligible;
mod features;
mod graph;
mod keyphrases;
mod scorer;
mod stopwords;
mod terms;
pub mod train;

use super::entities::{Entity, EntityType};
use super::segment::{Segmentation, TokenKind};
use super::text::Span;
use super::{AnalysisError, Budget};
use eligible::Role;
use features::Features;
use graph::Graph;
use scorer::Scorer;
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
    /// How strongly the sentence was preferred, in [0, 1]: its chance of
    /// belonging to the highlights by the learned scorer (its centrality, for
    /// an abridgement), scaled so that the best sentence scores 1.
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

/// How sentences are picked once scored.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Selection {
    /// How hard a candidate for highlights is pushed back for repeating a
    /// chosen sentence: its log-odds drop by this much per unit of cosine
    /// similarity.
    redundancy: f32,
    /// The same for an abridgement, in units of the log of centrality.
    abridgement_redundancy: f32,
    /// A summary of at most this share of the body sentences (or words) is a
    /// set of highlights, picked by the learned scorer; a longer one is an
    /// abridgement, picked by centrality.
    highlights_share: f32,
}

/// The redundancy penalty is the one that cross-validation on the training
/// articles prefers; the highlights share is the share of an article that
/// the highlights of nine training articles in ten take; the abridgement
/// penalty is the centrality ranker's own (see MODELS.md).
const SELECTION: Selection = Selection { redundancy: 2.5, abridgement_redundancy: 0.3, highlights_share: 0.3 };
/// Candidates at least this similar to a chosen sentence say nothing new.
const DUPLICATE: f32 = 0.9;
/// The least centrality whose logarithm is taken.
const FLOOR: f32 = 1e-3;

/// Parses both embedded scorers now, so that the first article in a language
/// without known stop words does not pay for its model at request time.
pub fn load_models() {
    std::sync::LazyLock::force(&scorer::EMBEDDED);
    std::sync::LazyLock::force(&scorer::WITHOUT_STOP_WORDS);
}

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
    let article = Sentences::read(text, seg, &token_terms, budget)?;
    let sentences = article.pick(scorer::for_lexicon(&lexicon), options, SELECTION);
    budget.check()?;
    Ok(Summary {
        sentences,
        keyphrases: keyphrases::extract(text, seg, entities, &mut vocabulary, &token_terms, &article.roles),
    })
}

/// An article's sentences, read for choosing among them.
struct Sentences {
    roles: Vec<Role>,
    graph: Graph,
    words: Vec<usize>,
    features: Vec<Features>,
}

impl Sentences {
    /// Stops when `budget` runs out.
    fn read(
        text: &str,
        seg: &Segmentation,
        token_terms: &[Option<u32>],
        budget: &Budget,
    ) -> Result<Self, AnalysisError> {
        let bags = terms::sentence_bags(seg, token_terms);
        let vectors = terms::sentence_vectors(&bags);
        let roles = eligible::roles(text, seg);
        budget.check()?;
        let graph = Graph::new(&vectors);
        budget.check()?;
        let words: Vec<usize> = (0..seg.sentences.len()).map(|s| word_count(seg, s)).collect();
        let features = features::extract(&features::Article {
            text,
            seg,
            roles: &roles,
            bags: &bags,
            vectors: &vectors,
            words: &words,
            graph: &graph,
        });
        Ok(Self { roles, graph, words, features })
    }

    /// The chosen sentences, in article order, with their scores.
    fn pick(&self, scorer: &Scorer, options: &SummaryOptions, selection: Selection) -> Vec<SummarySentence> {
        let limit = sentence_limit(options, self.roles.len());
        let (priorities, scores, redundancy) = if self.share(limit, options.max_words) <= selection.highlights_share {
            let logits: Vec<f32> = self
                .features
                .iter()
                .zip(&self.roles)
                .map(|(f, &role)| if role == Role::Body { scorer.logit(f) } else { f32::NEG_INFINITY })
                .collect();
            let scores = chances(&logits);
            (logits, scores, selection.redundancy)
        } else {
            let centrality = features::centrality(&self.graph, &self.roles, true);
            let logs = centrality
                .iter()
                .zip(&self.roles)
                .map(|(&c, &role)| if role == Role::Body { c.max(FLOOR).ln() } else { f32::NEG_INFINITY })
                .collect();
            (logs, centrality, selection.abridgement_redundancy)
        };
        let mut chosen = select(&priorities, &self.graph, &self.words, limit, options.max_words, redundancy);
        chosen.sort_unstable();
        chosen.into_iter().map(|index| SummarySentence { index, score: scores[index] }).collect()
    }

    /// The share of the body that `limit` sentences, or `max_words` words,
    /// would take, whichever is less.
    fn share(&self, limit: usize, max_words: Option<usize>) -> f32 {
        let body = || (0..self.roles.len()).filter(|&s| self.roles[s] == Role::Body);
        let by_count = limit as f32 / body().count().max(1) as f32;
        let by_words = max_words
            .filter(|&w| w > 0)
            .map_or(f32::INFINITY, |w| w as f32 / body().map(|s| self.words[s]).sum::<usize>().max(1) as f32);
        by_count.min(by_words)
    }
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

/// Chances from log-odds, scaled so that the best sentence scores 1;
/// sentences that may not be chosen score 0.
fn chances(logits: &[f32]) -> Vec<f32> {
    let best = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let chance = |x: f32| 1.0 / (1.0 + (-x).exp());
    logits.iter().map(|&x| if x.is_finite() { chance(x) / chance(best) } else { 0.0 }).collect()
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

/// Greedy maximal-marginal-relevance choice: the sentence of highest
/// priority (a log-scale score, minus infinity for those that may not be
/// chosen), less `redundancy` times its greatest similarity to those already
/// taken, while the limits allow. A sentence too long for the word budget is
/// passed over for shorter ones, except that the first pick is always kept.
fn select(
    priorities: &[f32],
    graph: &Graph,
    words: &[usize],
    limit: usize,
    max_words: Option<usize>,
    redundancy: f32,
) -> Vec<usize> {
    let mut pool: Vec<usize> = (0..priorities.len()).filter(|&s| priorities[s].is_finite()).collect();
    let mut similarity = vec![0f32; priorities.len()];
    let mut budget = max_words.filter(|&w| w > 0).unwrap_or(usize::MAX);
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < limit {
        pool.retain(|&s| similarity[s] < DUPLICATE && (chosen.is_empty() || words[s] <= budget));
        let gain = |s: usize| priorities[s] - redundancy * similarity[s];
        let best = (0..pool.len()).max_by(|&a, &b| gain(pool[a]).total_cmp(&gain(pool[b])).then(pool[b].cmp(&pool[a])));
        let Some(at) = best else {
            break;
        };
        let s = pool.swap_remove(at);
        budget = budget.saturating_sub(words[s]);
        for &(j, w) in graph.links(s) {
            similarity[j as usize] = similarity[j as usize].max(w);
        }
        chosen.push(s);
    }
    chosen
}

#[cfg(test)]
mod tests;
