"""`pintu pdp-export` and `pintu pdp-erase` against a database of their own (committed data)."""

import asyncio
import io
import json

import pytest

from app import cli
from app.auth.service import Principal
from app.complaints import service as complaints_service
from app.complaints.schemas import ComplaintCreate
from app.kit.db import create_engine, create_session_factory
from app.models.roles import Role
from tests.factories import walk_in_body
from tests.privacy.subject import NAME, NIK

DESK = Principal(key_id=None, name="Meja pengaduan 1", role=Role.DESK)


def _record_walk_in(url: str) -> None:
    async def main() -> None:
        engine = create_engine(url, pool_size=1)
        try:
            async with create_session_factory(engine)() as session, session.begin():
                body = ComplaintCreate.model_validate(walk_in_body())
                await complaints_service.create(session, DESK, body)
        finally:
            await engine.dispose()

    asyncio.run(main())


@pytest.mark.parametrize("command", ["pdp-export", "pdp-erase"])
@pytest.mark.parametrize(
    ("nik", "reason"),
    [
        ("31710145059", "NIK must be 16 digits"),
        ("3171019905900002", "NIK does not hold a valid date of birth"),
        ("9971014505900002", "known Indonesian province code"),
    ],
)
def test_an_invalid_nik_is_refused_clearly_without_being_echoed(capsys, command, nik, reason):
    assert cli.main([command, nik, "--yes"] if command == "pdp-erase" else [command, nik]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("nik: ") and reason in err
    assert nik not in err and nik[:6] not in err


def test_export_erase_and_export_again(command_database, capsys):
    _record_walk_in(command_database)
    _record_walk_in(command_database)

    assert cli.main(["pdp-export", NIK]) == 0
    out, err = capsys.readouterr()
    document = json.loads(out)  # stdout is the document alone
    assert [c["complainant"]["nik"] for c in document["complaints"]] == [NIK, NIK]
    assert document["complaints"][0]["complainant"]["name"] == NAME
    assert "exported 2 complaints" in err and NIK not in err

    assert cli.main(["pdp-erase", NIK, "--yes"]) == 0
    out, err = capsys.readouterr()
    assert "erased the personal data of 2 complaints" in out
    assert NIK not in out + err

    assert cli.main(["pdp-export", NIK]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["complaints"] == []
    assert document["subject"]["erased_at"] is not None

    assert cli.main(["pdp-erase", NIK, "--yes"]) == 0
    assert "erased the personal data of 0 complaints" in capsys.readouterr().out


def test_erase_asks_first_and_a_no_erases_nothing(command_database, capsys, monkeypatch):
    _record_walk_in(command_database)
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))

    assert cli.main(["pdp-erase", NIK]) == 1
    err = capsys.readouterr().err
    assert "3171********0002" in err and "nothing erased" in err

    assert cli.main(["pdp-export", NIK]) == 0
    assert len(json.loads(capsys.readouterr().out)["complaints"]) == 1


def test_export_of_a_nik_nothing_is_held_about_prints_an_empty_list(command_database, capsys):
    assert cli.main(["pdp-export", NIK]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["complaints"] == []
    assert "exported 0 complaints" in err
