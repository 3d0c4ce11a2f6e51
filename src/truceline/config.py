"""User settings: ``truceline.toml`` in the working folder, or the file named by TRUCELINE_CONFIG.

```toml
db = "sqlite:///truceline.db"         # default store
actors = ["my-actors.yaml"]           # extra actor registry files, relative to this file
```
Command-line options win over environment variables, which win over this file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from truceline.errors import DataFileError


@dataclass
class Settings:
    db: str | None = None
    actors: list[str] = field(default_factory=list)
    path: str | None = None


def load_settings() -> Settings:
    path = Path(os.environ.get("TRUCELINE_CONFIG", "truceline.toml"))
    if not path.is_file():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: not a valid settings file ({exc})") from None
    unknown = set(data) - {"db", "actors"}
    if unknown:
        raise DataFileError(f"{path}: unknown settings {', '.join(sorted(unknown))} (known: db, actors)")
    actors = data.get("actors", [])
    if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
        raise DataFileError(f"{path}: `actors` must be a list of file paths")
    base = path.resolve().parent
    return Settings(
        db=data.get("db"),
        actors=[str((base / a).resolve()) if not Path(a).is_absolute() else a for a in actors],
        path=str(path),
    )
