"""Every environment knob lives in `Settings` and in README.md's table, and nothing else reads
the environment."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from config.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("config", "storage", "quotes", "crawlers", "alerts", "tasks", "mouthpiece")
# Direct reads with a reason; each variable is still a Settings field.
ALLOWED = {("mouthpiece/cli.py", "MOUTHPIECE_DEBUG"): "the fallback when the settings themselves fail to load"}


def readme_variables() -> set[str]:
    """The names in the first column of README's environment table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| variable | default | meaning |", 1)[1].split("\n\n", 1)[0]
    names: set[str] = set()
    for row in table.splitlines():
        if row.startswith("| `"):
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1]))
    return names


def test_every_settings_field_is_in_the_readme_table() -> None:
    fields = {f.alias or name.upper() for name, f in Settings.model_fields.items()}
    documented = readme_variables()
    assert fields - documented == set(), "add these Settings fields to README.md's environment table"
    assert documented - fields == set(), "README.md documents variables Settings does not read"


def test_only_settings_reads_the_environment() -> None:
    """os.environ.get / os.getenv / os.environ[...] read nowhere but config/settings.py (writing a
    child process's environment is fine)."""
    readers = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "config" / "settings.py" or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                call = node.func if isinstance(node, ast.Call) else None
                if isinstance(call, ast.Attribute) and (
                        (call.attr == "getenv") or
                        (call.attr == "get" and ast.unparse(call.value) == "os.environ")):
                    assert isinstance(node, ast.Call)
                    name = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
                    if (str(path.relative_to(ROOT)), name) not in ALLOWED:
                        readers.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
                if (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)
                        and ast.unparse(node.value) == "os.environ"):
                    readers.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert readers == [], (
        "these read the environment directly: make each knob a field of Settings (config/settings.py), "
        "read it through get_settings(), and add it to README.md's environment table")
