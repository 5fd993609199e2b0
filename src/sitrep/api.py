"""``sitrep serve``: the web pages, their JSON twins and the REST API, in one FastAPI app.

Every page (``/incidents``, ``/incidents/{id}``, ``/articles/{id}``, ``/ingest``...) is rendered from
a view dict (``sitrep.web.views``) that its ``.json`` twin returns unchanged. The REST API lives under
``/api/v1`` and is described at ``/openapi.json``. Every error, ours or the framework's, answers one
JSON shape: ``{"error": {"type": ..., "message": ..., "status": ...}}`` (an HTML page for browsers).
Write endpoints need ``Authorization: Bearer <token>``; with no token configured they are refused.
"""
from __future__ import annotations

import dataclasses
import hmac
import ipaddress
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from sitrep import timeline
from sitrep._version import __version__
from sitrep.errors import SitrepError
from sitrep.web import views
from sitrep.web.basemap import map_svg
from sitrep.web.chart import chart_svg
from sitrep.web.http import BodyLimit, SecurityHeaders, error_body, openapi_with_errors, status_type
from sitrep.web.jobs import Job, Jobs
from sitrep.web.snapshot import Reads

log = logging.getLogger(__name__)

API = "/api/v1"
TOKEN_HELP = "start `sitrep serve` with --token <secret> or set SITREP_TOKEN"


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(API) or path.endswith(".json") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


# --- request models ----------------------------------------------------------------------------

class ArticleIn(BaseModel):
    """An article to ingest: its text, or a URL to fetch (through the SSRF guard)."""

    text: str | None = Field(None, description="The article's text (title on the first line is fine).")
    url: str | None = Field(None, description="An http(s) URL to fetch instead of text.")
    title: str | None = None
    published: str | None = Field(None, description="Publication date, ISO (YYYY-MM-DD).")
    outlet: str | None = None


