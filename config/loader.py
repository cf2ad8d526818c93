"""Load YAML into pydantic models; errors say file, line and field.

PyYAML's composer keeps the position of every node, so we walk the node tree
alongside pydantic's error location to point at the exact line of a bad field.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from config import DEFAULT_DIR

M = TypeVar("M", bound=BaseModel)


class ConfigError(ValueError):
    """A configuration mistake, with where it is."""

    def __init__(self, path: str | os.PathLike[str], line: int | None, field: str, message: str):
        self.path, self.line, self.field, self.message = str(path), line, field, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


def time_zone(name: str) -> str:
    """Validate an IANA time zone name (for pydantic validators)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Europe/Minsk)") from None
    return name


def config_dir() -> Path:
    from config.settings import get_settings

    return get_settings().config_dir or DEFAULT_DIR


def config_path(name: str) -> Path:
    """The file `name` from the deployment's config dir, else the shipped default."""
    own = config_dir() / name
    return own if own.exists() else DEFAULT_DIR / name


def _node_at(node: yaml.Node | None, loc: tuple[int | str, ...]) -> yaml.Node | None:
    """The deepest YAML node that the pydantic error location reaches."""
    best = node
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if str(k.value) == str(part):
                    nxt = v
                    break
            if nxt is None:
                return best
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return best
            node = node.value[part]
        else:
            return best
        best = node
    return best


def _key_line(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Line of the key named by the last part of loc (for extra/missing fields)."""
    parent = _node_at(node, loc[:-1]) if loc else node
    if isinstance(parent, yaml.MappingNode):
        for k, _v in parent.value:
            if str(k.value) == str(loc[-1]):
                return int(k.start_mark.line) + 1
    return int(parent.start_mark.line) + 1 if parent is not None else None


def _field_name(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_yaml(path: Path, text: str | None = None) -> tuple[Any, yaml.Node | None]:
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(path, None, "", "file not found") from None
        except UnicodeDecodeError as e:
            raise ConfigError(path, None, "", f"not UTF-8 ({e.reason})") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: much faster
    try:
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise ConfigError(path, mark.line + 1 if mark else None, "", f"YAML syntax: {e.problem}") from None
    return data, node


def validate(model: type[M], data: Any, path: Path, node: yaml.Node | None) -> M:
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as e:
        err = e.errors()[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        if err["type"] in ("missing", "extra_forbidden"):
            line = _key_line(node, loc) if err["type"] == "extra_forbidden" else _key_line(node, loc[:-1] + ("",))
            if err["type"] == "missing":
                target = _node_at(node, loc[:-1])
                line = target.start_mark.line + 1 if target is not None else None
        else:
            target = _node_at(node, loc)
            line = target.start_mark.line + 1 if target is not None else None
        more = f" (and {len(e.errors()) - 1} more)" if len(e.errors()) > 1 else ""
        raise ConfigError(path, line, _field_name(loc), err["msg"] + more) from None


_CACHE: dict[tuple[str, str], tuple[tuple[int, int], BaseModel]] = {}


def clear_cache() -> None:
    """Forget every loaded file (for code that rewrites config files and reads them at once)."""
    _CACHE.clear()


def load_yaml(path: str | os.PathLike[str], model: type[M]) -> M:
    """Parse `path` and validate it as `model`, raising ConfigError with file:line: field.

    Every task reads the configuration, so the validated result is kept until the file
    changes (size or modification time): an edit takes effect without a restart, and an
    unchanged file is not parsed again. Callers must not mutate what they get."""
    p = Path(path)
    try:
        st = p.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    key = (str(p.resolve()) if stamp else str(p), f"{model.__module__}.{model.__qualname__}")
    hit = _CACHE.get(key)
    if stamp is not None and hit is not None and hit[0] == stamp:
        return hit[1]  # type: ignore[return-value]
    data, node = parse_yaml(p)
    result = validate(model, data, p, node)
    if stamp is not None:
        _CACHE[key] = (stamp, result)
    return result
