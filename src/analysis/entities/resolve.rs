//! From the tagger's spans to named entities: edges cleaned of titles and page
//! furniture, organizations the tagger missed added by pattern, MISC split
//! into finer types, one type per surface string unless the tagger is sure
//! otherwise, and the surfaces that name one thing grouped: a surname with
//! the full name, an acronym with its expansion, "Foreign Ministry" with
//! "Russia's Foreign Ministry", "Apic Yamada" with "Apic Yamada Corp".
//!
//! Grouping works on distinct surfaces through hash maps keyed by name parts,
//! so it stays linear in the number of mentions.

use super::model::{NerClass, Recognized};
use super::{Entity, EntityType, Mention, MentionKind, gazetteer, normalize_name, roles, token_range};
use crate::analysis::lexicon;
use crate::analysis::segment::{Segmentation, TokenKind};
use crate::analysis::text::Span;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::LazyLock;

/// The name types a mention can vote for.
const NAME_TYPES: [EntityType; 6] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Location,
    EntityType::Nationality,
    EntityType::Event,
    EntityType::Other,
];

/// One cleaned name mention.
struct Named {
    span: Span,
    ty: EntityType,
    /// The tagger's confidence in [0, 1].
    confidence: f32,
}

/// A mention as a surface holds it.
#[derive(Clone, Copy)]
struct Occurrence {
    span: Span,
    ty: EntityType,
    confidence: f32,
}

/// Above this confidence the tagger's type for a mention stands even when
/// the rest of its entity says otherwise: "Detroit" the team and "Detroit"
/// the city can share an article.
const CONFIDENT: f32 = 0.9;

/// A distinct name string with every place it occurs.
struct Surface {
    /// What makes two mentions the same name: the normalized text, or for a
    /// state body its country and bare name ("Russia|Foreign Ministry").
    key: String,
    /// The fullest way the text writes it ("Russia's Foreign Ministry").
    display: String,
    votes: [f32; NAME_TYPES.len()],
    occurrences: Vec<Occurrence>,
}

impl Surface {
    fn ty(&self) -> EntityType {
        best_type(&self.votes)
    }

    fn weight(&self) -> f32 {
        self.votes.iter().sum()
    }

    fn words(&self) -> Vec<&str> {
        self.display.split(' ').collect()
    }
}

/// Turns the tagger's spans into entities, in order of first mention.
pub(super) fn named_entities(text: &str, seg: &Segmentation, found: &[Recognized]) -> Vec<Entity> {
    let mut named: Vec<Named> = found.iter().filter_map(|r| clean(text, seg, r)).collect();
    named.sort_by_key(|n| n.span.start);
    complete_state_bodies(text, seg, &mut named);
    let missed = missed_organizations(text, seg, &named);
    if !missed.is_empty() {
        named.extend(missed);
        named.sort_by_key(|n| n.span.start);
    }
    let cues = context_cues(text, seg, &named);
    let mut surfaces: Vec<Surface> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (n, cue) in named.iter().zip(cues) {
        let (key, display) = surface_key(text, seg, n);
        let i = match by_key.entry(key) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                surfaces.push(Surface { key: e.key().clone(), display, votes: [0.0; 6], occurrences: Vec::new() });
                *e.insert(surfaces.len() - 1)
            }
        };
        for (ty, weight) in std::iter::once((n.ty, 0.25 + n.confidence)).chain(cue) {
            let slot = NAME_TYPES.iter().position(|&t| t == ty).unwrap_or(5);
            surfaces[i].votes[slot] += weight;
        }
        // A clear cue outvotes the tagger for this mention too.
        let (ty, confidence) = cue.map_or((n.ty, n.confidence), |(ty, _)| (ty, 0.0));
        surfaces[i].occurrences.push(Occurrence { span: n.span, ty, confidence });
    }
    let mut groups = UnionFind::new(surfaces.len());
    link_surfaces(&surfaces, &mut groups);
    build_entities(&surfaces, &mut groups)
}

