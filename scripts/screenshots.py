"""Screenshots of the web pages of a store, for a human to look at (Debian chromium, headless).

    .venv/bin/python scripts/screenshots.py --db store.duckdb [--out screenshots/] [--incidents 3]

Starts ``sitrep serve`` on a free loopback port in a child process, opens the list, the first
incidents, one source article of each and the ingest page, and saves one PNG per page.
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", default="screenshots")
    ap.add_argument("--incidents", type=int, default=3)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--driver", default="/usr/bin/chromedriver")
    args = ap.parse_args()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    code = ("import sys; from sitrep.api import serve; "
            "serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]))")
    server = subprocess.Popen([sys.executable, "-c", code, args.db, str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    opts = webdriver.ChromeOptions()
    opts.binary_location = args.chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-dev-shm-usage"):
        opts.add_argument(a)
    drv = None
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/ingest.json", timeout=1, trust_env=False)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        drv = webdriver.Chrome(service=Service(args.driver), options=opts)

        def shot(path: str, name: str) -> None:
            drv.set_window_size(1280, 800)
            drv.get(base + path)
            height = drv.execute_script("return document.body.scrollHeight")
            drv.set_window_size(1280, min(max(int(height), 800), 6000))
            drv.save_screenshot(str(out / f"{name}.png"))
            print(out / f"{name}.png", path)

        shot("/incidents", "list")
        params = {"per_page": args.incidents}
        items = httpx.get(base + "/incidents.json", params=params, trust_env=False).json()
        for n, item in enumerate(items["items"]):
            shot(item["url"], f"incident-{n}")
            link = drv.find_elements(By.CSS_SELECTOR, "ul.source-group a")
            if link:
                shot(link[0].get_attribute("pathname"), f"incident-{n}-article")
        shot("/ingest", "ingest")
        return 0
    finally:
        if drv is not None:
            drv.quit()
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
