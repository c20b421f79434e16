//! Finds who reports what around each reporting verb: the speaker phrase, the
//! cue, and the reported content on the far side.
//!
//! Three shapes cover news prose. *Leading*: "Zakharova noted that ...", where
//! the content follows the cue. *Trailing*: "'...,' she added." or "..., said
//! Smith.", where the content ends right before the speaker and cue.
//! *According to*: either side of "according to X". The content is then
//! direct when it is exactly a quoted region, mixed when it holds quote marks,
//! indirect otherwise. Every step looks at a bounded window of tokens around
//! the cue, so the pass stays linear in the text.

use super::QuoteKind;
use super::lexicon::{self, CueWord, Form, Strength};
use super::marks::Region;
use crate::analysis::segment::{Segmentation, TokenKind};
use crate::analysis::text::{Span, lowercase};
use std::borrow::Cow;
use std::ops::Range;

/// The longest speaker phrase, in tokens.
const MAX_SPEAKER: usize = 12;
/// The longest reported clause, in tokens outside quotes.
const MAX_CONTENT: usize = 120;
/// How far after a cue a "that" may open the reported clause.
const THAT_WINDOW: usize = 12;
/// The most tokens before a quote that still let it open its sentence: a
/// connector and a dash ("But — ", "And then").
const MAX_LEAD_IN: usize = 3;
/// The most tokens after a quote's closing mark in a sentence it fills: the
/// closing punctuation, a footnote mark, a stray bracket.
const MAX_TRAILER: usize = 4;
/// The longest "Name:" that introduces a quote: a title and a full name
/// ("Sen. Elizabeth Warren:"), not a clause.
const MAX_COLON_SPEAKER: usize = 4;
/// The longest parenthesis read as an aside after a speaker ("(R-Texas)",
/// "(pictured above)").
const MAX_PARENTHESIS: usize = 8;
/// Titles and names in quotes are short ("The Art of the Deal"); quotations
/// run longer.
const MAX_TITLE_WORDS: usize = 8;

/// How sure each shape is: a quote right against its speaker and cue, one
/// farther from them, one whose speaker is shared with an earlier verb.
const NEXT_TO_CUE: f32 = 0.8;
const AROUND_CUE: f32 = 0.7;
const SHARED_SPEAKER: f32 = 0.55;

/// One attribution found in the text.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Found {
    pub content: Span,
    pub kind: QuoteKind,
    pub speaker: Option<Span>,
    pub cue: Option<Span>,
    pub confidence: f32,
    /// The quoted regions its content holds: they are claimed, not lone quotes.
    pub regions: Vec<usize>,
}

