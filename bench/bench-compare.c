/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-runs.h"
#include "gen-synthetic.h"
#include "hub-compare.h"
#include "hub-family-split.h"
#include "hub-dataset-private.h"
#include "hub-share-query.h"
#include "synthetic-lineage.h"
#include "synthetic-snapshots.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * Times the Compare figures at full scale:
 *   bench-compare [N_MODELS] [N_SNAPSHOTS]   (default 2,200,000 and 4)
 *
 * The dataset is hub_dataset_new_synthetic() with the lineage of
 * gen-synthetic.c (bench-lineage's); the series has N_SNAPSHOTS weekly
 * snapshots ending a day after the last model's release, each holding
 * every model released by then with a share of its 30-day downloads that
 * grows week by week. Timed, 7 runs each (median in milliseconds):
 *  - every model's relative adoption score at its last observation
 *    (hub_compare_score_all(): the peers' top 10 of every size class,
 *    task and day, then a score per model);
 *  - the Compare view's figure for 12 models (hub_compare_compute());
 *  - the split of the largest family (hub_family_split_compute(), the
 *    roots computed once per dataset as HubAnalysis keeps them).
 */

#define N_RUNS 7
#define DAY 86400

static void
report (const char *label,
        double     *runs,
        const char *detail)
{
  bench_median (runs, N_RUNS);
  printf ("%-46s median %8.2f ms  (min %8.2f, max %8.2f)  %s\n", label, runs[N_RUNS / 2], runs[0],
          runs[N_RUNS - 1], detail);
}

int
main (int   argc,
      char *argv[])
{
  guint n_models = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 2200000;
  guint n_snapshots = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 4;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) observations = NULL;
  g_autofree guint32 *roots = NULL;
  g_autofree guint *family_size = NULL;
  g_autoptr(GPtrArray) subjects = g_ptr_array_new ();
  HubCompareOptions options;
  HubSynthetic *syn;
  HubQuery query;
  double runs[N_RUNS];
  guint32 largest = 0;
  gint64 start = g_get_monotonic_time ();

  dataset = hub_dataset_new_synthetic (n_models, 42);
  syn = hub_synthetic_generate (n_models, 0, 20260822);
  hub_synthetic_rewire_lineage (dataset, syn);
  g_clear_pointer (&syn, hub_synthetic_free);
  observations = hub_synthetic_weekly_snapshots (dataset, n_snapshots);
  roots = hub_dataset_compute_roots (dataset);
  family_size = g_new0 (guint, n_models);
  for (guint m = 0; m < n_models; m++)
    if (++family_size[roots[m]] > family_size[largest])
      largest = roots[m];
  printf ("synthetic dataset: %u models, %u edges, %u snapshots, %" G_GUINT64_FORMAT " rows, largest family %u models;"
          " built in %.0f ms\n", n_models, dataset->n_edges, n_snapshots, observations->n_rows, family_size[largest],
          (g_get_monotonic_time () - start) / 1000.0);

  hub_query_init (&query);
  hub_compare_options_init (&options);
  {
    guint scored = 0;

    for (guint r = 0; r < N_RUNS; r++)
      {
        gint64 t0 = g_get_monotonic_time ();
        g_autofree double *scores = hub_compare_score_all (dataset, observations, NULL, &query, &options, NULL, NULL);

        runs[r] = (g_get_monotonic_time () - t0) / 1000.0;
        scored = 0;
        for (guint m = 0; m < n_models; m++)
          scored += isfinite (scores[m]);
      }
    {
      g_autofree char *detail = g_strdup_printf ("(%u models scored)", scored);

      report ("every model's score (median of the top 10)", runs, detail);
    }
  }

  /* Twelve subjects: the largest family and eleven models across the ids. */
  g_ptr_array_add (subjects, g_strconcat (HUB_COMPARE_FAMILY_PREFIX, dataset->models[largest].id, NULL));
  for (guint i = 1; i < HUB_COMPARE_MAX_SUBJECTS; i++)
    g_ptr_array_add (subjects, g_strdup (dataset->models[(guint64) i * n_models / HUB_COMPARE_MAX_SUBJECTS].id));
  g_ptr_array_add (subjects, NULL);
  options.subjects = (const char * const *) subjects->pdata;
  for (guint r = 0; r < N_RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(HubCompareResult) result = hub_compare_compute (dataset, roots, observations, NULL, &query, &options,
                                                                NULL, NULL);

      runs[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  report ("the view's figure, 11 models and a family", runs, "");

  for (guint r = 0; r < N_RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(HubFamilySplit) split = hub_family_split_compute (dataset, roots, observations, largest, NULL, NULL);

      runs[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  report ("the split of the largest family", runs, "");

  g_ptr_array_set_free_func (subjects, g_free);
  hub_query_clear (&query);
  return 0;
}
