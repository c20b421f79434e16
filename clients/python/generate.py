#!/usr/bin/env python3
"""Generates the Python stubs for lede.v1 from ../../proto with grpcio-tools.

    python generate.py          # (re)write src/lede_client/_proto/*_pb2*.py{,i}
    python generate.py --check  # exit 1 when the committed stubs are stale

The stubs live inside the lede_client package, not in a top-level `lede`
package: `lede` on PyPI is an unrelated project, and two distributions that
both install `lede/` break each other. protoc writes imports as `from
lede.v1 import ...`; they are rewritten here to `from lede_client._proto
import ...`.

The stubs are committed so that the package installs without grpcio-tools.
Regenerate them whenever a .proto file under proto/lede changes, with the
grpcio-tools version pinned in requirements-dev.txt (the generated code
records it, and CI compares byte for byte). google.rpc.Status and the
google.api.http annotations come from googleapis-common-protos, so google/rpc
and google/api are not generated here.
"""

from __future__ import annotations

import argparse
import re
import filecmp
import pathlib
import shutil
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
PROTO_ROOT = HERE.parent.parent / "proto"
OUT = HERE / "src"
PROTOS = ["lede/v1/article.proto", "lede/v1/article_service.proto"]
GENERATED_DIR = "lede_client/_proto"
INIT = '"""Generated from proto/lede/v1 by clients/python/generate.py; do not edit."""\n'
# protoc's `from lede.v1 import x` lines, and the module names it gives the
# generated classes (`'lede.v1.article_pb2'`), which pickle and repr use.
PROTOC_IMPORT = re.compile(r"^from lede\.v1 import ", re.MULTILINE)
PROTOC_MODULE = re.compile(r"'lede\.v1\.(\w+_pb2)'")


def generate(out: pathlib.Path) -> None:
    import grpc_tools
    from grpc_tools import protoc

    well_known = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    with tempfile.TemporaryDirectory() as tmp:
        raw = pathlib.Path(tmp)
        args = [
            "grpc_tools.protoc",
            f"-I{PROTO_ROOT}",
            f"-I{well_known}",
            f"--python_out={raw}",
            f"--pyi_out={raw}",
            f"--grpc_python_out={raw}",
            *PROTOS,
        ]
        if protoc.main(args) != 0:
            sys.exit("protoc failed")
        target = out / GENERATED_DIR
        target.mkdir(parents=True, exist_ok=True)
        for stub in sorted((raw / "lede" / "v1").iterdir()):
            text = PROTOC_IMPORT.sub("from lede_client._proto import ", stub.read_text())
            text = PROTOC_MODULE.sub(r"'lede_client._proto.\1'", text)
            (target / stub.name).write_text(text)
        (target / "__init__.py").write_text(INIT)


def generated_files(root: pathlib.Path) -> list[str]:
    base = root / GENERATED_DIR
    if not base.is_dir():
        return []
    files = [p.relative_to(root).as_posix() for p in base.iterdir() if p.is_file() and p.suffix in (".py", ".pyi")]
    return sorted(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed stubs instead of writing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = pathlib.Path(tmp)
        generate(fresh)
        expected = generated_files(fresh)
        if args.check:
            actual = generated_files(OUT)
            stale = sorted(set(expected) ^ set(actual))
            stale += [f for f in expected if f in actual and not filecmp.cmp(fresh / f, OUT / f, shallow=False)]
            if stale:
                print("stale generated stubs (run clients/python/generate.py):", *stale, sep="\n  ")
                return 1
            print(f"generated stubs are up to date ({len(expected)} files)")
            return 0
        shutil.rmtree(OUT / GENERATED_DIR, ignore_errors=True)
        for f in expected:
            (OUT / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fresh / f, OUT / f)
        print(f"wrote {len(expected)} files under {OUT}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
