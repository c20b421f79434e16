"""A thin, typed Python client for Lede (``lede.v1.ArticleService``).

    from lede_client import LedeClient

    with LedeClient("127.0.0.1:50051") as lede:
        res = lede.analyze("BAKU, Azerbaijan — ...", features={"entities", "quotes"})
        for quote in res.quotes:
            print(quote.speaker_name, "said", quote.text)

Every method returns the generated protobuf message (``lede_client._proto.*_pb2``), so
field names and types are the proto's. Errors are raised as
:class:`LedeError`, which keeps the gRPC status code and message. The raw
stub is there as ``client.stub`` for anything this wrapper does not cover.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, Optional, Union

import grpc

from lede_client._proto import article_pb2, article_service_pb2, article_service_pb2_grpc

__all__ = [
    "Document",
    "Feature",
    "LedeClient",
    "LedeError",
    "article_pb2",
    "article_service_pb2",
    "make_request",
]

Feature = Literal["metadata", "entities", "quotes", "summary"]
Encoding = Literal["utf8", "utf16", "utf32"]
Format = Literal["auto", "text", "html"]

_ENCODINGS = {
    "utf8": article_pb2.ENCODING_TYPE_UTF8,
    "utf16": article_pb2.ENCODING_TYPE_UTF16,
    "utf32": article_pb2.ENCODING_TYPE_UTF32,
}
_FORMATS = {
    "auto": article_pb2.DOCUMENT_FORMAT_UNSPECIFIED,
    "text": article_pb2.DOCUMENT_FORMAT_PLAIN_TEXT,
    "html": article_pb2.DOCUMENT_FORMAT_HTML,
}
# What a 16 MiB article needs on the wire; the server's default limit.
_MAX_MESSAGE_BYTES = 16 * 1024 * 1024

Document = article_pb2.Document
Text = Union[str, bytes, article_pb2.Document]


class LedeError(Exception):
    """A call that failed, with its gRPC status code and the server's message."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details

    @classmethod
    def from_rpc_error(cls, err: grpc.RpcError) -> LedeError:
        code = err.code() if isinstance(err, grpc.Call) else grpc.StatusCode.UNKNOWN
        details = (err.details() if isinstance(err, grpc.Call) else None) or str(err)
        return cls(code, details)


def _document(
    text: Text,
    *,
    doc_id: str = "",
    format: Format = "auto",
    url: str = "",
    language: str = "",
    charset: str = "",
) -> article_pb2.Document:
    if isinstance(text, article_pb2.Document):
        return text
    doc = article_pb2.Document(id=doc_id, format=_FORMATS[format], url=url, language_code=language)
    if isinstance(text, bytes):
        doc.raw_content = text
        doc.charset = charset
    else:
        doc.content = text
    return doc


def make_request(
    text: Text,
    *,
    doc_id: str = "",
    features: Optional[Iterable[Feature]] = None,
    encoding: Encoding = "utf8",
    format: Format = "auto",
    url: str = "",
    language: str = "",
    charset: str = "",
    max_sentences: int = 0,
    max_words: int = 0,
    ratio: float = 0.0,
) -> article_service_pb2.AnalyzeArticleRequest:
    """Builds an ``AnalyzeArticleRequest``.

    ``text`` is the article: ``str`` for text or HTML, ``bytes`` for a page in
    any encoding (name it with ``charset`` if you know it), or a ready
    ``Document``. ``features`` picks the analyses (default: all). Offsets in
    the answer count in ``encoding``: use ``"utf32"`` to slice Python strings
    with them directly.
    """
    req = article_service_pb2.AnalyzeArticleRequest(
        document=_document(text, doc_id=doc_id, format=format, url=url, language=language, charset=charset),
        encoding_type=_ENCODINGS[encoding],
    )
    if features is not None:
        wanted = set(features)
        unknown = wanted - {"metadata", "entities", "quotes", "summary"}
        if unknown:
            raise ValueError(f"unknown features: {sorted(unknown)}")
        req.features.CopyFrom(
            article_service_pb2.Features(
                metadata="metadata" in wanted,
                entities="entities" in wanted,
                quotes="quotes" in wanted,
                summary="summary" in wanted,
            )
        )
    if max_sentences or max_words or ratio:
        req.summary_options.CopyFrom(
            article_pb2.SummaryOptions(max_sentences=max_sentences, max_words=max_words, ratio=ratio)
        )
    return req


