"""The same articles give the same records in every process: nothing may hang on the order Python
happens to iterate a set of strings in (it changes with PYTHONHASHSEED, i.e. from run to run), or
a rerun after a crash would not equal an uninterrupted run (test_crash.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RELATIONS = """
import json, sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from sitrep.link.copies import relations
from sitrep.records import Article
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
arts = [Article.from_text(p.read_text(), published="2023-05-01") for p in paths]
print(json.dumps({k: [s.relation, s.of_article, s.evidence] for k, s in sorted(relations(arts).items())}))
"""


def test_determinism_copies_do_not_depend_on_the_hash_seed(tmp_path):
    import newsgen

    newsgen.write(tmp_path, 60)
    outs = set()
    for seed in ("1", "2", "3", "4"):
        r = subprocess.run([sys.executable, "-c", RELATIONS, str(tmp_path), str(Path(__file__).parent)],
                           capture_output=True, text=True, timeout=300,
                           env={**os.environ, "PYTHONHASHSEED": seed})
        assert r.returncode == 0, r.stderr
        outs.add(r.stdout)
    assert len(outs) == 1
    assert '"rewrite-of"' in outs.pop()  # the texts do hold rewrites: the order mattered
