"""The package's shape: every module imports, no private names cross modules, and the
parts depend on each other one way only (imports inside functions count too)."""
from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import readout

ROOT = Path(readout.__file__).parent
# The parts whose dependencies must point one way (issue 12): api → run → pipeline → stages,
# store ← link, serve reads the store only.
LAYERED = ("api", "run", "pipeline", "stages", "store", "link", "serve")


def all_modules() -> dict[str, Path]:
    out = {"readout": ROOT / "__init__.py"}
    for info in pkgutil.walk_packages([str(ROOT)], prefix="readout."):
        rel = info.name.split(".")[1:]
        path = ROOT.joinpath(*rel)
        out[info.name] = path / "__init__.py" if info.ispkg else path.with_suffix(".py")
    return out


MODULES = all_modules()


def imports_of(name: str, path: Path) -> list[tuple[str, str | None, int]]:
    """(module imported, name imported from it or None, line) for every readout import."""
    is_pkg = path.name == "__init__.py"
    package = name.split(".") if is_pkg else name.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "readout" or target.startswith("readout."):
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in MODULES:
                        found.append((sub, None, node.lineno))
                    else:
                        found.append((target, alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("readout"):
                    found.append((alias.name, None, node.lineno))
    return found


def test_there_are_modules_to_check():
    assert len(MODULES) > 60 and "readout.pipeline" in MODULES and "readout.times" in MODULES


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports(name):
    importlib.import_module(name)


def test_no_module_imports_a_private_name_from_another_module():
    bad = []
    for name, path in MODULES.items():
        for target, imported, line in imports_of(name, path):
            if imported and imported.startswith("_") and not imported.startswith("__") and target != name:
                bad.append(f"{name}:{line} imports {imported} from {target}")
    assert not bad, "\n".join(bad)


def part_graph() -> dict[str, set[str]]:
    """Edges between the top-level parts of the package (readout.X → readout.Y)."""
    def part(module: str) -> str:
        bits = module.split(".")
        return bits[1] if len(bits) > 1 else ""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        src = part(name)
        for target, _, _ in imports_of(name, path):
            dst = part(target)
            if src and dst and dst != src:
                graph.setdefault(src, set()).add(dst)
    return graph


def cycles(graph: dict[str, set[str]], within: set[str] | None = None) -> list[list[str]]:
    found, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if within is not None and nxt not in within:
                continue
            if state.get(nxt) == "open":
                found.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if (within is None or node in within) and node not in state:
            visit(node, [node])
    return found


def test_no_cycles_between_api_run_pipeline_stages_store_link_serve():
    assert cycles(part_graph(), set(LAYERED)) == []


def test_no_cycles_between_any_parts_of_the_package():
    assert cycles(part_graph()) == []


def test_dependencies_point_one_way():
    g = part_graph()
    assert "api" not in g.get("run", set())          # run gets its after-write step as an argument
    assert "link" not in g.get("store", set())       # link owns its tables
    assert "pipeline" not in g.get("stages", set())  # stages register; the pipeline looks them up
    assert not g.get("serve", set()) & {"api", "run", "pipeline", "stages", "link"}


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": {"c"}}) == []


def test_stages_are_adapters_and_subsystems_are_packages():
    """A stage module only adapts its package: short, and every subsystem is a package."""
    for path in (ROOT / "stages").glob("*.py"):
        n = len(path.read_text("utf-8").splitlines())
        assert n <= 100, f"stages/{path.name} has {n} lines"
    for pkg in ("clean", "nlp", "times", "times/resolve", "actors", "quotes", "events", "figures"):
        assert (ROOT / pkg / "__init__.py").is_file(), pkg
    helpers = [p.name for p in (ROOT / "stages").glob("*_*.py") if not p.name.startswith("__")]
    assert not helpers, f"helpers of a stage belong in its package: {helpers}"
