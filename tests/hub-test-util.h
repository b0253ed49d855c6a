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

G_END_DECLS
