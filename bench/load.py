"""A bounded load run against VinhDanh over HTTP (deploy/cluster.sh runs it behind nginx).

Each simulated user signs in with a demo account (``manage.py demo_data``; ``DEMO=1`` on the
servers lets them skip the second factor) and then requests, in a loop, pages its role may open
(home, people list, units, dossiers, decisions, register, audit log, public portal: those that
answer 403/404 to the role at the first visit are left out) with no think time, until the duration is over (at most 300 s, then it stops by itself). Loopback only.

Prints one JSON object: requests, errors (status ≥ 400, redirects to the login page = lost
sessions, network errors), p50/p95/p99 in ms, requests per upstream server (from nginx's
``X-Upstream`` header) and whether every user's signed-in pages were served by every upstream
(sessions valid across servers).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict

MAX_SECONDS = 300
PASSWORD = "VinhDanh@2025"  # the demo accounts' shared password (demo/scenario.py)
USERS = ["cb_thanhpho", "cb_syt", "cb_hatinh", "xem_tp", "hoidong_tp", "lanhdao_tp", "quantri"]
PAGES = [
    "/",
    "/to-chuc/ca-nhan/",
    "/to-chuc/ca-nhan/?page=2",
    "/to-chuc/don-vi/",
    "/ho-so/",
    "/quyet-dinh/",
    "/so/",
    "/nhat-ky/",
    "/cong-khai/",
    "/cong-khai/quyet-dinh/",
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener_for(jar):
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def request(opener, url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=30) as resp:  # noqa: S310 (loopback URL)
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def sign_in(base, username):
    jar = http.cookiejar.CookieJar()
    opener = opener_for(jar)
    status, _, body = request(opener, f"{base}/tai-khoan/dang-nhap/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not token:
        raise RuntimeError(f"login page: HTTP {status}")
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": PASSWORD}
    ).encode()
    status, headers, _ = request(
        opener, f"{base}/tai-khoan/dang-nhap/", data, {"Referer": f"{base}/tai-khoan/dang-nhap/"}
    )
    if status != 302 or "dang-nhap" in headers.get("Location", ""):
        raise RuntimeError(f"sign-in of {username} refused: HTTP {status}")
    return opener


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8100")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    if not args.base.startswith(("http://127.", "http://localhost")):
        raise SystemExit("loopback only")
    seconds = min(args.seconds, MAX_SECONDS)
    times: list[float] = []
    errors: Counter = Counter()
    upstreams: Counter = Counter()
    served_by: dict[int, set] = defaultdict(set)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user_loop(index):
        username = USERS[index % len(USERS)]
        try:
            opener = sign_in(args.base, username)
        except Exception as exc:  # counted, the run goes on
            with lock:
                errors[f"sign-in: {exc}"] += 1
            return
        # A user opens only the screens of their role: pages refused to it (403/404 by scope)
        # are left out of its loop, not counted as errors.
        pages = [p for p in PAGES if request(opener, args.base + p)[0] not in (403, 404)]
        i = index
        while time.monotonic() < deadline:
            path = pages[i % len(pages)]
            i += 1
            started = time.perf_counter()
            try:
                status, headers, _ = request(opener, args.base + path)
            except OSError as exc:
                with lock:
                    errors[f"network: {type(exc).__name__}"] += 1
                continue
            ms = (time.perf_counter() - started) * 1000
            with lock:
                times.append(ms)
                upstream = headers.get("X-Upstream", "?")
                upstreams[upstream] += 1
                if status >= 400:
                    errors[f"HTTP {status} {path}"] += 1
                elif status in (301, 302) and "dang-nhap" in headers.get("Location", ""):
                    errors[f"signed out {path}"] += 1
                elif not path.startswith("/cong-khai"):
                    served_by[index].add(upstream)

    threads = [threading.Thread(target=user_loop, args=(i,)) for i in range(args.users)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    times.sort()

    def pct(p):
        return round(times[min(len(times) - 1, int(len(times) * p))], 1) if times else None

    known = {u for u in upstreams if u != "?"}
    result = {
        "users": args.users,
        "seconds": round(elapsed, 1),
        "requests": len(times),
        "requests_per_second": round(len(times) / elapsed, 1) if elapsed else 0,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors.most_common(10)),
        "p50_ms": round(statistics.median(times), 1) if times else None,
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "upstreams": dict(upstreams),
        "sessions_across_servers": bool(served_by)
        and len(known) > 1
        and all(s >= known for s in served_by.values()),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
