"""narrator.toml: defaults, the keys it knows, and one clear error for anything else."""

from __future__ import annotations

import pytest

from narrator.config import ReportSettings, Settings, load_settings
from narrator.errors import ConfigError


def test_no_file_means_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings() == Settings()


def test_file_in_working_folder_is_read(tmp_path, monkeypatch):
    (tmp_path / "narrator.toml").write_text('[report]\ntopic = "机器人"\n[data]\ndomestic = "cn"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.report.topic == "机器人" and settings.report.title == ReportSettings().title
    assert settings.domestic == ("CN",)  # a single string is a one-item list, upper-cased
    assert settings.path == str(tmp_path / "narrator.toml")


def test_unknown_report_key_names_the_key_and_the_known_ones(tmp_path):
    path = tmp_path / "n.toml"
    path.write_text('[report]\ntopik = "AIGC"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key 'topik' in \[report\]; keys are: .*topic"):
        load_settings(path)


@pytest.mark.parametrize("body, message", [
    ("[report\n", "not a valid TOML config file"),
    (None, "config file not found"),
])
def test_broken_or_missing_file_is_one_line(tmp_path, body, message):
    path = tmp_path / "n.toml"
    if body is not None:
        path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_settings(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_settings_are_one_typed_frozen_tree(tmp_path, monkeypatch):
    from dataclasses import FrozenInstanceError

    from narrator.config import LLMConfig
    from narrator.draft.llm import DEFAULT_PRICES, resolve_llm_settings

    path = tmp_path / "n.toml"
    path.write_text('[llm]\nconcurrency = 2\ntimeout = 5\nmodel = "qwen-plus"\n'
                    '[llm.prices]\n"my-model" = {input = 1, output = 2.5}\n'
                    '[data]\ndomestic = ["cn", "hk"]\n[fx."2016-08"]\nusd = 6\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.llm == LLMConfig(model="qwen-plus", concurrency=2, timeout=5.0, prices={"my-model": (1, 2.5)})
    assert isinstance(settings.llm.timeout, float) and isinstance(settings.fx[("2016-08", "USD")], float)
    assert settings.domestic == ("CN", "HK")
    with pytest.raises(FrozenInstanceError):
        settings.llm.concurrency = 8  # type: ignore[misc]
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "NARRATOR_MODEL", "NARRATOR_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    llm = resolve_llm_settings(settings)
    assert (llm.model, llm.concurrency, llm.timeout, llm.max_retries) == ("qwen-plus", 2, 5.0, LLMConfig.max_retries)
    assert llm.prices == DEFAULT_PRICES | {"my-model": (1, 2.5)}


@pytest.mark.parametrize("body, message", [
    ('[llm]\nconcurrency = "four"', "[llm] concurrency must be a positive integer, got 'four'"),
    ("[llm]\nconcurrency = true", "[llm] concurrency must be a positive integer, got True"),
    ("[llm]\nconcurrency = 0", "[llm] concurrency must be a positive integer, got 0"),
    ("[llm]\nmax_retries = -1", "[llm] max_retries must be an integer ≥ 0, got -1"),
    ("[llm]\ntemperature = 3", "[llm] temperature must be a number between 0 and 2, got 3"),
    ('[llm]\ntimeout = "60s"', "[llm] timeout must be a positive number, got '60s'"),
    ("[llm]\nmodel = 4", "[llm] model must be a text in quotes, got 4"),
    ("[llm]\nconcurency = 4", "unknown key 'concurency' in [llm]; keys are: base_url, cache_dir, concurrency"),
    ("[llm]\nprices = 3", "[llm] prices must be a table of model = {input = …, output = …}, got 3"),
    ('[llm.prices]\n"m" = {input = 1}', '[llm.prices] "m" must be {input = …, output = …}'),
    ('[llm.prices]\n"m" = {input = 1, output = -2}', '[llm.prices] "m" output must be a number ≥ 0'),
    ("llm = 5", "[llm] must be a table"),
    ("[report]\ntopic = 5", "[report] topic must be a text in quotes, got 5"),
    ("[data]\ndomestic = 5", "[data] domestic must be a country code or a list of codes, got 5"),
    ('[data]\ndomestc = ["CN"]', "unknown key 'domestc' in [data]; keys are: domestic"),
    ('[fx."2016-8"]\nUSD = 7', "[fx] key '2016-8' must be a month YYYY-MM"),
    ('[fx."2016-08"]\nUSD = 0', '[fx."2016-08"] USD must be a positive number, got 0'),
    ('[fx."2016-08"]\nDOLLAR = 7', "key 'DOLLAR' must be a three-letter currency code"),
])
def test_a_bad_value_is_one_line_naming_the_key_and_the_type(tmp_path, body, message):
    path = tmp_path / "n.toml"
    path.write_text(body + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value) and "\n" not in str(info.value)
    assert info.value.exit_code == 2
