#!/usr/bin/env bash
# scripts/bench.sh — the broker-level benchmark (benches/broker): chat-tui against a raw
# lapin loop, and pika where it can be installed, on the local broker; prints a Markdown
# table of figures, baselines and ratios. Arguments go to the benchmark, e.g.
#   scripts/bench.sh --only send,latency --scale 0.2
# The in-process benchmarks (frame drawing) are `cargo bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/broker.sh >&2

# The pika peer runs in a virtualenv under target/ (never committed). If pip cannot
# install pika (no network, no venv module), the peer rows are skipped and the report
# says so.
venv=target/bench-venv
if [[ -z "${CHAT_TUI_BENCH_PYTHON:-}" ]]; then
    if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c 'import pika' 2>/dev/null; then
        export CHAT_TUI_BENCH_PYTHON="$PWD/$venv/bin/python"
    elif python3 -m venv "$venv" >/dev/null 2>&1 \
        && "$venv/bin/python" -m pip install --quiet pika >&2; then
        export CHAT_TUI_BENCH_PYTHON="$PWD/$venv/bin/python"
    else
        echo "bench.sh: could not install pika; the pika rows will be skipped" >&2
    fi
fi

# The release `chat-tui` binary and the benchmark (Cargo.toml's example `bench`, whose
# code is in benches/broker/), which runs the binary beside it.
cargo build --release --bin chat-tui --example bench >&2
exec target/release/examples/bench "$@"
