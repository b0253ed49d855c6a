/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-runs.h"
#include "gen-synthetic.h"
#include "hub-dataset-private.h"
#include "hub-sensitivity.h"
#include "hub-share-query.h"
#include "synthetic-lineage.h"
#include "synthetic-snapshots.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * Times issue 17's figures at full scale:
 *   bench-concentration [N_MODELS] [N_SNAPSHOTS]   (default 2,200,000 and 26)
 *
 * The dataset is bench-compare's (hub_dataset_new_synthetic() with
 * gen-synthetic.c's lineage and authors; N_SNAPSHOTS weekly snapshots of
 * every model released by then). Timed, 5 runs each after a first run
 * that fills the dataset's caches (median in milliseconds):
 *  - one share query, by=country;axis=week;window=1y;attribution=root;top=10
 *    (hub_share_run());
 *  - the sensitivity grid of that query, attribution × the three windows
 *    (hub_sensitivity_compute(): six runs), against 6× the single query;
 *  - 200 bootstrap draws of the last period by country, by author and by
 *    model, every model of the last snapshot a unit (no window;
 *    hub_share_run_extras(), minus the same run without them).
 */

#define N_RUNS 5

static double
time_share (HubDataset            *dataset,
            const HubObservations *observations,
            const HubQuery        *query,
            const HubShareExtras  *extras,
            HubShareResult       **out)
{
  double runs[N_RUNS];

  for (guint r = 0; r < N_RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      HubShareResult *res = hub_share_run_extras (dataset, observations, query, extras, NULL, NULL);

      runs[r] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_nonnull (res);
      if (out != NULL && r == N_RUNS - 1)
        *out = res;
      else
        hub_share_result_free (res);
    }
  return bench_median (runs, N_RUNS);
}

int
main (int   argc,
      char *argv[])
{
  guint n_models = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 2200000;
  guint n_snapshots = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 26;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) observations = NULL;
  HubSynthetic *syn;
  HubQuery query;
  double single, runs[N_RUNS];
  double loadavg[3] = { 0 };
  gint64 start = g_get_monotonic_time ();

  dataset = hub_dataset_new_synthetic (n_models, 42);
  syn = hub_synthetic_generate (n_models, 0, 20260822);
  hub_synthetic_rewire_lineage (dataset, syn);
  g_clear_pointer (&syn, hub_synthetic_free);
  observations = hub_synthetic_weekly_snapshots (dataset, n_snapshots);
  printf ("synthetic dataset: %u models, %u snapshots, %" G_GUINT64_FORMAT " rows; built in %.0f ms\n",
          n_models, n_snapshots, observations->n_rows, (g_get_monotonic_time () - start) / 1000.0);

  g_assert_true (hub_query_parse (&query, "by=country;axis=week;window=1y;attribution=root;top=10", NULL));
  {
    /* The first run fills the caches (categories, roots, credit). */
    g_autoptr(HubShareResult) warm = hub_share_run (dataset, observations, &query, NULL, NULL, NULL);
  }
  single = time_share (dataset, observations, &query, NULL, NULL);
  printf ("%-58s median %8.1f ms\n", "one query (by=country;week;window=1y;root;top=10)", single);

  {
    g_autoptr(HubSensitivityResult) warm = hub_sensitivity_compute (dataset, observations, &query,
                                                                    HUB_SENSITIVITY_VARY_ATTRIBUTION |
                                                                    HUB_SENSITIVITY_VARY_WINDOW, NULL, NULL);
    g_assert_nonnull (warm);
  }
  for (guint r = 0; r < N_RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(HubSensitivityResult) grid = hub_sensitivity_compute (dataset, observations, &query,
                                                                      HUB_SENSITIVITY_VARY_ATTRIBUTION |
                                                                      HUB_SENSITIVITY_VARY_WINDOW, NULL, NULL);

      runs[r] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_cmpuint (grid->n_methods, ==, 6);
    }
  {
    double grid = bench_median (runs, N_RUNS);

    printf ("%-58s median %8.1f ms = %.2f× the single query (target ≤ 6×)\n",
            "sensitivity grid, attribution × 3 windows (6 methods)", grid, grid / single);
  }

  {
    static const char *bys[] = { "country", "author", "model" };

    for (guint i = 0; i < G_N_ELEMENTS (bys); i++)
      {
        /* No window: the last snapshot's every model is a unit. */
        g_autofree char *text = g_strdup_printf ("by=%s;axis=week;top=10", bys[i]);
        HubShareExtras extras = { TRUE, -1, 200, 20261207, NULL };
        HubShareResult *res = NULL;
        HubQuery q;
        double plain, with;

        g_assert_true (hub_query_parse (&q, text, NULL));
        {
          g_autoptr(HubShareResult) warm = hub_share_run (dataset, observations, &q, NULL, NULL, NULL);
        }
        plain = time_share (dataset, observations, &q, NULL, NULL);
        with = time_share (dataset, observations, &q, &extras, &res);
        printf ("%-58s median %8.1f ms (query %.1f ms + %.1f ms)\n",
                g_strdup_printf ("200 bootstrap draws of the last period, by %s (%u units)", bys[i],
                                 res->bootstrap[res->n_periods - 1].units),
                with, plain, with - plain);
        hub_share_result_free (res);
        hub_query_clear (&q);
      }
  }
  if (getloadavg (loadavg, 3) > 0)
    printf ("load average %.2f %.2f %.2f\n", loadavg[0], loadavg[1], loadavg[2]);
  hub_query_clear (&query);
  return 0;
}
