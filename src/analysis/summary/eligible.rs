//! Which sentences a summary may quote. Headlines, datelines, bylines and
//! captions are lines without closing punctuation; bios, social-media calls
//! and "Read more" links are recognised by their wording. None of them tells
//! the story, however central their words.

use crate::analysis::lexicon;
use crate::analysis::segment::{Segmentation, TokenKind};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// How a sentence may serve the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Prose of the story: may be chosen.
    Body,
    /// A headline, dateline, caption or fragment: may not be chosen, but its
    /// words still count toward what the article is about.
    Display,
    /// Site furniture (bios, "Follow us", "Read more", copyright): ignored.
    Furniture,
}

/// Sentences with fewer words are never chosen.
const MIN_WORDS: usize = 4;

/// The role of every sentence. When no sentence qualifies as body prose (a
/// text without punctuation, a single short line), every sentence that is not
/// furniture does, so that a summary is never empty for want of periods.
pub(super) fn roles(text: &str, seg: &Segmentation) -> Vec<Role> {
    let mut roles: Vec<Role> = (0..seg.sentences.len()).map(|s| role(text, seg, s)).collect();
    if !roles.contains(&Role::Body) {
        roles.iter_mut().filter(|r| **r == Role::Display).for_each(|r| *r = Role::Body);
    }
    if !roles.contains(&Role::Body) {
        roles.iter_mut().for_each(|r| *r = Role::Body);
    }
    roles
}

fn role(text: &str, seg: &Segmentation, s: usize) -> Role {
    let tokens = seg.sentence_tokens(s);
    let lower = seg.sentences[s].span.of(text).to_lowercase();
    if is_furniture(&lower, tokens.len()) {
        return Role::Furniture;
    }
    let words = tokens.iter().filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number)).count();
    let closed = tokens
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::Quote && !matches!(t.span.of(text), ")" | "]" | "»" | "”"))
        .is_some_and(|t| matches!(t.span.of(text).chars().last(), Some('.' | '!' | '?' | '…' | '。' | '！' | '？')));
    if closed && words >= MIN_WORDS { Role::Body } else { Role::Display }
}

/// Openings of link lines and captions.
static FURNITURE_OPENINGS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("furniture_openings"));

/// What a staff bio calls its subject.
static BIO_ROLES: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("bio_roles"));

/// Phrases that mark a line as belonging to the site rather than the story,
/// as one automaton: a single pass over the sentence instead of one per phrase.
static FURNITURE_PHRASES: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(lexicon::words("furniture")).expect("valid furniture phrases"));

fn is_furniture(lower: &str, tokens: usize) -> bool {
    FURNITURE_PHRASES.is_match(lower)
        || FURNITURE_OPENINGS.iter().any(|p| lower.starts_with(p))
        || is_bio(lower, tokens)
}

/// "X is AzerNews' staff journalist", "Jane Doe is a freelance writer based
/// in Paris": a short sentence that names a writing job right after "is".
fn is_bio(lower: &str, tokens: usize) -> bool {
    if tokens > 25 {
        return false;
    }
    let mut words = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    words.any(|w| w == "is") && words.take(6).any(|w| BIO_ROLES.iter().any(|r| w.starts_with(r)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::segment;

    fn roles_of(text: &str) -> Vec<Role> {
        roles(text, &segment(text))
    }

    #[test]
    fn headlines_datelines_and_captions_are_display() {
        let text = "Talks stall in Baku\n\nBAKU, Feb 23\n\nThe talks stalled on Tuesday after a row.";
        assert_eq!(roles_of(text), [Role::Display, Role::Display, Role::Body]);
    }

    #[test]
    fn bios_follow_calls_and_links_are_furniture() {
        let text = "The talks stalled on Tuesday after a row.\n\nJane Roe is the paper's staff journalist, follow her on X.\n\nRead more: the talks.\n\nJohn Doe is a freelance writer based in Paris.";
        assert_eq!(roles_of(text), [Role::Body, Role::Furniture, Role::Furniture, Role::Furniture]);
    }

    #[test]
    fn short_fragments_are_never_body() {
        assert_eq!(roles_of("It rained. The talks stalled on Tuesday after a row."), [Role::Display, Role::Body]);
    }

    #[test]
    fn a_text_without_periods_still_has_body() {
        assert_eq!(roles_of("talks stall in baku"), [Role::Body]);
        assert_eq!(roles_of("Read more"), [Role::Body]);
    }

    #[test]
    fn closing_quotes_do_not_hide_the_period() {
        assert_eq!(
            roles_of("“We will keep talking to them,” she said.\n\n“We will keep talking.”"),
            [Role::Body, Role::Body]
        );
    }
}
