/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The share engine at full-Hub scale: by=country;axis=week;window=1y;
 * attribution=root;top=10 with HHI/Gini over the synthetic dataset of
 * gen-synthetic.c, and the same query in SQLite on the first weeks.
 * Usage: bench-share [--models N] [--weeks N] [--runs N] [--sqlite-weeks N] */
#include "config.h"

#include "gen-synthetic.h"
#include "hub-attribution.h"
#include "hub-share.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static long
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, "VmHWM:");
  return p != NULL ? atol (p + 6) / 1024 : -1;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Country of the root's author, per model (the query's recompute step 1). */
static void
credit_countries (const HubSynthetic *s,
                  const guint32      *roots,
                  guint32            *category)
{
  for (guint m = 0; m < s->n_models; m++)
    category[m] = s->country[s->author[roots[m]]];
}

static gint64
sqlite_run (const HubSynthetic *s,
            guint               n_weeks,
            const guint32      *category,
            double             *out_ms)
{
  sqlite3 *db;
  sqlite3_stmt *st;
  double t0;
  gint64 total = 0;

  sqlite3_open (":memory:", &db);
  sqlite3_exec (db, "CREATE TABLE models (m INTEGER PRIMARY KEY, cat INTEGER, created INTEGER);"
                    "CREATE TABLE obs (w INTEGER, t INTEGER, m INTEGER, v INTEGER);", NULL, NULL, NULL);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO models VALUES (?, ?, ?)", -1, &st, NULL);
  for (guint m = 0; m < s->n_models; m++)
    {
      sqlite3_bind_int64 (st, 1, m);
      sqlite3_bind_int64 (st, 2, category[m]);
      sqlite3_bind_int64 (st, 3, s->created_at[m]);
      sqlite3_step (st);
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);
  sqlite3_prepare_v2 (db, "INSERT INTO obs VALUES (?, ?, ?, ?)", -1, &st, NULL);
  for (guint w = 0; w < n_weeks; w++)
    for (guint64 i = s->offsets[w]; i < s->offsets[w + 1]; i++)
      {
        sqlite3_bind_int64 (st, 1, w);
        sqlite3_bind_int64 (st, 2, s->week_time[w]);
        sqlite3_bind_int64 (st, 3, s->model[i]);
        sqlite3_bind_int64 (st, 4, s->value[i]);
        sqlite3_step (st);
        sqlite3_reset (st);
      }
  sqlite3_finalize (st);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  t0 = now_ms ();
  /* Per week and country the downloads of models created within a year
   * (not at the floor); then the per-week sum of squared shares. */
  sqlite3_prepare_v2 (db,
    "WITH c AS (SELECT o.w, mo.cat, sum (o.v) AS x FROM obs o JOIN models mo ON mo.m = o.m"
    "  WHERE mo.created != ?1 AND mo.created > o.t - 365 * 86400 GROUP BY 1, 2),"
    " k AS (SELECT w, sum (x) AS xt FROM c WHERE cat != ?2 GROUP BY 1)"
    " SELECT c.w, sum (x), sum (CASE WHEN cat != ?2 THEN (x * 1.0 / xt) * (x * 1.0 / xt) END)"
    " FROM c JOIN k ON k.w = c.w GROUP BY c.w", -1, &st, NULL);
  sqlite3_bind_int64 (st, 1, 1646263744);
  sqlite3_bind_int64 (st, 2, s->n_countries);
  while (sqlite3_step (st) == SQLITE_ROW)
    total += sqlite3_column_int64 (st, 1);
  sqlite3_finalize (st);
  *out_ms = now_ms () - t0;
  sqlite3_close (db);
  return total;
}

