//! The features the tagger scores, shared by training and inference.
//!
//! Every token is hashed once (form, case-folded form, shape, affixes,
//! gazetteer flags); a feature is then a hash of a template id and one or two
//! of those precomputed values, so extracting the ~30 features of a token
//! costs a few multiplications and no allocation. Besides the token and its
//! neighbours (±2), features describe the line (all capitals, title case),
//! the document (is this word written in lower case elsewhere? capitalized
//! mid-sentence elsewhere?) and, in the second stage, what the first stage
//! predicted for the other occurrences of the same word in the document.

use super::super::gazetteer::{self, KeyMap, finish, flag, lower_key, mix};
use super::Label;
use crate::analysis::lexicon;
use crate::analysis::text::shape;
use std::ops::Range;
use std::sync::LazyLock;

/// How a word is capitalized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    NoLetters,
    Lower,
    Title,
    Upper,
    Mixed,
}

impl Case {
    fn of(token: &str) -> Case {
        let mut letters = token.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else { return Case::NoLetters };
        let (mut upper, mut lower) = (0, 0);
        for c in letters {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
        match (first.is_uppercase(), upper, lower) {
            (false, 0, _) => Case::Lower,
            (false, _, _) => Case::Mixed,
            (true, _, 0) => Case::Upper,
            (true, _, _) => Case::Title,
        }
    }

    fn is_capitalized(self) -> bool {
        matches!(self, Case::Title | Case::Upper | Case::Mixed)
    }
}

/// How a whole line (sentence) is capitalized: headlines lose the case cues
/// that running text has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    Normal,
    AllCaps,
    TitleCase,
}

/// What the document says about a word across all its normal lines.
mod seen {
    pub const LOWER: u8 = 1;
    pub const CAPITALIZED_MID_SENTENCE: u8 = 2;
}

/// One token, hashed once.
#[derive(Clone, Copy, Debug)]
pub(super) struct TokenInfo {
    form: u64,
    lower: u64,
    shape: u64,
    /// Case-folded prefixes and suffixes of 2 to 4 letters; 0 when absent.
    affixes: [u64; 6],
    case: Case,
    /// Gazetteer flags (see [`gazetteer_flags`]).
    gazetteer: u16,
    /// The gazetteer name of several tokens this token is part of: its kinds,
    /// and whether the token begins it.
    phrase: u16,
    phrase_begins: bool,
    seen: u8,
    /// "," "and" "or": the words on either side are often of one class.
    joins_list: bool,
    /// A camel-case word ending in an organization word: "AzerNews", "PetroBank".
    camel_org: bool,
    /// A handle, hashtag or address: never part of a name.
    never_a_name: bool,
}

/// The hash of a feature: a template id and the value it takes.
fn feature(template: u64, value: u64) -> u64 {
    finish(mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15), value))
}

/// What the previous stage predicted, per token.
pub(super) struct History {
    labels: Vec<Label>,
    /// The entity class (1 + class index; 0 for none) most often predicted for
    /// the other occurrences of the token's word in the document.
    elsewhere: Vec<u8>,
}

/// A document ready for feature extraction.
pub(super) struct Document {
    tokens: Vec<TokenInfo>,
    sentences: Vec<Range<usize>>,
    lines: Vec<LineKind>,
}

const BOUNDARY: u64 = 0x5bd1_e995_1234_5678;

impl Document {
    /// `infos` describe `tokens` ([`describe`]); `sentences` must be
    /// ordered, disjoint ranges into `tokens`.
    pub fn new(tokens: &[&str], sentences: &[Range<usize>], mut infos: Vec<TokenInfo>) -> Document {
        let sentences: Vec<Range<usize>> =
            sentences.iter().filter(|r| r.start < r.end && r.end <= tokens.len()).cloned().collect();
        let lines: Vec<LineKind> = sentences.iter().map(|r| line_kind(&infos[r.clone()], &tokens[r.clone()])).collect();
        for (range, &line) in sentences.iter().zip(&lines) {
            mark_phrases(&mut infos[range.clone()], line);
        }
        mark_seen(&mut infos, &sentences, &lines);
        mark_boilerplate(&mut infos);
        Document { tokens: infos, sentences, lines }
    }

