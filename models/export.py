"""Export the history as JSON or CSV, written atomically and privately."""

from __future__ import annotations

import csv
import io
import json

from models.store import EXPORTED_TABLES, Store

CSV_COLUMNS = (
    "kind", "id", "at", "text", "area", "score", "mood_before", "mood_after", "enjoyment",
    "importance", "status", "details",
)


def export_json(store: Store) -> str:
    return json.dumps(
        {table: store.table_rows(table) for table in EXPORTED_TABLES}, indent=2, ensure_ascii=False
    ) + "\n"


def export_csv(store: Store) -> str:
    """One table, one row per record, with a `kind` column, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for table in EXPORTED_TABLES:
        for row in store.table_rows(table):
            writer.writerow(_csv_row(table, row))
    return out.getvalue()


def export_text(store: Store, fmt: str) -> str:
    """The whole history as `json` or `csv` text."""
    return export_json(store) if fmt == "json" else export_csv(store)


def _csv_row(table: str, row: dict[str, object]) -> dict[str, object]:
    at = row.get("at") or row.get("started_at") or row.get("created_at") or row.get("day")
    text = row.get("activity") or row.get("text") or row.get("task") or row.get("done")
    details = {
        k: v for k, v in row.items()
        if k not in CSV_COLUMNS and k not in ("activity", "task", "batch", "started_at")
        and v is not None
    }
    return {
        **{k: v for k, v in row.items() if k in CSV_COLUMNS},
        "kind": table, "at": at, "text": text,
        "details": json.dumps(details, ensure_ascii=False) if details else "",
    }
