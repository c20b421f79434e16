//! What the two taggers see of an article, shared by training and inference.
//!
//! Every token is described once: its word, shape and suffix hashed, the
//! reporting verb it is a form of (the lexicon's lemma, strength and form),
//! a coarse class (pronoun, determiner, "that", comma, colon, ...), where it
//! stands towards quote marks (outside, opening, inside, closing) and which
//! entity mention it belongs to (person, organization or other name; by
//! name, description or pronoun). Features are hashes of a template id and
//! one to three of those values, so extracting a token's features costs a
//! few multiplications and no allocation.
//!
//! The cue tagger looks at a token and its neighbours. The span tagger looks
//! at every token of a window from one cue's point of view: on which side of
//! the cue and how far, and what lies between the two (commas, "that", a
//! sentence end, quote marks, another reporting verb), which is what tells a
//! speaker or a reported clause from the writer's own words.

use super::super::QuoteKind;
use super::super::attribution::Found;
use super::super::lexicon::{self, Form, Strength};
use super::super::marks::Region;
use crate::analysis::entities::{Entity, EntityType, MentionKind};
use crate::analysis::memo::Memo;
use crate::analysis::segment::{Segmentation, TokenKind};
use crate::analysis::text::{FxHasher, Span, lowercase, shape};
use std::cell::RefCell;
use std::hash::BuildHasherDefault;
use std::ops::Range;

/// The most tokens a span window reaches before and after its cue, so that
/// a paragraph without breaks costs a bounded walk per cue.
const MAX_LEFT: usize = 160;
const MAX_RIGHT: usize = 240;

/// Coarse word classes for context features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Class {
    Word,
    Capitalized,
    Pronoun,
    Determiner,
    That,
    Comma,
    Colon,
    Terminal,
    /// A dash, a semicolon or a parenthesis: the writer takes over.
    Break,
    OpenMark,
    CloseMark,
    OtherMark,
    Number,
    Auxiliary,
    Preposition,
    Relative,
    Punct,
    According,
}

/// Where a token stands towards the quoted regions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Quoting {
    Outside,
    Opening,
    Inside,
    Closing,
}

/// One token, described once.
#[derive(Clone, Copy, Debug)]
pub(super) struct TokenInfo {
    word: u64,
    shape: u64,
    suffix: u64,
    /// The reporting verb's lemma (hashed), 0 when the word is none.
    lemma: u64,
    /// 0 when not a reporting verb, else 1 + strength * 5 + form.
    verb: u8,
    pub class: Class,
    pub quoting: Quoting,
    /// 0 outside mentions, else 1 + 3 * kind of entity (a person, an
    /// organization, another name, a date or time, an amount) + kind of mention.
    mention: u8,
    sentence: u32,
    /// The rules' cue here: 0 none, 1 its first token, 2 a later one.
    hint_cue: u8,
    /// What the token is to any of the rules' attributions: [`Role`].
    hint_role: Role,
}

/// What a token is to one of the rules' attributions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Role {
    /// The rules found no attribution for this cue.
    Unknown,
    Outside,
    Speaker,
    Content,
}

/// One attribution the hand-written rules found, in tokens: the taggers
/// weigh it as evidence, and learn from the training data when it holds.
#[derive(Clone, Debug)]
struct Hint {
    cue: Range<usize>,
    speaker: Option<Range<usize>>,
    content: Vec<Range<usize>>,
    kind: u8,
    /// The rules' own confidence, in tenths.
    confidence: u8,
}

impl Hint {
    fn role(&self, t: usize) -> Role {
        if self.speaker.as_ref().is_some_and(|r| r.contains(&t)) {
            Role::Speaker
        } else if self.content.iter().any(|r| r.contains(&t)) {
            Role::Content
        } else {
            Role::Outside
        }
    }
}

/// The rules' attributions as hints, one per cue, pieces of a split quote joined.
fn hints(seg: &Segmentation, regions: &[Region], rules: &[Found]) -> Vec<Hint> {
    let tokens = |span: Span| {
        let first = seg.tokens.partition_point(|t| t.span.end <= span.start);
        let last = seg.tokens.partition_point(|t| t.span.start < span.end);
        (first < last).then_some(first..last)
    };
    let mut out: Vec<Hint> = Vec::new();
    for found in rules {
        let Some(cue) = found.cue.and_then(tokens) else { continue };
        let content = match (found.kind, found.regions.first()) {
            (QuoteKind::Direct, Some(&r)) => regions.get(r).map(|r| r.open..r.close + 1),
            _ => tokens(found.content),
        };
        let Some(content) = content else { continue };
        if let Some(hint) = out.iter_mut().find(|h| h.cue == cue) {
            hint.content.push(content);
            continue;
        }
        out.push(Hint {
            cue,
            speaker: found.speaker.and_then(tokens),
            content: vec![content],
            kind: found.kind as u8,
            confidence: (found.confidence * 10.0) as u8,
        });
    }
    out
}

