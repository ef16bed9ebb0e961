#!/usr/bin/env bash
# scripts/fault-tests.sh — the fault tests (tests/faults.rs): they take parts of the broker
# away on purpose, so they run on their own, one at a time, after the broker is known to be
# up. Each test puts the broker back as it found it; this script checks once more on the
# way out, whatever happened. Usage: scripts/fault-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
trap 'scripts/broker.sh >/dev/null || echo "fault-tests: the broker is not back up" >&2' EXIT
scripts/broker.sh
cargo test --test faults -- --ignored --test-threads=1
