//! Paragraphs, sentences and tokens: the one pass of segmentation that every
//! analyzer shares.
//!
//! Tokens follow the Penn Treebank habits that news NER corpora use: a
//! possessive `'s` and punctuation stand alone, hyphenated words and
//! abbreviations ("U.S.", "Mr.") stay whole. Sentences break after terminal
//! punctuation (and the closing quotes or brackets that follow it) unless the
//! period belongs to an abbreviation, an initial or a number, and at line
//! breaks, so headlines and bullet lines stand alone, unless the text is
//! hard-wrapped.

use super::lexicon;
use super::text::Span;
use super::{AnalysisError, Budget};
use std::ops::Range;
use std::sync::LazyLock;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, apostrophes or dots inside.
    Word,
    /// Starts with a digit: "2,000", "1.5", "1990s", "16:09".
    Number,
    /// A quote mark of any style.
    Quote,
    /// Any other punctuation or symbol.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Indexes into [`Segmentation::tokens`].
    pub tokens: Range<usize>,
    /// Index into [`Segmentation::paragraphs`].
    pub paragraph: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Indexes into [`Segmentation::sentences`].
    pub sentences: Range<usize>,
}

/// The segmentation of one text; every span indexes into that text.
#[derive(Clone, Debug, Default)]
pub struct Segmentation {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
}

impl Segmentation {
    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: usize) -> &[Token] {
        &self.tokens[self.sentences[sentence].tokens.clone()]
    }

    /// The index of the sentence holding byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    /// The number of word and number tokens.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number)).count()
    }
}

/// Segments `text` into paragraphs, sentences and tokens.
pub fn segment(text: &str) -> Segmentation {
    // A budget that never runs out: the segmentation always completes.
    segment_within(text, &Budget::default()).unwrap_or_default()
}

/// [`segment`], stopping when `budget` runs out.
pub fn segment_within(text: &str, budget: &Budget) -> Result<Segmentation, AnalysisError> {
    let blocks = paragraph_blocks(text);
    let wrapped = is_hard_wrapped(text, &blocks);
    let mut seg = Segmentation::default();
    let mut chars = Vec::with_capacity(text.len());
    for block in blocks {
        let first_sentence = seg.sentences.len();
        for line in lines_of(text, block, wrapped) {
            let first_token = seg.tokens.len();
            tokenize_into(text, line, &mut chars, &mut seg.tokens, budget)?;
            split_sentences(text, first_token, &seg.tokens, seg.paragraphs.len(), &mut seg.sentences);
        }
        if seg.sentences.len() > first_sentence {
            seg.paragraphs.push(Paragraph { span: block, sentences: first_sentence..seg.sentences.len() });
        }
    }
    Ok(seg)
}

/// Blocks of text separated by blank lines, trimmed, never empty.
fn paragraph_blocks(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut blank_run = false;
    for i in line_breaks(text).chain(std::iter::once(text.len())) {
        // CRLF ends one line, not two; the end of the text ends a line as `\n` does.
        let is_newline = bytes.get(i) != Some(&b'\r');
        if is_newline && i > 0 && bytes[i - 1] == b'\r' {
            line_start = i + 1;
            continue;
        }
        let line = &text[line_start..i];
        let is_blank = line.trim().is_empty();
        if is_blank && !blank_run {
            push_trimmed(text, Span::new(start, line_start), &mut blocks);
            blank_run = true;
        }
        if !is_blank && blank_run {
            start = line_start;
            blank_run = false;
        }
        line_start = i + 1;
    }
    if !blank_run {
        push_trimmed(text, Span::new(start, text.len()), &mut blocks);
    }
    blocks
}

/// The offsets of every `\n` and `\r` in `text`, found bytewise: neither byte
/// occurs inside a multi-byte character.
fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', text.as_bytes())
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let span = span.trim(text);
    if !span.is_empty() {
        out.push(span);
    }
}

