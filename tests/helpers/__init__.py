"""Helpers the tests of every tier share (``pytest.ini`` puts tests/ on sys.path, so
``from helpers.paths import PROJECT_DIR`` works from tests/unit, tests/dbt and tests/e2e).

conftest.py keeps only pytest hooks and fixtures; anything a test imports lives here.
"""
