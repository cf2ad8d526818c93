"""The layers of the house, as data, and a test that walks every module's imports against them.

Each package may import only the packages listed for it (docs/ARCHITECTURE.md, "Layers"); an
import inside a function counts like one at the top, because a cycle is a cycle either way."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MAY_IMPORT: dict[str, set[str]] = {
    "config": set(),
    "storage": {"config"},
    "quotes": {"config"},
    "narratives": {"config"},
    "crawlers": {"config", "storage"},
    "alerts": {"config", "storage", "quotes", "narratives"},
    "tasks": {"config", "storage", "quotes", "narratives", "crawlers", "alerts"},
    "web": {"config", "storage", "quotes", "alerts"},
    "mouthpiece": {"config", "storage", "quotes", "narratives", "crawlers", "alerts", "tasks", "web"},
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every absolute import in the file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".")[0]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module.split(".")[0]))
    return out


def violations() -> list[str]:
    found = []
    for package, allowed in MAY_IMPORT.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for line, top in imports_of(path):
                if top in MAY_IMPORT and top != package and top not in allowed:
                    found.append(f"{path.relative_to(ROOT)}:{line}: {package} imports {top}")
    return found


def test_every_package_imports_only_the_layers_below_it() -> None:
    assert violations() == [], "see docs/ARCHITECTURE.md, Layers: pass a callback or send a signal upwards instead"


def test_the_layers_have_no_cycle() -> None:
    """The table itself must be a DAG, or the rule above would allow a cycle."""
    done: set[str] = set()

    def visit(p: str, stack: tuple[str, ...]) -> None:
        assert p not in stack, " -> ".join((*stack, p))
        if p not in done:
            for q in MAY_IMPORT[p]:
                visit(q, (*stack, p))
            done.add(p)

    for p in MAY_IMPORT:
        visit(p, ())


def test_mypy_checks_every_package() -> None:
    import tomllib

    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert set(mypy["files"]) == set(MAY_IMPORT)
    assert "$(BIN)/mypy\n" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_every_package_is_in_the_table() -> None:
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages == set(MAY_IMPORT), (
        "a new package: add it to MAY_IMPORT here, to the layer table of docs/ARCHITECTURE.md, and to "
        "[tool.mypy] files in pyproject.toml")


def test_the_architecture_doc_states_the_same_layers() -> None:
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = doc.split("| package | holds | may import |", 1)[1].split("\n\n", 1)[0]
    stated: dict[str, set[str]] = {}
    for row in table.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            may = cells[2]
            stated[cells[0].strip("`/")] = (set(MAY_IMPORT) - {cells[0].strip("`/")} if may == "all of the above"
                                            else set() if may == "—" else {m.strip() for m in may.split(",")})
    assert stated == MAY_IMPORT


def test_the_readme_cites_only_files_the_repository_has() -> None:
    """A clone has what the README points at (it once cited a DESIGN.md outside the repo)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"\]\(([^)#\s]+)", readme)) | set(re.findall(r"`([\w./-]+\.md)`", readme))
    missing = sorted(c for c in paths if not c.startswith("http") and not (ROOT / c).exists())
    # a document named bare (DESIGN.md) must be one of the repository's own
    docs = {p.name for p in ROOT.glob("*.md")} | {p.name for p in (ROOT / "docs").glob("*.md")}
    missing += sorted(set(re.findall(r"(?<![\w/.-])([A-Z][A-Z_]*\.md)\b", readme)) - docs)
    assert missing == []


def test_every_import_of_the_project_names_a_module_it_has() -> None:
    """A module moved (mouthpiece/logs.py to config/logs.py) leaves no import of the old name
    behind: mypy cannot see one (`ignore_missing_imports`), and one inside a function fails
    only when that path runs (storage errors then ended in "No module named ...")."""
    missing = []
    for package in MAY_IMPORT:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                         [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                         else [])
                for name in names:
                    if name.split(".")[0] not in MAY_IMPORT:
                        continue
                    base = ROOT.joinpath(*name.split("."))
                    if not (base.with_suffix(".py").exists() or (base / "__init__.py").exists()):
                        missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert missing == []
