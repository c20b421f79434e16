//! Pairs quote marks into quoted regions in one left-to-right pass.
//!
//! The glyph alone cannot say whether a mark opens or closes: outlets close a
//! “ with a straight ", write ” to open, or type '' for a double quote. What
//! surrounds the mark decides (space before and a letter after opens), and the
//! glyph only breaks ties. A quote that runs over several paragraphs opens on
//! each and closes only on the last, so an unclosed quote at a paragraph end
//! continues when the next paragraph opens with a double mark.

use super::super::segment::{Segmentation, TokenKind};
use super::super::text::Span;

/// A paired quotation: the token indexes of its two marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Region {
    pub open: usize,
    pub close: usize,
    /// What the marks enclose, trimmed.
    pub content: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Open,
    Close,
    Either,
}

fn family(mark: &str) -> Option<Family> {
    match mark {
        "\"" | "“" | "”" | "„" | "‟" | "«" | "»" | "''" | "``" | "「" | "」" | "『" | "』" => {
            Some(Family::Double)
        }
        "'" | "‘" | "’" | "‚" | "‹" | "›" | "`" => Some(Family::Single),
        _ => None,
    }
}

fn glyph_side(mark: &str) -> Side {
    match mark {
        "“" | "„" | "«" | "``" | "「" | "『" | "‘" | "‚" | "‹" | "`" => Side::Open,
        "”" | "»" | "」" | "』" | "’" | "›" => Side::Close,
        _ => Side::Either,
    }
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‟' | '‚' | '‹' | '›' | '`')
}

/// Which way a mark faces, from the characters around it.
fn side(text: &str, span: Span, mark: &str) -> Side {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let open_before = before.is_none_or(|c| c.is_whitespace() || is_quote_char(c) || "([{—–-/:;".contains(c));
    let open_after = after.is_none_or(|c| c.is_whitespace() || is_quote_char(c) || ".,;:!?)]}—–…".contains(c));
    match (open_before, open_after) {
        (true, false) => Side::Open,
        (false, true) => Side::Close,
        _ => glyph_side(mark),
    }
}

/// An apostrophe after a plural that a lowercase word follows: "the voters' verdict".
fn is_possessive(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    before == Some('s') && after.next().is_some_and(char::is_whitespace) && after.next().is_some_and(char::is_lowercase)
}

/// All quoted regions of the text, in text order.
///
/// A text that uses double marks uses single ones only inside them or for
/// terms and headlines, so its single-mark regions are dropped.
pub(super) fn regions(text: &str, seg: &Segmentation) -> Vec<Region> {
    let mut out = Vec::new();
    let mut singles = Vec::new();
    let mut double: Option<usize> = None;
    for p in 0..seg.paragraphs.len() {
        let Some(tokens) = paragraph_tokens(seg, p) else { continue };
        let continuing = double.is_some();
        let mut single: Option<usize> = None;
        for i in tokens.clone() {
            let tok = seg.tokens[i];
            if tok.kind != TokenKind::Quote {
                continue;
            }
            let mark = tok.span.of(text);
            let Some(fam) = family(mark) else { continue };
            let side = side(text, tok.span, mark);
            if fam == Family::Single {
                if double.is_none() && !is_possessive(text, tok.span) {
                    pair(&mut single, i, side, false, &mut singles, text, seg);
                }
                continue;
            }
            if continuing && i == tokens.start && side != Side::Close {
                continue;
            }
            single = None;
            pair(&mut double, i, side, true, &mut out, text, seg);
        }
        if double.is_some() && !next_paragraph_opens(text, seg, p + 1) {
            double = None;
        }
    }
    if out.is_empty() { singles } else { out }
}

/// Feeds one mark to the pairing state of its family.
fn pair(
    open: &mut Option<usize>,
    i: usize,
    side: Side,
    either_opens: bool,
    out: &mut Vec<Region>,
    text: &str,
    seg: &Segmentation,
) {
    match (*open, side) {
        (None, Side::Open) => *open = Some(i),
        (None, Side::Either) if either_opens => *open = Some(i),
        (Some(o), Side::Close | Side::Either) => {
            let content = Span::new(seg.tokens[o].span.end, seg.tokens[i].span.start).trim(text);
            if !content.is_empty() {
                out.push(Region { open: o, close: i, content });
            }
            *open = None;
        }
        // An opening mark while one is open: the earlier one was never closed.
        (Some(_), Side::Open) => *open = Some(i),
        _ => {}
    }
}

fn paragraph_tokens(seg: &Segmentation, p: usize) -> Option<std::ops::Range<usize>> {
    let sentences = &seg.paragraphs[p].sentences;
    let first = seg.sentences.get(sentences.start)?;
    let last = seg.sentences.get(sentences.end.checked_sub(1)?)?;
    Some(first.tokens.start..last.tokens.end)
}

fn next_paragraph_opens(text: &str, seg: &Segmentation, p: usize) -> bool {
    let Some(tokens) = (p < seg.paragraphs.len()).then(|| paragraph_tokens(seg, p)).flatten() else {
        return false;
    };
    let tok = seg.tokens[tokens.start];
    let mark = tok.span.of(text);
    tok.kind == TokenKind::Quote && family(mark) == Some(Family::Double) && side(text, tok.span, mark) != Side::Close
}

#[cfg(test)]
mod tests {
    use super::super::super::segment::segment;
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        regions(text, &segment(text)).iter().map(|r| r.content.of(text)).collect()
    }

    #[test]
    fn all_mark_styles_pair() {
        assert_eq!(
            quoted("He said \"one two\" and “three four” and «five» and „sechs“."),
            ["one two", "three four", "five", "sechs"]
        );
        assert_eq!(quoted("''We must not overreact,'' he told."), ["We must not overreact,"]);
        assert_eq!(quoted("‘Stop it,’ she said."), ["Stop it,"]);
    }

    #[test]
    fn a_curly_opening_closes_with_a_straight_mark() {
        assert_eq!(quoted("“We provide help,\" the minister said."), ["We provide help,"]);
    }

    #[test]
    fn single_marks_inside_double_ones_and_apostrophes_do_not_pair() {
        assert_eq!(
            quoted("\"He called it ‘bad’ and the voters’ choice,\" she said."),
            ["He called it ‘bad’ and the voters’ choice,"]
        );
        assert!(quoted("The parents’ group and the teachers’ union met.").is_empty());
    }

    #[test]
    fn a_quote_runs_over_paragraphs_that_reopen_it() {
        let text = "\"First part.\n\n\"Second part.\n\n\"Last part,\" he said.";
        assert_eq!(quoted(text), ["First part.\n\n\"Second part.\n\n\"Last part,"]);
    }

    #[test]
    fn an_unclosed_mark_does_not_swallow_the_next_paragraph() {
        assert_eq!(quoted("\"Never closed.\n\nThen \"closed\" here."), ["closed"]);
    }
}
