//! The statistical named-entity recognizer: an averaged perceptron over
//! hashed features with Viterbi decoding of BIO labels for people,
//! organizations, places and other names (the CoNLL-2003 classes).
//!
//! Two stages run in turn: the second sees what the first predicted for the
//! same word elsewhere in the document, so that "Galuzin" gets the class
//! "Mikhail Galuzin" got and an all-capitals headline borrows the classes of
//! the body. The weights (`models/ner.bin`, see `MODELS.md`) are compiled in
//! and parsed once, on first use; `examples/train_ner.rs` retrains them.

mod features;
pub mod train;
mod weights;

use super::gazetteer::KeyHasher;
use crate::analysis::memo::Memo;
use crate::analysis::perceptron::{self, Bio, Decoder, margin};
use crate::analysis::segment::Segmentation;
use crate::analysis::text::Span;
use crate::analysis::{AnalysisError, Budget};
use features::{Document, History, PLACES, Place, TokenInfo, describe, word_features};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::LazyLock;
use weights::{MAX_STAGES, Model};

/// The class of a recognized name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NerClass {
    Person,
    Organization,
    Location,
    Misc,
}

/// One recognized mention: its tokens' span, class, and the model's
/// confidence in [0, 1].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Recognized {
    pub span: Span,
    pub class: NerClass,
    pub confidence: f32,
}

/// Recognizes named-entity mentions, token-aligned, over the shared
/// segmentation. Stops when `budget` runs out.
pub fn recognize(text: &str, seg: &Segmentation, budget: &Budget) -> Result<Vec<Recognized>, AnalysisError> {
    let model = &*MODEL;
    if model.is_empty() || seg.tokens.is_empty() {
        return Ok(Vec::new());
    }
    let tokens: Vec<&str> = seg.tokens.iter().map(|t| text.get(t.span.start..t.span.end).unwrap_or("")).collect();
    let sentences: Vec<Range<usize>> = seg.sentences.iter().map(|s| s.tokens.clone()).collect();
    // Each distinct word is described and scored once and kept once: a
    // word's scores take 360 bytes, too many to copy for every token of a
    // text of megabytes.
    let mut distinct: Vec<&str> = Vec::new();
    let mut word_of: Vec<u32> = Vec::with_capacity(tokens.len());
    let mut seen: HashMap<&str, u32, BuildHasherDefault<KeyHasher>> = HashMap::default();
    for (i, token) in tokens.iter().enumerate() {
        budget.check_every(i, 4096)?;
        let word = *seen.entry(token).or_insert_with(|| {
            distinct.push(token);
            u32::try_from(distinct.len() - 1).unwrap_or(u32::MAX)
        });
        word_of.push(word);
    }
    // Counted first so that the words are never moved as the list grows.
    let mut words: Vec<Word> = Vec::with_capacity(distinct.len());
    KNOWN.with_borrow_mut(|known| {
        for (i, token) in distinct.iter().enumerate() {
            budget.check_every(i, 4096)?;
            words.push(known.get(token, |t| model.word(t)));
        }
        Ok::<_, AnalysisError>(())
    })?;
    let tagged = model.tag(&tokens, &sentences, &Words { distinct: &words, of_token: &word_of }, budget)?;
    let found = mentions(&tagged.labels)
        .into_iter()
        .filter_map(|(range, class)| {
            let first = seg.tokens.get(range.start)?;
            let last = seg.tokens.get(range.end - 1)?;
            let margin = tagged.margins[range.clone()].iter().sum::<f32>() / range.len() as f32;
            let confidence = 1.0 / (1.0 + (-margin / MARGIN_SCALE).exp());
            Some(Recognized { span: Span::new(first.span.start, last.span.end), class, confidence })
        })
        .collect();
    Ok(found)
}

static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::parse(include_bytes!("../../../models/ner.bin")).unwrap_or_default());

thread_local! {
    /// The words this thread has met, described and scored by [`MODEL`]:
    /// words recur within and across articles.
    static KNOWN: RefCell<Memo<Word, BuildHasherDefault<KeyHasher>>> = RefCell::default();
}