    /// Whether token `i` can never be part of a name (a handle, a web address).
    pub fn never_a_name(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.never_a_name)
    }

    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The history of a previous stage's `labels` (one per token).
    pub fn history(&self, labels: Vec<Label>) -> History {
        let mut votes: KeyMap<[u16; 5]> = KeyMap::default();
        for (info, &label) in self.tokens.iter().zip(&labels) {
            if info.case.is_capitalized() {
                let vote = &mut votes.entry(info.lower).or_default()[usize::from(label.class_slot())];
                *vote = vote.saturating_add(1);
            }
        }
        let elsewhere = self
            .tokens
            .iter()
            .zip(&labels)
            .map(|(info, &label)| {
                let Some(v) = votes.get(&info.lower) else { return 0 };
                let mut v = *v;
                if info.case.is_capitalized() {
                    let own = &mut v[usize::from(label.class_slot())];
                    *own = own.saturating_sub(1);
                }
                majority_class(&v)
            })
            .collect();
        History { labels, elsewhere }
    }

    /// Gives `emit` the hash of every feature of token `i` of sentence `s`:
    /// those its word and the words around it give ([`word_features`]),
    /// then those of its context.
    pub fn features(&self, s: usize, i: usize, history: Option<&History>, mut emit: impl FnMut(u64)) {
        let Some(range) = self.sentences.get(s) else { return };
        for place in PLACES {
            let word = neighbour(range, i, place).and_then(|j| self.tokens.get(j));
            word_features(word, place, history.is_none(), &mut emit);
        }
        self.context_features(s, i, history, emit);
    }

    /// Gives `emit` the hash of every feature of token `i` of sentence `s`
    /// that pairs its word with others, or depends on its line, the
    /// document or the previous stage.
    pub fn context_features(&self, s: usize, i: usize, history: Option<&History>, mut emit: impl FnMut(u64)) {
        let (Some(range), Some(&line)) = (self.sentences.get(s), self.lines.get(s)) else { return };
        let Some(t) = self.tokens.get(i) else { return };
        let near = |place: Place| neighbour(range, i, place).and_then(|j| self.tokens.get(j));
        let (before, after) = (near(Place::Before), near(Place::After));
        let lower = |t: Option<&TokenInfo>| t.map_or(BOUNDARY, |t| t.lower);
        let shape = |t: Option<&TokenInfo>| t.map_or(BOUNDARY, |t| t.shape);
        let mut push = |template: u64, value: u64| emit(feature(template, value));
        let case = t.case as u64;
        let line = line as u64;
        let start = u64::from(i == range.start);

        // The words around: the first stage's job; the second stage keeps
        // only what it needs to weigh the first stage's guesses.
        if history.is_none() {
            push(24, mix(lower(before), t.lower));
            push(25, mix(t.lower, lower(after)));
            push(29, mix(t.shape, lower(before)));
            push(30, mix(t.shape, lower(after)));
        }
        push(28, mix(mix(shape(before), t.shape), shape(after)));
        if t.phrase != 0 {
            push(52, mix(u64::from(t.phrase), u64::from(t.phrase_begins)));
        }
        push(60, mix(mix(case, line), start));
        push(61, mix(mix(u64::from(t.seen), case), mix(line, start)));
        push(62, mix(line, t.lower));
        if let Some(h) = history {
            let index = |offset: isize| i.checked_add_signed(offset).filter(|j| range.contains(j));
            let label = |o| index(o).and_then(|j| h.labels.get(j)).map_or(99, |l| u64::from(l.0));
            let elsewhere = u64::from(h.elsewhere.get(i).copied().unwrap_or(0));
            push(70, label(0));
            push(71, mix(label(-1), label(0)));
            push(72, mix(label(0), label(1)));
            push(73, mix(elsewhere, case));
            push(74, mix(mix(elsewhere, label(0)), line));
            // The other side of a list: "Kalbajar, Aghdam, and Lachin".
            let joins = |o: isize| index(o).and_then(|j| self.tokens.get(j)).is_some_and(|t| t.joins_list);
            if joins(-1) {
                push(75, label(if joins(-2) { -3 } else { -2 }));
            }
            if joins(1) {
                push(76, label(2));
            }
        }
    }
}

