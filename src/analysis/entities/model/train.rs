//! Training: reads CoNLL-style corpora, trains the two perceptron stages and
//! writes the weight file. `examples/train_ner.rs` is the command line.
//!
//! The second stage learns from what the first predicts on text it has not
//! seen: each fifth of the training documents is tagged by a first stage
//! trained on the other four fifths (jackknifing), so the second stage learns
//! how far to trust first-stage guesses made on new text. Shuffles use a fixed
//! seed: the same corpora and options give the same weights.

use super::features::{Document, History, describe};
use super::weights::{self, FloatStage, Model};
use super::{CLASSES, LABELS, Label, NerClass, Word, Words, mentions};
use crate::analysis::perceptron::learn::{Learner, Prepared};
use crate::analysis::perceptron::{Decoder, Shuffle};
use crate::analysis::{Budget, lexicon};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// The folder of the corpora (`../shared/data/ner`).
    pub data: PathBuf,
    /// Corpus files in `data` to train on.
    pub corpora: Vec<String>,
    /// Held-out files to report scores on after each epoch; never trained on.
    pub dev: Vec<PathBuf>,
    pub out: PathBuf,
    pub epochs: usize,
    /// Stages: 1, or 2 for the document-consistency stage.
    pub stages: usize,
    /// Log2 of the rows of each weight table.
    pub bits: u8,
    /// Weights below this fraction of the largest are dropped from the file.
    pub prune: f32,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            data: PathBuf::from("../shared/data/ner"),
            corpora: ["conllpp_train.txt", "wikigold.conll.txt", "wnut17train.conll", "btc_h.conll"]
                .map(String::from)
                .to_vec(),
            dev: Vec::new(),
            out: PathBuf::from("models/ner.bin"),
            epochs: 8,
            stages: 2,
            bits: 17,
            prune: 0.0005,
            seed: 0x1ede,
        }
    }
}

/// Trains and writes the model; progress and dev scores go to `log`.
pub fn train(config: &TrainConfig, log: &mut dyn Write) -> io::Result<()> {
    let mut docs = Vec::new();
    for name in &config.corpora {
        let corpus = read_corpus(&config.data.join(name))?;
        writeln!(
            log,
            "{name}: {} documents, {} tokens",
            corpus.len(),
            corpus.iter().map(|d| d.labels.len()).sum::<usize>()
        )?;
        docs.extend(corpus);
    }
    let mut rng = Shuffle(config.seed);
    for doc in &mut docs {
        doc.add_headlines(&mut rng);
    }
    let dev = config.dev.iter().map(|p| read_corpus(p)).collect::<io::Result<Vec<_>>>()?;
    let trainer = Trainer { config, docs: &docs, dev: &dev };
    let first = trainer.stage(&[], &all_docs(&docs), None, log)?;
    let mut stages = vec![first];
    if config.stages > 1 {
        let guesses = trainer.jackknife(log)?;
        let second = trainer.stage(&stages, &all_docs(&docs), Some(&guesses), log)?;
        stages.push(second);
    }
    let bytes = weights::encode(&stages, config.prune);
    std::fs::write(&config.out, &bytes)?;
    writeln!(log, "wrote {} ({} bytes)", config.out.display(), bytes.len())?;
    Ok(())
}

/// One training or dev document, tokenized, with gold labels.
#[derive(Default)]
struct Sample {
    tokens: Vec<String>,
    sentences: Vec<Range<usize>>,
    labels: Vec<Label>,
}

impl Sample {
    /// Ends the sentence being read, if it has tokens.
    fn close_sentence(&mut self) {
        let start = self.sentences.last().map_or(0, |r| r.end);
        if self.tokens.len() > start {
            self.sentences.push(start..self.tokens.len());
        }
    }

    /// Moves the document read so far, if any, to `docs`.
    fn close_into(&mut self, docs: &mut Vec<Sample>) {
        if !self.sentences.is_empty() {
            docs.push(std::mem::take(self));
        }
    }

    fn document(&self) -> Document {
        let tokens: Vec<&str> = self.tokens.iter().map(String::as_str).collect();
        Document::new(&tokens, &self.sentences, tokens.iter().map(|t| describe(t)).collect())
    }