/// What a token's form says of it wherever it stands.
#[derive(Clone, Copy, Debug)]
struct Described {
    kind: TokenKind,
    word: u64,
    shape: u64,
    suffix: u64,
    lemma: u64,
    verb: u8,
    /// Before quote marks are told apart by where they stand.
    class: Class,
}

impl Described {
    fn new(form: &str, kind: TokenKind) -> Described {
        let lower = lowercase(form);
        let capitalized = form.chars().next().is_some_and(char::is_uppercase);
        let cue = lexicon::cue_word(&lower).filter(|_| kind == TokenKind::Word);
        Described {
            kind,
            word: hash(&lower),
            shape: shape_hash(form),
            suffix: suffix(&lower),
            lemma: cue.map_or(0, |c| hash(c.lemma)),
            verb: cue.map_or(0, |c| verb_code(c.strength, c.form)),
            class: class(&lower, kind, capitalized),
        }
    }
}

thread_local! {
    /// The forms this thread has described: lower-casing and the lexicon's
    /// lookups cost more than the rest of a token's features, and the same
    /// words make most of every article.
    static DESCRIBED: RefCell<Memo<Described, BuildHasherDefault<FxHasher>>> = RefCell::default();
}

/// `form` described, from the memo when it was met before as the same kind of token.
fn describe(form: &str, kind: TokenKind) -> Described {
    let known = DESCRIBED.with_borrow_mut(|memo| memo.get(form, |form| Described::new(form, kind)));
    if known.kind == kind { known } else { Described::new(form, kind) }
}

/// An article ready for feature extraction.
pub(in crate::analysis::quotes) struct Article {
    pub(super) tokens: Vec<TokenInfo>,
    /// Token ranges.
    pub(super) sentences: Vec<Range<usize>>,
    paragraph_of: Vec<u32>,
    /// Token ranges of the paragraphs.
    paragraphs: Vec<Range<usize>>,
    /// The opening and closing mark of each quoted region.
    regions: Vec<(usize, usize)>,
    /// The region whose marks enclose (or are) each token.
    region_of: Vec<Option<u32>>,
    /// Per sentence: whether it holds a quote mark.
    quoted_sentence: Vec<bool>,
    hints: Vec<Hint>,
}

