/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * A Parquet file read through DuckDB's C API (libduckdb): DuckDB reads every
 * Parquet encoding, nested columns and files larger than memory; HubEco only
 * turns its typed values into the JSON values that the one model-entry
 * parser (hub-model-entry.c) reads, row by row, as a stream.
 *
 * Each file gets its own in-memory DuckDB with a bounded memory limit, two
 * threads, and no extension loading or installing (so no path is ever read
 * over the network).
 */

typedef struct _HubParquetFile HubParquetFile;

/**
 * hub_parquet_file_open:
 * @path: a local regular file
 *
 * Checks that @path is a whole Parquet file (the magic bytes at both ends)
 * and reads its schema. Errors are %HUB_INGEST_ERROR with a message that
 * starts with the file's base name: not Parquet, cut short, unreadable.
 */
HubParquetFile *hub_parquet_file_open        (const char      *path,
                                              GError         **error);
void            hub_parquet_file_free        (HubParquetFile  *self);

guint           hub_parquet_file_n_columns   (HubParquetFile  *self);
const char     *hub_parquet_file_column_name (HubParquetFile  *self,
                                              guint            column);
/* DuckDB's name of the column's type: "BIGINT", "VARCHAR[]",
 * "STRUCT(relation VARCHAR, ...)". */
const char     *hub_parquet_file_column_type (HubParquetFile  *self,
                                              guint            column);
/* The column named @name, compared without regard to case; -1 if none. */
int             hub_parquet_file_find_column (HubParquetFile  *self,
                                              const char      *name);
/* Rows, from the file's metadata. */
guint64         hub_parquet_file_n_rows      (HubParquetFile  *self);

/**
 * HubParquetRowFunc:
 * @row: the row's selected columns as a JSON object (NULL values are null
 *   members); owned by the reader, valid during the call
 *
 * Returns FALSE with @error set to stop reading.
 */
typedef gboolean (*HubParquetRowFunc) (JsonObject  *row,
                                       gpointer     user_data,
                                       GError     **error);

/**
 * hub_parquet_file_read:
 * @select_sql: a literal SELECT statement over `read_parquet(?1)` (the
 *   file's path is bound as its one parameter); its result columns become
 *   the members of each row
 * @names_as: (nullable): NULL-terminated spellings of member names: a
 *   result column whose name equals one without regard to case is named so
 *
 * Streams the rows through @func, one data chunk at a time, so memory stays
 * bounded whatever the file's size. Values become JSON: integers int64
 * (unsigned ones above 2^63 and HUGEINT double), floating and DECIMAL
 * double, VARCHAR and ENUM strings, DATE "YYYY-MM-DD", timestamps ISO 8601
 * in UTC, LIST and ARRAY arrays, STRUCT objects, MAP objects keyed by the
 * key's text; BLOB and other types null.
 */
gboolean        hub_parquet_file_read        (HubParquetFile     *self,
                                              const char         *select_sql,
                                              const char * const *names_as,
                                              HubParquetRowFunc   func,
                                              gpointer            user_data,
                                              GCancellable       *cancellable,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubParquetFile, hub_parquet_file_free)

G_END_DECLS