/// The text seen as tokens, with what each token belongs to.
pub(super) struct Doc<'a> {
    pub text: &'a str,
    pub seg: &'a Segmentation,
    pub regions: &'a [Region],
    /// Each token lower-cased; most are already, and are borrowed.
    lower: Vec<Cow<'a, str>>,
    sentence_of: Vec<usize>,
    /// The region whose marks enclose (or are) each token.
    region_of: Vec<Option<usize>>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, seg: &'a Segmentation, regions: &'a [Region]) -> Self {
        let lower = seg.tokens.iter().map(|t| lowercase(t.span.of(text))).collect();
        let mut sentence_of = vec![0; seg.tokens.len()];
        for (s, sentence) in seg.sentences.iter().enumerate() {
            for i in sentence.tokens.clone() {
                sentence_of[i] = s;
            }
        }
        let mut region_of = vec![None; seg.tokens.len()];
        for (r, region) in regions.iter().enumerate() {
            for slot in &mut region_of[region.open..=region.close] {
                *slot = Some(r);
            }
        }
        Doc { text, seg, regions, lower, sentence_of, region_of }
    }

    fn word(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |w| w)
    }

    fn is_word(&self, i: usize) -> bool {
        self.seg.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.seg.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct) && self.word(i) == p
    }

    fn is_capitalized(&self, i: usize) -> bool {
        self.seg.tokens.get(i).is_some_and(|t| t.span.of(self.text).chars().next().is_some_and(char::is_uppercase))
    }

    pub fn span(&self, tokens: Range<usize>) -> Span {
        Span::new(self.seg.tokens[tokens.start].span.start, self.seg.tokens[tokens.end - 1].span.end)
    }

    /// `tokens` grown to the whole of any quoted region it cuts into, and
    /// without the punctuation outside quotes at either end.
    pub fn quote_aware(&self, tokens: Range<usize>) -> Option<Range<usize>> {
        let mut range = tokens.clone();
        if let Some(r) = self.region_of.get(tokens.start).copied().flatten() {
            range.start = range.start.min(self.regions[r].open);
        }
        if let Some(r) = tokens.end.checked_sub(1).and_then(|k| self.region_of.get(k).copied().flatten()) {
            range.end = range.end.max(self.regions[r].close + 1);
        }
        let bare = |i: usize| self.seg.tokens[i].kind == TokenKind::Punct && self.region_of[i].is_none();
        while range.start < range.end && bare(range.start) {
            range.start += 1;
        }
        while range.end > range.start && bare(range.end - 1) {
            range.end -= 1;
        }
        (!range.is_empty()).then_some(range)
    }

    /// The region `tokens` is exactly (from its opening to its closing mark).
    pub fn region_spanned(&self, tokens: Range<usize>) -> Option<usize> {
        let r = self.is_open_mark(tokens.start)?;
        (self.regions[r].close + 1 == tokens.end).then_some(r)
    }

    /// The regions whose opening marks `tokens` hold.
    pub fn regions_in(&self, tokens: Range<usize>) -> Vec<usize> {
        tokens.filter_map(|i| self.is_open_mark(i)).collect()
    }

    /// The paragraph of token `i`; past the end, none that any token has.
    pub fn paragraph(&self, i: usize) -> usize {
        self.sentence_of.get(i).map_or(usize::MAX, |&s| self.seg.sentences[s].paragraph)
    }

    pub fn paragraph_of_offset(&self, at: usize) -> usize {
        self.seg.sentence_at(at).map_or(0, |s| self.seg.sentences[s].paragraph)
    }

    /// The tokens of the sentence holding token `i` (none past the end).
    fn sentence_tokens(&self, i: usize) -> Range<usize> {
        self.sentence_of.get(i).map_or(i..i, |&s| self.seg.sentences[s].tokens.clone())
    }

    /// The token after the paragraph holding token `i`.
    fn paragraph_end(&self, i: usize) -> usize {
        self.seg.paragraphs.get(self.paragraph(i)).map_or(i, |p| self.seg.sentences[p.sentences.end - 1].tokens.end)
    }

    fn is_open_mark(&self, i: usize) -> Option<usize> {
        self.region_of.get(i).copied().flatten().filter(|&r| self.regions[r].open == i)
    }

    fn is_close_mark(&self, i: usize) -> Option<usize> {
        self.region_of.get(i).copied().flatten().filter(|&r| self.regions[r].close == i)
    }

    fn is_terminal(&self, i: usize) -> bool {
        matches!(self.word(i), "." | "!" | "?" | ";" | "…") || self.word(i).starts_with("..")
    }

    /// Whether region `r` opens its sentence (a connector or a dash aside).
    pub fn region_starting_sentence(&self, r: usize) -> bool {
        let open = self.regions[r].open;
        let start = self.sentence_tokens(open).start;
        open - start <= MAX_LEAD_IN
            && (start..open)
                .all(|i| lexicon::is_connector(self.word(i)) || self.is_punct(i, "—") || self.is_punct(i, "-"))
    }

    /// Whether region `r` is all its sentence holds (closing punctuation aside).
    pub fn region_is_whole_sentence(&self, r: usize) -> bool {
        let region = self.regions[r];
        let end = self.sentence_tokens(region.close).end;
        self.region_starting_sentence(r)
            && end - region.close <= MAX_TRAILER
            && (region.close + 1..end).all(|i| self.seg.tokens[i].kind != TokenKind::Word)
    }

    pub fn region_words(&self, r: usize) -> usize {
        let region = self.regions[r];
        (region.open + 1..region.close)
            .filter(|&i| matches!(self.seg.tokens[i].kind, TokenKind::Word | TokenKind::Number))
            .count()
    }

    /// Capitalized words without a sentence-ending mark: a title or a name.
    pub fn region_is_title(&self, r: usize) -> bool {
        let region = self.regions[r];
        let mut last = region.close;
        while last > region.open + 1 && self.seg.tokens[last - 1].kind == TokenKind::Punct {
            last -= 1;
        }
        let inner = region.open + 1..last;
        let words: Vec<usize> = inner.clone().filter(|&i| self.is_word(i)).collect();
        words.len() <= MAX_TITLE_WORDS
            && !inner.clone().any(|i| matches!(self.word(i), "." | "!" | "?" | ","))
            && words.iter().all(|&i| self.is_capitalized(i) || self.word(i).len() <= 3)
    }
}

/// Every attribution anchored on a reporting verb or "according to".
pub(super) fn find(doc: &Doc<'_>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for sentence in &doc.seg.sentences {
        let first = out.len();
        // The main clause's speaker (the first) and the latest one.
        let mut speakers: (Option<Span>, Option<Span>) = (None, None);
        let mut i = sentence.tokens.start;
        // What an earlier attribution of the sentence took is not the next one's.
        let mut floor = sentence.tokens.start;
        while i < sentence.tokens.end {
            let mut shared = false;
            let rest = floor..sentence.tokens.end;
            let next = if doc.region_of[i].is_some() {
                None
            } else if doc.word(i) == "according" && doc.word(i + 1) == "to" {
                according_to(doc, i, rest)
            } else if let Some(cue) = lexicon::cue_word(doc.word(i)) {
                shared = shares_speaker(doc, i, cue, &rest);
                reporting_verb(doc, i, cue, rest, speakers)
            } else {
                None
            };
            let earlier = out.len() > first;
            let Some((found, resume)) = next else {
                if shared && earlier {
                    end_before(doc, &mut out, i);
                }
                i += 1;
                continue;
            };
            if earlier && !settle(doc, &mut out, &found, shared, i) {
                i += 1;
                continue;
            }
            if let Some(speaker) = found.iter().find_map(|f| f.speaker) {
                speakers = (speakers.0.or(Some(speaker)), Some(speaker));
            }
            out.extend(found);
            i = resume.max(i + 1);
            floor = i.min(sentence.tokens.end);
        }
    }
    let claimed = claimed_regions(&out, doc.regions.len());
    let unclaimed = (0..doc.regions.len()).filter(|&r| !claimed[r]);
    let marked: Vec<Found> = unclaimed.filter_map(|r| signed(doc, r).or_else(|| introduced(doc, r))).collect();
    out.extend(marked);
    out
}

