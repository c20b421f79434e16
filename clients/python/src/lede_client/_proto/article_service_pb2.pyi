from google.api import annotations_pb2 as _annotations_pb2
from google.rpc import status_pb2 as _status_pb2
from lede_client._proto import article_pb2 as _article_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ParseMetadataRequest(_message.Message):
    __slots__ = ("document", "encoding_type")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    document: _article_pb2.Document
    encoding_type: _article_pb2.EncodingType
    def __init__(self, document: _Optional[_Union[_article_pb2.Document, _Mapping]] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ...) -> None: ...

class ParseMetadataResponse(_message.Message):
    __slots__ = ("document_id", "text", "encoding_type", "metadata")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    text: str
    encoding_type: _article_pb2.EncodingType
    metadata: _article_pb2.Metadata
    def __init__(self, document_id: _Optional[str] = ..., text: _Optional[str] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ..., metadata: _Optional[_Union[_article_pb2.Metadata, _Mapping]] = ...) -> None: ...

class ExtractEntitiesRequest(_message.Message):
    __slots__ = ("document", "encoding_type")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    document: _article_pb2.Document
    encoding_type: _article_pb2.EncodingType
    def __init__(self, document: _Optional[_Union[_article_pb2.Document, _Mapping]] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ...) -> None: ...

class ExtractEntitiesResponse(_message.Message):
    __slots__ = ("document_id", "text", "encoding_type", "entities")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    ENTITIES_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    text: str
    encoding_type: _article_pb2.EncodingType
    entities: _containers.RepeatedCompositeFieldContainer[_article_pb2.Entity]
    def __init__(self, document_id: _Optional[str] = ..., text: _Optional[str] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ..., entities: _Optional[_Iterable[_Union[_article_pb2.Entity, _Mapping]]] = ...) -> None: ...

class ExtractQuotesRequest(_message.Message):
    __slots__ = ("document", "encoding_type", "quote_options")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    QUOTE_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    document: _article_pb2.Document
    encoding_type: _article_pb2.EncodingType
    quote_options: _article_pb2.QuoteOptions
    def __init__(self, document: _Optional[_Union[_article_pb2.Document, _Mapping]] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ..., quote_options: _Optional[_Union[_article_pb2.QuoteOptions, _Mapping]] = ...) -> None: ...

class ExtractQuotesResponse(_message.Message):
    __slots__ = ("document_id", "text", "encoding_type", "quotes", "speakers")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    SPEAKERS_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    text: str
    encoding_type: _article_pb2.EncodingType
    quotes: _containers.RepeatedCompositeFieldContainer[_article_pb2.Quote]
    speakers: _containers.RepeatedCompositeFieldContainer[_article_pb2.Entity]
    def __init__(self, document_id: _Optional[str] = ..., text: _Optional[str] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ..., quotes: _Optional[_Iterable[_Union[_article_pb2.Quote, _Mapping]]] = ..., speakers: _Optional[_Iterable[_Union[_article_pb2.Entity, _Mapping]]] = ...) -> None: ...

class SummarizeRequest(_message.Message):
    __slots__ = ("document", "encoding_type", "summary_options")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    document: _article_pb2.Document
    encoding_type: _article_pb2.EncodingType
    summary_options: _article_pb2.SummaryOptions
    def __init__(self, document: _Optional[_Union[_article_pb2.Document, _Mapping]] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ..., summary_options: _Optional[_Union[_article_pb2.SummaryOptions, _Mapping]] = ...) -> None: ...

class SummarizeResponse(_message.Message):
    __slots__ = ("document_id", "text", "encoding_type", "summary")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    text: str
    encoding_type: _article_pb2.EncodingType
    summary: _article_pb2.Summary
    def __init__(self, document_id: _Optional[str] = ..., text: _Optional[str] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ..., summary: _Optional[_Union[_article_pb2.Summary, _Mapping]] = ...) -> None: ...

