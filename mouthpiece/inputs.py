"""Reading what a user hands a command (a file, or `-` for stdin): bounded in size, decoded
with a clear error (issue 11). `mouthpiece article /dev/zero` once read 11 GB in 30 s."""
from __future__ import annotations

import codecs
import sys
from pathlib import Path


class InputError(ValueError):
    """The input cannot be read as asked: too large, not in its encoding, missing."""


def limit_bytes() -> int:
    from config.settings import get_settings

    return int(get_settings().max_input_mb * 1024 * 1024)


def read_input(path: Path, limit: int | None = None) -> bytes:
    """At most `limit` bytes (MOUTHPIECE_MAX_INPUT_MB) of the file, or of stdin for `-`;
    InputError past that, without reading further."""
    limit = limit_bytes() if limit is None else limit
    name = "stdin" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            if path.is_dir():
                raise InputError(f"{path}: is a folder")
            with path.open("rb") as f:
                data = f.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot be read: {e.strerror or e}") from None
    if len(data) > limit:
        raise InputError(f"{name}: larger than {round(limit / 1024 / 1024, 3):g} MB; not read "
                         "(MOUTHPIECE_MAX_INPUT_MB raises the limit)")
    return data


def check_encoding(name: str | None) -> str | None:
    """The codec's canonical name, or InputError for an unknown one."""
    if name is None:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"--encoding {name}: not an encoding Python knows (e.g. utf-8, cp1251, koi8-r)") from None


def decode_text(data: bytes, path: Path, encoding: str | None = None) -> str:
    """A text file's characters: in `encoding` when given, else UTF-8; anything else is an
    InputError that says where it broke and which encoding the bytes look like."""
    enc = check_encoding(encoding) or "utf-8"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        hint = ""
        if encoding is None:
            from crawlers.article import _sniff_cyrillic

            guess = _sniff_cyrillic(data)
            hint = (f"; it looks like {guess}: run again with --encoding {guess}" if guess not in ("ascii",)
                    else "; give its encoding with --encoding")
        raise InputError(f"{path}: not valid {enc} (byte 0x{data[e.start]:02x} at offset {e.start}){hint}") from None
    return text[1:] if text.startswith("\ufeff") else text
