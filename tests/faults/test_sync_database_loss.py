"""The JAKI sync when the database goes away mid-run: it waits for it with backoff and, once it
is back, carries on to the end with every report exactly once. (The feed going away is
tests/mirror/test_pull.py and test_pull_resume.py.)"""

from __future__ import annotations

import time

from app.migrate import upgrade
from tests.mirror.feed_server import FakeFeed, make_reports
from tests.mirror.test_pull_resume import read, start_sync, wait_for

DEADLINE = 120


def test_the_database_stopping_mid_run_loses_and_doubles_nothing(private_postgres):
    url = private_postgres.url
    upgrade(url)
    feed = FakeFeed(make_reports(4000), delay=0.02)
    feed.start_in_thread()
    try:
        deadline = time.monotonic() + DEADLINE
        valid = sum(1 for r in feed.reports if r["status"] != "Dibatalkan")

        job = start_sync(url, feed)
        wait_for(lambda: (read(url)["stored"] or 0) >= 800, "800 stored", deadline)
        private_postgres.stop()
        time.sleep(2.0)  # pages keep coming from the feed; none can be stored
        # The sync waits for its database rather than give up at once.
        assert job.poll() is None, job.communicate()[1]
        private_postgres.start()

        _, err = job.communicate(timeout=max(1.0, deadline - time.monotonic()))

        assert job.returncode == 0, err
        assert "database unreachable" in err
        assert "Traceback" not in err, err
        final = read(url)
        # Every report exactly once: the page in hand when the server went away was stored
        # once it came back, with its cursor, and nothing twice.
        assert final["stored"] == final["ids"] == valid
        assert final["created_events"] == valid
        assert final["offset"] == len(feed.reports)
    finally:
        feed.stop_thread()