class AnalyzeArticleRequest(_message.Message):
    __slots__ = ("document", "features", "encoding_type", "summary_options", "quote_options")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    QUOTE_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    document: _article_pb2.Document
    features: Features
    encoding_type: _article_pb2.EncodingType
    summary_options: _article_pb2.SummaryOptions
    quote_options: _article_pb2.QuoteOptions
    def __init__(self, document: _Optional[_Union[_article_pb2.Document, _Mapping]] = ..., features: _Optional[_Union[Features, _Mapping]] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ..., summary_options: _Optional[_Union[_article_pb2.SummaryOptions, _Mapping]] = ..., quote_options: _Optional[_Union[_article_pb2.QuoteOptions, _Mapping]] = ...) -> None: ...

class Features(_message.Message):
    __slots__ = ("metadata", "entities", "quotes", "summary")
    METADATA_FIELD_NUMBER: _ClassVar[int]
    ENTITIES_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    metadata: bool
    entities: bool
    quotes: bool
    summary: bool
    def __init__(self, metadata: _Optional[bool] = ..., entities: _Optional[bool] = ..., quotes: _Optional[bool] = ..., summary: _Optional[bool] = ...) -> None: ...

class AnalyzeArticleResponse(_message.Message):
    __slots__ = ("document_id", "text", "encoding_type", "paragraphs", "sentences", "metadata", "entities", "quotes", "summary")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    PARAGRAPHS_FIELD_NUMBER: _ClassVar[int]
    SENTENCES_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    ENTITIES_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    text: str
    encoding_type: _article_pb2.EncodingType
    paragraphs: _containers.RepeatedCompositeFieldContainer[_article_pb2.TextSpan]
    sentences: _containers.RepeatedCompositeFieldContainer[_article_pb2.Sentence]
    metadata: _article_pb2.Metadata
    entities: _containers.RepeatedCompositeFieldContainer[_article_pb2.Entity]
    quotes: _containers.RepeatedCompositeFieldContainer[_article_pb2.Quote]
    summary: _article_pb2.Summary
    def __init__(self, document_id: _Optional[str] = ..., text: _Optional[str] = ..., encoding_type: _Optional[_Union[_article_pb2.EncodingType, str]] = ..., paragraphs: _Optional[_Iterable[_Union[_article_pb2.TextSpan, _Mapping]]] = ..., sentences: _Optional[_Iterable[_Union[_article_pb2.Sentence, _Mapping]]] = ..., metadata: _Optional[_Union[_article_pb2.Metadata, _Mapping]] = ..., entities: _Optional[_Iterable[_Union[_article_pb2.Entity, _Mapping]]] = ..., quotes: _Optional[_Iterable[_Union[_article_pb2.Quote, _Mapping]]] = ..., summary: _Optional[_Union[_article_pb2.Summary, _Mapping]] = ...) -> None: ...

class BatchAnalyzeArticlesRequest(_message.Message):
    __slots__ = ("requests",)
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[AnalyzeArticleRequest]
    def __init__(self, requests: _Optional[_Iterable[_Union[AnalyzeArticleRequest, _Mapping]]] = ...) -> None: ...

class BatchAnalyzeArticlesResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[AnalyzeArticleResult]
    def __init__(self, results: _Optional[_Iterable[_Union[AnalyzeArticleResult, _Mapping]]] = ...) -> None: ...

class AnalyzeArticleResult(_message.Message):
    __slots__ = ("document_id", "response", "error")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    response: AnalyzeArticleResponse
    error: _status_pb2.Status
    def __init__(self, document_id: _Optional[str] = ..., response: _Optional[_Union[AnalyzeArticleResponse, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class StreamAnalyzeArticlesRequest(_message.Message):
    __slots__ = ("request",)
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    request: AnalyzeArticleRequest
    def __init__(self, request: _Optional[_Union[AnalyzeArticleRequest, _Mapping]] = ...) -> None: ...

class StreamAnalyzeArticlesResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: AnalyzeArticleResult
    def __init__(self, result: _Optional[_Union[AnalyzeArticleResult, _Mapping]] = ...) -> None: ...