/// A quote introduced by a name and a colon: "Trump: 'I will win'", or by
/// an inverted verb: "Said Ellis: '...'".
fn introduced(doc: &Doc<'_>, r: usize) -> Option<Found> {
    let open = doc.regions[r].open;
    let colon = open.checked_sub(1).filter(|&c| doc.is_punct(c, ":"))?;
    let start = doc.sentence_tokens(open).start;
    let (speaker, cue) = match lexicon::cue_word(doc.word(start)) {
        Some(cue) if cue.form == Form::Past && doc.is_capitalized(start) => {
            (speaker_after(doc, start + 1, colon)?, start)
        }
        _ => (speaker_after(doc, start, colon)?, colon),
    };
    let named = (speaker.start..speaker.end).all(|k| doc.is_capitalized(k) || !doc.is_word(k));
    (speaker.end == colon && speaker.len() <= MAX_COLON_SPEAKER && named)
        .then(|| direct(doc, r, Some(doc.span(speaker)), Some(doc.span(cue..cue + 1)), AROUND_CUE))
}

/// Which of the `count` regions the attributions hold.
pub(super) fn claimed_regions(found: &[Found], count: usize) -> Vec<bool> {
    let mut claimed = vec![false; count];
    for &r in found.iter().flat_map(|f| f.regions.iter()) {
        claimed[r] = true;
    }
    claimed
}

/// Fits a new attribution of a sentence with the one before it: a shared
/// verb or a new clause ends the earlier content; a second claim on the
/// same quote loses (returns false).
fn settle(doc: &Doc<'_>, out: &mut Vec<Found>, found: &[Found], shared: bool, i: usize) -> bool {
    let takes_over = found.first().and_then(|f| f.speaker).and_then(|s| clause_break_before(doc, s.start));
    match (shared, takes_over) {
        (true, _) => end_before(doc, out, i),
        (false, Some(k)) => end_before(doc, out, k),
        (false, None) => return !out.last().is_some_and(|last| found.iter().all(|f| shares_quote(f, last))),
    }
    true
}

/// A quote signed with a dash after its closing mark: "“...” ― Jane Doe".
fn signed(doc: &Doc<'_>, r: usize) -> Option<Found> {
    let dash = doc.regions[r].close + 1;
    if dash >= doc.seg.tokens.len() || !matches!(doc.word(dash), "―" | "—" | "–" | "-") {
        return None;
    }
    let line_end = doc.sentence_tokens(dash + 1).end;
    let speaker = speaker_after(doc, dash + 1, line_end)?;
    let ends_line = speaker.end == line_end || doc.is_terminal(speaker.end);
    let same_paragraph = doc.paragraph(dash + 1) == doc.paragraph(doc.regions[r].close);
    (ends_line && same_paragraph)
        .then(|| direct(doc, r, Some(doc.span(speaker)), Some(doc.span(dash..dash + 1)), AROUND_CUE))
}

/// The token where a speaker phrase starting at byte `at` opens a new clause
/// (after a comma or a conjunction), ending whatever was reported before it.
fn clause_break_before(doc: &Doc<'_>, at: usize) -> Option<usize> {
    let k = doc.seg.tokens.partition_point(|t| t.span.start < at);
    let before = doc.word(k.checked_sub(1)?);
    (before == "," || lexicon::is_contrast_conjunction(before)).then_some(k)
}

/// Ends an earlier reported clause where a coordinated one takes over.
/// The last one goes when nothing of it is left ("laughed and said, ...").
fn end_before(doc: &Doc<'_>, out: &mut Vec<Found>, i: usize) {
    let Some(found) = out.last_mut() else { return };
    let mut k = i;
    while k > 0
        && (doc.is_punct(k - 1, ",") || doc.word(k - 1) == "and" || lexicon::is_contrast_conjunction(doc.word(k - 1)))
    {
        k -= 1;
    }
    let at = doc.seg.tokens[k].span.start;
    if found.kind == QuoteKind::Direct || found.content.end <= at {
        return;
    }
    if at <= found.content.start {
        out.pop();
        return;
    }
    found.content = Span::new(found.content.start, at).trim(doc.text);
    found.regions.retain(|&r| doc.seg.tokens[doc.regions[r].open].span.start < at);
    if found.regions.is_empty() {
        found.kind = QuoteKind::Indirect;
    }
}

/// Whether a later attribution in a sentence claims a quote an earlier one
/// already reports ("Smith said she felt the plan was 'a disaster,' she
/// said"): the first reading stands.
fn shares_quote(later: &Found, earlier: &Found) -> bool {
    later.regions.iter().any(|r| earlier.regions.contains(r))
}

