//! Training: reads PolNeAR-style gold attributions, trains the cue tagger and
//! the source-and-content tagger, calibrates confidences on held-out
//! articles and writes the weight file. `examples/train_quotes.rs` is the
//! command line.
//!
//! The span tagger sees which tokens the cue tagger took for cues, and
//! learns to return nothing for a cue that reports nothing; both come from
//! cue tags made on articles the cue tagger did not train on (each fold of
//! the corpus tagged by a tagger trained on the other folds), as at run
//! time. The same folds give the calibration: the attributions that models
//! trained without an article find in it, each with its margins and whether
//! it is right. Shuffles use a fixed seed: the same corpus and options give
//! the same bytes.

use super::super::{attribution, marks};
use super::features::{Article, Cue, Origin};
use super::weights::{self, Weights};
use super::{Attribution, CUE_LABELS, EVIDENCE, Model, SPAN_LABELS};
use crate::analysis::perceptron::learn::{Learner, Prepared};
use crate::analysis::perceptron::{Decoder, FloatTable, Shuffle};
use crate::analysis::segment::{self, TokenKind};
use crate::analysis::text::Span;
use crate::analysis::{Budget, entities, logistic};
use serde::Deserialize;
use std::io::{self, BufRead, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// The folder holding `gold.jsonl` (`../shared/data/quotes/polnear-train`).
    pub data: PathBuf,
    pub out: PathBuf,
    /// Passes over the training data for each tagger.
    pub epochs: usize,
    /// Log2 of the rows of each weight table.
    pub bits: u8,
    /// Weights below this fraction of a table's largest are dropped from the file.
    pub prune: f32,
    /// Folds for the held-out cue tags and the calibration.
    pub folds: usize,
    pub seed: u64,
    /// Held-out gold files to report scores on after training; never trained on.
    pub dev: Vec<PathBuf>,
    /// Where to write the cross-validation: for each fold, the answers of
    /// the models trained without it for its articles (`fold-K.pred.jsonl`)
    /// and its gold lines (`fold-K.gold.jsonl`), for the kit's `score-quotes`.
    pub cv_out: Option<PathBuf>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            data: PathBuf::from("../shared/data/quotes/polnear-train"),
            out: PathBuf::from("models/quotes.bin"),
            epochs: 20,
            bits: 18,
            prune: 0.0005,
            folds: 5,
            seed: 0x1ede,
            dev: Vec::new(),
            cv_out: None,
        }
    }
}

