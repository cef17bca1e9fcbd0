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
