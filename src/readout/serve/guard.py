"""What stands in front of the app: Host check, token, static files, a bounded queue.

`Guard` is one ASGI middleware, in this order:

1. **Host**: the request's Host header (port dropped) must be one of the allowed names
   (`allowed_hosts(...)`: the bound address, loopback names when loopback is bound, and
   `--allowed-host` names), else 400. A DNS-rebinding page names its own domain.
2. **Token** (when one is set): every request carries it, as `Authorization: Bearer T`,
   the `readout_token` cookie, or `?token=T` once (which sets that cookie), else 401.
3. **Static files** are answered from memory here, before the queue and never in the
   thread pool the database queries run in.
4. **Queue**: at most `max_active` requests run at once; up to `max_waiting` more wait at
   most `max_wait` seconds for a turn; any other request gets a 503 with `Retry-After` at
   once, so a busy server says so instead of letting requests pile up.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import json
import mimetypes
import os
from pathlib import Path
from typing import Iterable
from urllib.parse import parse_qs

TOKEN_ENV = "READOUT_TOKEN"
TOKEN_COOKIE = "readout_token"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARD = ("0.0.0.0", "::", "")
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _local_addresses() -> set[str]:
    """This machine's addresses and name (what clients use when every interface is bound)."""
    import socket
    names = {socket.gethostname().lower(), socket.getfqdn().lower()}
    try:
        import psutil
        for addrs in psutil.net_if_addrs().values():
            for a in addrs:
                if a.family in (socket.AF_INET, socket.AF_INET6):
                    names.add(a.address.split("%")[0].lower())
    except Exception:   # pragma: no cover - psutil is a dependency; be safe anyway
        pass
    return names


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> set[str]:
    """Host names a request may name: the bound address (every local address and the
    machine's name for a wildcard bind), loopback names when loopback is reachable, and
    `extra` (names or addresses a proxy or a DNS name uses)."""
    bind = bind.strip("[]").lower()
    names = {bind} if bind not in WILDCARD else _local_addresses()
    if bind in WILDCARD or is_loopback(bind):
        names.update(LOOPBACK_NAMES)
    names.update(h.strip().strip("[]").lower() for h in extra if h.strip())
    names.discard("")
    return names


def bind_warning(bind: str, token: str | None) -> str | None:
    """A loud warning for a bind other clients can reach (None for loopback)."""
    if is_loopback(bind.strip("[]")):
        return None
    where = "every interface" if bind.strip("[]") in WILDCARD else bind
    lines = [f"WARNING: readout serve is listening on {where}, not only on this machine (127.0.0.1)."]
    if token:
        lines.append("Every request must carry the token (Authorization: Bearer …, or open "
                     "/?token=… once in a browser).")
    else:
        lines.append("Anyone who can reach this address can read the whole store. Set a token "
                     f"(--token, or ${TOKEN_ENV}) that every request must then carry.")
    lines.append("Only requests whose Host header names this server are answered; add the names "
                 "clients use with --allowed-host.")
    return "\n".join(lines)


