import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DocumentFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DOCUMENT_FORMAT_UNSPECIFIED: _ClassVar[DocumentFormat]
    DOCUMENT_FORMAT_PLAIN_TEXT: _ClassVar[DocumentFormat]
    DOCUMENT_FORMAT_HTML: _ClassVar[DocumentFormat]

class EncodingType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENCODING_TYPE_UNSPECIFIED: _ClassVar[EncodingType]
    ENCODING_TYPE_UTF8: _ClassVar[EncodingType]
    ENCODING_TYPE_UTF16: _ClassVar[EncodingType]
    ENCODING_TYPE_UTF32: _ClassVar[EncodingType]

class AuthorKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUTHOR_KIND_UNSPECIFIED: _ClassVar[AuthorKind]
    AUTHOR_KIND_PERSON: _ClassVar[AuthorKind]
    AUTHOR_KIND_ORGANIZATION: _ClassVar[AuthorKind]

class DatePrecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DATE_PRECISION_UNSPECIFIED: _ClassVar[DatePrecision]
    DATE_PRECISION_DAY: _ClassVar[DatePrecision]
    DATE_PRECISION_MINUTE: _ClassVar[DatePrecision]
    DATE_PRECISION_SECOND: _ClassVar[DatePrecision]

class LanguageSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LANGUAGE_SOURCE_UNSPECIFIED: _ClassVar[LanguageSource]
    LANGUAGE_SOURCE_REQUEST: _ClassVar[LanguageSource]
    LANGUAGE_SOURCE_DECLARED: _ClassVar[LanguageSource]
    LANGUAGE_SOURCE_DETECTED: _ClassVar[LanguageSource]

class EntityType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENTITY_TYPE_UNSPECIFIED: _ClassVar[EntityType]
    ENTITY_TYPE_PERSON: _ClassVar[EntityType]
    ENTITY_TYPE_ORGANIZATION: _ClassVar[EntityType]
    ENTITY_TYPE_LOCATION: _ClassVar[EntityType]
    ENTITY_TYPE_NATIONALITY: _ClassVar[EntityType]
    ENTITY_TYPE_EVENT: _ClassVar[EntityType]
    ENTITY_TYPE_OTHER: _ClassVar[EntityType]
    ENTITY_TYPE_DATE: _ClassVar[EntityType]
    ENTITY_TYPE_TIME: _ClassVar[EntityType]
    ENTITY_TYPE_MONEY: _ClassVar[EntityType]
    ENTITY_TYPE_PERCENT: _ClassVar[EntityType]
    ENTITY_TYPE_QUANTITY: _ClassVar[EntityType]

class MentionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MENTION_TYPE_UNSPECIFIED: _ClassVar[MentionType]
    MENTION_TYPE_PROPER: _ClassVar[MentionType]
    MENTION_TYPE_COMMON: _ClassVar[MentionType]
    MENTION_TYPE_PRONOUN: _ClassVar[MentionType]

class SpeakerType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SPEAKER_TYPE_UNSPECIFIED: _ClassVar[SpeakerType]
    SPEAKER_TYPE_PERSON: _ClassVar[SpeakerType]
    SPEAKER_TYPE_ORGANIZATION: _ClassVar[SpeakerType]
    SPEAKER_TYPE_DOCUMENT: _ClassVar[SpeakerType]
    SPEAKER_TYPE_OTHER: _ClassVar[SpeakerType]

class QuoteType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUOTE_TYPE_UNSPECIFIED: _ClassVar[QuoteType]
    QUOTE_TYPE_DIRECT: _ClassVar[QuoteType]
    QUOTE_TYPE_INDIRECT: _ClassVar[QuoteType]
    QUOTE_TYPE_MIXED: _ClassVar[QuoteType]

class QuoteMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUOTE_METHOD_UNSPECIFIED: _ClassVar[QuoteMethod]
    QUOTE_METHOD_RULES: _ClassVar[QuoteMethod]
    QUOTE_METHOD_LEARNED: _ClassVar[QuoteMethod]
