//! Pronouns ("she", "him") and descriptions ("the official", "the deputy
//! minister") linked to the people they stand for.
//!
//! One pass in text order keeps the last few people mentioned, with their
//! sentence and whether they stood as a subject; each pronoun or description
//! picks among those (a bounded window, so the pass is linear). Gender comes
//! from first names, honorifics and gendered titles, and else from the
//! first pronoun linked to the person. A description that repeats words of
//! a role the text gave someone ("the deputy minister" after "Deputy Foreign
//! Minister Mikhail Galuzin") goes to that person even from farther back.

use super::{Entity, EntityType, Mention, MentionKind, gazetteer, roles, token_range};
use crate::analysis::lexicon;
use crate::analysis::segment::{Segmentation, Token, TokenKind};
use crate::analysis::text::Span;
use std::collections::{HashMap, VecDeque};
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
}

/// How many recent person mentions a pronoun may choose from.
const WINDOW: usize = 12;
/// How many sentences back a pronoun or a bare description may reach.
const MAX_SENTENCES: usize = 6;
/// How many holders of a role a description farther back may consider.
const MAX_HOLDERS: usize = 16;

/// The scores a candidate for a referrer earns, set by hand against the
/// cost of one sentence of distance (1 point): a pronoun's gender agreeing
/// is worth half a sentence, a description naming the person's role four.
const GENDER_AGREES: f32 = 0.5;
const ROLE_REPEATED: f32 = 4.0;
/// The person seen last, in the referrer's own sentence.
const ONLY_IN_SENTENCE: f32 = 0.75;
/// A subject is what the next sentence most often goes on about.
const WAS_SUBJECT: f32 = 1.0;
/// The first mention of a person, where the story introduces them.
const FIRST_MENTION: f32 = 0.75;
const SAME_PARAGRAPH: f32 = 0.5;

/// A person mention the pass has seen.
#[derive(Clone, Copy)]
struct Seen {
    /// Index into the people.
    person: usize,
    sentence: usize,
    paragraph: usize,
    subject: bool,
    /// The first person its sentence mentions: the main clause's subject
    /// more often than not.
    first: bool,
}

/// What a person entity brings to the choice.
struct Person {
    entity: usize,
    gender: Option<Gender>,
    /// Lower-cased words of its roles.
    role_words: Vec<String>,
}

/// A referring expression found in the text.
enum Referrer {
    Pronoun(Gender),
    /// "the deputy minister": the words after "the", lower-cased.
    Description(Vec<String>),
}

/// Adds pronoun and description mentions to the people in `entities`.
pub(super) fn link(text: &str, seg: &Segmentation, entities: &mut [Entity]) {
    let mut people: Vec<Person> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityType::Person)
        .map(|(i, e)| Person { entity: i, gender: name_gender(text, seg, e), role_words: role_words(&e.roles) })
        .collect();
    if people.is_empty() {
        return;
    }
    // Who holds each role word, in order of first mention.
    let mut holders: HashMap<String, Vec<usize>> = HashMap::new();
    for (p, person) in people.iter().enumerate() {
        for w in &person.role_words {
            let list = holders.entry(w.clone()).or_default();
            if list.last() != Some(&p) {
                list.push(p);
            }
        }
    }
    // Proper mentions of people, in text order, as (first token, person, span).
    let mut names: Vec<(usize, usize, Span)> = people
        .iter()
        .enumerate()
        .flat_map(|(p, person)| entities[person.entity].mentions.iter().map(move |m| (p, m.span)))
        .map(|(p, span)| (token_range(seg, span).start, p, span))
        .collect();
    names.sort_unstable_by_key(|&(t, _, _)| t);
    let mut next_name = 0;
    let mut recent: VecDeque<Seen> = VecDeque::with_capacity(WINDOW + 1);
    let mut added: Vec<(usize, Mention)> = Vec::new();
    for (s, sentence) in seg.sentences.iter().enumerate() {
        let mut t = sentence.tokens.start;
        while t < sentence.tokens.end {
            if names.get(next_name).is_some_and(|&(start, _, _)| start <= t) {
                let (_, p, span) = names[next_name];
                next_name += 1;
                let end = token_range(seg, span).end.max(t + 1);
                remember(&mut recent, seen(seg, text, s, p, end, sentence.tokens.end));
                t = end;
                continue;
            }
            let Some((referrer, end)) = referrer_at(text, seg, t, sentence.tokens.end) else {
                t += 1;
                continue;
            };
            let span = Span::new(seg.tokens[t].span.start, seg.tokens[end - 1].span.end);
            if let Some(p) = choose(&people, &holders, &recent, &referrer, s, seg.sentences[s].paragraph) {
                let kind = match referrer {
                    Referrer::Pronoun(g) => {
                        people[p].gender.get_or_insert(g);
                        MentionKind::Pronoun
                    }
                    Referrer::Description(_) => MentionKind::Common,
                };
                added.push((people[p].entity, Mention { span, kind }));
                remember(&mut recent, seen(seg, text, s, p, end, sentence.tokens.end));
            }
            t = end;
        }
    }
    for (e, m) in added {
        entities[e].mentions.push(m);
    }
}