/// Widens a state body the tagger cut short to its full name: "Russia's
/// [Ministry]" -> "Russia's [Foreign Ministry]". The capitalized words
/// of its sentence before it join, up to a possessive, a country, a
/// nationality or another mention.
fn complete_state_bodies(text: &str, seg: &Segmentation, named: &mut [Named]) {
    let mut previous_end = 0;
    for n in named.iter_mut() {
        let range = token_range(seg, n.span);
        let is_body = range.end > range.start && STATE_BODIES.contains(&seg.tokens[range.end - 1].span.of(text));
        if n.ty == EntityType::Organization && is_body {
            let floor = seg.sentence_at(n.span.start).map_or(range.start, |s| seg.sentences[s].tokens.start);
            let mut start = range.start;
            while start > floor && range.start - start < 3 {
                let t = seg.tokens[start - 1];
                let w = t.span.of(text);
                let modifier = t.kind == TokenKind::Word
                    && t.span.start >= previous_end
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && !matches!(w, "The" | "A" | "An")
                    && !is_place(w)
                    && gazetteer::demonym(w).is_none();
                if !modifier {
                    break;
                }
                start -= 1;
            }
            n.span.start = n.span.start.min(seg.tokens[start].span.start);
        }
        previous_end = n.span.end;
    }
}

/// Organizations that patterns make plain where the tagger saw nothing: a
/// state body after its country ("Russia's Foreign Ministry", "Russian
/// Defense Ministry") and the owner of an employee ("AzerNews' staff
/// journalist", "Reuters' correspondent").
fn missed_organizations(text: &str, seg: &Segmentation, named: &[Named]) -> Vec<Named> {
    let toks = &seg.tokens;
    let word = |i: usize| toks.get(i).map_or("", |t| t.span.of(text));
    let capitalized =
        |i: usize| toks[i].kind == TokenKind::Word && word(i).chars().next().is_some_and(char::is_uppercase);
    let covered = |a: usize, b: usize| {
        let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
        let i = named.partition_point(|n| n.span.end <= span.start);
        named.get(i).is_some_and(|n| n.span.overlaps(span))
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let run_end = (i..toks.len().min(i + 5)).take_while(|&k| capitalized(k)).last().map_or(i, |k| k + 1);
        if run_end == i {
            i += 1;
            continue;
        }
        let after_country = i.checked_sub(1).is_some_and(|p| {
            (is_possessive(word(p)) && p >= 1 && is_place(word(p - 1))) || gazetteer::demonym(word(p)).is_some()
        });
        let body = after_country.then(|| (i..run_end).rev().find(|&k| STATE_BODIES.contains(&word(k)))).flatten();
        let org_end = match body {
            Some(k) => Some(k + 1),
            None => {
                let owner = matches!(word(run_end), "'s" | "’s" | "'" | "’");
                (owner && i > 0 && EMPLOYEES.contains(&word(run_end + 1).to_lowercase().as_str())).then_some(run_end)
            }
        };
        if let Some(end) = org_end.filter(|&end| !covered(i, end)) {
            let span = Span::new(toks[i].span.start, toks[end - 1].span.end);
            found.push(Named { span, ty: EntityType::Organization, confidence: 0.5 });
        }
        i = run_end;
    }
    found
}

/// How much a context cue counts against the tagger's own vote (which is
/// between 0.25 and 1.25): a clear cue outweighs a confident tagger.
const CUE_WEIGHT: f32 = 1.5;

/// Votes that the words around a mention cast for its type: a place noun
/// after a name taken for a person or organization ("Lachin districts"), an
/// employee after its possessive ("AzerNews' staff journalist"), and the
/// type shared by the other people, organizations or places of a list it
/// stands in ("Kalbajar, Aghdam, and Lachin").
fn context_cues(text: &str, seg: &Segmentation, named: &[Named]) -> Vec<Option<(EntityType, f32)>> {
    let word = |i: usize| seg.tokens.get(i).map_or("", |t| t.span.of(text));
    let mut cues: Vec<Option<(EntityType, f32)>> = named
        .iter()
        .map(|n| {
            let after = token_range(seg, n.span).end;
            let next = word(after).to_lowercase();
            let proper = matches!(n.ty, EntityType::Person | EntityType::Organization);
            if proper && PLACE_NOUNS.contains(&next.as_str()) {
                return Some((EntityType::Location, CUE_WEIGHT));
            }
            let owner = matches!(word(after), "'s" | "’s" | "'" | "’");
            (owner && EMPLOYEES.contains(&word(after + 1).to_lowercase().as_str()))
                .then_some((EntityType::Organization, CUE_WEIGHT))
        })
        .collect();
    for run in lists(text, seg, named) {
        let count = |ty: EntityType| run.clone().filter(|&i| named[i].ty == ty).count();
        let Some(major) = NAME_TYPES[..3].iter().copied().find(|&t| count(t) * 3 >= run.len() * 2) else { continue };
        for i in run.filter(|&i| named[i].ty != major && NAME_TYPES[..3].contains(&named[i].ty)) {
            cues[i].get_or_insert((major, CUE_WEIGHT));
        }
    }
    cues
}

