/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/**
 * HubTableFormat:
 * How rows are written: an aligned table for people, CSV or JSON
 * (an array of objects) for programs.
 */
typedef enum {
  HUB_TABLE_FORMAT_TABLE = 0,
  HUB_TABLE_FORMAT_CSV,
  HUB_TABLE_FORMAT_JSON,
} HubTableFormat;

/* "table", "csv", "json". */
const char *hub_table_format_to_string   (HubTableFormat  format);
gboolean    hub_table_format_from_string (const char   *str,
                                        HubTableFormat *out_format);
/* "table, csv, json", for usage messages. */
const char *hub_table_format_valid_values (void);

/**
 * HubTableValueKind:
 * What a column holds. CSV and JSON always get the machine value; the table
 * gets the human form.
 * @HUB_TABLE_VALUE_TEXT: a string (NULL = unknown)
 * @HUB_TABLE_VALUE_COUNT: a gint64 count (< 0 = unknown); table: locale digit grouping
 * @HUB_TABLE_VALUE_PARAMS: a gint64 parameter count; table: "7.6B"
 * @HUB_TABLE_VALUE_TIME: Unix seconds (HUB_TIME_NONE = unknown); CSV/JSON:
 *   ISO 8601 "2026-08-22T20:00:00Z"; table: "2026-08-22"
 * @HUB_TABLE_VALUE_REAL: a double (NaN or < 0 = unknown); table: 3 decimals
 * @HUB_TABLE_VALUE_SIGNED: a gint64 that may be negative (G_MININT64 = unknown)
 * @HUB_TABLE_VALUE_MEASURED: a double that may be negative, as measured (a
 *   benchmark score; NaN = unknown); table: 4 significant digits
 */
typedef enum {
  HUB_TABLE_VALUE_TEXT,
  HUB_TABLE_VALUE_COUNT,
  HUB_TABLE_VALUE_PARAMS,
  HUB_TABLE_VALUE_TIME,
  HUB_TABLE_VALUE_REAL,
  HUB_TABLE_VALUE_SIGNED,
  HUB_TABLE_VALUE_MEASURED,
} HubTableValueKind;

/**
 * HubTableColumn:
 * @name: the machine name: CSV header and JSON key ("downloads_all_time")
 * @title: (nullable): the table header (translated by the caller); NULL
 *   leaves the column out of the table
 * @kind: what the column holds
 */
typedef struct {
  const char      *name;
  const char      *title;
  HubTableValueKind  kind;
} HubTableColumn;

typedef struct _HubTableWriter HubTableWriter;

/**
 * hub_table_writer_new:
 * @out: where to print (usually stdout)
 * @columns: (array length=n_columns): kept by reference until freed
 *
 * CSV and JSON rows are streamed as they come; the table is kept until
 * hub_table_writer_finish() to size its columns.
 */
HubTableWriter *hub_table_writer_new      (FILE               *out,
                                       HubTableFormat        format,
                                       const HubTableColumn *columns,
                                       guint               n_columns);
/* One call per column, in column order, then end_row. add_int serves
 * COUNT, PARAMS, TIME and SIGNED columns. */
void          hub_table_writer_add_text (HubTableWriter *self,
                                       const char   *value);
void          hub_table_writer_add_int  (HubTableWriter *self,
                                       gint64        value);
void          hub_table_writer_add_real (HubTableWriter *self,
                                       double        value);
void          hub_table_writer_end_row  (HubTableWriter *self);
/* Prints what is left (table, JSON closing bracket) and flushes; FALSE when
 * the output could not be written (closed pipe, full disk). */
gboolean      hub_table_writer_finish   (HubTableWriter *self);
void          hub_table_writer_free     (HubTableWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubTableWriter, hub_table_writer_free)

G_END_DECLS