/// Trains and writes the model; progress goes to `log`.
pub fn train(config: &TrainConfig, log: &mut dyn Write) -> io::Result<()> {
    let docs = read_gold(&config.data.join("gold.jsonl"))?;
    let attributions: usize = docs.iter().map(|d| d.gold.len()).sum();
    writeln!(log, "{}: {} articles, {attributions} attributions", config.data.display(), docs.len())?;
    if docs.len() < config.folds.max(2) {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "too few articles to train on"));
    }
    let trainer = Trainer { config, docs: &docs };
    let folds = config.folds.max(2);
    let fold_of = |d: usize| d % folds;
    // Cue tags of every article by a cue tagger that did not see it.
    let mut held_out_cues: Vec<Option<super::Cues>> = (0..docs.len()).map(|_| None).collect();
    let mut fold_cue_tables = Vec::new();
    for fold in 0..folds {
        let train: Vec<usize> = (0..docs.len()).filter(|&d| fold_of(d) != fold).collect();
        let table = trainer.cue_table(&train, log)?;
        let model = build(&table, &empty_spans(), &[]);
        for d in (0..docs.len()).filter(|&d| fold_of(d) == fold) {
            held_out_cues[d] = Some(model.cues(&docs[d].article, &Budget::default()).map_err(io::Error::other)?);
        }
        fold_cue_tables.push(table);
    }
    let held_out_cues: Vec<super::Cues> = held_out_cues.into_iter().flatten().collect();
    let samples: Vec<Vec<SpanSample>> =
        docs.iter().zip(&held_out_cues).map(|(doc, cues)| doc.span_samples(cues, config.bits)).collect();
    // Calibration, and the cross-validation: what each fold's models find in the fold's articles.
    let mut evidence: Vec<([f32; EVIDENCE], bool)> = Vec::new();
    if let Some(dir) = &config.cv_out {
        std::fs::create_dir_all(dir)?;
    }
    for (fold, cue_table) in fold_cue_tables.iter().enumerate() {
        let train: Vec<usize> = (0..docs.len()).filter(|&d| fold_of(d) != fold).collect();
        let spans = trainer.span_table(&samples, &train, log)?;
        let model = build(cue_table, &spans, &[]);
        let held_out: Vec<&Doc> = (0..docs.len()).filter(|&d| fold_of(d) == fold).map(|d| &docs[d]).collect();
        for doc in &held_out {
            for found in model.attribute(&doc.article, &Budget::default()).map_err(io::Error::other)?.attributions {
                let right = doc.is_right(&found);
                evidence.push((found.evidence, right));
            }
        }
        if let Some(dir) = &config.cv_out {
            let mut pred = io::BufWriter::new(std::fs::File::create(dir.join(format!("fold-{fold}.pred.jsonl")))?);
            let mut gold = io::BufWriter::new(std::fs::File::create(dir.join(format!("fold-{fold}.gold.jsonl")))?);
            for doc in &held_out {
                writeln!(pred, "{}", answer(&model, &doc.id, &doc.text)?)?;
                writeln!(gold, "{}", doc.line)?;
            }
            pred.flush()?;
            gold.flush()?;
        }
    }
    let calibration = calibrate(&evidence);
    let right = evidence.iter().filter(|e| e.1).count();
    writeln!(log, "held-out attributions: {} found, {right} right; calibration {calibration:?}", evidence.len())?;
    let all: Vec<usize> = (0..docs.len()).collect();
    let cues = trainer.cue_table(&all, log)?;
    let spans = trainer.span_table(&samples, &all, log)?;
    let bytes = weights::encode(&cues, &spans, &calibration, config.prune);
    std::fs::write(&config.out, &bytes)?;
    writeln!(log, "wrote {} ({} bytes)", config.out.display(), bytes.len())?;
    let model = Model { weights: Weights::parse(&bytes).expect("encoded weights parse") };
    for path in &config.dev {
        writeln!(log, "{}: {}", path.display(), report(&model, &read_gold(path)?)?)?;
    }
    Ok(())
}

/// Cue and attribution scores of `model` on gold articles, as text: cues
/// by token overlap; attributions matched as [`Doc::is_right`] counts.
fn report(model: &Model, docs: &[Doc]) -> io::Result<String> {
    let (mut gold_cues, mut found_cues, mut cue_hits, mut cue_found) = (0, 0, 0, 0);
    let (mut candidates, mut candidate_hits) = (0, 0);
    let mut counts = [[0usize; 3]; 2];
    for doc in docs {
        let cues = model.cues(&doc.article, &Budget::default()).map_err(io::Error::other)?;
        let tagged: Vec<&Range<usize>> =
            cues.cues.iter().filter(|c| c.origin == Origin::Tagged).map(|c| &c.range).collect();
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        gold_cues += doc.gold.len();
        found_cues += tagged.len();
        cue_hits += doc.gold.iter().filter(|g| tagged.iter().any(|c| overlaps(c, &g.cue))).count();
        cue_found += tagged.iter().filter(|c| doc.gold.iter().any(|g| overlaps(c, &g.cue))).count();
        candidates += cues.cues.len();
        candidate_hits += doc.gold.iter().filter(|g| cues.cues.iter().any(|c| overlaps(&c.range, &g.cue))).count();
        for found in model.attribute(&doc.article, &Budget::default()).map_err(io::Error::other)?.attributions {
            let quoted = usize::from(found.evidence[5] > 0.5);
            counts[quoted][1] += 1;
            counts[quoted][0] += usize::from(doc.is_right(&found));
        }
        for g in &doc.gold {
            counts[usize::from(g.quoted)][2] += 1;
        }
    }
    let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let prf = |[right, found, gold]: [usize; 3]| {
        let (p, r) = (ratio(right, found), ratio(right, gold));
        format!("P {p:.3} R {r:.3} F1 {:.3}", 2.0 * p * r / (p + r).max(1e-9))
    };
    Ok(format!(
        "cues P {:.3} R {:.3}; {candidates} candidates R {:.3}; quoted attributions {}; indirect {}",
        ratio(cue_found, found_cues),
        ratio(cue_hits, gold_cues),
        ratio(candidate_hits, gold_cues),
        prf(counts[1]),
        prf(counts[0])
    ))
}

