#!/usr/bin/env bash
# The test suite: unit tests, model-backed end-to-end tests, store properties, bad inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pytest -q "$@"