/// A text is hard-wrapped when most lines that continue in the same block are
/// long and end mid-sentence: then a line break is just a space.
fn is_hard_wrapped(text: &str, blocks: &[Span]) -> bool {
    let (mut continued, mut wrapped) = (0usize, 0usize);
    for block in blocks {
        let mut lines = block.of(text).lines().peekable();
        while let Some(line) = lines.next() {
            if lines.peek().is_none() {
                break;
            }
            continued += 1;
            let line = line.trim_end();
            let ends_sentence = line.ends_with(['.', '!', '?', ':', '"', '”']);
            if (40..=100).contains(&line.chars().count()) && !ends_sentence {
                wrapped += 1;
            }
        }
    }
    continued >= 3 && wrapped * 10 >= continued * 6
}

/// The lines of a block that sentences may not cross.
fn lines_of(text: &str, block: Span, wrapped: bool) -> Vec<Span> {
    if wrapped {
        return vec![block];
    }
    let mut lines = Vec::new();
    let mut start = block.start;
    for i in line_breaks(block.of(text)) {
        push_trimmed(text, Span::new(start, block.start + i), &mut lines);
        start = block.start + i + 1;
    }
    push_trimmed(text, Span::new(start, block.end), &mut lines);
    lines
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '„'
            | '‚'
            | '‹'
            | '›'
            | '`'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_dash_joiner(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Tokenizes `line` and appends its tokens; `chars` is scratch space, reused
/// from line to line.
fn tokenize_into(
    text: &str,
    line: Span,
    chars: &mut Vec<(usize, char)>,
    tokens: &mut Vec<Token>,
    budget: &Budget,
) -> Result<(), AnalysisError> {
    let s = line.of(text);
    chars.clear();
    chars.extend(s.char_indices());
    let chars = &*chars;
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| line.start + chars.get(k).map_or(s.len(), |&(o, _)| o);
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if c.is_whitespace() || c.is_control() || c == '\u{200b}' || c == '\u{feff}' {
            k += 1;
            continue;
        }
        let start = k;
        let kind;
        if c.is_alphanumeric() || ((c == '@' || c == '#') && at(k + 1).is_some_and(char::is_alphanumeric)) {
            kind = if c.is_numeric() { TokenKind::Number } else { TokenKind::Word };
            k += 1;
            while word_continues(chars, start, k, kind) {
                k += 1;
            }
            // A trailing period joins an abbreviation or an initial.
            let end = chars.get(k).map_or(s.len(), |x| x.0);
            if at(k) == Some('.') && kind == TokenKind::Word && is_abbreviation(&s[chars[start].0..end], &s[end + 1..])
            {
                k += 1;
            }
        } else if is_apostrophe(c)
            && matches!(at(k + 1), Some('s' | 'S'))
            && !at(k + 2).is_some_and(char::is_alphanumeric)
        {
            kind = TokenKind::Word;
            k += 2;
        } else if c == '.' && at(k + 1) == Some('.') {
            kind = TokenKind::Punct;
            while at(k) == Some('.') {
                k += 1;
            }
        } else if is_quote_char(c) {
            kind = TokenKind::Quote;
            k += 1;
            // Two apostrophes or backticks stand for a double quote.
            if matches!(c, '\'' | '`') && at(k) == Some(c) {
                k += 1;
            }
        } else {
            kind = TokenKind::Punct;
            k += 1;
            while at(k).is_some_and(is_combining) {
                k += 1;
            }
        }
        budget.check_every(tokens.len(), 4096)?;
        tokens.push(Token { span: Span::new(offset(start), offset(k)), kind });
    }
    Ok(())
}

/// Whether the char at `k` continues the word or number that began at `start`.
fn word_continues(chars: &[(usize, char)], start: usize, k: usize, kind: TokenKind) -> bool {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let Some(c) = at(k) else { return false };
    if c.is_alphanumeric() || c == '_' || is_combining(c) {
        return true;
    }
    let next_alnum = at(k + 1).is_some_and(char::is_alphanumeric);
    if is_apostrophe(c) && next_alnum {
        // Possessive and "'s"-like clitics stand alone: Russia|'s.
        let clitic = matches!(at(k + 1), Some('s' | 'S')) && !at(k + 2).is_some_and(char::is_alphanumeric);
        return !(clitic && k > start);
    }
    let joins = (is_dash_joiner(c) || c == '&' || c == '/') && next_alnum;
    let number_mark = (c == '.' || c == ',' || c == ':')
        && kind == TokenKind::Number
        && at(k + 1).is_some_and(|d| d.is_ascii_digit());
    let dotted = c == '.' && next_alnum && kind == TokenKind::Word && is_dotted_word(chars, start, k);
    joins || number_mark || dotted
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe00..=0xfe0f | 0xfe20..=0xfe2f | 0x200d | 0x1f3fb..=0x1f3ff | 0xe0100..=0xe01ef)
}