/// Writes, for each request of a `docs.jsonl` (the evaluation kit's format),
/// the quotes the model in `weights` finds, as the service would answer
/// (proto3 JSON, code-point offsets), so that the kit's scorer can score a
/// model that is not compiled in.
pub fn predict(weights: &[u8], docs: &Path, out: &Path) -> io::Result<usize> {
    let model = Weights::parse(weights)
        .map(|weights| Model { weights })
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "not a quote model"))?;
    let reader = io::BufReader::new(std::fs::File::open(docs)?);
    let mut writer = io::BufWriter::new(std::fs::File::create(out)?);
    let mut count = 0;
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let request: Request = serde_json::from_str(&line).map_err(io::Error::other)?;
        writeln!(writer, "{}", answer(&model, &request.document.id, &request.document.content)?)?;
        count += 1;
    }
    writer.flush()?;
    Ok(count)
}

/// What the service would answer for `text` with `model`'s quotes.
fn answer(model: &Model, id: &str, text: &str) -> io::Result<serde_json::Value> {
    let unlimited = Budget::default();
    let seg = segment::segment(text);
    let found = entities::extract(text, &seg, None, &unlimited).map_err(io::Error::other)?;
    let quotes = super::super::extract_with(Some(model), text, &seg, &found, &unlimited).map_err(io::Error::other)?;
    let points = CodePoints::new(text);
    let span = |s: Span| serde_json::json!({ "begin": points.of(s.start), "end": points.of(s.end) });
    let of = |s: Option<Span>| s.map_or("", |s| s.of(text));
    let quotes: Vec<serde_json::Value> = quotes
        .iter()
        .map(|q| {
            serde_json::json!({
                "text": q.span.of(text),
                "span": span(q.span),
                "type": format!("QUOTE_TYPE_{}", format!("{:?}", q.kind).to_uppercase()),
                "speaker": of(q.speaker),
                "speakerSpan": q.speaker.map(span),
                "speakerName": q.speaker_name,
                "cue": of(q.cue),
                "cueSpan": q.cue.map(span),
                "confidence": q.confidence,
            })
        })
        .collect();
    Ok(serde_json::json!({ "documentId": id, "quotes": quotes }))
}

#[derive(Deserialize)]
struct Request {
    document: RequestDocument,
}

#[derive(Deserialize)]
struct RequestDocument {
    id: String,
    content: String,
}

/// Byte offset → code point offset.
struct CodePoints(Vec<(usize, usize)>);

impl CodePoints {
    fn new(text: &str) -> CodePoints {
        CodePoints(text.char_indices().enumerate().map(|(n, (b, _))| (b, n)).collect())
    }

    fn of(&self, byte: usize) -> usize {
        let k = self.0.partition_point(|&(b, _)| b < byte);
        self.0.get(k).map_or(self.0.len(), |&(_, n)| n)
    }
}

#[derive(Deserialize)]
struct GoldLine {
    id: String,
    text: String,
    attributions: Vec<GoldAttribution>,
}

