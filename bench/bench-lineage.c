/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-bench"

#include "config.h"

#include "gen-synthetic.h"
#include "synthetic-lineage.h"
#include "hub-attribution.h"
#include "hub-dataset-private.h"
#include "hub-lineage.h"
#include "hub-model-suggest.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * Times the lineage graph at full scale:
 *   bench-lineage [N_MODELS]   (default 2,200,000)
 *
 * The dataset is hub_dataset_new_synthetic() (names, tables, downloads)
 * with the lineage and authors of the analytics benchmark's synthetic
 * dataset (bench/gen-synthetic.c: 55 % derived, finetune 40 %, adapter
 * 25 %, quantized 25 %, merge 10 %, depth up to 6). That generator gives
 * first parents only; each merge here gets a second parent too, an earlier
 * model picked by a hash, so that merges join two families.
 * Each measure runs 7 times; the median is printed in milliseconds.
 */

#define N_RUNS 7

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *label,
        double     *runs,
        const char *extra)
{
  qsort (runs, N_RUNS, sizeof (double), compare_doubles);
  printf ("%-46s median %8.2f ms  (min %8.2f, max %8.2f)  %s\n",
          label, runs[N_RUNS / 2], runs[0], runs[N_RUNS - 1], extra != NULL ? extra : "");
}

#define TIME(label, extra, body)                                         \
  G_STMT_START {                                                         \
    double runs_[N_RUNS];                                                \
    for (guint run_ = 0; run_ < N_RUNS; run_++)                          \
      {                                                                  \
        gint64 start_ = g_get_monotonic_time ();                         \
        body;                                                            \
        runs_[run_] = (g_get_monotonic_time () - start_) / 1000.0;       \
      }                                                                  \
    report (label, runs_, extra);                                        \
  } G_STMT_END

int
main (int   argc,
      char *argv[])
{
  guint n_models = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 2200000;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  HubSynthetic *syn;
  g_autoptr(GArray) families = NULL;
  g_autofree guint32 *roots = NULL;
  g_autofree gint32 *first_parent = NULL;
  const HubLineageFamily *largest;
  HubLineageTotals totals;
  char extra[128];
  guint max_depth = 0;
  gint64 start;

  start = g_get_monotonic_time ();
  dataset = hub_dataset_new_synthetic (n_models, 42);
  syn = hub_synthetic_generate (n_models, 0, 20260822);
  hub_synthetic_rewire_lineage (dataset, syn);
  g_clear_pointer (&syn, hub_synthetic_free);
  printf ("synthetic dataset: %u models, %u edges, built in %.0f ms\n", n_models,
          dataset->n_edges, (g_get_monotonic_time () - start) / 1000.0);

  roots = g_new (guint32, n_models);
  first_parent = g_new (gint32, n_models);

  TIME ("hub_lineage_new (roots + marks)", NULL,
        g_clear_pointer (&lineage, hub_lineage_unref);
        lineage = hub_lineage_new (dataset));

  TIME ("root attribution of every model", "(first parents gathered + hub_attribution_compute_roots)",
        for (guint i = 0; i < n_models; i++)
          first_parent[i] = dataset->models[i].first_parent;
        hub_attribution_compute_roots (first_parent, n_models, roots));

  TIME ("hub_lineage_compute_roots (with marks)", NULL,
        g_autofree guint8 *marks = g_new (guint8, n_models);
        hub_lineage_compute_roots (dataset, roots, marks));

  start = g_get_monotonic_time ();
  families = hub_lineage_rank_families (lineage, NULL, 1, 0, NULL);
  largest = &g_array_index (families, HubLineageFamily, 0);
  printf ("rank_families: %u families in %.1f ms (one run)\n", families->len,
          (g_get_monotonic_time () - start) / 1000.0);

  /* The family with the most members, whatever its downloads. */
  for (guint i = 1; i < families->len; i++)
    if (g_array_index (families, HubLineageFamily, i).all.n_models > largest->all.n_models)
      largest = &g_array_index (families, HubLineageFamily, i);
  {
    g_autoptr(GArray) nodes = hub_lineage_descendants (lineage, largest->root, 0, NULL);

    for (guint i = 0; i < nodes->len; i++)
      max_depth = MAX (max_depth, g_array_index (nodes, HubLineageNode, i).depth);
    g_snprintf (extra, sizeof extra, "(%" G_GUINT64_FORMAT " models, %u rows, depth %u)",
                largest->all.n_models, nodes->len, max_depth);
  }

  TIME ("descendants of the largest family (tree)", extra,
        g_autoptr(GArray) nodes = hub_lineage_descendants (lineage, largest->root, 0, &totals));
  TIME ("subtree totals of the largest family", NULL,
        hub_lineage_subtree_totals (lineage, largest->root, &totals));
  TIME ("descendants of the largest family, depth 1", NULL,
        g_autoptr(GArray) nodes = hub_lineage_descendants (lineage, largest->root, 1, NULL));
  g_snprintf (extra, sizeof extra, "(%u children)",
              (guint) (dataset->child_offsets[largest->root + 1] - dataset->child_offsets[largest->root]));
  TIME ("expand the largest root (children + subtrees)", extra,
        g_autoptr(GArray) children = hub_lineage_expand (lineage, largest->root, NULL, 0));
  TIME ("ancestors of the last model", NULL,
        g_autoptr(GArray) up = hub_lineage_ancestors (lineage, n_models - 1, 0));
  {
    double runs[N_RUNS];

    for (guint run = 0; run < N_RUNS; run++)
      {
        g_autoptr(HubLineage) fresh = hub_lineage_new (dataset);
        g_autoptr(GArray) all = NULL;

        start = g_get_monotonic_time ();
        all = hub_lineage_rank_families (fresh, NULL, 1, 0, NULL);
        runs[run] = (g_get_monotonic_time () - start) / 1000.0;
      }
    report ("rank_families, first call (sums every family)", runs, NULL);
  }
  TIME ("rank_families (all)", NULL,
        g_autoptr(GArray) all = hub_lineage_rank_families (lineage, NULL, 1, 0, NULL));
  TIME ("rank_families (top 100)", NULL,
        g_autoptr(GArray) top = hub_lineage_rank_families (lineage, NULL, 1, 100, NULL));
  {
    g_autoptr(GArray) ranked = hub_lineage_rank_intermediaries (lineage, -1, HUB_N_RELATIONS);

    g_snprintf (extra, sizeof extra, "(%u authors)", ranked->len);
  }
  TIME ("rank_intermediaries (all)", extra,
        g_autoptr(GArray) ranked = hub_lineage_rank_intermediaries (lineage, -1, HUB_N_RELATIONS));
  TIME ("hub_model_suggest (a typo, 3 ids)", NULL,
        g_autoptr(GPtrArray) close = hub_model_suggest (dataset, "author0001234/Model-0000987", 3));
  TIME ("hub_model_suggest (a typo, 1 id that near)", NULL,
        g_autoptr(GPtrArray) close = hub_model_suggest (dataset, "author0001234/Model-00009873x", 3));
  TIME ("hub_model_suggest (nothing near)", NULL,
        g_autoptr(GPtrArray) far = hub_model_suggest (dataset, "zzzz-not-a-model-zzzz", 3));

  return 0;
}