/// The hash of a feature: a template id and up to three values.
fn feature(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = template.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for x in [a, b, c] {
        h = (h.rotate_left(23) ^ x).wrapping_mul(0xff51_afd7_ed55_8ccd);
    }
    // The top bits index the weight table: mix them well (murmur3's finalizer).
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(h: u64, byte: u8) -> u64 {
    (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

fn hash(s: &str) -> u64 {
    s.bytes().fold(FNV_OFFSET, fnv)
}

/// The token's [`shape`] hashed as written out, at most seven bytes of it:
/// "McCain" → "XxXx", "2,000" → "d,d".
fn shape_hash(token: &str) -> u64 {
    let (mut h, mut bytes) = (FNV_OFFSET, 0);
    for symbol in shape(token, |c| c.is_ascii_digit()) {
        let mut buf = [0u8; 4];
        h = symbol.encode_utf8(&mut buf).bytes().fold(h, fnv);
        bytes += symbol.len_utf8();
        if bytes > 6 {
            break;
        }
    }
    h
}

fn suffix(lower: &str) -> u64 {
    let start = lower.char_indices().rev().nth(2).map_or(0, |(k, _)| k);
    hash(&lower[start..])
}

fn class(lower: &str, kind: TokenKind, capitalized: bool) -> Class {
    match kind {
        TokenKind::Number => return Class::Number,
        TokenKind::Quote => return Class::OtherMark,
        TokenKind::Punct => {
            return match lower {
                "," => Class::Comma,
                ":" => Class::Colon,
                "." | "!" | "?" | "…" => Class::Terminal,
                ";" | "—" | "–" | "--" | "-" | "(" | ")" | "[" | "]" => Class::Break,
                _ if lower.starts_with("..") => Class::Terminal,
                _ => Class::Punct,
            };
        }
        TokenKind::Word => {}
    }
    match lower {
        "that" => Class::That,
        _ if lexicon::is_relative_pronoun(lower) => Class::Relative,
        "according" => Class::According,
        _ if lexicon::is_personal_pronoun(lower) => Class::Pronoun,
        _ if lexicon::is_determiner(lower) => Class::Determiner,
        _ if capitalized => Class::Capitalized,
        _ if lexicon::is_adverb_or_auxiliary(lower) => Class::Auxiliary,
        _ if lexicon::is_time_word(lower) => Class::Preposition,
        _ => Class::Word,
    }
}

fn verb_code(strength: Strength, form: Form) -> u8 {
    let s = match strength {
        Strength::Speech => 0,
        Strength::Act => 1,
        Strength::Evaluative => 2,
    };
    let f = match form {
        Form::Base => 0,
        Form::Third => 1,
        Form::Past => 2,
        Form::Participle => 3,
        Form::Gerund => 4,
    };
    1 + s * 5 + f
}

fn mention_code(entity: EntityType, mention: MentionKind) -> u8 {
    let e = match entity {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Location | EntityType::Nationality | EntityType::Event | EntityType::Other => 2,
        EntityType::Date | EntityType::Time => 3,
        EntityType::Money | EntityType::Percent | EntityType::Quantity => 4,
    };
    let m = match mention {
        MentionKind::Proper => 0,
        MentionKind::Common => 1,
        MentionKind::Pronoun => 2,
    };
    1 + 3 * e + m
}

/// Distance buckets: 1, 2, 3, 4, 5-6, 7-10, 11-15, 16-25, 26-40, more.
fn distance(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=10 => 6,
        11..=15 => 7,
        16..=25 => 8,
        26..=40 => 9,
        _ => 10,
    }
}

/// Word-count buckets: 0, 1, 2, 3-5, 6-10, more.
fn words_bucket(n: u32) -> u64 {
    match n {
        0..=2 => u64::from(n),
        3..=5 => 3,
        6..=10 => 4,
        _ => 5,
    }
}

impl Article {
    /// `rules`: what the hand-written rules found, weighed as evidence.
    pub(in crate::analysis::quotes) fn new(
        text: &str,
        seg: &Segmentation,
        regions: &[Region],
        entities: &[Entity],
        rules: &[Found],
    ) -> Article {
        let hints = hints(seg, regions, rules);
        let mut hint_cue = vec![0u8; seg.tokens.len()];
        let mut hint_role = vec![Role::Outside; seg.tokens.len()];
        for hint in &hints {
            hint_cue[hint.cue.start] = 1;
            hint_cue[hint.cue.start + 1..hint.cue.end].fill(2);
            for r in &hint.content {
                hint_role[r.clone()].fill(Role::Content);
            }
            if let Some(r) = &hint.speaker {
                hint_role[r.clone()].fill(Role::Speaker);
            }
        }
        let mut mention_of = vec![0u8; seg.tokens.len()];
        for entity in entities {
            for m in &entity.mentions {
                let first = seg.tokens.partition_point(|t| t.span.end <= m.span.start);
                let code = mention_code(entity.kind, m.kind);
                for (slot, token) in mention_of[first..].iter_mut().zip(&seg.tokens[first..]) {
                    if token.span.start >= m.span.end {
                        break;
                    }
                    *slot = code;
                }
            }
        }
        let mut region_of = vec![None; seg.tokens.len()];
        for (r, region) in regions.iter().enumerate() {
            for slot in &mut region_of[region.open..=region.close] {
                *slot = Some(r as u32);
            }
        }
        let mut sentence_of = vec![0u32; seg.tokens.len()];
        for (s, sentence) in seg.sentences.iter().enumerate() {
            for slot in &mut sentence_of[sentence.tokens.clone()] {
                *slot = s as u32;
            }
        }
        let tokens = seg
            .tokens
            .iter()
            .enumerate()
            .map(|(i, token)| {
                let described = describe(token.span.of(text), token.kind);
                let quoting = match region_of[i].map(|r| regions[r as usize]) {
                    Some(r) if r.open == i => Quoting::Opening,
                    Some(r) if r.close == i => Quoting::Closing,
                    Some(_) => Quoting::Inside,
                    None => Quoting::Outside,
                };
                let class = match (described.class, quoting) {
                    (Class::OtherMark, Quoting::Opening) => Class::OpenMark,
                    (Class::OtherMark, Quoting::Closing) => Class::CloseMark,
                    (class, _) => class,
                };
                TokenInfo {
                    word: described.word,
                    shape: described.shape,
                    suffix: described.suffix,
                    lemma: described.lemma,
                    verb: described.verb,
                    class,
                    quoting,
                    mention: mention_of[i],
                    sentence: sentence_of[i],
                    hint_cue: hint_cue[i],
                    hint_role: hint_role[i],
                }
            })
            .collect();
        let sentences: Vec<Range<usize>> = seg.sentences.iter().map(|s| s.tokens.clone()).collect();
        let paragraph_of = seg.sentences.iter().map(|s| s.paragraph as u32).collect();
        let paragraphs = seg
            .paragraphs
            .iter()
            .map(|p| {
                let first = seg.sentences.get(p.sentences.start).map_or(0, |s| s.tokens.start);
                let last = p.sentences.end.checked_sub(1).and_then(|s| seg.sentences.get(s));
                first..last.map_or(first, |s| s.tokens.end).max(first)
            })
            .collect();
        let quoted_sentence = sentences.iter().map(|r| r.clone().any(|i| region_of[i].is_some())).collect();
        Article {
            tokens,
            sentences,
            paragraph_of,
            paragraphs,
            regions: regions.iter().map(|r| (r.open, r.close)).collect(),
            region_of,
            quoted_sentence,
            hints,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.tokens.len()
    }

    fn word(&self, i: Option<usize>) -> u64 {
        i.and_then(|i| self.tokens.get(i)).map_or(0x5bd1_e995, |t| t.word)
    }

    fn class_at(&self, i: Option<usize>) -> u64 {
        i.and_then(|i| self.tokens.get(i)).map_or(99, |t| t.class as u64)
    }

    /// Cue candidates beside the cue tagger's: every reporting verb of the
    /// lexicon and every cue of the rules, as token ranges.
    pub(super) fn candidates(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let verbs = (0..self.tokens.len()).filter(|&i| self.tokens[i].verb != 0).map(|i| i..i + 1);
        verbs.chain(self.hints.iter().map(|h| h.cue.clone()))
    }

    /// The features the cue tagger scores for token `i` of sentence `s`.
    pub(super) fn cue_features(&self, s: usize, i: usize, mut emit: impl FnMut(u64)) {
        let range = &self.sentences[s];
        let t = &self.tokens[i];
        let at = |k: isize| i.checked_add_signed(k).filter(|j| range.contains(j));
        let verb = u64::from(t.verb);
        let quoted = u64::from(self.quoted_sentence[s]);
        let mut f = |template: u64, a: u64, b: u64, c: u64| emit(feature(template, a, b, c));
        f(1, 0, 0, 0);
        f(2, t.word, 0, 0);
        f(3, t.lemma, verb, 0);
        f(4, self.word(at(-1)), 0, 0);
        f(5, self.word(at(1)), 0, 0);
        f(6, self.word(at(-2)), 0, 0);
        f(7, self.word(at(2)), 0, 0);
        f(8, self.word(at(-1)), t.word, 0);
        f(9, t.word, self.word(at(1)), 0);
        f(10, t.shape, 0, 0);
        f(11, t.suffix, 0, 0);
        f(12, verb, self.class_at(at(-1)), self.class_at(at(1)));
        f(13, verb, at(-1).map_or(0, |j| u64::from(self.tokens[j].mention)), 0);
        f(14, t.quoting as u64, at(-1).map_or(9, |j| self.tokens[j].quoting as u64), verb);
        f(15, verb, quoted, 0);
        f(16, verb, u64::from(i == range.start), 0);
        f(17, t.lemma, self.word(at(1)), 0);
        f(18, self.class_at(at(-1)), t.class as u64, self.class_at(at(1)));
        f(19, t.word, t.quoting as u64, 0);
        f(20, t.word, self.class_at(at(-1)), 0);
        f(21, t.word, self.class_at(at(1)), 0);
        f(22, t.lemma, self.class_at(at(1)), self.class_at(at(2)));
        f(23, u64::from(t.mention), quoted, 0);
        let hint = u64::from(t.hint_cue);
        f(24, hint, verb, 0);
        f(25, hint, t.word, 0);
        f(26, hint, at(1).map_or(0, |j| u64::from(self.tokens[j].hint_cue)), t.quoting as u64);
    }

    /// The tokens a cue's source and content are looked for in: its
    /// paragraph, grown to the quoted regions that cross its edges, and the
    /// next paragraph when this one ends on a colon ("He said:").
    pub(super) fn window(&self, cue: &Range<usize>) -> Range<usize> {
        let Some(info) = self.tokens.get(cue.start) else { return cue.clone() };
        let p = self.paragraph_of[info.sentence as usize] as usize;
        let mut window = self.paragraphs[p].clone();
        let ends_on_colon = window.end > 0 && self.tokens[window.end - 1].class == Class::Colon;
        if ends_on_colon && let Some(next) = self.paragraphs.get(p + 1) {
            window.end = next.end;
        }
        if let Some(r) = self.region_of.get(window.start).copied().flatten() {
            window.start = window.start.min(self.regions[r as usize].0);
        }
        if let Some(r) = window.end.checked_sub(1).and_then(|k| self.region_of.get(k).copied().flatten()) {
            window.end = window.end.max(self.regions[r as usize].1 + 1);
        }
        let start = window.start.max(cue.start.saturating_sub(MAX_LEFT));
        let end = window.end.min(cue.end + MAX_RIGHT).max(cue.end);
        start.min(cue.start)..end
    }

    /// The features the span tagger scores for every token of `window` seen
    /// from `cue`: `emit(token, hash)`. `cues` says which tokens the cue
    /// tagger took for cues.
    pub(super) fn span_features(
        &self,
        cue: &Cue,
        window: &Range<usize>,
        cues: &[bool],
        mut emit: impl FnMut(usize, u64),
    ) {
        let origin = cue.origin as u64;
        let confidence = (cue.margin / 5.0).clamp(-4.0, 8.0).floor() as i64 as u64;
        let cue = &cue.range;
        let head = &self.tokens[cue.start];
        let lemma = self.tokens[cue.clone()].iter().map(|t| t.lemma).find(|&l| l != 0).unwrap_or(head.word);
        let verb = u64::from(self.tokens[cue.clone()].iter().map(|t| t.verb).find(|&v| v != 0).unwrap_or(0));
        let before = self.class_at(cue.start.checked_sub(1));
        let after = self.class_at(Some(cue.end));
        let cue_sentence = head.sentence;
        let cue_paragraph = self.paragraph_of[cue_sentence as usize];
        let cue_len = (cue.len() as u64).min(4);
        let hint = self.hints.iter().find(|h| h.cue.start < cue.end && cue.start < h.cue.end);
        let (hint_kind, hint_confidence) = hint.map_or((9, 0), |h| (u64::from(h.kind), u64::from(h.confidence)));
        let role = |t: usize| hint.map_or(Role::Unknown, |h| h.role(t)) as u64;
        let sides = [
            (Side::Left, (window.start..cue.start).rev().collect::<Vec<_>>()),
            (Side::Right, (cue.end..window.end).collect()),
        ];
        for (side, order) in sides {
            let mut between = Between::default();
            let mut closer_role = role(cue.start);
            // Per position of the walk: whether a quote opens farther on in the same sentence.
            let mut quote_ahead = vec![false; order.len()];
            let mut ahead = false;
            for (k, &t) in order.iter().enumerate().rev() {
                if order.get(k + 1).is_some_and(|&u| self.tokens[u].sentence != self.tokens[t].sentence) {
                    ahead = false;
                }
                quote_ahead[k] = ahead;
                ahead |= matches!(self.tokens[t].quoting, Quoting::Opening | Quoting::Closing);
            }
            for (d, &t) in order.iter().enumerate() {
                let info = &self.tokens[t];
                let dir = side as u64;
                let dist = distance(d + 1);
                let near = u64::from(d < 3);
                let quoting = info.quoting as u64;
                let offset = (i64::from(info.sentence) - i64::from(cue_sentence)).clamp(-2, 2) as u64;
                let prev = self.class_at(t.checked_sub(1));
                let next = self.class_at(Some(t + 1));
                let mut f = |template: u64, a: u64, b: u64, c: u64| emit(t, feature(100 + 4 * template + dir, a, b, c));
                f(1, 0, 0, 0);
                f(2, dist, 0, 0);
                f(3, quoting, u64::from(between.marks), 0);
                f(4, quoting, words_bucket(between.words), u64::from(between.marks));
                f(5, info.word, 0, 0);
                f(6, info.class as u64, dist, 0);
                f(7, self.word(t.checked_sub(1)), 0, 0);
                f(8, self.word(Some(t + 1)), 0, 0);
                f(9, prev, info.class as u64, next);
                f(10, u64::from(info.mention), dist, 0);
                f(11, u64::from(info.mention), u64::from(between.commas), near);
                f(12, offset, quoting, 0);
                f(13, u64::from(between.commas), u64::from(between.that), u64::from(between.terminal));
                f(14, u64::from(between.other_cue), near, quoting);
                f(15, u64::from(between.colon), u64::from(between.breaks), quoting);
                f(16, lemma, 0, 0);
                f(17, lemma, quoting, near);
                f(18, verb, info.class as u64, near);
                f(19, verb, dist, 0);
                f(20, info.shape, 0, 0);
                f(21, info.word, near, 0);
                f(22, after, dist, quoting);
                f(23, before, dist, quoting);
                f(24, u64::from(self.paragraph_of[info.sentence as usize] != cue_paragraph), quoting, 0);
                f(25, u64::from(self.sentences[info.sentence as usize].start == t), offset, 0);
                f(26, cue_len, dist, 0);
                f(27, u64::from(between.that), u64::from(between.commas.min(1)), words_bucket(between.words));
                f(28, u64::from(between.terminal), quoting, u64::from(between.marks));
                f(29, info.class as u64, words_bucket(between.words), u64::from(between.commas));
                f(30, u64::from(info.mention), prev, next);
                let here = role(t);
                f(31, here, quoting, hint_kind);
                f(32, here, dist, 0);
                f(33, here, hint_confidence, 0);
                f(34, here, closer_role, quoting);
                f(35, info.hint_role as u64, here, 0);
                f(36, origin, confidence, 0);
                f(37, origin, confidence, quoting);
                f(38, origin, here, near);
                f(39, u64::from(info.mention), u64::from(between.mentions), u64::from(between.commas));
                f(40, info.class as u64, u64::from(between.mentions), near);
                f(41, head.word, info.class as u64, near);
                let ahead = u64::from(quote_ahead[d]);
                f(42, ahead, quoting, u64::from(between.marks));
                f(43, ahead, info.class as u64, words_bucket(between.words));
                closer_role = here;
                between.pass(info, cues.get(t).copied().unwrap_or(false) || info.verb != 0);
            }
        }
    }
}

/// Where a cue candidate comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Origin {
    /// The cue tagger.
    Tagged,
    /// The lexicon or the rules, where the cue tagger saw none.
    Candidate,
    /// A gold cue no candidate covers (training only).
    Gold,
}

/// A cue candidate: its tokens, where it comes from, and the cue tagger's
/// margin for it (negative when the tagger did not take it).
#[derive(Clone, Debug)]
pub(super) struct Cue {
    pub range: Range<usize>,
    pub origin: Origin,
    pub margin: f32,
}

/// On which side of its cue a token stands.
#[derive(Clone, Copy)]
enum Side {
    Left = 1,
    Right = 2,
}

/// What lies between a cue and a token, counted as the walk moves away from the cue.
#[derive(Default)]
struct Between {
    commas: u8,
    that: bool,
    terminal: bool,
    other_cue: bool,
    colon: bool,
    breaks: bool,
    /// Quote marks passed, at most 3.
    marks: u8,
    /// Words passed outside quotes.
    words: u32,
    /// Mentions of names passed (their first tokens), at most 3.
    mentions: u8,
}

impl Between {
    fn pass(&mut self, t: &TokenInfo, cue: bool) {
        match t.class {
            Class::Comma => self.commas = (self.commas + 1).min(3),
            Class::That => self.that = true,
            Class::Terminal => self.terminal = true,
            Class::Colon => self.colon = true,
            Class::Break => self.breaks = true,
            Class::OpenMark | Class::CloseMark => self.marks = (self.marks + 1).min(3),
            _ => {}
        }
        self.other_cue |= cue;
        if t.mention != 0 {
            self.mentions = (self.mentions + 1).min(3);
        }
        if t.quoting == Quoting::Outside && !matches!(t.class, Class::Punct | Class::Comma | Class::Terminal) {
            self.words += 1;
        }
    }
}
