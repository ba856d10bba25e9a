"""Streaming writers: one file per table, appended batch by batch.

Parquet files are written with a fixed row-group size (rows are buffered and
cut into groups of exactly ROW_GROUP_ROWS, the last one shorter), so the file
layout depends only on the row sequence - not on how it was batched.  CSV files
are UTF-8 with a header; strings are quoted, NULL is an empty field.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROW_GROUP_ROWS = 262_144
PARQUET_COMPRESSION = "zstd"


class TableSink:
    """Append-only writer of one table file (created / truncated on open)."""

    def __init__(self, path: Path, schema: pa.Schema, file_format: str) -> None:
        self.path = path
        self.schema = schema
        self.file_format = file_format
        self.rows = 0
        self._buffer: list[pa.Table] = []
        self._buffered = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        if file_format == "parquet":
            self._parquet: pq.ParquetWriter | None = pq.ParquetWriter(
                path, schema, compression=PARQUET_COMPRESSION, write_statistics=True
            )
            self._csv: pacsv.CSVWriter | None = None
        elif file_format == "csv":
            self._parquet = None
            self._csv = pacsv.CSVWriter(path, schema, write_options=pacsv.WriteOptions(include_header=True))
        else:
            raise ValueError(f"unknown format {file_format!r}")

    def write(self, table: pa.Table) -> None:
        """Append rows (columns must match the schema)."""
        table = table.select(self.schema.names).cast(self.schema)
        self.rows += table.num_rows
        if self._csv is not None:
            if table.num_rows:
                self._csv.write_table(table)
            return
        self._buffer.append(table)
        self._buffered += table.num_rows
        if self._buffered >= ROW_GROUP_ROWS:
            self._flush(final=False)

    def _flush(self, final: bool) -> None:
        assert self._parquet is not None
        data = pa.concat_tables(self._buffer) if self._buffer else self.schema.empty_table()
        offset = 0
        while data.num_rows - offset >= ROW_GROUP_ROWS or (final and offset < data.num_rows):
            size = min(ROW_GROUP_ROWS, data.num_rows - offset)
            self._parquet.write_table(data.slice(offset, size), row_group_size=ROW_GROUP_ROWS)
            offset += size
        rest = data.slice(offset)
        self._buffer = [rest] if rest.num_rows else []
        self._buffered = rest.num_rows

    def close(self) -> None:
        """Flush and close the file."""
        if self._parquet is not None:
            self._flush(final=True)
            self._parquet.close()
        if self._csv is not None:
            self._csv.close()


def write_parquet(path: Path, table: pa.Table) -> None:
    """Write a small table in one go (ground-truth helpers)."""
    sink = TableSink(path, table.schema, "parquet")
    sink.write(table)
    sink.close()
