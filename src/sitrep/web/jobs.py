"""Ingest jobs: store the submitted articles, then extract and link them in one background worker.

One worker thread, so the server never runs more than one spaCy pipeline at a time; the store lock is
held while the pipeline touches the store, so page reads wait rather than race it.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from sitrep.errors import SitrepError

log = logging.getLogger(__name__)

MAX_JOBS = 200  # finished jobs remembered for their status pages


@dataclass(slots=True)
class Job:
    id: str
    state: str = "queued"  # queued, reading, extracting, linking, done, error
    done: int = 0
    total: int = 0
    results: list[dict[str, Any]] = field(default_factory=list)  # one per input
    incidents: list[dict[str, Any]] = field(default_factory=list)  # incidents of the new articles
    error: dict[str, Any] | None = None  # the JSON error shape's inner object
    created: float = field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["url"] = f"/ingest/jobs/{self.id}"
        d["finished"] = self.state in ("done", "error")
        return d


Work = Callable[[Job], None]


class Jobs:
    """A bounded table of jobs and the single worker that runs them."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitrep-ingest")

    def submit(self, work: Work) -> Job:
        job = Job(uuid.uuid4().hex[:12])
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, job: Job, timeout: float) -> Job:
        end = time.monotonic() + timeout
        while job.state not in ("done", "error") and time.monotonic() < end:
            time.sleep(0.05)
        return job

    @staticmethod
    def _run(job: Job, work: Work) -> None:
        try:
            work(job)
            job.state = "done"
        except SitrepError as e:
            job.error = {"type": type(e).__name__, "message": str(e), "status": e.status}
            job.state = "error"
        except Exception as e:  # a job must end with a status page, never hang at "extracting"
            log.exception("ingest job %s failed", job.id)
            job.error = {"type": "InternalError", "message": f"{type(e).__name__}: {e}", "status": 500}
            job.state = "error"

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
