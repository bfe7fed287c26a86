#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests.
#
#   .ci/postgres.sh [start]   start it (installing Debian's postgresql if needed); prints the URL
#   .ci/postgres.sh stop      stop it and delete its data
#   .ci/postgres.sh url       print the URL of the running server
#   source .ci/postgres.sh    start it and export PANEL_APP_TEST_POSTGRES_URL
#
# Idempotent: starting a running server only prints its URL. The cluster lives in
# $PANEL_APP_PG_DIR (default: $TMPDIR/panel-app-postgres), trusts every local connection,
# listens on 127.0.0.1 only and keeps its socket inside that folder. It runs with fsync off:
# test data only.

_panel_pg() (
    set -euo pipefail
    local dir="${PANEL_APP_PG_DIR:-${TMPDIR:-/tmp}/panel-app-postgres}"
    local port="${PANEL_APP_PG_PORT:-54329}"

    log() { echo "postgres.sh: $*" >&2; }

    find_bin() {
        local bin
        bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
        if [[ -n "$bin" && -x "$bin/initdb" ]]; then
            echo "$bin"
        elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
            dirname "$(command -v initdb)"
        fi
    }

    # initdb and postgres refuse to run as root: run them as the postgres user then.
    as_owner() {
        if [[ "$(id -u)" == 0 ]]; then
            runuser -u postgres -- "$@"
        else
            "$@"
        fi
    }

    port_in_use() {
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    }

    url() { echo "postgresql+psycopg://postgres@127.0.0.1:$(cat "$dir/port")/postgres"; }

    running() { [[ -f "$dir/port" ]] && as_owner "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; }

    local bin
    bin="$(find_bin)"
    case "${1:-start}" in
    start)
        if [[ -z "$bin" ]]; then
            [[ "$(id -u)" == 0 ]] || { log "PostgreSQL is not installed; run as root to install it"; exit 1; }
            log "installing postgresql (Debian package)"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq >&2
            # The package's own "main" cluster is not wanted: do not create or start it.
            # (postgresql-common's postinst reads this file; keep it over the packaged one.)
            if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
                mkdir -p /etc/postgresql-common
                echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
            fi
            apt-get install -y -qq --no-install-recommends \
                -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
                postgresql >&2
            bin="$(find_bin)"
            [[ -n "$bin" ]] || { log "postgresql installed, but no initdb found"; exit 1; }
        fi
        if running; then
            url
            exit 0
        fi
        if [[ ! -f "$dir/data/PG_VERSION" ]]; then
            rm -rf "$dir"
            mkdir -p "$dir/socket"
            [[ "$(id -u)" == 0 ]] && chown -R postgres: "$dir"
            as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
                --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
                || { cat "$dir/initdb.log" >&2; exit 1; }
        fi
        while port_in_use "$port"; do
            log "port $port is taken; trying $((port + 1))"
            port=$((port + 1))
        done
        echo "$port" >"$dir/port"
        local options="-c listen_addresses=127.0.0.1 -c port=$port"
        options+=" -c unix_socket_directories=$dir/socket"
        options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        as_owner "$bin/pg_ctl" start -w -t 60 -D "$dir/data" -l "$dir/server.log" -o "$options" >&2 \
            || { cat "$dir/server.log" >&2; exit 1; }
        url
        ;;
    stop)
        if [[ -n "$bin" && -d "$dir/data" ]]; then
            as_owner "$bin/pg_ctl" stop -D "$dir/data" -m fast -w >&2 || true
        fi
        rm -rf "$dir"
        ;;
    url)
        running || { log "not running"; exit 1; }
        url
        ;;
    *)
        log "usage: $0 [start|stop|url]"
        exit 2
        ;;
    esac
)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # Sourced: start and export the URL into the caller's shell (leave its options alone).
    if PANEL_APP_TEST_POSTGRES_URL="$(_panel_pg start)"; then
        export PANEL_APP_TEST_POSTGRES_URL
        echo "PANEL_APP_TEST_POSTGRES_URL=$PANEL_APP_TEST_POSTGRES_URL"
    else
        echo "postgres.sh: could not start PostgreSQL" >&2
    fi
else
    _panel_pg "$@"
fi
