"""Bounded load test of ``sitrep serve`` on loopback: list and detail pages, p50/p99 latency.

    .venv/bin/python scripts/load_test.py --db store.duckdb                  # an existing store
    .venv/bin/python scripts/load_test.py --synthetic 2000                   # 2000 made-up incidents
    .venv/bin/python scripts/load_test.py --db store.duckdb --requests 2000 --concurrency 20
    .venv/bin/python scripts/load_test.py --db store.duckdb --copy-to postgresql://...  # on Postgres

The server runs in a child process (so the client does not share its interpreter) on a free
loopback port; nothing leaves the machine. Exits non-zero when the detail p99 misses --target-ms.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def synthetic_store(path: str, n: int, seed: int = 7) -> None:
    """A store of ``n`` made-up incidents, each with 1-4 articles and a few claims."""
    from sitrep.records import Article, EventType, Figure, Incident, Place, Reconciled, Source
    from sitrep.store import open_store

    rnd = random.Random(seed)
    types = ["armed assault", "bombing", "protest", "riot", "shooting"]
    cities = [("Springfield", "Utopia", 10.0, 20.0), ("Rivertown", "Arcadia", -5.0, 30.0),
              ("Lakeside", "Utopia", 45.0, -93.0), ("Hillview", "Erewhon", 34.0, -118.0)]
    store = open_store(path)
    arts, incs = [], []
    for i in range(n):
        city, country, lat, lon = rnd.choice(cities)
        killed = rnd.randint(0, 40)
        day = f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        sources, claims = [], []
        for k in range(rnd.randint(1, 4)):
            body = (f"Incident {i} report {k}\n\nAt least {killed} people were killed in {city} on Monday, "
                    f"police said. " + "Witnesses described the scene. " * rnd.randint(5, 40))
            art = Article.from_text(body, title=f"Incident {i} in {city}, report {k}", outlet=f"Outlet {k}",
                                    published=day)
            arts.append(art)
            words = f"At least {killed} people were killed"
            start = body.index(words)
            claims.append(Figure("killed", killed, killed, words, start, start + len(words),
                                 sentence=f"{words} in {city} on Monday, police said.", attribution="police",
                                 attribution_kind="authority", article_id=art.id, published=day))
            sources.append(Source(art.id, "independent" if k == 0 else rnd.choice(["copy-of", "rewrite-of"]),
                                  None if k == 0 else sources[0].article_id, 0.9))
        incs.append(Incident(
            id=f"syn{i:06d}", type=EventType(label=rnd.choice(types)), date=day, date_precision="day",
            place=Place(text=city, city=city, country=country, lat=lat + rnd.random(), lon=lon + rnd.random(),
                        precision="city"),
            figures={"killed": Reconciled("killed", killed, killed, killed, claims=claims)},
            sources=sources, title=f"Incident {i} in {city}"))
    store.add_articles(arts)
    store.save_incidents(incs)
    store.close()


def copy_store(src: str, dst: str) -> None:
    """Every article, report and incident of one store into an empty one (DuckDB to Postgres, say)."""
    from sitrep.store import open_store

    with open_store(src, read_only=True) as a, open_store(dst) as b:
        b.add_articles(a.articles())
        b.save_reports(a.reports())
        b.save_incidents(a.incidents(main_only=False, limit=None))


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux), to tell server cost from client and machine load."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


async def run_raw(port: int, paths: list[str], concurrency: int) -> tuple[list[float], int]:
    """A minimal keep-alive HTTP/1.1 client: on a small shared machine httpx's own CPU per request
    (several ms) would dominate the latencies measured; this one costs a fraction of that."""
    todo = list(reversed(paths))
    times: list[float] = []
    errors = 0

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while todo:
                path = todo.pop()
                t = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), None)
                if length is None:
                    raise RuntimeError(f"{path}: no Content-Length")
                await reader.readexactly(length)
                times.append((time.perf_counter() - t) * 1000)
                if status != 200:
                    errors += 1
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return times, errors


async def run(base: str, paths: list[str], concurrency: int) -> tuple[list[float], int]:
    sem = asyncio.Semaphore(concurrency)
    times: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0, trust_env=False) as client:
        async def one(path: str) -> None:
            nonlocal errors
            async with sem:
                t = time.perf_counter()
                r = await client.get(path, headers={"accept": "text/html"})
                await r.aread()
                times.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    errors += 1
        await asyncio.gather(*(one(p) for p in paths))
    return times, errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--db", help="an existing store (DuckDB file)")
    src.add_argument("--synthetic", type=int, metavar="N", help="build a made-up store of N incidents")
    ap.add_argument("--copy-to", metavar="URL", help="copy the store into this (empty) one, e.g. a "
                    "postgresql:// URL, and serve that")
    ap.add_argument("--requests", type=int, default=2000, help="requests per page kind (bounded, max 20000)")
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw",
                    help="raw: a minimal keep-alive client (default); httpx: httpx.AsyncClient")
    ap.add_argument("--target-ms", type=float, default=200.0, help="detail p99 target")
    args = ap.parse_args()
    n = min(max(args.requests, 1), 20_000)
    tmp = tempfile.TemporaryDirectory()
    db = args.db
    if args.synthetic:
        db = str(Path(tmp.name) / "synthetic.duckdb")
        t = time.perf_counter()
        synthetic_store(db, args.synthetic)
        print(f"built a synthetic store of {args.synthetic} incidents in {time.perf_counter() - t:.1f}s")
    if args.copy_to:
        t = time.perf_counter()
        copy_store(db, args.copy_to)
        print(f"copied {db} into {args.copy_to.split('@')[-1]} in {time.perf_counter() - t:.1f}s")
        db = args.copy_to
    from sitrep.store import open_store

    with open_store(db, read_only=True) as store:
        ids = [i.id for i in store.incidents(limit=None)]
    total = len(ids)
    if not ids:
        print("the store has no incidents", file=sys.stderr)
        return 2
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-c", "import sys; from sitrep.api import serve; "
                               "serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]))", db, str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/ingest.json", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            print("the server did not start", file=sys.stderr)
            return 2
        rnd = random.Random(1)
        pages = max(1, total // 25)
        kinds = {
            "list": [f"/incidents?page={rnd.randint(1, min(pages, 40))}" for _ in range(n)],
            "detail": [f"/incidents/{rnd.choice(ids)}" for _ in range(n)],
        }
        print(f"store: {db} ({total} listed incidents); {n} requests per kind, "
              f"{args.concurrency} concurrent, {args.client} client; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        ok = True

        def go(paths: list[str]) -> tuple[list[float], int]:
            if args.client == "raw":
                return asyncio.run(run_raw(port, paths, args.concurrency))
            return asyncio.run(run(base, paths, args.concurrency))

        for kind, paths in kinds.items():
            go(paths[:50])  # warm up
            t, cpu0 = time.perf_counter(), cpu_seconds(server.pid)
            times, errors = go(paths)
            wall, cpu1 = time.perf_counter() - t, cpu_seconds(server.pid)
            cpu = "" if cpu0 is None or cpu1 is None else f" server_cpu={(cpu1 - cpu0) / n * 1000:.1f} ms/req"
            p50, p99 = statistics.median(times), percentile(times, 99)
            print(f"{kind:6s}: n={len(times)} errors={errors} p50={p50:.1f} ms "
                  f"p95={percentile(times, 95):.1f} ms p99={p99:.1f} ms max={max(times):.1f} ms "
                  f"throughput={len(times) / wall:.0f} req/s{cpu}")
            if kind == "detail" and p99 > args.target_ms:
                ok = False
            ok = ok and errors == 0
        print("target met" if ok else f"target missed (detail p99 <= {args.target_ms} ms, no errors)")
        return 0 if ok else 1
    finally:
        server.terminate()
        server.wait(10)
        tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
