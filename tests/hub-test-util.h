/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The project's copy of the real Hub data, data/dataset/<relative>
 * (hub-models.jsonl.gz, hub-models-history.csv.gz, authors.csv, ...). */
char *hub_test_dataset_path (const char *relative);
/* tests/data/<relative> */
char *hub_test_data_path   (const char *relative);
/* A fresh temporary folder, removed at exit; returns its path. */
char *hub_test_tmpdir      (void);
/* The built hubeco executable (HUBECO_BIN). */
const char *hub_test_hubeco_bin (void);
/* How many times slower than usual the test runs (HUBECO_TEST_SLOWDOWN,
 * set by the valgrind setup; 1 otherwise): scale network timeouts by it. */
guint       hub_test_slowdown  (void);

/* What a run of the hubeco executable printed and returned. */
typedef struct {
  int   status;
  char *out;
  char *err;
} HubTestRun;

void        hub_test_run_clear (HubTestRun *result);
/* Runs hubeco with the arguments (NULL-terminated) plus --db @db_path
 * (unless NULL), without a display, in C.UTF-8. */
void        hub_test_run_hubeco (HubTestRun *result,
                                 const char *db_path,
                                 const char *first,
                                 ...) G_GNUC_NULL_TERMINATED;

/* The one number @sql (with ?1 bound to @param when not NULL) counts in
 * the database at @db_path, read on a read-only connection of its own. */
gint64      hub_test_store_count   (const char *db_path,
                                    const char *sql,
                                    const char *param);

/* What a database shows through the command line: the whole list and the
 * snapshots, as CSV (to compare two databases). */
char       *hub_test_database_text (const char *db_path);

/* Runs SQL statements in a fresh in-memory DuckDB (to write the Parquet
 * files that tests import); fails the test on an error. */
void        hub_test_duckdb    (const char *sql_format,
                                ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
