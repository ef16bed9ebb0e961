#!/usr/bin/env bash
# scripts/broker.sh — make sure a RabbitMQ broker with the management API is running.
#
# Idempotent and quick when everything is already up (one line on stderr, exit 0).
# Otherwise it starts a broker, in this order of preference:
#   1. `docker compose up -d` with the repository's docker-compose.yml (needs a working
#      Docker engine: `docker info` must succeed);
#   2. `rabbitmq-server -detached` if RabbitMQ is installed locally;
#   3. installing Debian's `rabbitmq-server` package with apt-get (as root or with
#      password-less sudo) and starting it;
# then waits (bounded) until AMQP answers and the management API answers
# GET /api/overview, enabling the `rabbitmq_management` plugin if it is off.
# A local node that is running but does not answer AMQP (still booting, or left broken
# by an earlier run) is waited for, and restarted once if it never starts listening;
# no second node is started beside it. On a timeout the tail of the broker's log is
# shown.
#
# All output goes to stderr; stdout stays empty. Exit status 0 means ready.
#
# Environment (all optional):
#   CHAT_TUI_BROKER_HOST      broker host                 (default 127.0.0.1)
#   CHAT_TUI_BROKER_PORT      AMQP port                   (default 5672)
#   CHAT_TUI_MGMT_PORT        management API port         (default 15672)
#   CHAT_TUI_BROKER_USER      management API user         (default guest)
#   CHAT_TUI_BROKER_PASSWORD  management API password     (default guest)
#   CHAT_TUI_BROKER_TIMEOUT   seconds to wait for a ready broker (default 90)
set -euo pipefail

readonly HOST="${CHAT_TUI_BROKER_HOST:-127.0.0.1}"
readonly PORT="${CHAT_TUI_BROKER_PORT:-5672}"
readonly MGMT_PORT="${CHAT_TUI_MGMT_PORT:-15672}"
readonly API_USER="${CHAT_TUI_BROKER_USER:-guest}"
readonly API_PASSWORD="${CHAT_TUI_BROKER_PASSWORD:-guest}"
readonly TIMEOUT="${CHAT_TUI_BROKER_TIMEOUT:-90}"
readonly MGMT_URL="http://${HOST}:${MGMT_PORT}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_ROOT
readonly COMPOSE_FILE="${REPO_ROOT}/docker-compose.yml"

# How the broker was brought up by this run: "" (already running), docker, local, apt.
started_with=""
# Whether this run already asked rabbitmq-plugins to enable the management plugin,
# and whether that succeeded.
plugin_enable_tried=""
plugin_enabled=""

log() { printf 'broker.sh: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

# Runs "$@" with a time limit when coreutils' `timeout` exists (it does not on stock macOS).
with_timeout() {
    local seconds="$1"
    shift
    if command -v timeout >/dev/null 2>&1; then
        timeout "$seconds" "$@"
    else
        "$@"
    fi
}

# True when the broker host is this machine, so local tools and installs can act on it.
host_is_local() {
    case "$HOST" in
        127.* | localhost | ::1 | "[::1]") return 0 ;;
        *) return 1 ;;
    esac
}

# True when something accepts TCP connections on HOST:PORT (the AMQP listener).
# A bare connect is used rather than an AMQP handshake because the broker logs no
# warning for it; the management API check then confirms it is RabbitMQ.
amqp_up() {
    # shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash, on purpose.
    with_timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' probe "$HOST" "$PORT" 2>/dev/null
}

# True when the management API answers GET /api/overview with our credentials.
mgmt_up() {
    curl -fsS -m 5 -o /dev/null -u "${API_USER}:${API_PASSWORD}" \
        "${MGMT_URL}/api/overview" 2>/dev/null
}

# True when a local RabbitMQ node runs (booting or booted), whether or not it listens.
local_node_runs() {
    host_is_local && command -v rabbitmqctl >/dev/null 2>&1 \
        && with_timeout 20 rabbitmq-diagnostics -q ping >/dev/null 2>&1
}

