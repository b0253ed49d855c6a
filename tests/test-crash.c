/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash safety of the database, through the built hubeco binary:
 * `hubeco import` and `hubeco sync` killed with SIGKILL at random points
 * (100 kills in all), a full disk, a read-only database, and a second
 * writer while another connection holds the write lock. After each kill the
 * file passes PRAGMA integrity_check, every complete snapshot is exactly the
 * one an uninterrupted run writes (row count and a checksum over its rows),
 * and the resumed runs end in the uninterrupted run's state. */
#include "config.h"

#include "hub-import.h"
#include "hub-store.h"
#include "hub-test-server.h"
#include "hub-test-util.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define IMPORT_FILES       14
#define KILLS_PER_FILE     5   /* 70 import kills */
#define SYNC_KILLS         30
#define KILLS_PER_STAGE    10  /* a stage: one sync, killed until it finishes */
#define MAX_SYNC_STAGES    8
#define MODELS_PER_DUMP    800
#define ROWS_PER_HISTORY   2000

/* ---- checksums ---- */

/* crash_sum(col, ...): an order-independent checksum of rows, the wrapping
 * sum of a 64-bit FNV-1a hash of each row's values with their types. */
static void
crash_sum_step (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  guint64 *sum = sqlite3_aggregate_context (context, sizeof (guint64));
  guint64 h = 14695981039346656037ull;

  if (sum == NULL)
    return;
  for (int i = 0; i < argc; i++)
    {
      const unsigned char *text = sqlite3_value_text (argv[i]);
      int len = sqlite3_value_bytes (argv[i]);
      unsigned char type = (unsigned char) sqlite3_value_type (argv[i]);

      h = (h ^ type) * 1099511628211ull;
      for (int j = 0; text != NULL && j < len; j++)
        h = (h ^ text[j]) * 1099511628211ull;
      h = (h ^ 0xff) * 1099511628211ull;
    }
  *sum += h;
}

static void
crash_sum_final (sqlite3_context *context)
{
  guint64 *sum = sqlite3_aggregate_context (context, 0);
  char hex[17];

  g_snprintf (hex, sizeof hex, "%016" G_GINT64_MODIFIER "x", sum != NULL ? *sum : 0);
  sqlite3_result_text (context, hex, -1, SQLITE_TRANSIENT);
}

static HubStore *
open_checked (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_create_function_v2 (hub_store_get_db (store), "crash_sum", -1, SQLITE_UTF8,
                                               NULL, NULL, crash_sum_step, crash_sum_final, NULL),
                   ==, SQLITE_OK);
  return g_steal_pointer (&store);
}

/* Each result row as "a|b|c\n". */
static char *
sql_dump (HubStore   *store,
          const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (hub_store_get_db (store)));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Complete snapshots, keyed "series@captured_at" or, for a sync (whose
 * capture time is the clock's, left out), "series#n" (the n-th complete one
 * of its series); valued "source|captured_at|carry_forward|rows|checksum|
 * packed rows" (the row count of its packed copy, hub-snapshot-pack.h: a
 * complete snapshot always has one, written with it or by the next open). */
static GHashTable *
complete_snapshots (HubStore *store)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *dump = sql_dump (store,
    "SELECT s.series, s.source, CASE WHEN s.series LIKE 'sync:%' THEN '-' ELSE s.captured_at END,"
    " s.carry_forward,"
    " (SELECT count(*) FROM snapshot_rows r WHERE r.snapshot_id = s.id),"
    " (SELECT crash_sum(r.model_id, r.downloads, r.downloads_all_time, r.likes, r.trending_score, r.rank)"
    "    FROM snapshot_rows r WHERE r.snapshot_id = s.id),"
    " (SELECT c.n_rows FROM snapshot_columns c WHERE c.snapshot_id = s.id)"
    " FROM snapshots s WHERE s.complete = 1 ORDER BY s.series, s.captured_at, s.id");
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);
  g_autofree char *series = NULL;
  guint n = 0;

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *bar = strchr (lines[i], '|');
      g_autofree char *this_series = g_strndup (lines[i], bar - lines[i]);
      g_auto(GStrv) values = g_strsplit (bar + 1, "|", -1);

      /* Its packed copy holds all its rows. */
      g_assert_cmpuint (g_strv_length (values), ==, 6);
      g_assert_cmpstr (values[5], ==, values[3]);
      n = g_strcmp0 (series, this_series) == 0 ? n + 1 : 0;
      g_free (series);
      series = g_strdup (this_series);
      if (g_str_has_prefix (this_series, "sync:"))
        g_hash_table_insert (map, g_strdup_printf ("%s#%u", this_series, n), g_strdup (bar + 1));
      else
        {
          g_auto(GStrv) fields = g_strsplit (bar + 1, "|", -1);

          g_hash_table_insert (map, g_strdup_printf ("%s@%s", this_series, fields[1]), g_strdup (bar + 1));
        }
    }
  return map;
}

