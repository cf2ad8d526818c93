"""Every CLI command on a data folder that is missing, fresh (empty), holds a zero-length or a
damaged (garbage bytes) database, or is read-only: it either works (creating the schema where
that is safe) or prints one line saying what is wrong and what to do, with a non-zero exit.
Never a traceback; a damaged file is left as it was; no empty database is left behind.

The commands are read from the Typer app, so a command added later is covered without
touching this file: required arguments get a value by name (SAMPLES) or by type. Each run is a
process of its own, forked from a server that imported the CLI's libraries once (seconds per
command instead of a fresh interpreter's). A command that serves until Ctrl-C (`run`,
`metrics`, `web`) is watched for a few seconds, then interrupted; it must then exit 0."""
from __future__ import annotations

import inspect
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import typing
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer

from mouthpiece.cli import app
from mouthpiece.sites import SITES_DIR
from tests.support.servers import free_port

pytestmark = pytest.mark.slow

STATES = ("missing", "fresh", "zero-length", "damaged", "read-only", "newer-schema", "database-down")
# newer-schema: a database a newer Mouthpiece (or another branch) migrated past what this one knows;
# database-down: DATABASE_URL names a PostgreSQL server nobody answers for
NEWER = "ffff_from_a_newer_version"
ONE_LINE = ("damaged", "read-only", "newer-schema", "database-down")
# Commands that serve until Ctrl-C, and what they print once they serve: they get Ctrl-C then.
SERVES = {"run": " ready.", "metrics": "metrics on http", "web": "serving on http"}
TIMEOUT = 120.0  # a command still running after this long is treated like a server (Ctrl-C); generous: 2 busy cores
GARBAGE = b"this is not a database \x00\xff" * 200
PAGE = SITES_DIR / "demo" / "news" / "lukashenko-nato-borders-1001.html"


def leaf_commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(words, command) for every command that does something (not the groups). Typer bundles
    its own click, so groups and parameters are recognised by shape, not by class."""
    for name, cmd in sorted(group.commands.items()):
        if hasattr(cmd, "commands"):
            yield from leaf_commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name), cmd


def sample_args(path: tuple[str, ...], cmd: Any) -> list[str]:
    """A minimal valid invocation: each required parameter gets a value by its name or type;
    a few commands get options that make them do their real work."""
    by_name = {"paths": str(PAGE), "source": "demo", "port": "{free port}", "revision": "head"}
    extra = {("silence", "add"): ["--speaker", "lukashenko", "--for", "1h"],
             ("health",): ["--active", "--timeout", "2"]}.get(path, [])
    args: list[str] = []
    for p in cmd.params:
        if not p.required and p.name not in ("port",):
            continue
        value = by_name.get(p.name or "")
        if value is None:  # by the annotation of the command function's parameter
            hint = typing.get_type_hints(inspect.unwrap(cmd.callback), include_extras=True).get(p.name)
            base = typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint
            text = str(base)
            value = ("1" if base in (int, float) else str(PAGE) if "Path" in text else "x")
        if p.param_type_name == "argument":
            args.append(value)
        else:
            args += [p.opts[0], value]
    return [*path, *args, *extra]


COMMANDS = [sample_args(path, cmd) for path, cmd in leaf_commands(typer.main.get_command(app))]


def _run_cli(argv: list[str], env: dict[str, str], out: str) -> None:
    """In the forked child: the real `mouthpiece` entry point, output to a file, in a folder of
    its own (whatever it writes to the current folder stays there)."""
    os.setsid()
    # Ctrl-C as in a terminal: a test run started in the background (`make test &`, a CI runner)
    # inherits SIGINT ignored, and Python keeps an ignored SIGINT ignored in every child
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.chdir(os.path.dirname(out))
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = ["mouthpiece", *argv]
    code: int = 0
    try:
        from mouthpiece.cli import main

        main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@dataclass
class Outcome:
    argv: list[str]
    state: str
    code: int | None
    output: str
    interrupted: bool
    data: Path
    seconds: float


def _prepare(state: str, data: Path) -> None:
    if state in ("missing", "database-down"):
        return
    data.mkdir(parents=True)
    if state == "newer-schema":
        con = sqlite3.connect(data / "mouthpiece.sqlite")
        con.executescript(f"CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
                          f"INSERT INTO alembic_version VALUES ('{NEWER}'); CREATE TABLE articles (id INTEGER);")
        con.close()
    if state == "zero-length":
        (data / "mouthpiece.sqlite").write_bytes(b"")
        (data / "broker.sqlite").write_bytes(b"")
    elif state in ("damaged", "read-only"):
        for name in ("mouthpiece.sqlite", "broker.sqlite"):
            (data / name).write_bytes(GARBAGE if state == "damaged" else b"")
    if state == "read-only":
        # a real database in a folder nobody may write to (root ignores modes: make it immutable)
        sqlite3.connect(data / "mouthpiece.sqlite").execute("CREATE TABLE t (x)").connection.close()
        for f in data.iterdir():
            f.chmod(0o444)
        data.chmod(0o555)
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", *map(str, data.iterdir()), str(data)], check=True)


def _unlock(data: Path) -> None:
    if data.exists():
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-R", "-i", str(data)], check=False, capture_output=True)
        data.chmod(0o755)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Outcome]:
    if os.geteuid() == 0 and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a folder read-only")
    root = tmp_path_factory.mktemp("cli-states")
    cfg = root / "config"
    cfg.mkdir()
    # one source nobody answers (connection refused at once: no internet needed)
    (cfg / "sources.yaml").write_text(f"""sources:
  - id: demo
    name: a site that is down
    kind: state_media
    country: BY
    languages: [en]
    discovery: [{{type: feed, url: "http://127.0.0.1:{free_port()}/feed.xml"}}]
    interval_minutes: 60
    allow_private: true