/// The speaker phrase ending right before token `end`, never before `lo`; a
/// parenthesis after the name ("Rep. Gwen Moore (D-Wis.)") belongs to it.
fn speaker_before(doc: &Doc<'_>, end: usize, lo: usize) -> Option<Range<usize>> {
    let core_end = parenthesis_before(doc, end, lo).unwrap_or(end);
    let mut start = core_end;
    while start > lo && core_end - start < MAX_SPEAKER {
        let j = start - 1;
        let w = doc.word(j);
        let fits = match doc.seg.tokens[j].kind {
            TokenKind::Word if lexicon::is_pronoun(w) || w == "who" || w == "which" => {
                if start == core_end {
                    return Some(j..end);
                }
                false
            }
            TokenKind::Word if w == "of" => start < core_end && doc.is_word(j.wrapping_sub(1)) && j > lo,
            // "Labour MP for Ealing North", "Minister for Europe".
            TokenKind::Word if w == "for" => {
                start < core_end && j > lo && doc.is_capitalized(j - 1) && doc.is_capitalized(j + 1)
            }
            TokenKind::Word if lexicon::is_determiner(w) => {
                // A determiner opens the phrase, unless it follows "of" inside a name: "Mr. Morgan of the Sierra Club".
                start = j;
                if !(j > lo + 1 && doc.word(j - 1) == "of" && doc.is_capitalized(j - 2)) {
                    break;
                }
                continue;
            }
            TokenKind::Word if w == "'s" || w == "’s" => start < core_end,
            TokenKind::Word if lexicon::looks_verbal(doc.seg.tokens[j].span.of(doc.text)) => false,
            TokenKind::Word => {
                let verb = lexicon::cue_word(w)
                    .is_some_and(|c| matches!(c.form, Form::Gerund | Form::Past | Form::Participle));
                let opening_participle = j == lo && w.len() > 5 && w.ends_with("ing");
                !lexicon::breaks_phrase(w) && (!verb || doc.is_capitalized(j)) && !opening_participle
            }
            // "the 23-year-old" ends in a word; a bare number only sits inside a phrase.
            TokenKind::Number => start < core_end || w.contains(char::is_alphabetic),
            TokenKind::Punct => w == "&" && start < core_end,
            TokenKind::Quote => false,
        };
        if !fits {
            break;
        }
        start = j;
    }
    while start < core_end && (lexicon::is_connector(doc.word(start)) || doc.word(start) == "of") {
        start += 1;
    }
    let head = core_end.checked_sub(1)?;
    let wordlike = doc.is_word(head) || doc.word(head).contains(char::is_alphabetic);
    (start < core_end && wordlike && !lexicon::is_determiner(doc.word(head))).then_some(start..end)
}

/// The opening bracket of a parenthesis that ends right before `end`.
fn parenthesis_before(doc: &Doc<'_>, end: usize, lo: usize) -> Option<usize> {
    if !doc.is_punct(end.checked_sub(1)?, ")") {
        return None;
    }
    (lo.max(end.saturating_sub(MAX_PARENTHESIS))..end - 1).rev().find(|&k| doc.is_punct(k, "("))
}

/// The closing bracket of a parenthesis that opens at `start`.
fn parenthesis_after(doc: &Doc<'_>, start: usize, hi: usize) -> Option<usize> {
    if !doc.is_punct(start, "(") {
        return None;
    }
    (start + 1..hi.min(start + 8)).find(|&k| doc.is_punct(k, ")"))
}

/// An apposition between commas before the cue ("Smith, the party's leader,
/// said"): the speaker phrase reaches back to the name.
fn speaker_with_apposition(doc: &Doc<'_>, end: usize, lo: usize) -> Option<Range<usize>> {
    if !doc.is_punct(end.checked_sub(1)?, ",") {
        return speaker_before(doc, end, lo);
    }
    let inner_end = end - 1;
    let mut commas = Vec::new();
    let mut k = inner_end;
    while k > lo && inner_end - k < 3 * MAX_SPEAKER && commas.len() < 4 {
        k -= 1;
        if doc.is_punct(k, ",") {
            commas.push(k);
        }
    }
    commas.reverse();
    // The subject is the leftmost comma-separated stretch that is all noun
    // phrase: "Michael Mulgrew, president of the union, which ..., said".
    let subject = commas.iter().enumerate().find_map(|(n, &comma)| {
        let stretch_start = if n == 0 { (k == lo).then_some(lo)? } else { commas[n - 1] + 1 };
        let np = speaker_before(doc, comma, lo)?;
        let opens = |j: usize| lexicon::is_connector(doc.word(j)) || doc.is_close_mark(j).is_some();
        (stretch_start..np.start).all(opens).then_some(np)
    });
    // Otherwise the nearest name before an apposition: "Smith, 45, said".
    let name = subject.or_else(|| commas.iter().rev().find_map(|&comma| speaker_before(doc, comma, lo)))?;
    Some(name.start..inner_end)
}

/// The speaker phrase starting at token `start`, for "said Smith".
fn speaker_after(doc: &Doc<'_>, start: usize, hi: usize) -> Option<Range<usize>> {
    let first = doc.word(start);
    if start >= hi || !doc.is_word(start) || lexicon::is_time_word(first) {
        return None;
    }
    if lexicon::is_personal_pronoun(first) {
        return Some(start..start + 1);
    }
    // "said retired Air Force general Lloyd Newton", "said 9/11 widow Terry Strada".
    let name_ahead = (start + 1..hi.min(start + 4))
        .take_while(|&k| doc.seg.tokens[k].kind != TokenKind::Punct && !lexicon::breaks_phrase(doc.word(k)))
        .any(|k| doc.is_capitalized(k));
    let counted = lexicon::is_counting_word(first);
    let opens = doc.is_capitalized(start) || lexicon::is_determiner(first) || counted || name_ahead;
    if !opens || lexicon::breaks_phrase(first) {
        return None;
    }
    let mut end = start + 1;
    while end < hi && end - start < MAX_SPEAKER {
        let w = doc.word(end);
        let fits = match doc.seg.tokens[end].kind {
            TokenKind::Word if w == "of" => doc.is_capitalized(end + 1),
            TokenKind::Word if lexicon::looks_verbal(doc.seg.tokens[end].span.of(doc.text)) => false,
            TokenKind::Word => {
                !lexicon::breaks_phrase(w) && lexicon::cue_word(w).is_none_or(|_| doc.is_capitalized(end))
            }
            TokenKind::Number => true,
            _ => w == "&",
        };
        if !fits {
            break;
        }
        end += 1;
    }
    let head = end - 1;
    // The segmenter may end a sentence inside "(D-N.C.)", so the bracket may close past `hi`.
    let end = parenthesis_after(doc, end, doc.paragraph_end(start)).map_or(end, |close| close + 1);
    (!lexicon::is_determiner(doc.word(head))).then_some(start..end)
}