fn remember(recent: &mut VecDeque<Seen>, mut s: Seen) {
    s.first = recent.front().is_none_or(|last| last.sentence != s.sentence);
    recent.push_front(s);
    recent.truncate(WINDOW);
}

fn seen(seg: &Segmentation, text: &str, sentence: usize, person: usize, end: usize, limit: usize) -> Seen {
    Seen {
        person,
        sentence,
        paragraph: seg.sentences[sentence].paragraph,
        subject: precedes_verb(text, seg.tokens.get(end).filter(|_| end < limit)),
        first: false,
    }
}

/// Whether a mention stands as a subject: a verb or auxiliary follows it
/// (a past tense or a third person "-s" form counts as a verb).
fn precedes_verb(text: &str, next: Option<&Token>) -> bool {
    let Some(next) = next.filter(|t| t.kind == TokenKind::Word) else { return false };
    let w = next.span.of(text);
    if w.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    VERBISH.contains(&w) || (w.len() > 3 && (w.ends_with("ed") || (w.ends_with('s') && !w.ends_with("ss"))))
}

/// Auxiliaries and common verbs that follow a subject.
static VERBISH: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("verbish"));

/// The pronoun or description starting at token `t`, and the token after it.
fn referrer_at(text: &str, seg: &Segmentation, t: usize, limit: usize) -> Option<(Referrer, usize)> {
    let tok = &seg.tokens[t];
    if tok.kind != TokenKind::Word {
        return None;
    }
    let word = tok.span.of(text);
    if let Some(g) = pronoun_gender(word) {
        return Some((Referrer::Pronoun(g), t + 1));
    }
    if !matches!(word, "the" | "The") {
        return None;
    }
    // "the" + up to three qualifiers + a role head, not followed by a name
    // (that would make it a title) nor by a noun it modifies.
    let mut words = Vec::new();
    for k in t + 1..limit.min(t + 5) {
        let w = seg.tokens[k].span.of(text);
        let lower = w.to_lowercase();
        let next = seg.tokens.get(k + 1).filter(|_| k + 1 < limit);
        let longer = next.is_some_and(|n| roles::is_role_head(n.span.of(text)));
        if roles::is_role_head(&lower) && w.chars().next().is_some_and(char::is_lowercase) && !longer {
            words.push(lower);
            let ends = next.is_none_or(|n| n.kind != TokenKind::Word)
                || precedes_verb(text, next)
                || next.is_some_and(|n| matches!(n.span.of(text), "who" | "and"));
            return ends.then_some((Referrer::Description(words), k + 1));
        }
        let qualifier = roles::is_role_word(&lower)
            || gazetteer::demonym(w).is_some()
            || matches!(lower.as_str(), "top" | "senior" | "former" | "new");
        if !qualifier || seg.tokens[k].kind != TokenKind::Word {
            return None;
        }
        words.push(lower);
    }
    None
}