DOCUMENT_FORMAT_UNSPECIFIED: DocumentFormat
DOCUMENT_FORMAT_PLAIN_TEXT: DocumentFormat
DOCUMENT_FORMAT_HTML: DocumentFormat
ENCODING_TYPE_UNSPECIFIED: EncodingType
ENCODING_TYPE_UTF8: EncodingType
ENCODING_TYPE_UTF16: EncodingType
ENCODING_TYPE_UTF32: EncodingType
AUTHOR_KIND_UNSPECIFIED: AuthorKind
AUTHOR_KIND_PERSON: AuthorKind
AUTHOR_KIND_ORGANIZATION: AuthorKind
DATE_PRECISION_UNSPECIFIED: DatePrecision
DATE_PRECISION_DAY: DatePrecision
DATE_PRECISION_MINUTE: DatePrecision
DATE_PRECISION_SECOND: DatePrecision
LANGUAGE_SOURCE_UNSPECIFIED: LanguageSource
LANGUAGE_SOURCE_REQUEST: LanguageSource
LANGUAGE_SOURCE_DECLARED: LanguageSource
LANGUAGE_SOURCE_DETECTED: LanguageSource
ENTITY_TYPE_UNSPECIFIED: EntityType
ENTITY_TYPE_PERSON: EntityType
ENTITY_TYPE_ORGANIZATION: EntityType
ENTITY_TYPE_LOCATION: EntityType
ENTITY_TYPE_NATIONALITY: EntityType
ENTITY_TYPE_EVENT: EntityType
ENTITY_TYPE_OTHER: EntityType
ENTITY_TYPE_DATE: EntityType
ENTITY_TYPE_TIME: EntityType
ENTITY_TYPE_MONEY: EntityType
ENTITY_TYPE_PERCENT: EntityType
ENTITY_TYPE_QUANTITY: EntityType
MENTION_TYPE_UNSPECIFIED: MentionType
MENTION_TYPE_PROPER: MentionType
MENTION_TYPE_COMMON: MentionType
MENTION_TYPE_PRONOUN: MentionType
SPEAKER_TYPE_UNSPECIFIED: SpeakerType
SPEAKER_TYPE_PERSON: SpeakerType
SPEAKER_TYPE_ORGANIZATION: SpeakerType
SPEAKER_TYPE_DOCUMENT: SpeakerType
SPEAKER_TYPE_OTHER: SpeakerType
QUOTE_TYPE_UNSPECIFIED: QuoteType
QUOTE_TYPE_DIRECT: QuoteType
QUOTE_TYPE_INDIRECT: QuoteType
QUOTE_TYPE_MIXED: QuoteType
QUOTE_METHOD_UNSPECIFIED: QuoteMethod
QUOTE_METHOD_RULES: QuoteMethod
QUOTE_METHOD_LEARNED: QuoteMethod

class Document(_message.Message):
    __slots__ = ("id", "content", "raw_content", "format", "url", "language_code", "charset")
    ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    RAW_CONTENT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    CHARSET_FIELD_NUMBER: _ClassVar[int]
    id: str
    content: str
    raw_content: bytes
    format: DocumentFormat
    url: str
    language_code: str
    charset: str
    def __init__(self, id: _Optional[str] = ..., content: _Optional[str] = ..., raw_content: _Optional[bytes] = ..., format: _Optional[_Union[DocumentFormat, str]] = ..., url: _Optional[str] = ..., language_code: _Optional[str] = ..., charset: _Optional[str] = ...) -> None: ...

