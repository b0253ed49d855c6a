/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/**
 * HubCliFormat:
 * How a subcommand prints rows: an aligned table for people, CSV or JSON
 * (an array of objects) for programs.
 */
typedef enum {
  HUB_CLI_FORMAT_TABLE = 0,
  HUB_CLI_FORMAT_CSV,
  HUB_CLI_FORMAT_JSON,
} HubCliFormat;

/* "table", "csv", "json". */
const char *hub_cli_format_to_string   (HubCliFormat  format);
gboolean    hub_cli_format_from_string (const char   *str,
                                        HubCliFormat *out_format);
/* "table, csv, json", for usage messages. */
const char *hub_cli_format_valid_values (void);

/**
 * HubCliValueKind:
 * What a column holds. CSV and JSON always get the machine value; the table
 * gets the human form.
 * @HUB_CLI_VALUE_TEXT: a string (NULL = unknown)
 * @HUB_CLI_VALUE_COUNT: a gint64 count (< 0 = unknown); table: locale digit grouping
 * @HUB_CLI_VALUE_PARAMS: a gint64 parameter count; table: "7.6B"
 * @HUB_CLI_VALUE_TIME: Unix seconds (HUB_TIME_NONE = unknown); CSV/JSON:
 *   ISO 8601 "2026-08-22T20:00:00Z"; table: "2026-08-22"
 * @HUB_CLI_VALUE_REAL: a double (NaN or < 0 = unknown); table: 3 decimals
 * @HUB_CLI_VALUE_SIGNED: a gint64 that may be negative (G_MININT64 = unknown)
 */
typedef enum {
  HUB_CLI_VALUE_TEXT,
  HUB_CLI_VALUE_COUNT,
  HUB_CLI_VALUE_PARAMS,
  HUB_CLI_VALUE_TIME,
  HUB_CLI_VALUE_REAL,
  HUB_CLI_VALUE_SIGNED,
} HubCliValueKind;

/**
 * HubCliColumn:
 * @name: the machine name: CSV header and JSON key ("downloads_all_time")
 * @title: (nullable): the table header (translated by the caller); NULL
 *   leaves the column out of the table
 * @kind: what the column holds
 */
typedef struct {
  const char      *name;
  const char      *title;
  HubCliValueKind  kind;
} HubCliColumn;

typedef struct _HubCliWriter HubCliWriter;

/**
 * hub_cli_writer_new:
 * @out: where to print (usually stdout)
 * @columns: (array length=n_columns): kept by reference until freed
 *
 * CSV and JSON rows are streamed as they come; the table is kept until
 * hub_cli_writer_finish() to size its columns.
 */
HubCliWriter *hub_cli_writer_new      (FILE               *out,
                                       HubCliFormat        format,
                                       const HubCliColumn *columns,
                                       guint               n_columns);
/* One call per column, in column order, then end_row. add_int serves
 * COUNT, PARAMS, TIME and SIGNED columns. */
void          hub_cli_writer_add_text (HubCliWriter *self,
                                       const char   *value);
void          hub_cli_writer_add_int  (HubCliWriter *self,
                                       gint64        value);
void          hub_cli_writer_add_real (HubCliWriter *self,
                                       double        value);
void          hub_cli_writer_end_row  (HubCliWriter *self);
/* Prints what is left (table, JSON closing bracket) and flushes; FALSE when
 * the output could not be written (closed pipe, full disk). */
gboolean      hub_cli_writer_finish   (HubCliWriter *self);
void          hub_cli_writer_free     (HubCliWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubCliWriter, hub_cli_writer_free)

G_END_DECLS
