//! The weight file: the cue tagger's table and the source-and-content
//! tagger's (each in `perceptron`'s table layout), then the calibration of
//! confidences.
//!
//! Layout (little-endian): `LEDEQUO1`; the two tables; the number of
//! calibration weights (u8) and each as f32.

use crate::analysis::perceptron::{FloatTable, Reader, Table, encode_table};

const MAGIC: &[u8; 8] = b"LEDEQUO1";
/// The most calibration weights a file may carry.
const MAX_CALIBRATION: usize = 16;

/// A trained model: the cue tagger, the source-and-content tagger, and the
/// weights that turn their margins into a probability.
pub(super) struct Weights {
    pub cues: Table<{ super::CUE_LABELS }>,
    pub spans: Table<{ super::SPAN_LABELS }>,
    pub calibration: Vec<f32>,
}

impl Weights {
    /// Reads a weight file; `None` if it is malformed.
    pub fn parse(bytes: &[u8]) -> Option<Weights> {
        let mut r = Reader::new(bytes);
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let cues = r.table()?;
        let spans = r.table()?;
        let count = usize::from(r.u8()?);
        if count > MAX_CALIBRATION {
            return None;
        }
        let calibration = (0..count).map(|_| r.f32()).collect::<Option<Vec<f32>>>()?;
        r.is_done().then_some(Weights { cues, spans, calibration })
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

#[cfg(test)]
mod tests {
    use super::super::{CUE_LABELS, SPAN_LABELS};
    use super::*;
    use crate::analysis::perceptron::sample_table;

    #[test]
    fn encode_then_parse_keeps_both_tables_and_the_calibration() {
        let bytes = encode(&sample_table::<CUE_LABELS>(), &sample_table::<SPAN_LABELS>(), &[0.5, -2.0], 0.001);
        let model = Weights::parse(&bytes).expect("parses");
        let mut row = [0; SPAN_LABELS];
        model.spans.add(3u64 << (64 - 10), &mut row);
        assert_eq!(row[2], i32::from(i16::MAX));
        assert_eq!(model.cues.transitions()[0][1], 8192);
        assert_eq!(model.calibration, [0.5, -2.0]);
    }

    #[test]
    fn malformed_files_are_rejected() {
        let bytes = encode(&sample_table::<CUE_LABELS>(), &sample_table::<SPAN_LABELS>(), &[1.0], 0.0);
        assert!(Weights::parse(&bytes[..bytes.len() - 1]).is_none());
        assert!(Weights::parse(&[bytes.as_slice(), b"x"].concat()).is_none());
        assert!(Weights::parse(b"LEDEQUO1\x00").is_none());
        assert!(Weights::parse(b"").is_none());
    }
}