/// Where a word stands from the token whose features it gives, in text order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    SecondBefore,
    Before,
    Token,
    After,
    SecondAfter,
}

/// Every place, in text order: the window of words around a token.
pub(super) const PLACES: [Place; 5] =
    [Place::SecondBefore, Place::Before, Place::Token, Place::After, Place::SecondAfter];

/// The token of sentence `range` that stands at `place` from token `i`.
fn neighbour(range: &Range<usize>, i: usize, place: Place) -> Option<usize> {
    i.checked_add_signed(place as isize - Place::Token as isize).filter(|j| range.contains(j))
}

/// Gives `emit` the hash of every feature a word gives the token it stands
/// at `place` from (`None`: the sentence ends there), for the first stage
/// or (fewer) for the second: as the token, its forms, shape, affixes and
/// gazetteer entries; as a neighbour, its case-folded form, shape and
/// gazetteer entries. They score the same wherever the word stands, so the
/// recognizer keeps their sums with the word.
pub(super) fn word_features(word: Option<&TokenInfo>, place: Place, first_stage: bool, mut emit: impl FnMut(u64)) {
    let mut push = |template: u64, value: u64| emit(feature(template, value));
    let lower = word.map_or(BOUNDARY, |t| t.lower);
    let shape = word.map_or(BOUNDARY, |t| t.shape);
    let gazetteer = u64::from(word.map_or(0, |t| t.gazetteer));
    match place {
        Place::Token => {
            if let Some(t) = word {
                own_features(t, first_stage, push);
            }
        }
        Place::Before => {
            if first_stage {
                push(20, lower);
            }
            push(26, shape);
            push(50, gazetteer);
        }
        Place::After => {
            if first_stage {
                push(21, lower);
            }
            push(27, shape);
            push(51, gazetteer);
        }
        Place::SecondBefore if first_stage => push(22, lower),
        Place::SecondAfter if first_stage => push(23, lower),
        Place::SecondBefore | Place::SecondAfter => {}
    }
}

/// The features a word gives itself (template and value).
fn own_features(t: &TokenInfo, first_stage: bool, mut push: impl FnMut(u64, u64)) {
    let case = t.case as u64;
    push(1, 0);
    push(3, t.lower);
    push(4, t.shape);
    if first_stage {
        push(2, t.form);
        for (k, &a) in t.affixes.iter().enumerate() {
            if a != 0 {
                push(10 + k as u64, a);
            }
        }
    }
    for bit in 0..flag::KINDS.count_ones() {
        if t.gazetteer & (1 << bit) != 0 {
            push(40 + u64::from(bit), case);
        }
    }
    if t.camel_org {
        push(53, case);
    }
}

/// The class seen most (ties to the lower slot), 0 when no class was seen.
fn majority_class(votes: &[u16; 5]) -> u8 {
    let mut best = 0;
    for slot in 1..5 {
        if votes[slot] > 0 && votes[slot] > votes[best] {
            best = slot;
        }
    }
    best as u8
}

/// Describes a token: its case, shape, affixes and gazetteer entries, hashed.
pub(super) fn describe(token: &str) -> TokenInfo {
    let case = Case::of(token);
    let lower = lower_key(token);
    let is_word = case != Case::NoLetters;
    TokenInfo {
        form: token.chars().fold(0x1234_5678u64, |h, c| mix(h, u64::from(c))),
        lower,
        shape: shape_of(token),
        affixes: if is_word { affixes(token) } else { [0; 6] },
        case,
        gazetteer: gazetteer_flags(token, lower, case),
        phrase: 0,
        phrase_begins: false,
        seen: 0,
        joins_list: matches!(token, "," | "and" | "or" | "&"),
        camel_org: is_word && camel_tail(token).is_some_and(gazetteer::is_org_suffix),
        never_a_name: token.starts_with(['@', '#']) || token.contains("://") || token.starts_with("www."),
    }
}

/// What the gazetteers say of a token: names count when capitalized; titles,
/// organization words and place nouns count in any case ("spokesperson
/// Maria Zakharova", "Shusha city").
fn gazetteer_flags(token: &str, lower: u64, case: Case) -> u16 {
    const CUES: u16 = flag::PERSON_TITLE | flag::ORG_SUFFIX | flag::PLACE_WORD;
    let flags = gazetteer::token_flags(token, lower) & flag::KINDS;
    if case.is_capitalized() { flags } else { flags & CUES }
}

