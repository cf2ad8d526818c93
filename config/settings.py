"""Environment settings: URLs and secrets come from the environment or `.env`, never YAML."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    data_dir: Path = Field(default=Path("data"), alias="MOUTHPIECE_DATA_DIR")
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    broker_url: str | None = Field(default=None, alias="BROKER_URL")
    smtp_url: str | None = Field(default=None, alias="SMTP_URL")
    smtp_from: str = Field(default="mouthpiece@localhost", alias="SMTP_FROM")
    alert_email_to: str | None = Field(default=None, alias="ALERT_EMAIL_TO")
    slack_webhook_url: str | None = Field(default=None, alias="SLACK_WEBHOOK_URL")
    apprise_urls: str | None = Field(default=None, alias="APPRISE_URLS")
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

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'mouthpiece.sqlite').resolve()}"

    def resolved_broker_url(self) -> str:
        if self.broker_url:
            return self.broker_url
        # A broker that needs no server and keeps its queue across a restart.
        return f"sqla+sqlite:///{(self.data_dir / 'broker.sqlite').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    get_settings.cache_clear()
