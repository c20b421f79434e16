//! What Lede's two trained taggers (entities, quotes) share: a weight table
//! of `2^bits` rows of one i16 per label, addressed by the top bits of a
//! feature hash, with the label transition scores; its on-disk form; Viterbi
//! decoding under the BIO constraint, both taggers' label coding; and, in
//! [`learn`], the averaged perceptron that trains them.
//!
//! On disk only the rows that are not all zero are stored, after a bitmap
//! that says which they are, so a file stays small while a lookup at run
//! time stays a shift and an index into one dense table. A table's layout
//! (little-endian): bits (u8), the float value of one quantum (f32),
//! `(L + 1) * L` transitions (i16), the row bitmap (`2^bits / 8` bytes), the
//! stored rows.

pub mod learn;

pub const MIN_BITS: u8 = 10;
pub const MAX_BITS: u8 = 24;

/// One tagger's weights over `L` labels.
pub struct Table<const L: usize> {
    shift: u32,
    rows: Vec<[i16; L]>,
    transitions: Vec<[i32; L]>,
    unit: f32,
}

impl<const L: usize> Table<L> {
    /// Adds the weights of the feature with hash `h` to `row`.
    pub fn add(&self, h: u64, row: &mut [i32; L]) {
        if let Some(weights) = self.rows.get((h >> self.shift) as usize) {
            for (score, &w) in row.iter_mut().zip(weights) {
                *score += i32::from(w);
            }
        }
    }

    /// `transitions()[0]`: the scores of starting a sequence with each
    /// label; `transitions()[1 + p]`: of following label `p`.
    pub fn transitions(&self) -> &[[i32; L]] {
        &self.transitions
    }

    /// The float value of one unit of score.
    pub fn unit(&self) -> f32 {
        self.unit
    }
}

/// One table as training leaves it.
pub struct FloatTable<const L: usize> {
    pub bits: u8,
    /// `2^bits * L` weights, row after row.
    pub weights: Vec<f32>,
    /// `L + 1` rows, as [`Table::transitions`].
    pub transitions: Vec<[f32; L]>,
}

/// Reads a weight file front to back.
pub struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader(bytes)
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }

    pub fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// Whether every byte was read.
    pub fn is_done(&self) -> bool {
        self.0.is_empty()
    }

    /// One table; `None` if it is malformed.
    pub fn table<const L: usize>(&mut self) -> Option<Table<L>> {
        let bits = self.u8()?;
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return None;
        }
        let unit = self.f32()?;
        let mut transitions = vec![[0; L]; L + 1];
        for row in &mut transitions {
            for t in row.iter_mut() {
                *t = i32::from(self.i16()?);
            }
        }
        let count = 1usize << bits;
        let bitmap = self.take(count / 8)?;
        let mut rows = vec![[0i16; L]; count];
        for (byte_index, &byte) in bitmap.iter().enumerate() {
            for bit in 0..8 {
                if byte & (1 << bit) != 0 {
                    for w in &mut rows[byte_index * 8 + bit] {
                        *w = self.i16()?;
                    }
                }
            }
        }
        Some(Table { shift: 64 - u32::from(bits), rows, transitions, unit })
    }
}

