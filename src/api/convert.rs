//! Proto requests to domain inputs (with validation), and domain analyses to
//! proto responses (with offsets in the caller's encoding).

use super::error::ApiError;
use super::offsets::{OffsetMap, Unit};
use crate::analysis::entities::{Entity, EntityType, MentionKind};
use crate::analysis::metadata::{ArticleDate, AuthorKind, DatePrecision, LanguageSource, Metadata};
use crate::analysis::quotes::QuoteMethod;
use crate::analysis::quotes::{Quote, QuoteKind, SpeakerKind};
use crate::analysis::summary::{Summary, SummaryOptions};
use crate::analysis::text::Span;
use crate::analysis::{Analysis, Content, Document, Features, Format, Options};
use crate::pb;
use tonic_types::FieldViolation;

/// A validated `AnalyzeArticleRequest`, borrowing from it.
pub struct Validated<'a> {
    pub document: Document<'a>,
    pub features: Features,
    pub options: Options,
    pub encoding: pb::EncodingType,
}

/// Validates a request; absent `features` mean every analysis.
/// A request that names no quote method gets `quote_method`.
pub fn validate(req: &pb::AnalyzeArticleRequest, quote_method: QuoteMethod) -> Result<Validated<'_>, ApiError> {
    let mut violations = Vec::new();
    let document = match &req.document {
        Some(doc) => document(doc, &mut violations),
        None => {
            violations.push(FieldViolation::new("document", "is required"));
            None
        }
    };
    let features = match req.features {
        None => Features::ALL,
        Some(f) => {
            let features =
                Features { metadata: f.metadata, entities: f.entities, quotes: f.quotes, summary: f.summary };
            if features.is_empty() {
                violations.push(FieldViolation::new(
                    "features",
                    "asks for no analysis: set at least one of metadata, entities, quotes, summary, or leave features out for all",
                ));
            }
            features
        }
    };
    let encoding = enum_field(req.encoding_type, "encoding_type", &mut violations);
    let summary = req.summary_options.map(|o| summary_options(&o, &mut violations)).unwrap_or_default();
    let asked = req
        .quote_options
        .map_or(Some(pb::QuoteMethod::Unspecified), |o| enum_field(o.method, "quote_options.method", &mut violations));
    let quotes = match asked {
        Some(pb::QuoteMethod::Rules) => QuoteMethod::Rules,
        Some(pb::QuoteMethod::Learned) => QuoteMethod::Learned,
        Some(pb::QuoteMethod::Unspecified) | None => quote_method,
    };
    match (document, violations.is_empty()) {
        (Some(document), true) => Ok(Validated {
            document,
            features,
            options: Options { summary, quotes },
            encoding: encoding.unwrap_or_default(),
        }),
        _ => Err(ApiError::InvalidArgument(violations)),
    }
}

/// Summary limits; 0 means "not set", negative numbers are refused.
fn summary_options(o: &pb::SummaryOptions, violations: &mut Vec<FieldViolation>) -> SummaryOptions {
    let mut count = |value: i32, field: &str| match usize::try_from(value) {
        Ok(0) => None,
        Ok(n) => Some(n),
        Err(_) => {
            violations
                .push(FieldViolation::new(field, format!("is {value}; use a positive number, or 0 for no limit")));
            None
        }
    };
    let max_sentences = count(o.max_sentences, "summary_options.max_sentences");
    let max_words = count(o.max_words, "summary_options.max_words");
    let ratio = match o.ratio {
        0.0 => None,
        r if r > 0.0 && r <= 1.0 => Some(r),
        r => {
            violations.push(FieldViolation::new(
                "summary_options.ratio",
                format!("is {r}; use a fraction in (0, 1], or 0 for no limit"),
            ));
            None
        }
    };
    SummaryOptions { max_sentences, max_words, ratio }
}

fn document<'a>(doc: &'a pb::Document, violations: &mut Vec<FieldViolation>) -> Option<Document<'a>> {
    let content = match &doc.source {
        Some(pb::document::Source::Content(text)) => Content::Text(text),
        Some(pb::document::Source::RawContent(bytes)) => Content::Bytes { bytes, charset: &doc.charset },
        None => {
            violations.push(FieldViolation::new("document.content", "is required: the article's text or HTML"));
            return None;
        }
    };
    let format = match enum_field::<pb::DocumentFormat>(doc.format, "document.format", violations)? {
        pb::DocumentFormat::Unspecified => Format::Detect,
        pb::DocumentFormat::PlainText => Format::PlainText,
        pb::DocumentFormat::Html => Format::Html,
    };
    Some(Document { content, format, url: &doc.url, language: &doc.language_code })
}

/// Reads an enum field, recording a violation for a number the proto does not define.
fn enum_field<E>(value: i32, field: &str, violations: &mut Vec<FieldViolation>) -> Option<E>
where
    E: TryFrom<i32>,
{
    let parsed = E::try_from(value).ok();
    if parsed.is_none() {
        violations.push(FieldViolation::new(field, format!("{value} is not a known value of this enum")));
    }
    parsed
}

