"""Data-subject requests' `pintu` commands: pdp-export and pdp-erase (docs/privacy.md), and
rotate-keys, which puts every sealed value under the newest keys (docs/operations.md).

The NIK is never printed back, in full, in a message or a log line: what goes to standard error
names the request by its masked form only.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.config import get_settings
from app.kit.migrate import prepared_database_url
from app.personal import NikError, mask_nik, normalize_nik

T = TypeVar("T")


def _valid_nik(raw: str) -> str | None:
    try:
        return normalize_nik(raw)
    except NikError as exc:
        print(f"nik: {exc}", file=sys.stderr)
        return None


def _in_transaction(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    from app.kit.db import create_engine, create_session_factory

    url = prepared_database_url(get_settings())

    async def main() -> T:
        engine = create_engine(url, pool_size=1)
        try:
            async with create_session_factory(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(main())


def cmd_pdp_export(args: argparse.Namespace) -> int:
    from app.privacy import service

    nik = _valid_nik(args.nik)
    if nik is None:
        return 2
    exported = _in_transaction(lambda session: service.export(session, nik))
    print(exported.document.model_dump_json(indent=2))
    count = len(exported.document.complaints)
    print(f"exported {count} complaints held for NIK {mask_nik(nik)}", file=sys.stderr)
    if exported.others_sharing_contact:
        print(
            f"{exported.others_sharing_contact} other complaints share a phone number or e-mail "
            "with these but not the NIK; they are not included",
            file=sys.stderr,
        )
    return 0


def _confirmed(nik: str) -> bool:
    print(
        f"Erase the personal data held for NIK {mask_nik(nik)}? This cannot be undone. [y/N] ",
        end="",
        file=sys.stderr,
        flush=True,
    )
    try:
        answer = input()
    except EOFError:
        answer = ""
    return answer.strip().lower() in {"y", "yes", "ya"}


def cmd_pdp_erase(args: argparse.Namespace) -> int:
    from app.privacy import service

    nik = _valid_nik(args.nik)
    if nik is None:
        return 2
    if not args.yes and not _confirmed(nik):
        print("nothing erased", file=sys.stderr)
        return 1
    erasure = _in_transaction(lambda session: service.erase(session, nik))
    tombstone = (
        "its NIK is now on the erasure list"
        if erasure.first
        else f"its NIK has been on the erasure list since {erasure.erased_at.isoformat()}"
    )
    print(f"erased the personal data of {erasure.complaints} complaints; {tombstone}")
    if erasure.others_sharing_contact:
        print(
            f"{erasure.others_sharing_contact} other complaints share a phone number or e-mail "
            "with these but not the NIK; they were left as they are",
            file=sys.stderr,
        )
    return 0


def cmd_rotate_keys(args: argparse.Namespace) -> int:
    from app.kit.db import create_engine, create_session_factory
    from app.privacy import rotation

    if args.batch_size < 1:
        print("--batch-size: must be at least 1", file=sys.stderr)
        return 2
    url = prepared_database_url(get_settings())
    write = not args.check

    def report(line: str) -> None:
        print(line, flush=True)

    async def main() -> rotation.Rotation:
        engine = create_engine(url, pool_size=1)
        try:
            return await rotation.rotate_keys(
                create_session_factory(engine),
                batch_size=args.batch_size,
                write=write,
                report=report,
            )
        finally:
            await engine.dispose()

    try:
        done = asyncio.run(main())
    except rotation.RotationError as exc:
        print(f"rotate-keys: {exc}", file=sys.stderr)
        return 2
    for line in rotation.summary(done, write=write):
        print(line)
    if write:
        return 1 if done.raced else 0
    return 1 if done.rewritten else 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the data-subject request commands to `pintu`."""
    export = sub.add_parser(
        "pdp-export",
        help="print, as one JSON document, everything held about the person with this NIK "
        "(UU PDP right of access)",
    )
    export.add_argument("nik", metavar="NIK", help="the person's 16-digit NIK")
    export.set_defaults(func=cmd_pdp_export)

    erase = sub.add_parser(
        "pdp-erase",
        help="erase the personal data of the person with this NIK, keep their complaints "
        "anonymised, and keep the JAKI mirror from storing it again (UU PDP right of erasure)",
    )
    erase.add_argument("nik", metavar="NIK", help="the person's 16-digit NIK")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.set_defaults(func=cmd_pdp_erase)

    rotate = sub.add_parser(
        "rotate-keys",
        help="encrypt every sealed value again under the newest PII_ENCRYPTION_KEYS key and "
        "index it under the newest BLIND_INDEX_KEYS key, in batches (safe while the API runs; "
        "run it again to continue)",
    )
    rotate.add_argument(
        "--batch-size",
        type=int,
        default=500,
        help="rows read and written per transaction (default 500)",
    )
    rotate.add_argument(
        "--check",
        action="store_true",
        help="write nothing: count what is still under an older key (exit status 1 if any)",
    )
    rotate.set_defaults(func=cmd_rotate_keys)
