"""Batch extraction: many articles read in shards, extracted on a Ray cluster, reports written as Parquet.

    sitrep batch gdelt-day/ --out reports/          # local Ray on this machine's CPUs
    sitrep batch a.jsonl b.parquet --out reports/ --address ray://head:10001
    sitrep --db postgresql://... link reports/      # store and link them

Inputs are read by the driver with the same readers as ``sitrep ingest`` (JSONL, text, HTML and
feed files, folders of them) plus Parquet files with the columns of a JSONL row (``text``;
optionally ``id``, ``title``, ``url``, ``published``, ``outlet``). The articles are cut, in input
order, into shards of ``shard_size``; a shard's id is the hash of its article ids, so the same
input cuts into the same shards again. Each shard is extracted by an actor of a Ray Data actor pool
(``map_batches`` with a callable class: each actor loads the spaCy model once, in its own process;
the model never travels through the object store) running the pipeline's own ``extract_reports``,
and written to ``OUT/reports/<shard>.parquet`` atomically (a temporary file renamed), so a rerun
skips the shards already written and an interrupted run loses only the shards in flight.

On a cluster, ``OUT`` must be a folder every node sees (a shared file system), and every node needs
Sitrep installed with the ``scale`` extra.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import InputError, SitrepError
from sitrep.ingest import EXTENSIONS, Ingested, IngestOptions, read_records, read_sources
from sitrep.pipeline import PipelineOptions, extract_reports
from sitrep.records import Article, Report, article_from_dict, report_from_dict

__all__ = ["BatchOptions", "BatchSummary", "Shard", "read_shards", "run_batch", "shard_articles", "shards"]

log = logging.getLogger(__name__)

REPORTS = "reports"
_COLUMNS = ("article_id", "published", "relevant", "article", "report")


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How a batch runs."""

    shard_size: int = 200  # articles per shard (the unit of work, of output and of a rerun)
    cpus: int | None = None  # actors on a local cluster (None: every CPU of this machine)
    address: str | None = None  # an existing Ray cluster ("auto", "ray://host:10001"); None: start one here
    ray: bool = True  # False: extract the shards in this process, one after another (no Ray needed)
    batch_size: int = 8  # articles per spaCy batch inside an actor
    object_store_mb: int = 256  # the local cluster's object store (shards are small)


@dataclass(frozen=True, slots=True)
class Shard:
    id: str
    articles: tuple[Article, ...]


@dataclass(slots=True)
class BatchSummary:
    shards: int = 0  # shards in the input
    skipped: int = 0  # already written by an earlier run
    extracted: int = 0  # articles extracted now
    articles: int = 0  # articles in the input
    seconds: float = 0.0  # extraction wall time (Ray start-up included)
    errors: list[InputError] = field(default_factory=list)


# --- input -------------------------------------------------------------------------------------

def _parquet(path: Path) -> Iterator[Ingested]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises several kinds for a file that is not Parquet
        yield Ingested(str(path), error=InputError(str(path), f"not a readable Parquet file ({e})",
                                                   "give JSONL, Parquet or a folder of text/HTML files"))
        return
    if "text" not in pf.schema_arrow.names:
        yield Ingested(str(path), error=InputError(
            str(path), f"no 'text' column (columns: {', '.join(pf.schema_arrow.names[:8])})",
            "name the article text column 'text' (and optionally id, title, url, published, outlet)"))
        return
    wanted = [c for c in ("id", "title", "text", "url", "published", "outlet") if c in pf.schema_arrow.names]
    first = 1
    for part in pf.iter_batches(batch_size=2000, columns=wanted):
        rows = part.to_pylist()
        yield from read_records(rows, source=f"{path}[rows {first}-{first + len(rows) - 1}]")
        first += len(rows)


