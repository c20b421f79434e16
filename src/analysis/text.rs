//! Byte spans over the article text. Every analyzer speaks in UTF-8 byte
//! offsets; the API layer converts them to the caller's encoding once, at the
//! boundary.

/// A half-open byte range `[start, end)` of a text, always on `char` boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span with leading and trailing white space of `text` removed.
    pub fn trim(self, text: &str) -> Span {
        let s = self.of(text);
        let start = self.start + (s.len() - s.trim_start().len());
        let end = self.end - (s.len() - s.trim_end().len());
        if start >= end { Span::new(start, start) } else { Span::new(start, end) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_drops_surrounding_space() {
        let text = "  a b \n";
        assert_eq!(Span::new(0, text.len()).trim(text).of(text), "a b");
        assert!(Span::new(0, 2).trim(text).is_empty());
    }
}
