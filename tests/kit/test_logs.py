"""Request logging: one line per request with its id, as JSON when asked."""

import json
import logging

from app.kit.logs import JsonFormatter


async def test_one_access_line_per_request_with_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="pintu.access")
    response = await client.get("/v1/regions/31.71", headers={"X-Request-ID": "desk-42"})
    lines = [r for r in caplog.records if r.name == "pintu.access"]
    assert len(lines) == 1
    record = lines[0]
    assert response.headers["x-request-id"] == "desk-42"
    assert (record.request_id, record.method, record.path, record.status) == (
        "desk-42",
        "GET",
        "/v1/regions/31.71",
        200,
    )
    assert record.duration_ms >= 0


def test_json_formatter_writes_one_object_with_the_extra_fields():
    record = logging.LogRecord("pintu.access", logging.INFO, __file__, 1, "GET %s", ("/x",), None)
    record.request_id = "abc"
    record.status = 200
    line = JsonFormatter().format(record)
    payload = json.loads(line)
    assert payload["message"] == "GET /x"
    assert (payload["request_id"], payload["status"], payload["level"]) == ("abc", 200, "INFO")
    assert "\n" not in line
