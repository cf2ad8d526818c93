"""Config mistakes name the file, the line and the field."""
from __future__ import annotations

from pathlib import Path

import pytest

from alerts.rules import load_rules
from config.loader import ConfigError
from config.sources import load_sources


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_shipped_defaults_load() -> None:
    assert any(s.id == "kremlin_en" for s in load_sources())
    assert any(r.id == "by-nato-ukraine" for r in load_rules())


def test_bad_value_names_file_line_and_field(tmp_path: Path) -> None:
    p = _write(tmp_path, "sources.yaml", """sources:
  - id: x
    name: X
    kind: state_media
    country: RUS
    discovery:
      - type: feed
        url: http://x.example/feed
""")
    with pytest.raises(ConfigError) as e:
        load_sources(p)
    assert str(e.value).startswith(f"{p}:5: sources[0].country:")


def test_typo_in_a_field_name(tmp_path: Path) -> None:
    p = _write(tmp_path, "rules.yaml", """rules:
  - id: r1
    name: R
    speaker:
      countrys: [BY]
""")
    with pytest.raises(ConfigError) as e:
        load_rules(p)
    msg = str(e.value)
    assert f"{p}:5:" in msg and "rules[0].speaker.countrys" in msg


def test_missing_field_and_bad_regex(tmp_path: Path) -> None:
    p = _write(tmp_path, "rules.yaml", """rules:
  - id: r1
    regex: "(unclosed"
""")
    with pytest.raises(ConfigError) as e:
        load_rules(p)
    assert "rules[0]" in str(e.value)
    p2 = _write(tmp_path, "rules2.yaml", """rules:
  - id: r1
    name: R
    regex: "(unclosed"
""")
    with pytest.raises(ConfigError) as e2:
        load_rules(p2)
    assert f"{p2}:4: rules[0].regex:" in str(e2.value)
    assert "regular expression" in str(e2.value)


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "sources.yaml", "sources:\n  - id: x\n    name: [unclosed\n")
    with pytest.raises(ConfigError) as e:
        load_sources(p)
    assert f"{p}:" in str(e.value) and "YAML syntax" in str(e.value)


def test_unknown_channel_is_rejected(tmp_path: Path) -> None:
    p = _write(tmp_path, "rules.yaml", "rules:\n  - id: r1\n    name: R\n    channels: [emial]\n")
    with pytest.raises(ConfigError) as e:
        load_rules(p)
    assert f"{p}:4: rules[0].channels:" in str(e.value)
