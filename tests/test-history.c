/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-history.h"
#include "hub-test-util.h"

#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>

#define QWEN "Qwen/Qwen3.8-27B"
#define GGUF "0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF"
#define SERIES "hub-models-history"

/* One row of data/dataset/hub-models-history.csv.gz. */
typedef struct {
  gint64 captured_at;
  char  *id;
  gint64 downloads;
  gint64 likes;
  gint64 trending;
} CsvRow;

static void
csv_row_clear (gpointer data)
{
  g_free (((CsvRow *) data)->id);
}

/* The rows of @id, in file order (which is time order), read with
 * GZlibDecompressor independently of the importer. */
static GArray *
load_csv_rows (const char *id)
{
  g_autofree char *path = hub_test_dataset_path ("hub-models-history.csv.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GConverter) zlib = NULL;
  g_autoptr(GInputStream) unzipped = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (CsvRow));
  char *line;
  gboolean header = TRUE;

  g_array_set_clear_func (rows, csv_row_clear);
  raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_assert_no_error (error);
  zlib = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  unzipped = g_converter_input_stream_new (raw, zlib);
  lines = g_data_input_stream_new (unzipped);

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_autofree char *owned = line;
      g_auto(GStrv) fields = NULL;
      CsvRow row;

      g_strchomp (line);  /* CRLF */
      if (header)
        {
          g_assert_cmpstr (line, ==, "captured_at,id,downloads,likes,trendingScore");
          header = FALSE;
          continue;
        }
      fields = g_strsplit (line, ",", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      if (strcmp (fields[1], id) != 0)
        continue;
      row.captured_at = hub_time_parse_iso8601 (fields[0]);
      g_assert_cmpint (row.captured_at, !=, HUB_TIME_NONE);
      row.id = g_strdup (fields[1]);
      row.downloads = g_ascii_strtoll (fields[2], NULL, 10);
      row.likes = g_ascii_strtoll (fields[3], NULL, 10);
      row.trending = g_ascii_strtoll (fields[4], NULL, 10);
      g_array_append_val (rows, row);
    }
  g_assert_no_error (error);
  return rows;
}

static HubStore *
new_store (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(GError) error = NULL;
  HubStore *store = hub_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
snapshot_at (HubStore   *store,
             const char *series,
             gint64      captured_at,
             gboolean    finish)
{
  g_autoptr(GError) error = NULL;
  gint64 id = hub_store_snapshot_find (store, series, captured_at);

  if (id == 0)
    {
      id = hub_store_snapshot_begin (store, series, "test", captured_at, FALSE, &error);
      g_assert_no_error (error);
      if (finish)
        {
          hub_store_snapshot_finish (store, id, &error);
          g_assert_no_error (error);
        }
    }
  return id;
}

static void
add (HubStore   *store,
     gint64      snapshot,
     const char *id,
     gint64      downloads,
     gint64      all_time,
     gint64      likes,
     gint64      trending,
     gint64      rank)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hub_store_snapshot_add (store, snapshot, id, downloads, all_time, likes,
                                         trending, rank, &error));
  g_assert_no_error (error);
}

static GArray *
load (HubStore   *store,
      const char *id,
      const char *series)
{
  g_autoptr(GError) error = NULL;
  GArray *points = hub_history_load (store, id, series, &error);

  g_assert_no_error (error);
  g_assert_nonnull (points);
  return points;
}

#define POINT(a, i) (&g_array_index ((a), HubHistoryPoint, (i)))

/* The real history rows as a series whose all-time total grows by each
 * row's 30-day downloads / 30 (a stand-in: the CSV has no all-time column). */