/* Everything a run leaves that does not depend on the clock. */
static char *
final_state (HubStore *store)
{
  g_autofree char *snapshots = sql_dump (store,
    "SELECT s.series, s.source, CASE WHEN s.series LIKE 'sync:%' THEN '-' ELSE s.captured_at END,"
    " s.complete, s.carry_forward,"
    " (SELECT count(*) || '|' || crash_sum(r.model_id, r.downloads, r.downloads_all_time, r.likes,"
    "                                      r.trending_score, r.rank)"
    "    FROM snapshot_rows r WHERE r.snapshot_id = s.id)"
    " FROM snapshots s ORDER BY s.series, s.captured_at, s.id");
  g_autofree char *tables = sql_dump (store,
    "SELECT 'models', count(*), crash_sum(id, author, created_at, last_modified, pipeline_tag,"
    "   library_name, gated, license, parameters, parameters_source, used_storage, children_count,"
    "   lineage_source, downloads, downloads_all_time, likes, trending_score) FROM models"
    " UNION ALL SELECT 'tags', count(*), crash_sum(model_id, tag) FROM tags"
    " UNION ALL SELECT 'lineage', count(*), crash_sum(child, parent, relation) FROM lineage"
    " UNION ALL SELECT 'sync_state', count(*), '' FROM sync_state");

  return g_strconcat (snapshots, tables, NULL);
}

static void
assert_integrity (HubStore *store)
{
  g_autofree char *check = sql_dump (store, "PRAGMA integrity_check");
  g_autofree char *keys = sql_dump (store, "PRAGMA foreign_key_check");

  g_assert_cmpstr (check, ==, "ok\n");
  g_assert_cmpstr (keys, ==, "");
}

/* Every complete snapshot of @store is the uninterrupted run's, and every
 * snapshot complete before (@before) still is. */
static void
assert_snapshots_intact (GHashTable *now,
                         GHashTable *before,
                         GHashTable *expected)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (now, key), ==, value);

  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (value, ==, g_hash_table_lookup (expected, key));
}

static guint
count_series (GHashTable *snapshots,
              const char *prefix)
{
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_hash_table_iter_init (&iter, snapshots);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n += g_str_has_prefix (key, prefix);
  return n;
}

/* ---- running hubeco ---- */

static GSubprocess *
spawn_hubeco (const char  *endpoint,
              const char  *db,
              const char  *first_arg,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  const char *arg;
  va_list ap;

  if (endpoint != NULL)
    g_subprocess_launcher_setenv (launcher, "HF_ENDPOINT", endpoint, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "HF_TOKEN");
  g_ptr_array_add (args, (char *) hub_test_hubeco_bin ());
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

/* Waits for @proc; its exit status, its output in @out_stdout/@out_stderr. */
static int
finish (GSubprocess  *proc,
        char        **out_stdout,
        char        **out_stderr)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  if (!g_subprocess_get_if_exited (proc))
    return -g_subprocess_get_term_sig (proc);
  return g_subprocess_get_exit_status (proc);
}

/* Kills @proc after @delay_us unless it ended before; TRUE when killed. */
static gboolean
kill_after (GSubprocess *proc,
            gint64       delay_us)
{
  gint64 deadline = g_get_monotonic_time () + delay_us;
  gint64 left;
  g_autoptr(GError) error = NULL;

  /* Poll so that a process that ends early is not waited for. The time
   * left is read once: MIN and MAX evaluate their arguments more than
   * once, and a clock read again after the deadline passed gave g_usleep
   * a negative value, i.e. a sleep of 2^64 - n microseconds (seen under
   * valgrind, where the window between two reads is wide). */
  while ((left = deadline - g_get_monotonic_time ()) > 0)
    {
      if (g_subprocess_get_identifier (proc) == NULL)
        break;
      g_usleep ((gulong) MIN (left, 2000));
    }
  g_subprocess_send_signal (proc, SIGKILL);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (proc))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
      return TRUE;
    }
  return FALSE;
}