    /// The labels `model` gives the tokens.
    fn tagged_by(&self, model: &Model) -> Vec<Label> {
        let tokens: Vec<&str> = self.tokens.iter().map(String::as_str).collect();
        let distinct: Vec<Word> = tokens.iter().map(|t| model.word(t)).collect();
        let of_token: Vec<u32> = (0..).take(distinct.len()).collect();
        let words = Words { distinct: &distinct, of_token: &of_token };
        // Training has no caller waiting: its budget never runs out.
        model.tag(&tokens, &self.sentences, &words, &Budget::default()).map(|t| t.labels).unwrap_or_default()
    }
}

impl Sample {
    /// Appends an all-capitals copy and a title-case copy of two of the
    /// document's sentences, so that the model meets headline casing with
    /// the rest of the document around it.
    fn add_headlines(&mut self, rng: &mut Shuffle) {
        let long: Vec<Range<usize>> = self.sentences.iter().filter(|r| r.len() >= 5).cloned().collect();
        if long.is_empty() {
            return;
        }
        for style in [str::to_uppercase as fn(&str) -> String, title_case] {
            let range = long[(rng.next() % long.len() as u64) as usize].clone();
            let start = self.tokens.len();
            for i in range {
                self.tokens.push(style(&self.tokens[i]));
                self.labels.push(self.labels[i]);
            }
            self.sentences.push(start..self.tokens.len());
        }
    }
}

/// A word as a title-case headline writes it: capitalized, except short function words.
fn title_case(word: &str) -> String {
    static SMALL: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("title_small_words"));
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if !SMALL.contains(&word) => first.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    }
}

fn all_docs(docs: &[Sample]) -> Vec<usize> {
    (0..docs.len()).collect()
}

/// Reads a CoNLL-style file: a token first and its tag last on each line
/// (or the UNER layout, with `# key = value` comment lines),
/// blank lines between sentences, `-DOCSTART-` between documents (a file
/// without them, such as tweets, is one document per sentence). IOB1 tags
/// are repaired to IOB2.
fn read_corpus(path: &Path) -> io::Result<Vec<Sample>> {
    let text = std::fs::read_to_string(path)?;
    let marked = text.contains("-DOCSTART-");
    let mut docs = Vec::new();
    let mut doc = Sample::default();
    for line in text.lines().chain(std::iter::once("")) {
        if line.starts_with("# ") && line.contains(" = ") {
            continue;
        }
        let fields = columns(line);
        let (Some(&token), Some(&tag)) = (fields.first(), fields.last()) else {
            doc.close_sentence();
            if !marked {
                doc.close_into(&mut docs);
            }
            continue;
        };
        if token == "-DOCSTART-" {
            doc.close_sentence();
            doc.close_into(&mut docs);
            continue;
        }
        let sentence_start = doc.sentences.last().map_or(0, |r| r.end);
        let prev = doc.labels.last().copied().filter(|_| doc.tokens.len() > sentence_start);
        doc.tokens.push(token.to_string());
        doc.labels.push(parse_tag(tag, prev));
    }
    doc.close_sentence();
    doc.close_into(&mut docs);
    Ok(docs)
}

/// The token and the tag of a line: the first and last column, or in the
/// UNER layout (`id token tag - annotator`) the second and third.
fn columns(line: &str) -> Vec<&str> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    match fields.as_slice() {
        [id, token, tag, ..] if fields.len() >= 4 && id.parse::<u32>().is_ok() && line.contains('\t') => {
            vec![token, tag]
        }
        _ => fields,
    }
}

/// A tag such as `B-PER`, `I-corporation` or `O`, given the label before it.
fn parse_tag(tag: &str, prev: Option<Label>) -> Label {
    let (inside, name) = match tag.split_once('-') {
        Some(("B", name)) => (false, name),
        Some(("I", name)) => (true, name),
        _ => return Label::OUTSIDE,
    };
    let class = match name {
        "PER" | "person" => NerClass::Person,
        "ORG" | "corporation" | "group" => NerClass::Organization,
        "LOC" | "location" => NerClass::Location,
        "MISC" | "product" | "creative-work" => NerClass::Misc,
        _ => return Label::OUTSIDE,
    };
    let label = Label::inside(class);
    if inside && label.may_follow(prev) { label } else { Label::begin(class) }
}

