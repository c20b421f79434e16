//! One home for the words the rules look for: the lists under
//! `data/lexicon/<language>/<name>.txt`, embedded in the binary. A rule asks
//! for a list by name and gets the words of every language; a regex is built
//! from a list with [`alternation`], never with words inside the pattern.
//!
//! A list holds one entry a line, sorted (except the lists in [`ORDERED`]),
//! each once, trimmed, in lower case (except the lists in [`AS_WRITTEN`]);
//! `#` starts a comment line. An entry may carry tags after ` | ` naming the
//! rules that use it beside its list's own ("aktualisiert | byline": the word
//! also ends a byline), or, in a list each of whose rules takes a different
//! part (`by`), every rule that takes it; [`TAGS`] holds the known tags. The
//! hygiene test below checks every list; `data/lexicon/README.md` says how to
//! add a language.

/// One list of one language.
pub struct List {
    pub lang: &'static str,
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! lists {
    ($($lang:ident / $name:ident),* $(,)?) => {
        /// Every list, by language and name.
        pub const LISTS: &[List] = &[$(List {
            lang: stringify!($lang),
            name: stringify!($name),
            text: include_str!(concat!("../../data/lexicon/", stringify!($lang), "/", stringify!($name), ".txt")),
        }),*];
    };
}

lists! {
    cs/months,
    da/by,
    de/aside_headings,
    de/author_labels,
    de/author_navigation,
    de/boilerplate_lines,
    de/by,
    de/byline_media,
    de/byline_openers,
    de/conjunctions,
    de/contact_labels,
    de/credit_words,
    de/date_prepositions,
    de/date_published,
    de/date_updated,
    de/definite_articles,
    de/desk_labels,
    de/desks,
    de/function_words,
    de/leading_roles,
    de/months,
    de/navigation_nouns,
    de/navigation_quantifiers,
    de/navigation_verbs,
    de/not_names,
    de/organization_endings,
    de/organization_words,
    de/source_labels,
    en/abbreviations,
    en/after_time,
    en/aside_headings,
    en/author_labels,
    en/author_navigation,
    en/before_month,
    en/before_time,
    en/bio_jobs,
    en/bio_roles,
    en/boilerplate_lines,
    en/boilerplate_pairs,
    en/by,
    en/byline_media,
    en/byline_openers,
    en/conjunctions,
    en/contact_labels,
    en/credit_words,
    en/date_prepositions,
    en/date_published,
    en/date_updated,
    en/definite_articles,
    en/desks,
    en/directions,
    en/employees,
    en/event_words,
    en/follow_us,
    en/function_words,
    en/furniture,
    en/furniture_openings,
    en/given_names,
    en/groups,
    en/honorifics,
    en/leading_noise,
    en/leading_roles,
    en/link_phrases,
    en/months,
    en/navigation_nouns,
    en/navigation_quantifiers,
    en/navigation_verbs,
    en/never_last,
    en/not_authorship,
    en/not_names,
    en/organization_endings,
    en/organization_words,
    en/page_noise,
    en/place_nouns,
    en/quote_act_verbs,
    en/quote_auxiliaries,
    en/quote_be_forms,
    en/quote_clause_continuers,
    en/quote_connectors,
    en/quote_contrast_conjunctions,
    en/quote_counting_words,
    en/quote_determiners,
    en/quote_document_heads,
    en/quote_evaluative_verbs,
    en/quote_go_forms,
    en/quote_head_prepositions,
    en/quote_impersonal_heads,
    en/quote_institutions,
    en/quote_ly_nouns,
    en/quote_not_names,
    en/quote_noun_followers,
    en/quote_noun_too,
    en/quote_object_pronouns,
    en/quote_organization_heads,
    en/quote_phrase_breaks,
    en/quote_pronouns,
    en/quote_relative_pronouns,
    en/quote_resumers,
    en/quote_singular_determiners,
    en/quote_singular_pronouns,
    en/quote_speech_verbs,
    en/quote_takes_object,
    en/quote_time_nouns,
    en/quote_time_openers,
    en/quote_time_words,
    en/quote_titles,
    en/role_heads,
    en/role_modifiers,
    en/sentence_final_abbreviations,
    en/sentence_openers,
    en/source_labels,
    en/state_bodies,
    en/title_small_words,
    en/trailing_noise,
    en/verbish,
    es/aside_headings,
    es/author_labels,
    es/author_navigation,
    es/boilerplate_lines,
    es/by,
    es/byline_media,
    es/byline_openers,
    es/conjunctions,
    es/credit_words,
    es/date_prepositions,
    es/date_published,
    es/date_updated,
    es/definite_articles,
    es/desk_labels,
    es/desks,
    es/function_words,
    es/months,
    es/navigation_nouns,
    es/navigation_quantifiers,
    es/navigation_verbs,
    es/not_names,
    es/source_labels,
    fi/months,
    fr/aside_headings,
    fr/author_labels,
    fr/author_navigation,
    fr/boilerplate_lines,
    fr/by,
    fr/byline_openers,
    fr/conjunctions,
    fr/credit_words,
    fr/date_prepositions,
    fr/date_published,
    fr/date_updated,
    fr/definite_articles,
    fr/desk_labels,
    fr/desks,
    fr/function_words,
    fr/months,
    fr/navigation_nouns,
    fr/navigation_quantifiers,
    fr/navigation_verbs,
    fr/not_names,
    fr/organization_words,
    fr/source_labels,
    it/author_labels,
    it/by,
    it/byline_media,
    it/byline_openers,
    it/credit_words,
    it/date_prepositions,
    it/date_published,
    it/date_updated,
    it/definite_articles,
    it/desk_labels,
    it/desks,
    it/function_words,
    it/months,
    it/navigation_nouns,
    it/navigation_quantifiers,
    it/navigation_verbs,
    it/not_names,
    it/source_labels,
    mul/author_navigation,
    mul/author_paths,
    mul/class_article_body,
    mul/class_boilerplate,
    mul/class_byline,
    mul/class_caption,
    mul/class_comment,
    mul/class_content,
    mul/class_date,
    mul/class_date_published,
    mul/class_date_updated,
    mul/female_given_names,
    mul/given_names,
    mul/male_given_names_in_a,
    mul/news_agencies,
    mul/not_names,
    mul/organization_words,
    nl/author_navigation,
    nl/by,
    nl/byline_media,
    nl/byline_openers,
    nl/conjunctions,
    nl/credit_words,
    nl/definite_articles,
    nl/desks,
    nl/function_words,
    nl/leading_roles,
    nl/months,
    nl/navigation_nouns,
    nl/not_names,
    pl/author_labels,
    pl/by,
    pl/months,
    pl/not_names,
    pt/author_labels,
    pt/author_navigation,
    pt/by,
    pt/byline_media,
    pt/credit_words,
    pt/date_prepositions,
    pt/function_words,
    pt/months,
    pt/navigation_verbs,
    pt/not_names,
    pt/source_labels,
    ru/months,
    sv/by,
    tr/months,
}

/// Lists written as their words are written, where case tells them apart:
/// proper names, and capitalized words the rules match as they stand.
pub const AS_WRITTEN: &[(&str, &str)] = &[
    ("en", "abbreviations"),
    ("en", "directions"),
    ("en", "event_words"),
    ("en", "given_names"),
    ("en", "groups"),
    ("en", "honorifics"),
    ("en", "leading_noise"),
    ("en", "page_noise"),
    ("en", "quote_institutions"),
    ("en", "quote_not_names"),
    ("en", "quote_titles"),
    ("en", "sentence_final_abbreviations"),
    ("en", "sentence_openers"),
    ("en", "state_bodies"),
    ("en", "trailing_noise"),
    ("mul", "female_given_names"),
    ("mul", "male_given_names_in_a"),
];

/// Lists whose order means something, left unsorted: a line's position
/// names what it holds (in `months`, line `i` is month `i + 1`, its forms
/// separated by spaces). Every language's file of such a list has as many
/// lines.
pub const ORDERED: &[&str] = &["months"];

/// The tags an entry may carry: each names a rule that takes the entry
/// (the lists' header comments say what each rule is).
pub const TAGS: &[&str] = &[
    "byline",
    "byline_mark",
    "credit",
    "glued",
    "header",
    "headed",
    "leading_label",
    "named_date",
    "navigation_label",
    "posted_by",
    "posted_mark",
];

/// An entry of a list and its tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub text: &'static str,
    tags: &'static str,
}