/* A kill time within the first 70% of an uninterrupted run of @duration. */
static gint64
random_delay (gint64 duration)
{
  return g_test_rand_int_range (0, (gint32) MAX (1, duration * 7 / 10));
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A store that holds a few models (so hubeco does not build the embedded
 * dataset first), closed: one file, no WAL. */
static char *
make_base_db (const char *dir)
{
  g_autofree char *page = hub_test_data_path ("array-page.json");
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GFile) file = g_file_new_for_path (page);
  g_autoptr(GError) error = NULL;
  char *db = g_build_filename (dir, "base.db", NULL);
  g_autoptr(HubStore) store = hub_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (hub_store_is_empty (store));
  return db;
}

/* The real dataset's entries, one a line. */
static GStrv
dataset_lines (void)
{
  g_autofree char *path = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  plain = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
  g_output_stream_splice (out, plain, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (out, "", 1, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  return g_strsplit (text, "\n", -1);
}

static char *
id_of_line (const char *line)
{
  const char *start = strstr (line, "\"id\":\"");
  const char *end;

  g_assert_nonnull (start);
  start += strlen ("\"id\":\"");
  end = strchr (start, '"');
  return g_strndup (start, end - start);
}

/* @n files alternating a history CSV (one snapshot) and a JSONL dump (a slice of the dataset with its counts
 * changed), each with its own fixed
 * modification time, since a dump's snapshot is captured at it. */
static GPtrArray *
make_import_files (const char *dir,
                   guint       n)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = dataset_lines ();
  guint n_lines = g_strv_length (lines) - 1;

  for (guint f = 0; f < n; f++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = NULL;
      char *path;

      if (f % 2 == 1)
        {
          path = g_strdup_printf ("%s/dump-%02u.jsonl", dir, f);
          for (guint i = 0; i < MODELS_PER_DUMP; i++)
            {
              const char *line = lines[(f * 977 + i) % n_lines];
              const char *likes = strstr (line, "\"likes\":");

              /* The same entry with likes changed, so that each dump updates. */
              if (likes != NULL)
                {
                  const char *rest = likes + strlen ("\"likes\":");

                  while (g_ascii_isdigit (*rest))
                    rest++;
                  g_string_append_printf (text, "%.*s\"likes\":%u%s\n", (int) (likes - line), line,
                                          f * 10 + i % 7, rest);
                }
              else
                g_string_append_printf (text, "%s\n", line);
            }
        }
      else
        {
          path = g_strdup_printf ("%s/history-%02u.csv", dir, f);
          g_string_append (text, "captured_at,id,downloads,likes,trendingScore\n");
          for (guint i = 0; i < ROWS_PER_HISTORY; i++)
            {
              g_autofree char *id = id_of_line (lines[(f * 331 + i * 5) % n_lines]);

              g_string_append_printf (text, "2026-09-%02uT06:00:00Z,%s,%u,%u,%u\n",
                                      f + 1, id, f * 1000 + i, i % 13, i % 5);
            }
        }
      g_file_set_contents (path, text->str, text->len, &error);
      g_assert_no_error (error);
      file = g_file_new_for_path (path);
      g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                   1788000000 + f * 3600, G_FILE_QUERY_INFO_NONE, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (files, path);
    }
  return files;
}

/* ---- SIGKILL during import ---- */

static void
test_import_killed (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *base = make_base_db (dir);
  g_autofree char *clean_db = g_build_filename (dir, "clean.db", NULL);
  g_autofree char *killed_db = g_build_filename (dir, "killed.db", NULL);
  g_autoptr(GPtrArray) files = make_import_files (dir, IMPORT_FILES);
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *clean_state = NULL;
  g_autofree char *killed_state = NULL;
  gint64 durations[IMPORT_FILES];
  guint kills = 0, finished_early = 0;

  copy_file (base, clean_db);
  copy_file (base, killed_db);

  /* The uninterrupted run, timed per file. */
  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_autofree char *err = NULL;
      gint64 start = g_get_monotonic_time ();

      proc = spawn_hubeco (NULL, clean_db, "import", g_ptr_array_index (files, f), NULL);
      g_assert_cmpint (finish (proc, NULL, &err), ==, 0);
      durations[f] = g_get_monotonic_time () - start;
    }
  {
    g_autoptr(HubStore) store = open_checked (clean_db);

    assert_integrity (store);
    expected = complete_snapshots (store);
    clean_state = final_state (store);
    /* One per file, and the base's import of array-page.json. */
    g_assert_cmpuint (g_hash_table_size (expected), ==, IMPORT_FILES + 1);
  }

  /* Each file is killed KILLS_PER_FILE times; what a file that ends too
   * fast to be killed does not use goes to the next one. A run that ends
   * before its kill does not stop the killing: importing the file again is
   * work too (a dump updates every model again). The last file is a dump. */
  before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint f = 0; f < files->len; f++)
    {
      gboolean done = FALSE;

      for (guint attempt = 0;
           kills < (f + 1) * KILLS_PER_FILE && (attempt < 4 * KILLS_PER_FILE || f == files->len - 1);
           attempt++)
        {
          g_autoptr(GSubprocess) proc = spawn_hubeco (NULL, killed_db, "import",
                                                      g_ptr_array_index (files, f), NULL);
          g_autoptr(HubStore) store = NULL;
          g_autoptr(GHashTable) now = NULL;

          if (kill_after (proc, random_delay (durations[f] * 2 / (2 + attempt))))
            kills++;
          else
            done = TRUE, finished_early++;

          store = open_checked (killed_db);
          assert_integrity (store);
          now = complete_snapshots (store);
          assert_snapshots_intact (now, before, expected);
          g_hash_table_unref (before);
          before = g_steal_pointer (&now);
        }

      /* The resumed run finishes the file. */
      if (!done)
        {
          g_autoptr(GSubprocess) proc = spawn_hubeco (NULL, killed_db, "import",
                                                      g_ptr_array_index (files, f), NULL);
          g_autofree char *err = NULL;

          g_assert_cmpint (finish (proc, NULL, &err), ==, 0);
        }
    }

  {
    g_autoptr(HubStore) store = open_checked (killed_db);

    assert_integrity (store);
    killed_state = final_state (store);
  }
  g_test_message ("import: %u kills, %u runs ended before their kill", kills, finished_early);
  g_assert_cmpstr (killed_state, ==, clean_state);
  g_assert_cmpuint (kills, ==, IMPORT_FILES * KILLS_PER_FILE);
}

