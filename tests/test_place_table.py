"""The place table on disk: built once, found again by its data's hash, rebuilt when damaged."""

from __future__ import annotations

import sqlite3

from truceline.places import table


def test_a_damaged_table_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUCELINE_CACHE", str(tmp_path))
    path, _, digest = table.table_path()
    assert path.parent == tmp_path and digest in path.name
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # cut short, as by a full disk
    built = table.ensure()
    assert built == path
    con = sqlite3.connect(built)
    assert con.execute("SELECT v FROM meta WHERE k = 'digest'").fetchone()[0] == digest
    towns = table.PlaceTable(built).by_key("chasiv yar")
    assert towns and towns[0].country == "UKR" and towns[0].population < 15_000
    assert table.ensure() == path  # intact now: used as it is