# Prints the last lines of the local broker's log to stderr, to explain a failure.
show_broker_log() {
    local log_file
    for log_file in /var/log/rabbitmq/rabbit@*.log; do
        [[ -f "$log_file" && "$log_file" != *_upgrade.log ]] || continue
        log "the last lines of ${log_file}:"
        tail -n 15 "$log_file" >&2 || true
    done
}

# Prefix for commands that need root: nothing when we are root, `sudo -n` when
# password-less sudo works; fails when neither is possible.
root_prefix() {
    if [[ "$(id -u)" == 0 ]]; then
        echo ""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "sudo -n"
    else
        return 1
    fi
}

# Enables the management plugin on the running local node (idempotent). Only possible
# when rabbitmq-plugins exists here and the broker is local and not our container.
# Failure is reported but not fatal: the wait below decides.
enable_management_plugin() {
    plugin_enable_tried=yes
    if ! host_is_local || [[ "$started_with" == docker ]] \
        || ! command -v rabbitmq-plugins >/dev/null 2>&1; then
        return 0
    fi
    log "enabling the rabbitmq_management plugin"
    local out prefix
    if out="$(rabbitmq-plugins -q enable rabbitmq_management 2>&1)"; then
        plugin_enabled=yes
        return 0
    fi
    # Talking to the node needs its Erlang cookie; root (via sudo) usually has access.
    if prefix="$(root_prefix)" && [[ -n "$prefix" ]] \
        && out="$($prefix rabbitmq-plugins -q enable rabbitmq_management 2>&1)"; then
        plugin_enabled=yes
        return 0
    fi
    log "could not enable rabbitmq_management: ${out}"
}

# The Compose command of this Docker installation (`docker compose` or `docker-compose`).
compose_cmd() {
    if docker compose version >/dev/null 2>&1; then
        echo "docker compose"
    elif command -v docker-compose >/dev/null 2>&1; then
        echo "docker-compose"
    else
        return 1
    fi
}

start_with_docker() {
    local compose
    compose="$(compose_cmd)" || return 1
    log "starting RabbitMQ with ${compose} (${COMPOSE_FILE})"
    $compose -f "$COMPOSE_FILE" up -d >&2 || die "${compose} up -d failed"
    started_with=docker
}

# Starts the locally installed broker in the background, with the management plugin
# enabled beforehand (offline) so it comes up with it.
start_local_server() {
    local prefix=""
    if [[ "$(id -u)" != 0 ]]; then
        prefix="$(root_prefix)" || prefix=""
    fi
    $prefix rabbitmq-plugins --offline -q enable rabbitmq_management >/dev/null 2>&1 \
        || log "note: could not enable rabbitmq_management offline; will retry once it runs"
    log "starting the local RabbitMQ (rabbitmq-server -detached)"
    $prefix rabbitmq-server -detached >&2 || die "rabbitmq-server -detached failed"
    plugin_enable_tried=yes
    started_with=local
}

install_with_apt() {
    local prefix="$1"
    log "installing Debian's rabbitmq-server package with apt-get"
    $prefix env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
        || die "apt-get update failed"
    $prefix env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >&2 \
        || die "apt-get install rabbitmq-server failed"
    started_with=apt
    # The package may have started the service already (systemd); start it otherwise.
    if amqp_up; then
        return 0
    fi
    start_local_server
    started_with=apt
}

