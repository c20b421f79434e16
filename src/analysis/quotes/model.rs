//! The statistical attribution model: two averaged perceptrons over hashed
//! features, each decoded with Viterbi under BIO constraints.
//!
//! The first tags cues, the words that report ("said", "according to",
//! "told reporters"), sentence by sentence. The second runs once per cue over
//! the cue's paragraph and tags that cue's source and content (one or more
//! pieces: a quote the attribution splits comes back in two), seeing every
//! token from the cue's point of view. PolNeAR's attributions rarely nest,
//! so a cue's own tagging is all it needs; two cues sharing one source
//! ("Smith said ... and added ...") each find it.
//!
//! How sure the model is comes from its margins, turned into a probability
//! by a logistic calibration fitted on held-out training articles (see
//! `train`). The weights (`models/quotes.bin`, see `MODELS.md`) are compiled
//! in and parsed once, on first use; `examples/train_quotes.rs` retrains them.

mod features;
pub mod train;
mod weights;

use crate::analysis::perceptron::{Decoder, Table, margin};
use crate::analysis::{AnalysisError, Budget};
pub(super) use features::Article;
use features::{Cue, Origin};
use std::ops::Range;
use std::sync::LazyLock;
use weights::Weights;

/// Cue labels: O, B-CUE, I-CUE.
pub(super) const CUE_LABELS: usize = 3;
/// Source and content labels: O, B-SRC, I-SRC, B-CON, I-CON.
pub(super) const SPAN_LABELS: usize = 5;

const OUTSIDE: u8 = 0;
const BEGIN_SOURCE: u8 = 1;
const BEGIN_CONTENT: u8 = 3;

/// How far below O a token's B-CUE score may fall for the span tagger to
/// still look for the token's source and content (in perceptron units): a
/// wider net for cues, which the span tagger, trained on the same candidates,
/// mostly turns down.
const CANDIDATE_LEAN: f32 = -15.0;

/// The least B-CUE lean a candidate the cue tagger did not take needs for
/// the span tagger to read it at run time. Training reads every candidate,
/// so that the span tagger learns to turn them down; at run time the
/// weakest cost more than they find. On polnear-dev, from every candidate to
/// those at 0 and up: speaker accuracy 0.943 -> 0.950, e2e F1 0.870 ->
/// 0.873, indirect F1 0.618 -> 0.607, and the quotes stage runs about a
/// quarter fewer instructions over benches/corpus.
const CANDIDATE_FLOOR: f32 = 0.0;

/// How many tokens the span tagger may read per token of an article, over
/// all its cues' windows: 24 leaves every article of PolNeAR's dev set
/// whole (12 does not), while "\"a\" said he, " repeated stays cheap.
const SPAN_WORK: usize = 24;

/// The evidence the confidence weighs, in the order of the calibration
/// weights: a bias, the cue's margin, the content's, the source's (0
/// without one), whether there is a source, whether the content holds
/// quote marks, and the content's length in tokens (log).
pub(super) const EVIDENCE: usize = 7;

/// One attribution the model found, in token indexes.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Attribution {
    pub cue: Range<usize>,
    pub source: Option<Range<usize>>,
    /// One or more pieces, in text order.
    pub content: Vec<Range<usize>>,
    pub evidence: [f32; EVIDENCE],
}

/// The trained model.
pub(super) struct Model {
    weights: Weights,
}

static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| Weights::parse(include_bytes!("../../../models/quotes.bin")).map(|weights| Model { weights }));

/// The embedded model; `None` only if its file is malformed.
pub(super) fn embedded() -> Option<&'static Model> {
    MODEL.as_ref()
}

/// For each token, how much better its label scores than the best other
/// label allowed after the previous one.
fn margins<const L: usize>(emissions: &[[i32; L]], transitions: &[[i32; L]], labels: &[u8], unit: f32) -> Vec<f32> {
    let prev = std::iter::once(None).chain(labels.iter().copied().map(Some));
    labels
        .iter()
        .zip(emissions)
        .zip(prev)
        .map(|((&l, row), prev)| margin(row, transitions, prev, l) as f32 * unit)
        .collect()
}