/// The first token before `i` that is not an adverb or auxiliary, and whether a
/// form of "be" was skipped (a passive: "was told").
fn skip_auxiliaries_left(doc: &Doc<'_>, i: usize, lo: usize) -> (usize, bool) {
    let mut k = i;
    let mut passive = false;
    while k > lo {
        let w = doc.word(k - 1);
        if k > lo + 1 && lexicon::is_time_noun(w) && lexicon::is_time_opener(doc.word(k - 2)) {
            k -= 2;
            continue;
        }
        if !(lexicon::is_adverb_or_auxiliary(w) || w.ends_with("n't") || w.ends_with("n’t")) {
            break;
        }
        passive |= lexicon::is_be_form(w);
        k -= 1;
    }
    (k, passive)
}

/// Where a verb's subject phrase ends, with the cue span start: handles the
/// periphrases "went on to say" and "was quoted as saying".
fn subject_end(doc: &Doc<'_>, i: usize, cue: CueWord, lo: usize) -> Option<(usize, usize)> {
    let mut cue_start = i;
    let mut k = i;
    if k > lo + 1 && doc.word(k - 1) == "as" && doc.word(k - 2) == "quoted" && cue.form == Form::Gerund {
        cue_start = k - 2;
        k -= 2;
    } else if k > lo + 1 && doc.word(k - 1) == "to" && doc.word(k - 2) == "on" && cue.form == Form::Base {
        k -= 2;
        if k > lo && lexicon::is_go_form(doc.word(k - 1)) {
            k -= 1;
        }
    } else if k > 0 && doc.word(k - 1) == "to" {
        return None;
    }
    let (k, passive) = skip_auxiliaries_left(doc, k, lo);
    if cue.form == Form::Participle && k == i {
        return None;
    }
    let quoted = cue_start < i;
    let progressive = cue.form == Form::Gerund && k < i;
    if passive && !quoted && !progressive {
        return None;
    }
    if cue.form == Form::Gerund && !quoted && !progressive {
        return None;
    }
    Some((k, cue_start))
}

/// The token right after the cue and its particle.
fn after_cue(doc: &Doc<'_>, i: usize, cue: CueWord) -> Option<usize> {
    let particle = lexicon::takes_particle(cue.lemma, doc.word(i + 1));
    if cue.needs_particle() && !particle {
        return None;
    }
    Some(if particle { i + 2 } else { i + 1 })
}

/// Where the addressee after "told" ends: a name or a short phrase closing
/// the sentence ("told some of the miners.").
fn addressee_end(doc: &Doc<'_>, k: usize, sentence_end: usize) -> usize {
    if let Some(np) = speaker_after(doc, k, sentence_end) {
        return np.end;
    }
    let rest = k..trim_content(doc, k..sentence_end).map_or(k, |r| r.end);
    let short = rest.len() <= 5 && rest.clone().all(|j| doc.is_word(j) && doc.word(j) != "that");
    if short { rest.end } else { k }
}

/// Whether the verb at token `i` shares the sentence's earlier speaker: a
/// participle ("..., adding that") or a second verb ("and warned").
fn shares_speaker(doc: &Doc<'_>, i: usize, cue: CueWord, sentence: &Range<usize>) -> bool {
    let (k, _) = skip_auxiliaries_left(doc, i, sentence.start);
    k > sentence.start && ((cue.form == Form::Gerund && doc.is_punct(k - 1, ",")) || doc.word(k - 1) == "and")
}

/// The subject of a sentence whose verb comes before token `end`: the phrase
/// that opens it, or that follows an opening adverbial ("During the speech,
/// Trump ...").
fn subject_of(doc: &Doc<'_>, start: usize, end: usize) -> Option<Range<usize>> {
    let mut k = start;
    while k < end && lexicon::is_connector(doc.word(k)) {
        k += 1;
    }
    if lexicon::breaks_phrase(doc.word(k)) && !lexicon::is_pronoun(doc.word(k)) {
        k = (k..end.min(k + 2 * MAX_SPEAKER)).find(|&c| doc.is_punct(c, ","))? + 1;
    }
    speaker_after(doc, k, end)
}

/// A singular subject, which a bare verb cannot follow: in "a swing state"
/// or "it state law", the "verb" is a noun.
fn is_singular(doc: &Doc<'_>, np: Range<usize>) -> bool {
    let first = doc.word(np.start);
    lexicon::is_singular_determiner(first) || (np.len() == 1 && lexicon::is_singular_pronoun(first))
}