/// The part of a camel-case word from its last inner capital: "AzerNews" -> "News".
fn camel_tail(token: &str) -> Option<&str> {
    let (at, _) = token.char_indices().skip(1).filter(|&(_, c)| c.is_uppercase()).last()?;
    let tail = &token[at..];
    tail.chars().nth(1).is_some_and(char::is_lowercase).then_some(tail)
}

/// The shape of a token ([`shape`]) hashed: "Zakharova" -> "Xx", "1996-08-30" -> "d-d-d".
fn shape_of(token: &str) -> u64 {
    finish(shape(token, char::is_numeric).fold(0x7f4a_7c15u64, |h, symbol| mix(h, u64::from(symbol))))
}

/// Case-folded prefixes of 2, 3, 4 letters, then suffixes of 2, 3, 4; 0 where the word is too short.
fn affixes(token: &str) -> [u64; 6] {
    let mut out = [0; 6];
    let fold = |h: u64, c: char| c.to_lowercase().fold(h, |h, l| mix(h, u64::from(l)));
    let mut h = 0x3c6e_f372u64;
    for (n, c) in token.chars().take(4).enumerate() {
        h = fold(h, c);
        if n >= 1 {
            out[n - 1] = finish(h);
        }
    }
    let mut h = 0xa54f_f53au64;
    for (n, c) in token.chars().rev().take(4).enumerate() {
        h = fold(h, c);
        if n >= 1 {
            out[n + 2] = finish(h);
        }
    }
    out
}

fn line_kind(infos: &[TokenInfo], tokens: &[&str]) -> LineKind {
    let (mut upper, mut title, mut lower) = (0, 0, 0);
    for (info, token) in infos.iter().zip(tokens) {
        match info.case {
            Case::Upper if token.len() >= 2 => upper += 1,
            Case::Title if token.len() >= 4 => title += 1,
            Case::Lower if token.len() >= 4 => lower += 1,
            Case::Mixed => lower += 1,
            _ => {}
        }
    }
    let any_not_upper = infos.iter().any(|t| matches!(t.case, Case::Lower | Case::Title | Case::Mixed));
    if upper >= 1 && !any_not_upper {
        LineKind::AllCaps
    } else if lower == 0 && title >= 3 {
        LineKind::TitleCase
    } else {
        LineKind::Normal
    }
}

/// Marks the tokens of gazetteer names of two to five tokens, longest first.
fn mark_phrases(sentence: &mut [TokenInfo], line: LineKind) {
    let mut i = 0;
    while i < sentence.len() {
        let first = &sentence[i];
        if !first.case.is_capitalized() && line == LineKind::Normal {
            i += 1;
            continue;
        }
        let mut key = first.lower;
        let mut flags = gazetteer::phrase_flags(key);
        let mut found = None;
        let mut j = i + 1;
        while flags & flag::PREFIX != 0 && j < sentence.len() && j < i + 5 {
            key = gazetteer::extend(key, sentence[j].lower);
            flags = gazetteer::phrase_flags(key);
            j += 1;
            if flags & flag::KINDS != 0 && sentence[j - 1].case != Case::Lower {
                found = Some((j, flags & flag::KINDS));
            }
        }
        match found {
            Some((end, kinds)) => {
                for (k, info) in sentence[i..end].iter_mut().enumerate() {
                    info.phrase = kinds;
                    info.phrase_begins = k == 0;
                }
                i = end;
            }
            None => i += 1,
        }
    }
}

/// Links and buttons of web pages that come along with extracted article
/// text; their capitals never make a name.
static BOILERPLATE_KEYS: LazyLock<Vec<(u64, u64)>> = LazyLock::new(|| {
    lexicon::words("boilerplate_pairs")
        .filter_map(|pair| pair.split_once(' '))
        .map(|(a, b)| (lower_key(a), lower_key(b)))
        .collect()
});

fn mark_boilerplate(infos: &mut [TokenInfo]) {
    for i in 1..infos.len() {
        if infos[i - 1].case.is_capitalized() && BOILERPLATE_KEYS.contains(&(infos[i - 1].lower, infos[i].lower)) {
            infos[i - 1].never_a_name = true;
            infos[i].never_a_name = true;
        }
    }
}