/// Nouns after a name that make it a place.
static PLACE_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("place_nouns"));

/// Nouns after a possessive that make the owner an organization.
static EMPLOYEES: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("employees"));

/// Runs of three or more mentions written as a list: "A, B and C".
fn lists(text: &str, seg: &Segmentation, named: &[Named]) -> Vec<std::ops::Range<usize>> {
    let joined = |a: &Named, b: &Named| {
        let (end, start) = (token_range(seg, a.span).end, token_range(seg, b.span).start);
        if start < end || start - end > 2 {
            return false;
        }
        let gap: Vec<&str> = (end..start).map(|i| seg.tokens[i].span.of(text)).collect();
        matches!(gap.as_slice(), [","] | ["and"] | ["or"] | [",", "and"] | [",", "or"])
    };
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=named.len() {
        if i == named.len() || !joined(&named[i - 1], &named[i]) {
            if i - start >= 3 {
                runs.push(start..i);
            }
            start = i;
        }
    }
    runs
}

/// Trims a recognized span of stray punctuation, titles and page furniture
/// ("Read more", "Follow") and types it; `None` when nothing is left.
fn clean(text: &str, seg: &Segmentation, r: &Recognized) -> Option<Named> {
    let range = token_range(seg, r.span);
    let word = |i: usize| seg.tokens[i].span.of(text);
    let (mut a, mut b) = (range.start, range.end);
    while a < b && drop_leading(seg, word(a), a, b, r.class) {
        a += 1;
    }
    while b > a && drop_trailing(seg, word(b - 1), b - 1, &text[seg.tokens[a].span.start..seg.tokens[b - 1].span.end]) {
        b -= 1;
    }
    if a == b || (a..b).all(|i| is_noise(word(i)) || seg.tokens[i].kind != TokenKind::Word) {
        return None;
    }
    // A lone letter ("( Z )" in a league table) names nothing.
    (a..b).flat_map(|i| word(i).chars()).filter(|c| c.is_alphanumeric()).nth(1)?;
    let start = if a == range.start { r.span.start.max(seg.tokens[a].span.start) } else { seg.tokens[a].span.start };
    let end = if b == range.end { r.span.end.min(seg.tokens[b - 1].span.end) } else { seg.tokens[b - 1].span.end };
    let span = Span::new(start, end);
    if span.is_empty() {
        return None;
    }
    let ty = match r.class {
        NerClass::Person => EntityType::Person,
        NerClass::Organization => EntityType::Organization,
        NerClass::Location => EntityType::Location,
        NerClass::Misc => misc_type(&display_name(span.of(text))),
    };
    Some(Named { span, ty, confidence: r.confidence.clamp(0.0, 1.0) })
}

fn drop_leading(seg: &Segmentation, word: &str, i: usize, end: usize, class: NerClass) -> bool {
    let last = i + 1 == end;
    (matches!(seg.tokens[i].kind, TokenKind::Punct | TokenKind::Quote) && word != "(")
        || (!last && LEADING_NOISE.contains(&word))
        || (!last && class == NerClass::Person && is_name_prefix(word, end - i - 1))
}

/// Words a tagger may glue before a person's name: titles ("President",
/// "Mr.") and, before a full name, affiliations ("Democrat Hillary
/// Clinton") unless they are names themselves ("Christian Cullen").
fn is_name_prefix(word: &str, words_after: usize) -> bool {
    let affiliation = words_after >= 2 && !gazetteer::is_first_name(word) && misc_type(word) == EntityType::Nationality;
    gazetteer::is_person_title(word) || roles::is_title_word(word) || affiliation
}

/// A closing bracket stays when the name opened it: "Mladost (L)".
fn drop_trailing(seg: &Segmentation, word: &str, i: usize, name: &str) -> bool {
    (matches!(seg.tokens[i].kind, TokenKind::Punct | TokenKind::Quote) && !(word == ")" && name.contains('(')))
        || word.starts_with(['@', '#'])
        || TRAILING_NOISE.contains(&word)
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'S" | "’S")
}

