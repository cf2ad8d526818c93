"""Every CLI command is documented in README.md and explains itself with --help."""
from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from mouthpiece.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def _commands(t: typer.Typer, prefix: str = "mouthpiece") -> list[str]:
    out = []
    for c in t.registered_commands:
        name = c.name or c.callback.__name__.replace("_", "-")
        out.append(f"{prefix} {name}")
    for g in t.registered_groups:
        out += _commands(g.typer_instance, f"{prefix} {g.name}")
    return out


def test_every_command_is_in_the_readme() -> None:
    missing = [c for c in _commands(app) if f"`{c}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for cmd in _commands(app):
        res = runner.invoke(app, cmd.split()[1:] + ["--help"])
        assert res.exit_code == 0, (cmd, res.output)
        assert "Usage" in res.output


def test_readme_opens_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:8])
    assert "make run" in head and "make test" in head


def test_the_first_run_section_counts_the_shipped_sources() -> None:
    """What `make run` crawls on a fresh clone, as the README says it: the shipped sources.yaml
    (it said 18 after six Telegram channels had been added)."""
    import re

    from config.sources import load_sources

    shipped = Path(__file__).resolve().parents[1] / "config" / "sources.yaml"
    sources = load_sources(shipped)
    said = re.search(r"a crawl of the (\d+) real sources in `config/sources.yaml` \((\d+) websites\s+and (\d+) "
                     r"Telegram channels\)", README)
    assert said, "the README's first-run section no longer says how many sources make run crawls"
    telegram = sum(1 for s in sources if s.kind == "telegram")
    assert tuple(map(int, said.groups())) == (len(sources), len(sources) - telegram, telegram)
