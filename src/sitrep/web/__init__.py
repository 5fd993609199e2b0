"""The web pages of ``sitrep serve``: views (dicts shared by HTML pages and their JSON twins),
templates, the offline SVG map and chart, and the ingest job runner. The routes are in ``sitrep.api``.
"""