class TextSpan(_message.Message):
    __slots__ = ("begin", "end")
    BEGIN_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    begin: int
    end: int
    def __init__(self, begin: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class Sentence(_message.Message):
    __slots__ = ("span", "text", "paragraph_index")
    SPAN_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    PARAGRAPH_INDEX_FIELD_NUMBER: _ClassVar[int]
    span: TextSpan
    text: str
    paragraph_index: int
    def __init__(self, span: _Optional[_Union[TextSpan, _Mapping]] = ..., text: _Optional[str] = ..., paragraph_index: _Optional[int] = ...) -> None: ...

class Metadata(_message.Message):
    __slots__ = ("title", "description", "authors", "published_at", "modified_at", "publisher", "publisher_handle", "site_name", "canonical_url", "section", "tags", "image_url", "language_code", "language_source", "dateline", "word_count", "reading_time_seconds", "social_handles")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    AUTHORS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    MODIFIED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHER_FIELD_NUMBER: _ClassVar[int]
    PUBLISHER_HANDLE_FIELD_NUMBER: _ClassVar[int]
    SITE_NAME_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_URL_FIELD_NUMBER: _ClassVar[int]
    SECTION_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    IMAGE_URL_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_SOURCE_FIELD_NUMBER: _ClassVar[int]
    DATELINE_FIELD_NUMBER: _ClassVar[int]
    WORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    READING_TIME_SECONDS_FIELD_NUMBER: _ClassVar[int]
    SOCIAL_HANDLES_FIELD_NUMBER: _ClassVar[int]
    title: str
    description: str
    authors: _containers.RepeatedCompositeFieldContainer[Author]
    published_at: ArticleDate
    modified_at: ArticleDate
    publisher: str
    publisher_handle: str
    site_name: str
    canonical_url: str
    section: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    image_url: str
    language_code: str
    language_source: LanguageSource
    dateline: Dateline
    word_count: int
    reading_time_seconds: int
    social_handles: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, title: _Optional[str] = ..., description: _Optional[str] = ..., authors: _Optional[_Iterable[_Union[Author, _Mapping]]] = ..., published_at: _Optional[_Union[ArticleDate, _Mapping]] = ..., modified_at: _Optional[_Union[ArticleDate, _Mapping]] = ..., publisher: _Optional[str] = ..., publisher_handle: _Optional[str] = ..., site_name: _Optional[str] = ..., canonical_url: _Optional[str] = ..., section: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., image_url: _Optional[str] = ..., language_code: _Optional[str] = ..., language_source: _Optional[_Union[LanguageSource, str]] = ..., dateline: _Optional[_Union[Dateline, _Mapping]] = ..., word_count: _Optional[int] = ..., reading_time_seconds: _Optional[int] = ..., social_handles: _Optional[_Iterable[str]] = ...) -> None: ...

class Author(_message.Message):
    __slots__ = ("name", "url", "handle", "kind")
    NAME_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    HANDLE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    name: str
    url: str
    handle: str
    kind: AuthorKind
    def __init__(self, name: _Optional[str] = ..., url: _Optional[str] = ..., handle: _Optional[str] = ..., kind: _Optional[_Union[AuthorKind, str]] = ...) -> None: ...

class ArticleDate(_message.Message):
    __slots__ = ("local", "instant", "precision")
    LOCAL_FIELD_NUMBER: _ClassVar[int]
    INSTANT_FIELD_NUMBER: _ClassVar[int]
    PRECISION_FIELD_NUMBER: _ClassVar[int]
    local: str
    instant: _timestamp_pb2.Timestamp
    precision: DatePrecision
    def __init__(self, local: _Optional[str] = ..., instant: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., precision: _Optional[_Union[DatePrecision, str]] = ...) -> None: ...

class Dateline(_message.Message):
    __slots__ = ("text", "location", "span")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    text: str
    location: str
    span: TextSpan
    def __init__(self, text: _Optional[str] = ..., location: _Optional[str] = ..., span: _Optional[_Union[TextSpan, _Mapping]] = ...) -> None: ...

class Entity(_message.Message):
    __slots__ = ("id", "name", "type", "salience", "mentions", "roles", "normalized_value")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SALIENCE_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    NORMALIZED_VALUE_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    type: EntityType
    salience: float
    mentions: _containers.RepeatedCompositeFieldContainer[EntityMention]
    roles: _containers.RepeatedScalarFieldContainer[str]
    normalized_value: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[_Union[EntityType, str]] = ..., salience: _Optional[float] = ..., mentions: _Optional[_Iterable[_Union[EntityMention, _Mapping]]] = ..., roles: _Optional[_Iterable[str]] = ..., normalized_value: _Optional[str] = ...) -> None: ...

