"""The public surface is deliberate: `readout` exports exactly this list, and each name works."""
import inspect

import readout

PUBLIC = [
    "Actor", "Config", "DateRange", "Document", "Event", "Evidence", "Figure", "InputError",
    "Mention", "Place", "Quote", "ReadoutError", "Sentence", "StageError", "TimeExpression",
    "__version__", "extract", "extract_iter", "extract_text", "ingest", "load_config", "process",
    "resolve_actor",
]


def test_exported_members_are_exactly_the_public_list():
    assert readout.__all__ == PUBLIC
    assert PUBLIC == sorted(PUBLIC)
    for name in PUBLIC:
        assert hasattr(readout, name), name
    star: dict = {}
    exec("from readout import *", star)
    assert sorted(k for k in star if k != "__builtins__") == PUBLIC


def test_functions_are_the_library_s_not_internal_objects():
    for name in ("extract", "extract_iter", "extract_text", "ingest", "process", "resolve_actor"):
        fn = getattr(readout, name)
        assert inspect.isfunction(fn) and fn.__doc__, name
    # the runner yields documents and errors, never the internal work item
    assert "Document" in str(inspect.signature(readout.process).return_annotation)
    assert "WorkItem" not in str(inspect.signature(readout.process).return_annotation)