/// Character (code point) ranges, as the gold file gives them.
#[derive(Deserialize)]
struct GoldAttribution {
    content: Vec<[usize; 2]>,
    source: Vec<[usize; 2]>,
    cue: Vec<[usize; 2]>,
}

/// One gold attribution in tokens.
struct Gold {
    cue: Range<usize>,
    source: Vec<Range<usize>>,
    content: Vec<Range<usize>>,
    quoted: bool,
}

impl Gold {
    /// The span labels of this attribution over `window`, the tokens of `cue` left outside.
    fn labels(&self, window: &Range<usize>, cue: &Range<usize>) -> Vec<u8> {
        let mut labels = vec![0u8; window.len()];
        for (pieces, begin) in [(&self.source, 1u8), (&self.content, 3u8)] {
            for piece in pieces {
                let mut first = true;
                for i in piece.start.max(window.start)..piece.end.min(window.end) {
                    if !cue.contains(&i) {
                        labels[i - window.start] = if first { begin } else { begin + 1 };
                        first = false;
                    }
                }
            }
        }
        labels
    }
}

/// A training article: its features and its gold attributions.
struct Doc {
    id: String,
    text: String,
    /// The gold line as read.
    line: String,
    article: Article,
    /// Per token: a word of the text, hashed, for matching contents (0 for punctuation).
    words: Vec<u64>,
    /// Per token: the gold cue label.
    cue_labels: Vec<u8>,
    gold: Vec<Gold>,
}

/// Double quote marks, as the scorer counts them.
fn holds_double_mark(s: &str) -> bool {
    s.contains(['"', '“', '”', '„', '‟', '«', '»']) || s.contains("''")
}

fn read_gold(path: &Path) -> io::Result<Vec<Doc>> {
    let reader = io::BufReader::new(std::fs::File::open(path)?);
    let mut docs = Vec::new();
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let gold: GoldLine = serde_json::from_str(&line).map_err(io::Error::other)?;
        docs.push(Doc::new(gold, line));
    }
    Ok(docs)
}

