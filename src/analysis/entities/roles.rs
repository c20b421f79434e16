//! The roles a text gives people: a title before the name ("Russia's Deputy
//! Foreign Minister Mikhail Galuzin") or an appositive after it ("Maria
//! Zakharova, spokesperson of the Foreign Ministry,").

use super::{Entity, EntityType, normalize_name, token_range};
use crate::analysis::lexicon;
use crate::analysis::segment::{Segmentation, Token, TokenKind};
use crate::analysis::text::Span;
use std::sync::LazyLock;

/// Nouns that name what a person is or does.
static HEADS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("role_heads"));

/// Words that qualify a head in a title: "Deputy Foreign Minister".
static MODIFIERS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("role_modifiers"));

/// The longest role a text writes around a name, in tokens.
const MAX_ROLE_TOKENS: usize = 12;

/// Honorifics that stand before a name without being a role.
static HONORIFICS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("honorifics"));

pub(super) fn is_role_head(lower: &str) -> bool {
    HEADS.binary_search(&lower).is_ok()
}

pub(super) fn is_role_word(lower: &str) -> bool {
    is_role_head(lower) || MODIFIERS.binary_search(&lower).is_ok()
}

/// A capitalized title word that a tagger may glue to a name: "President",
/// "Deputy", "Sen.", "Mr.".
pub(super) fn is_title_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && (HONORIFICS.contains(&word) || is_role_word(&word.trim_end_matches('.').to_lowercase()))
}

/// Fills `roles` of every person from the words around its names.
pub(super) fn assign(text: &str, seg: &Segmentation, entities: &mut [Entity]) {
    let mut org_spans: Vec<Span> = entities
        .iter()
        .filter(|e| e.kind == EntityType::Organization)
        .flat_map(|e| e.mentions.iter().map(|m| m.span))
        .collect();
    org_spans.sort();
    for e in entities.iter_mut().filter(|e| e.kind == EntityType::Person) {
        let mut roles: Vec<String> = Vec::new();
        for m in &e.mentions {
            let found = [title_before(text, seg, m.span, &org_spans), appositive_after(text, seg, m.span)];
            for role in found.into_iter().flatten() {
                if !roles.iter().any(|r| r.eq_ignore_ascii_case(&role)) {
                    roles.push(role);
                }
            }
        }
        e.roles = roles;
    }
}

fn lower(text: &str, t: &Token) -> String {
    t.span.of(text).to_lowercase()
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'S" | "’S")
}

/// The title written right before a name, within its sentence.
fn title_before(text: &str, seg: &Segmentation, name: Span, org_spans: &[Span]) -> Option<String> {
    let first = token_range(seg, name).start;
    let sentence_start = seg.sentence_at(name.start).map_or(0, |s| seg.sentences[s].tokens.start);
    let floor = sentence_start.max(first.saturating_sub(MAX_ROLE_TOKENS));
    let toks = &seg.tokens;
    // The run of title-like tokens before the name.
    let mut k = first;
    while k > floor {
        let t = &toks[k - 1];
        let w = t.span.of(text);
        let fits = is_possessive(w)
            || (t.kind == TokenKind::Word && (is_capitalized(w) || is_role_word(&w.to_lowercase()) || is_adjective(w)))
            || (matches!(w, "of" | "for" | "and" | "the") && k < first);
        if !fits || HONORIFICS.contains(&w) {
            break;
        }
        k -= 1;
    }
    // The role starts at its leftmost title word, taking in an organization
    // or adjective right before it ("Kremlin spokesman", "presidential
    // nominee") but not a possessor ("Russia's").
    let mut start = (k..first).find(|&i| is_role_word(&lower(text, &toks[i])))?;
    (start..first).any(|i| is_role_head(&lower(text, &toks[i]))).then_some(())?;
    while start > k && (in_spans(org_spans, toks[start - 1].span) || is_adjective(toks[start - 1].span.of(text))) {
        start -= 1;
    }
    let mut end = first;
    while end > start && matches!(toks[end - 1].span.of(text), "of" | "for" | "and" | "the") {
        end -= 1;
    }
    (end > start).then(|| normalize_name(&text[toks[start].span.start..toks[end - 1].span.end]))
}

/// A lower-case adjective of office: "presidential", "regional", "federal".
fn is_adjective(word: &str) -> bool {
    word.len() > 5 && word.ends_with("al") && word.chars().all(|c| c.is_ascii_lowercase())
}

fn in_spans(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|s| s.end <= span.start);
    sorted.get(i).is_some_and(|s| s.contains(span))
}

/// A role in commas after a name: "Maria Zakharova, spokesperson of the
/// Foreign Ministry, said".
fn appositive_after(text: &str, seg: &Segmentation, name: Span) -> Option<String> {
    let after = token_range(seg, name).end;
    let sentence = seg.sentence_at(name.start)?;
    let limit = seg.sentences[sentence].tokens.end;
    let toks = &seg.tokens;
    if after >= limit || toks[after].span.of(text) != "," {
        return None;
    }
    let mut start = after + 1;
    if toks.get(start).is_some_and(|t| matches!(t.span.of(text), "the" | "a" | "an")) {
        start += 1;
    }
    let scan_end = limit.min(start + MAX_ROLE_TOKENS);
    let end = (start..scan_end)
        .find(|&i| matches!(toks[i].kind, TokenKind::Punct | TokenKind::Quote) && !is_possessive(toks[i].span.of(text)))
        .unwrap_or(scan_end);
    let head_early = (start..end.min(start + 4)).any(|i| is_role_head(&lower(text, &toks[i])));
    let closes = end == limit || (end < limit && matches!(toks[end].span.of(text), "," | "." | ";" | ")"));
    (end > start && end - start <= 8 && head_early && closes)
        .then(|| normalize_name(&text[toks[start].span.start..toks[end - 1].span.end]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::{Mention, MentionKind};
    use crate::analysis::segment::segment;

    fn person(text: &str, name: &str) -> Entity {
        let start = text.find(name).unwrap_or(0);
        Entity {
            name: name.to_string(),
            kind: EntityType::Person,
            salience: 0.0,
            mentions: vec![Mention { span: Span::new(start, start + name.len()), kind: MentionKind::Proper }],
            roles: Vec::new(),
            normalized_value: String::new(),
        }
    }

    fn roles_of(text: &str, name: &str) -> Vec<String> {
        let mut entities = [person(text, name)];
        assign(text, &segment(text), &mut entities);
        entities[0].roles.clone()
    }

    #[test]
    fn titles_before_names() {
        let text = "Later, Russia’s Deputy Foreign Minister Mikhail Galuzin spoke.";
        assert_eq!(roles_of(text, "Mikhail Galuzin"), ["Deputy Foreign Minister"]);
        let text = "Spokesperson of Russia’s Foreign Ministry Maria Zakharova spoke.";
        assert_eq!(roles_of(text, "Maria Zakharova"), ["Spokesperson of Russia's Foreign Ministry"]);
        let text = "Democratic vice presidential nominee Tim Kaine spoke.";
        assert_eq!(roles_of(text, "Tim Kaine"), ["vice presidential nominee"]);
        let text = "He met Mr. John Smith.";
        assert!(roles_of(text, "John Smith").is_empty());
    }

    #[test]
    fn appositives_after_names() {
        let text = "Anna Berg, the chief economist at Nordbank, said prices rose.";
        assert_eq!(roles_of(text, "Anna Berg"), ["chief economist at Nordbank"]);
        let text = "Anna Berg, who lives in Oslo, said so.";
        assert!(roles_of(text, "Anna Berg").is_empty());
    }
}