static void
test_real_series (void)
{
  g_autoptr(HubStore) store = new_store ();
  g_autoptr(GArray) rows = load_csv_rows (QWEN);
  g_autoptr(GArray) points = NULL;
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 total = 40000000;

  g_assert_cmpuint (rows->len, >=, 10);
  g_assert_true (hub_store_begin (store, &error));
  /* Newest first, so snapshot ids run against time. */
  for (guint i = rows->len; i-- > 0;)
    {
      CsvRow *row = &g_array_index (rows, CsvRow, i);
      gint64 snap = snapshot_at (store, SERIES, row->captured_at, TRUE);

      add (store, snap, QWEN, row->downloads, HUB_COUNT_NONE, row->likes, row->trending, HUB_COUNT_NONE);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CsvRow *row = &g_array_index (rows, CsvRow, i);
      gint64 snap = hub_store_snapshot_find (store, SERIES, row->captured_at);

      total += row->downloads / 30;
      g_array_append_val (totals, total);
      add (store, snap, QWEN, row->downloads, total, row->likes, row->trending, i + 1);
    }
  g_assert_true (hub_store_commit (store, &error));

  points = load (store, QWEN, NULL);
  g_assert_cmpuint (points->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      CsvRow *row = &g_array_index (rows, CsvRow, i);
      HubHistoryPoint *p = POINT (points, i);

      g_assert_cmpstr (p->series, ==, SERIES);
      g_assert_cmpint (p->captured_at, ==, row->captured_at);
      g_assert_true (p->complete);
      g_assert_cmpint (p->downloads, ==, row->downloads);
      g_assert_cmpint (p->likes, ==, row->likes);
      g_assert_cmpint (p->trending_score, ==, row->trending);
      g_assert_cmpint (p->rank, ==, i + 1);
      g_assert_cmpint (p->downloads_all_time, ==, g_array_index (totals, gint64, i));
      g_assert_false (p->decreased);
      if (i == 0)
        g_assert_cmpint (p->interval_downloads, ==, HUB_COUNT_NONE);
      else
        g_assert_cmpint (p->interval_downloads, ==, row->downloads / 30);
      g_assert_cmpint (p->snapshot_id, ==, hub_store_snapshot_find (store, SERIES, row->captured_at));
    }

  /* A model never observed gives an empty array, not an error. */
  g_clear_pointer (&points, g_array_unref);
  points = load (store, "nobody/nothing", NULL);
  g_assert_cmpuint (points->len, ==, 0);
}