/// A word, described and scored.
#[derive(Clone, Copy, Debug)]
struct Word {
    info: TokenInfo,
    scores: WordScores,
}

/// The words of a document's tokens: each distinct word once, and for each
/// token the index of its word.
struct Words<'a> {
    distinct: &'a [Word],
    of_token: &'a [u32],
}

impl Words<'_> {
    fn of(&self, token: usize) -> &Word {
        &self.distinct[self.of_token[token] as usize]
    }
}

/// Per stage and per place, the summed weights of the features a word gives
/// the token it stands at that place from ([`word_features`]).
type WordScores = [[[i32; LABELS]; PLACES.len()]; MAX_STAGES];

/// The score margin (in averaged-perceptron units) that makes a confidence
/// of e/(1+e) ≈ 0.73: clear names score margins of 30 to 80, doubtful ones
/// below 10.
const MARGIN_SCALE: f32 = 10.0;

/// The number of BIO labels: O, then B- and I- for each class.
const LABELS: usize = 9;

const CLASSES: [NerClass; 4] = [NerClass::Person, NerClass::Organization, NerClass::Location, NerClass::Misc];

/// A BIO label: 0 is O, `2c + 1` begins and `2c + 2` continues class `c`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label(u8);

impl Label {
    const OUTSIDE: Label = Label(0);

    fn begin(class: NerClass) -> Label {
        Label(2 * class_index(class) + 1)
    }

    fn inside(class: NerClass) -> Label {
        Label(2 * class_index(class) + 2)
    }

    /// 0 for O, else 1 + the class index.
    fn class_slot(self) -> u8 {
        self.0.div_ceil(2)
    }

    fn class(self) -> Option<NerClass> {
        CLASSES.get(usize::from(self.class_slot()).checked_sub(1)?).copied()
    }

    fn is_inside(self) -> bool {
        self.0 != 0 && self.0.is_multiple_of(2)
    }

    /// Whether this label may follow `prev` (`None` at a sentence start):
    /// an I- label only continues its own class.
    fn may_follow(self, prev: Option<Label>) -> bool {
        perceptron::may_follow(prev.map(|p| p.0), self.0)
    }
}

impl Bio for Label {
    fn index(self) -> u8 {
        self.0
    }

    fn from_index(index: u8) -> Self {
        Label(index)
    }
}

fn class_index(class: NerClass) -> u8 {
    match class {
        NerClass::Person => 0,
        NerClass::Organization => 1,
        NerClass::Location => 2,
        NerClass::Misc => 3,
    }
}

/// The mentions a label sequence spells, as token ranges.
fn mentions(labels: &[Label]) -> Vec<(Range<usize>, NerClass)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerClass)> = None;
    for (i, label) in labels.iter().enumerate() {
        let continues = label.is_inside() && open.is_some_and(|(_, c)| label.class() == Some(c));
        if continues {
            continue;
        }
        if let Some((start, class)) = open.take() {
            out.push((start..i, class));
        }
        open = label.class().map(|c| (i, c));
    }
    if let Some((start, class)) = open {
        out.push((start..labels.len(), class));
    }
    out
}

/// Emission scores of one sentence, one row of [`LABELS`] per token.
type Scores = Vec<[i32; LABELS]>;

/// Labels for every token of a document, and for each the margin of its
/// label's score over the best other label (in perceptron units).
struct Tagged {
    labels: Vec<Label>,
    margins: Vec<f32>,
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
struct Scratch {
    scores: Scores,
    labels: Vec<Label>,
    decoder: Decoder<LABELS>,
}

impl Model {
    /// Describes `token` and scores the features its word gives.
    fn word(&self, token: &str) -> Word {
        let info = describe(token);
        Word { info, scores: self.word_scores(Some(&info)) }
    }