/// Tries every shape around the reporting verb at token `i`; returns what it
/// found and where to resume.
fn reporting_verb(
    doc: &Doc<'_>,
    i: usize,
    cue: CueWord,
    sentence: Range<usize>,
    speakers: (Option<Span>, Option<Span>),
) -> Option<(Vec<Found>, usize)> {
    if doc.is_capitalized(i) && i > sentence.start && !headline_case(doc, sentence.clone()) {
        return None;
    }
    let cue_end = after_cue(doc, i, cue)?;
    if matches!(cue.form, Form::Base | Form::Third) && cue.is_noun_too() && lexicon::follows_noun(doc.word(cue_end)) {
        return None;
    }
    if shares_speaker(doc, i, cue, &sentence) {
        let content = leading_content(doc, cue_end, cue, sentence.clone())?;
        // "X laughed and said" shares the latest speaker; ", saying" the main clause's.
        let (k, _) = skip_auxiliaries_left(doc, i, sentence.start);
        let shared = if doc.word(k.wrapping_sub(1)) == "and" { speakers.1 } else { speakers.0 };
        let speaker = shared.or_else(|| subject_of(doc, sentence.start, i).map(|np| doc.span(np)))?;
        let found = classify(doc, content, Some(speaker), doc.span(i..cue_end), cue.strength, SHARED_SPEAKER)?;
        return Some((vec![found], cue_end));
    }
    let lo = sentence.start;
    let (subject_end, cue_start) = subject_end(doc, i, cue, lo)?;
    let cue_span = doc.span(cue_start..cue_end);
    let left = speaker_with_apposition(doc, subject_end, lo)
        .or_else(|| speaker_before(doc, subject_end, lo))
        .filter(|np| !(cue.form == Form::Base && subject_end == cue_start && is_singular(doc, np.clone())));
    let Some(speaker) = left else {
        // Inverted: "..., said Smith."
        let speaker = speaker_after(doc, cue_end, sentence.end)?;
        let pre = cue_start.checked_sub(1)?;
        return trailing(doc, pre, speaker.clone(), cue_span, speaker.end, sentence, cue.strength);
    };
    let block_end = if cue.takes_object() { addressee_end(doc, cue_end, sentence.end) } else { cue_end };
    if let Some(pre) = speaker.start.checked_sub(1)
        && let Some(found) = trailing(doc, pre, speaker.clone(), cue_span, block_end, sentence.clone(), cue.strength)
    {
        return Some(found);
    }
    let content = match speaker.start.checked_sub(1).filter(|&k| k >= sentence.start && doc.word(k) == "as") {
        // "As Smith noted, the plan ...": the content follows the comma.
        Some(_) => {
            let comma = (cue_end..sentence.end.min(cue_end + THAT_WINDOW)).find(|&k| doc.is_punct(k, ","))?;
            extend_to_region(doc, trim_content(doc, comma + 1..clause_end(doc, comma + 1, sentence.end))?)
        }
        None => leading_content(doc, cue_end, cue, sentence)?,
    };
    let found = classify(doc, content, Some(doc.span(speaker)), cue_span, cue.strength, AROUND_CUE)?;
    Some((vec![found], cue_end))
}

/// Nothing but an adverbial follows position `k` up to the clause end.
fn ends_clause(doc: &Doc<'_>, k: usize, sentence_end: usize) -> bool {
    if k >= sentence_end || doc.is_terminal(k) || doc.is_punct(k, ",") || doc.is_open_mark(k).is_some() {
        return true;
    }
    if doc.seg.tokens[k].kind == TokenKind::Quote {
        return true;
    }
    lexicon::is_time_word(doc.word(k))
        && (k..sentence_end.min(k + THAT_WINDOW))
            .take_while(|&j| !doc.is_punct(j, ","))
            .all(|j| doc.word(j) != "that" && doc.is_open_mark(j).is_none())
}

/// A trailing attribution ("..., she said.") whose speaker or cue block
/// follows token `pre` and ends before `end`.
fn trailing(
    doc: &Doc<'_>,
    pre: usize,
    speaker: Range<usize>,
    cue: Span,
    end: usize,
    sentence: Range<usize>,
    strength: Strength,
) -> Option<(Vec<Found>, usize)> {
    // A quote closing on a comma or question mark is always attributed next: "'...,' she said at a ..."
    let after_quote = doc.is_close_mark(pre).is_some();
    let closes_open = doc.is_close_mark(pre).is_some_and(|r| doc.region_starting_sentence(r))
        && matches!(doc.word(pre.wrapping_sub(1)), "," | "?" | "!");
    // "In a speech, Trump attacked 'the ideology ...'": a quote after the verb is its object.
    let quote_follows = doc.is_open_mark(end).is_some() && !after_quote;
    if !(doc.is_punct(pre, ",") || after_quote)
        || quote_follows
        || !(closes_open || ends_clause(doc, end, sentence.end))
    {
        return None;
    }
    trailing_at(doc, pre, speaker, cue, end, sentence, strength)
}