# A local node runs but nothing answers AMQP: waits for it to finish booting; then
# starts its RabbitMQ application if it was stopped (`rabbitmqctl stop_app`); restarts
# the node as a last resort.
revive_running_node() {
    log "a local RabbitMQ node runs but does not answer AMQP at ${HOST}:${PORT}; waiting for it"
    local deadline=$((SECONDS + 30))
    while ((SECONDS < deadline)); do
        amqp_up && return 0
        sleep 2
    done
    local prefix=""
    if [[ "$(id -u)" != 0 ]]; then
        prefix="$(root_prefix)" || prefix=""
    fi
    log "it still does not listen: starting its RabbitMQ application (rabbitmqctl start_app)"
    if with_timeout 120 $prefix rabbitmqctl -q start_app >&2 && amqp_up; then
        started_with=revived
        return 0
    fi
    log "that did not help: restarting the node"
    with_timeout 60 $prefix rabbitmqctl -q stop >&2 || log "rabbitmqctl stop failed"
    start_local_server
}

# Brings a broker up when nothing answers on HOST:PORT.
start_broker() {
    if ! host_is_local; then
        die "nothing answers AMQP at ${HOST}:${PORT}, and it is not this machine, so \
this script cannot start it; start that broker, or unset CHAT_TUI_BROKER_HOST"
    fi
    if local_node_runs; then
        revive_running_node
        return 0
    fi
    if command -v docker >/dev/null 2>&1 && with_timeout 20 docker info >/dev/null 2>&1; then
        if start_with_docker; then
            return 0
        fi
        log "Docker works but has no Compose (docker compose / docker-compose); trying a local RabbitMQ"
    fi
    if command -v rabbitmq-server >/dev/null 2>&1; then
        start_local_server
        return 0
    fi
    local prefix
    if command -v apt-get >/dev/null 2>&1 && prefix="$(root_prefix)"; then
        install_with_apt "$prefix"
        return 0
    fi
    die "no RabbitMQ at ${HOST}:${PORT} and no way to start one here: install Docker \
(with Compose) or RabbitMQ (e.g. 'apt-get install rabbitmq-server', \
'brew install rabbitmq'), then run this script again"
}

# Waits until both AMQP and the management API answer, or dies after TIMEOUT seconds.
wait_until_ready() {
    local deadline=$((SECONDS + TIMEOUT))
    local amqp=no
    while ((SECONDS < deadline)); do
        amqp=no
        if amqp_up; then
            amqp=yes
            if mgmt_up; then
                return 0
            fi
            if [[ -z "$plugin_enable_tried" ]]; then
                enable_management_plugin
            fi
        fi
        sleep 1
    done
    if host_is_local; then
        show_broker_log
    fi
    if [[ "$amqp" == no ]]; then
        die "timed out after ${TIMEOUT} s: no AMQP answer at ${HOST}:${PORT}"
    fi
    die "timed out after ${TIMEOUT} s: AMQP answers at ${HOST}:${PORT} but the \
management API at ${MGMT_URL}/api/overview does not (is the rabbitmq_management \
plugin enabled? 'rabbitmq-plugins enable rabbitmq_management'; are the credentials \
right? CHAT_TUI_BROKER_USER / CHAT_TUI_BROKER_PASSWORD)"
}

main() {
    [[ "$TIMEOUT" =~ ^[0-9]+$ ]] || die "CHAT_TUI_BROKER_TIMEOUT must be whole seconds, not '${TIMEOUT}'"
    if amqp_up; then
        if mgmt_up; then
            log "RabbitMQ ready at ${HOST}:${PORT}, management API at ${MGMT_URL}"
            return 0
        fi
        enable_management_plugin
    else
        start_broker
    fi
    wait_until_ready
    local how=""
    case "$started_with" in
        docker) how=" (started with Docker Compose)" ;;
        local) how=" (started the local rabbitmq-server)" ;;
        revived) how=" (started the stopped RabbitMQ application of the running node)" ;;
        apt) how=" (installed and started Debian's rabbitmq-server)" ;;
        *) [[ -n "$plugin_enabled" ]] && how=" (enabled the rabbitmq_management plugin)" ;;
    esac
    log "RabbitMQ ready at ${HOST}:${PORT}, management API at ${MGMT_URL}${how}"
}

main "$@"
