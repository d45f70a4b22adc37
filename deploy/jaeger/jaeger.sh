#!/usr/bin/env bash
# A local Jaeger (traces UI and OTLP receiver) built from its Go module, for `make run`.
#
# Usage: deploy/jaeger/jaeger.sh fetch|run
#   fetch  build the pinned version (go.mod beside this script) into deploy/jaeger/bin once,
#          and again when go.mod changes; exits 3, saying so, when Go is not installed
#   run    run it in the foreground with config.yaml (make run supervises it)
#
# Environment (defaults):
#   JAEGER_OTLP_PORT=4318        OTLP over HTTP, where the services send their spans
#   JAEGER_UI_PORT=16686         the UI (and its HTTP API)
#   JAEGER_QUERY_GRPC_PORT=16685 the query service's gRPC API
#   JAEGER_HEALTH_PORT=13133     the health check
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="$HERE/bin"
export JAEGER_OTLP_PORT="${JAEGER_OTLP_PORT:-4318}"
export JAEGER_UI_PORT="${JAEGER_UI_PORT:-16686}"
export JAEGER_QUERY_GRPC_PORT="${JAEGER_QUERY_GRPC_PORT:-16685}"
export JAEGER_HEALTH_PORT="${JAEGER_HEALTH_PORT:-13133}"

die() { echo "jaeger.sh: $*" >&2; exit 1; }

# The bin dir keeps a copy of the go.mod it was built from, so a version bump rebuilds.
built() { cmp -s "$HERE/go.mod" "$BIN/.go.mod" && [[ -x "$BIN/jaeger" ]]; }

fetch() {
  built && return 0
  if ! command -v go >/dev/null; then
    echo "jaeger.sh: Go is not installed; no local Jaeger (https://go.dev/doc/install)" >&2
    exit 3
  fi
  echo "jaeger.sh: building Jaeger from its Go module (the first time takes minutes)" >&2
  # Build in a scratch module, so go.sum and the build never touch the checkout.
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  cp "$HERE/go.mod" "$work/go.mod"
  mkdir -p "$BIN"
  (cd "$work" && GOFLAGS=-mod=mod go build -o "$BIN/jaeger.tmp" \
    github.com/jaegertracing/jaeger/cmd/jaeger) || die "the build failed"
  mv "$BIN/jaeger.tmp" "$BIN/jaeger"
  cp "$HERE/go.mod" "$BIN/.go.mod"
}

run() {
  built || die "not built yet: deploy/jaeger/jaeger.sh fetch"
  exec "$BIN/jaeger" --config "$HERE/config.yaml"
}

case "${1:-}" in
  fetch) fetch ;;
  run) run ;;
  *) die "usage: $0 fetch|run" ;;
esac