impl Doc {
    fn new(gold: GoldLine, line: String) -> Doc {
        let text = &gold.text;
        let seg = segment::segment(text);
        let regions = marks::regions(text, &seg);
        let found = entities::extract(text, &seg, None, &Budget::default()).unwrap_or_default();
        let rules = attribution::find(&attribution::Doc::new(text, &seg, &regions));
        let article = Article::new(text, &seg, &regions, &found, &rules);
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
        let byte = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
        // A token belongs to a span when its middle does.
        let tokens_of = |pieces: &[[usize; 2]]| -> Vec<Range<usize>> {
            pieces
                .iter()
                .filter_map(|&[b, e]| {
                    let span = Span::new(byte(b), byte(e));
                    let inside = |t: &segment::Token| {
                        let middle = (t.span.start + t.span.end) / 2;
                        span.start <= middle && middle < span.end.max(span.start + 1)
                    };
                    let first = seg.tokens.partition_point(|t| t.span.end <= span.start);
                    let mut range = first..first;
                    for (i, t) in seg.tokens.iter().enumerate().skip(first) {
                        if t.span.start >= span.end {
                            break;
                        }
                        if inside(t) {
                            if range.is_empty() {
                                range = i..i + 1;
                            } else {
                                range.end = i + 1;
                            }
                        }
                    }
                    (!range.is_empty()).then_some(range)
                })
                .collect()
        };
        let mut cue_labels = vec![0u8; seg.tokens.len()];
        let mut attributions = Vec::new();
        for a in &gold.attributions {
            let Some(cue) = tokens_of(&a.cue).into_iter().next() else { continue };
            let content = tokens_of(&a.content);
            if content.is_empty() {
                continue;
            }
            if cue_labels[cue.clone()].iter().all(|&l| l == 0) {
                cue_labels[cue.start] = 1;
                cue_labels[cue.start + 1..cue.end].fill(2);
            }
            let quoted = a.content.iter().any(|&[b, e]| holds_double_mark(&text[byte(b)..byte(e)]));
            attributions.push(Gold { cue, source: tokens_of(&a.source), content, quoted });
        }
        let words = seg
            .tokens
            .iter()
            .map(|t| match t.kind {
                TokenKind::Word | TokenKind::Number => crate::analysis::text::lowercase(t.span.of(text))
                    .bytes()
                    .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)),
                _ => 0,
            })
            .collect();
        Doc { id: gold.id, text: gold.text, line, article, words, cue_labels, gold: attributions }
    }

    /// The span tagger's training sequences, one per held-out cue
    /// candidate: the labels of the gold attribution whose cue it overlaps,
    /// or nothing to find; and one per gold cue no candidate covers.
    fn span_samples(&self, cues: &super::Cues, bits: u8) -> Vec<SpanSample> {
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        let mut samples = Vec::new();
        for cue in &cues.cues {
            let gold = self.gold.iter().find(|g| overlaps(&g.cue, &cue.range));
            let window = self.article.window(&cue.range);
            let labels = gold.map_or_else(|| vec![0u8; window.len()], |g| g.labels(&window, &cue.range));
            samples.push(SpanSample::new(&self.article, cue, window, labels, &cues.mask, bits));
        }
        for gold in self.gold.iter().filter(|g| !cues.cues.iter().any(|c| overlaps(&g.cue, &c.range))) {
            let cue = Cue { range: gold.cue.clone(), origin: Origin::Gold, margin: 0.0 };
            let window = self.article.window(&cue.range);
            let labels = gold.labels(&window, &cue.range);
            samples.push(SpanSample::new(&self.article, &cue, window, labels, &cues.mask, bits));
        }
        samples
    }

    /// Whether a found attribution matches a gold one as the scorer counts:
    /// half the content words shared (Jaccard), the same quotedness, and the
    /// source overlapping the gold source (or neither having one).
    fn is_right(&self, found: &Attribution) -> bool {
        let bag = |pieces: &[Range<usize>]| {
            let mut words: Vec<u64> =
                pieces.iter().flat_map(|r| r.clone()).map(|i| self.words[i]).filter(|&w| w != 0).collect();
            words.sort_unstable();
            words
        };
        let guess = bag(&found.content);
        let quoted = found.evidence[5] > 0.5;
        self.gold.iter().any(|g| {
            let speaker = match (&found.source, g.source.is_empty()) {
                (None, true) => true,
                (Some(s), false) => g.source.iter().any(|r| r.start < s.end && s.start < r.end),
                _ => false,
            };
            speaker && g.quoted == quoted && jaccard(&bag(&g.content), &guess) >= 0.5
        })
    }
}

/// Jaccard similarity of two sorted multisets.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 { 0.0 } else { shared as f64 / union as f64 }
}

/// One cue's window, its features and gold labels.
struct SpanSample {
    prepared: Prepared,
    labels: Vec<u8>,
    /// The cue's tokens, relative to the window: only outside.
    cue: Range<usize>,
}

impl SpanSample {
    fn new(article: &Article, cue: &Cue, window: Range<usize>, labels: Vec<u8>, mask: &[bool], bits: u8) -> Self {
        let mut per_token: Vec<Vec<u64>> = vec![Vec::new(); window.len()];
        article.span_features(cue, &window, mask, |t, h| per_token[t - window.start].push(h));
        let mut prepared = Prepared::new(bits);
        for features in per_token {
            features.into_iter().for_each(|h| prepared.push(h));
            prepared.end_token();
        }
        SpanSample { prepared, labels, cue: cue.range.start - window.start..cue.range.end - window.start }
    }
}

struct Trainer<'a> {
    config: &'a TrainConfig,
    docs: &'a [Doc],
}