/// The features of every token of a document; tokens outside every
/// sentence have none.
fn prepare(doc: &Document, history: Option<&History>, bits: u8) -> Prepared {
    let mut prepared = Prepared::new(bits);
    let mut next = 0;
    for (s, range) in doc.sentences().iter().enumerate() {
        (next..range.start).for_each(|_| prepared.end_token());
        for i in range.clone() {
            doc.features(s, i, history, |h| prepared.push(h));
            prepared.end_token();
        }
        next = range.end;
    }
    (next..doc.len()).for_each(|_| prepared.end_token());
    prepared
}

struct Trainer<'a> {
    config: &'a TrainConfig,
    docs: &'a [Sample],
    dev: &'a [Vec<Sample>],
}

impl Trainer<'_> {
    /// Trains the stage after `before` on the documents `subset`; `guesses`
    /// are the previous stage's labels for every training document.
    fn stage(
        &self,
        before: &[FloatStage],
        subset: &[usize],
        guesses: Option<&[Vec<Label>]>,
        log: &mut dyn Write,
    ) -> io::Result<FloatStage> {
        let bits = self.config.bits;
        let prepared: Vec<Prepared> = subset
            .iter()
            .map(|&d| {
                let doc = self.docs[d].document();
                let history = guesses.map(|g| doc.history(g[d].clone()));
                prepare(&doc, history.as_ref(), bits)
            })
            .collect();
        let mut order: Vec<(usize, usize)> = subset
            .iter()
            .enumerate()
            .flat_map(|(k, &d)| (0..self.docs[d].sentences.len()).map(move |s| (k, s)))
            .collect();
        let mut rng = Shuffle(self.config.seed ^ (before.len() as u64 + 1).wrapping_mul(0x9e37_79b9));
        let mut learner = Learner::<LABELS>::new(bits);
        let (mut scores, mut guess, mut decoder) = (Vec::new(), Vec::new(), Decoder::default());
        for epoch in 1..=self.config.epochs {
            rng.shuffle(&mut order);
            let mut wrong = 0usize;
            for &(k, s) in &order {
                let sample = &self.docs[subset[k]];
                let range = sample.sentences[s].clone();
                learner.emissions(&prepared[k], range.clone(), &mut scores);
                decoder.decode(&scores, learner.transitions(), &mut guess);
                let gold = &sample.labels[range.clone()];
                if gold != guess.as_slice() {
                    wrong += 1;
                    learner.update(&prepared[k], range, gold, &guess);
                }
                learner.next_step();
            }
            write!(log, "stage {} epoch {epoch}: {wrong} of {} sentences wrong", before.len() + 1, order.len())?;
            if !self.dev.is_empty() && (guesses.is_some() || subset.len() == self.docs.len()) {
                let mut stages: Vec<&FloatStage> = before.iter().collect();
                let current = learner.average();
                stages.push(&current);
                for dev in self.dev {
                    write!(log, "; dev {}", evaluate(&stages, dev, self.config.prune))?;
                }
            }
            writeln!(log)?;
        }
        Ok(learner.average())
    }

    /// First-stage labels for every training document, each from a model
    /// trained without that document's fifth of the corpus.
    fn jackknife(&self, log: &mut dyn Write) -> io::Result<Vec<Vec<Label>>> {
        const FOLDS: usize = 5;
        let mut guesses = vec![Vec::new(); self.docs.len()];
        let quiet = Trainer { dev: &[], ..*self };
        for fold in 0..FOLDS {
            let train: Vec<usize> = (0..self.docs.len()).filter(|d| d % FOLDS != fold).collect();
            writeln!(log, "jackknife fold {} of {FOLDS}", fold + 1)?;
            let stage = quiet.stage(&[], &train, None, log)?;
            let model = build(&[&stage], self.config.prune);
            for d in (0..self.docs.len()).filter(|d| d % FOLDS == fold) {
                guesses[d] = self.docs[d].tagged_by(&model);
            }
        }
        Ok(guesses)
    }
}