/// Labeled stretches: `(label of the B- tag, token range)`.
fn chunks(labels: &[u8], offset: usize) -> Vec<(u8, Range<usize>)> {
    let mut out: Vec<(u8, Range<usize>)> = Vec::new();
    for (k, &l) in labels.iter().enumerate() {
        let i = offset + k;
        match out.last_mut() {
            Some((begin, range)) if l != 0 && l % 2 == 0 && *begin + 1 == l && range.end == i => range.end = i + 1,
            _ if l != 0 => out.push((if l % 2 == 0 { l - 1 } else { l }, i..i + 1)),
            _ => {}
        }
    }
    out
}

fn mean(values: &[f32]) -> f32 {
    if values.is_empty() { 0.0 } else { values.iter().sum::<f32>() / values.len() as f32 }
}

/// The cue candidates of an article: the cue tagger's, then the lexicon's
/// and the rules' where the tagger saw none.
struct Cues {
    cues: Vec<Cue>,
    /// Per token: whether the cue tagger took it for part of a cue.
    mask: Vec<bool>,
    /// Per token: how much better B-CUE scores than O alone (in perceptron units).
    lean: Vec<f32>,
}

/// What the model makes of an article.
pub(super) struct Attributed {
    /// Every attribution, in the order of their cues.
    pub attributions: Vec<Attribution>,
    /// Per token: how much better the cue tagger scores it as a cue's first
    /// word than as outside any (in perceptron units).
    pub lean: Vec<f32>,
}

impl Model {
    /// Tags the cues of every sentence.
    fn cues(&self, article: &Article, budget: &Budget) -> Result<Cues, AnalysisError> {
        let table = &self.weights.cues;
        let mut cues =
            Cues { cues: Vec::new(), mask: vec![false; article.len()], lean: vec![f32::NEG_INFINITY; article.len()] };
        let (mut emissions, mut labels, mut decoder) = (Vec::new(), Vec::new(), Decoder::default());
        for (s, range) in article.sentences.iter().enumerate() {
            budget.check_every(s, 64)?;
            emissions.clear();
            for i in range.clone() {
                let mut row = [0i32; CUE_LABELS];
                article.cue_features(s, i, |h| table.add(h, &mut row));
                cues.lean[i] = (row[1] - row[0]) as f32 * table.unit();
                emissions.push(row);
            }
            decoder.decode(&emissions, table.transitions(), &mut labels);
            if labels.iter().all(|&l| l == OUTSIDE) {
                continue;
            }
            let margins = margins(&emissions, table.transitions(), &labels, table.unit());
            for (_, cue) in chunks(&labels, range.start) {
                cues.mask[cue.clone()].iter_mut().for_each(|m| *m = true);
                let margin = mean(&margins[cue.start - range.start..cue.end - range.start]);
                cues.cues.push(Cue { range: cue, origin: Origin::Tagged, margin });
            }
        }
        // Per token: whether a candidate already holds it.
        let mut taken = vec![false; article.len()];
        let leaning = (0..article.len()).filter(|&i| cues.lean[i] >= CANDIDATE_LEAN).map(|i| i..i + 1);
        for range in article.candidates().chain(leaning) {
            if range.clone().any(|i| cues.mask[i] || taken[i]) {
                continue;
            }
            taken[range.clone()].fill(true);
            let margin = cues.lean[range.start];
            cues.cues.push(Cue { range, origin: Origin::Candidate, margin });
        }
        cues.cues.sort_by_key(|c| c.range.start);
        Ok(cues)
    }