impl Trainer<'_> {
    /// The cue tagger trained on the articles `subset`.
    fn cue_table(&self, subset: &[usize], log: &mut dyn Write) -> io::Result<FloatTable<CUE_LABELS>> {
        let bits = self.config.bits;
        let mut sequences: Vec<(Prepared, &[u8])> = Vec::new();
        for &d in subset {
            let doc = &self.docs[d];
            for (s, range) in doc.article.sentences.iter().enumerate() {
                let mut prepared = Prepared::new(bits);
                for i in range.clone() {
                    doc.article.cue_features(s, i, |h| prepared.push(h));
                    prepared.end_token();
                }
                sequences.push((prepared, &doc.cue_labels[range.clone()]));
            }
        }
        let items: Vec<(&Prepared, &[u8], Range<usize>)> = sequences.iter().map(|(p, l)| (p, *l, 0..0)).collect();
        self.perceptron("cues", &items, log)
    }

    /// The span tagger trained on the samples of the articles `subset`.
    fn span_table(
        &self,
        samples: &[Vec<SpanSample>],
        subset: &[usize],
        log: &mut dyn Write,
    ) -> io::Result<FloatTable<SPAN_LABELS>> {
        let items: Vec<(&Prepared, &[u8], Range<usize>)> = subset
            .iter()
            .flat_map(|&d| samples[d].iter())
            .map(|s| (&s.prepared, s.labels.as_slice(), s.cue.clone()))
            .collect();
        self.perceptron("spans", &items, log)
    }

    fn perceptron<const L: usize>(
        &self,
        name: &str,
        items: &[(&Prepared, &[u8], Range<usize>)],
        log: &mut dyn Write,
    ) -> io::Result<FloatTable<L>> {
        let mut learner = Learner::<L>::new(self.config.bits);
        let mut order: Vec<usize> = (0..items.len()).collect();
        let mut rng = Shuffle(self.config.seed ^ (L as u64).wrapping_mul(0x9e37_79b9));
        let (mut scores, mut guess, mut decoder) = (Vec::new(), Vec::new(), Decoder::default());
        for epoch in 1..=self.config.epochs {
            rng.shuffle(&mut order);
            let mut wrong = 0usize;
            for &k in &order {
                let (prepared, gold, forced_outside) = &items[k];
                let all = 0..prepared.len();
                learner.emissions(prepared, all.clone(), &mut scores);
                for row in &mut scores[forced_outside.clone()] {
                    row[1..].fill(i32::MIN / 64);
                }
                decoder.decode(&scores, learner.transitions(), &mut guess);
                if *gold != guess.as_slice() {
                    wrong += 1;
                    learner.update(prepared, all, gold, &guess);
                }
                learner.next_step();
            }
            writeln!(log, "{name} epoch {epoch}: {wrong} of {} sequences wrong", items.len())?;
        }
        Ok(learner.average())
    }
}

fn empty_spans() -> FloatTable<SPAN_LABELS> {
    FloatTable {
        bits: 10,
        weights: vec![0.0; (1 << 10) * SPAN_LABELS],
        transitions: vec![[0.0; SPAN_LABELS]; SPAN_LABELS + 1],
    }
}

/// A model from trained tables, quantized as the file will be.
fn build(cues: &FloatTable<CUE_LABELS>, spans: &FloatTable<SPAN_LABELS>, calibration: &[f32]) -> Model {
    let bytes = weights::encode(cues, spans, calibration, 0.0);
    Model { weights: Weights::parse(&bytes).expect("encoded weights parse") }
}