def read_inputs(inputs: Sequence[str], *, options: IngestOptions | None = None) -> Iterator[Ingested]:
    """Every article of the inputs, in order: Parquet by pyarrow, the rest as ``sitrep ingest`` reads them."""
    opts = options or IngestOptions()
    for src in inputs:
        p = Path(src)
        if p.is_dir():
            parquet = sorted(q for q in p.rglob("*.parquet") if not any(x.startswith(".") for x in q.parts))
            if any(q.suffix.lower() in EXTENSIONS for q in p.rglob("*") if q.is_file()):
                yield from read_sources([src], options=opts)
            elif not parquet:
                yield Ingested(src, error=InputError(src, "no readable files in this folder",
                                                     "give .jsonl, .parquet, .txt or .html files"))
            for q in parquet:
                yield from _parquet(q)
        elif p.suffix.lower() == ".parquet":
            yield from _parquet(p)
        else:
            yield from read_sources([src], options=opts)


def shard_id(articles: Iterable[Article]) -> str:
    return "s" + hashlib.sha256("\n".join(a.id for a in articles).encode()).hexdigest()[:16]


def shard_articles(articles: Iterable[Article], size: int) -> Iterator[Shard]:
    """Articles in order, cut into shards of ``size`` (the same text twice is kept once, as a store would)."""
    if size < 1:
        raise SitrepError(f"shard size {size}: give a shard size of at least 1")
    seen: set[str] = set()
    part: list[Article] = []
    for a in articles:
        if a.id in seen:
            continue
        seen.add(a.id)
        part.append(a)
        if len(part) == size:
            yield Shard(shard_id(part), tuple(part))
            part = []
    if part:
        yield Shard(shard_id(part), tuple(part))


# --- output ------------------------------------------------------------------------------------

def shard_path(out: Path, sid: str) -> Path:
    return out / REPORTS / f"{sid}.parquet"


