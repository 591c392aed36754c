#!/usr/bin/env python3
"""Fail when a lock file is stale against the ``.in`` file it is compiled from.

Offline and fast (no resolver, no network): for each pair below it checks that

- every requirement of the ``.in`` (and of the ``.in`` files it includes with ``-r``) is
  pinned in the lock, with a version its specifier allows;
- the lock pins no top-level package the ``.in`` files no longer ask for (the compiler
  writes ``# via -r <file>.in`` under each top-level pin);
- every pin carries ``--hash`` lines, so that pip installs it in hash-checking mode;
- the runtime lock satisfies ``[project.dependencies]`` of pyproject.toml;
- a lock compiled on top of another (``-c``) pins the same version of every package the two
  share.

Run it from anywhere: ``python scripts/check_locks.py`` (the repository's own locks), or
``python scripts/check_locks.py --root DIR`` for another folder with the same file names.
Exit status 0 when every lock is fresh, 1 otherwise (each problem on its own line, on
stderr). Recompile with ``make lock`` (docs/development.md#dependencies).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

# (.in, lock, the lock it is compiled against with -c, or None)
LOCKS: tuple[tuple[str, str, str | None], ...] = (
    ("requirements.in", "requirements.txt", None),
    ("requirements-dev.in", "requirements-dev.txt", "requirements.txt"),
    ("requirements-postgres.in", "requirements-postgres.txt", "requirements-dev.txt"),
    ("requirements-spark.in", "requirements-spark.txt", "requirements-dev.txt"),
    ("requirements-dagster.in", "requirements-dagster.txt", "requirements-dev.txt"),
)
RUNTIME_LOCK = "requirements.txt"
FIX = "recompile with `make lock`"

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;\\]+)")
VIA_INLINE = re.compile(r"^\s*#\s+via\s+(?P<what>\S.*)$")
VIA_ITEM = re.compile(r"^\s*#\s{2,}(?P<what>\S.*)$")


@dataclass
class Pin:
    version: str
    hashed: bool = False
    via: set[str] = field(default_factory=set)


def read_in(path: Path, seen: set[Path] | None = None) -> dict[str, tuple[Requirement, str]]:
    """The requirements of an ``.in`` file and of those it includes with ``-r``: canonical name
    -> (requirement, the file that states it, relative to ``path``'s folder)."""
    seen = set() if seen is None else seen
    path = path.resolve()
    if path in seen:
        return {}
    seen.add(path)
    found: dict[str, tuple[Requirement, str]] = {}
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            included = path.parent / line.split(None, 1)[1].strip()
            for name, (req, origin) in read_in(included, seen).items():
                found.setdefault(name, (req, origin))
            continue
        if line.startswith("-"):  # -c and other options are not requirements
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement as exc:
            raise SystemExit(f"{path.name}:{number}: not a requirement: {line!r} ({exc})") from exc
        found[canonicalize_name(req.name)] = (req, path.name)
    return found


def read_lock(path: Path) -> dict[str, Pin]:
    """The pins of a compiled lock: canonical name -> version, hashes present, and the
    ``-r`` files of its ``# via`` annotation (the ``.in`` files that ask for it directly)."""
    pins: dict[str, Pin] = {}
    current: Pin | None = None
    in_via = False
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = Pin(match["version"])
            pins[canonicalize_name(match["name"])] = current
            current.hashed = "--hash=" in line
            in_via = False
            continue
        if current is None:
            continue
        stripped = line.strip()
        if stripped.startswith("--hash="):
            current.hashed = True
            continue
        inline = VIA_INLINE.match(line)
        if inline:
            what = inline["what"].strip()
            in_via = what == ""
            _add_via(current, what)
            continue
        if re.match(r"^\s*#\s+via\s*$", line):
            in_via = True
            continue
        item = VIA_ITEM.match(line)
        if in_via and item:
            _add_via(current, item["what"].strip())
            continue
        in_via = False
    return pins


def _add_via(pin: Pin, what: str) -> None:
    if what.startswith("-r "):
        pin.via.add(Path(what[3:].strip()).name)


def check_pair(root: Path, in_name: str, lock_name: str) -> list[str]:
    in_path, lock_path = root / in_name, root / lock_name
    if not in_path.exists() or not lock_path.exists():
        missing = in_name if not in_path.exists() else lock_name
        return [f"{lock_name}: {missing} is missing"]
    wanted = read_in(in_path)
    pins = read_lock(lock_path)
    problems = []
    for name, (req, origin) in sorted(wanted.items()):
        pin = pins.get(name)
        if pin is None:
            problems.append(f"{lock_name}: {req.name} ({origin}) is not pinned; {FIX}")
            continue
        if req.specifier and not req.specifier.contains(pin.version, prereleases=True):
            problems.append(f"{lock_name}: {req.name}=={pin.version} does not satisfy {req} ({origin}); {FIX}")
        if pin.via and origin not in pin.via:
            problems.append(
                f"{lock_name}: {req.name} is asked for by {origin}, but the lock says via "
                f"{', '.join(sorted(pin.via))}; {FIX}"
            )
    for name, pin in sorted(pins.items()):
        if pin.via and name not in wanted:
            problems.append(
                f"{lock_name}: {name}=={pin.version} is pinned for {', '.join(sorted(pin.via))}, which no longer "
                f"asks for it; {FIX}"
            )
        if not pin.hashed:
            problems.append(f"{lock_name}: {name}=={pin.version} has no --hash; {FIX}")
    return problems


def check_same_versions(root: Path, lock_name: str, base_name: str) -> list[str]:
    """A lock compiled with ``-c base`` pins what ``base`` pins."""
    if not (root / lock_name).exists() or not (root / base_name).exists():
        return []
    pins, base = read_lock(root / lock_name), read_lock(root / base_name)
    return [
        f"{lock_name}: {name}=={pins[name].version} but {base_name} pins {base[name].version}; {FIX}"
        for name in sorted(pins.keys() & base.keys())
        if pins[name].version != base[name].version
    ] + [
        f"{lock_name}: {name}=={base[name].version} of {base_name} is missing; {FIX}"
        for name in sorted(base.keys() - pins.keys())
    ]


def check_pyproject(root: Path) -> list[str]:
    """The runtime lock satisfies the package's own dependencies."""
    pyproject, lock = root / "pyproject.toml", root / RUNTIME_LOCK
    if not pyproject.exists() or not lock.exists():
        return []
    pins = read_lock(lock)
    problems = []
    for text in tomllib.loads(pyproject.read_text()).get("project", {}).get("dependencies", []):
        req = Requirement(text)
        pin = pins.get(canonicalize_name(req.name))
        if pin is None:
            problems.append(f"{RUNTIME_LOCK}: {req.name} (pyproject.toml) is not pinned; add it to requirements.in")
            continue
        try:
            Version(pin.version)
        except InvalidVersion:
            problems.append(f"{RUNTIME_LOCK}: {req.name}=={pin.version} is not a version")
            continue
        if not req.specifier.contains(pin.version, prereleases=True):
            problems.append(
                f"{RUNTIME_LOCK}: {req.name}=={pin.version} does not satisfy {req} (pyproject.toml); align "
                "requirements.in and pyproject.toml, then `make lock`"
            )
    return problems


def check(root: Path) -> list[str]:
    problems = []
    for in_name, lock_name, base in LOCKS:
        problems += check_pair(root, in_name, lock_name)
        if base:
            problems += check_same_versions(root, lock_name, base)
    return problems + check_pyproject(root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fail when a lock file is stale against its .in file.")
    parser.add_argument(
        "--root", type=Path, default=Path(__file__).resolve().parent.parent, help="folder with the .in and lock files"
    )
    args = parser.parse_args(argv)
    problems = check(args.root)
    for problem in problems:
        print(f"check_locks: {problem}", file=sys.stderr)
    if problems:
        return 1
    names = ", ".join(lock for _, lock, _ in LOCKS)
    print(f"check_locks: {names} are fresh")
    return 0


if __name__ == "__main__":
    sys.exit(main())
