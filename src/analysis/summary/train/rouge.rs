//! ROUGE-1 and ROUGE-2 as the evaluation kit counts them (rouge-score 0.1.2:
//! lower case, every run of characters other than ASCII letters and digits a
//! separator, words longer than three letters stemmed), and the greedy oracle
//! that turns an article and its highlights into sentence labels.
//!
//! Stems come from the Snowball English stemmer rather than rouge-score's
//! original Porter: the two differ on few words, and only the labels and the
//! quick figures printed while training depend on it; reported figures come
//! from the kit's own scorer.

use crate::analysis::text::FastMap;
use rust_stemmers::{Algorithm, Stemmer};

/// The unigram and bigram counts of a text.
#[derive(Clone, Debug, Default)]
pub(super) struct Grams {
    counts: [FastMap<u64, u32>; 2],
    totals: [u32; 2],
}

impl Grams {
    /// Adds another text's counts.
    fn add(&mut self, other: &Grams) {
        for n in 0..2 {
            for (&g, &c) in &other.counts[n] {
                *self.counts[n].entry(g).or_default() += c;
            }
            self.totals[n] += other.totals[n];
        }
    }

    /// How many of `reference`'s n-grams (n = 1, 2) these counts match,
    /// each counted at most as often as the reference has it.
    fn overlap(&self, reference: &Grams) -> [u32; 2] {
        [0, 1]
            .map(|n| self.counts[n].iter().map(|(g, &c)| c.min(reference.counts[n].get(g).copied().unwrap_or(0))).sum())
    }

    /// How many more matches adding `extra` to these counts would give.
    fn gain(&self, extra: &Grams, reference: &Grams) -> [u32; 2] {
        [0, 1].map(|n| {
            extra.counts[n]
                .iter()
                .map(|(g, &c)| {
                    let wanted = reference.counts[n].get(g).copied().unwrap_or(0);
                    let have = self.counts[n].get(g).copied().unwrap_or(0);
                    (have + c).min(wanted) - have.min(wanted)
                })
                .sum()
        })
    }
}

/// Turns texts into [`Grams`], with word ids shared across the texts of one
/// article and its reference.
pub(super) struct Counter {
    stemmer: Stemmer,
    ids: FastMap<String, u32>,
}

impl Default for Counter {
    fn default() -> Self {
        Self { stemmer: Stemmer::create(Algorithm::English), ids: FastMap::default() }
    }
}

impl Counter {
    pub fn grams(&mut self, text: &str) -> Grams {
        let lower = text.to_lowercase();
        let words: Vec<u32> = lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let stem = if w.len() > 3 { self.stemmer.stem(w).into_owned() } else { w.to_string() };
                let next = self.ids.len() as u32;
                *self.ids.entry(stem).or_insert(next)
            })
            .collect();
        let mut grams = Grams::default();
        for &w in &words {
            *grams.counts[0].entry(u64::from(w)).or_default() += 1;
        }
        for pair in words.windows(2) {
            *grams.counts[1].entry(u64::from(pair[0]) << 32 | u64::from(pair[1])).or_default() += 1;
        }
        grams.totals = [words.len() as u32, words.len().saturating_sub(1) as u32];
        grams
    }
}

/// ROUGE-1 and ROUGE-2 F-measures of a summary against a reference, in [0, 1].
pub(super) fn f_measures(summary: &Grams, reference: &Grams) -> [f32; 2] {
    let overlap = summary.overlap(reference);
    [0, 1].map(|n| f_measure(overlap[n], summary.totals[n], reference.totals[n]))
}

fn f_measure(overlap: u32, predicted: u32, wanted: u32) -> f32 {
    if overlap == 0 {
        return 0.0;
    }
    let (p, r) = (overlap as f32 / predicted as f32, overlap as f32 / wanted as f32);
    2.0 * p * r / (p + r)
}

/// The sentences a summary of at most `max` sentences covering `reference`
/// best would take, found greedily: each step adds the candidate that most
/// raises ROUGE-1 + ROUGE-2 F, and the search stops when none raises it.
/// Sorted.
pub(super) fn oracle(candidates: &[(usize, Grams)], reference: &Grams, max: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut summary = Grams::default();
    let mut matched = [0u32; 2];
    let mut best_score = 0.0;
    while chosen.len() < max {
        let score = |gain: [u32; 2], grams: &Grams| -> f32 {
            (0..2)
                .map(|n| f_measure(matched[n] + gain[n], summary.totals[n] + grams.totals[n], reference.totals[n]))
                .sum()
        };
        let best = candidates
            .iter()
            .enumerate()
            .filter(|(i, _)| !chosen.contains(i))
            .map(|(i, (_, grams))| {
                let gain = summary.gain(grams, reference);
                (i, score(gain, grams), gain)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((i, s, gain)) if s > best_score => {
                best_score = s;
                matched = [matched[0] + gain[0], matched[1] + gain[1]];
                summary.add(&candidates[i].1);
                chosen.push(i);
            }
            _ => break,
        }
    }
    let mut sentences: Vec<usize> = chosen.into_iter().map(|i| candidates[i].0).collect();
    sentences.sort_unstable();
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_the_kit_does() {
        let mut counter = Counter::default();
        let summary = counter.grams("The ministers' TALKS resumed (again).");
        let reference = counter.grams("talks resume again");
        // the minist talk resum again / talk resum again: 3 of 5 and 3 of 3 unigrams.
        let [r1, r2] = f_measures(&summary, &reference);
        assert!((r1 - 0.75).abs() < 1e-6, "{r1}");
        // talk resum, resum again: 2 of 4 and 2 of 2 bigrams.
        assert!((r2 - 2.0 / 3.0).abs() < 1e-6, "{r2}");
        assert_eq!(f_measures(&counter.grams(""), &reference), [0.0, 0.0]);
    }

    #[test]
    fn the_oracle_adds_sentences_while_they_help() {
        let mut counter = Counter::default();
        let reference = counter.grams("fishing talks stalled on tuesday . fishermen protested the quotas");
        let sentences = [
            "the weather was fine",
            "fishing talks stalled on tuesday in the harbour",
            "restaurants were busy",
            "fishermen protested the quotas last year",
            "talks stalled",
        ];
        let candidates: Vec<(usize, Grams)> =
            sentences.iter().enumerate().map(|(i, s)| (i * 10, counter.grams(s))).collect();
        assert_eq!(oracle(&candidates, &reference, 3), [10, 30]);
        assert_eq!(oracle(&candidates, &reference, 1), [10]);
        assert!(oracle(&candidates[2..3], &reference, 3).is_empty());
    }
}
