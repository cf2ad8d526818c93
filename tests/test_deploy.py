"""The docker-compose deployment, checked without a Docker engine: every setting a user puts in
`.env` reaches the containers, the image holds what the commands need (every package, the demo's
fixture site) and lets `nobody` write its data, and one's own config/ is mounted. When
docker-compose is installed, its own `config` validates the file and resolves the variables."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support.services import REPO

COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
DOCKERFILE = (REPO / "Dockerfile").read_text()
# set by the compose file itself (its own PostgreSQL, Redis, volume and config mount), not by .env
COMPOSE_DECIDES = {"DATABASE_URL", "BROKER_URL", "MOUTHPIECE_DATA_DIR", "MOUTHPIECE_CONFIG_DIR", "POSTGRES_PASSWORD",
                   "CONFIG_DIR"}


def _env_example_names() -> set[str]:
    names = set()
    for line in (REPO / ".env.example").read_text().splitlines():
        m = re.match(r"^#?\s*([A-Z][A-Z0-9_]+)=", line)
        if m:
            names.add(m.group(1))
    return names


def _app_services() -> dict[str, dict[str, object]]:
    return {name: svc for name, svc in COMPOSE["services"].items() if svc.get("image") == "mouthpiece:latest"}


def test_every_env_example_setting_reaches_the_containers() -> None:
    names = _env_example_names()
    assert "MOUTHPIECE_GROUP_WAIT" in names
    for name, svc in _app_services().items():
        env = svc["environment"]
        assert isinstance(env, dict)
        missing = sorted(n for n in names - COMPOSE_DECIDES if n not in env)
        assert not missing, f"{name}: set in .env.example but never passed to the container: {missing}"
        for n in names - COMPOSE_DECIDES:
            assert f"${{{n}" in str(env[n]), f"{name}: {n} does not come from .env: {env[n]!r}"


def test_own_config_folder_is_mounted() -> None:
    for name, svc in _app_services().items():
        env = svc["environment"]
        assert isinstance(env, dict) and env["MOUTHPIECE_CONFIG_DIR"] == "/config", name
        volumes = [str(v) for v in svc["volumes"]]  # type: ignore[union-attr]
        assert any(v.endswith(":/config:ro") and "CONFIG_DIR" in v for v in volumes), (name, volumes)


def test_image_has_every_package_and_the_demo_site_and_nobody_owns_data() -> None:
    pyproject = (REPO / "pyproject.toml").read_text()
    include = re.search(r'include = \[([^\]]*)\]', pyproject)
    assert include is not None
    packages = [p.strip().strip('"').rstrip("*") for p in include.group(1).split(",") if p.strip()]
    copied = set(re.findall(r"^COPY (\S+) \1$", DOCKERFILE, re.M))
    assert not [p for p in packages if p not in copied], f"packages not copied into the image: {packages}"
    assert "tests/sites" in copied, "`mouthpiece demo` serves tests/sites/demo"
    assert re.search(r"PYTHONPATH=/app\b", DOCKERFILE), "the code (and tests/sites beside it) runs from /app"
    user = DOCKERFILE.index("USER nobody")
    chown = re.search(r"chown [^\n]*nobody[^\n]*/data", DOCKERFILE)
    assert chown is not None and chown.start() < user, "/data must belong to nobody, who runs everything"


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed")
def test_docker_compose_resolves_env_into_every_service(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("MOUTHPIECE_GROUP_WAIT=5\nSLACK_WEBHOOK_URL=https://hooks.example/x\nCONFIG_DIR=/srv/my-config\n")
    r = subprocess.run(["docker-compose", "--env-file", str(env), "-f", str(REPO / "docker-compose.yml"), "config"],
                       capture_output=True, text=True, timeout=60, cwd=REPO)
    assert r.returncode == 0, r.stderr
    resolved = yaml.safe_load(r.stdout)
    for name in _app_services():
        svc = resolved["services"][name]
        assert str(svc["environment"]["MOUTHPIECE_GROUP_WAIT"]) == "5", name
        assert any("/srv/my-config" in str(v) for v in svc["volumes"]), svc["volumes"]
