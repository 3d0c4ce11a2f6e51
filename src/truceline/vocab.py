"""One loader for every vocabulary file: YAML with the line of each entry kept for errors."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from truceline.errors import DataFileError

LINE_KEY = "__line__"


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int) -> None:
        super().__init__(key, line)
        self.key, self.line = key, line


class _LineLoader(_Base):  # type: ignore[valid-type,misc]
    """A safe loader that records the 1-based line of every mapping under ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def line_of(entry: Any) -> int | None:
    return entry.get(LINE_KEY) if isinstance(entry, dict) else None


def clean(entry: Any) -> Any:
    """The entry without the bookkeeping keys."""
    return _strip_lines(entry)


def data_path(*parts: str) -> Path:
    """Path of a file shipped in ``truceline/data``."""
    return Path(str(resources.files("truceline") / "data" / Path(*parts)))


def load_yaml(path: str | Path) -> Any:
    """Parse a YAML file; a syntax error becomes a DataFileError naming file and line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{p}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{p}: cannot be read ({exc})") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except _DuplicateKey as exc:
        raise DataFileError(f"{p}:{exc.line}: duplicate key {exc.key!r}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"{p}{where}: not valid YAML ({problem})") from None
    if not isinstance(data, dict):
        raise DataFileError(f"{p}:1: expected a mapping at the top level")
    return data


def fail(path: str | Path, entry: Any, message: str) -> DataFileError:
    line = line_of(entry)
    where = f":{line}" if line else ""
    return DataFileError(f"{path}{where}: {message}")


def load_csv(path: str | Path) -> list[dict[str, str]]:
    """Read a CSV vocabulary, skipping comment lines that start with '#'."""
    p = Path(path)
    try:
        lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{p}: cannot be read ({exc})") from None
    return list(csv.DictReader(lines))
