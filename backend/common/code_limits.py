"""Size limits of the backend's code, checked by `make lint` (`python -m common.code_limits`).

- no module over MAX_MODULE_LINES lines (migrations and tests excepted);
- no function over MAX_FUNCTION_LINES lines, from its `def` to its last line.

Complexity is ruff's (C901, max-complexity in pyproject.toml). Ruff has no rule for lines per
function or per module, hence this small script. Where a limit must be broken, the line that
breaks it (the module's first line, or the function's `def`) carries
`# noqa: size-limit (<why>)`, and the reason is printed with every run.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 50
EXEMPT_PARTS = {"migrations", "tests"}
WAIVER = re.compile(r"#\s*noqa:\s*size-limit\s*\((?P<why>[^)]+)\)")


def _modules(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        if not EXEMPT_PARTS & set(path.relative_to(root).parts):
            yield path


def _waiver(lines: list[str], line_number: int) -> str | None:
    match = WAIVER.search(lines[line_number - 1]) if 0 < line_number <= len(lines) else None
    return match.group("why") if match else None


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def check(root: Path) -> tuple[list[str], list[str]]:
    """(breaches, waived breaches), each a line of text."""
    breaches: list[str] = []
    waived: list[str] = []
    for path in _modules(root):
        source = path.read_text()
        lines = source.splitlines()
        name = path.relative_to(root)
        if len(lines) > MAX_MODULE_LINES:
            text = f"{name}: {len(lines)} lines (at most {MAX_MODULE_LINES})"
            why = _waiver(lines, 1)
            (waived if why else breaches).append(f"{text}: {why}" if why else text)
        for function in _functions(ast.parse(source, filename=str(path))):
            first = (
                function.decorator_list[0].lineno if function.decorator_list else function.lineno
            )
            length = (function.end_lineno or function.lineno) - first + 1
            if length <= MAX_FUNCTION_LINES:
                continue
            text = f"{name}:{function.lineno} {function.name}(): {length} lines"
            why = _waiver(lines, function.lineno)
            (waived if why else breaches).append(f"{text}: {why}" if why else text)
    return breaches, waived


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else ".")
    breaches, waived = check(root)
    for line in waived:
        print(f"waived: {line}")
    for line in breaches:
        print(f"too long: {line}", file=sys.stderr)
    if breaches:
        print(
            f"{len(breaches)} over the limits (module {MAX_MODULE_LINES} lines, function "
            f"{MAX_FUNCTION_LINES}): split them, or waive one with a reason "
            "(# noqa: size-limit (why))",
            file=sys.stderr,
        )
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