int
main (int   argc,
      char *argv[])
{
  guint n_models = 2200000, n_weeks = 265, runs = 7, sqlite_weeks = 4;
  HubSynthetic *s;
  g_autofree guint32 *roots = NULL;
  g_autofree guint32 *category = NULL;
  g_autofree guint32 *group_period = NULL;
  g_autofree double *times = NULL;
  HubShareInput in = { 0 };
  double t0, gen_ms, roots_ms = 0;

  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--models"))
        n_models = atoi (argv[i + 1]);
      else if (g_str_equal (argv[i], "--weeks"))
        n_weeks = atoi (argv[i + 1]);
      else if (g_str_equal (argv[i], "--runs"))
        runs = MAX (1, atoi (argv[i + 1]));
      else if (g_str_equal (argv[i], "--sqlite-weeks"))
        sqlite_weeks = atoi (argv[i + 1]);
    }

  t0 = now_ms ();
  s = hub_synthetic_generate (n_models, n_weeks, 20260822);
  gen_ms = now_ms () - t0;
  {
    guint n_derived = 0, n_floor = 0, max_depth = 0, per_rel[5] = { 0 };
    for (guint m = 0; m < s->n_models; m++)
      {
        n_derived += s->first_parent[m] >= 0;
        n_floor += s->created_at[m] == 1646263744;
        max_depth = MAX (max_depth, s->depth[m]);
        per_rel[s->relation[m]]++;
      }
    printf ("dataset: %u models, %u authors, %u countries, %u weeks, %" G_GUINT64_FORMAT " model-week rows "
            "(generated in %.0f ms)\n", s->n_models, s->n_authors, s->n_countries, s->n_weeks,
            s->offsets[s->n_weeks], gen_ms);
    printf ("lineage: %u derived (finetune %u, adapter %u, quantized %u, merge %u), max depth %u; %u at the createdAt floor\n",
            n_derived, per_rel[1], per_rel[2], per_rel[3], per_rel[4], max_depth, n_floor);
  }

  roots = g_new (guint32, s->n_models);
  category = g_new (guint32, s->n_models);
  group_period = g_new (guint32, s->n_weeks);
  for (guint w = 0; w < s->n_weeks; w++)
    group_period[w] = w;

  in.n_models = s->n_models;
  in.category = category;
  in.created_at = s->created_at;
  in.n_categories = s->n_countries + 1;
  in.unknown_category = s->n_countries;
  in.n_groups = s->n_weeks;
  in.offsets = s->offsets;
  in.model = s->model;
  in.value32 = s->value;
  in.group_time = s->week_time;
  in.group_period = group_period;
  in.n_periods = s->n_weeks;
  in.window_days = 365;
  in.top = 10;

  /* Roots depend on the dataset only: computed once per load and kept. */
  t0 = now_ms ();
  hub_attribution_compute_roots (s->first_parent, s->n_models, roots);
  roots_ms = now_ms () - t0;
  printf ("roots of every model (once per load): %.1f ms\n", roots_ms);

  times = g_new (double, runs);
  for (guint threads = 1; threads <= 2; threads++)
    {
      HubShareResult *res = NULL;

      in.n_threads = threads;
      for (guint r = 0; r < runs; r++)
        {
          t0 = now_ms ();
          /* A recompute: credited categories, matrix + concentration. */
          credit_countries (s, roots, category);
          g_clear_pointer (&res, hub_share_result_free);
          res = hub_share_compute (&in, NULL);
          times[r] = now_ms () - t0;
        }
      qsort (times, runs, sizeof (double), cmp_double);
      printf ("recompute by=country;axis=week;window=1y;attribution=root;top=10, %u thread%s: "
              "min %.1f ms, median %.1f ms, max %.1f ms\n",
              threads, threads > 1 ? "s" : "", times[0], times[runs / 2], times[runs - 1]);
      if (threads == 2)
        {
          guint last = res->n_periods - 1;
          printf ("last week %s: %u columns, HHI %.4f, Gini %.4f, top1 %.3f, participants %u, total %" G_GINT64_FORMAT "\n",
                  "", res->n_columns, res->hhi[last], res->gini[last], res->top1[last], res->participants[last],
                  res->totals[last]);
        }
      hub_share_result_free (res);
    }

  if (sqlite_weeks > 0)
    {
      HubShareResult *res;
      double sql_ms, ours_ms;
      gint64 sql_total, ours_total = 0;
      guint nw = MIN (sqlite_weeks, s->n_weeks);

      in.n_threads = 2;
      in.n_groups = nw;
      in.n_periods = nw;
      t0 = now_ms ();
      res = hub_share_compute (&in, NULL);
      ours_ms = now_ms () - t0;
      for (guint w = 0; w < nw; w++)
        ours_total += res->totals[w];
      hub_share_result_free (res);
      sql_total = sqlite_run (s, nw, category, &sql_ms);
      printf ("first %u weeks (%" G_GUINT64_FORMAT " rows): sqlite3 %.0f ms, HubEco %.1f ms, ratio %.0fx; totals %s\n",
              nw, s->offsets[nw], sql_ms, ours_ms, sql_ms / ours_ms,
              sql_total == ours_total ? "agree" : "DIFFER");
    }
  printf ("peak RSS %ld MB\n", rss_mb ());
  hub_synthetic_free (s);
  return 0;
}
