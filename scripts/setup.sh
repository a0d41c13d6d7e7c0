#!/usr/bin/env bash
# Install readout with its test extras into the active Python environment and run the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --upgrade pip
python -m pip install -e ".[test]"
readout demo --db readout-demo.duckdb
