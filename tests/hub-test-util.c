/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "hub-test-util.h"

#include <duckdb.h>
#include "hub-store.h"
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  if (g_getenv ("HUBECO_KEEP_TMP") != NULL)
    return;
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
}

char *
hub_test_dataset_path (const char *relative)
{
  const char *root = g_getenv ("HUBECO_DATASET_DIR");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

char *
hub_test_data_path (const char *relative)
{
  return g_build_filename (TEST_DATA_DIR, relative, NULL);
}

char *
hub_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("hubeco-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (path));
  return path;
}

const char *
hub_test_hubeco_bin (void)
{
  const char *bin = g_getenv ("HUBECO_BIN");

  g_assert_nonnull (bin);
  return bin;
}

guint
hub_test_slowdown (void)
{
  const char *value = g_getenv ("HUBECO_TEST_SLOWDOWN");
  guint64 n = value != NULL ? g_ascii_strtoull (value, NULL, 10) : 1;

  return (guint) CLAMP (n, 1, 100);
}

void
hub_test_run_clear (HubTestRun *result)
{
  g_free (result->out);
  g_free (result->err);
}

void
hub_test_run_hubeco (HubTestRun *result,
                     const char *db_path,
                     const char *first,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) hub_test_hubeco_bin ());
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  if (db_path != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer) db_path);
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

gint64
hub_test_store_count (const char *db_path,
                      const char *sql,
                      const char *param)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open_read_only (db_path, &error);
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_no_error (error);
  stmt = hub_store_prepare (store, sql, NULL);
  g_assert_nonnull (stmt);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

char *
hub_test_database_text (const char *db_path)
{
  HubTestRun list = { 0, }, snapshots = { 0, };
  char *text;

  hub_test_run_hubeco (&list, db_path, "list", "--limit", "100000", "--format", "csv", NULL);
  g_assert_cmpint (list.status, ==, 0);
  hub_test_run_hubeco (&snapshots, db_path, "snapshots", "--format", "csv", NULL);
  g_assert_cmpint (snapshots.status, ==, 0);
  text = g_strconcat (list.out, "\n", snapshots.out, NULL);
  hub_test_run_clear (&list);
  hub_test_run_clear (&snapshots);
  return text;
}

void
hub_test_duckdb (const char *sql_format,
                 ...)
{
  g_autofree char *sql = NULL;
  duckdb_database db = NULL;
  duckdb_connection conn = NULL;
  duckdb_result result;
  va_list args;

  va_start (args, sql_format);
  sql = g_strdup_vprintf (sql_format, args);
  va_end (args);

  g_assert_cmpint (duckdb_open (NULL, &db), ==, DuckDBSuccess);
  g_assert_cmpint (duckdb_connect (db, &conn), ==, DuckDBSuccess);
  if (duckdb_query (conn, sql, &result) != DuckDBSuccess)
    g_error ("DuckDB: %s\nin: %s", duckdb_result_error (&result), sql);
  duckdb_destroy_result (&result);
  duckdb_disconnect (&conn);
  duckdb_close (&db);
}
