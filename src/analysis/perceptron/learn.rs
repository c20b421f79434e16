//! The averaged perceptron both taggers are trained with (Collins 2002):
//! after each sequence it gets wrong, the features of each mislabelled
//! token gain weight for the gold label and lose it for the guess, and the
//! weights kept are the average over every step, which generalizes far
//! better than the last ones.

use super::{Bio, FloatTable};
use std::ops::Range;

/// The features of a sequence's tokens, as rows of a weight table of `2^bits` rows.
pub struct Prepared {
    /// Where each token's features start in `features`; one more entry than tokens.
    offsets: Vec<u32>,
    features: Vec<u32>,
    bits: u8,
}

impl Prepared {
    pub fn new(bits: u8) -> Self {
        Prepared { offsets: vec![0], features: Vec::new(), bits }
    }

    /// Adds the feature with hash `h` to the last token begun.
    pub fn push(&mut self, h: u64) {
        self.features.push((h >> (64 - u32::from(self.bits))) as u32);
    }

    /// Ends a token: the features pushed since the last call are its own.
    pub fn end_token(&mut self) {
        self.offsets.push(self.features.len() as u32);
    }

    pub fn of(&self, i: usize) -> &[u32] {
        &self.features[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }
}

/// An averaged perceptron over `L` labels: current weights, and the
/// running sums that give the average without touching every weight at
/// every step.
pub struct Learner<const L: usize> {
    bits: u8,
    weights: Vec<i32>,
    sums: Vec<i64>,
    transitions: Vec<[i32; L]>,
    transition_sums: Vec<[i64; L]>,
    step: i64,
}

impl<const L: usize> Learner<L> {
    pub fn new(bits: u8) -> Self {
        let size = (1usize << bits) * L;
        Learner {
            bits,
            weights: vec![0; size],
            sums: vec![0; size],
            transitions: vec![[0; L]; L + 1],
            transition_sums: vec![[0; L]; L + 1],
            step: 1,
        }
    }

    /// The current scores of each label for the tokens `range` of `prepared`.
    pub fn emissions(&self, prepared: &Prepared, range: Range<usize>, out: &mut Vec<[i32; L]>) {
        out.clear();
        for i in range {
            let mut row = [0i32; L];
            for &f in prepared.of(i) {
                let at = f as usize * L;
                for (score, &w) in row.iter_mut().zip(&self.weights[at..at + L]) {
                    *score += w;
                }
            }
            out.push(row);
        }
    }

    /// As [`super::Table::transitions`].
    pub fn transitions(&self) -> &[[i32; L]] {
        &self.transitions
    }

    /// Moves the weights from `guess` towards `gold` for the tokens `range`.
    pub fn update<T: Bio>(&mut self, prepared: &Prepared, range: Range<usize>, gold: &[T], guess: &[T]) {
        let mut prev: Option<(u8, u8)> = None;
        for ((i, &g), &p) in range.zip(gold).zip(guess) {
            let (g, p) = (g.index(), p.index());
            if g != p {
                for &f in prepared.of(i) {
                    let at = f as usize * L;
                    self.bump(at + usize::from(g), 1);
                    self.bump(at + usize::from(p), -1);
                }
            }
            let from = |l: Option<u8>| l.map_or(0, |l| usize::from(l) + 1);
            let (gold_prev, guess_prev) = (prev.map(|x| x.0), prev.map(|x| x.1));
            if (gold_prev, g) != (guess_prev, p) {
                self.bump_transition(from(gold_prev), g, 1);
                self.bump_transition(from(guess_prev), p, -1);
            }
            prev = Some((g, p));
        }
    }

    /// Ends a sequence: the averages count one more step.
    pub fn next_step(&mut self) {
        self.step += 1;
    }

    fn bump(&mut self, at: usize, delta: i32) {
        self.weights[at] += delta;
        self.sums[at] += self.step * i64::from(delta);
    }

    fn bump_transition(&mut self, from: usize, to: u8, delta: i32) {
        self.transitions[from][usize::from(to)] += delta;
        self.transition_sums[from][usize::from(to)] += self.step * i64::from(delta);
    }

    /// The averaged weights.
    pub fn average(&self) -> FloatTable<L> {
        let step = self.step as f64;
        let avg = |w: i32, sum: i64| (f64::from(w) - sum as f64 / step) as f32;
        let weights = self.weights.iter().zip(&self.sums).map(|(&w, &s)| avg(w, s)).collect();
        let transitions = self
            .transitions
            .iter()
            .zip(&self.transition_sums)
            .map(|(w, s)| std::array::from_fn(|l| avg(w[l], s[l])))
            .collect();
        FloatTable { bits: self.bits, weights, transitions }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Decoder, MIN_BITS};
    use super::*;

    /// Two features, each seen with one label: a few passes learn both,
    /// and the average keeps what the last passes agree on.
    #[test]
    fn learns_a_separable_sequence() {
        const L: usize = 3;
        let shift = 64 - u32::from(MIN_BITS);
        let mut prepared = Prepared::new(MIN_BITS);
        for h in [1u64, 2, 2, 1] {
            prepared.push(h << shift);
            prepared.end_token();
        }
        let gold: [u8; 4] = [0, 1, 2, 0];
        let mut learner = Learner::<L>::new(MIN_BITS);
        let (mut scores, mut guess, mut decoder) = (Vec::new(), Vec::new(), Decoder::default());
        for _ in 0..5 {
            learner.emissions(&prepared, 0..prepared.len(), &mut scores);
            decoder.decode(&scores, learner.transitions(), &mut guess);
            if guess != gold {
                learner.update(&prepared, 0..prepared.len(), &gold, &guess);
            }
            learner.next_step();
        }
        assert_eq!(guess, gold);
        let table = learner.average();
        assert_eq!(table.weights.len(), (1 << MIN_BITS) * L);
        assert!(table.weights[2 * L + 1] > table.weights[2 * L]);
    }
}