/// Quantizes a trained table to i16 and appends it in the file layout;
/// weights smaller than `prune` times the table's largest become zero.
pub fn encode_table<const L: usize>(table: &FloatTable<L>, prune: f32, out: &mut Vec<u8>) {
    let largest = table.weights.iter().chain(table.transitions.iter().flatten()).fold(0f32, |m, w| m.max(w.abs()));
    let unit = if largest > 0.0 { largest / f32::from(i16::MAX) } else { 1.0 };
    let quantize = |w: f32| if w.abs() < prune * largest { 0 } else { (w / unit).round() as i16 };
    out.push(table.bits);
    out.extend_from_slice(&unit.to_le_bytes());
    for &t in table.transitions.iter().flatten() {
        out.extend_from_slice(&quantize(t).to_le_bytes());
    }
    let rows: Vec<[i16; L]> =
        table.weights.chunks_exact(L).map(|row| std::array::from_fn(|l| quantize(row[l]))).collect();
    let mut bitmap = vec![0u8; rows.len() / 8];
    for (i, row) in rows.iter().enumerate() {
        if row.iter().any(|&w| w != 0) {
            bitmap[i / 8] |= 1 << (i % 8);
        }
    }
    out.extend_from_slice(&bitmap);
    for row in rows.iter().filter(|row| row.iter().any(|&w| w != 0)) {
        for w in row {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

/// A BIO label: 0 is O (outside), an odd label `b` begins a stretch of its
/// kind and `b + 1` continues it.
pub trait Bio: Copy + Eq {
    fn index(self) -> u8;
    fn from_index(index: u8) -> Self;
}

impl Bio for u8 {
    fn index(self) -> u8 {
        self
    }

    fn from_index(index: u8) -> Self {
        index
    }
}

/// Whether label `l` may follow `prev` (`None`: at a sequence's start): an
/// I- label only continues its own B- or I- label.
pub fn may_follow(prev: Option<u8>, l: u8) -> bool {
    l == 0 || l % 2 == 1 || prev.is_some_and(|p| p == l || p + 1 == l)
}

/// Viterbi decoding over `L` BIO labels, its back-pointer table kept
/// between sequences.
#[derive(Default)]
pub struct Decoder<const L: usize> {
    back: Vec<[u8; L]>,
}

impl<const L: usize> Decoder<L> {
    /// The best label sequence under [`may_follow`]; `transitions[0]` scores
    /// starting with each label, `transitions[1 + p]` following label `p`.
    /// Of equal scores the lower label wins, so answers never depend on order.
    #[inline]
    pub fn decode<T: Bio>(&mut self, emissions: &[[i32; L]], transitions: &[[i32; L]], out: &mut Vec<T>) {
        out.clear();
        self.back.clear();
        let Some(first) = emissions.first() else { return };
        const FORBIDDEN: i64 = i64::MIN / 4;
        let mut best = [FORBIDDEN; L];
        for (l, score) in best.iter_mut().enumerate() {
            if may_follow(None, l as u8) {
                *score = i64::from(first[l]) + i64::from(transitions[0][l]);
            }
        }
        self.back.push([0; L]);
        for row in &emissions[1..] {
            let mut next = [FORBIDDEN; L];
            let mut from = [0u8; L];
            let mut consider = |l: usize, p: usize| {
                let via = best[p] + i64::from(transitions[p + 1][l]);
                if via > next[l] {
                    next[l] = via;
                    from[l] = p as u8;
                }
            };
            // O and the B- labels may follow any label, an I- label only
            // its own B- or I- label.
            for l in std::iter::once(0).chain((1..L).step_by(2)) {
                (0..L).for_each(|p| consider(l, p));
            }
            for l in (2..L).step_by(2) {
                consider(l, l - 1);
                consider(l, l);
            }
            for (score, &emission) in next.iter_mut().zip(row) {
                *score += i64::from(emission);
            }
            best = next;
            self.back.push(from);
        }
        let mut label = (0..L).max_by_key(|&l| (best[l], std::cmp::Reverse(l))).unwrap_or(0) as u8;
        out.resize(emissions.len(), T::from_index(0));
        for i in (0..emissions.len()).rev() {
            out[i] = T::from_index(label);
            label = self.back[i][usize::from(label)];
        }
    }
}

/// How much better `label` scores than the best other label allowed after
/// `prev`, given the token's emission `row`.
pub fn margin<const L: usize, T: Bio>(row: &[i32; L], transitions: &[[i32; L]], prev: Option<T>, label: T) -> i32 {
    let prev = prev.map(T::index);
    let from_prev = &transitions[prev.map_or(0, |p| usize::from(p) + 1)];
    let score = |l: usize| row[l] + from_prev[l];
    let label = usize::from(label.index());
    let other = (0..L).filter(|&l| l != label && may_follow(prev, l as u8)).map(score).max();
    score(label) - other.unwrap_or(0)
}

/// A table of `2^MIN_BITS` rows for the weight files' tests: row 3 gives
/// label 2 a weight of 2, and starting with label 1 scores 0.5.
#[cfg(test)]
pub fn sample_table<const L: usize>() -> FloatTable<L> {
    let mut weights = vec![0.0; (1 << MIN_BITS) * L];
    weights[3 * L + 2] = 2.0;
    let mut transitions = vec![[0.0; L]; L + 1];
    transitions[0][1] = 0.5;
    FloatTable { bits: MIN_BITS, weights, transitions }
}

/// xorshift64*: a fixed-seed shuffle, the same on every machine.
pub struct Shuffle(pub u64);

impl Shuffle {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: usize = 5;

    fn table() -> FloatTable<L> {
        let mut table = sample_table();
        table.weights[7 * L] = -1.0;
        table.weights[8 * L] = 0.0001;
        table
    }

    #[test]
    fn encode_then_read_keeps_the_weights() {
        let mut bytes = Vec::new();
        encode_table(&table(), 0.001, &mut bytes);
        let mut reader = Reader::new(&bytes);
        let read: Table<L> = reader.table().expect("reads");
        assert!(reader.is_done());
        let shift = 64 - u32::from(MIN_BITS);
        let mut row = [0; L];
        for h in [3u64 << shift, 7u64 << shift, 8u64 << shift] {
            read.add(h, &mut row);
        }
        assert_eq!(row[2], i32::from(i16::MAX));
        assert_eq!(row[0], -i32::from(i16::MAX) / 2 - 1);
        assert!((read.unit() * row[2] as f32 - 2.0).abs() < 1e-3);
        assert_eq!(read.transitions()[0][1], 8192);
    }

    #[test]
    fn a_cut_table_or_bad_bits_are_rejected() {
        let mut bytes = Vec::new();
        encode_table(&table(), 0.0, &mut bytes);
        assert!(Reader::new(&bytes[..bytes.len() - 1]).table::<L>().is_none());
        assert!(Reader::new(&[MAX_BITS + 1]).table::<L>().is_none());
        assert!(Reader::new(&[]).table::<L>().is_none());
    }

    #[test]
    fn viterbi_keeps_to_bio_and_takes_the_best_path() {
        // Token 1 prefers I-CONTENT (4), which may not follow B-SOURCE: the
        // best allowed path starts a content stretch there instead.
        let mut emissions = [[0; L]; 3];
        emissions[0][1] = 5;
        emissions[1][4] = 4;
        emissions[1][3] = 3;
        emissions[2][4] = 2;
        let mut out: Vec<u8> = Vec::new();
        Decoder::default().decode(&emissions, &[[0; L]; L + 1], &mut out);
        assert_eq!(out, [1, 3, 4]);
        assert!(!may_follow(None, 2) && !may_follow(Some(1), 4) && may_follow(Some(3), 4) && may_follow(Some(4), 4));
    }

    #[test]
    fn a_margin_is_over_the_best_allowed_other_label() {
        let row = [1, 9, 20, 2, 0];
        // After O, I-SOURCE (20) is not allowed: B-SOURCE wins by 9 - 2.
        assert_eq!(margin(&row, &[[0; L]; L + 1], Some(0u8), 1u8), 7);
        // After B-SOURCE it is, and beats B-SOURCE by 11.
        assert_eq!(margin(&row, &[[0; L]; L + 1], Some(1u8), 1u8), -11);
    }

    #[test]
    fn the_shuffle_is_fixed_by_its_seed() {
        let shuffled = |seed| {
            let mut items: Vec<u32> = (0..20).collect();
            Shuffle(seed).shuffle(&mut items);
            items
        };
        assert_eq!(shuffled(7), shuffled(7));
        assert_ne!(shuffled(7), shuffled(8));
        let mut sorted = shuffled(7);
        sorted.sort_unstable();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
    }
}
