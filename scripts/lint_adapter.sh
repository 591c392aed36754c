#!/usr/bin/env bash
# sqlfluff on one help-desk adapter, models/adapters/<system>. A plain
# `sqlfluff lint models` skips that folder: it is disabled unless the var source_system
# selects it.
#
#   scripts/lint_adapter.sh <system> [more sqlfluff lint arguments...]
#
# Loads the adapter's fixture tables (seeds/fixtures/sources/<system>) into a throwaway
# DuckDB file, so that the models compile with their vendor tables and optional columns
# present (without them only the empty fallbacks would be linted). Then it lints with
# source_system and raw_schema given as vars through sqlfluff's dbt templater context
# (an extra config file, merged over .sqlfluff).
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 <system> [sqlfluff lint args...]" >&2
    exit 2
fi
system=$1
shift
if [[ ! -d "models/adapters/$system" ]]; then
    echo "no adapter folder models/adapters/$system" >&2
    exit 2
fi

bin=${BIN:-.venv/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export AI_RESOLUTION_DB="$work/lint.duckdb"
export DBT_PROFILES_DIR=${DBT_PROFILES_DIR:-$PWD/profiles}

"$bin/dbt" seed --quiet --target-path "$work/target" \
    --select "path:seeds/fixtures/sources/$system" --vars '{load_fixtures: true}'
cat > "$work/sqlfluff.cfg" <<CFG
[sqlfluff:templater:dbt:context]
source_system = $system
raw_schema = raw_fixtures_$system
CFG
"$bin/sqlfluff" lint --config "$work/sqlfluff.cfg" "models/adapters/$system" "$@"
