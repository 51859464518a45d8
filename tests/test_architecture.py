"""The shape of the hub app: imports run one way, each domain in its own package says what it owns and uses.

Read from the source (its syntax tree), not by importing it, so that a lazy import inside a function
counts as much as one at the top of a module.
"""

import ast
import sys
from pathlib import Path

import pytest
from django.conf import settings

HUB = Path(settings.BASE_DIR) / "hub"
DOMAINS = ["best_practices", "directory", "documents", "events", "news"]


def module_name(path):
    parts = path.relative_to(HUB.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def hub_modules():
    return {module_name(path): path for path in HUB.rglob("*.py") if "migrations" not in path.parts}


def imports_of(name, path, modules, lazy):
    """The hub modules that module `name` imports: at its top level, or anywhere when `lazy`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = ast.walk(tree) if lazy else run_at_import(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
                break
    return found


def run_at_import(node):
    """The nodes Python runs when the module is imported: everything but the insides of functions."""
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield child
            yield from run_at_import(child)


def cycles(lazy):
    """Groups of hub modules that import each other, directly or around a loop (Tarjan's algorithm)."""
    modules = hub_modules()
    graph = {name: imports_of(name, path, modules, lazy) for name, path in modules.items()}
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def domain_of(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in DOMAINS else module


def test_no_module_imports_itself_back_at_import_time():
    assert cycles(lazy=False) == []


def test_a_loop_through_lazy_imports_stays_inside_one_domain():
    """A page model's route calling its own domain's views closes a loop; nothing may loop across domains."""
    crossing = [group for group in cycles(lazy=True) if len({domain_of(module) for module in group}) > 1]

    assert crossing == []


def test_the_loop_finder_finds_loops(tmp_path, monkeypatch):
    """The two tests above could not pass by accident: a two-module loop is found, top level and lazy."""
    package = tmp_path / "hub"
    (package / "events").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "events" / "__init__.py").write_text("")
    (package / "events" / "views.py").write_text("from hub.documents import library\n")
    (package / "documents").mkdir()
    (package / "documents" / "__init__.py").write_text("")
    (package / "documents" / "library.py").write_text("def f():\n    from hub.events.views import g\n")
    monkeypatch.setattr(sys.modules[__name__], "HUB", package)

    assert cycles(lazy=False) == []
    assert cycles(lazy=True) == [["hub.documents.library", "hub.events.views"]]


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_domain_says_what_it_owns_and_uses(domain):
    docstring = ast.get_docstring(ast.parse((HUB / domain / "__init__.py").read_text(encoding="utf-8")))

    assert docstring and "uses" in docstring.lower()


@pytest.mark.parametrize("domain", DOMAINS)
def test_domains_import_what_they_need_from_where_it_is_defined(domain):
    """`hub.models` re-exports every model for Django; a domain importing it would import every other domain."""
    modules = hub_modules()
    for name, path in modules.items():
        if domain_of(name) == domain:
            assert "hub.models" not in imports_of(name, path, modules, lazy=True), name
