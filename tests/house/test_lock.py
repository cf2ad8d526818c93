"""Reproducible installs: every dependency comes from requirements.lock, pinned by hash."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"


def _locked() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) for each requirement in the lock."""
    text = LOCK.read_text(encoding="utf-8")
    entries: dict[str, tuple[str, list[str]]] = {}
    # One entry: "name==version \" followed by "--hash=sha256:..." lines.
    for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==(\S+)((?:\s*\\\s*--hash=sha256:[0-9a-f]{64})*)", text, re.M):
        entries[canonicalize_name(m.group(1))] = (m.group(2), re.findall(r"sha256:([0-9a-f]{64})", m.group(3)))
    return entries


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs.extend(extra)
    return [Requirement(r) for r in reqs]


def test_every_declared_dependency_is_locked_at_a_version_it_allows() -> None:
    locked = _locked()
    assert locked, "requirements.lock holds no pinned requirement"
    for req in _declared():
        name = canonicalize_name(req.name)
        assert name in locked, f"{req.name} is in pyproject.toml but not in requirements.lock: run `make lock`"
        version = locked[name][0]
        assert req.specifier.contains(version, prereleases=True), (
            f"requirements.lock pins {req.name}=={version}, outside pyproject's {req}: run `make lock`"
        )


def test_every_locked_requirement_carries_a_hash() -> None:
    for name, (version, hashes) in _locked().items():
        assert hashes, f"{name}=={version} has no --hash in requirements.lock"


def test_make_install_and_ci_install_from_the_lock_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    install = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert "--require-hashes --no-deps -r requirements.lock" in install
    # The project itself goes on top without resolving anything, so nothing floats.
    assert re.search(r"pip install .*--no-deps.* -e \.", install)
    assert "--require-hashes -r requirements-nlp.txt" in install
    assert "pip-compile" in makefile.split("\nlock:", 1)[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make install" in ci and "pip install --quiet -e" not in ci


def test_the_installed_environment_matches_the_lock() -> None:
    """A lock that drifted from the venv (a pyproject change without `make lock`) fails here."""
    from importlib.metadata import distributions

    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    for name, (version, _) in _locked().items():
        assert name in installed, f"{name} is locked but not installed: run `make install`"
        assert installed[name] == version, f"{name}: installed {installed[name]}, locked {version}"
