/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parquet import at full-Hub scale: writes a models.parquet of the hub-stats
 * shape with N synthetic models (DuckDB makes it), then imports it into a
 * fresh store twice (a first snapshot, then a second revision of the same
 * models with new counts), timing each and reading the peak RSS.
 *   ninja -C BUILD bench/bench-parquet-import
 *   BUILD/bench/bench-parquet-import [--rows 2200000] [--dir DIR] [--keep]
 * Targets (issue 14): 2.2 M rows in at most 20 s and 2 GB RSS on 2 cores. */
#include "config.h"

#include "hub-import.h"

#include <duckdb.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

/* 50,000 authors; ~12 tags; 40 % with a parent (half quantized, half
 * fine-tuned), safetensors sizes for 70 %; downloads heavy-tailed. The
 * second revision (@day 1) adds downloads to every model. */
#define MODELS_SQL \
  "COPY (SELECT 'org' || (i %% 50000) || '/model-' || i AS id, 'org' || (i %% 50000) AS author," \
  " TIMESTAMP '2022-03-02 23:29:04' + to_seconds(CAST(i %% 120000000 AS BIGINT)) AS createdAt," \
  " CAST(floor(1e7 / (1 + (i %% 100000))) AS BIGINT) + %d * (i %% 13) AS downloads," \
  " CAST(floor(1e8 / (1 + (i %% 100000))) AS BIGINT) + %d * (i %% 97) AS downloadsAllTime," \
  " CAST(i %% 321 AS BIGINT) AS likes, CAST(i %% 7 AS BIGINT) AS trendingScore," \
  " ['text-generation', 'transformers', 'safetensors', 'llama', 'conversational', 'en'," \
  "  'license:apache-2.0', 'endpoints_compatible', 'region:us', 'autotrain_compatible'," \
  "  'text-generation-inference', 'tag-' || (i %% 1000)] AS tags," \
  " CASE WHEN i %% 5 < 2 THEN NULL ELSE 'text-generation' END AS pipeline_tag," \
  " 'transformers' AS library_name," \
  " CASE WHEN i %% 5 < 2 AND i > 1000 THEN struct_pack(" \
  "   relation := CASE WHEN i %% 2 = 0 THEN 'quantized' ELSE 'finetune' END," \
  "   models := [struct_pack(_id := md5(i::VARCHAR), id := 'org' || ((i / 7) %% 50000) || '/model-' || (i / 7))])" \
  "  ELSE NULL END AS baseModels," \
  " CASE WHEN i %% 10 < 7 THEN struct_pack(parameters := MAP {'BF16': 1000000 + i}, total := 1000000 + i)" \
  "  ELSE NULL END AS safetensors" \
  " FROM range(%u) t(i)) TO '%s' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)"

static void
write_models (guint       rows,
              int         day,
              const char *path)
{
  g_autofree char *sql = g_strdup_printf (MODELS_SQL, day, day * 10, rows, path);
  duckdb_database db = NULL;
  duckdb_connection conn = NULL;
  duckdb_result result;

  if (duckdb_open (NULL, &db) != DuckDBSuccess || duckdb_connect (db, &conn) != DuckDBSuccess)
    exit (1);
  if (duckdb_query (conn, sql, &result) != DuckDBSuccess)
    {
      fprintf (stderr, "DuckDB: %s\n", duckdb_result_error (&result));
      exit (1);
    }
  duckdb_destroy_result (&result);
  duckdb_disconnect (&conn);
  duckdb_close (&db);
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HubStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  int rows = 2200000;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Models in the file (default 2,200,000)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Work folder (default: a new one in /tmp)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the files", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if (dir == NULL)
    dir = g_dir_make_tmp ("hubeco-bench-parquet-XXXXXX", NULL);
  db = g_build_filename (dir, "bench.db", NULL);

  store = hub_store_open (db, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (int day = 0; day < 2; day++)
    {
      g_autofree char *name = g_strdup_printf ("models-2026-01-%02d.parquet", day + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(HubImportReport) report = hub_import_report_new ();
      HubImportOptions options = HUB_IMPORT_OPTIONS_INIT;
      gint64 start = g_get_monotonic_time ();
      struct stat st;
      double seconds;

      write_models ((guint) rows, day, path);
      g_stat (path, &st);
      printf ("%s: %d rows, %.1f MB, written in %.1f s\n", name, rows, st.st_size / 1e6,
              (g_get_monotonic_time () - start) / 1e6);

      options.series = "hub-stats";
      start = g_get_monotonic_time ();
      if (!hub_import_file_full (store, file, HUB_IMPORT_FORMAT_AUTO, &options, report, NULL, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      printf ("import %d: %.1f s (%.0f rows/s): %u added, %u updated, %u rejected, "
              "%u fields dropped, %u snapshot rows; peak RSS so far %.0f MB\n",
              day + 1, seconds, rows / seconds, report->models_added, report->models_updated,
              report->models_rejected, report->fields_dropped, report->snapshot_rows, peak_rss_mb ());
      if (!keep)
        g_unlink (path);
    }

  g_clear_object (&store);
  if (!keep)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