fn pronoun_gender(word: &str) -> Option<Gender> {
    match word {
        "she" | "She" | "her" | "Her" | "hers" | "herself" | "Herself" => Some(Gender::Female),
        "he" | "He" | "him" | "Him" | "his" | "His" | "himself" | "Himself" => Some(Gender::Male),
        _ => None,
    }
}

/// The person a referrer most likely stands for, as an index into `people`.
fn choose(
    people: &[Person],
    holders: &HashMap<String, Vec<usize>>,
    recent: &VecDeque<Seen>,
    referrer: &Referrer,
    sentence: usize,
    paragraph: usize,
) -> Option<usize> {
    let mut best: Option<(f32, usize)> = None;
    let mut considered = Vec::with_capacity(WINDOW);
    for seen in recent {
        if considered.contains(&seen.person) {
            continue;
        }
        considered.push(seen.person);
        let person = &people[seen.person];
        let distance = sentence.saturating_sub(seen.sentence);
        let fit = match referrer {
            Referrer::Pronoun(g) => match person.gender {
                Some(pg) if pg != *g => continue,
                Some(_) => GENDER_AGREES,
                None => 0.0,
            },
            Referrer::Description(words) => match role_match(person, words) {
                Some(true) => ROLE_REPEATED,
                Some(false) => 0.0,
                None => continue,
            },
        };
        let strong = matches!(referrer, Referrer::Description(_)) && fit > 0.0;
        if distance > MAX_SENTENCES && !strong {
            continue;
        }
        let bonus = |yes: bool, points: f32| if yes { points } else { 0.0 };
        let score = fit - distance as f32
            + bonus(distance == 0 && considered.len() == 1, ONLY_IN_SENTENCE)
            + bonus(seen.subject, WAS_SUBJECT)
            + bonus(seen.first, FIRST_MENTION)
            + bonus(seen.paragraph == paragraph, SAME_PARAGRAPH);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, seen.person));
        }
    }
    if best.is_none()
        && let Referrer::Description(words) = referrer
    {
        // A specific role can reach past the window to whoever holds it,
        // the latest named holder first.
        let holders = words.last().and_then(|head| holders.get(head.as_str()))?;
        return holders.iter().rev().take(MAX_HOLDERS).copied().find(|&p| role_match(&people[p], words) == Some(true));
    }
    best.map(|(_, p)| p)
}

/// `Some(true)` when the description repeats the person's role words,
/// `Some(false)` when it is generic enough for anyone ("the official"),
/// `None` when it names a role the person does not have.
fn role_match(person: &Person, words: &[String]) -> Option<bool> {
    let content: Vec<&String> = words.iter().filter(|w| roles::is_role_word(w)).collect();
    if !content.is_empty() && content.iter().all(|w| person.role_words.contains(w)) {
        return Some(true);
    }
    let generic = words.last().is_some_and(|h| matches!(h.as_str(), "official" | "diplomat" | "leader" | "politician"));
    let gender_clash =
        words.last().and_then(|h| title_gender(h)).is_some_and(|g| person.gender.is_some_and(|pg| pg != g));
    (generic && !gender_clash).then_some(false)
}

fn role_words(roles: &[String]) -> Vec<String> {
    roles.iter().flat_map(|r| r.split([' ', '-'])).map(str::to_lowercase).collect()
}

/// A person's gender from the name, an honorific or a gendered title.
fn name_gender(text: &str, seg: &Segmentation, e: &Entity) -> Option<Gender> {
    let from_roles = e.roles.iter().flat_map(|r| r.split(' ')).find_map(|w| title_gender(&w.to_lowercase()));
    let from_honorific = e.mentions.iter().find_map(|m| {
        let first = token_range(seg, m.span).start;
        let prev = seg.tokens.get(first.checked_sub(1)?)?.span.of(text);
        match prev.trim_end_matches('.') {
            "Mr" | "Sir" => Some(Gender::Male),
            "Mrs" | "Ms" | "Miss" | "Madam" | "Dame" => Some(Gender::Female),
            _ => None,
        }
    });
    let mut words = e.name.split(' ');
    let first = words.next().unwrap_or("");
    let last = words.next_back().unwrap_or("");
    from_honorific.or(from_roles).or_else(|| first_name_gender(first, last))
}