/// "U.S.", "e.g.", "D-N.C." and domain names keep their inner dots.
fn is_dotted_word(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
    let single_letters = dot - start == 1 || (dot >= 2 && matches!(chars[dot - 2].1, '.' | '-'));
    let domain = chars[start..dot].iter().all(|&(_, c)| c.is_ascii_alphanumeric() || c == '-')
        && chars.get(dot + 1..dot + 4).is_some_and(|t| t.iter().all(|&(_, c)| c.is_ascii_lowercase()));
    single_letters || domain
}

/// Whether `word`, followed by a period and then `rest`, is an abbreviation.
fn is_abbreviation(word: &str, rest: &str) -> bool {
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // An initial ("J. K. Rowling") or a dotted acronym ("U.S", "e.g").
    if (first.is_uppercase() && chars.next().is_none()) || word.contains('.') {
        return true;
    }
    // "No." numbers things only before a number: "said no. The" ends a sentence.
    if matches!(word, "No" | "no" | "Nos") {
        return rest.trim_start().starts_with(|c: char| c.is_ascii_digit());
    }
    // A party and state tag: "R-Fla.".
    let last = word.rsplit('-').next().unwrap_or(word);
    ABBREVIATIONS.binary_search(&last).is_ok()
}

/// Words that take a period without ending a sentence. Sorted for binary search.
static ABBREVIATIONS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("abbreviations"));

/// Abbreviations that often end a sentence: they end one when the next word
/// starts a sentence.
fn can_end_sentence(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    SENTENCE_FINAL.binary_search(&bare).is_ok()
        || (bare.contains('.') && bare.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}

/// Words that start sentences far more often than they follow "Inc." or "U.S.".
fn starts_sentence(word: &str) -> bool {
    SENTENCE_OPENERS.binary_search(&word).is_ok()
}

static SENTENCE_FINAL: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("sentence_final_abbreviations"));
static SENTENCE_OPENERS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("sentence_openers"));

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "…" | "!?" | "?!" | "。" | "！" | "？") || t.starts_with("..")
}

fn is_closer(text: &str, tok: &Token) -> bool {
    matches!(tok.span.of(text), ")" | "]" | "}") || tok.kind == TokenKind::Quote
}

/// Splits the tokens from `first` (one line) into sentences.
fn split_sentences(text: &str, first: usize, tokens: &[Token], paragraph: usize, out: &mut Vec<Sentence>) {
    let mut start = first;
    let mut i = first;
    while i < tokens.len() {
        let word = tokens[i].span.of(text);
        let mut end = i + 1;
        let breaks = if is_terminal(word) {
            // Closing quotes or brackets glued to the punctuation stay with it.
            while end < tokens.len()
                && is_closer(text, &tokens[end])
                && tokens[end].span.start == tokens[end - 1].span.end
            {
                end += 1;
            }
            end < tokens.len() && opens_sentence(text, &tokens[end])
        } else if tokens[i].kind == TokenKind::Word && word.ends_with('.') && can_end_sentence(word) {
            end < tokens.len() && starts_sentence(tokens[end].span.of(text))
        } else {
            false
        };
        if breaks {
            push_sentence(tokens, start..end, paragraph, out);
            start = end;
        }
        i = end;
    }
    if start < tokens.len() {
        push_sentence(tokens, start..tokens.len(), paragraph, out);
    }
}

