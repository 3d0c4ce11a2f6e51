"""PLOVER ontology and the CAMEO crosswalk, read from ``data/ontology``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from truceline.errors import DataFileError
from truceline.models import EVENT_TYPES
from truceline.vocab import clean, data_path, load_csv, load_yaml


@dataclass(frozen=True)
class Coding:
    cameo: str | None
    goldstein: float | None
    quad_class: int


class Ontology:
    def __init__(self) -> None:
        path = data_path("ontology", "plover.yaml")
        data = clean(load_yaml(path))
        self.types: dict[str, dict] = data["types"]
        missing = set(EVENT_TYPES) - set(self.types)
        if missing:
            raise DataFileError(f"{path}: missing PLOVER types {sorted(missing)}")
        self.cameo: dict[str, dict[str, str]] = {r["code"]: r for r in load_csv(data_path("ontology", "cameo.csv"))}

    def modes(self, event_type: str) -> set[str]:
        return set((self.types[event_type].get("modes") or {}).keys())

    def code(self, event_type: str, mode: str | None, cameo: str | None = None) -> Coding:
        """CAMEO code, Goldstein score and QuadClass for a type and mode."""
        spec = self.types[event_type]
        if cameo is None:
            mode_spec = (spec.get("modes") or {}).get(mode or "") or {}
            cameo = mode_spec.get("cameo") or spec.get("cameo")
        row = self.cameo.get(cameo or "")
        goldstein = float(row["goldstein"]) if row and row.get("goldstein") not in (None, "") else None
        return Coding(cameo, goldstein, int(spec["quad"]))


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    return Ontology()
