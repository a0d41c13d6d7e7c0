"""The stages: one adapter module each (`clean`, `parse`, `times`, `actors`, `quotes`,
`events`, `figures`), calling the package that does the work, and their registry.

Each adapter is short and says what it requires, adds and extends; `registry` holds the
table of stages by name and imports a built-in one when it is first asked for.
"""
from .registry import BUILTIN_STAGES, STAGES, Stage, known_stages, register_stage, stage_factory

__all__ = ["BUILTIN_STAGES", "STAGES", "Stage", "known_stages", "register_stage", "stage_factory"]