fn build(stages: &[&FloatStage], prune: f32) -> Model {
    let owned: Vec<FloatStage> = stages
        .iter()
        .map(|s| FloatStage { bits: s.bits, weights: s.weights.clone(), transitions: s.transitions.clone() })
        .collect();
    Model::parse(&weights::encode(&owned, prune)).unwrap_or_default()
}

/// Per-class and overall mention F1 of `stages` on `dev`, as text.
fn evaluate(stages: &[&FloatStage], dev: &[Sample], prune: f32) -> String {
    let model = build(stages, prune);
    let mut counts = [[0usize; 3]; 4];
    for sample in dev {
        let gold = mentions(&sample.labels);
        let guess = mentions(&sample.tagged_by(&model));
        for (range, class) in &guess {
            let hit = gold.iter().any(|(r, c)| r == range && c == class);
            counts[usize::from(Label::begin(*class).class_slot() - 1)][usize::from(!hit)] += 1;
        }
        for (range, class) in &gold {
            if !guess.iter().any(|(r, c)| r == range && c == class) {
                counts[usize::from(Label::begin(*class).class_slot() - 1)][2] += 1;
            }
        }
    }
    let f1 = |[tp, fp, fn_]: [usize; 3]| 2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64;
    let pol = (0..3).fold([0; 3], |acc, c| std::array::from_fn(|k| acc[k] + counts[c][k]));
    let per_class: Vec<String> = CLASSES.iter().zip(&counts).map(|(c, &n)| format!("{c:?} {:.4}", f1(n))).collect();
    format!("PER/ORG/LOC {:.4} ({})", f1(pol), per_class.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_copies_keep_their_labels() {
        let mut sample = Sample {
            tokens: "Maria Zakharova spoke in Moscow on Friday".split(' ').map(String::from).collect(),
            sentences: std::iter::once(0..7).collect(),
            labels: vec![Label(1), Label(2), Label(0), Label(0), Label(5), Label(0), Label(0)],
        };
        sample.add_headlines(&mut Shuffle(7));
        assert_eq!(sample.sentences, [0..7, 7..14, 14..21]);
        assert_eq!(sample.tokens[7..9], ["MARIA", "ZAKHAROVA"]);
        assert_eq!(sample.tokens[14..21].join(" "), "Maria Zakharova Spoke in Moscow on Friday");
        assert_eq!(sample.labels[14..], sample.labels[..7]);
    }

    #[test]
    fn tags_are_repaired_to_iob2() {
        let per = NerClass::Person;
        assert_eq!(parse_tag("I-PER", None), Label::begin(per));
        assert_eq!(parse_tag("I-PER", Some(Label::begin(per))), Label::inside(per));
        assert_eq!(parse_tag("I-PER", Some(Label::inside(NerClass::Location))), Label::begin(per));
        assert_eq!(parse_tag("B-corporation", None), Label::begin(NerClass::Organization));
        assert_eq!(parse_tag("O", None), Label::OUTSIDE);
        assert_eq!(parse_tag("B-unknown", None), Label::OUTSIDE);
    }

    #[test]
    fn a_tiny_corpus_trains_and_tags() {
        let dir = std::env::temp_dir().join(format!("lede-ner-train-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        // No blank line before the next -DOCSTART-: the sentence still ends there.
        let corpus =
            "-DOCSTART- O\n\nJohn B-PER\nlives O\nin O\nParis B-LOC\n. O\n\nMary B-PER\nvisited O\nRome B-LOC\n. O\n";
        std::fs::write(dir.join("tiny.txt"), corpus.repeat(3)).expect("write corpus");
        let config = TrainConfig {
            data: dir.clone(),
            corpora: vec!["tiny.txt".into()],
            out: dir.join("tiny.bin"),
            epochs: 6,
            bits: 12,
            ..TrainConfig::default()
        };
        let mut log = Vec::new();
        train(&config, &mut log).expect("trains");
        let model = Model::parse(&std::fs::read(&config.out).expect("model written")).expect("parses");
        let sample = &read_corpus(&dir.join("tiny.txt")).expect("reads")[0];
        assert_eq!(sample.tagged_by(&model), sample.labels);
        std::fs::remove_dir_all(&dir).ok();
    }
}