/// Records, per word, how the document's normal lines write it.
fn mark_seen(infos: &mut [TokenInfo], sentences: &[Range<usize>], lines: &[LineKind]) {
    let mut seen: KeyMap<u8> = KeyMap::default();
    for (range, &line) in sentences.iter().zip(lines) {
        if line != LineKind::Normal {
            continue;
        }
        for (k, info) in infos[range.clone()].iter().enumerate() {
            let bit = match info.case {
                Case::Lower => seen::LOWER,
                Case::Title | Case::Upper | Case::Mixed if k > 0 => seen::CAPITALIZED_MID_SENTENCE,
                _ => continue,
            };
            *seen.entry(info.lower).or_default() |= bit;
        }
    }
    for info in infos.iter_mut() {
        info.seen = seen.get(&info.lower).copied().unwrap_or(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let tokens: Vec<&str> = text.split(' ').collect();
        let all = 0..tokens.len();
        Document::new(&tokens, std::slice::from_ref(&all), tokens.iter().map(|t| describe(t)).collect())
    }

    #[test]
    fn case_classes() {
        assert_eq!(Case::of("Baku"), Case::Title);
        assert_eq!(Case::of("TASS"), Case::Upper);
        assert_eq!(Case::of("iPhone"), Case::Mixed);
        assert_eq!(Case::of("the"), Case::Lower);
        assert_eq!(Case::of("2022"), Case::NoLetters);
    }

    #[test]
    fn camel_case_tails() {
        assert_eq!(camel_tail("AzerNews"), Some("News"));
        assert_eq!(camel_tail("McDonald"), Some("Donald"));
        assert_eq!(camel_tail("NATO"), None);
        assert_eq!(camel_tail("Baku"), None);
        assert!(describe("AzerNews").camel_org && !describe("McDonald").camel_org);
        assert!(describe("@AzerNewsAz").never_a_name && !describe("Baku").never_a_name);
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_of("Zakharova"), shape_of("Xy"));
        assert_eq!(shape_of("1996-08-30"), shape_of("1-2-3"));
        assert_ne!(shape_of("Baku"), shape_of("BAKU"));
    }

    #[test]
    fn headlines_are_recognized() {
        assert_eq!(doc("RUSSIA SAYS TALKS WITH BAKU GO ON").lines[0], LineKind::AllCaps);
        assert_eq!(doc("Russia Says Talks With Baku Go On").lines[0], LineKind::TitleCase);
        assert_eq!(doc("Russia says talks go on").lines[0], LineKind::Normal);
    }

    #[test]
    fn multi_token_gazetteer_names_are_marked() {
        let d = doc("He flew to Buenos Aires today");
        assert!(d.tokens[3].phrase & flag::CITY != 0 && d.tokens[3].phrase_begins);
        assert!(d.tokens[4].phrase & flag::CITY != 0 && !d.tokens[4].phrase_begins);
        assert_eq!(d.tokens[5].phrase, 0);
    }

    #[test]
    fn the_document_remembers_how_words_are_written() {
        let d = doc("Then Apple said the apple fell");
        assert_eq!(d.tokens[1].seen, seen::LOWER | seen::CAPITALIZED_MID_SENTENCE);
        assert_eq!(d.tokens[0].seen, 0);
    }

    #[test]
    fn web_page_buttons_are_never_names() {
        let d = doc("Sabina Mammadli Read more");
        assert!(d.never_a_name(2) && d.never_a_name(3) && !d.never_a_name(1));
        assert!(!doc("He will read more books").never_a_name(2));
    }

    #[test]
    fn every_token_has_word_and_context_features() {
        let d = doc("Maria Zakharova visited New York");
        let h = d.history(vec![Label(1), Label(2), Label(0), Label(5), Label(6)]);
        for history in [None, Some(&h)] {
            for i in 0..d.len() {
                let (mut all, mut context) = (0, 0);
                d.features(0, i, history, |_| all += 1);
                d.context_features(0, i, history, |_| context += 1);
                assert!(context >= 8 && all >= context + 7 && all < 48, "{i}: {all} {context}");
            }
        }
    }
}