    /// The scores of the features a word gives (`None`: the end of a sentence).
    fn word_scores(&self, word: Option<&TokenInfo>) -> WordScores {
        let mut scores = [[[0; LABELS]; PLACES.len()]; MAX_STAGES];
        for (k, (stage, rows)) in self.stages().iter().zip(&mut scores).enumerate() {
            for (place, row) in PLACES.into_iter().zip(rows) {
                word_features(word, place, k == 0, |h| stage.add(h, row));
            }
        }
        scores
    }

    /// Stage `k`'s scores of each label for token `i` of sentence `s`: the
    /// sums kept with the words of its `window` (itself and its neighbours,
    /// [`Model::word`]) and its context features. The same as the sum over all
    /// its features ([`Document::features`]), which is how training sees it.
    fn emission(
        &self,
        k: usize,
        window: &[&WordScores],
        doc: &Document,
        s: usize,
        i: usize,
        history: Option<&History>,
    ) -> [i32; LABELS] {
        let mut row = [0; LABELS];
        for (p, scores) in window.iter().enumerate() {
            for (score, w) in row.iter_mut().zip(&scores[k][p]) {
                *score += w;
            }
        }
        doc.context_features(s, i, history, |h| self.stages()[k].add(h, &mut row));
        if doc.never_a_name(i) {
            row[1..].fill(i32::MIN / 64);
        }
        row
    }

