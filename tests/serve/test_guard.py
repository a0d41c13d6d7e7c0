"""The server's guard: Host check against the bound address and --allowed-host, the token,
static files outside the queue, a bounded queue with fast 503s, 422 bodies cut short."""
from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from readout.config import Config
from readout.errors import ConfigError
from readout.serve.app import create_app
from readout.serve.guard import Guard, allowed_hosts, bind_warning, host_of, load_static


@pytest.fixture(scope="module")
def guarded(synthetic_db):
    return create_app(synthetic_db["path"], hosts=allowed_hosts("127.0.0.1", ["readout.example"]))


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("LOCALHOST", 200), ("[::1]:8000", 200),
    ("readout.example", 200), ("readout.example:443", 200),
    ("evil.example", 400), ("evil.example:8000", 400), ("127.0.0.1.evil.example", 400), ("", 400)])
def test_guard_host_header_checked(guarded, host, status):
    res = TestClient(guarded).get("/api/overview", headers={"Host": host})
    assert res.status_code == status
    if status == 400:
        assert "not served here" in res.json()["detail"] and "--allowed-host" in res.json()["detail"]
        page = TestClient(guarded).get("/", headers={"Host": host})
        assert page.status_code == 400 and "text/plain" in page.headers["content-type"]


def test_guard_allowed_hosts_of_a_bind():
    assert allowed_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert allowed_hosts("10.1.2.3", ["Readout.Example"]) == {"10.1.2.3", "readout.example"}
    wild = allowed_hosts("0.0.0.0")
    assert {"127.0.0.1", "localhost"} <= wild and "evil.example" not in wild
    assert host_of("[::1]:8000") == "::1" and host_of("Example.org:80") == "example.org"


def test_guard_bind_warning():
    assert bind_warning("127.0.0.1", None) is None and bind_warning("localhost", None) is None
    loud = bind_warning("0.0.0.0", None)
    assert loud.startswith("WARNING") and "--token" in loud and "READOUT_TOKEN" in loud
    assert "must carry the token" in bind_warning("192.168.1.5", "t")


def test_guard_token_required_everywhere(synthetic_db):
    app = create_app(synthetic_db["path"], token="s3cret")
    client = TestClient(app)
    for path in ("/api/overview", "/", "/static/style.css", "/openapi.json"):
        assert client.get(path).status_code == 401, path
    assert client.get("/api/overview", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/overview", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    # a browser opens ?token= once; the cookie carries it from then on
    fresh = TestClient(app)
    res = fresh.get("/?token=s3cret")
    assert res.status_code == 200 and "HttpOnly" in res.headers["set-cookie"]
    assert fresh.get("/api/overview").status_code == 200
    assert TestClient(app).get("/api/overview", cookies={"readout_token": "nope"}).status_code == 401


def test_guard_static_files_from_memory(client):
    res = client.get("/static/style.css")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/css")
    assert "default-src 'self'" in res.headers["content-security-policy"]
    again = client.get("/static/style.css", headers={"If-None-Match": res.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/nope.js").status_code == 404


def test_guard_negative_query_timeout_refused(synthetic_db):
    for bad in (-1, 0, float("nan")):
        with pytest.raises(ConfigError, match="positive"):
            create_app(synthetic_db["path"], query_timeout=bad)


def test_guard_422_body_is_cut_short(client):
    big = "x" * 65_000
    res = client.get("/api/events", params={"q": big})
    assert res.status_code == 422
    assert len(res.content) < 1000
    (err,) = res.json()["detail"]
    assert err["loc"] == ["query", "q"] and err["input"].startswith("xxx") and "65,000 characters" in err["input"]
    many = client.get("/api/events?" + "&".join(f"page=x{i}" for i in range(200)) + "&page_size=" + "9" * 5000)
    assert many.status_code == 422 and len(many.content) < 5000


def run_async(make):
    """asyncio.run(make()) in a thread of its own (the browser tests leave a loop running)."""
    import threading
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("out", asyncio.run(make())))
    t.start()
    t.join(30)
    return box["out"]


async def _slow_app(scope, receive, send):
    await asyncio.sleep(0.3)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def test_guard_queue_bounded_with_fast_503():
    from importlib import resources
    static = load_static(str(resources.files("readout").joinpath("serve", "static")))
    guard = Guard(_slow_app, static=static, max_active=2, max_waiting=2, max_wait=1.0)

    async def main():
        transport = httpx.ASGITransport(app=guard)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            async def timed(path):
                t0 = time.perf_counter()
                r = await c.get(path)
                return r, time.perf_counter() - t0
            slow = [asyncio.create_task(timed("/api/x")) for _ in range(20)]
            await asyncio.sleep(0.05)
            static_res, static_s = await timed("/static/style.css")   # not behind the queue
            return await asyncio.gather(*slow), static_res, static_s

    results, static_res, static_s = run_async(main)
    ok = [s for r, s in results if r.status_code == 200]
    busy = [(r, s) for r, s in results if r.status_code == 503]
    assert len(ok) == 4 and len(busy) == 16           # 2 running, 2 waiting their turn
    assert all(r.headers["retry-after"] == "1" and "busy" in r.json()["detail"] for r, _ in busy)
    assert max(s for _, s in busy) < 0.2               # turned away at once, not after a wait
    assert static_res.status_code == 200 and static_s < 0.2
    assert guard.stats["rejected_busy"] == 16 and guard.active == 0 and guard.waiting == 0


def test_guard_wait_is_bounded():
    guard = Guard(_slow_app, max_active=1, max_waiting=10, max_wait=0.1)

    async def main():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=guard), base_url="http://t") as c:
            return await asyncio.gather(*[c.get("/api/x") for _ in range(3)])

    t0 = time.perf_counter()
    codes = sorted(r.status_code for r in run_async(main))
    assert codes == [200, 503, 503] and time.perf_counter() - t0 < 1.0


def test_guard_queue_settings_from_config(synthetic_db):
    cfg = Config().with_overrides(serve_max_active=3, serve_max_waiting=5, serve_max_wait=0.25)
    app = create_app(synthetic_db["path"], config=cfg)
    (guard,) = [m for m in app.user_middleware if m.cls is Guard]
    assert (guard.kwargs["max_active"], guard.kwargs["max_waiting"], guard.kwargs["max_wait"]) == (3, 5, 0.25)