/// The name a mention gives, without the article or possessive that the
/// tagger may keep around it: "The Netherlands" -> "Netherlands".
fn display_name(s: &str) -> String {
    let name = normalize_name(s);
    let bare = name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(&name);
    let bare = bare
        .strip_suffix(" 's")
        .or_else(|| bare.strip_suffix("'s"))
        .or_else(|| bare.strip_suffix('\''))
        .unwrap_or(bare);
    if bare.chars().any(char::is_alphanumeric) { bare.to_string() } else { name }
}

/// Web page furniture that taggers take for names.
static LEADING_NOISE: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("leading_noise"));
static TRAILING_NOISE: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("trailing_noise"));
static PAGE_NOISE: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("page_noise"));

/// Directions that may join a people's name ("North Korean").
static DIRECTIONS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("directions"));

fn is_noise(word: &str) -> bool {
    LEADING_NOISE.contains(&word) || TRAILING_NOISE.contains(&word) || PAGE_NOISE.contains(&word)
}

/// Splits the tagger's MISC: peoples and creeds, events, and other names.
fn misc_type(name: &str) -> EntityType {
    let is_people = |w: &str| {
        gazetteer::demonym(w).is_some()
            || w.strip_suffix('s').is_some_and(|s| gazetteer::demonym(s).is_some() || GROUPS.contains(&s))
            || GROUPS.contains(&w)
    };
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let directional = |w: &str| DIRECTIONS.contains(&w);
    if is_people(name) || (words.iter().any(|w| is_people(w)) && words.iter().all(|w| is_people(w) || directional(w))) {
        EntityType::Nationality
    } else if words.iter().any(|w| EVENT_WORDS.contains(w)) || name.starts_with("World War") {
        EntityType::Event
    } else {
        EntityType::Other
    }
}

/// Religious, ethnic and political groups (singular forms).
static GROUPS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("groups"));

/// Words that make a name an event.
static EVENT_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("event_words"));

/// Heads of state bodies that a country's name qualifies: "Russia's Foreign
/// Ministry", "the Russian Defense Ministry".
static STATE_BODIES: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("state_bodies"));

/// The grouping key and display name of a mention. A state body takes the
/// country that qualifies it, written before it or inside it.
fn surface_key(text: &str, seg: &Segmentation, named: &Named) -> (String, String) {
    let display = display_name(named.span.of(text));
    if named.ty != EntityType::Organization {
        return (display.clone(), display);
    }
    let words: Vec<&str> = display.split(' ').collect();
    let is_body = words.last().is_some_and(|w| STATE_BODIES.contains(w)) && words.len() <= 5;
    if !is_body {
        return (display.clone(), display);
    }
    if let Some((country, bare)) = inner_qualifier(&words) {
        return (format!("{country}|{bare}"), display);
    }
    match outer_qualifier(text, seg, named.span) {
        Some((country, start)) => {
            let full = display_name(&text[start..named.span.end]);
            (format!("{country}|{display}"), full)
        }
        None => (display.clone(), display),
    }
}

/// "Russian Defense Ministry" or "Russia's Foreign Ministry" as one span.
fn inner_qualifier(words: &[&str]) -> Option<(String, String)> {
    let (first, rest) = words.split_first()?;
    if rest.is_empty() {
        return None;
    }
    if let Some(country) = gazetteer::demonym(first) {
        return Some((country.to_string(), rest.join(" ")));
    }
    let bare = first.strip_suffix("'s").filter(|c| is_place(c))?;
    Some((bare.to_string(), rest.join(" ")))
}

/// The country before a state body: "Russia's |Foreign Ministry|" or
/// "Russian |Defense Ministry|". Returns the country and where it starts.
fn outer_qualifier(text: &str, seg: &Segmentation, span: Span) -> Option<(String, usize)> {
    let first = token_range(seg, span).start;
    let prev = first.checked_sub(1).map(|i| seg.tokens[i])?;
    let prev_word = prev.span.of(text);
    if is_possessive(prev_word) {
        let owner = seg.tokens[first.checked_sub(2)?];
        let name = owner.span.of(text);
        return is_place(name).then(|| (name.to_string(), owner.span.start));
    }
    let country = gazetteer::demonym(prev_word)?;
    (prev.span.end < span.start).then(|| (country.to_string(), prev.span.start))
}

fn is_place(name: &str) -> bool {
    gazetteer::is_country(name) || gazetteer::is_city(name)
}

