//! The metadata an extraction answers with: the module's public types.

use super::dates::ArticleDate;
use super::language::LanguageSource;
use crate::analysis::text::Span;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    /// The author's page on the site.
    pub url: String,
    /// A social media handle, "@" included.
    pub handle: String,
    pub kind: AuthorKind,
}

/// What an author credit names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthorKind {
    #[default]
    Person,
    /// A news agency, a newsroom, the site or its publisher: credited when
    /// the page names no person.
    Organization,
}

/// The place line that opens a story ("ATLANTA --").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// As written.
    pub text: String,
    /// The place, capitals normalized ("Atlanta").
    pub location: String,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// The headline without a site name; empty when the article has none.
    pub title: String,
    pub description: String,
    pub authors: Vec<Author>,
    pub published: Option<ArticleDate>,
    pub modified: Option<ArticleDate>,
    pub publisher: String,
    pub publisher_handle: String,
    /// The site's name where it differs from the publisher's.
    pub site_name: String,
    pub canonical_url: String,
    pub section: String,
    pub tags: Vec<String>,
    pub image_url: String,
    /// BCP-47; empty when unknown.
    pub language: String,
    pub language_source: LanguageSource,
    pub dateline: Option<Dateline>,
    pub word_count: usize,
    pub reading_time_seconds: u32,
    pub social_handles: Vec<String>,
}
