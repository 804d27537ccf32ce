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
