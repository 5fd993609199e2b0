"""The package face: ``__all__`` lists exactly the public names, and ``sitrep.read`` reads a text."""
from __future__ import annotations
import __future__

import doctest

import pytest

import sitrep


def test_public_api_all_is_every_public_name():
    public = {n for n in dir(sitrep) if not n.startswith("_")} | {"Pipeline", "PipelineOptions", "read"}
    imported = {n for n in public if type(getattr(sitrep, n)).__name__ == "module"
                or isinstance(getattr(sitrep, n), __future__._Feature)}  # submodules, "annotations"
    assert sorted(public - imported) == sorted(n for n in sitrep.__all__ if n != "__version__")


def test_public_api_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        sitrep.nonsense  # noqa: B018


@pytest.mark.slow
def test_public_api_the_docstring_example_runs():
    failures, tried = doctest.testmod(sitrep, verbose=False)
    assert tried >= 2 and failures == 0
