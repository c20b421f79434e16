//! The weight file: two tables of i16 weights, one per tagger (cues; source
//! and content), each a flat table of `2^bits` rows of one weight per label
//! addressed by the top bits of a feature hash, with the label transition
//! scores; then the calibration of confidences.
//!
//! On disk only the rows that are not all zero are stored, after a bitmap
//! that says which they are, so the file stays small while a lookup at run
//! time stays a shift and an index into one dense table.
//!
//! Layout (little-endian): `LEDEQUO1`; per table: bits (u8), the float
//! value of one quantum (f32), `(L + 1) * L` transitions (i16), the row
//! bitmap (`2^bits / 8` bytes), the stored rows; then the number of
//! calibration weights (u8) and each as f32.

const MAGIC: &[u8; 8] = b"LEDEQUO1";
const MIN_BITS: u8 = 10;
const MAX_BITS: u8 = 24;
/// The most calibration weights a file may carry.
const MAX_CALIBRATION: usize = 16;

/// One tagger's weights over `L` labels.
pub(super) struct Table<const L: usize> {
    shift: u32,
    rows: Vec<[i16; L]>,
    /// `transitions[0]`: starting a sequence with each label;
    /// `transitions[1 + p]`: following label `p`.
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

    pub fn transitions(&self) -> &[[i32; L]] {
        &self.transitions
    }

    /// The float value of one unit of score.
    pub fn unit(&self) -> f32 {
        self.unit
    }
}

/// A trained model: the cue tagger, the source-and-content tagger, and the
/// weights that turn their margins into a probability.
pub(super) struct Weights {
    pub cues: Table<{ super::CUE_LABELS }>,
    pub spans: Table<{ super::SPAN_LABELS }>,
    pub calibration: Vec<f32>,
}

/// One table as training leaves it.
pub(super) struct FloatTable<const L: usize> {
    pub bits: u8,
    /// `2^bits * L` weights, row after row.
    pub weights: Vec<f32>,
    pub transitions: Vec<[f32; L]>,
}

impl Weights {
    /// Reads a weight file; `None` if it is malformed.
    pub fn parse(bytes: &[u8]) -> Option<Weights> {
        let mut r = Reader(bytes);
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let cues = read_table(&mut r)?;
        let spans = read_table(&mut r)?;
        let count = usize::from(r.u8()?);
        if count > MAX_CALIBRATION {
            return None;
        }
        let calibration = (0..count).map(|_| r.f32()).collect::<Option<Vec<f32>>>()?;
        r.0.is_empty().then_some(Weights { cues, spans, calibration })
    }
}

fn read_table<const L: usize>(r: &mut Reader) -> Option<Table<L>> {
    let bits = r.u8()?;
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        return None;
    }
    let unit = r.f32()?;
    let mut transitions = vec![[0; L]; L + 1];
    for row in &mut transitions {
        for t in row.iter_mut() {
            *t = i32::from(r.i16()?);
        }
    }
    let count = 1usize << bits;
    let bitmap = r.take(count / 8)?;
    let mut rows = vec![[0i16; L]; count];
    for (byte_index, &byte) in bitmap.iter().enumerate() {
        for bit in 0..8 {
            if byte & (1 << bit) != 0 {
                for w in &mut rows[byte_index * 8 + bit] {
                    *w = r.i16()?;
                }
            }
        }
    }
    Some(Table { shift: 64 - u32::from(bits), rows, transitions, unit })
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

    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// Quantizes trained tables to i16 and writes the file; weights smaller than
/// `prune` times a table's largest become zero.
pub(super) fn encode(
    cues: &FloatTable<{ super::CUE_LABELS }>,
    spans: &FloatTable<{ super::SPAN_LABELS }>,
    calibration: &[f32],
    prune: f32,
) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    encode_table(cues, prune, &mut out);
    encode_table(spans, prune, &mut out);
    let calibration = &calibration[..calibration.len().min(MAX_CALIBRATION)];
    out.push(calibration.len() as u8);
    for w in calibration {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

fn encode_table<const L: usize>(table: &FloatTable<L>, prune: f32, out: &mut Vec<u8>) {
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

#[cfg(test)]
mod tests {
    use super::super::{CUE_LABELS, SPAN_LABELS};
    use super::*;

    fn table<const L: usize>() -> FloatTable<L> {
        let mut weights = vec![0.0; (1 << MIN_BITS) * L];
        weights[3 * L + 2] = 2.0;
        weights[7 * L] = -1.0;
        weights[8 * L] = 0.0001;
        let mut transitions = vec![[0.0; L]; L + 1];
        transitions[0][1] = 0.5;
        FloatTable { bits: MIN_BITS, weights, transitions }
    }

    #[test]
    fn encode_then_parse_keeps_the_weights() {
        let bytes = encode(&table::<CUE_LABELS>(), &table::<SPAN_LABELS>(), &[0.5, -2.0], 0.001);
        let model = Weights::parse(&bytes).expect("parses");
        let shift = 64 - u32::from(MIN_BITS);
        let mut row = [0; SPAN_LABELS];
        for h in [3u64 << shift, 7u64 << shift, 8u64 << shift] {
            model.spans.add(h, &mut row);
        }
        assert_eq!(row[2], i32::from(i16::MAX));
        assert_eq!(row[0], -i32::from(i16::MAX) / 2 - 1);
        assert!((model.spans.unit() * row[2] as f32 - 2.0).abs() < 1e-3);
        assert_eq!(model.cues.transitions()[0][1], 8192);
        assert_eq!(model.calibration, [0.5, -2.0]);
    }

    #[test]
    fn malformed_files_are_rejected() {
        let bytes = encode(&table::<CUE_LABELS>(), &table::<SPAN_LABELS>(), &[1.0], 0.0);
        assert!(Weights::parse(&bytes[..bytes.len() - 1]).is_none());
        assert!(Weights::parse(&[bytes.as_slice(), b"x"].concat()).is_none());
        assert!(Weights::parse(b"LEDEQUO1\x00").is_none());
        assert!(Weights::parse(b"").is_none());
    }
}
