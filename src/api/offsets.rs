//! UTF-8 byte offsets to the caller's encoding, converted once per response.

use crate::analysis::text::Span;
use crate::pb;

/// Converts byte offsets of one text into UTF-8, UTF-16 or code point offsets.
///
/// It records a checkpoint after every non-ASCII character, so conversion is
/// a binary search plus the ASCII distance since the checkpoint; ASCII-only
/// text and UTF-8 requests need no table at all.
pub struct OffsetMap {
    /// (byte offset after a non-ASCII char, units up to there), ascending.
    checkpoints: Vec<(usize, usize)>,
}

/// The unit a response counts offsets in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Utf8,
    Utf16,
    CodePoint,
}

impl Unit {
    pub fn from_pb(encoding: pb::EncodingType) -> Self {
        match encoding {
            pb::EncodingType::Unspecified | pb::EncodingType::Utf8 => Self::Utf8,
            pb::EncodingType::Utf16 => Self::Utf16,
            pb::EncodingType::Utf32 => Self::CodePoint,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
            Self::CodePoint => 1,
        }
    }
}

impl OffsetMap {
    pub fn new(text: &str, unit: Unit) -> Self {
        let mut checkpoints = Vec::new();
        if unit != Unit::Utf8 && !text.is_ascii() {
            let mut units = 0;
            let mut last = 0;
            for (i, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                units += i - last + unit.width(c);
                last = i + c.len_utf8();
                checkpoints.push((last, units));
            }
        }
        Self { checkpoints }
    }

    /// The offset of byte `at` (a char boundary) in the map's unit.
    pub fn convert(&self, at: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(byte, _)| byte <= at);
        match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((byte, units)) => units + (at - byte),
            None => at,
        }
    }

    pub fn span(&self, span: Span) -> Option<pb::TextSpan> {
        Some(pb::TextSpan { begin: to_i32(self.convert(span.start)), end: to_i32(self.convert(span.end)) })
    }
}

/// Offsets fit: requests are capped far below 2 GiB.
fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_to_each_unit() {
        let text = "a€b😀c";
        let bytes_of_c = text.find('c').unwrap();
        assert_eq!(OffsetMap::new(text, Unit::Utf8).convert(bytes_of_c), 9);
        assert_eq!(OffsetMap::new(text, Unit::Utf16).convert(bytes_of_c), 5);
        assert_eq!(OffsetMap::new(text, Unit::CodePoint).convert(bytes_of_c), 4);
        assert_eq!(OffsetMap::new(text, Unit::CodePoint).convert(text.len()), 5);
        assert_eq!(OffsetMap::new(text, Unit::CodePoint).convert(1), 1);
    }
}
