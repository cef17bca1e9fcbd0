"""Where webhooks may go: the URL's shape at subscription, and every address its host resolves
to, checked at subscription and again at each delivery (a name that resolved to a public
address yesterday may point inside today: DNS rebinding). A delivery connects to the address it
checked, never to a second lookup.

Refused always: link-local addresses (cloud metadata services live there: 169.254.169.254),
multicast, unspecified and reserved ones. Loopback and private addresses, and plain http, only
where the settings allow them (development); production never does.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> the addresses it resolves to (the system's resolver; tests pass their own).
Resolver = Callable[[str, int], Awaitable[list[str]]]

MAX_URL_LENGTH = 2000


class RefusedUrl(ValueError):
    """A webhook URL or address Pintu will not send to; the message says why."""


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, by the system's resolver."""
    loop = asyncio.get_running_loop()
    try:
        found = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise RefusedUrl(f"the host {host!r} does not resolve") from exc
    return [str(info[4][0]) for info in found]


async def names_not_resolved(host: str, port: int) -> list[str]:
    """Where the server looks no names up (WEBHOOK_RESOLVE_NAMES=false): receivers are named by
    address."""
    raise RefusedUrl(f"{host!r} is a name, and this server looks up none: give an address")


# Ranges Python's `is_global` lets through that lead elsewhere or nowhere: IPv4 carried in IPv6
# (compatible, translated, NAT64, 6to4, Teredo), IPv6 site-local, the shared address space of
# carrier NAT, IETF protocol assignments, benchmarking.
_NOT_RECEIVERS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "::/96",
        "::ffff:0:0:0/96",
        "64:ff9b::/96",
        "64:ff9b:1::/48",
        "2001::/32",
        "2002::/16",
        "fec0::/10",
        "100.64.0.0/10",
        "192.0.0.0/24",
        "198.18.0.0/15",
    )
)


def address_refusal(address: IPAddress, *, allow_private: bool) -> str | None:
    """Why Pintu will not send to `address`, or None if it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_link_local:
        return f"{address} is a link-local address (metadata services live there)"
    if address.is_multicast or address.is_unspecified:
        return f"{address} is not a unicast address"
    if address.is_loopback:
        return None if allow_private else f"{address} is a loopback address"
    if any(address in network for network in _NOT_RECEIVERS if network.version == address.version):
        return f"{address} is not a public unicast address"
    if address.is_global:
        return None
    if address.is_private and not address.is_reserved:
        return None if allow_private else f"{address} is a private address"
    return f"{address} is not a public unicast address"


@dataclass(frozen=True, slots=True)
class Target:
    """A checked URL: where to connect (`address`) and what to name (`url`'s host)."""

    url: httpx.URL
    address: str

    def request_url(self) -> httpx.URL:
        """The URL with the checked address as its host: no second lookup."""
        return self.url.copy_with(host=self.address)

    def extensions(self) -> dict[str, str]:
        """TLS is verified against the name, not the address."""
        return {"sni_hostname": self.url.host} if self.url.scheme == "https" else {}

    def host_header(self) -> str:
        host = f"[{self.url.host}]" if ":" in self.url.host else self.url.host
        return host if self.url.port is None else f"{host}:{self.url.port}"


def parse(url: str, *, allow_private: bool) -> httpx.URL:
    """The URL if its shape may take webhooks; RefusedUrl saying why otherwise."""
    if len(url) > MAX_URL_LENGTH:
        raise RefusedUrl(f"a webhook URL has at most {MAX_URL_LENGTH} characters")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise RefusedUrl("not a URL") from exc
    if parsed.scheme not in {"https", "http"} or not parsed.host:
        raise RefusedUrl("a webhook URL is https://host/path")
    if parsed.scheme == "http" and not allow_private:
        raise RefusedUrl("webhooks go over https")
    if parsed.userinfo:
        raise RefusedUrl("a webhook URL carries no user name or password; sign with the secret")
    if parsed.fragment:
        raise RefusedUrl("a webhook URL has no #fragment")
    return parsed


async def target(url: str, *, allow_private: bool, resolve: Resolver) -> Target:
    """The URL and the address to send to, every address its host has checked; RefusedUrl
    saying why not."""
    parsed = parse(url, allow_private=allow_private)
    host = parsed.host
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        addresses = [ipaddress.ip_address(a.split("%")[0]) for a in await resolve(host, port)]
    if not addresses:
        raise RefusedUrl(f"the host {host!r} does not resolve")
    for address in addresses:
        refusal = address_refusal(address, allow_private=allow_private)
        if refusal is not None:
            raise RefusedUrl(f"{host} resolves to {refusal}" if str(address) != host else refusal)
    return Target(parsed, str(addresses[0]))
