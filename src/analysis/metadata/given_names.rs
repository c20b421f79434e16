//! Whether a word is a given name, as a byline's first word must be when
//! nothing else marks a line as a byline.
//!
//! The shared gazetteer's given names come from the US census and lack many
//! names common in continental Europe and Turkey ("Jörg", "Uta", "Moritz"),
//! where many bylines of a European news site stand; the lexicon's list
//! `mul/given_names` adds them.

use crate::analysis::entities::gazetteer;
use crate::analysis::lexicon;
use crate::analysis::text::{self, FastSet};
use std::sync::LazyLock;

/// The given names of continental Europe and Turkey, lower case.
static EUROPEAN: LazyLock<FastSet<&str>> = LazyLock::new(|| lexicon::words_of("mul", "given_names").collect());

/// Whether `word` is a common given name, in any case.
pub fn is_given_name(word: &str) -> bool {
    gazetteer::is_first_name(word) || EUROPEAN.contains(text::lowercase(word).as_ref())
}

/// Whether a known given name opens `name`: "Jane Doe", not "Aktuelle Meldung".
pub fn opens(name: &str) -> bool {
    name.split_whitespace().next().is_some_and(is_given_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn european_and_census_names() {
        assert!(is_given_name("Jörg") && is_given_name("Uta") && is_given_name("Kazım"));
        assert!(is_given_name("Mary"));
        assert!(!is_given_name("Aktuelle") && !is_given_name("Meldung"));
        assert!(opens("Jörg Beispiel") && !opens("Aktuelle Meldung") && !opens(""));
    }
}
