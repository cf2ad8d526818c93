"""Where ../shared is: beside the repository, or beside the main checkout when the tests run in
a git worktree (the team's worktrees live one level deeper than main). None when absent: tests
that read it skip."""
from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def shared_dir() -> Path | None:
    candidates = [ROOT.parent / "shared"]
    try:
        common = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--git-common-dir"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
        if common:
            candidates.append((ROOT / common).resolve().parent.parent / "shared")
    except (OSError, subprocess.SubprocessError):
        pass
    return next((c for c in candidates if c.is_dir()), None)


def shared_path(*parts: str) -> Path | None:
    """A path inside ../shared, or None when ../shared (or that path) is absent."""
    base = shared_dir()
    p = base.joinpath(*parts) if base else None
    return p if p is not None and p.exists() else None