    /// The source and content of `cue`, if it has content; `mask` marks
    /// the tokens the cue tagger took for cues.
    fn attribution(
        &self,
        article: &Article,
        cue: &Cue,
        window: Range<usize>,
        mask: &[bool],
        decoder: &mut Decoder<SPAN_LABELS>,
    ) -> Option<Attribution> {
        let emissions = span_emissions(&self.weights.spans, article, cue, &window, mask);
        let margin = cue.margin;
        let cue = &cue.range;
        let mut labels = Vec::new();
        decoder.decode(&emissions, self.weights.spans.transitions(), &mut labels);
        let margins = margins(&emissions, self.weights.spans.transitions(), &labels, self.weights.spans.unit());
        let found = chunks(&labels, window.start);
        let content: Vec<Range<usize>> =
            found.iter().filter(|(l, _)| *l == BEGIN_CONTENT).map(|(_, r)| r.clone()).collect();
        if content.is_empty() {
            return None;
        }
        // Of several source phrases, the one nearest the cue.
        let gap =
            |r: &Range<usize>| if r.end <= cue.start { cue.start - r.end } else { r.start.saturating_sub(cue.end) };
        let source =
            found.iter().filter(|(l, _)| *l == BEGIN_SOURCE).map(|(_, r)| r.clone()).min_by_key(|r| (gap(r), r.start));
        let margin_of = |r: &Range<usize>| margins[r.start - window.start..r.end - window.start].to_vec();
        let content_margins: Vec<f32> = content.iter().flat_map(margin_of).collect();
        let quoted = content.iter().any(|r| r.clone().any(|i| article.tokens[i].quoting != features::Quoting::Outside));
        let evidence = [
            1.0,
            margin,
            mean(&content_margins),
            source.as_ref().map_or(0.0, |r| mean(&margin_of(r))),
            f32::from(u8::from(source.is_some())),
            f32::from(u8::from(quoted)),
            (content_margins.len() as f32).ln_1p(),
        ];
        Some(Attribution { cue: cue.clone(), source, content, evidence })
    }

    /// Every attribution of the article, in the order of their cues, and
    /// each token's cue lean. The span tagger reads at most [`SPAN_WORK`]
    /// tokens per token of the article, so that a text made of reporting
    /// verbs costs a bounded multiple of its length; cues past that are left
    /// to the rules.
    pub fn attribute(&self, article: &Article, budget: &Budget) -> Result<Attributed, AnalysisError> {
        let cues = self.cues(article, budget)?;
        let mut work = SPAN_WORK * article.len().max(64);
        let (mut out, mut decoder) = (Vec::new(), Decoder::default());
        for (k, cue) in cues.cues.iter().enumerate() {
            budget.check_every(k, 16)?;
            if cue.origin == Origin::Candidate && cue.margin < CANDIDATE_FLOOR {
                continue;
            }
            let window = article.window(&cue.range);
            let Some(left) = work.checked_sub(window.len()) else { break };
            work = left;
            out.extend(self.attribution(article, cue, window, &cues.mask, &mut decoder));
        }
        Ok(Attributed { attributions: out, lean: cues.lean })
    }

    /// The calibrated probability that an attribution with this evidence is right.
    pub fn confidence(&self, evidence: &[f32; EVIDENCE]) -> f32 {
        calibrated(&self.weights.calibration, evidence)
    }
}

/// The logistic of the calibration weights times the evidence; 0.5 without weights.
pub(super) fn calibrated(weights: &[f32], evidence: &[f32; EVIDENCE]) -> f32 {
    let z: f32 = weights.iter().zip(evidence).map(|(w, x)| w * x).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The span tagger's scores for each token of `window`; the cue's own
/// tokens may only be outside.
fn span_emissions(
    table: &Table<SPAN_LABELS>,
    article: &Article,
    cue: &Cue,
    window: &Range<usize>,
    mask: &[bool],
) -> Vec<[i32; SPAN_LABELS]> {
    let mut rows = vec![[0i32; SPAN_LABELS]; window.len()];
    article.span_features(cue, window, mask, |t, h| table.add(h, &mut rows[t - window.start]));
    for row in &mut rows[cue.range.start - window.start..cue.range.end - window.start] {
        row[1..].fill(i32::MIN / 64);
    }
    rows
}