class EntityMention(_message.Message):
    __slots__ = ("span", "text", "type")
    SPAN_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    span: TextSpan
    text: str
    type: MentionType
    def __init__(self, span: _Optional[_Union[TextSpan, _Mapping]] = ..., text: _Optional[str] = ..., type: _Optional[_Union[MentionType, str]] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("text", "span", "type", "speaker", "speaker_span", "speaker_name", "speaker_entity_id", "cue", "cue_span", "confidence", "speaker_type")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_SPAN_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_NAME_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    CUE_FIELD_NUMBER: _ClassVar[int]
    CUE_SPAN_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_TYPE_FIELD_NUMBER: _ClassVar[int]
    text: str
    span: TextSpan
    type: QuoteType
    speaker: str
    speaker_span: TextSpan
    speaker_name: str
    speaker_entity_id: str
    cue: str
    cue_span: TextSpan
    confidence: float
    speaker_type: SpeakerType
    def __init__(self, text: _Optional[str] = ..., span: _Optional[_Union[TextSpan, _Mapping]] = ..., type: _Optional[_Union[QuoteType, str]] = ..., speaker: _Optional[str] = ..., speaker_span: _Optional[_Union[TextSpan, _Mapping]] = ..., speaker_name: _Optional[str] = ..., speaker_entity_id: _Optional[str] = ..., cue: _Optional[str] = ..., cue_span: _Optional[_Union[TextSpan, _Mapping]] = ..., confidence: _Optional[float] = ..., speaker_type: _Optional[_Union[SpeakerType, str]] = ...) -> None: ...

class SummaryOptions(_message.Message):
    __slots__ = ("max_sentences", "max_words", "ratio")
    MAX_SENTENCES_FIELD_NUMBER: _ClassVar[int]
    MAX_WORDS_FIELD_NUMBER: _ClassVar[int]
    RATIO_FIELD_NUMBER: _ClassVar[int]
    max_sentences: int
    max_words: int
    ratio: float
    def __init__(self, max_sentences: _Optional[int] = ..., max_words: _Optional[int] = ..., ratio: _Optional[float] = ...) -> None: ...

class QuoteOptions(_message.Message):
    __slots__ = ("method",)
    METHOD_FIELD_NUMBER: _ClassVar[int]
    method: QuoteMethod
    def __init__(self, method: _Optional[_Union[QuoteMethod, str]] = ...) -> None: ...

class Summary(_message.Message):
    __slots__ = ("sentences", "text", "keyphrases")
    SENTENCES_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    KEYPHRASES_FIELD_NUMBER: _ClassVar[int]
    sentences: _containers.RepeatedCompositeFieldContainer[SummarySentence]
    text: str
    keyphrases: _containers.RepeatedCompositeFieldContainer[Keyphrase]
    def __init__(self, sentences: _Optional[_Iterable[_Union[SummarySentence, _Mapping]]] = ..., text: _Optional[str] = ..., keyphrases: _Optional[_Iterable[_Union[Keyphrase, _Mapping]]] = ...) -> None: ...

class SummarySentence(_message.Message):
    __slots__ = ("span", "text", "sentence_index", "score")
    SPAN_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SENTENCE_INDEX_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    span: TextSpan
    text: str
    sentence_index: int
    score: float
    def __init__(self, span: _Optional[_Union[TextSpan, _Mapping]] = ..., text: _Optional[str] = ..., sentence_index: _Optional[int] = ..., score: _Optional[float] = ...) -> None: ...

class Keyphrase(_message.Message):
    __slots__ = ("text", "score", "span")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    text: str
    score: float
    span: TextSpan
    def __init__(self, text: _Optional[str] = ..., score: _Optional[float] = ..., span: _Optional[_Union[TextSpan, _Mapping]] = ...) -> None: ...