impl Entry {
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.split_whitespace().any(|t| t == tag)
    }
}

impl List {
    pub fn entries(&self) -> impl Iterator<Item = Entry> {
        self.text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|line| {
            let (text, tags) = line.split_once(" | ").unwrap_or((line, ""));
            Entry { text, tags }
        })
    }
}

/// The list `name` of one language; empty if there is none.
pub fn list(lang: &str, name: &str) -> &'static str {
    LISTS.iter().find(|l| l.lang == lang && l.name == name).map_or("", |l| l.text)
}

/// The words of the list `name` of one language.
pub fn words_of(lang: &str, name: &str) -> impl Iterator<Item = &'static str> {
    LISTS.iter().filter(move |l| l.lang == lang && l.name == name).flat_map(List::entries).map(|e| e.text)
}

/// The entries of the list `name` in every language.
pub fn entries(name: &'static str) -> impl Iterator<Item = Entry> {
    LISTS.iter().filter(move |l| l.name == name).flat_map(List::entries)
}

/// The words of the list `name` in every language.
pub fn words(name: &'static str) -> impl Iterator<Item = &'static str> {
    entries(name).map(|e| e.text)
}

/// The words of the list `name` in every language, sorted and each once:
/// a rule's table, ready for `contains` and `binary_search`.
pub fn sorted(name: &'static str) -> Vec<&'static str> {
    let mut words: Vec<&str> = words(name).collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The lines of the ordered list `name` by position, each line's
/// space-separated forms in every language: `months` gives the forms of
/// January at 0.
pub fn by_position(name: &'static str) -> Vec<Vec<&'static str>> {
    let mut lines: Vec<Vec<&str>> = Vec::new();
    for list in LISTS.iter().filter(|l| l.name == name) {
        for (i, entry) in list.entries().enumerate() {
            if lines.len() <= i {
                lines.resize_with(i + 1, Vec::new);
            }
            lines[i].extend(entry.text.split(' '));
        }
    }
    lines
}

/// The words of the lists `names` that carry `tag`.
pub fn tagged<'a>(names: &'a [&'static str], tag: &'a str) -> impl Iterator<Item = &'static str> + 'a {
    names.iter().flat_map(|name| entries(name)).filter(move |e| e.has_tag(tag)).map(|e| e.text)
}

/// A regex alternation of `words`, escaped, longest first so that no word
/// shadows a longer one it begins; a space inside a word becomes `space`
/// (`\s+` for patterns in verbose mode, where a literal space is ignored).
pub fn alternation<'w>(words: impl IntoIterator<Item = &'w str>, space: &str) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let escaped: Vec<String> =
        words.iter().map(|w| w.split(' ').map(regex::escape).collect::<Vec<_>>().join(space)).collect();
    escaped.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list: sorted, each entry once, trimmed, single-spaced, lower
    /// case unless written as names are, in composed form (no combining
    /// marks), tags known.
    #[test]
    fn every_list_is_sorted_unique_and_normalized() {
        for list in LISTS {
            let at = |entry: &str| format!("data/lexicon/{}/{}.txt: {entry:?}", list.lang, list.name);
            let entries: Vec<Entry> = list.entries().collect();
            assert!(!entries.is_empty(), "{}", at("no entries"));
            if ORDERED.contains(&list.name) {
                let lines = LISTS.iter().find(|l| l.name == list.name).map_or(0, |l| l.entries().count());
                assert_eq!(entries.len(), lines, "{}", at("not as many lines as the other languages' lists"));
                let mut forms: Vec<&str> = entries.iter().flat_map(|e| e.text.split(' ')).collect();
                let count = forms.len();
                forms.sort_unstable();
                forms.dedup();
                assert_eq!(forms.len(), count, "{}", at("a form repeated"));
            } else {
                for pair in entries.windows(2) {
                    assert!(
                        pair[0].text < pair[1].text,
                        "{} before {}: unsorted or repeated",
                        at(pair[0].text),
                        pair[1].text
                    );
                }
            }
            let as_written = AS_WRITTEN.contains(&(list.lang, list.name));
            for entry in &entries {
                let text = entry.text;
                assert_eq!(text, text.trim(), "{}", at(text));
                assert!(!text.contains("  ") && !text.contains(['\t', '|']), "{}", at(text));
                assert!(as_written || text == text.to_lowercase(), "{} is not lower case", at(text));
                assert!(!text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)), "{} is decomposed", at(text));
                assert!(entry.tags.split_whitespace().all(|t| TAGS.contains(&t)), "{}", at(entry.tags));
            }
        }
    }

    #[test]
    fn every_file_is_listed() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon");
        for lang in std::fs::read_dir(root).unwrap().flatten().filter(|e| e.path().is_dir()) {
            for file in std::fs::read_dir(lang.path()).unwrap().flatten() {
                let lang = lang.file_name().into_string().unwrap();
                let name = file.path().file_stem().unwrap().to_string_lossy().into_owned();
                assert!(!list(&lang, &name).is_empty(), "data/lexicon/{lang}/{name}.txt is not in LISTS");
            }
        }
    }

    #[test]
    fn alternations_put_longer_words_first_and_escape() {
        assert_eq!(alternation(["a", "a.b c", "ab"], r"\s+"), r"a\.b\s+c|ab|a");
        assert!(tagged(&["date_updated"], "byline").any(|w| w == "aktualisiert"));
        assert!(words("date_published").any(|w| w == "veröffentlicht"));
    }
}