    /// Runs every stage over a document of `tokens` ([`Model::word`] made
    /// `words` of them), each stage seeing the labels of the one before.
    fn tag(
        &self,
        tokens: &[&str],
        sentences: &[Range<usize>],
        words: &Words,
        budget: &Budget,
    ) -> Result<Tagged, AnalysisError> {
        let doc = Document::new(tokens, sentences, (0..tokens.len()).map(|i| words.of(i).info).collect());
        let mut tagged = Tagged { labels: vec![Label::OUTSIDE; doc.len()], margins: vec![0.0; doc.len()] };
        let mut scratch = Scratch::default();
        let boundary = self.word_scores(None);
        for (k, stage) in self.stages().iter().enumerate() {
            let history = (k > 0).then(|| doc.history(tagged.labels.clone()));
            for (s, range) in doc.sentences().iter().enumerate() {
                budget.check_every(s, 256)?;
                scratch.scores.clear();
                let around = padded(&boundary, range.clone().map(|i| &words.of(i).scores));
                let windows = range.clone().zip(around.windows(PLACES.len()));
                scratch
                    .scores
                    .extend(windows.map(|(i, window)| self.emission(k, window, &doc, s, i, history.as_ref())));
                let transitions = stage.transitions();
                scratch.decoder.decode(&scratch.scores, transitions, &mut scratch.labels);
                let mut prev = None;
                for ((i, &label), row) in range.clone().zip(&scratch.labels).zip(&scratch.scores) {
                    tagged.labels[i] = label;
                    tagged.margins[i] = margin(row, transitions, prev, label) as f32 * stage.unit();
                    prev = Some(label);
                }
            }
        }
        Ok(tagged)
    }
}

/// The kept scores of a sentence's words, its ends padded with the
/// `boundary`'s, so that every word has a full window around it.
fn padded<'a>(boundary: &'a WordScores, words: impl Iterator<Item = &'a WordScores>) -> Vec<&'a WordScores> {
    let padding = [boundary; Place::Token as usize];
    padding.into_iter().chain(words).chain(padding).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::segment;

    #[test]
    fn labels_know_their_class() {
        assert_eq!((0..LABELS as u8).filter(|&l| Label(l).is_inside()).count(), CLASSES.len());
        assert_eq!(Label::begin(NerClass::Location).class(), Some(NerClass::Location));
        assert!(Label::inside(NerClass::Misc).is_inside() && !Label::begin(NerClass::Misc).is_inside());
        assert_eq!(Label::OUTSIDE.class(), None);
        assert!(!Label::inside(NerClass::Person).may_follow(Some(Label::begin(NerClass::Location))));
        assert!(Label::inside(NerClass::Person).may_follow(Some(Label::begin(NerClass::Person))));
        assert!(!Label::inside(NerClass::Person).may_follow(None));
    }

    #[test]
    fn known_words_are_scored_as_new_ones() {
        for t in ["Baku", "baku", "Baku", "AzerNews", "@AzerNewsAz", "Baku"] {
            let known = KNOWN.with_borrow_mut(|known| known.get(t, |t| MODEL.word(t)));
            assert_eq!(format!("{known:?}"), format!("{:?}", MODEL.word(t)));
        }
    }

    #[test]
    fn kept_word_scores_add_up_to_every_feature() {
        let tokens = ["Maria", "Zakharova", "visited", "New", "York", "on", "Monday", "."];
        let words: Vec<Word> = tokens.iter().map(|t| MODEL.word(t)).collect();
        let all = 0..tokens.len();
        let doc = Document::new(&tokens, std::slice::from_ref(&all), words.iter().map(|w| w.info).collect());
        let history = doc.history(vec![Label(1), Label(2), Label(0), Label(5), Label(6), Label(0), Label(0), Label(0)]);
        let boundary = MODEL.word_scores(None);
        let around = padded(&boundary, words.iter().map(|w| &w.scores));
        for (k, stage) in MODEL.stages().iter().enumerate() {
            let history = (k > 0).then_some(&history);
            for (i, window) in around.windows(PLACES.len()).enumerate() {
                let mut every = [0; LABELS];
                doc.features(0, i, history, |h| stage.add(h, &mut every));
                if doc.never_a_name(i) {
                    every[1..].fill(i32::MIN / 64);
                }
                assert_eq!(MODEL.emission(k, window, &doc, 0, i, history), every, "stage {k}, {}", tokens[i]);
            }
        }
    }

    /// A stray I- label opens a mention, as the CoNLL scorer reads it.
    #[test]
    fn mentions_from_labels() {
        let per = NerClass::Person;
        let labels = [Label::begin(per), Label::inside(per), Label::begin(per), Label::OUTSIDE, Label::inside(per)];
        assert_eq!(mentions(&labels), vec![(0..2, per), (2..3, per), (4..5, per)]);
    }

    #[test]
    fn viterbi_respects_bio() {
        let mut emissions = [[0; LABELS]; 2];
        emissions[0][usize::from(Label::begin(NerClass::Location).0)] = 5;
        emissions[1][usize::from(Label::inside(NerClass::Person).0)] = 4;
        emissions[1][usize::from(Label::inside(NerClass::Location).0)] = 3;
        let mut out: Vec<Label> = Vec::new();
        Decoder::default().decode(&emissions, &[[0; LABELS]; LABELS + 1], &mut out);
        assert_eq!(out, [Label::begin(NerClass::Location), Label::inside(NerClass::Location)]);
    }

    fn found(text: &str) -> Vec<(&str, NerClass)> {
        recognize(text, &segment(text), &Budget::default())
            .unwrap_or_default()
            .iter()
            .map(|r| (r.span.of(text), r.class))
            .collect()
    }

    #[test]
    fn the_embedded_model_loads_and_finds_names() {
        assert!(!MODEL.is_empty());
        let got = found("Russian Foreign Minister Sergei Lavrov met Egypt's president in Cairo on Monday.");
        assert!(got.contains(&("Sergei Lavrov", NerClass::Person)), "{got:?}");
        assert!(got.contains(&("Cairo", NerClass::Location)), "{got:?}");
        assert!(got.contains(&("Egypt", NerClass::Location)), "{got:?}");
    }

    #[test]
    fn confidences_are_probabilities() {
        let text = "Angela Merkel spoke in Berlin.";
        for r in recognize(text, &segment(text), &Budget::default()).unwrap_or_default() {
            assert!((0.0..=1.0).contains(&r.confidence));
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", " ", "\u{200b}", "A", "ÉCOLE ÉTÉ", "日本 東京", "'s", "--- ...", "U.S."] {
            found(text);
        }
    }
}
