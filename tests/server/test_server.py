"""`pintu serve` as a client on the wire meets it: request headers are bounded in time.

A real server (uvicorn with Pintu's protocol) on a database of its own, talked to over a raw
socket, since only a socket can send a request a byte at a time.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from tests.faults.conftest import Served, serving

HEADER_TIMEOUT = 1.0
REQUEST = b"GET /healthz HTTP/1.1\r\nHost: pintu.test\r\n\r\n"


@pytest.fixture(scope="module")
def server(scratch) -> Iterator[Served]:
    with serving(scratch.create("served"), HEADER_TIMEOUT=str(HEADER_TIMEOUT)) as served:
        yield served


def _connect(served: Served) -> socket.socket:
    address = urlparse(served.base_url)
    sock = socket.create_connection((address.hostname, address.port), timeout=10)
    sock.settimeout(10)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def _read_response(sock: socket.socket) -> bytes:
    """One response whose body is JSON with a Content-Length (what /healthz answers)."""
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, body = received.split(b"\r\n\r\n", 1)
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head


def _assert_timed_out(received: bytes) -> None:
    head, body = received.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 408 ")
    assert b"content-type: application/problem+json" in head.lower()
    assert json.loads(body)["status"] == 408


def test_headers_sent_a_byte_at_a_time_are_cut_off(server: Served) -> None:
    with _connect(server) as sock:
        started = time.monotonic()
        try:
            for byte in REQUEST:
                sock.sendall(bytes([byte]))
                time.sleep(0.25)
        except OSError:
            pass  # the server closed the connection while the client still trickled
        received = _read_until_closed(sock)
        elapsed = time.monotonic() - started

    _assert_timed_out(received)
    assert elapsed < HEADER_TIMEOUT + 2


def test_a_connection_that_sends_nothing_is_closed(server: Served) -> None:
    with _connect(server) as sock:
        started = time.monotonic()
        received = _read_until_closed(sock)

    _assert_timed_out(received)
    assert time.monotonic() - started < HEADER_TIMEOUT + 2


def test_headers_that_arrive_in_time_are_answered_even_in_pieces(server: Served) -> None:
    with _connect(server) as sock:
        middle = len(REQUEST) // 2
        sock.sendall(REQUEST[:middle])
        time.sleep(HEADER_TIMEOUT / 2)
        sock.sendall(REQUEST[middle:])
        assert _read_response(sock).startswith(b"HTTP/1.1 200 ")

        # The next request on the kept-alive connection has the same time, from its first byte.
        time.sleep(HEADER_TIMEOUT * 0.7)  # idle, within the keep-alive time: not counted
        sock.sendall(REQUEST[:middle])
        time.sleep(HEADER_TIMEOUT / 2)
        sock.sendall(REQUEST[middle:])
        assert _read_response(sock).startswith(b"HTTP/1.1 200 ")

        sock.sendall(REQUEST[:middle])  # and a slow one on it is cut off
        _assert_timed_out(_read_until_closed(sock))