/* ---- SIGKILL during sync ---- */

static void
test_sync_killed (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *base = make_base_db (dir);
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *clean_db = g_build_filename (dir, "clean.db", NULL);
  g_autofree char *killed_db = g_build_filename (dir, "killed.db", NULL);
  g_autoptr(HubTestServer) server = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  guint kills = 0, finished_early = 0;

  server = hub_test_server_new (dataset, 0, 0, &error);
  g_assert_no_error (error);
  /* About 20 ms a page, so that kills land between and inside pages. */
  hub_test_server_set_delay (server, 20);
  copy_file (base, clean_db);
  copy_file (base, killed_db);
  before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint stage = 0; kills < SYNC_KILLS && stage < MAX_SYNC_STAGES; stage++)
    {
      g_autoptr(GHashTable) expected = NULL;
      g_autofree char *clean_state = NULL;
      g_autofree char *killed_state = NULL;
      gboolean done = FALSE;
      gint64 duration;

      /* The uninterrupted sync at this state of the Hub. */
      {
        g_autoptr(GSubprocess) proc = NULL;
        g_autoptr(HubStore) store = NULL;
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        gint64 start = g_get_monotonic_time ();

        proc = spawn_hubeco (hub_test_server_get_uri (server), clean_db, "sync", "--scope", "downloads",
                             "--limit", "1500", "--page-size", "100", NULL);
        g_assert_cmpint (finish (proc, &out, &err), ==, 0);
        duration = g_get_monotonic_time () - start;
        store = open_checked (clean_db);
        expected = complete_snapshots (store);
        clean_state = final_state (store);
      }

      g_test_message ("sync stage %u: an uninterrupted run takes %" G_GINT64_FORMAT " ms",
                      stage, duration / 1000);
      /* A resumed sync has less left to do, so the kills come sooner. The
       * stage is done when its snapshot is complete, which a run killed
       * after its last commit also achieves. */
      for (guint k = 0; !done && kills < MIN ((stage + 1) * KILLS_PER_STAGE, SYNC_KILLS); k++)
        {
          g_autoptr(GSubprocess) proc = NULL;
          g_autoptr(HubStore) store = NULL;
          g_autoptr(GHashTable) now = NULL;

          proc = spawn_hubeco (hub_test_server_get_uri (server), killed_db, "sync", "--scope", "downloads",
                               "--limit", "1500", "--page-size", "100", NULL);
          if (kill_after (proc, random_delay (duration * 2 / (2 + k))))
            kills++;
          else
            finished_early++;

          store = open_checked (killed_db);
          assert_integrity (store);
          now = complete_snapshots (store);
          assert_snapshots_intact (now, before, expected);
          g_hash_table_unref (before);
          before = g_steal_pointer (&now);
          done = count_series (before, "sync:") > stage;
        }

      if (!done)
        {
          g_autoptr(GSubprocess) proc = NULL;
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;

          proc = spawn_hubeco (hub_test_server_get_uri (server), killed_db, "sync", "--scope", "downloads",
                               "--limit", "1500", "--page-size", "100", NULL);
          g_assert_cmpint (finish (proc, &out, &err), ==, 0);
        }

      {
        g_autoptr(HubStore) store = open_checked (killed_db);

        assert_integrity (store);
        killed_state = final_state (store);
        g_hash_table_unref (before);
        before = complete_snapshots (store);
      }
      g_assert_cmpstr (killed_state, ==, clean_state);
      hub_test_server_advance (server, 1);
    }

  g_test_message ("sync: %u kills, %u runs ended before their kill", kills, finished_early);
  g_assert_cmpuint (kills, ==, SYNC_KILLS);
}