def write_shard(out: Path, sid: str, articles: Sequence[Article], reports: Sequence[Report]) -> Path:
    """One shard's articles and reports as a Parquet file, written whole or not at all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    by_id = {r.article_id: r for r in reports}
    cols: dict[str, list[Any]] = {c: [] for c in _COLUMNS}
    for a in articles:
        r = by_id.get(a.id)
        cols["article_id"].append(a.id)
        cols["published"].append(a.published)
        cols["relevant"].append(None if r is None else bool(r.relevant))
        cols["article"].append(json.dumps(a.to_dict(), ensure_ascii=False))
        cols["report"].append(None if r is None else json.dumps(r.to_dict(), ensure_ascii=False))
    table = pa.table({"article_id": pa.array(cols["article_id"], pa.string()),
                      "published": pa.array(cols["published"], pa.string()),
                      "relevant": pa.array(cols["relevant"], pa.bool_()),
                      "article": pa.array(cols["article"], pa.large_string()),
                      "report": pa.array(cols["report"], pa.large_string())})
    path = shard_path(out, sid)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{sid}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return path


def read_shards(out: str | os.PathLike) -> Iterator[tuple[list[Article], list[Report]]]:
    """Each finished shard of a batch folder: its articles and the reports extracted from them."""
    import pyarrow.parquet as pq

    folder = Path(out) / REPORTS
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not files:
        raise SitrepError(f"{out}: no batch reports here (expected {folder}/*.parquet); "
                          "write them with `sitrep batch INPUT... --out DIR`")
    for f in files:
        t = pq.read_table(f, columns=["article", "report"]).to_pydict()
        arts = [article_from_dict(json.loads(a)) for a in t["article"]]
        reps = [report_from_dict(json.loads(r)) for r in t["report"] if r is not None]
        yield arts, reps


# --- extraction --------------------------------------------------------------------------------

def _extract(shard: Shard, options: BatchOptions) -> list[Report]:
    return extract_reports(list(shard.articles), options=PipelineOptions(processes=1,
                                                                         batch_size=options.batch_size))


class ShardExtractor:
    """A Ray Data actor: the spaCy model loaded once in ``__init__``; each call extracts and writes shards."""

    def __init__(self, out: str, options: BatchOptions):
        from sitrep import nlp

        self.out, self.options = Path(out), options
        nlp.load()  # in this actor's process, once

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        done: dict[str, list] = {"shard": [], "articles": [], "seconds": []}
        for sid, payload in zip(batch["shard"], batch["articles"], strict=True):
            t = time.perf_counter()
            shard = Shard(str(sid), tuple(article_from_dict(d) for d in json.loads(payload)))
            write_shard(self.out, shard.id, shard.articles, _extract(shard, self.options))
            done["shard"].append(shard.id)
            done["articles"].append(len(shard.articles))
            done["seconds"].append(time.perf_counter() - t)
        return done


def _ray_env() -> dict[str, str]:
    """The SITREP_* settings the actors need (cache folder, disabled rules...), wherever they run."""
    return {k: v for k, v in os.environ.items() if k.startswith("SITREP_")}


def _run_ray(todo: list[Shard], out: Path, options: BatchOptions, progress: Callable[[int], None]) -> None:
    try:
        import ray
        import ray.data
    except ImportError as e:
        raise SitrepError("sitrep batch needs Ray: pip install 'sitrep[scale]' (or run it with --no-ray)") \
            from e
    started = False
    if not ray.is_initialized():
        env = {"env_vars": _ray_env()}
        if options.address:
            ray.init(address=options.address, runtime_env=env, logging_level=logging.WARNING)
        else:
            ray.init(num_cpus=options.cpus or os.cpu_count() or 1, include_dashboard=False,
                     object_store_memory=options.object_store_mb * 1024 * 1024, runtime_env=env,
                     logging_level=logging.WARNING)
        started = True
    try:
        ray.data.DataContext.get_current().enable_progress_bars = False
        cpus = int(ray.cluster_resources().get("CPU", 1))
        workers = max(1, min(options.cpus or cpus, cpus, len(todo)))
        items = [{"shard": s.id,
                  "articles": json.dumps([a.to_dict() for a in s.articles], ensure_ascii=False)}
                 for s in todo]
        ds = ray.data.from_items(items, override_num_blocks=len(items))
        done = ds.map_batches(ShardExtractor, fn_constructor_kwargs={"out": str(out), "options": options},
                              batch_size=1, compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
                              batch_format="numpy")
        for row in done.iter_rows():
            progress(int(row["articles"]))
    finally:
        if started:
            ray.shutdown()


def run_batch(
    inputs: Sequence[str],
    out: str | os.PathLike,
    *,
    options: BatchOptions = BatchOptions(),
    ingest_options: IngestOptions | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Extract every article of ``inputs`` into ``out``/reports/, skipping shards already there."""
    folder = Path(out)
    summary = BatchSummary()
    articles: list[Article] = []
    for item in read_inputs(inputs, options=ingest_options):
        if item.error is not None or item.article is None:
            summary.errors.append(item.error or InputError(item.source, "unreadable"))
        else:
            articles.append(item.article)
    all_shards = list(shard_articles(articles, options.shard_size))
    summary.shards = len(all_shards)
    summary.articles = sum(len(s.articles) for s in all_shards)
    todo = [s for s in all_shards if not shard_path(folder, s.id).exists()]
    summary.skipped = len(all_shards) - len(todo)
    if not todo:
        return summary
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    tick = progress or (lambda n: None)
    if options.ray:
        _run_ray(todo, folder, options, tick)
    else:
        for s in todo:
            write_shard(folder, s.id, s.articles, _extract(s, options))
            tick(len(s.articles))
    summary.seconds = time.perf_counter() - t
    summary.extracted = sum(len(s.articles) for s in todo)
    _write_manifest(folder, all_shards, inputs)
    return summary


def _write_manifest(folder: Path, all_shards: Sequence[Shard], inputs: Sequence[str]) -> None:
    """What the folder holds: the inputs and each shard's articles (for people; reruns read the files)."""
    manifest = {"inputs": list(inputs),
                "shards": [{"id": s.id, "articles": len(s.articles)} for s in all_shards]}
    tmp = folder / ".manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(tmp, folder / "manifest.json")


def shards(out: str | os.PathLike) -> list[str]:
    """The ids of the shards written in a batch folder."""
    return sorted(p.stem for p in (Path(out) / REPORTS).glob("*.parquet"))


def store_batch(store: Any, out: str | os.PathLike, *,
                progress: Callable[[int], None] | None = None) -> list[str]:
    """Add a batch folder's articles and reports to a store (idempotent: reports replace themselves);
    the ids of the articles whose reports were stored."""
    done: list[str] = []
    for arts, reps in read_shards(out):
        store.add_articles(arts)
        if reps:
            store.save_reports(reps)
        done += [r.article_id for r in reps]
        if progress:
            progress(len(arts))
    return done
