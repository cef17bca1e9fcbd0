"""The `pintu` command against a database of its own (committed data, not a rolled-back test)."""

import asyncio
import logging

import pytest
from sqlalchemy import text

from app import cli
from app.kit.config import get_settings
from app.kit.db import create_engine
from app.kit.security import hash_api_key


async def _key_role(url: str, secret: str) -> str | None:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            return await conn.scalar(
                text("SELECT role FROM api_keys WHERE key_hash = :h"), {"h": hash_api_key(secret)}
            )
    finally:
        await engine.dispose()


@pytest.fixture
def cli_database(scratch, monkeypatch):
    url = scratch.create("cli")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level  # `pintu` configures logging: put it back
    yield url
    root.handlers[:], root.level = handlers, level
    get_settings.cache_clear()


def test_migrate_then_create_api_key_prints_a_working_key_once(cli_database, capsys):
    assert cli.main(["migrate"]) == 0
    assert cli.main(["create-api-key", "--name", "Meja 1", "--role", "desk"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    secret = out[-1]
    assert secret.startswith("pintu_")
    assert "desk" in out[-2]
    assert asyncio.run(_key_role(cli_database, secret)) == "desk"


def test_a_client_key_is_created_for_its_channel_and_not_for_a_mirror(cli_database, capsys):
    assert cli.main(["migrate"]) == 0
    made = ["create-api-key", "--name", "Bot WhatsApp", "--role", "client"]
    assert cli.main([*made, "--channel", "whatsapp"]) == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert asyncio.run(_key_role(cli_database, secret)) == "client"
    assert cli.main([*made, "--channel", "jaki"]) == 2
    assert capsys.readouterr().err.startswith("channel_code:")
    assert cli.main(made) == 2
    # What is wrong in the API's words, without Pydantic's "Value error," before it.
    assert capsys.readouterr().err == (
        "channel_code: channel_code is required for a client key and only for one\n"
    )


def test_unknown_role_is_refused_by_the_command(cli_database, capsys):
    with pytest.raises(SystemExit):
        cli.main(["create-api-key", "--name", "x", "--role", "superuser"])
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (["--name", "  "], "name"),
        (["--name", "x", "--expires-at", "tomorrow"], "expires_at"),
        (["--name", "x" * 101], "name"),
    ],
)
def test_create_api_key_applies_the_api_rules(cli_database, capsys, extra, field):
    assert cli.main(["create-api-key", "--role", "viewer", *extra]) == 2
    assert capsys.readouterr().err.startswith(f"{field}:")


def test_unsafe_production_settings_stop_the_command_without_printing_secrets(monkeypatch, capsys):
    leaked = "cGludHUtZGV2ZWxvcG1lbnQtcGlpLWtleS0wMDAwMDE="  # the public development key
    monkeypatch.setenv("PINTU_ENV", "production")
    monkeypatch.setenv("PII_ENCRYPTION_KEY", leaked)
    get_settings.cache_clear()
    try:
        assert cli.main(["db-url"]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "configuration error" in err
    assert leaked not in err and leaked[-12:] not in err


@pytest.mark.parametrize(
    ("feed_url", "why"),
    [
        ("https://…", "not a URL"),  # the README's placeholder, copied as it is
        ("ftp://x", "not http or https"),
        ("jaki.example/feed", "not http or https"),
        ("http://", "names no host"),
        ("https://feed.example:99999/reports", "names no host"),
        ("https://feed .example/reports", "space"),
        ("https://bot:s3cr3t-t0ken@exa mple/feed", "space"),
    ],
)
def test_sync_jaki_refuses_a_feed_url_it_cannot_fetch_at_once(
    cli_database, monkeypatch, capsys, feed_url, why
):
    monkeypatch.setenv("JAKI_FEED_URL", feed_url)
    get_settings.cache_clear()

    assert cli.main(["sync-jaki", "--once"]) == 2

    captured = capsys.readouterr()
    [line] = captured.err.splitlines()  # one line: no traceback, no retries logged
    assert line.startswith("configuration error: JAKI_FEED_URL: JAKI_FEED_URL must be an http")
    assert why in line
    assert "s3cr3t" not in line and captured.out == ""


def test_sync_jaki_with_the_url_left_empty_says_it_is_not_set(cli_database, monkeypatch, capsys):
    monkeypatch.setenv("JAKI_FEED_URL", "")  # as docker-compose passes it when unset
    get_settings.cache_clear()
    assert cli.main(["sync-jaki", "--once"]) == 2
    assert capsys.readouterr().err.startswith("JAKI_FEED_URL is not set")


def test_every_pintu_command_docker_compose_runs_exists():
    import re
    from pathlib import Path

    import yaml

    compose = yaml.safe_load((Path(__file__).parent.parent / "docker-compose.yml").read_text())
    commands = cli.build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    named = set()
    for service in compose["services"].values():
        text_ = " ".join(service.get("command") or ["pintu", "serve"])
        named |= set(re.findall(r"\bpintu ([a-z-]+)", text_))
    assert named == {"migrate", "serve", "deliver-events", "sync-jaki", "escalate-overdue"}
    assert named <= set(commands)