/// Whether a token can open a new sentence: a capital, a digit, a quote or a bracket.
fn opens_sentence(text: &str, tok: &Token) -> bool {
    let c = tok.span.of(text).chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_numeric()
        || tok.kind == TokenKind::Quote
        || matches!(c, '(' | '[' | '-' | '—' | '•' | '¿' | '¡')
        || !c.is_alphabetic() && !c.is_ascii_punctuation()
}

fn push_sentence(tokens: &[Token], range: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let span = Span::new(tokens[range.start].span.start, tokens[range.end - 1].span.end);
    out.push(Sentence { span, tokens: range, paragraph });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text).sentences.iter().map(|s| s.span.of(text)).collect()
    }

    fn tokens(text: &str) -> Vec<&str> {
        segment(text).tokens.iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith met Gen. J. K. Rowling on Jan. 5 at No. 10. They talked."),
            ["Mr. Smith met Gen. J. K. Rowling on Jan. 5 at No. 10.", "They talked."]
        );
    }

    #[test]
    fn dotted_acronyms_end_a_sentence_only_before_a_sentence_start() {
        assert_eq!(
            sentences("The U.S. economy grew. He moved to the U.S. The move was hard."),
            ["The U.S. economy grew.", "He moved to the U.S.", "The move was hard."]
        );
    }

    #[test]
    fn decimals_and_ellipses() {
        assert_eq!(sentences("It rose 3.5 percent... Then it fell."), ["It rose 3.5 percent...", "Then it fell."]);
        assert_eq!(tokens("$1.13bn, 2,000 and 76%"), ["$", "1.13bn", ",", "2,000", "and", "76", "%"]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("He said: \"We will win.\" Then he left. “Go!” she said."),
            ["He said: \"We will win.\"", "Then he left.", "“Go!” she said."]
        );
    }

    #[test]
    fn headlines_and_bullets_stand_alone() {
        let text = "Talks stall in Baku\n\nThe talks stalled.\n- first point\n- second point";
        assert_eq!(sentences(text), ["Talks stall in Baku", "The talks stalled.", "- first point", "- second point"]);
        assert_eq!(segment(text).paragraphs.len(), 2);
    }

    #[test]
    fn hard_wrapped_lines_join_into_sentences() {
        let text = "The ministry said on Tuesday that the talks would resume in\nthe spring after a long pause that had worried many of the\ndiplomats who follow the region closely and the observers\nwho had long warned of a freeze. Nothing else was said.";
        assert_eq!(sentences(text).len(), 2);
    }

    #[test]
    fn party_tags_and_a_spoken_no() {
        assert_eq!(
            tokens("Sen. Smith (D-N.C.) and Rep. Doe (R-Fla.)"),
            ["Sen.", "Smith", "(", "D-N.C.", ")", "and", "Rep.", "Doe", "(", "R-Fla.", ")"]
        );
        assert_eq!(sentences("He said no. The vote failed."), ["He said no.", "The vote failed."]);
    }

    #[test]
    fn possessives_split_and_hyphens_join() {
        assert_eq!(tokens("Russia's Baku-Yerevan talks"), ["Russia", "'s", "Baku-Yerevan", "talks"]);
        assert_eq!(tokens("Russia’s O'Brien"), ["Russia", "’s", "O'Brien"]);
        assert_eq!(tokens("Russia 's talks"), ["Russia", "'s", "talks"]);
        assert_eq!(tokens("follow @SabinaMmdl ''now''"), ["follow", "@SabinaMmdl", "''", "now", "''"]);
    }

    #[test]
    fn crlf_and_cr_line_endings() {
        let text = "One line\r\n\r\nAnother one.\rA third.\r\nA fourth.";
        assert_eq!(sentences(text), ["One line", "Another one.", "A third.", "A fourth."]);
        assert_eq!(segment(text).paragraphs.len(), 2);
        assert_eq!(sentences("Ends here.\r"), ["Ends here."]);
        assert_eq!(segment("One.\r\n\r\nTwo.\r\n").paragraphs.len(), 2);
    }

    #[test]
    fn spans_land_on_char_boundaries() {
        let text = "Ça va? «Oui» 👩‍👩‍👧 e\u{301}té. مرحبا بالعالم.";
        let seg = segment(text);
        for t in &seg.tokens {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
    }
}
