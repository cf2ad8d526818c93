"""`make install` says nothing it need not: setuptools reads pyproject.toml without a single
deprecation warning (the licence as a TOML table printed ~200 lines of them on every install)."""
from __future__ import annotations

import warnings

from tests.support.services import REPO


def test_pyproject_reads_without_warnings(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    monkeypatch.chdir(REPO)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dist = apply_configuration(Distribution(), REPO / "pyproject.toml")
    assert [str(w.message).splitlines()[0] for w in caught] == []
    assert dist.metadata.license_expression == "MIT"  # type: ignore[attr-defined]