/// The calibration: a logistic regression of rightness on the evidence,
/// whose first value is the constant 1 and so carries the fit's bias.
fn calibrate(samples: &[([f32; EVIDENCE], bool)]) -> Vec<f32> {
    const L2: f64 = 1e-3;
    let rows: Vec<[f32; EVIDENCE]> = samples.iter().map(|s| s.0).collect();
    let labels: Vec<bool> = samples.iter().map(|s| s.1).collect();
    let fitted = logistic::fit(&rows, &labels, L2);
    let mut weights = fitted.weights.to_vec();
    weights[0] += fitted.bias;
    weights
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/quotes-tiny");

    fn config(out: PathBuf) -> TrainConfig {
        TrainConfig { data: PathBuf::from(TINY), out, epochs: 6, bits: 12, folds: 2, ..TrainConfig::default() }
    }

    #[test]
    fn a_tiny_corpus_trains_the_same_bytes_twice_and_its_model_finds_its_quotes() {
        let dir = std::env::temp_dir().join(format!("lede-quotes-train-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (first, second) = (config(dir.join("a.bin")), config(dir.join("b.bin")));
        let first = TrainConfig { cv_out: Some(dir.join("cv")), ..first };
        let mut log = Vec::new();
        train(&first, &mut log).expect("trains");
        train(&second, &mut log).expect("trains again");
        let bytes = std::fs::read(&first.out).expect("model written");
        assert_eq!(bytes, std::fs::read(&second.out).expect("model written"), "training is not deterministic");
        assert!(String::from_utf8_lossy(&log).contains("6 articles, 6 attributions"));
        // The cross-validation answers each article once, by the fold's models, beside its gold line.
        let ids = |name: String, key: &str| -> Vec<String> {
            let text = std::fs::read_to_string(dir.join("cv").join(name)).expect("cross-validation written");
            text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON")[key].to_string()).collect()
        };
        let mut answered = Vec::new();
        for fold in 0..2 {
            let pred = ids(format!("fold-{fold}.pred.jsonl"), "documentId");
            assert_eq!(pred, ids(format!("fold-{fold}.gold.jsonl"), "id"));
            answered.extend(pred);
        }
        answered.sort();
        assert_eq!(answered, (0..6).map(|k| format!("\"tiny-{k}\"")).collect::<Vec<_>>());

        let pred = dir.join("pred.jsonl");
        assert_eq!(predict(&bytes, &Path::new(TINY).join("docs.jsonl"), &pred).expect("predicts"), 6);
        let answers: Vec<serde_json::Value> = std::fs::read_to_string(&pred)
            .expect("predictions written")
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect();
        let speakers: Vec<&str> = answers
            .iter()
            .flat_map(|a| a["quotes"].as_array().into_iter().flatten())
            .filter_map(|q| q["speaker"].as_str())
            .collect();
        // Six articles teach a model little (it answers "Cole said" for "Senator Ann Cole");
        // still, most of the speakers it learned from are found again.
        let gold =
            ["Senator Ann Cole", "Mayor Tim Ross", "the city council", "Laura Kim, a union leader", "The governor"];
        let found = gold.iter().filter(|s| speakers.contains(s)).count();
        assert!(found >= 3, "{speakers:?}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn jaccard_counts_shared_words_over_all_words() {
        assert_eq!(jaccard(&[1, 2, 2, 3], &[2, 2, 4]), 0.4);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }

    #[test]
    fn the_calibration_separates_what_the_evidence_separates() {
        let mut samples = Vec::new();
        for k in 0..200 {
            let margin = (k % 20) as f32;
            let mut evidence = [0.0; EVIDENCE];
            evidence[0] = 1.0;
            evidence[1] = margin;
            samples.push((evidence, margin >= 10.0 || k % 7 == 0));
        }
        let w = calibrate(&samples);
        let p = |margin: f32| {
            let mut evidence = [0.0; EVIDENCE];
            evidence[0] = 1.0;
            evidence[1] = margin;
            super::super::calibrated(&w, &evidence)
        };
        assert!(p(18.0) > 0.9 && p(1.0) < 0.3, "{w:?}");
    }

    #[test]
    fn code_points_count_characters() {
        let points = CodePoints::new("aé“b”");
        assert_eq!([0, 1, 3, 6, 7, 10].map(|b| points.of(b)), [0, 1, 2, 3, 4, 5]);
    }
}