/// Builds the response for one analysis.
pub fn response(document_id: &str, analysis: &Analysis, encoding: pb::EncodingType) -> pb::AnalyzeArticleResponse {
    let text = &analysis.text;
    let offsets = OffsetMap::new(text, Unit::from_pb(encoding));
    let seg = &analysis.segmentation;
    let paragraphs = seg.paragraphs.iter().filter_map(|p| offsets.span(p.span)).collect();
    let sentences = seg
        .sentences
        .iter()
        .map(|s| pb::Sentence {
            span: offsets.span(s.span),
            text: s.span.of(text).to_owned(),
            paragraph_index: to_i32(s.paragraph),
        })
        .collect();
    pb::AnalyzeArticleResponse {
        document_id: document_id.to_owned(),
        text: text.clone(),
        encoding_type: match encoding {
            pb::EncodingType::Unspecified => pb::EncodingType::Utf8,
            other => other,
        } as i32,
        paragraphs,
        sentences,
        metadata: analysis.metadata.as_ref().map(|m| metadata(m, &offsets)),
        entities: analysis.entities.iter().flatten().enumerate().map(|(i, e)| entity(i, e, text, &offsets)).collect(),
        quotes: analysis.quotes.iter().flatten().map(|q| quote(q, text, &offsets)).collect(),
        summary: analysis.summary.as_ref().map(|s| summary(s, analysis, &offsets)),
    }
}

fn summary(s: &Summary, analysis: &Analysis, offsets: &OffsetMap) -> pb::Summary {
    let text = &analysis.text;
    let sentences: Vec<pb::SummarySentence> = s
        .sentences
        .iter()
        .filter_map(|chosen| {
            let span = analysis.segmentation.sentences.get(chosen.index)?.span;
            Some(pb::SummarySentence {
                span: offsets.span(span),
                text: span.of(text).to_owned(),
                sentence_index: to_i32(chosen.index),
                score: chosen.score,
            })
        })
        .collect();
    pb::Summary {
        text: sentences.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" "),
        sentences,
        keyphrases: s
            .keyphrases
            .iter()
            .map(|k| pb::Keyphrase { text: k.text.clone(), score: k.score, span: offsets.span(k.span) })
            .collect(),
    }
}

fn metadata(m: &Metadata, offsets: &OffsetMap) -> pb::Metadata {
    pb::Metadata {
        title: m.title.clone(),
        description: m.description.clone(),
        authors: m
            .authors
            .iter()
            .map(|a| pb::Author {
                name: a.name.clone(),
                url: a.url.clone(),
                handle: a.handle.clone(),
                kind: match a.kind {
                    AuthorKind::Person => pb::AuthorKind::Person,
                    AuthorKind::Organization => pb::AuthorKind::Organization,
                }
                .into(),
            })
            .collect(),
        published_at: m.published.as_ref().map(article_date),
        modified_at: m.modified.as_ref().map(article_date),
        publisher: m.publisher.clone(),
        publisher_handle: m.publisher_handle.clone(),
        site_name: m.site_name.clone(),
        canonical_url: m.canonical_url.clone(),
        section: m.section.clone(),
        tags: m.tags.clone(),
        image_url: m.image_url.clone(),
        language_code: m.language.clone(),
        language_source: match m.language_source {
            LanguageSource::Unknown => pb::LanguageSource::Unspecified,
            LanguageSource::Request => pb::LanguageSource::Request,
            LanguageSource::Declared => pb::LanguageSource::Declared,
            LanguageSource::Detected => pb::LanguageSource::Detected,
        } as i32,
        dateline: m.dateline.as_ref().map(|d| pb::Dateline {
            text: d.text.clone(),
            location: d.location.clone(),
            span: offsets.span(d.span),
        }),
        word_count: to_i32(m.word_count),
        reading_time_seconds: to_i32(m.reading_time_seconds as usize),
        social_handles: m.social_handles.clone(),
    }
}

fn article_date(d: &ArticleDate) -> pb::ArticleDate {
    let (seconds, nanos) = d.instant();
    pb::ArticleDate {
        local: d.local(),
        instant: Some(prost_types::Timestamp { seconds, nanos }),
        precision: match d.precision() {
            DatePrecision::Day => pb::DatePrecision::Day,
            DatePrecision::Minute => pb::DatePrecision::Minute,
            DatePrecision::Second => pb::DatePrecision::Second,
        } as i32,
    }
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Entity ids are positions in the response's list, stable within it.
fn entity_id(index: usize) -> String {
    format!("e{}", index + 1)
}

fn entity(index: usize, e: &Entity, text: &str, offsets: &OffsetMap) -> pb::Entity {
    let mentions = e
        .mentions
        .iter()
        .map(|m| pb::EntityMention {
            span: offsets.span(m.span),
            text: m.span.of(text).to_owned(),
            r#type: match m.kind {
                MentionKind::Proper => pb::MentionType::Proper,
                MentionKind::Common => pb::MentionType::Common,
                MentionKind::Pronoun => pb::MentionType::Pronoun,
            } as i32,
        })
        .collect();
    pb::Entity {
        id: entity_id(index),
        name: e.name.clone(),
        r#type: entity_type(e.kind) as i32,
        salience: e.salience,
        mentions,
        roles: e.roles.clone(),
        normalized_value: e.normalized_value.clone(),
    }
}