/// The content before a trailing attribution, which ends at token `pre`, plus
/// the second half of a quote the attribution splits ("A," she said, "B.").
fn trailing_at(
    doc: &Doc<'_>,
    pre: usize,
    speaker: Range<usize>,
    cue: Span,
    end: usize,
    sentence: Range<usize>,
    strength: Strength,
) -> Option<(Vec<Found>, usize)> {
    let last = if doc.is_punct(pre, ",") { pre.checked_sub(1)? } else { pre };
    let speaker_span = doc.span(speaker.clone());
    // "During his years in office, Mr. Obama said, a majority ...": the
    // attribution is an aside and the content follows it.
    let aside = doc.is_close_mark(last).is_none()
        && lexicon::breaks_phrase(doc.word(sentence.start))
        && doc.is_punct(end, ",")
        && doc.is_word(end + 1);
    if aside {
        let content = extend_to_region(doc, trim_content(doc, end + 1..sentence.end)?);
        return Some((vec![classify(doc, content, Some(speaker_span), cue, strength, AROUND_CUE)?], end + 1));
    }
    let (start, stop) = match doc.is_close_mark(last) {
        Some(r) => {
            let open = doc.regions[r].open;
            let start = doc.sentence_tokens(open).start;
            (if open >= sentence.start { start.max(sentence.start) } else { start }, last + 1)
        }
        // The whole clause before, even one reporting a nested speaker: "Surveys suggest X, Ms Lomax said."
        None => (doc.sentence_tokens(pre).start, pre),
    };
    if start >= stop || doc.paragraph(start) != doc.paragraph(speaker.start) {
        return None;
    }
    let mut found = vec![classify(doc, start..stop, Some(speaker_span), cue, strength, NEXT_TO_CUE)?];
    let mut resume = end;
    if let Some(r) = resumed_quote(doc, end) {
        let region = doc.regions[r];
        found.push(direct(doc, r, Some(speaker_span), Some(cue), NEXT_TO_CUE));
        resume = region.close + 1;
    } else if doc.is_close_mark(last).is_none()
        && speaker_span.start < cue.start
        && let Some(rest) = parenthetical_rest(doc, end, sentence.end)
        && let Some(second) = classify(doc, rest.clone(), Some(speaker_span), cue, strength, AROUND_CUE)
    {
        // "Acts of protest, Mr. Obama said, are acts of patriotism": one quote in two pieces.
        if second.kind == QuoteKind::Mixed {
            found[0].kind = QuoteKind::Mixed;
        } else if found[0].kind == QuoteKind::Mixed {
            found.push(Found { kind: QuoteKind::Mixed, ..second });
            return Some((found, rest.end));
        }
        found.push(second);
        resume = rest.end;
    }
    Some((found, resume))
}

/// The rest of a sentence that an attribution interrupts: ", she said, is
/// ..." continues the reported clause unless a participle, a conjunction or
/// a preposition opens it.
fn parenthetical_rest(doc: &Doc<'_>, end: usize, sentence_end: usize) -> Option<Range<usize>> {
    let first = end + 1;
    let next = doc.word(first);
    let opens_clause = doc.is_punct(end, ",")
        && doc.is_word(first)
        && !next.ends_with("ing")
        && !lexicon::is_time_word(next)
        && !lexicon::continues_clause(next);
    let rest = trim_content(doc, first..clause_end(doc, first, sentence_end)).filter(|_| opens_clause)?;
    (rest.clone().filter(|&k| doc.is_word(k)).count() >= 3).then(|| extend_to_region(doc, rest))
}

/// The quote that resumes after an attribution splitting it: "...," she
/// said on Friday, "and ..." (or ", and still "...").
fn resumed_quote(doc: &Doc<'_>, end: usize) -> Option<usize> {
    let comma = (end..end + 8)
        .take_while(|&k| !doc.is_terminal(k) && doc.region_of.get(k).is_some_and(Option::is_none))
        .find(|&k| doc.is_punct(k, ","))?;
    (comma + 1..comma + 4)
        .take_while(|&k| doc.is_open_mark(k).is_some() || lexicon::resumes_quote(doc.word(k)))
        .find_map(|k| doc.is_open_mark(k))
}

/// "According to X, ..." and "..., according to X."
fn according_to(doc: &Doc<'_>, i: usize, sentence: Range<usize>) -> Option<(Vec<Found>, usize)> {
    let cue = doc.span(i..i + 2);
    let pre = i.checked_sub(1).filter(|&p| p >= sentence.start);
    if let Some(pre) = pre.filter(|&p| doc.is_punct(p, ",") || doc.is_close_mark(p).is_some()) {
        let speaker = speaker_after(doc, i + 2, sentence.end)?;
        return trailing_at(doc, pre, speaker.clone(), cue, speaker.end, sentence, Strength::Speech);
    }
    // Up front, everything up to the comma names the source.
    let comma = (i + 2..sentence.end.min(i + 2 + MAX_SPEAKER)).find(|&k| doc.is_punct(k, ","))?;
    let speaker = i + 2..comma;
    if speaker.is_empty() {
        return None;
    }
    let content = trim_content(doc, comma + 1..sentence.end)?;
    let found =
        classify(doc, extend_to_region(doc, content), Some(doc.span(speaker)), cue, Strength::Speech, AROUND_CUE)?;
    Some((vec![found], comma + 1))
}

/// The reported clause after a leading cue: past the addressee ("told
/// reporters") and adverbials, from "that" when there is one.
fn leading_content(doc: &Doc<'_>, cue_end: usize, cue: CueWord, sentence: Range<usize>) -> Option<Range<usize>> {
    let mut start = cue_end;
    let window = start..sentence.end.min(start + THAT_WINDOW);
    // "said on Tuesday at a rally that ...": the clause opens at "that".
    let that = window
        .clone()
        .take_while(|&k| doc.region_of[k].is_none() && !doc.is_terminal(k) && !doc.is_punct(k, ","))
        .find(|&k| doc.word(k) == "that")
        .filter(|_| cue.strength == Strength::Speech);
    if let Some(that) = that {
        start = that;
    } else if cue.takes_object() {
        start = speaker_after(doc, start, sentence.end).map_or(start, |np| np.end);
    }
    while start < sentence.end && (doc.is_punct(start, ":") || doc.is_punct(start, ",")) {
        start += 1;
    }
    // "He said:" closing a paragraph introduces the quote that opens the next one.
    if start == sentence.end
        && doc.is_punct(start - 1, ":")
        && let Some(r) = doc.seg.tokens.get(start).and_then(|_| doc.is_open_mark(start))
    {
        return Some(start..doc.regions[r].close + 1);
    }
    let content = trim_content(doc, start..clause_end(doc, start, sentence.end))?;
    Some(extend_to_region(doc, content))
}

