"""Settings refuse what would be unsafe in production."""

import base64
import os

import pytest
from pydantic import ValidationError

from app.kit.config import DEV_BLIND_INDEX_KEY, DEV_PII_ENCRYPTION_KEY, Settings


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


SAFE = {
    "pintu_env": "production",
    "database_url": "postgresql://pintu@db/pintu",
    "pii_encryption_key": _key(),
    "blind_index_key": _key(),
}


def test_production_settings_with_real_keys_load_and_log_json():
    settings = Settings(_env_file=None, **SAFE)
    assert settings.is_production
    assert settings.log_style == "json"
    assert len(settings.pii_key_bytes) == 32


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"pii_encryption_key": DEV_PII_ENCRYPTION_KEY}, "PII_ENCRYPTION_KEY is the development"),
        ({"blind_index_key": DEV_BLIND_INDEX_KEY}, "BLIND_INDEX_KEY is the development"),
        ({"blind_index_key": SAFE["pii_encryption_key"]}, "must differ"),
        ({"database_url": None}, "DATABASE_URL is required"),
        ({"admin_api_key": "short"}, "ADMIN_API_KEY must be at least 32"),
        ({"pii_encryption_key": "not base64!"}, "must be base64"),
        ({"blind_index_key": base64.b64encode(b"too short").decode()}, "32 bytes"),
        ({"log_format": "xml"}, "LOG_FORMAT"),
    ],
)
def test_unsafe_production_settings_are_refused(override, message):
    with pytest.raises(ValidationError, match=message):
        Settings(_env_file=None, **{**SAFE, **override})


def test_development_runs_with_development_keys_and_text_logs():
    settings = Settings(_env_file=None, pintu_env="development")
    assert settings.pii_encryption_key == DEV_PII_ENCRYPTION_KEY
    assert settings.log_style == "text"


def test_several_keys_newest_first_and_the_single_setting_joins_as_key_1():
    a, b, c = _key(), _key(), _key()
    settings = Settings(
        _env_file=None,
        **{**SAFE, "pii_encryption_keys": f"b:{b}, a:{a}", "pii_encryption_key": c},
    )
    assert [key_id for key_id, _ in settings.pii_keys] == ["b", "a", "1"]
    assert settings.pii_key_bytes == base64.b64decode(b)
    # Alone, the single setting is key id 1; a list without it leaves the default out.
    assert [i for i, _ in Settings(_env_file=None, **SAFE).blind_index_keyring] == ["1"]
    listed = {k: v for k, v in SAFE.items() if k != "blind_index_key"}
    settings = Settings(_env_file=None, **listed, blind_index_keys=f"b:{b}")
    assert settings.blind_index_keyring == [("b", base64.b64decode(b))]


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"pii_encryption_keys": "b"}, "PII_ENCRYPTION_KEYS: entry 1 must be id:key"),
        ({"pii_encryption_keys": "b:{b},ä:{a}"}, "PII_ENCRYPTION_KEYS: entry 2 must be id:key"),
        ({"blind_index_keys": "b:{b},b:{a}"}, "BLIND_INDEX_KEYS: key id b is given twice"),
        ({"pii_encryption_keys": "b:{short}"}, "the key of id b must decode to 32 bytes"),
        ({"pii_encryption_keys": "b:{b}!"}, "the key of id b must be base64"),
        ({"pii_encryption_keys": "b:{b},a:{b}"}, "the same key is given under two ids"),
        ({"pii_encryption_keys": "1:{b}"}, "gives key id 1 a key other than PII_ENCRYPTION_KEY"),
        ({"pii_encryption_keys": "b:{dev}"}, "PII_ENCRYPTION_KEY is the development key"),
        ({"blind_index_keys": "b:{b},old:{pii}"}, "must differ"),
    ],
)
def test_a_malformed_key_list_is_refused_naming_it_without_the_key(override, message):
    values = {
        "a": _key(),
        "b": _key(),
        "short": base64.b64encode(b"short").decode(),
        "dev": DEV_PII_ENCRYPTION_KEY,
        "pii": SAFE["pii_encryption_key"],
    }
    [(name, template)] = override.items()
    setting = template.format(**values)
    with pytest.raises(ValidationError, match=message) as refused:
        Settings(_env_file=None, **{**SAFE, name: setting})
    for value in values.values():
        if value != DEV_PII_ENCRYPTION_KEY:
            assert value not in str(refused.value)
    assert "input_value" not in str(refused.value)


@pytest.mark.parametrize(
    ("url", "taken"),
    [
        ("https://jaki.example/api/v1/reports", True),
        ("http://127.0.0.1:8081/feed", True),
        ("http://[::1]:8081/feed", True),
        ("https://…", False),
        ("ftp://x", False),
        ("file:///etc/passwd", False),
        ("https:///reports", False),
        ("https://jaki.example/a b", False),
    ],
)
def test_the_feed_url_is_checked_when_the_settings_are_read(url, taken):
    if taken:
        assert Settings(_env_file=None, jaki_feed_url=url).jaki_feed_url == url
        return
    with pytest.raises(ValidationError, match="JAKI_FEED_URL must be an http or https URL"):
        Settings(_env_file=None, jaki_feed_url=url)