/// Links surfaces that name the same thing.
fn link_surfaces(surfaces: &[Surface], groups: &mut UnionFind) {
    let person_parts = link_full_names(surfaces, groups);
    let mut acronyms: HashMap<String, usize> = HashMap::new();
    let mut short_forms: HashMap<String, Option<usize>> = HashMap::new();
    for (i, s) in surfaces.iter().enumerate() {
        let words = s.words();
        if words.len() >= 2 && s.ty() != EntityType::Person {
            acronyms.entry(acronym(&words)).or_insert(i);
        }
        if let Some((_, bare)) = s.key.split_once('|') {
            note_unique(&mut short_forms, bare.to_string(), i);
        }
        if s.ty() == EntityType::Organization {
            let n = words.iter().rposition(|w| !gazetteer::is_org_suffix(w)).map_or(0, |p| p + 1);
            if n > 0 && n < words.len() {
                note_unique(&mut short_forms, words[..n].join(" "), i);
            }
        }
    }
    for (i, s) in surfaces.iter().enumerate() {
        if is_all_caps(&s.display) {
            let letters: String = s.display.chars().filter(|c| c.is_alphabetic()).collect();
            if let Some(&j) = acronyms.get(&letters).filter(|_| (2..=6).contains(&letters.len())) {
                groups.union(i, j);
                continue;
            }
        }
        if !s.display.contains(' ')
            && joins_person(s)
            && let Some(&Some(j)) = person_parts.get(&s.display.to_lowercase())
        {
            groups.union(i, j);
            continue;
        }
        if !s.key.contains('|')
            && let Some(&Some(j)) = short_forms.get(&s.display)
        {
            groups.union(i, j);
        }
    }
}

/// Links people's names of several words to the fuller names they shorten
/// ("De Blasio" to "Bill de Blasio", "Hillary Clinton" to "Hillary Rodham
/// Clinton") and returns the parts a lone word may match: first names and
/// every ending of a full name, lower-cased, `None` when two people share it.
fn link_full_names(surfaces: &[Surface], groups: &mut UnionFind) -> HashMap<String, Option<usize>> {
    let mut people: Vec<usize> = (0..surfaces.len())
        .filter(|&i| surfaces[i].ty() == EntityType::Person && surfaces[i].display.contains(' '))
        .collect();
    people.sort_by_key(|&i| std::cmp::Reverse(surfaces[i].display.split(' ').count()));
    let mut parts: HashMap<String, Option<usize>> = HashMap::new();
    let mut full_names: HashMap<(&str, &str), usize> = HashMap::new();
    for i in people {
        if let Some(&Some(j)) = parts.get(&surfaces[i].display.to_lowercase()) {
            groups.union(i, j);
            continue;
        }
        let words = surfaces[i].words();
        let (first, last) = (words[0], words[words.len() - 1]);
        if let Some(&j) = full_names.get(&(first, last)) {
            groups.union(i, j);
            continue;
        }
        full_names.insert((first, last), i);
        note_unique(&mut parts, first.to_lowercase(), i);
        for k in 1..words.len() {
            note_unique(&mut parts, words[k..].join(" ").to_lowercase(), i);
        }
    }
    parts
}

/// Records `i` under `key`, or marks the key ambiguous when another surface
/// already holds it.
fn note_unique<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Option<usize>>, key: K, i: usize) {
    map.entry(key).and_modify(|v| *v = None).or_insert(Some(i));
}

