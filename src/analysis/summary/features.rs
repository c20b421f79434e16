//! What the sentence scorer knows about each sentence: where it stands, how
//! long it is, how central and how on-topic it is, and what kind of sentence
//! it is (a quote, a dateline lede, a question).
//!
//! Every feature ignores letter case and needs no paragraph breaks: the model
//! learns from a lower-cased, tokenized corpus without paragraphs and serves
//! cased articles of every layout, and what it learns must carry over. Words
//! are compared by the language's own stems and stop words, so other
//! languages get the same features as English.

use super::eligible::Role;
use super::graph::Graph;
use super::terms::TermVector;
use crate::analysis::segment::{Segmentation, Token, TokenKind};

/// The features, in the order the model file lists their weights.
pub(super) const NAMES: [&str; FEATURES] = [
    // Where the sentence stands among the body sentences (k from 0).
    "lede",
    "second",
    "third",
    "fourth",
    "fifth",
    "depth",
    "inverse_depth",
    "relative_depth",
    // How long it is: ln(words) and its square, so that a middle length can win.
    "words",
    "words_squared",
    // How central it is (LexRank, restarting anywhere).
    "centrality",
    // What it shares with the lede (0 for the lede itself).
    "lede_overlap",
    // The share of the article's ten most telling words it uses.
    "keyword_coverage",
    // The cosine with the whole story's term vector.
    "article_similarity",
    // Content words per word.
    "content_density",
    // The share of its words inside quote marks; whether it opens with one.
    "quoted",
    "opens_quote",
    // Whether it opens with a dateline ("LONDON (Reuters) -", "(CNN)").
    "dateline",
    // Whether it asks a question.
    "question",
];

pub(super) const FEATURES: usize = 19;

/// One sentence's features, in [`NAMES`] order.
pub(super) type Features = [f32; FEATURES];

/// How many of the article's most telling words `keyword_coverage` looks for.
const KEYWORDS: usize = 10;
/// How far into a sentence a dateline's dash or agency bracket may stand.
const DATELINE_TOKENS: usize = 8;

/// What the features of one article are computed from.
pub(super) struct Article<'a> {
    pub text: &'a str,
    pub seg: &'a Segmentation,
    pub roles: &'a [Role],
    /// The content-word term ids of every sentence.
    pub bags: &'a [Vec<u32>],
    pub vectors: &'a [TermVector],
    /// The word count of every sentence.
    pub words: &'a [usize],
    pub graph: &'a Graph,
}

/// Sentence centrality (LexRank) scaled so that the best body sentence
/// scores 1, and 0 for sentences that may not be chosen. The random walk
/// restarts at any sentence that is not furniture, or, `near_top`, at the
/// k-th of them with weight 1/k: the inverted-pyramid reading of news.
pub(super) fn centrality(graph: &Graph, roles: &[Role], near_top: bool) -> Vec<f32> {
    let rank =
        if near_top { graph.rank(&prior(roles, |k| 1.0 / k as f32)) } else { graph.rank(&prior(roles, |_| 1.0)) };
    let best = rank.iter().zip(roles).filter(|&(_, &r)| r == Role::Body).map(|(&x, _)| x).fold(0.0, f32::max);
    rank.iter()
        .zip(roles)
        .map(|(&x, &r)| if r == Role::Body && best > 0.0 { (x / best).clamp(0.0, 1.0) } else { 0.0 })
        .collect()
}

/// The features of every sentence; sentences that may not be chosen get
/// all zeros.
pub(super) fn extract(article: &Article<'_>) -> Vec<Features> {
    let Article { text, seg, roles, bags, vectors, words, graph } = *article;
    let body: Vec<usize> = (0..roles.len()).filter(|&s| roles[s] == Role::Body).collect();
    let mut out = vec![[0.0; FEATURES]; roles.len()];
    let Some(&lede) = body.first() else {
        return out;
    };
    let centrality = centrality(graph, roles, false);
    let keywords = keywords(bags, roles);
    let whole = whole_story(bags, roles);
    for (k, &s) in body.iter().enumerate() {
        let tokens = seg.sentence_tokens(s);
        let depth = k as f32;
        let n_words = words[s].max(1) as f32;
        out[s] = [
            f32::from(k == 0),
            f32::from(k == 1),
            f32::from(k == 2),
            f32::from(k == 3),
            f32::from(k == 4),
            (1.0 + depth).ln(),
            1.0 / (1.0 + depth),
            depth / body.len() as f32,
            n_words.ln(),
            n_words.ln().powi(2),
            centrality[s],
            if s == lede { 0.0 } else { cosine(&vectors[s], &vectors[lede]) },
            coverage(&bags[s], &keywords),
            cosine(&vectors[s], &whole),
            bags[s].len() as f32 / n_words,
            quoted(text, tokens),
            f32::from(tokens.first().is_some_and(|t| t.kind == TokenKind::Quote)),
            f32::from(has_dateline(text, tokens)),
            f32::from(ends_with_question(text, tokens)),
        ];
    }
    out
}