/* ---- a full disk, a read-only file, a busy database ---- */

static GPtrArray *mounts;

static void
unmount_all (void)
{
  for (guint i = 0; mounts != NULL && i < mounts->len; i++)
    umount2 (g_ptr_array_index (mounts, i), MNT_DETACH);
}

/* A @size tmpfs at @dir/@name, or NULL (the test is skipped) when this
 * process may not mount one. */
static char *
mount_small_tmpfs (const char *dir,
                   const char *name,
                   const char *size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0755", size);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  if (mount ("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    {
      g_autofree char *message = g_strdup_printf ("cannot mount a %s tmpfs to fill (%s): needs root "
                                                  "or CAP_SYS_ADMIN", size, g_strerror (errno));
      g_test_skip (message);
      return NULL;
    }
  if (mounts == NULL)
    {
      mounts = g_ptr_array_new_with_free_func (g_free);
      atexit (unmount_all);
    }
  g_ptr_array_add (mounts, g_strdup (path));
  return g_steal_pointer (&path);
}

static void
unmount (const char *path)
{
  g_assert_cmpint (umount2 (path, MNT_DETACH), ==, 0);
  g_ptr_array_remove (mounts, (gpointer) path);
  for (guint i = 0; i < mounts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (mounts, i), path) == 0)
      g_ptr_array_remove_index (mounts, i);
}

/* The whole embedded model dump as a JSONL file: about 20 MB of models. */
static char *
make_big_dump (const char *dir)
{
  g_auto(GStrv) lines = dataset_lines ();
  g_autofree char *text = g_strjoinv ("\n", lines);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "big.jsonl", NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_disk_full (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *base = make_base_db (dir);
  g_autofree char *big = make_big_dump (dir);
  g_autofree char *small = mount_small_tmpfs (dir, "small", "2m");
  g_autofree char *db = NULL;
  g_autofree char *state_before = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GSubprocess) proc = NULL;

  if (small == NULL)
    return;
  db = g_build_filename (small, "hubeco.db", NULL);
  copy_file (base, db);
  {
    g_autoptr(HubStore) store = open_checked (db);

    before = complete_snapshots (store);
    state_before = final_state (store);
  }

  proc = spawn_hubeco (NULL, db, "import", big, NULL);
  g_assert_cmpint (finish (proc, NULL, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "the disk is full"));
  g_assert_null (strstr (err, "CRITICAL"));

  /* Whatever batches fit are stored; nothing that was there is lost. */
  {
    g_autoptr(HubStore) store = open_checked (db);
    g_autoptr(GHashTable) now = complete_snapshots (store);
    GHashTableIter iter;
    gpointer key, value;

    assert_integrity (store);
    g_hash_table_iter_init (&iter, before);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_cmpstr (g_hash_table_lookup (now, key), ==, value);
    g_assert_cmpuint (g_hash_table_size (now), ==, g_hash_table_size (before));
  }

  /* With room again, the same import completes. */
  unmount (small);
  {
    g_autofree char *roomy = g_build_filename (dir, "roomy.db", NULL);
    g_autoptr(GSubprocess) again = NULL;
    g_autofree char *err2 = NULL;

    copy_file (base, roomy);
    again = spawn_hubeco (NULL, roomy, "import", big, NULL);
    g_assert_cmpint (finish (again, NULL, &err2), ==, 0);
  }
}

