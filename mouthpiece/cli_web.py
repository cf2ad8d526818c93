"""`mouthpiece web` (the analyst's web app) and `mouthpiece users ...` (who may use it)."""
from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

users_app = typer.Typer(help="Users of the web app (needed to serve it beyond this machine).",
                        no_args_is_help=True)


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _fail(msg: str, code: int = 2) -> None:
    from rich.markup import escape

    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[red]error:[/red] {escape(msg)}")
    raise typer.Exit(code)


def web(
    host: Annotated[str, typer.Option(help="address to listen on; anything but 127.0.0.1/localhost/::1 "
                                      "needs users (`mouthpiece users add`)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port (1-65535)", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web app: quotes (search, export), each quote in its article, speakers, alerts
    (silence, retry), digests and sources. Not started by `mouthpiece run`."""
    import uvicorn

    from config.settings import get_settings
    from mouthpiece.preflight import ready_storage
    from storage.db import session_scope
    from web.app import create_app
    from web.auth import is_loopback, list_users

    ready_storage()
    with session_scope() as s:
        users = len(list_users(s))
    shown = f"[{host}]" if ":" in host else host
    if not users:
        if not is_loopback(host):
            _fail(f"no users are configured, so the web app may listen on 127.0.0.1 only, not {host}: add one "
                  "first with `mouthpiece users add NAME --role admin`")
        _out().print(f"No users are configured: the web app serves this machine only ({shown}), without a login. "
                     "To serve other addresses, add users with `mouthpiece users add NAME`.")
    else:
        _out().print(f"{users} user(s) configured: every page needs a login.")
    app = create_app(get_settings())

    class Server(uvicorn.Server):
        # "serving" is said once the socket listens, not before: a Ctrl-C that comes during
        # start-up is then a clean stop, not uvicorn's "start-up failed" (exit 3)
        async def startup(self, sockets=None):  # type: ignore[no-untyped-def]
            await super().startup(sockets)
            if self.started:
                _out().print(f"Mouthpiece web serving on http://{shown}:{port}/ (Ctrl-C stops it)")
                sys.stdout.flush()

    server = Server(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                                   server_header=False))
    interrupted = False
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it caught once it has shut down
        interrupted = True
    if not server.started and not interrupted:
        # stopped before it served: by a signal (fine) or because its start-up failed (not fine)
        lifespan = getattr(server, "lifespan", None)
        if not server.should_exit or getattr(lifespan, "should_exit", False):
            _fail(f"the web app did not start on {shown}:{port} (see the lines above)", code=3)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="login name: letters, digits and . _ @ -")],
    role: Annotated[str, typer.Option(help="viewer (reads) or admin (also silences and retries)")] = "viewer",
) -> None:
    """Add a user of the web app (or set a new password and role for one). The password is asked
    for at the terminal, or read from the first line of standard input when it is not one."""
    from mouthpiece.preflight import ready_storage
    from storage.db import session_scope
    from web.auth import UserError, add_user, check_name, check_password

    try:
        check_name(name)
        if role not in ("viewer", "admin"):
            raise UserError(f"--role: {role!r} is not viewer or admin")
    except UserError as e:
        _fail(str(e))
    if sys.stdin is not None and sys.stdin.isatty():
        password = typer.prompt(f"password for {name}", hide_input=True, confirmation_prompt=True)
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        password = line.rstrip("\r\n")
        if not password:
            _fail("no password: type it at the prompt, or give it on the first line of standard input")
    try:
        check_password(password)
    except UserError as e:
        _fail(str(e))
    ready_storage()
    with session_scope() as s:
        _, created = add_user(s, name, password, role)
    _out().print(f"user {name} {'added' if created else 'updated (its sessions ended)'}, role {role}")


@users_app.command("list")
def users_list() -> None:
    """List the users of the web app and their roles."""
    from mouthpiece.preflight import ready_storage
    from storage.db import session_scope
    from web.auth import list_users

    ready_storage()
    t = Table("name", "role", "added (UTC)")
    with session_scope() as s:
        rows = list_users(s)
        for u in rows:
            t.add_row(u.name, u.role, f"{u.created_at:%Y-%m-%d %H:%M}")
    if not rows:
        _out().print("no users: `mouthpiece web` serves 127.0.0.1 only")
        return
    _out().print(t)


@users_app.command("remove")
def users_remove(name: Annotated[str, typer.Argument(help="a name from `mouthpiece users list`")]) -> None:
    """Remove a user of the web app (their sessions end at once)."""
    from mouthpiece.preflight import ready_storage
    from storage.db import session_scope
    from web.auth import remove_user

    ready_storage()
    with session_scope() as s:
        if not remove_user(s, name):
            _fail(f"no user {name!r}")
    _out().print(f"user {name} removed")
