/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The full path at full-Hub scale: the synthetic dataset of gen-synthetic.c
 * written to an SQLite store (bulk SQL into the store's own schema), then
 * timed: hub_dataset_load, hub_observations_load, the query
 * by=country;axis=week;window=1y;attribution=root;top=10 through
 * hub_share_run, peak RSS; the same query in sqlite3 over integer tables of
 * the same data at full scale, and CSV files for bench/duckdb/query.mjs.
 *
 * Usage: bench-store-load [--models N] [--weeks N] [--dir DIR] [--runs N]
 *                         [--no-sqlite] [--no-csv] [--load-only]
 * --load-only: with the store already written, skip the generator (and so
 * the SQL engines and CSV files): load and query only, for profiling.
 * DIR (default bench/out) keeps store.db, sql.db, models.csv, obs.csv:
 * an existing store.db of the same size is reused. */
#include "config.h"

#include "gen-synthetic.h"
#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-share-query.h"
#include "hub-store.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FLOOR ((gint64) 1646263744)

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of the process, ms: on a shared machine wall time alone says
 * little. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static long
rss_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, field);
  return p != NULL ? atol (p + strlen (field)) / 1024 : -1;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *err = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &err) != SQLITE_OK)
    g_error ("%s: %s", sql, err);
}

static sqlite3_stmt *
prep (sqlite3    *db,
      const char *sql)
{
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return st;
}

static void
step (sqlite3_stmt *st)
{
  if (sqlite3_step (st) != SQLITE_DONE)
    g_error ("insert: %s", sqlite3_errmsg (sqlite3_db_handle (st)));
  sqlite3_reset (st);
}

static const char * const org_types[] = { "company", "university", "nonprofit", "community", "government", "user" };
static const char * const relations[] = { NULL, "finetune", "adapter", "quantized", "merge" };

/* Model ids sort like their index, so the store's id order is the
 * generator's. */
static void
model_id (char *buf, gsize len, guint m)
{
  g_snprintf (buf, len, "m%07u/model", m);
}