""")
    base_env = {k: v for k, v in os.environ.items()
                if not k.startswith("MOUTHPIECE_") and k not in ("DATABASE_URL", "BROKER_URL")}
    ctx = multiprocessing.get_context("forkserver")
    # what the commands import, once (none of these reads the settings or opens storage at import)
    ctx.set_forkserver_preload([
        "mouthpiece.cli", "mouthpiece.cli_alerts", "mouthpiece.preflight", "mouthpiece.status", "rich.table",
        "pydantic_settings", "sqlalchemy", "alembic.command", "alembic.runtime.migration", "celery.app",
        "kombu.transport.sqlalchemy", "storage.db", "storage.models", "config.leaders", "config.sources",
        "alerts.rules", "alerts.engine", "quotes", "crawlers.run"])
    jobs = []
    for state in STATES:
        for i, argv in enumerate(COMMANDS):
            work = root / f"{state}-{i}"
            work.mkdir()
            data = work / "data"
            _prepare(state, data)
            env = {**base_env, "MOUTHPIECE_DATA_DIR": str(data), "MOUTHPIECE_CONFIG_DIR": str(cfg),
                   "MOUTHPIECE_METRICS_PORT": "0", "HOME": str(work), "COLUMNS": "200"}
            if state == "database-down":
                env["DATABASE_URL"] = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/mouthpiece"
            argv = [str(free_port()) if a == "{free port}" else a for a in argv]
            jobs.append((state, argv, work, env))

    def one(job: tuple[str, list[str], Path, dict[str, str]]) -> Outcome:
        state, argv, work, env = job
        out = work / "output.txt"
        p = ctx.Process(target=_run_cli, args=(argv, env, str(out)))
        started = time.monotonic()
        p.start()
        marker = SERVES.get(argv[0])
        while p.exitcode is None and time.monotonic() - started < TIMEOUT:
            p.join(0.2)
            if marker and out.exists() and marker in out.read_text(errors="replace"):
                break
        interrupted = p.exitcode is None
        if interrupted:
            assert p.pid is not None
            os.killpg(p.pid, signal.SIGINT)  # Ctrl-C: the whole process group
            p.join(60)
            if p.exitcode is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.join(10)
        text = out.read_text(errors="replace") if out.exists() else "(no output file: the process did not start)"
        return Outcome(argv, state, p.exitcode, text, interrupted, work / "data",
                       time.monotonic() - started)

    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            results = list(pool.map(one, jobs))
    finally:
        for _state, _argv, work, _env in jobs:
            _unlock(work / "data")
    return {(o.state, " ".join(a if not a.isdigit() or len(a) < 4 else "PORT" for a in o.argv)): o
            for o in results}


def _check_files(o: Outcome, data: Path) -> list[str]:
    problems = []
    for f in data.glob("*.sqlite") if data.exists() else []:
        body = f.read_bytes()
        if o.state == "damaged" and body[:16] != b"SQLite format 3\x00":
            if body != GARBAGE:
                problems.append(f"{f.name}: the damaged file was changed")
            continue
        if body and body[:16] == b"SQLite format 3\x00":
            con = sqlite3.connect(f"file:{f}?mode=ro", uri=True)
            try:
                if not con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    problems.append(f"{f.name}: an empty database was left behind")
                elif o.state == "newer-schema" and f.name == "mouthpiece.sqlite" and con.execute(
                        "SELECT version_num FROM alembic_version").fetchall() != [(NEWER,)]:
                    problems.append(f"{f.name}: the newer database was changed")
            finally:
                con.close()
    return problems


@pytest.mark.parametrize("state", STATES)
def test_every_command_works_or_says_what_is_wrong(outcomes: dict[tuple[str, str], Outcome], state: str) -> None:
    failures = []
    for (st, cmd), o in outcomes.items():
        if st != state:
            continue
        text = o.output
        lines = [ln for ln in text.splitlines() if ln.strip()]
        why = None
        if "Traceback" in text or "unexpected error" in text:
            why = "a traceback or an unexpected error"
        elif o.code is None:
            why = "did not stop on Ctrl-C"
        elif o.interrupted and o.code != 0:
            why = f"Ctrl-C ended it with exit {o.code}"
        elif o.code != 0 and not any(ln.startswith(("error:", "config error:")) for ln in lines[-1:]):
            why = "failed without an `error:` line at the end"
        elif o.code != 0 and state in ONE_LINE and len(lines) != 1:
            why = f"said {len(lines)} lines instead of one"
        why = why or "; ".join(_check_files(o, o.data)) or None
        if why:
            failures.append(f"mouthpiece {cmd} [{state}] exit {o.code}: {why}\n    " + "\n    ".join(lines[-8:]))
    assert not failures, "\n".join(failures)
