"""The integration-test seeds that the vendors' own open dbt packages ship (fivetran/dbt_zendesk,
fivetran/dbt_intercom): column templates full of awkward values whose keys mostly do not join.

The CSV files are the vendors' data, kept out of this repository (DECISIONLOG D-85): they are read,
unchanged and under their own names, from the folder in AI_RESOLUTION_VENDOR_SEEDS_DIR, else from
shared/vendor_package_seeds/ beside the project (one sub-folder per system). `install` copies them with
the seed properties of tests/fixtures/vendor_packages/ into the git-ignored seeds/fixtures/vendor_packages/
<system>/, where dbt seeds them only with the var load_vendor_package_seeds
(tests/fixtures/vendor_packages/README.md)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from helpers.dbt_run import BUILD_LOG, dbt
from helpers.paths import FIXTURES_DIR, PROJECT_DIR, read_csv

SEEDS_DIR_ENV = "AI_RESOLUTION_VENDOR_SEEDS_DIR"
PROPERTIES_DIR = FIXTURES_DIR / "vendor_packages"
INSTALL_DIR = PROJECT_DIR / "seeds" / "fixtures" / "vendor_packages"

# Per system, the vendor tables the adapter reads and the sha256 of each file as the package ships it
# (its integration_tests/seeds/<table>_data.csv at the commit named in the README), so a test always
# runs on the files the README describes.
VENDOR_FILES: dict[str, dict[str, str]] = {
    "zendesk": {
        "ticket": "effe2837ec0ff3ec59fddc7fce0a5f4a6ff0a69daef5ae904244dcbf34425dae",
        "ticket_comment": "033e18229b848b4809699f04f39605771faf437e583a1aefe1af5625f0ac7de5",
        "user": "9f600c24b84ed0183e88c5aaa4e7e02bd2228115bebc85217f04c97bd5b6dbc9",
        "ticket_field_history": "b4c8424d70d9cd7f9b81a303d77befd7695181bc7f047a366f8f0f74b3177405",
        "ticket_tag": "020b25c3247e21387702778ce0af4e5a5b8b3aee62daaa05f48c643489b57ea0",
        "ticket_chat": "878f9f7c9fcc8729a2a07fbfd03555e0f059b016fb38db52dcf5a8ae8301d0ed",
        "ticket_chat_event": "1cdda84bd5cfcba0abcf2e5d5da77e6590339abc4555647d7763721a8495c241",
    },
    "intercom": {
        "conversation_history": "d0febab82e3423e6da8eab984a543391ed0a2f8dbf77082aecc070ec0bf2a77f",
        "conversation_part_history": "e589d4fa11bfbad44a23034b52ffa1357ea9d3bd783a4d49b20e719f5ad473d0",
        "conversation_contact_history": "7f2b2f0218480554dab1a89fc31d6dfb2550e43e6d69f76a88d63759374e7cb4",
        "contact_history": "d7090381060c2b1becf13aa48899f1838c75278dbe0551a8f0a8374462b06c8d",
        "admin": "51f04315e1ef1f72c1c810c0912ff8376a414330ce0c2b439081d82ba79ae06e",
    },
}


def schema(system: str) -> str:
    """The schema the vendor's tables load into (and raw_schema points at)."""
    return f"raw_vendor_{system}"


def source_dir(system: str) -> Path:
    """Where the vendor's CSV files are read from."""
    root = os.environ.get(SEEDS_DIR_ENV) or str(PROJECT_DIR.parent / "shared" / "vendor_package_seeds")
    return Path(root) / system


def vendor_file(system: str, table: str) -> Path:
    """A vendor file under the name its package gives it."""
    return source_dir(system) / f"{table}_data.csv"


def missing_files(system: str) -> list[str]:
    """The vendor files that are not there (empty: the system's seeds can be installed)."""
    return [
        str(vendor_file(system, table)) for table in VENDOR_FILES[system] if not vendor_file(system, table).exists()
    ]


def read_table(system: str, table: str) -> list[dict[str, str]]:
    """A vendor table's rows as written in its CSV file (every value text, blank for null)."""
    return read_csv(vendor_file(system, table))


def install(system: str) -> Path:
    """Copy the vendor's files (checked against their sha256) and their seed properties into
    seeds/fixtures/vendor_packages/<system>/, replacing what an earlier run left there."""
    files = {}
    for table, expected in VENDOR_FILES[system].items():
        path = vendor_file(system, table)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != expected:
            raise AssertionError(f"{path} is not the file the README names (sha256 {digest}, expected {expected})")
        files[f"vendor_{system}__{table}.csv"] = path
    properties = PROPERTIES_DIR / f"_vendor_{system}__seeds.yml"
    files[properties.name] = properties
    INSTALL_DIR.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=INSTALL_DIR, prefix=f".{system}-"))
    for name, path in files.items():
        shutil.copyfile(path, staging / name)
    target = INSTALL_DIR / system
    # Swap the folder whole, so a dbt command running meanwhile never sees half of it.
    if target.exists():
        old = Path(tempfile.mkdtemp(dir=INSTALL_DIR, prefix=f".{system}-old-"))
        target.rename(old / system)
        staging.rename(target)
        shutil.rmtree(old)
    else:
        staging.rename(target)
    return target


def build_on_vendor_package_seeds(
    db_path: Path, system: str, extra_vars: dict[str, Any] | None = None
) -> subprocess.CompletedProcess[str]:
    """Install and seed the vendor's files into schema(system), then dbt build with its adapter
    reading them. Returns the build (not checked: the caller asserts on it); its output is kept
    next to the warehouse (BUILD_LOG)."""
    install(system)
    dbt(
        ["seed", "--select", f"path:seeds/fixtures/vendor_packages/{system}"],
        db_path,
        {"load_vendor_package_seeds": True},
    )
    build_vars = {"source_system": system, "raw_schema": schema(system), **(extra_vars or {})}
    result = dbt(["build"], db_path, build_vars, check=False)
    (db_path.parent / BUILD_LOG).write_text(result.stdout, encoding="utf-8")
    return result