fn title_gender(lower: &str) -> Option<Gender> {
    match lower {
        "spokeswoman" | "chairwoman" | "congresswoman" | "actress" | "queen" | "princess" | "businesswoman" => {
            Some(Gender::Female)
        }
        "spokesman" | "chairman" | "congressman" | "king" | "prince" | "businessman" => Some(Gender::Male),
        _ => None,
    }
}

/// Gender from a first name: a list of common women's names that do not end
/// in "a", a list of men's names that do, Slavic surname endings, and
/// otherwise "a" for women and any other known first name for men.
fn first_name_gender(first: &str, last: &str) -> Option<Gender> {
    if last.ends_with("ova")
        || last.ends_with("eva")
        || last.ends_with("skaya")
        || last.ends_with("ina") && last.len() > 5
    {
        return Some(Gender::Female);
    }
    if FEMALE.binary_search(&first).is_ok() {
        return Some(Gender::Female);
    }
    if MALE_IN_A.binary_search(&first).is_ok() {
        return Some(Gender::Male);
    }
    if first.len() > 2 && first.ends_with('a') && !last.is_empty() {
        return Some(Gender::Female);
    }
    let male_surname = last.ends_with("ov") || last.ends_with("ev") || last.ends_with("sky");
    (gazetteer::is_first_name(first) && !last.is_empty() || male_surname).then_some(Gender::Male)
}

/// Common women's names that do not end in "a". Sorted.
static FEMALE: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("female_given_names"));

/// Men's names that end in "a". Sorted.
static MALE_IN_A: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("male_given_names_in_a"));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::segment;

    fn entity(text: &str, name: &str, short: &str, roles: &[&str]) -> Entity {
        let mut mentions = Vec::new();
        for (i, _) in text.match_indices(short) {
            let len = if text[i..].starts_with(name) { name.len() } else { short.len() };
            mentions.push(Mention { span: Span::new(i, i + len), kind: MentionKind::Proper });
        }
        Entity {
            name: name.to_string(),
            kind: EntityType::Person,
            salience: 0.0,
            mentions,
            roles: roles.iter().map(|r| r.to_string()).collect(),
            normalized_value: String::new(),
        }
    }

    fn linked<'a>(text: &'a str, e: &Entity) -> Vec<&'a str> {
        e.mentions.iter().filter(|m| m.kind != MentionKind::Proper).map(|m| m.span.of(text)).collect()
    }

    #[test]
    fn pronouns_follow_gender_and_recency() {
        let text = "Anna Berg met Ivan Petrov. She said the talks failed. He disagreed with her.";
        let mut entities =
            [entity(text, "Anna Berg", "Anna Berg", &[]), entity(text, "Ivan Petrov", "Ivan Petrov", &[])];
        link(text, &segment(text), &mut entities);
        assert_eq!(linked(text, &entities[0]), ["She", "her"]);
        assert_eq!(linked(text, &entities[1]), ["He"]);
    }

    #[test]
    fn descriptions_follow_roles() {
        let text = "Deputy Foreign Minister Ivan Petrov spoke. Later Anna Berg disagreed. \
                    The deputy minister said yes. The official added more.";
        let mut entities = [
            entity(text, "Ivan Petrov", "Petrov", &["Deputy Foreign Minister"]),
            entity(text, "Anna Berg", "Berg", &[]),
        ];
        link(text, &segment(text), &mut entities);
        assert_eq!(linked(text, &entities[0]), ["The deputy minister", "The official"]);
        assert!(linked(text, &entities[1]).is_empty());
    }

    #[test]
    fn genders_from_names() {
        assert_eq!(first_name_gender("Maria", "Zakharova"), Some(Gender::Female));
        assert_eq!(first_name_gender("Nikita", "Khrushchev"), Some(Gender::Male));
        assert_eq!(first_name_gender("Helen", "Clark"), Some(Gender::Female));
    }
}
