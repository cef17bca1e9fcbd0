"""The events' `pintu` command: deliver-events."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from app.kit.config import get_settings
from app.kit.migrate import prepared_database_url

logger = logging.getLogger("pintu.cli")


def cmd_deliver_events(args: argparse.Namespace) -> int:
    from app.events.delivery import Deliverer, http_client
    from app.kit.db import create_engine, create_session_factory

    settings = get_settings()
    url = prepared_database_url(settings)

    async def main() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        engine = create_engine(url, pool_size=settings.webhook_concurrency + 1)
        try:
            async with http_client(settings) as http:
                deliverer = Deliverer(create_session_factory(engine), http, settings)
                if args.once:
                    made = await deliverer.run_once()
                    print(f"made {made} delivery attempts")
                    return 0
                logger.info(
                    "delivering events (%d at a time; Ctrl-C or SIGTERM stops)",
                    settings.webhook_concurrency,
                )
                await deliverer.run(stop)
        finally:
            await engine.dispose()
        print("stopped")
        return 0

    return asyncio.run(main())


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the events' command to `pintu`."""
    deliver = sub.add_parser(
        "deliver-events",
        help="deliver events to webhook subscriptions until stopped (safe to run several)",
    )
    deliver.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
    deliver.set_defaults(func=cmd_deliver_events)
