"""Who may use the web app: users with an argon2 password hash and a role, failed-login limits,
CSRF tokens. Pure logic and storage calls; the app (web/app.py) wires them to requests.

- No users at all: the app is for this machine only (the CLI binds 127.0.0.1 and the app
  refuses other clients); the person at the keyboard acts as admin.
- With users: every page needs a login; `viewer` reads, `admin` also acts (silence, retry).
"""
from __future__ import annotations

import hmac
import ipaddress
import logging
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import User

log = logging.getLogger("mouthpiece.web")
ROLES = ("viewer", "admin")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # argon2 hashes any length; a bound keeps a login request cheap

_hasher = PasswordHasher()
# verified against when the user does not exist, so a wrong name takes as long as a wrong password
_DUMMY = _hasher.hash(secrets.token_hex(16))


class UserError(ValueError):
    pass


@dataclass(frozen=True)
class Principal:
    """Who is making a request: a user, or the local operator when no users exist."""

    name: str
    role: str
    local: bool = False

    @property
    def admin(self) -> bool:
        return self.role == "admin"


LOCAL = Principal("local", "admin", local=True)


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise UserError(f"user name {name!r}: letters, digits and . _ @ - only, up to 100, starting with a "
                        "letter or digit")
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"the password is shorter than {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UserError(f"the password is longer than {MAX_PASSWORD} characters")
    return password


def add_user(session: Session, name: str, password: str, role: str = "viewer") -> tuple[User, bool]:
    """Create the user, or set a new password and role for an existing one (its sessions end).
    Returns (user, created)."""
    check_name(name)
    check_password(password)
    if role not in ROLES:
        raise UserError(f"role {role!r} is not one of {', '.join(ROLES)}")
    row = session.get(User, name)
    created = row is None
    if row is None:
        row = User(name=name, session_version=1)
        session.add(row)
    else:
        row.session_version = (row.session_version or 1) + 1
    row.password_hash, row.role = _hasher.hash(password), role
    session.flush()
    return row, created


def remove_user(session: Session, name: str) -> bool:
    row = session.get(User, name)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def verify(session: Session, name: str, password: str) -> User | None:
    """The user when name and password match, else None (in about the same time either way)."""
    row = session.get(User, name) if NAME.match(name or "") and len(password) <= MAX_PASSWORD else None
    try:
        _hasher.verify(row.password_hash if row else _DUMMY, password[:MAX_PASSWORD])
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        row.password_hash = _hasher.hash(password)
    return row


# -- failed logins --------------------------------------------------------------------------------
class LoginLimiter:
    """At most `attempts` failed logins per client address and per user name in `window`
    seconds; then that address or name waits until the oldest failure leaves the window. In
    memory, per process, bounded to `max_keys` keys (the oldest forgotten first)."""

    def __init__(self, attempts: int = 5, window: float = 900.0, max_keys: int = 10_000) -> None:
        self.attempts, self.window, self.max_keys = attempts, window, max_keys
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, client: str, name: str) -> list[str]:
        return [f"ip:{client}", f"user:{name.casefold()[:100]}"]

    def retry_after(self, client: str, name: str, now: float | None = None) -> float:
        """Seconds until a login may be tried again (0: now)."""
        now = time.monotonic() if now is None else now
        wait = 0.0
        with self._lock:
            for k in self._keys(client, name):
                q = self._fails.get(k)
                while q and now - q[0] > self.window:
                    q.popleft()
                if q is not None and len(q) >= self.attempts:
                    wait = max(wait, self.window - (now - q[0]))
        return wait

    def failed(self, client: str, name: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for k in self._keys(client, name):
                q = self._fails.setdefault(k, deque(maxlen=self.attempts))
                q.append(now)
            while len(self._fails) > self.max_keys:
                self._fails.pop(next(iter(self._fails)))

    def succeeded(self, client: str, name: str) -> None:
        with self._lock:
            self._fails.pop(f"user:{name.casefold()[:100]}", None)


# -- CSRF ---------------------------------------------------------------------------------------
def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


# -- where it may listen ------------------------------------------------------------------------
def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and "localhost"."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def secret_key(configured: str | None, data_dir: Path) -> str:
    """The key that signs session cookies: MOUTHPIECE_WEB_SECRET, else one made once and kept
    in the data folder (mode 0600), so sessions survive a restart and every web process of a
    deployment sharing the folder agrees."""
    if configured:
        return configured
    path = data_dir / "web-secret"
    try:
        key = path.read_text(encoding="ascii").strip()
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(48)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.touch(mode=0o600)
        tmp.write_text(key, encoding="ascii")
        tmp.replace(path)
    except OSError as e:  # a read-only data folder: sessions then last as long as this process
        log.warning("could not keep the session key in %s (%s): logins end when the web app stops; "
                    "set MOUTHPIECE_WEB_SECRET to keep them", path, e)
    return key
