//! The weight file: per stage, a flat table of `2^bits` rows of one i16 per
//! label, addressed by the top bits of a feature hash, plus the label
//! transition scores.
//!
//! On disk only the rows that are not all zero are stored, after a bitmap
//! that says which they are, so the file stays small while lookups at run
//! time stay a shift and an index into one dense table.
//!
//! Layout (little-endian): `LEDENER1`, stage count (u8); per stage: bits
//! (u8), the float value of one quantum (f32), `(LABELS + 1) * LABELS`
//! transitions (i16), the row bitmap (`2^bits / 8` bytes), the stored rows.

use super::LABELS;

const MAGIC: &[u8; 8] = b"LEDENER1";
const MIN_BITS: u8 = 10;
const MAX_BITS: u8 = 24;

pub(super) type Transitions<T> = [[T; LABELS]; LABELS + 1];

/// The most stages a model may have (training makes one or two).
pub(super) const MAX_STAGES: usize = 2;

/// One stage's weights: a row of per-label weights for each feature-hash
/// bucket, so that a feature costs one index and nine adds.
pub(super) struct Stage {
    shift: u32,
    table: Vec<[i16; LABELS]>,
    transitions: Transitions<i32>,
    unit: f32,
}

impl Stage {
    /// Adds the weights of the feature with hash `h` to `row`.
    pub fn add(&self, h: u64, row: &mut [i32; LABELS]) {
        if let Some(weights) = self.table.get((h >> self.shift) as usize) {
            for (score, &w) in row.iter_mut().zip(weights) {
                *score += i32::from(w);
            }
        }
    }

    /// `transitions()[0]` are the scores of starting a sentence with each
    /// label, `transitions()[1 + p]` of following label `p`.
    pub fn transitions(&self) -> &Transitions<i32> {
        &self.transitions
    }

    /// The float value of one unit of score.
    pub fn unit(&self) -> f32 {
        self.unit
    }
}

/// A trained model, ready to score.
#[derive(Default)]
pub(super) struct Model {
    stages: Vec<Stage>,
}

/// One stage's weights as training leaves them.
pub(super) struct FloatStage {
    pub bits: u8,
    pub table: Vec<f32>,
    pub transitions: Transitions<f32>,
}

impl Model {
    pub fn is_empty(&self) -> bool {
        self.stages.is_empty()
    }

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// Reads a weight file; `None` if it is malformed or empty.
    pub fn parse(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader(bytes);
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let count = r.u8()?;
        if usize::from(count) > MAX_STAGES {
            return None;
        }
        let stages = (0..count).map(|_| read_stage(&mut r)).collect::<Option<Vec<_>>>()?;
        (!stages.is_empty() && r.0.is_empty()).then_some(Model { stages })
    }
}

fn read_stage(r: &mut Reader) -> Option<Stage> {
    let bits = r.u8()?;
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        return None;
    }
    let unit = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
    let mut transitions = [[0; LABELS]; LABELS + 1];
    for row in &mut transitions {
        for t in row.iter_mut() {
            *t = i32::from(r.i16()?);
        }
    }
    let rows = 1usize << bits;
    let bitmap = r.take(rows / 8)?;
    let mut table = vec![[0i16; LABELS]; rows];
    for (byte_index, &byte) in bitmap.iter().enumerate() {
        for bit in 0..8 {
            if byte & (1 << bit) != 0 {
                for w in &mut table[byte_index * 8 + bit] {
                    *w = r.i16()?;
                }
            }
        }
    }
    Some(Stage { shift: 64 - u32::from(bits), table, transitions, unit })
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
}

/// Quantizes trained stages to i16 and writes them in the file layout;
/// weights smaller than `prune` times the largest become zero.
pub(super) fn encode(stages: &[FloatStage], prune: f32) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(stages.len() as u8);
    for stage in stages {
        let largest = stage.table.iter().chain(stage.transitions.iter().flatten()).fold(0f32, |m, w| m.max(w.abs()));
        let unit = if largest > 0.0 { largest / f32::from(i16::MAX) } else { 1.0 };
        let quantize = |w: f32| if w.abs() < prune * largest { 0 } else { (w / unit).round() as i16 };
        out.push(stage.bits);
        out.extend_from_slice(&unit.to_le_bytes());
        for &t in stage.transitions.iter().flatten() {
            out.extend_from_slice(&quantize(t).to_le_bytes());
        }
        let rows: Vec<[i16; LABELS]> =
            stage.table.chunks_exact(LABELS).map(|row| std::array::from_fn(|l| quantize(row[l]))).collect();
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage() -> FloatStage {
        let mut table = vec![0.0; (1 << MIN_BITS) * LABELS];
        table[3 * LABELS + 2] = 2.0;
        table[7 * LABELS] = -1.0;
        table[8 * LABELS] = 0.0001;
        let mut transitions = [[0.0; LABELS]; LABELS + 1];
        transitions[0][1] = 0.5;
        FloatStage { bits: MIN_BITS, table, transitions }
    }

    #[test]
    fn encode_then_parse_keeps_the_weights() {
        let model = Model::parse(&encode(&[stage()], 0.001)).expect("parses");
        let shift = 64 - u32::from(MIN_BITS);
        let stage = &model.stages()[0];
        let mut row = [0; LABELS];
        for h in [3u64 << shift, 7u64 << shift, 8u64 << shift] {
            stage.add(h, &mut row);
        }
        assert_eq!(row[2], i32::from(i16::MAX));
        assert_eq!(row[0], -i32::from(i16::MAX) / 2 - 1);
        assert!((stage.unit() * row[2] as f32 - 2.0).abs() < 1e-3);
        assert_eq!(stage.transitions()[0][1], 8192);
    }

    #[test]
    fn malformed_files_are_rejected() {
        let bytes = encode(&[stage()], 0.0);
        assert!(Model::parse(&bytes[..bytes.len() - 1]).is_none());
        assert!(Model::parse(b"LEDENER1\x00").is_none());
        assert!(Model::parse(b"").is_none());
        assert!(Model::parse(&[bytes.as_slice(), b"x"].concat()).is_none());
        assert!(Model::parse(&encode(&[stage(), stage(), stage()], 0.0)).is_none());
    }
}
