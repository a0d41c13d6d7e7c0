"""Runs give freed memory back: Arrow's system pool, malloc_trim between shards."""
from __future__ import annotations

import pyarrow as pa

from readout.run.memory import release_memory, use_system_arrow_pool


def test_runs_build_arrow_tables_in_the_system_pool():
    before = pa.default_memory_pool()
    try:
        use_system_arrow_pool()
        assert pa.default_memory_pool().backend_name == "system"
        table = pa.table({"x": list(range(1000))})
        assert table.num_rows == 1000
    finally:
        pa.set_memory_pool(before)


def test_release_memory_trims_on_glibc():
    import platform

    import pytest
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    assert release_memory() is True