/// A lone word joins a person's full name unless the tagger firmly saw
/// something else in it, such as a country.
fn joins_person(s: &Surface) -> bool {
    let w = s.display.as_str();
    s.ty() == EntityType::Person
        || !(gazetteer::is_country(w) || gazetteer::is_city(w) || gazetteer::demonym(w).is_some() || s.weight() >= 2.0)
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// The initials of the capitalized words: "Drug Enforcement Administration" -> "DEA".
fn acronym(words: &[&str]) -> String {
    words.iter().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect()
}

fn best_type(votes: &[f32; NAME_TYPES.len()]) -> EntityType {
    let mut best = 0;
    for (i, &v) in votes.iter().enumerate() {
        if v > votes[best] {
            best = i;
        }
    }
    NAME_TYPES[best]
}

/// One entity per group of surfaces, named by its fullest surface and typed
/// by that surface's votes. A mention the tagger typed otherwise with
/// confidence keeps its type and goes to an entity of that type.
fn build_entities(surfaces: &[Surface], groups: &mut UnionFind) -> Vec<Entity> {
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..surfaces.len() {
        members.entry(groups.find(i)).or_default().push(i);
    }
    let mut entities: Vec<Entity> = Vec::new();
    for group in members.into_values() {
        let Some(head) = fullest(surfaces, &group, None) else { continue };
        let head_type = surfaces[head].ty();
        let mut by_type: Vec<(EntityType, Vec<usize>, Vec<Mention>)> = Vec::new();
        for &i in &group {
            for o in &surfaces[i].occurrences {
                let ty = if o.confidence >= CONFIDENT && o.ty != head_type { o.ty } else { head_type };
                let slot = match by_type.iter().position(|(t, _, _)| *t == ty) {
                    Some(slot) => slot,
                    None => {
                        by_type.push((ty, Vec::new(), Vec::new()));
                        by_type.len() - 1
                    }
                };
                let (_, owners, mentions) = &mut by_type[slot];
                // Occurrences come surface by surface.
                if owners.last() != Some(&i) {
                    owners.push(i);
                }
                mentions.push(Mention { span: o.span, kind: MentionKind::Proper });
            }
        }
        for (ty, owners, mut mentions) in by_type {
            let name = if ty == head_type { head } else { fullest(surfaces, &owners, Some(ty)).unwrap_or(head) };
            mentions.sort_by_key(|m| m.span.start);
            entities.push(Entity {
                name: surfaces[name].display.clone(),
                kind: ty,
                salience: 0.0,
                mentions,
                roles: Vec::new(),
                normalized_value: String::new(),
            });
        }
    }
    entities.sort_by_key(|e| e.mentions.first().map_or(0, |m| m.span.start));
    entities
}

/// The surface with the fullest name: written in mixed case rather than as
/// an acronym, then the most words, then the longest, then the earliest.
fn fullest(surfaces: &[Surface], group: &[usize], ty: Option<EntityType>) -> Option<usize> {
    group.iter().copied().filter(|&i| ty.is_none_or(|t| surfaces[i].occurrences.iter().any(|o| o.ty == t))).max_by_key(
        |&i| {
            let s = &surfaces[i];
            let first = s.occurrences.first().map_or(0, |o| o.span.start);
            (!is_all_caps(&s.display), s.display.split(' ').count(), s.display.len(), usize::MAX - first)
        },
    )
}

/// Disjoint sets over surface indexes, with path halving.
struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        Self((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Joins two sets; the earlier surface stays the root.
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (root, child) = if a <= b { (a, b) } else { (b, a) };
        self.0[child] = root;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::segment;

    /// Runs the layer over `text` with the tagger's output given by hand as
    /// (mention, class, confidence); each mention is found at its first
    /// occurrence after the previous one.
    fn resolve(text: &str, tagged: &[(&str, NerClass, f32)]) -> Vec<(String, EntityType, Vec<String>)> {
        let mut from = 0;
        let found: Vec<Recognized> = tagged
            .iter()
            .map(|&(m, class, confidence)| {
                let start = from + text[from..].find(m).unwrap_or(0);
                from = start + m.len();
                Recognized { span: Span::new(start, start + m.len()), class, confidence }
            })
            .collect();
        named_entities(text, &segment(text), &found)
            .into_iter()
            .map(|e| (e.name, e.kind, e.mentions.iter().map(|m| m.span.of(text).to_string()).collect()))
            .collect()
    }

    #[test]
    fn surnames_join_and_take_the_full_names_type() {
        let text = "Maria Zakharova spoke. Later Zakharova left.";
        let got = resolve(text, &[("Maria Zakharova", NerClass::Person, 1.0), ("Zakharova", NerClass::Location, 0.4)]);
        assert_eq!(
            got,
            [("Maria Zakharova".into(), EntityType::Person, vec!["Maria Zakharova".into(), "Zakharova".into()])]
        );
    }

    #[test]
    fn acronyms_join_their_expansion() {
        let text = "The Drug Enforcement Administration (DEA) acted. The DEA said so.";
        let org = NerClass::Organization;
        let got = resolve(text, &[("Drug Enforcement Administration", org, 1.0), ("DEA", org, 1.0), ("DEA", org, 0.5)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Drug Enforcement Administration");
        assert_eq!(got[0].2.len(), 3);
    }

    #[test]
    fn short_forms_of_several_words_join_the_full_name() {
        let text =
            "Bill de Blasio spoke. De Blasio said Blasio is fine. Hillary Rodham Clinton and Hillary Clinton met.";
        let per = NerClass::Person;
        let got = resolve(
            text,
            &[
                ("Bill de Blasio", per, 1.0),
                ("De Blasio", per, 1.0),
                ("Blasio", per, 1.0),
                ("Hillary Rodham Clinton", per, 1.0),
                ("Hillary Clinton", per, 1.0),
            ],
        );
        let names: Vec<(&str, usize)> = got.iter().map(|e| (e.0.as_str(), e.2.len())).collect();
        assert_eq!(names, [("Bill de Blasio", 3), ("Hillary Rodham Clinton", 2)]);
    }

    #[test]
    fn a_confident_mention_keeps_its_type() {
        let text = "Detroit beat Boston. Detroit is cold in winter.";
        let got = resolve(
            text,
            &[
                ("Detroit", NerClass::Organization, 0.95),
                ("Boston", NerClass::Organization, 1.0),
                ("Detroit", NerClass::Location, 0.95),
            ],
        );
        assert_eq!(got.iter().filter(|e| e.0 == "Detroit").count(), 2);
    }

    #[test]
    fn state_bodies_are_named_with_their_country() {
        let text = "Russia’s Foreign Ministry said so. Later the Foreign Ministry added more.";
        let got = resolve(
            text,
            &[
                ("Russia", NerClass::Location, 1.0),
                ("Foreign Ministry", NerClass::Organization, 1.0),
                ("Foreign Ministry", NerClass::Organization, 1.0),
            ],
        );
        let ministry = got.iter().find(|e| e.1 == EntityType::Organization);
        assert_eq!(ministry.map(|e| e.0.as_str()), Some("Russia's Foreign Ministry"));
        assert_eq!(ministry.map(|e| e.2.len()), Some(2));
    }

    #[test]
    fn context_overrules_an_unsure_tagger() {
        let text = "It returned Kalbajar, Aghdam, and Lachin districts. She writes for AzerNews’ staff.";
        let got = resolve(
            text,
            &[
                ("Kalbajar", NerClass::Location, 1.0),
                ("Aghdam", NerClass::Location, 1.0),
                ("Lachin", NerClass::Person, 0.6),
                ("AzerNews", NerClass::Misc, 0.6),
            ],
        );
        assert!(got.iter().any(|e| e.0 == "Lachin" && e.1 == EntityType::Location));
        assert!(got.iter().any(|e| e.0 == "AzerNews" && e.1 == EntityType::Organization));
    }

    #[test]
    fn page_furniture_and_stray_marks_are_trimmed() {
        let text = "By Sabina Mammadli Read more. Follow us. Proleter (Z) won.";
        let got = resolve(
            text,
            &[
                ("Sabina Mammadli Read", NerClass::Person, 1.0),
                ("Follow", NerClass::Person, 1.0),
                ("Z)", NerClass::Organization, 1.0),
            ],
        );
        assert_eq!(got, [("Sabina Mammadli".into(), EntityType::Person, vec!["Sabina Mammadli".into()])]);
    }

    #[test]
    fn misc_splits_into_peoples_events_and_other() {
        assert_eq!(misc_type("Russian"), EntityType::Nationality);
        assert_eq!(misc_type("Azerbaijani-Armenian"), EntityType::Nationality);
        assert_eq!(misc_type("Muslims"), EntityType::Nationality);
        assert_eq!(misc_type("World Cup"), EntityType::Event);
        assert_eq!(misc_type("Cold War"), EntityType::Event);
        assert_eq!(misc_type("Windows"), EntityType::Other);
    }

    #[test]
    fn acronyms_are_initials_of_capitalized_words() {
        assert_eq!(acronym(&["Drug", "Enforcement", "Administration"]), "DEA");
        assert_eq!(acronym(&["Bank", "of", "England"]), "BE");
    }

    #[test]
    fn state_bodies_take_their_country() {
        assert_eq!(
            inner_qualifier(&["Russian", "Defense", "Ministry"]),
            Some(("Russia".to_string(), "Defense Ministry".to_string()))
        );
        assert_eq!(inner_qualifier(&["Ministry"]), None);
    }

    #[test]
    fn union_keeps_the_earliest_root() {
        let mut u = UnionFind::new(4);
        u.union(3, 1);
        u.union(2, 3);
        assert_eq!(u.find(2), 1);
        assert_eq!(u.find(0), 0);
    }
}
