//! The weight file: one or two stages, each a table in `perceptron`'s
//! layout.
//!
//! Layout (little-endian): `LEDENER1`, stage count (u8), the stages.

use super::LABELS;
use crate::analysis::perceptron::{FloatTable, Reader, Table, encode_table};

const MAGIC: &[u8; 8] = b"LEDENER1";

/// The most stages a model may have (training makes one or two).
pub(super) const MAX_STAGES: usize = 2;

/// One stage's weights: a row of per-label weights for each feature-hash
/// bucket, so that a feature costs one index and nine adds.
pub(super) type Stage = Table<LABELS>;

/// One stage's weights as training leaves them.
pub(super) type FloatStage = FloatTable<LABELS>;

/// A trained model, ready to score.
#[derive(Default)]
pub(super) struct Model {
    stages: Vec<Stage>,
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
        let mut r = Reader::new(bytes);
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let count = r.u8()?;
        if usize::from(count) > MAX_STAGES {
            return None;
        }
        let stages = (0..count).map(|_| r.table()).collect::<Option<Vec<_>>>()?;
        (!stages.is_empty() && r.is_done()).then_some(Model { stages })
    }
}

/// Quantizes trained stages to i16 and writes them in the file layout;
/// weights smaller than `prune` times a stage's largest become zero.
pub(super) fn encode(stages: &[FloatStage], prune: f32) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(stages.len() as u8);
    for stage in stages {
        encode_table(stage, prune, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::perceptron::sample_table;

    #[test]
    fn encode_then_parse_keeps_every_sample_table() {
        let model = Model::parse(&encode(&[sample_table(), sample_table()], 0.001)).expect("parses");
        assert_eq!(model.stages().len(), 2);
        let mut row = [0; LABELS];
        model.stages()[1].add(3u64 << (64 - 10), &mut row);
        assert_eq!(row[2], i32::from(i16::MAX));
        assert_eq!(model.stages()[0].transitions()[0][1], 8192);
    }

    #[test]
    fn malformed_files_are_rejected() {
        let bytes = encode(&[sample_table()], 0.0);
        assert!(Model::parse(&bytes[..bytes.len() - 1]).is_none());
        assert!(Model::parse(b"LEDENER1\x00").is_none());
        assert!(Model::parse(b"").is_none());
        assert!(Model::parse(&[bytes.as_slice(), b"x"].concat()).is_none());
        assert!(Model::parse(&encode(&[sample_table(), sample_table(), sample_table()], 0.0)).is_none());
    }
}