static void
test_decrease_and_series (void)
{
  static const struct {
    const char *series;
    gint64      at;
    gint64      all_time;
    gboolean    finish;
    gint64      interval;
    gboolean    decreased;
  } rows[] = {
    /* In the order loaded: by series, then time. */
    { "hub-models-history", 1787124991, 150262,  TRUE,  HUB_COUNT_NONE, FALSE },
    { "hub-models-history", 1787140800, 245266,  TRUE,  95004,          FALSE },
    { "hub-models-history", 1787169600, 245266,  TRUE,  0,              FALSE },
    { "hub-models-history", 1787198400, 241000,  TRUE,  HUB_COUNT_NONE, TRUE },
    { "hub-models-history", 1787227200, 326638,  TRUE,  85638,          FALSE },
    { "hub-models-history", 1787256000, HUB_COUNT_NONE, TRUE, HUB_COUNT_NONE, FALSE },
    { "hub-models-history", 1787284800, 421918,  FALSE, HUB_COUNT_NONE, FALSE },
    { "sync",               1787130000, 1000000, TRUE,  HUB_COUNT_NONE, FALSE },
    { "sync",               1787313600, 1000500, FALSE, 500,            FALSE },
  };
  g_autoptr(HubStore) store = new_store ();
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) error = NULL;
  guint n_history = 0;

  /* Written in reverse so the load has to sort. */
  for (guint i = G_N_ELEMENTS (rows); i-- > 0;)
    {
      gint64 snap = snapshot_at (store, rows[i].series, rows[i].at, rows[i].finish);

      add (store, snap, GGUF, 1000 + i, rows[i].all_time, i, i, HUB_COUNT_NONE);
      /* Another model in the same snapshots must not leak in. */
      add (store, snap, QWEN, 1, 1, 1, 1, 1);
      n_history += g_str_equal (rows[i].series, SERIES);
    }

  points = load (store, GGUF, NULL);
  g_assert_cmpuint (points->len, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      HubHistoryPoint *p = POINT (points, i);

      g_assert_cmpstr (p->series, ==, rows[i].series);
      g_assert_cmpint (p->captured_at, ==, rows[i].at);
      g_assert_cmpint (p->downloads_all_time, ==, rows[i].all_time);
      g_assert_cmpint (p->downloads, ==, 1000 + i);
      g_assert_cmpint (p->rank, ==, HUB_COUNT_NONE);
      g_assert_cmpint (p->complete, ==, rows[i].finish);
      g_assert_cmpint (p->interval_downloads, ==, rows[i].interval);
      g_assert_cmpint (p->decreased, ==, rows[i].decreased);
    }

  /* One series alone. */
  g_clear_pointer (&points, g_array_unref);
  points = load (store, GGUF, "sync");
  g_assert_cmpuint (points->len, ==, 2);
  g_assert_cmpint (POINT (points, 0)->interval_downloads, ==, HUB_COUNT_NONE);
  g_assert_cmpint (POINT (points, 1)->interval_downloads, ==, 500);
  g_clear_pointer (&points, g_array_unref);
  points = load (store, GGUF, SERIES);
  g_assert_cmpuint (points->len, ==, n_history);
  g_clear_pointer (&points, g_array_unref);
  points = load (store, GGUF, "no-such-series");
  g_assert_cmpuint (points->len, ==, 0);

  /* A rolled-back snapshot leaves no point. */
  g_assert_true (hub_store_begin (store, &error));
  add (store, snapshot_at (store, "sync", 1787400000, TRUE), GGUF, 1, 1, 1, 1, 1);
  hub_store_rollback (store);
  g_clear_pointer (&points, g_array_unref);
  points = load (store, GGUF, "sync");
  g_assert_cmpuint (points->len, ==, 2);
}

static void
test_interned (void)
{
  g_autoptr(HubStore) store = new_store ();
  g_autofree char *series = g_strdup_printf ("series-%u", g_test_rand_int ());
  GArray *points;
  const char *kept;

  add (store, snapshot_at (store, series, 1787124991, TRUE), QWEN, 665513, 10, 11179, 10589, 1);
  points = load (store, QWEN, NULL);
  g_assert_cmpuint (points->len, ==, 1);
  kept = POINT (points, 0)->series;
  g_assert_cmpstr (kept, ==, series);
  g_assert_true (kept != series);
  g_array_unref (points);
  g_clear_object (&store);

  /* The string outlives the array and the store: interned for the process. */
  g_assert_cmpstr (kept, ==, series);
  g_assert_true (kept == g_intern_string (series));
}

static void
test_database_error (void)
{
  g_autoptr(HubStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = NULL;

  add (store, snapshot_at (store, SERIES, 1787124991, TRUE), QWEN, 665513, 10, 11179, 10589, 1);
  points = load (store, QWEN, NULL);
  g_assert_cmpuint (points->len, ==, 1);
  g_clear_pointer (&points, g_array_unref);

  /* A broken schema: the cached statement fails with a plain message. */
  g_assert_cmpint (sqlite3_exec (hub_store_get_db (store),
                                 "PRAGMA foreign_keys = OFF; DROP TABLE snapshots;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  points = hub_history_load (store, QWEN, NULL, &error);
  g_assert_null (points);
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "history of model " QWEN));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/real-series", test_real_series);
  g_test_add_func ("/history/decrease-and-series", test_decrease_and_series);
  g_test_add_func ("/history/interned", test_interned);
  g_test_add_func ("/history/database-error", test_database_error);

  return g_test_run ();
}