static void
write_store (const HubSynthetic *s,
             const char         *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open (path, &error);
  sqlite3 *db;
  sqlite3_stmt *st;
  char id[64], parent[64], author[32], country[8];
  double t0 = now_ms ();

  g_assert_no_error (error);
  db = hub_store_get_db (store);
  exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;"
            "DROP INDEX IF EXISTS snapshot_rows_model; BEGIN");

  st = prep (db, "INSERT INTO authors (author, country, org_type) VALUES (?1, ?2, ?3)");
  for (guint a = 0; a < s->n_authors; a++)
    {
      g_snprintf (author, sizeof author, "a%07u", a);
      g_snprintf (country, sizeof country, "C%02u", s->country[a]);
      sqlite3_bind_text (st, 1, author, -1, SQLITE_TRANSIENT);
      if (s->country[a] < s->n_countries)
        sqlite3_bind_text (st, 2, country, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (st, 2);
      sqlite3_bind_text (st, 3, org_types[s->org_type[a] % G_N_ELEMENTS (org_types)], -1, SQLITE_STATIC);
      step (st);
    }
  sqlite3_finalize (st);

  st = prep (db, "INSERT INTO models (id, author, created_at) VALUES (?1, ?2, ?3)");
  for (guint m = 0; m < s->n_models; m++)
    {
      model_id (id, sizeof id, m);
      g_snprintf (author, sizeof author, "a%07u", s->author[m]);
      sqlite3_bind_text (st, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 2, author, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 3, s->created_at[m]);
      step (st);
    }
  sqlite3_finalize (st);

  st = prep (db, "INSERT INTO lineage (child, parent, relation, position) VALUES (?1, ?2, ?3, 0)");
  for (guint m = 0; m < s->n_models; m++)
    if (s->first_parent[m] >= 0)
      {
        model_id (id, sizeof id, m);
        model_id (parent, sizeof parent, s->first_parent[m]);
        sqlite3_bind_text (st, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (st, 2, parent, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (st, 3, relations[s->relation[m]], -1, SQLITE_STATIC);
        step (st);
      }
  sqlite3_finalize (st);

  st = prep (db, "INSERT INTO snapshots (id, series, source, captured_at, complete) VALUES (?1, 'synthetic', 'bench', ?2, 1)");
  for (guint w = 0; w < s->n_weeks; w++)
    {
      sqlite3_bind_int64 (st, 1, w + 1);
      sqlite3_bind_int64 (st, 2, s->week_time[w]);
      step (st);
    }
  sqlite3_finalize (st);

  st = prep (db, "INSERT INTO snapshot_rows (snapshot_id, model_id, downloads) VALUES (?1, ?2, ?3)");
  for (guint w = 0; w < s->n_weeks; w++)
    for (guint64 i = s->offsets[w]; i < s->offsets[w + 1]; i++)
      {
        model_id (id, sizeof id, s->model[i]);
        sqlite3_bind_int64 (st, 1, w + 1);
        sqlite3_bind_text (st, 2, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (st, 3, s->value[i]);
        step (st);
      }
  sqlite3_finalize (st);
  exec (db, "COMMIT");
  printf ("wrote %s in %.1f s (index snapshot_rows_model left out)\n", path, (now_ms () - t0) / 1000);
}

/* The query in SQL over integer tables: per week and country the downloads
 * of models created within a year (not at the floor); per week the total
 * and the HHI over known countries. The category is the root's country,
 * computed in C (the SQL engines get attribution for free). */
#define QUERY_SQL \
  "WITH c AS (SELECT o.t, mo.cat, sum (o.v) AS x FROM obs o JOIN models mo ON mo.m = o.m" \
  "  WHERE mo.created != 1646263744 AND mo.created > o.t - 365 * 86400 GROUP BY 1, 2)," \
  " k AS (SELECT t, sum (x) AS xt FROM c WHERE cat != %u GROUP BY 1)" \
  " SELECT c.t, sum (x) AS total, sum (CASE WHEN cat != %u THEN (x * 1.0 / xt) * (x * 1.0 / xt) END) AS hhi" \
  " FROM c JOIN k ON k.t = c.t GROUP BY c.t ORDER BY c.t"

int
main (int   argc,
      char *argv[])
{
  guint n_models = 2200000, n_weeks = 265, runs = 5;
  gboolean do_sqlite = TRUE, do_csv = TRUE, load_only = FALSE;
  const char *dir = "bench/out";
  g_autofree char *store_path = NULL;
  g_autofree char *sql_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) obs = NULL;
  g_autoptr(HubShareResult) res = NULL;
  g_autofree guint32 *roots = NULL;
  g_autofree guint32 *category = NULL;
  HubSynthetic *s = NULL;
  HubQuery query;
  double t0, c0, load_ms, obs_ms, load_cpu, obs_cpu, first_ms = 0, best = G_MAXDOUBLE;
  gint64 ours_total = 0;
  guint last;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--models") && i + 1 < argc)
        n_models = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--weeks") && i + 1 < argc)
        n_weeks = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          runs = atoi (argv[++i]);   /* MAX evaluates its arguments twice */
          runs = MAX (runs, 1);
        }
      else if (g_str_equal (argv[i], "--dir") && i + 1 < argc)
        dir = argv[++i];
      else if (g_str_equal (argv[i], "--no-sqlite"))
        do_sqlite = FALSE;
      else if (g_str_equal (argv[i], "--no-csv"))
        do_csv = FALSE;
      else if (g_str_equal (argv[i], "--load-only"))
        load_only = TRUE;
    }
  g_mkdir_with_parents (dir, 0755);
  store_path = g_strdup_printf ("%s/store-%u-%u.db", dir, n_models, n_weeks);
  sql_path = g_strdup_printf ("%s/sql-%u-%u.db", dir, n_models, n_weeks);

  if (load_only && !g_file_test (store_path, G_FILE_TEST_EXISTS))
    g_error ("--load-only: no %s", store_path);
  if (!load_only)
    {
      s = hub_synthetic_generate (n_models, n_weeks, 20260822);
      printf ("dataset: %u models, %u weeks, %" G_GUINT64_FORMAT " model-week rows\n",
              s->n_models, s->n_weeks, s->offsets[s->n_weeks]);
      if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
        write_store (s, store_path);
    }

  /* ---- HubEco: load from the store, then the query ---- */
  t0 = now_ms ();
  store = hub_store_open (store_path, &error);
  g_assert_no_error (error);
  /* The first open of a schema-2 file, or of one written above, packs
   * every snapshot (hub-snapshot-pack.h); later opens find nothing to do. */
  printf ("open (packs snapshots without a packed copy, once): %.1f s\n", (now_ms () - t0) / 1000);
  t0 = now_ms ();
  c0 = cpu_ms ();
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  load_ms = now_ms () - t0;
  load_cpu = cpu_ms () - c0;
  t0 = now_ms ();
  c0 = cpu_ms ();
  obs = hub_observations_load (store, dataset, "synthetic", HUB_QUERY_MEASURE_DOWNLOADS_30D, NULL, &error);
  g_assert_no_error (error);
  obs_ms = now_ms () - t0;
  obs_cpu = cpu_ms () - c0;
  printf ("load from SQLite: dataset %.1f s + observations %.1f s = %.1f s (%" G_GUINT64_FORMAT " rows);"
          " CPU %.1f s + %.1f s\n",
          load_ms / 1000, obs_ms / 1000, (load_ms + obs_ms) / 1000, obs->n_rows, load_cpu / 1000, obs_cpu / 1000);
  printf ("RSS after load: %ld MB (peak %ld MB)\n", rss_mb ("VmRSS:"), rss_mb ("VmHWM:"));

  g_assert_true (hub_query_parse (&query, "by=country;axis=week;window=1y;attribution=root;top=10", &error));
  /* As the GUI runs it: no roots given, so the first run builds the
   * dataset's caches (roots, categories, credited categories, created
   * column); every later click runs the engine only (on
   * g_get_num_processors() threads; bench-share times 1 and 2). */
  {
    {
      static const char * const clicks[] = {
        "by=country;axis=week;window=6m;attribution=root;top=10",
        "by=country;axis=month;window=1y;attribution=root;top=10",
        "by=country;axis=week;window=none;attribution=root;top=5",
        "by=org-type;axis=week;window=1y;attribution=root;top=10",
        "by=org-type;axis=week;window=1y;attribution=self;top=10",
      };
      g_autofree double *times = g_new (double, runs);
      for (guint r = 0; r < runs; r++)
        {
          g_autoptr(HubShareResult) one_res = NULL;

          t0 = now_ms ();
          one_res = hub_share_run (dataset, obs, &query, NULL, NULL, &error);
          g_assert_no_error (error);
          times[r] = now_ms () - t0;
          if (r == 0)
            first_ms = times[r];
          g_clear_pointer (&res, hub_share_result_free);
          res = g_steal_pointer (&one_res);
        }
      qsort (times, runs, sizeof (double), cmp_double);
      best = times[0];
      printf ("hub_share_run %s, first run (builds the dataset's caches): %.1f ms\n",
              "by=country;axis=week;window=1y;attribution=root;top=10", first_ms);
      printf ("hub_share_run, %u threads, same query again, %u runs: min %.1f ms, median %.1f ms\n",
              g_get_num_processors (), runs, times[0], times[runs / 2]);
      for (guint c = 0; c < G_N_ELEMENTS (clicks); c++)
        {
          g_autoptr(HubShareResult) changed = NULL;
          HubQuery qc;
          double first;

          g_assert_true (hub_query_parse (&qc, clicks[c], &error));
          t0 = now_ms ();
          changed = hub_share_run (dataset, obs, &qc, NULL, NULL, &error);
          g_assert_no_error (error);
          first = now_ms () - t0;
          g_clear_pointer (&changed, hub_share_result_free);
          t0 = now_ms ();
          changed = hub_share_run (dataset, obs, &qc, NULL, NULL, &error);
          g_assert_no_error (error);
          printf ("  click %s: %.1f ms, again %.1f ms\n", clicks[c], first, now_ms () - t0);
          hub_query_clear (&qc);
        }
    }
  }
  roots = hub_dataset_compute_roots (dataset);
  for (guint p = 0; p < res->n_periods; p++)
    ours_total += res->totals[p];
  last = res->n_periods - 1;
  printf ("last week HHI %.6f, Gini %.4f, total %" G_GINT64_FORMAT "\n",
          res->hhi[last], res->gini[last], res->totals[last]);
  printf ("peak RSS %ld MB\n", rss_mb ("VmHWM:"));
  if (load_only)
    {
      hub_query_clear (&query);
      return 0;
    }

  /* The root's country per synthetic model, for the SQL engines. */
  category = g_new (guint32, s->n_models);
  for (guint m = 0; m < s->n_models; m++)
    category[m] = s->country[s->author[roots[m]]];

  if (do_csv)
    {
      g_autofree char *models_csv = g_strdup_printf ("%s/models.csv", dir);
      g_autofree char *obs_csv = g_strdup_printf ("%s/obs.csv", dir);
      FILE *f = fopen (models_csv, "w");

      t0 = now_ms ();
      fprintf (f, "m,cat,created\n");
      for (guint m = 0; m < s->n_models; m++)
        fprintf (f, "%u,%u,%" G_GINT64_FORMAT "\n", m, category[m], s->created_at[m]);
      fclose (f);
      f = fopen (obs_csv, "w");
      fprintf (f, "t,m,v\n");
      for (guint w = 0; w < s->n_weeks; w++)
        for (guint64 i = s->offsets[w]; i < s->offsets[w + 1]; i++)
          fprintf (f, "%" G_GINT64_FORMAT ",%u,%u\n", s->week_time[w], s->model[i], s->value[i]);
      fclose (f);
      printf ("wrote %s and %s in %.1f s; unknown country = %u; HubEco total over all weeks %" G_GINT64_FORMAT "\n",
              models_csv, obs_csv, (now_ms () - t0) / 1000, s->n_countries, ours_total);
    }

  if (do_sqlite)
    {
      g_autofree char *sql = g_strdup_printf (QUERY_SQL, s->n_countries, s->n_countries);
      sqlite3 *db;
      sqlite3_stmt *st;
      gint64 sql_total = 0;
      double sql_ms;

      if (!g_file_test (sql_path, G_FILE_TEST_EXISTS))
        {
          sqlite3_open (sql_path, &db);
          exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                    "CREATE TABLE models (m INTEGER PRIMARY KEY, cat INTEGER, created INTEGER);"
                    "CREATE TABLE obs (t INTEGER, m INTEGER, v INTEGER); BEGIN");
          st = prep (db, "INSERT INTO models VALUES (?, ?, ?)");
          for (guint m = 0; m < s->n_models; m++)
            {
              sqlite3_bind_int64 (st, 1, m);
              sqlite3_bind_int64 (st, 2, category[m]);
              sqlite3_bind_int64 (st, 3, s->created_at[m]);
              step (st);
            }
          sqlite3_finalize (st);
          st = prep (db, "INSERT INTO obs VALUES (?, ?, ?)");
          for (guint w = 0; w < s->n_weeks; w++)
            for (guint64 i = s->offsets[w]; i < s->offsets[w + 1]; i++)
              {
                sqlite3_bind_int64 (st, 1, s->week_time[w]);
                sqlite3_bind_int64 (st, 2, s->model[i]);
                sqlite3_bind_int64 (st, 3, s->value[i]);
                step (st);
              }
          sqlite3_finalize (st);
          exec (db, "COMMIT");
          sqlite3_close (db);
        }
      sqlite3_open (sql_path, &db);
      exec (db, "PRAGMA cache_size = -1000000");
      t0 = now_ms ();
      st = prep (db, sql);
      while (sqlite3_step (st) == SQLITE_ROW)
        sql_total += sqlite3_column_int64 (st, 1);
      sqlite3_finalize (st);
      sql_ms = now_ms () - t0;
      sqlite3_close (db);
      printf ("sqlite3 same query at full scale: %.0f ms; totals %s; sqlite3 / HubEco = %.0fx\n",
              sql_ms, sql_total == ours_total ? "agree" : "DIFFER", sql_ms / best);
    }

  hub_query_clear (&query);
  hub_synthetic_free (s);
  return 0;
}
