//! The whole entity layer on the seed article (the user's own example), with
//! the statistical tagger in the loop.

use super::*;
use crate::analysis::segment::segment;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn seed_entities() -> Vec<Entity> {
    extract(SEED, &segment(SEED), chrono::NaiveDate::from_ymd_opt(2023, 2, 23), &Budget::default()).unwrap()
}

fn find<'a>(entities: &'a [Entity], kind: EntityType, name: &str) -> &'a Entity {
    entities
        .iter()
        .find(|e| e.kind == kind && e.name == name)
        .unwrap_or_else(|| panic!("no {kind:?} {name:?} in {:#?}", summary(entities)))
}

fn summary(entities: &[Entity]) -> Vec<String> {
    entities.iter().map(|e| format!("{:?} {} {:?}", e.kind, e.name, e.normalized_value)).collect()
}

fn texts(e: &Entity) -> Vec<&'static str> {
    e.mentions.iter().map(|m| m.span.of(SEED)).collect()
}

/// The byte offset of the `nth` (0-based) occurrence of `needle`.
fn nth(needle: &str, n: usize) -> usize {
    SEED.match_indices(needle).nth(n).map_or(usize::MAX, |(i, _)| i)
}

fn has_mention_at(e: &Entity, start: usize, kind: MentionKind) -> bool {
    e.mentions.iter().any(|m| m.span.start == start && m.kind == kind)
}

#[test]
fn seed_people_with_roles_pronouns_and_descriptions() {
    let entities = seed_entities();
    let zakharova = find(&entities, EntityType::Person, "Maria Zakharova");
    assert!(zakharova.roles.iter().any(|r| r.eq_ignore_ascii_case("Spokesperson of Russia's Foreign Ministry")));
    for m in ["Maria Zakharova", "Zakharova", "she"] {
        assert!(texts(zakharova).contains(&m), "{m} not in {:?}", texts(zakharova));
    }
    assert!(has_mention_at(zakharova, nth("the official", 0), MentionKind::Common));

    let galuzin = find(&entities, EntityType::Person, "Mikhail Galuzin");
    assert!(galuzin.roles.iter().any(|r| r == "Deputy Foreign Minister"), "{:?}", galuzin.roles);
    for m in ["Galuzin", "him", "He", "he", "the deputy minister", "The official"] {
        assert!(texts(galuzin).contains(&m), "{m} not in {:?}", texts(galuzin));
    }
    assert!(has_mention_at(galuzin, nth("The official", 0), MentionKind::Common));
    assert!(has_mention_at(galuzin, nth("the deputy minister", 0), MentionKind::Common));

    find(&entities, EntityType::Person, "Sabina Mammadli");
}

#[test]
fn seed_organizations_places_and_peoples() {
    let entities = seed_entities();
    for name in ["TASS", "AzerNews", "Russia's Foreign Ministry", "Russian Defense Ministry"] {
        find(&entities, EntityType::Organization, name);
    }
    let places = [
        "Russia",
        "Azerbaijan",
        "Armenia",
        "Baku",
        "Yerevan",
        "Moscow",
        "Egypt",
        "Karabakh",
        "South Caucasus",
        "Lachin",
        "Shusha",
        "Kalbajar",
        "Aghdam",
    ];
    for name in places {
        find(&entities, EntityType::Location, name);
    }
    for name in ["Russian", "Azerbaijani", "Armenian"] {
        find(&entities, EntityType::Nationality, name);
    }
}

#[test]
fn seed_dates_are_normalized() {
    let entities = seed_entities();
    let value = |v: &str| entities.iter().find(|e| e.kind == EntityType::Date && e.normalized_value == v);
    assert_eq!(value("2022-12-12").map(texts), Some(vec!["December 12, 2022"]));
    assert_eq!(value("2020-11-10").map(texts), Some(vec!["November 10, 2020", "November 10, 2020"]));
}

#[test]
fn seed_has_no_page_furniture() {
    let entities = seed_entities();
    for e in &entities {
        assert!(!matches!(e.name.as_str(), "Read" | "Follow" | "Staff" | "Read more"), "{:?}", summary(&entities));
        assert!(!(e.kind == EntityType::Person && e.name.contains("Read")), "{:?}", summary(&entities));
    }
}

#[test]
fn entities_are_sorted_by_salience_within_bounds() {
    let entities = seed_entities();
    assert!(entities.windows(2).all(|w| w[0].salience >= w[1].salience));
    assert!(entities.iter().all(|e| (0.0..=1.0).contains(&e.salience)));
    assert!(entities[..3].iter().any(|e| e.name == "Maria Zakharova"), "{:?}", summary(&entities));
}

#[test]
fn any_cut_of_the_seed_keeps_spans_on_char_boundaries() {
    let cuts: Vec<usize> = SEED.char_indices().map(|(i, _)| i).step_by(97).collect();
    for &cut in &cuts {
        for text in [&SEED[..cut], &SEED[cut..]] {
            for e in extract(text, &segment(text), None, &Budget::default()).unwrap() {
                for m in &e.mentions {
                    assert!(m.span.start < m.span.end && text.get(m.span.start..m.span.end).is_some());
                }
            }
        }
    }
}

#[test]
fn empty_and_odd_inputs_do_not_panic() {
    for text in ["", " ", "’s", "The the THE", "Mr.", "$", "16:99 (UTC+", "December 45, 2022"] {
        let _ = extract(text, &segment(text), None, &Budget::default());
    }
}
