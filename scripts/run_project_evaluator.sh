#!/usr/bin/env bash
# Run dbt Labs' dbt-project-evaluator against this project, offline, in a throwaway copy.
#
# usage: scripts/run_project_evaluator.sh DPE_DIR DBU_DIR
#   DPE_DIR  local checkout of github.com/dbt-labs/dbt-project-evaluator (dbt-core 1.11 compatible)
#   DBU_DIR  local checkout of github.com/dbt-labs/dbt-utils (1.x; the evaluator needs it)
#
# The dbt hub is not reachable here, so both packages are wired in as `local:` packages.
# Only the copy is changed: the real project, its database and its target/ are never touched.
# Prints every rule the evaluator flags, with its rows.
# Exit status: 0 no violations, 1 violations, 2 usage, setup or build error.
# KEEP_WORK=1 keeps the temp dir (printed) for inspection.
set -euo pipefail

die() { echo "run_project_evaluator: $*" >&2; exit 2; }

[[ $# -eq 2 ]] || die "usage: $0 DPE_DIR DBU_DIR"
[[ -f $1/dbt_project.yml ]] || die "$1 is not a dbt-project-evaluator checkout"
[[ -f $2/dbt_project.yml ]] || die "$2 is not a dbt-utils checkout"
dpe_src=$(cd "$1" && pwd)
dbu_src=$(cd "$2" && pwd)
project=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=$project/.venv/bin
[[ -x $bin/dbt ]] || die "no dbt in $bin (run make setup)"

work=$(mktemp -d "${TMPDIR:-/tmp}/project-evaluator.XXXXXX")
if [[ ${KEEP_WORK:-0} == 1 ]]; then
  trap 'echo "kept $work" >&2' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
mkdir "$work/project"

# The copy is what git would see: tracked plus untracked non-ignored files (so no .venv,
# target/, logs/ or *.duckdb). Files deleted meanwhile by concurrent edits are skipped.
git -C "$project" ls-files -z --cached --others --exclude-standard \
  | (cd "$project" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) \
  | tar -xf - -C "$work/project"

# Copies of the two packages, because the evaluator's own packages.yml (hub dbt_utils)
# has to be pointed at the local dbt-utils.
tar -C "$dpe_src" --exclude=.git --exclude=target --exclude=dbt_packages --exclude=logs -cf - . \
  | (mkdir "$work/dpe" && tar -xf - -C "$work/dpe")
tar -C "$dbu_src" --exclude=.git --exclude=target --exclude=dbt_packages --exclude=logs -cf - . \
  | (mkdir "$work/dbu" && tar -xf - -C "$work/dbu")
printf 'packages:\n  - local: ../dbu\n' > "$work/dpe/packages.yml"
rm -f "$work/dpe/package-lock.yml" "$work/dpe/dependencies.yml"

# The project's documented exceptions to the rules (DECISIONLOG.md) live next to this
# script, not in seeds/: a seed there would be built into every user's warehouse.
exceptions_csv=$project/scripts/project_evaluator_exceptions.csv
[[ -f $exceptions_csv ]] && cp "$exceptions_csv" "$work/project/seeds/dbt_project_evaluator_exceptions.csv"

# Wire the packages into the copy: local packages (keeping any other ones the project
# declares), the dispatch the evaluator needs, no project hooks, and, when the project has
# its own dbt_project_evaluator_exceptions seed, the package's empty one disabled.
has_exceptions_seed=$(cd "$work/project" && find . -path ./dbt_packages -prune -o \
  -name dbt_project_evaluator_exceptions.csv -print | head -n1)
"$bin/python" - "$work/project" "${has_exceptions_seed:+yes}" <<'PY'
import pathlib, sys
import yaml

root = pathlib.Path(sys.argv[1])
own_exceptions = sys.argv[2] == "yes"

deps_file = next((root / n for n in ("packages.yml", "dependencies.yml") if (root / n).exists()),
                 root / "packages.yml")
deps = yaml.safe_load(deps_file.read_text()) if deps_file.exists() else {}
deps = deps or {}
keep = [p for p in deps.get("packages") or []
        if not any(x in str(p.get("package", p.get("git", ""))) for x in ("dbt_utils", "dbt-utils", "dbt_project_evaluator", "dbt-project-evaluator"))]
deps["packages"] = keep + [{"local": "../dpe"}, {"local": "../dbu"}]
deps_file.write_text(yaml.safe_dump(deps, sort_keys=False))
(root / "package-lock.yml").unlink(missing_ok=True)

proj_file = root / "dbt_project.yml"
proj = yaml.safe_load(proj_file.read_text())
dispatch = [d for d in proj.get("dispatch") or [] if d.get("macro_namespace") != "dbt"]
proj["dispatch"] = dispatch + [{"macro_namespace": "dbt", "search_order": ["dbt_project_evaluator", "dbt"]}]
if own_exceptions:
    seeds = proj.setdefault("seeds", {}) or {}
    proj["seeds"] = seeds
    seeds.setdefault("dbt_project_evaluator", {})["dbt_project_evaluator_exceptions"] = {"+enabled": False}
# The evaluator reads the dbt graph, never the project's tables, so it needs no data. The
# project's hooks do: the on-run-start preflight stops any build without the raw tables.
# Hooks are not part of what the evaluator checks, so the copy runs without them.
proj.pop("on-run-start", None)
proj.pop("on-run-end", None)
proj_file.write_text(yaml.safe_dump(proj, sort_keys=False))
PY

# Only the copy's files: no DBT_* from the caller's shell (target path, state, ...) and a
# database of its own.
for v in $(compgen -e | grep '^DBT_' || true); do unset "$v"; done
export DBT_PROFILES_DIR=$work/project/profiles
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
export AI_RESOLUTION_DB=$work/evaluator.duckdb
cd "$work/project"

echo "==> dbt deps (local packages)"
"$bin/dbt" deps >"$work/deps.log" 2>&1 || { tail -n 30 "$work/deps.log" >&2; die "dbt deps failed"; }

select=(package:dbt_project_evaluator)
[[ -n $has_exceptions_seed ]] && select+=(dbt_project_evaluator_exceptions)
echo "==> dbt build --select ${select[*]}"
# The evaluator's rules are tests with severity warn: build only fails on real errors,
# or on rules the project raised to error; run_results.json tells which.
build_rc=0
"$bin/dbt" build --target duckdb --select "${select[@]}" >"$work/build.log" 2>&1 || build_rc=$?
[[ -f target/run_results.json ]] || { tail -n 40 "$work/build.log" >&2; die "dbt build failed (rc $build_rc)"; }

report_rc=0
"$bin/python" - "$work/project/target" "$AI_RESOLUTION_DB" <<'PY' || report_rc=$?
import json, pathlib, sys
import duckdb

target = pathlib.Path(sys.argv[1])
manifest = json.loads((target / "manifest.json").read_text())
results = json.loads((target / "run_results.json").read_text())["results"]
con = duckdb.connect(sys.argv[2], read_only=True)
PKG = "dbt_project_evaluator"

errors = [r for r in results if r["status"] in ("error", "runtime error")]
if errors:
    for r in errors:
        print(f"ERROR {r['unique_id']}: {(r.get('message') or '').strip()}", file=sys.stderr)
    sys.exit(2)

nodes = manifest["nodes"]
models = {uid: n for uid, n in nodes.items()
          if n["resource_type"] == "model" and n["package_name"] == PKG}
status_by_model = {}
for r in results:
    test = nodes.get(r["unique_id"])
    if not test or test["resource_type"] != "test" or test["package_name"] != PKG:
        continue
    for parent in test["depends_on"]["nodes"]:
        if parent in models:
            status_by_model.setdefault(parent, []).append((test["name"], r["status"], r.get("failures")))


def rel(node):
    return f'"{node["schema"]}"."{node.get("alias") or node["name"]}"'


def show(cur, transpose=False):
    cols = [d[0] for d in cur.description]
    # Long cells (generated test names) are cut so that rows stay on one line.
    rows = [["" if v is None else (str(v) if len(str(v)) <= 120 else str(v)[:119] + "~")
             for v in row] for row in cur.fetchall()]
    if transpose:
        width = max(len(c) for c in cols)
        for row in rows:
            for c, v in zip(cols, row):
                print(f"    {c.ljust(width)}  {v}")
        return
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    print("    " + "  ".join(c.ljust(w) for c, w in zip(cols, widths)))
    print("    " + "  ".join("-" * w for w in widths))
    for r in rows:
        print("    " + "  ".join(v.ljust(w) for v, w in zip(r, widths)))


violations = 0
for uid, node in sorted(models.items(), key=lambda kv: kv[1]["name"]):
    name = node["name"]
    if not name.startswith("fct_"):
        continue
    try:
        n = con.execute(f"select count(*) from {rel(node)}").fetchone()[0]
    except duckdb.CatalogException:
        print(f"ERROR {name} was not built (see the build log)", file=sys.stderr)
        sys.exit(2)
    tests = status_by_model.get(uid, [])
    # A coverage table always has one row: it is a violation only when its test did not
    # pass. Every other fct_ table lists violations, one per row.
    flagged = any(s in ("warn", "fail") for _, s, _ in tests) if tests else n > 0
    if not flagged:
        continue
    violations += 1
    coverage = name.endswith("_coverage")
    what = "below target" if coverage else f"{n} row{'s' * (n != 1)}"
    print(f"\n== {name}: {what}")
    desc = " ".join((node.get("description") or "").split()).strip('"')
    if desc:
        print(f"   {desc[:200]}")
    if name == "fct_test_directories":
        # One line per model rather than one per test: a yml file in the wrong folder
        # makes every test it declares a row.
        show(con.execute(f"select model_name, current_test_directory, change_test_directory_to, "
                         f"count(*) as tests from {rel(node)} group by all order by 1"))
    else:
        show(con.execute(f"select * from {rel(node)} order by all"), transpose=coverage)
    if name == "fct_test_coverage":
        summary = next((m for m in models.values() if m["name"] == "int_model_test_summary"), None)
        if summary:
            print("    untested models:")
            show(con.execute(f"select resource_name, model_type from {rel(summary)} "
                             "where resource_type = 'model' and number_of_tests_on_model = 0 order by 1"))

print(f"\n{violations} evaluator rule(s) with violations")
sys.exit(1 if violations else 0)
PY

echo "(${SECONDS}s; evaluator build exit code $build_rc)"
exit "$report_rc"
