"""The Python package has no import cycle: each subpackage (demo, report, explain) builds on
the top-level modules and on its own lower modules only."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers.import_graph import first_cycle, import_edges
from helpers.paths import PROJECT_DIR

SRC = PROJECT_DIR / "src"


def test_src_has_no_import_cycle() -> None:
    cycle = first_cycle(import_edges(SRC))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_a_cycle_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("def f() -> None:\n    from pkg.c import x\n")
    (package / "c.py").write_text("from .a import y\n")
    assert first_cycle(import_edges(tmp_path)) == ["pkg.a", "pkg.b", "pkg.c", "pkg.a"]


def test_subpackages_do_not_import_each_other() -> None:
    """demo, report, explain and publish share only the top-level modules and warehouse/."""
    edges = import_edges(SRC)
    subpackages = ("ai_resolution.demo", "ai_resolution.report", "ai_resolution.explain", "ai_resolution.publish")
    for module, targets in edges.items():
        own = next((p for p in subpackages if module.startswith(p)), None)
        for target in targets:
            other = next((p for p in subpackages if target.startswith(p)), None)
            assert other in (None, own), f"{module} imports {target}"


def test_every_package_folder_has_an_init() -> None:
    """setuptools' find_packages only finds folders with an __init__.py."""
    for folder in (SRC / "ai_resolution").rglob("*"):
        if folder.is_dir() and any(folder.glob("*.py")):
            assert (folder / "__init__.py").is_file(), folder
            ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))