class LedeClient:
    """A connection to a Lede server at ``addr`` ("host:port", plaintext h2c).

    Pass ``channel`` to use your own (TLS, interceptors). ``timeout`` is the
    default deadline of each call, in seconds. Over a headless Kubernetes
    Service, use ``addr="dns:///lede.NAMESPACE.svc.cluster.local:50051"``:
    the client then balances round-robin over every pod (see
    docs/scaling.md).
    """

    def __init__(
        self,
        addr: str = "127.0.0.1:50051",
        *,
        timeout: Optional[float] = 30.0,
        channel: Optional[grpc.Channel] = None,
    ) -> None:
        self.timeout = timeout
        self._channel = channel or grpc.insecure_channel(
            addr,
            options=[
                ("grpc.lb_policy_name", "round_robin"),
                ("grpc.max_send_message_length", _MAX_MESSAGE_BYTES),
                ("grpc.max_receive_message_length", -1),
            ],
        )
        self.stub = article_service_pb2_grpc.ArticleServiceStub(self._channel)

    def __enter__(self) -> LedeClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._channel.close()

    def wait_ready(self, timeout: float = 10.0) -> None:
        """Blocks until the channel is connected, or raises ``LedeError``."""
        try:
            grpc.channel_ready_future(self._channel).result(timeout=timeout)
        except grpc.FutureTimeoutError:
            raise LedeError(grpc.StatusCode.UNAVAILABLE, f"not connected within {timeout}s") from None

    def _call(self, method, request, timeout: Optional[float]):  # type: ignore[no-untyped-def]
        try:
            return method(request, timeout=self.timeout if timeout is None else timeout)
        except grpc.RpcError as err:
            raise LedeError.from_rpc_error(err) from None

    def analyze(
        self,
        text: Text,
        *,
        doc_id: str = "",
        features: Optional[Iterable[Feature]] = None,
        encoding: Encoding = "utf8",
        format: Format = "auto",
        url: str = "",
        language: str = "",
        charset: str = "",
        max_sentences: int = 0,
        max_words: int = 0,
        ratio: float = 0.0,
        timeout: Optional[float] = None,
    ) -> article_service_pb2.AnalyzeArticleResponse:
        """Runs the analyses in ``features`` (default: all) on one article.

        See :func:`make_request` for the arguments.
        """
        req = make_request(
            text,
            doc_id=doc_id,
            features=features,
            encoding=encoding,
            format=format,
            url=url,
            language=language,
            charset=charset,
            max_sentences=max_sentences,
            max_words=max_words,
            ratio=ratio,
        )
        return self._call(self.stub.AnalyzeArticle, req, timeout)

    def parse_metadata(
        self, text: Text, *, encoding: Encoding = "utf8", timeout: Optional[float] = None, **doc: str
    ) -> article_service_pb2.ParseMetadataResponse:
        """Title, authors, dates, publisher, language. ``doc``: doc_id, format, url, language, charset."""
        req = article_service_pb2.ParseMetadataRequest(
            document=_document(text, **doc),  # type: ignore[arg-type]
            encoding_type=_ENCODINGS[encoding],
        )
        return self._call(self.stub.ParseMetadata, req, timeout)

    def extract_entities(
        self, text: Text, *, encoding: Encoding = "utf8", timeout: Optional[float] = None, **doc: str
    ) -> article_service_pb2.ExtractEntitiesResponse:
        """The named entities, most salient first, each with all its mentions."""
        req = article_service_pb2.ExtractEntitiesRequest(
            document=_document(text, **doc),  # type: ignore[arg-type]
            encoding_type=_ENCODINGS[encoding],
        )
        return self._call(self.stub.ExtractEntities, req, timeout)

    def extract_quotes(
        self, text: Text, *, encoding: Encoding = "utf8", timeout: Optional[float] = None, **doc: str
    ) -> article_service_pb2.ExtractQuotesResponse:
        """The quotes with their speakers and cues."""
        req = article_service_pb2.ExtractQuotesRequest(
            document=_document(text, **doc),  # type: ignore[arg-type]
            encoding_type=_ENCODINGS[encoding],
        )
        return self._call(self.stub.ExtractQuotes, req, timeout)

    def summarize(
        self,
        text: Text,
        *,
        max_sentences: int = 0,
        max_words: int = 0,
        ratio: float = 0.0,
        encoding: Encoding = "utf8",
        timeout: Optional[float] = None,
        **doc: str,
    ) -> article_service_pb2.SummarizeResponse:
        """The sentences that carry the article, and its key phrases."""
        req = article_service_pb2.SummarizeRequest(
            document=_document(text, **doc),  # type: ignore[arg-type]
            encoding_type=_ENCODINGS[encoding],
        )
        if max_sentences or max_words or ratio:
            req.summary_options.CopyFrom(
                article_pb2.SummaryOptions(max_sentences=max_sentences, max_words=max_words, ratio=ratio)
            )
        return self._call(self.stub.Summarize, req, timeout)

    def analyze_batch(
        self,
        requests: Sequence[Union[article_service_pb2.AnalyzeArticleRequest, Text]],
        *,
        timeout: Optional[float] = None,
    ) -> list[article_service_pb2.AnalyzeArticleResult]:
        """Up to 256 articles in one call; one result per article, in order.

        Each item is a request from :func:`make_request`, or just the text.
        A failed article has ``result.WhichOneof("outcome") == "error"``.
        """
        reqs = [r if isinstance(r, article_service_pb2.AnalyzeArticleRequest) else make_request(r) for r in requests]
        res = self._call(
            self.stub.BatchAnalyzeArticles, article_service_pb2.BatchAnalyzeArticlesRequest(requests=reqs), timeout
        )
        return list(res.results)

    def analyze_stream(
        self,
        requests: Iterable[Union[article_service_pb2.AnalyzeArticleRequest, Text]],
        *,
        timeout: Optional[float] = None,
    ) -> Iterator[article_service_pb2.AnalyzeArticleResult]:
        """Streams articles in and results out as each is done (any order).

        Match results to articles by ``result.document_id``. ``timeout``
        (default: none) bounds the whole stream.
        """

        def messages() -> Iterator[article_service_pb2.StreamAnalyzeArticlesRequest]:
            for r in requests:
                req = r if isinstance(r, article_service_pb2.AnalyzeArticleRequest) else make_request(r)
                yield article_service_pb2.StreamAnalyzeArticlesRequest(request=req)

        try:
            for res in self.stub.StreamAnalyzeArticles(messages(), timeout=timeout):
                yield res.result
        except grpc.RpcError as err:
            raise LedeError.from_rpc_error(err) from None