/// A random-walk restart distribution over the sentences that are not
/// furniture: `weight(k)` for the k-th of them (from 1), scaled to sum to 1.
fn prior(roles: &[Role], weight: impl Fn(usize) -> f32) -> Vec<f32> {
    let mut k = 0;
    let mut prior: Vec<f32> = roles
        .iter()
        .map(|&role| {
            if role == Role::Furniture {
                return 0.0;
            }
            k += 1;
            weight(k)
        })
        .collect();
    if k == 0 {
        prior.fill(1.0);
    }
    let total: f32 = prior.iter().sum();
    prior.iter_mut().for_each(|p| *p /= total);
    prior
}

/// The article's most telling terms, sorted by id: those used in the most
/// story sentences (two at least), more for those met early, as keyphrases
/// weigh their words.
fn keywords(bags: &[Vec<u32>], roles: &[Role]) -> Vec<u32> {
    let size = bags.iter().flatten().map(|&t| t as usize + 1).max().unwrap_or(0);
    // Per term: sentences using it, the 1-based rank of the first, the last sentence seen.
    let mut terms = vec![(0u32, 0u32, usize::MAX); size];
    for (rank, (s, bag)) in bags.iter().enumerate().filter(|&(s, _)| roles[s] != Role::Furniture).enumerate() {
        for &t in bag {
            let entry = &mut terms[t as usize];
            if entry.2 != s {
                *entry = (entry.0 + 1, if entry.0 == 0 { rank as u32 + 1 } else { entry.1 }, s);
            }
        }
    }
    let weight = |t: u32| {
        let (count, first, _) = terms[t as usize];
        count as f32 * (1.0 + 1.0 / (first.max(1) as f32).sqrt())
    };
    let mut ranked: Vec<u32> = (0..size as u32).filter(|&t| terms[t as usize].0 > 1).collect();
    ranked.sort_by(|&a, &b| weight(b).total_cmp(&weight(a)).then(a.cmp(&b)));
    ranked.truncate(KEYWORDS);
    ranked.sort_unstable();
    ranked
}

/// The share of `keywords` (sorted) that a sentence uses.
fn coverage(bag: &[u32], keywords: &[u32]) -> f32 {
    if keywords.is_empty() {
        return 0.0;
    }
    let found = keywords.iter().filter(|k| bag.contains(k)).count();
    found as f32 / keywords.len() as f32
}

/// The unit term vector of all the story's sentences together.
fn whole_story(bags: &[Vec<u32>], roles: &[Role]) -> TermVector {
    let all: Vec<u32> =
        bags.iter().zip(roles).filter(|(_, r)| **r != Role::Furniture).flat_map(|(b, _)| b.iter().copied()).collect();
    super::terms::sentence_vectors(&[all]).pop().unwrap_or_default()
}

/// The cosine of two unit vectors sorted by term id.
fn cosine(a: &TermVector, b: &TermVector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// The share of a sentence's words that stand between quote marks. Straight
/// marks open and close in turn; a single quote opens only before a word
/// (after a space or at the start), so that "the players' union" opens none.
fn quoted(text: &str, tokens: &[Token]) -> f32 {
    let (mut inside, mut quoted, mut words) = (false, 0usize, 0usize);
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            TokenKind::Word | TokenKind::Number => {
                words += 1;
                quoted += usize::from(inside);
            }
            TokenKind::Quote => {
                let mark = t.span.of(text);
                let opens_before_word = tokens.get(i + 1).is_some_and(|n| n.span.start == t.span.end)
                    && (i == 0 || tokens[i - 1].span.end < t.span.start);
                inside = match mark {
                    "“" | "«" | "„" | "‘" | "``" => true,
                    "”" | "»" | "’" | "''" => false,
                    "'" if !inside => opens_before_word,
                    _ => !inside,
                };
            }
            TokenKind::Punct => {}
        }
    }
    if words == 0 { 0.0 } else { quoted as f32 / words as f32 }
}