fn entity_type(kind: EntityType) -> pb::EntityType {
    match kind {
        EntityType::Person => pb::EntityType::Person,
        EntityType::Organization => pb::EntityType::Organization,
        EntityType::Location => pb::EntityType::Location,
        EntityType::Nationality => pb::EntityType::Nationality,
        EntityType::Event => pb::EntityType::Event,
        EntityType::Other => pb::EntityType::Other,
        EntityType::Date => pb::EntityType::Date,
        EntityType::Time => pb::EntityType::Time,
        EntityType::Money => pb::EntityType::Money,
        EntityType::Percent => pb::EntityType::Percent,
        EntityType::Quantity => pb::EntityType::Quantity,
    }
}

fn quote(q: &Quote, text: &str, offsets: &OffsetMap) -> pb::Quote {
    let text_of = |span: Option<Span>| span.map_or_else(String::new, |s| s.of(text).to_owned());
    pb::Quote {
        text: q.span.of(text).to_owned(),
        span: offsets.span(q.span),
        r#type: match q.kind {
            QuoteKind::Direct => pb::QuoteType::Direct,
            QuoteKind::Indirect => pb::QuoteType::Indirect,
            QuoteKind::Mixed => pb::QuoteType::Mixed,
        } as i32,
        speaker: text_of(q.speaker),
        speaker_span: q.speaker.and_then(|s| offsets.span(s)),
        speaker_name: q.speaker_name.clone(),
        speaker_entity_id: q.speaker_entity.map(entity_id).unwrap_or_default(),
        cue: text_of(q.cue),
        cue_span: q.cue.and_then(|s| offsets.span(s)),
        confidence: q.confidence,
        speaker_type: match q.speaker_kind {
            None => pb::SpeakerType::Unspecified,
            Some(SpeakerKind::Person) => pb::SpeakerType::Person,
            Some(SpeakerKind::Organization) => pb::SpeakerType::Organization,
            Some(SpeakerKind::Document) => pb::SpeakerType::Document,
            Some(SpeakerKind::Other) => pb::SpeakerType::Other,
        } as i32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(content: &str) -> pb::AnalyzeArticleRequest {
        pb::AnalyzeArticleRequest {
            document: Some(pb::Document {
                source: Some(pb::document::Source::Content(content.to_owned())),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn violated_fields(req: &pb::AnalyzeArticleRequest) -> Vec<String> {
        match validate(req, QuoteMethod::Rules) {
            Err(ApiError::InvalidArgument(v)) => v.into_iter().map(|v| v.field).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn names_every_bad_field() {
        let mut req = request("text");
        req.encoding_type = 42;
        req.features = Some(pb::Features::default());
        req.document.as_mut().unwrap().format = 9;
        req.summary_options = Some(pb::SummaryOptions { max_sentences: -1, max_words: 0, ratio: 1.5 });
        req.quote_options = Some(pb::QuoteOptions { method: 7 });
        assert_eq!(
            violated_fields(&req),
            [
                "document.format",
                "features",
                "encoding_type",
                "summary_options.max_sentences",
                "summary_options.ratio",
                "quote_options.method"
            ]
        );
        assert_eq!(violated_fields(&pb::AnalyzeArticleRequest::default()), ["document"]);
    }

    #[test]
    fn absent_features_mean_all_analyses() {
        let req = request("text");
        let valid = validate(&req, QuoteMethod::Rules).ok().unwrap();
        assert_eq!(valid.features, Features::ALL);
        assert_eq!(valid.encoding, pb::EncodingType::Unspecified);
    }

    #[test]
    fn a_request_without_a_quote_method_gets_the_servers() {
        let mut req = request("text");
        for server in [QuoteMethod::Rules, QuoteMethod::Learned] {
            assert_eq!(validate(&req, server).ok().unwrap().options.quotes, server);
        }
        req.quote_options = Some(pb::QuoteOptions { method: pb::QuoteMethod::Unspecified as i32 });
        assert_eq!(validate(&req, QuoteMethod::Learned).ok().unwrap().options.quotes, QuoteMethod::Learned);
        req.quote_options = Some(pb::QuoteOptions { method: pb::QuoteMethod::Rules as i32 });
        assert_eq!(validate(&req, QuoteMethod::Learned).ok().unwrap().options.quotes, QuoteMethod::Rules);
        req.quote_options = Some(pb::QuoteOptions { method: pb::QuoteMethod::Learned as i32 });
        assert_eq!(validate(&req, QuoteMethod::Rules).ok().unwrap().options.quotes, QuoteMethod::Learned);
    }
}
