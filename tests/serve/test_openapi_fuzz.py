"""Schemathesis against /openapi.json: generated requests never get a server error; every
response matches the documented status codes, content type and schema; requests that break
the schema get a 4xx."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (content_type_conformance,  # noqa: E402
                                               negative_data_rejection,
                                               response_schema_conformance,
                                               status_code_conformance)

from readout.serve.app import create_app  # noqa: E402
from tests.serve.conftest import build_synthetic  # noqa: E402

MAX_EXAMPLES = 25      # per operation: bounded so the run stays a few seconds

_tmp = tempfile.TemporaryDirectory(prefix="readout-fuzz-")
app = create_app(build_synthetic(Path(_tmp.name) / "fuzz.duckdb")["path"])
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_openapi_fuzz_no_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance,
                                   content_type_conformance, response_schema_conformance,
                                   negative_data_rejection])
    # (not positive_data_acceptance: date_from after date_to fits the schema yet is refused)