async def _filters(
    since: Annotated[str | None, Query(description="Earliest date, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="Latest date, YYYY-MM-DD")] = None,
    type: Annotated[str | None, Query(max_length=100, description="Event type label")] = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    min_killed: Annotated[str | None, Query(description="Minimum best killed figure")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text search")] = None,
) -> views.Filters:
    # Async: no thread hop for a check this small. Plain strings, so that a browser form's empty
    # fields mean "no filter" rather than a 422.
    problems = []
    for name, value in (("since", since), ("until", until)):
        if value and not _iso_date(value):
            problems.append({"loc": ("query", name), "msg": "must be a date YYYY-MM-DD",
                             "type": "value_error"})
    killed = None
    if min_killed:
        if not min_killed.isdigit():
            problems.append({"loc": ("query", "min_killed"), "msg": "must be a whole number >= 0",
                             "type": "value_error"})
        else:
            killed = int(min_killed)
    if problems:
        raise RequestValidationError(problems)
    return views.Filters(since or None, until or None, type or None, country or None, killed, q or None)


def _iso_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
        return True
    except ValueError:
        return False


Filters = Annotated[views.Filters, Depends(_filters)]
Page = Annotated[int, Query(ge=1, le=100_000)]
PerPage = Annotated[int, Query(ge=1, le=200)]
# bounded: a SQL OFFSET is a 64-bit integer (schemathesis sent 3e28, a 500 before this bound)
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]


# --- the app -----------------------------------------------------------------------------------

def create_app(
    store_path: str,
    *,
    token: str | None = None,
    max_body: int = 1_000_000,
    store: Any = None,
    pipeline_factory: Callable[[Any], Any] | None = None,
    allow_private: bool = False,
) -> FastAPI:
    """The app over the store at ``store_path`` (or an open ``store``, for tests)."""
    if store is None:
        from sitrep.store import open_store

        store = open_store(store_path)
    if pipeline_factory is None:
        from sitrep.pipeline import Pipeline

        pipeline_factory = Pipeline
    lock = threading.RLock()  # one store connection, shared by the request threads and the ingest worker
    reads = Reads(store, lock)

    def read_sync(fn: Callable[[Any], Any]) -> Any:
        src = reads.current()
        if not reads.direct or getattr(store, "concurrent", False):  # a pooled store needs no lock
            return fn(src)
        with lock:
            return fn(src)

    async def read(fn: Callable[[Any], Any]) -> Any:
        """``fn`` over the snapshot, in the event loop when it is current (sub-millisecond: no thread hop);
        else in a worker thread, which rebuilds it or reads the store itself under the lock."""
        snap = reads.fresh()
        if snap is not None:
            return fn(snap)
        return await run_in_threadpool(read_sync, fn)
    jobs = Jobs()
    web = resources.files("sitrep.web")
    env = Environment(loader=FileSystemLoader(str(web / "templates")),
                      autoescape=select_autoescape(["html", "xml"], default=True))
    env.filters["pager"] = _pager
    env.filters["web_url"] = _web_url
    templates = Jinja2Templates(env=env)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    app = FastAPI(title="Sitrep", version=_version(), docs_url=None, redoc_url=None,  # their UIs load a CDN
                  lifespan=lifespan,
                  description="Sourced incident records from news reports. Errors: "
                              '`{"error": {"type", "message", "status"}}`.')
    app.state.store, app.state.jobs, app.state.lock = store, jobs, lock
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    app.add_middleware(BodyLimit, max_body=max_body)

    app.add_middleware(SecurityHeaders)

    def error(request: Request, type_: str, message: str, status: int,
              headers: dict | None = None) -> Response:
        if _wants_html(request):
            return templates.TemplateResponse(request, "error.html", {"type": type_, "message": message,
                                              "status": status}, status_code=status, headers=headers)
        return JSONResponse(error_body(type_, message, status), status_code=status, headers=headers)

    @app.exception_handler(SitrepError)
    async def on_sitrep(request: Request, exc: SitrepError) -> Response:
        return error(request, type(exc).__name__, str(exc), exc.status)

    @app.exception_handler(HTTPException)
    async def on_http(request: Request, exc: HTTPException) -> Response:
        msg = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"no such page: {request.url.path}"
        return error(request, status_type(exc.status_code), msg, exc.status_code,
                     getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path"))
            parts.append(f"{loc}: {e.get('msg')}" if loc else str(e.get("msg")))
        return error(request, "ValidationError", "; ".join(parts) or "invalid request", 422)

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error(request, "InternalError", "internal error; see the server log", 500)

    def page_(request: Request, template: str, data: dict[str, Any], **extra: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, template, {"d": data, **extra})

    def check_token(authorization: str | None, form_token: str | None = None) -> None:
        if not token:
            raise HTTPException(403, f"writes are disabled on this server: {TOKEN_HELP}")
        given = form_token or ""
        if authorization and authorization.lower().startswith("bearer "):
            given = authorization[7:].strip()
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "missing or wrong token: send Authorization: Bearer <token>",
                                headers={"WWW-Authenticate": "Bearer"})

    def submit(item: ArticleIn) -> Job:
        if bool(item.text and item.text.strip()) == bool(item.url and item.url.strip()):
            raise RequestValidationError([{"loc": ("body", "text"), "type": "value_error",
                                           "msg": "give either the article's text or a URL (one of them)"}])
        if item.url and not item.url.strip().lower().startswith(("http://", "https://")):
            raise RequestValidationError([{"loc": ("body", "url"), "type": "value_error",
                                           "msg": "only http:// and https:// URLs can be fetched"}])
        return jobs.submit(lambda job: _ingest_job(job, item, store, lock, pipeline_factory, allow_private))

    # --- HTML pages and their JSON twins (the .json routes first: {id} would swallow "x.json")

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/incidents", status_code=307)

    async def list_data(f: views.Filters, page_: int, per_page: int) -> dict[str, Any]:
        return await read(lambda src: views.list_view(src, f, page=page_, per_page=per_page))

    @app.get("/incidents.json", tags=["pages"], summary="The incident list page, as JSON")
    async def incidents_json(f: Filters, page: Page = 1, per_page: PerPage = 25) -> JSONResponse:
        return JSONResponse(await list_data(f, page, per_page))

    @app.get("/incidents", include_in_schema=False)
    async def incidents_page(request: Request, f: Filters, page: Page = 1,
                             per_page: PerPage = 25) -> HTMLResponse:
        return page_(request, "incidents.html", await list_data(f, page, per_page))

    async def detail_data(incident_id: str) -> dict[str, Any]:
        return await read(lambda src: views.detail_view(src, incident_id))

    @app.get("/incidents/{incident_id}.json", tags=["pages"], summary="The incident page, as JSON")
    async def incident_json(incident_id: str) -> JSONResponse:
        return JSONResponse(await detail_data(incident_id))

    @app.get("/incidents/{incident_id}", include_in_schema=False)
    async def incident_page(request: Request, incident_id: str) -> HTMLResponse:
        d = await detail_data(incident_id)
        place = d["place_detail"] or {}
        return page_(request, "incident.html", d,
                    map=map_svg(place.get("lat"), place.get("lon"), label=d["place"],
                                country=place.get("country"), precision=place.get("precision"),
                                name=place.get("venue") or place.get("city") or place.get("admin1")),
                    chart=chart_svg(timeline.from_dicts(d["timeline"])))

    async def article_data(article_id: str) -> dict[str, Any]:
        return await read(lambda src: views.article_view(src, article_id))

    @app.get("/articles/{article_id}.json", tags=["pages"], summary="The article page, as JSON")
    async def article_json(article_id: str) -> JSONResponse:
        return JSONResponse(await article_data(article_id))

    @app.get("/articles/{article_id}", include_in_schema=False)
    async def article_page(request: Request, article_id: str) -> HTMLResponse:
        return page_(request, "article.html", await article_data(article_id))

    def ingest_data() -> dict[str, Any]:
        return {"writes_enabled": bool(token), "token_help": None if token else TOKEN_HELP,
                "max_body": max_body, "post_to": f"{API}/articles"}

    @app.get("/ingest.json", tags=["pages"], summary="The ingest page, as JSON")
    def ingest_json() -> JSONResponse:
        return JSONResponse(ingest_data())

    @app.get("/ingest", include_in_schema=False)
    def ingest_page(request: Request) -> HTMLResponse:
        return page_(request, "ingest.html", ingest_data())

    @app.post("/ingest", include_in_schema=False)
    def ingest_form(
        text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "",
        title: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
        token_: Annotated[str, Form(alias="token")] = "",
        authorization: Annotated[str | None, Header()] = None,
    ) -> RedirectResponse:
        check_token(authorization, token_)
        job = submit(ArticleIn(text=text or None, url=url or None, title=title or None,
                               published=published or None))
        return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)

    def job_data(job_id: str) -> dict[str, Any]:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no such ingest job: {job_id}")
        return job.to_dict()

    @app.get("/ingest/jobs/{job_id}.json", tags=["pages"], summary="An ingest job's progress, as JSON")
    def job_json(job_id: str) -> JSONResponse:
        return JSONResponse(job_data(job_id))

    @app.get("/ingest/jobs/{job_id}", include_in_schema=False)
    def job_page(request: Request, job_id: str) -> HTMLResponse:
        return page_(request, "job.html", job_data(job_id))

    # --- REST API

    @app.get(f"{API}/incidents", tags=["api"], summary="List incidents (filters as the list page)")
    async def api_incidents(f: Filters, limit: PerPage = 50,
                      offset: Offset = 0) -> JSONResponse:
        kw = f.store_kwargs()

        def answer(src: Any) -> dict[str, Any]:
            rows = src.incidents(**kw, limit=limit, offset=offset)
            return {"items": [i.to_dict() for i in rows], "total": src.count_incidents(**kw),
                    "limit": limit, "offset": offset}

        return JSONResponse(await read(answer))

    @app.get(f"{API}/incidents/{{incident_id}}", tags=["api"], summary="One incident, every field")
    async def api_incident(incident_id: str) -> JSONResponse:
        return JSONResponse(await read(lambda src: src.get_incident(incident_id).to_dict()))

    @app.get(f"{API}/articles", tags=["api"], summary="List articles")
    def api_articles(limit: PerPage = 50, offset: Offset = 0) -> JSONResponse:
        with lock:
            rows = store.articles(limit=limit, offset=offset)
            items = [{k: v for k, v in a.to_dict().items() if k != "text"} for a in rows]
        return JSONResponse({"items": items, "limit": limit, "offset": offset})

    @app.get(f"{API}/articles/{{article_id}}", tags=["api"], summary="One article and what was extracted")
    async def api_article(article_id: str) -> JSONResponse:
        def answer(src: Any) -> dict[str, Any]:
            art = src.get_article(article_id)
            rep = src.get_report(art.id)
            incs = [i.id for i in src.incidents_for_article(art.id)]
            return {"article": art.to_dict(), "report": rep.to_dict() if rep else None, "incidents": incs}

        return JSONResponse(await read(answer))

    @app.post(f"{API}/articles", tags=["api"], status_code=202,
              summary="Ingest an article (text or URL); needs Authorization: Bearer <token>",
              responses={202: {"description": "Accepted: the job, to poll at /api/v1/jobs/{id}"}})
    def api_post_article(
        item: ArticleIn,
        wait: Annotated[float, Query(ge=0, le=600, description="Seconds to wait for the job to finish")] = 0,
        authorization: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        check_token(authorization)
        job = submit(item)
        if wait:
            jobs.wait(job, wait)
        finished = wait and job.to_dict()["finished"]
        if not finished:
            status = 202
        else:
            status = 200 if job.state == "done" or job.error is None else int(job.error["status"])
        return JSONResponse(job.to_dict(), status_code=status, headers={"Location": f"{API}/jobs/{job.id}"})

    @app.get(f"{API}/jobs/{{job_id}}", tags=["api"], summary="An ingest job's progress and results")
    def api_job(job_id: str) -> JSONResponse:
        return JSONResponse(job_data(job_id))

    app.openapi = lambda: openapi_with_errors(app)  # type: ignore[method-assign]
    return app


def _ingest_job(job: Job, item: ArticleIn, store: Any, lock: threading.RLock,
                pipeline_factory: Callable[[Any], Any], allow_private: bool) -> None:
    """Read the text or fetch the URL (outside the lock), store it, then extract and link."""
    from sitrep.ingest import IngestOptions, read_sources, read_text

    job.state = "reading"
    if item.url:
        got = list(read_sources([item.url.strip()], options=IngestOptions(allow_private=allow_private)))
        bad = [g for g in got if g.error is not None]
        arts = [g.article for g in got if g.ok and g.article is not None]
        job.results = [{"source": g.source, "status": "error", "message": str(g.error)} for g in bad]
        if not arts:
            if bad and bad[0].error is not None:
                raise bad[0].error
            raise HTTPException(422, f"{item.url}: no article found")
    else:
        arts = [read_text(item.text or "", source="web form")]
    given = (("title", item.title), ("published", item.published), ("outlet", item.outlet))
    meta: dict[str, Any] = {k: v for k, v in given if v}
    arts = [dataclasses.replace(a, **meta) for a in arts]
    pipeline = pipeline_factory(store)
    with lock:
        summary = pipeline.ingest_articles(arts)
    job.results += [dataclasses.asdict(r) for r in summary.results]
    job.state = "extracting"
    job.total = len(arts)

    def progress(n: int) -> None:
        job.done += n

    with lock:
        pipeline.process(progress=progress)
        job.state = "linking"
        found: dict[str, dict[str, Any]] = {}
        for a in arts:
            for inc in store.incidents_for_article(a.id):
                found[inc.id] = views.incident_summary(inc)
    job.done = job.total
    job.incidents = list(found.values())


def _web_url(url: str | None) -> str | None:
    """Only http(s) links are rendered: an ingested page could carry a ``javascript:`` URL."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _pager(params: Any, page: int) -> str:
    """The query string of another page of the same list."""
    from urllib.parse import urlencode

    items = [(k, v) for k, v in params.multi_items() if k != "page"]
    return urlencode([*items, ("page", str(page))])


def _version() -> str:
    return __version__


def serve(store_path: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          allow_private: bool = False) -> None:
    """Run the server (blocking) until interrupted."""
    import uvicorn

    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        log.warning("serving on %s: reachable beyond this machine; read endpoints need no token", host)
    uvicorn.run(create_app(store_path, token=token, allow_private=allow_private), host=host, port=port,
                log_level="info")