static void
test_read_only (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *base = make_base_db (dir);
  g_autofree char *file = NULL;
  g_autofree char *db = NULL;
  g_autofree char *bytes_before = NULL;
  g_autofree char *bytes_after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) files = make_import_files (dir, 2);
  g_autoptr(GSubprocess) proc = NULL;
  gsize len_before = 0, len_after = 0;
  g_autofree char *ro = NULL;

  /* root writes through file permissions: a read-only mount then. */
  if (getuid () == 0)
    {
      ro = mount_small_tmpfs (dir, "ro", "8m");
      if (ro == NULL)
        return;
      db = g_build_filename (ro, "hubeco.db", NULL);
      copy_file (base, db);
      /* The kernel ignores the source and type of a remount; they are
       * given anyway, as valgrind 3.19 reads the type as a string. */
      g_assert_cmpint (mount ("tmpfs", ro, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
    }
  else
    {
      db = g_build_filename (dir, "ro.db", NULL);
      copy_file (base, db);
      g_assert_cmpint (g_chmod (db, 0444), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
    }
  g_file_get_contents (db, &bytes_before, &len_before, NULL);

  proc = spawn_hubeco (NULL, db, "import", g_ptr_array_index (files, 1), NULL);
  g_assert_cmpint (finish (proc, &out, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "read-only"));
  g_assert_null (strstr (err, "CRITICAL"));

  g_file_get_contents (db, &bytes_after, &len_after, NULL);
  g_assert_cmpmem (bytes_before, len_before, bytes_after, len_after);

  if (ro != NULL)
    unmount (ro);
  else
    g_chmod (dir, 0755);
}

/* Another connection holds the write lock: an import waits for it (the
 * busy timeout), and when it is held too long, says that the database is
 * busy and changes nothing. */
static void
test_busy (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *base = make_base_db (dir);
  g_autofree char *db = g_build_filename (dir, "busy.db", NULL);
  g_autoptr(GPtrArray) files = make_import_files (dir, 4);
  g_autoptr(HubStore) holder = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;

  copy_file (base, db);
  holder = open_checked (db);
  before = complete_snapshots (holder);

  /* Held for a second: the import waits, then succeeds. */
  {
    g_autoptr(GSubprocess) proc = NULL;
    g_autofree char *err = NULL;
    gint64 start;

    g_assert_true (hub_store_begin (holder, &error));
    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    proc = spawn_hubeco (NULL, db, "import", g_ptr_array_index (files, 0), NULL);
    g_usleep (G_USEC_PER_SEC);
    g_assert_nonnull (g_subprocess_get_identifier (proc));
    g_assert_true (hub_store_commit (holder, &error));
    g_assert_no_error (error);
    g_assert_cmpint (finish (proc, NULL, &err), ==, 0);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  }

  /* Held longer than the busy timeout: a clear message, nothing written. */
  {
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GHashTable) after_first = complete_snapshots (holder);
    g_autoptr(GHashTable) now = NULL;
    g_autofree char *err = NULL;

    g_assert_true (hub_store_begin (holder, &error));
    g_assert_no_error (error);
    proc = spawn_hubeco (NULL, db, "import", g_ptr_array_index (files, 2), NULL);
    g_assert_cmpint (finish (proc, NULL, &err), ==, 1);
    g_test_message ("%s", err);
    g_assert_nonnull (strstr (err, "another program is using the database"));
    hub_store_rollback (holder);

    assert_integrity (holder);
    now = complete_snapshots (holder);
    g_assert_cmpuint (g_hash_table_size (now), ==, g_hash_table_size (after_first));
    g_assert_cmpuint (g_hash_table_size (now), ==, g_hash_table_size (before) + 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/import-killed", test_import_killed);
  g_test_add_func ("/crash/sync-killed", test_sync_killed);
  g_test_add_func ("/crash/disk-full", test_disk_full);
  g_test_add_func ("/crash/read-only", test_read_only);
  g_test_add_func ("/crash/busy", test_busy);

  return g_test_run ();
}
