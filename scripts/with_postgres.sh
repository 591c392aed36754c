#!/usr/bin/env bash
# Run one command against a throwaway PostgreSQL 15 server, then remove the server.
#
#   scripts/with_postgres.sh <command> [args...]
#
# Starts a fresh cluster in a temporary folder, listening on 127.0.0.1 only, with fsync
# off (a test server: speed over durability) and a random password generated for this
# run (never written to the project). It exports the AI_RESOLUTION_PG_* variables the
# `postgres` target of profiles/profiles.yml reads, runs the command, and on exit (also
# on failure or Ctrl-C) stops the server and deletes its folder. The command's exit code
# is the script's.
#
# Needs the PostgreSQL 15 server binaries (Debian package postgresql-15); when they are
# missing and we are root, they are installed with apt-get.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x "$PG_BIN/initdb" ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "==> installing postgresql-15 (server binaries not found in $PG_BIN)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq --no-install-recommends postgresql-15 >&2
    else
        echo "PostgreSQL 15 server binaries not found in $PG_BIN: install postgresql-15 or set PG_BIN" >&2
        exit 1
    fi
fi

# initdb refuses to run as root: as root, the server runs as the postgres system user.
RUN_AS=()
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    RUN_AS=(runuser -u postgres --)
fi

PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ai_resolution_pg.XXXXXX")
chmod 755 "$PG_DIR"
[[ ${#RUN_AS[@]} -eq 0 ]] || chown postgres "$PG_DIR"

cleanup() {
    local status=$?
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
        "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port on the loopback interface, unless one is given.
PORT=${AI_RESOLUTION_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}
PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
PG_USER=postgres

(umask 077 && printf '%s\n' "$PASSWORD" >"$PG_DIR/pwfile")
[[ ${#RUN_AS[@]} -eq 0 ]] || chown postgres "$PG_DIR/pwfile"
"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" --pwfile="$PG_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
rm -f "$PG_DIR/pwfile"

"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='$PG_DIR' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c timezone=UTC -c max_connections=50" \
    >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; exit 1; }

export AI_RESOLUTION_PG_HOST=127.0.0.1
export AI_RESOLUTION_PG_PORT=$PORT
export AI_RESOLUTION_PG_USER=$PG_USER
export AI_RESOLUTION_PG_PASSWORD=$PASSWORD
export AI_RESOLUTION_PG_DBNAME=${AI_RESOLUTION_PG_DBNAME:-ai_resolution}

PGPASSWORD=$PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$PG_USER" -d postgres -q -v ON_ERROR_STOP=1 \
    -c "create database \"$AI_RESOLUTION_PG_DBNAME\"" >/dev/null
echo "==> PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (throwaway, in $PG_DIR)" >&2

"$@"