def host_of(header: str) -> str:
    """The host part of a Host header, lower-cased (`[::1]:8000` → `::1`)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    if header.count(":") == 1:
        return header.split(":", 1)[0]
    return header


def load_static(folder: str | os.PathLike) -> dict[str, tuple[bytes, bytes, bytes]]:
    """`/static/<name>` → (body, content type, ETag) for every file in the folder."""
    out = {}
    root = Path(folder)
    for path in sorted(root.rglob("*")):
        if path.is_file():
            body = path.read_bytes()
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
                kind += "; charset=utf-8"
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            out["/static/" + path.relative_to(root).as_posix()] = (body, kind.encode(), etag.encode())
    return out


class Guard:
    def __init__(self, app, *, hosts: set[str] | None = None, token: str | None = None,
                 static: dict | None = None, max_active: int = 8, max_waiting: int = 32,
                 max_wait: float = 0.5, csp: str = ""):
        self.app = app
        self.hosts = hosts
        self.token = token.encode() if token else None
        self.static = static or {}
        self.max_active, self.max_waiting, self.max_wait = max(1, max_active), max(0, max_waiting), max_wait
        self.csp = csp.encode()
        self.active = 0
        self.waiting = 0
        self._turn: asyncio.Semaphore | None = None
        self.stats = {"rejected_busy": 0, "rejected_host": 0, "rejected_token": 0}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        path = scope.get("path", "")
        if self.hosts is not None:
            host = host_of(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.hosts:
                self.stats["rejected_host"] += 1
                return await self._reply(send, path, 400, f"Host {host[:100]!r} is not served here "
                                                          "(readout serve --allowed-host adds names)")
        set_cookie = None
        if self.token is not None:
            ok, set_cookie = self._token_ok(scope, headers)
            if not ok:
                self.stats["rejected_token"] += 1
                return await self._reply(send, path, 401, "this server needs its token: "
                                         "Authorization: Bearer TOKEN, or open /?token=TOKEN once",
                                         extra=[(b"www-authenticate", b"Bearer")])
        if set_cookie is not None:
            send = self._with_cookie(send, set_cookie)
        if path.startswith("/static/") and scope.get("method") in ("GET", "HEAD"):
            return await self._static(scope, headers, send, path)
        if self._turn is None:
            self._turn = asyncio.Semaphore(self.max_active)
        if self._turn.locked():
            if self.waiting >= self.max_waiting:
                return await self._busy(send, path)
            self.waiting += 1
            try:
                await asyncio.wait_for(self._turn.acquire(), self.max_wait)
            except (asyncio.TimeoutError, TimeoutError):
                return await self._busy(send, path)
            finally:
                self.waiting -= 1
        else:
            await self._turn.acquire()
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1
            self._turn.release()

    def _token_ok(self, scope, headers) -> tuple[bool, bytes | None]:
        auth = headers.get(b"authorization", b"")
        if auth[:7].lower() == b"bearer " and hmac.compare_digest(auth[7:].strip(), self.token):
            return True, None
        for part in headers.get(b"cookie", b"").split(b";"):
            name, _, value = part.strip().partition(b"=")
            if name == TOKEN_COOKIE.encode() and hmac.compare_digest(value, self.token):
                return True, None
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        if given and hmac.compare_digest(given[-1].encode("latin-1"), self.token):
            return True, self.token
        return False, None

    def _with_cookie(self, send, token: bytes):
        cookie = (TOKEN_COOKIE.encode() + b"=" + token + b"; Path=/; HttpOnly; SameSite=Strict")

        async def wrapped(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + [(b"set-cookie", cookie)]}
            await send(message)
        return wrapped

    async def _busy(self, send, path: str):
        self.stats["rejected_busy"] += 1
        await self._reply(send, path, 503, "the server is busy: try again in a second",
                          extra=[(b"retry-after", b"1")])

    async def _reply(self, send, path: str, status: int, message: str, extra=()):
        if path.startswith("/api/") or path == "/openapi.json":
            body, kind = json.dumps({"detail": message}).encode(), b"application/json"
        else:
            body, kind = (message + "\n").encode(), b"text/plain; charset=utf-8"
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                                *SECURITY_HEADERS, *extra]})
        await send({"type": "http.response.body", "body": body})

    async def _static(self, scope, headers, send, path: str):
        found = self.static.get(path)
        if found is None:
            return await self._reply(send, path, 404, "Not Found")
        body, kind, etag = found
        status = 304 if headers.get(b"if-none-match") == etag else 200
        size = len(body) if status == 200 else 0
        out = b"" if status == 304 or scope.get("method") == "HEAD" else body
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", kind), (b"content-length", str(size).encode()),
                                (b"etag", etag), (b"cache-control", b"no-cache"),
                                (b"content-security-policy", self.csp), *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": out})