/// Whether the sentence opens with a dateline: a dash ("BAKU, Feb 23 --") or
/// a bracketed agency ("(CNN)", "LONDON (Reuters)") among its first tokens.
fn has_dateline(text: &str, tokens: &[Token]) -> bool {
    let head = &tokens[..tokens.len().min(DATELINE_TOKENS)];
    let dash = head.iter().skip(1).any(|t| matches!(t.span.of(text), "--" | "—" | "–" | "-" | "―"));
    let bracket = head
        .iter()
        .position(|t| t.span.of(text) == "(")
        .is_some_and(|open| head[open + 1..].iter().take(4).any(|t| t.span.of(text) == ")"));
    dash || bracket
}

fn ends_with_question(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().rev().find(|t| t.kind != TokenKind::Quote).is_some_and(|t| t.span.of(text).contains(['?', '？']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::segment;
    use crate::analysis::summary::eligible;
    use crate::analysis::summary::terms::{self, Lexicon, Vocabulary};

    /// The features of every sentence of `text`, computed as `summarize` does.
    fn features_of(text: &str, language: &str) -> Vec<Features> {
        let seg = segment(text);
        let lexicon = Lexicon::new(language);
        let mut vocabulary = Vocabulary::new(&lexicon, seg.tokens.len());
        let bags = terms::sentence_bags(&seg, &terms::token_terms(text, &seg, &mut vocabulary));
        let vectors = terms::sentence_vectors(&bags);
        let roles = eligible::roles(text, &seg);
        let graph = Graph::new(&vectors);
        let words: Vec<usize> = (0..seg.sentences.len()).map(|s| super::super::word_count(&seg, s)).collect();
        extract(&Article {
            text,
            seg: &seg,
            roles: &roles,
            bags: &bags,
            vectors: &vectors,
            words: &words,
            graph: &graph,
        })
    }

    fn feature(f: &Features, name: &str) -> f32 {
        f[NAMES.iter().position(|n| *n == name).unwrap()]
    }

    const STORY: &str = "Harbour talks stall over fishing quotas\n\n\
        LONDON (Reuters) - Talks between Norland and Estmark on fishing quotas in the harbour stalled on Tuesday.\n\n\
        The two governments had hoped to agree on fishing quotas before the spring season.\n\n\
        \"We will not give up our quotas,\" said a minister from Norland.\n\n\
        Local restaurants reported a busy weekend as tourists returned to the coast.\n\n\
        Will the fishermen of the harbour accept any cut in their quotas?";

    #[test]
    fn only_body_sentences_have_features() {
        let all = features_of(STORY, "en");
        assert_eq!(all.len(), 6);
        assert!(all[0].iter().all(|&x| x == 0.0), "the headline: {:?}", all[0]);
        assert!(all[1..].iter().all(|f| f.iter().any(|&x| x != 0.0)));
    }

    #[test]
    fn position_counts_body_sentences_from_the_lede() {
        let all = features_of(STORY, "en");
        assert_eq!(feature(&all[1], "lede"), 1.0);
        assert_eq!(feature(&all[2], "second"), 1.0);
        assert_eq!(feature(&all[3], "third"), 1.0);
        assert_eq!(feature(&all[4], "fourth"), 1.0);
        assert_eq!(feature(&all[5], "fifth"), 1.0);
        assert_eq!(feature(&all[2], "lede"), 0.0);
        assert_eq!(feature(&all[3], "depth"), 3f32.ln());
        assert_eq!(feature(&all[3], "inverse_depth"), 1.0 / 3.0);
        assert_eq!(feature(&all[3], "relative_depth"), 2.0 / 5.0);
    }

    #[test]
    fn length_is_the_log_of_the_word_count() {
        let all = features_of(STORY, "en");
        // "Local restaurants reported a busy weekend as tourists returned to the coast."
        assert!((feature(&all[4], "words") - 12f32.ln()).abs() < 1e-6);
        assert!((feature(&all[4], "words_squared") - 12f32.ln().powi(2)).abs() < 1e-6);
    }

    #[test]
    fn centrality_peaks_at_one_on_the_sentence_most_like_the_rest() {
        let all = features_of(STORY, "en");
        let c: Vec<f32> = all.iter().map(|f| feature(f, "centrality")).collect();
        assert_eq!(c.iter().copied().fold(0.0, f32::max), 1.0);
        assert!(c.iter().all(|&x| (0.0..=1.0).contains(&x)));
        assert!(c[4] < c[1] && c[4] < c[2], "the aside is least central: {c:?}");
    }

    #[test]
    fn overlap_with_the_lede_and_the_story() {
        let all = features_of(STORY, "en");
        let lede: Vec<f32> = all.iter().map(|f| feature(f, "lede_overlap")).collect();
        assert_eq!(lede[1], 0.0, "the lede itself");
        assert!(lede[2] > 0.2 && lede[5] > 0.1, "{lede:?}");
        assert_eq!(lede[4], 0.0, "{lede:?}");
        let story: Vec<f32> = all.iter().map(|f| feature(f, "article_similarity")).collect();
        assert!(story[1] > story[4] && story[1] <= 1.0, "{story:?}");
    }

    #[test]
    fn keyword_coverage_counts_the_words_the_story_repeats() {
        let all = features_of(STORY, "en");
        let coverage: Vec<f32> = all.iter().map(|f| feature(f, "keyword_coverage")).collect();
        // "quotas", "fishing", "harbour", "Norland" recur; the aside uses none of them.
        assert!(coverage[1] >= 0.4, "{coverage:?}");
        assert_eq!(coverage[4], 0.0, "{coverage:?}");
    }

    #[test]
    fn content_density_discounts_function_words() {
        let all = features_of(
            "It is what it is and so it was for all of us.\n\nFishing quotas harbour talks stalled badly.",
            "en",
        );
        assert!(feature(&all[0], "content_density") < 0.2, "{:?}", all[0]);
        assert_eq!(feature(&all[1], "content_density"), 1.0);
    }

    #[test]
    fn quotes_datelines_and_questions() {
        let all = features_of(STORY, "en");
        // "We will not give up our quotas," said a minister from Norland: 7 of 12 words quoted.
        assert!((feature(&all[3], "quoted") - 7.0 / 12.0).abs() < 1e-6, "{:?}", all[3]);
        assert_eq!(feature(&all[3], "opens_quote"), 1.0);
        assert_eq!(feature(&all[2], "quoted"), 0.0);
        assert_eq!(feature(&all[1], "dateline"), 1.0);
        assert_eq!(feature(&all[2], "dateline"), 0.0);
        assert_eq!(feature(&all[5], "question"), 1.0);
        assert_eq!(feature(&all[4], "question"), 0.0);
        let cnn = features_of("(CNN)Share, and your gift will be multiplied by many.", "en");
        assert_eq!(feature(&cnn[0], "dateline"), 1.0);
    }

    #[test]
    fn possessive_apostrophes_open_no_quote() {
        let all = features_of("The players' union said the 'new rules' were unfair to them.", "en");
        // Only "new rules" stands between quote marks: 2 of 11 words.
        assert!((feature(&all[0], "quoted") - 2.0 / 11.0).abs() < 1e-6, "{:?}", all[0]);
    }

    #[test]
    fn letter_case_changes_nothing() {
        let lower = STORY.replace("Norland", "norland").replace("Estmark", "estmark").replace("LONDON", "london");
        assert_eq!(features_of(STORY, "en"), features_of(&lower, "en"));
    }

    #[test]
    fn other_languages_get_their_own_stop_words() {
        let text = "Die Regierung hat am Dienstag neue Regeln für den Hafen beschlossen. \
                    Die Regeln für den Hafen gelten ab dem Sommer. Das Wetter war schön.";
        let all = features_of(text, "de");
        assert!(feature(&all[0], "content_density") < 0.7, "{:?}", all[0]);
        assert!(feature(&all[1], "keyword_coverage") > 0.0, "{:?}", all[1]);
    }
}