/// Where the reported clause starting at `start` gives way to the writer's
/// own words: a semicolon, a dash, ", but", or a participle (", meaning").
///
/// A break with quoted words still ahead ("-- ''the president but also the
/// slave''") keeps them in the clause.
fn clause_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    let last_quote = outside_regions(doc, start..end).filter(|&j| doc.is_open_mark(j).is_some()).last();
    for k in outside_regions(doc, start..end).skip(1) {
        let next = doc.word(k + 1);
        let participle = doc.is_word(k + 1) && !doc.is_capitalized(k + 1) && next.len() > 4 && next.ends_with("ing");
        let quote_follows = last_quote.is_some_and(|q| q > k);
        let breaks = match doc.word(k) {
            ";" => true,
            "," => participle || (next == "but" && !quote_follows),
            "but" => doc.is_close_mark(k - 1).is_some() && !quote_follows,
            "—" | "--" | "–" | "-" => k > start + 3 && !quote_follows,
            _ => false,
        };
        if breaks {
            return k;
        }
    }
    end
}

/// The tokens of `range` outside quoted regions, with each region's opening
/// mark standing for it; at most [`MAX_CONTENT`] of them, so that no clause
/// costs more than a bounded walk.
fn outside_regions<'d>(doc: &'d Doc<'_>, range: Range<usize>) -> impl Iterator<Item = usize> + 'd {
    let mut k = range.start;
    std::iter::from_fn(move || {
        if k >= range.end {
            return None;
        }
        let at = k;
        k = match doc.region_of[at] {
            Some(r) => doc.regions[r].close.max(at) + 1,
            None => at + 1,
        };
        Some(at)
    })
    .take(MAX_CONTENT)
}

/// Drops the closing punctuation outside any quote.
fn trim_content(doc: &Doc<'_>, tokens: Range<usize>) -> Option<Range<usize>> {
    let mut end = tokens.end;
    while end > tokens.start && doc.seg.tokens[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    (end > tokens.start).then_some(tokens.start..end)
}

/// A content that opens a quote runs to its closing mark, even in a later sentence.
fn extend_to_region(doc: &Doc<'_>, content: Range<usize>) -> Range<usize> {
    let last = content.end - 1;
    match doc.region_of[last] {
        Some(r) if doc.regions[r].close > last => content.start..doc.regions[r].close + 1,
        _ => content,
    }
}

/// Direct when the content is one quoted region, mixed when it holds quote
/// marks, indirect otherwise (not for verbs that report speech only with
/// quoted words).
fn classify(
    doc: &Doc<'_>,
    content: Range<usize>,
    speaker: Option<Span>,
    cue: Span,
    strength: Strength,
    confidence: f32,
) -> Option<Found> {
    let first = content.clone().find(|&k| !matches!(doc.word(k), ":" | "," | "that"))?;
    if let Some(r) = doc.is_open_mark(first) {
        let close = doc.regions[r].close;
        if (close + 1..content.end).all(|k| doc.seg.tokens[k].kind == TokenKind::Punct) {
            return Some(direct(doc, r, speaker, Some(cue), confidence + 0.1));
        }
    }
    let mut regions = Vec::new();
    let mut substantive = 0;
    for k in outside_regions(doc, content.clone()) {
        match doc.is_open_mark(k) {
            Some(r) => regions.push(r),
            None => substantive += usize::from(doc.is_word(k)),
        }
    }
    if regions.is_empty() && (strength == Strength::Evaluative || substantive < 3) {
        return None;
    }
    let kind = if regions.is_empty() { QuoteKind::Indirect } else { QuoteKind::Mixed };
    Some(Found { content: doc.span(content), kind, speaker, cue: Some(cue), confidence, regions })
}

/// A direct quote: the words inside region `r`, without a trailing comma.
pub(super) fn direct(doc: &Doc<'_>, r: usize, speaker: Option<Span>, cue: Option<Span>, confidence: f32) -> Found {
    let content = doc.regions[r].content;
    let inner = content.of(doc.text);
    let trimmed = inner.trim_end_matches([',', ' ']);
    let content = if trimmed.is_empty() { content } else { Span::new(content.start, content.start + trimmed.len()) };
    Found { content, kind: QuoteKind::Direct, speaker, cue, confidence: confidence.min(1.0), regions: vec![r] }
}

/// Title Case sentences ("Trump Says He Will Win") are headlines, where a
/// capitalized verb is still a verb.
fn headline_case(doc: &Doc<'_>, sentence: Range<usize>) -> bool {
    let words: Vec<usize> = sentence.take(40).filter(|&k| doc.is_word(k) && doc.word(k).len() > 3).collect();
    words.len() >= 2 && words.iter().filter(|&&k| doc.is_capitalized(k)).count() * 5 >= words.len() * 4
}
