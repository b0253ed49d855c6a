/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gen-synthetic.h"
#include "hub-dataset-private.h"
#include "hub-quality.h"
#include "synthetic-lineage.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * Times a quality × adoption figure at full scale:
 *   bench-quality [N_MODELS]   (default 2,200,000)
 *
 * The dataset is hub_dataset_new_synthetic() with the lineage of
 * gen-synthetic.c (bench-lineage's), one snapshot holding every model with
 * its 30-day downloads, and a score set of N_SCORED models: every
 * 4,000th model, plus N_UNKNOWN ids the data does not know (so that the
 * case-insensitive pass over every id runs, as it does for the shipped
 * EuroEval set, where 257 of 412 ids are API-only). Each figure runs 7
 * times; the median is printed in milliseconds.
 */

#define N_RUNS 7
#define N_UNKNOWN 250

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static HubObservations *
one_snapshot (HubDataset *dataset)
{
  guint n = dataset->n_models, k = 0;
  gint64 *times = g_new (gint64, 1);
  guint64 *offsets = g_new (guint64, 2);
  guint32 *model = g_new (guint32, n);
  guint32 *value = g_new (guint32, n);

  for (guint m = 0; m < n; m++)
    if (dataset->models[m].downloads >= 0)
      {
        model[k] = m;
        value[k++] = (guint32) MIN (dataset->models[m].downloads, G_MAXUINT32);
      }
  times[0] = 1787428800;
  offsets[0] = 0;
  offsets[1] = k;
  return hub_observations_new ("synthetic", HUB_QUERY_MEASURE_DOWNLOADS_30D, 1, times, offsets, model, value, NULL);
}

static HubScoreSet *
score_set (HubDataset *dataset)
{
  HubScoreSet *set = g_new0 (HubScoreSet, 1);
  const char *benchmarks[] = { "bench", NULL };

  g_atomic_ref_count_init (&set->ref_count);
  set->name = g_strdup ("synthetic");
  set->scores = g_array_new (FALSE, FALSE, sizeof (HubScore));
  set->strings = g_string_chunk_new (4096);
  set->benchmarks = g_strdupv ((char **) benchmarks);
  for (guint m = 0; m < dataset->n_models; m += 4000)
    {
      HubScore score = { dataset->models[m].id, "bench", "", "", NULL, (m % 1000) / 1000.0, FALSE };

      g_array_append_val (set->scores, score);
    }
  for (guint i = 0; i < N_UNKNOWN; i++)
    {
      g_autofree char *id = g_strdup_printf ("api-only/Model-%u", i);
      HubScore score = { g_string_chunk_insert (set->strings, id), "bench", "", "", NULL, 0.5, FALSE };

      g_array_append_val (set->scores, score);
    }
  return set;
}

static void
time_figure (const char            *label,
             HubDataset            *dataset,
             const HubScoreSet     *set,
             const HubObservations *observations,
             HubQueryAttribution    attribution,
             gboolean               inherit)
{
  const char *benchmarks[] = { "bench", NULL };
  double runs[N_RUNS];
  HubQualityOptions options;
  HubQuery query;
  guint n_points = 0;

  hub_query_init (&query);
  query.attribution = attribution;
  hub_quality_options_init (&options);
  options.score_set = "synthetic";
  options.benchmarks = benchmarks;
  options.inherit = inherit;
  for (guint r = 0; r < N_RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(HubQualityResult) result = hub_quality_compute (dataset, set, observations, &query, &options,
                                                                NULL, NULL);

      runs[r] = (g_get_monotonic_time () - start) / 1000.0;
      n_points = result->points->len;
    }
  qsort (runs, N_RUNS, sizeof (double), compare_doubles);
  printf ("%-44s median %8.2f ms  (min %8.2f, max %8.2f)  (%u points)\n",
          label, runs[N_RUNS / 2], runs[0], runs[N_RUNS - 1], n_points);
}

int
main (int   argc,
      char *argv[])
{
  guint n_models = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 2200000;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) observations = NULL;
  g_autoptr(HubScoreSet) set = NULL;
  HubSynthetic *syn;
  gint64 start = g_get_monotonic_time ();

  dataset = hub_dataset_new_synthetic (n_models, 42);
  syn = hub_synthetic_generate (n_models, 0, 20260822);
  hub_synthetic_rewire_lineage (dataset, syn);
  g_clear_pointer (&syn, hub_synthetic_free);
  observations = one_snapshot (dataset);
  set = score_set (dataset);
  printf ("synthetic dataset: %u models, %u edges, %" G_GUINT64_FORMAT " observed, %u scores, built in %.0f ms\n",
          n_models, dataset->n_edges, observations->n_rows, set->scores->len,
          (g_get_monotonic_time () - start) / 1000.0);

  time_figure ("own downloads", dataset, set, observations, HUB_QUERY_ATTRIBUTION_SELF, FALSE);
  time_figure ("own downloads, quantized copies inherit", dataset, set, observations,
               HUB_QUERY_ATTRIBUTION_SELF, TRUE);
  time_figure ("family downloads (root attribution)", dataset, set, observations,
               HUB_QUERY_ATTRIBUTION_ROOT, FALSE);
  return 0;
}
