from pathlib import Path

import pytest

from chatbot.config import Settings
from chatbot.errors import ConfigError


def test_env_vars_override_defaults_and_are_coerced() -> None:
    env = {"CHATBOT_PORT": "9001", "CHATBOT_TEMPERATURE": "0.7", "CHATBOT_OMDB_DIR": "/data/omdb"}
    s = Settings.from_env(env)
    assert s.port == 9001
    assert s.temperature == pytest.approx(0.7)
    assert s.omdb_dir == Path("/data/omdb")


def test_explicit_overrides_win_over_env_and_none_is_ignored() -> None:
    s = Settings.from_env({"CHATBOT_STORE": "redis"}, store="memory", llm=None)
    assert s.store == "memory"
    assert s.llm == Settings().llm


def test_debug_flag_parses_words() -> None:
    assert Settings.from_env({"CHATBOT_DEBUG_LOG_TEXT": "yes"}).debug_log_text is True
    assert Settings.from_env({"CHATBOT_DEBUG_LOG_TEXT": "0"}).debug_log_text is False


def test_bad_values_and_unknown_settings_are_clear_errors() -> None:
    with pytest.raises(ConfigError, match="'port'.*'eighty'"):
        Settings.from_env({"CHATBOT_PORT": "eighty"})
    with pytest.raises(ConfigError, match="unknown setting 'colour'.*known settings"):
        Settings().replace(colour="red")


def test_settings_are_frozen() -> None:
    with pytest.raises(AttributeError):
        Settings().port = 1  # type: ignore[misc]


@pytest.mark.catalog  # the data `make setup` builds from, beside the working directory
def test_default_data_dirs_find_the_shared_dumps() -> None:
    s = Settings()
    assert (s.omdb_dir / "all_movies.csv").exists()
    assert (s.redial_dir / "movies_with_mentions.csv").exists()
