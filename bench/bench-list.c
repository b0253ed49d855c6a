/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-bench"

#include "config.h"

#include "hub-dataset-private.h"
#include "hub-list-query.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * Times the trending list's filter + sort on a synthetic dataset:
 *   bench-list [N_MODELS]   (default 2,000,000)
 * Each query runs 5 times; the median is printed in milliseconds.
 */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
time_query (HubDataset         *dataset,
            const char         *label,
            const HubListQuery *query)
{
  double runs[5];
  guint n_rows = 0;

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GArray) rows = hub_list_query_run (query, dataset, NULL);

      runs[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_rows = rows->len;
    }
  qsort (runs, G_N_ELEMENTS (runs), sizeof (double), compare_doubles);
  printf ("%-48s %9u rows  median %7.1f ms  (min %7.1f, max %7.1f)\n",
          label, n_rows, runs[2], runs[0], runs[4]);
}

int
main (int   argc,
      char *argv[])
{
  guint n_models = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 2000000;
  g_autoptr(HubDataset) dataset = NULL;
  HubListQuery query;
  gint64 start;

  start = g_get_monotonic_time ();
  dataset = hub_dataset_new_synthetic (n_models, 42);
  printf ("synthetic dataset of %u models built in %.0f ms\n", n_models,
          (g_get_monotonic_time () - start) / 1000.0);

  hub_list_query_init (&query);
  time_query (dataset, "all, by trending", &query);

  query.sort = HUB_LIST_SORT_DOWNLOADS;
  time_query (dataset, "all, by downloads", &query);

  query.limit = 100;
  time_query (dataset, "all, by downloads, limit 100", &query);
  query.limit = 0;

  query.sort = HUB_LIST_SORT_ID;
  query.descending = FALSE;
  time_query (dataset, "all, by id", &query);

  query.sort = HUB_LIST_SORT_AUTHOR;
  time_query (dataset, "all, by author", &query);

  query.sort = HUB_LIST_SORT_RECENT_RATIO;
  query.descending = TRUE;
  time_query (dataset, "all, by recent ratio", &query);

  query.sort = HUB_LIST_SORT_DOWNLOADS;
  query.task = g_strdup ("text-generation");
  time_query (dataset, "task text-generation, by downloads", &query);

  query.country = g_strdup ("US");
  query.min_params = 1000000000;
  query.max_params = 10000000000;
  time_query (dataset, "task + country US + 1B..10B, by downloads", &query);
  hub_list_query_clear (&query);

  query.search = g_strdup ("model-0012");
  time_query (dataset, "search \"model-0012\", by trending", &query);
  g_free (query.search);
  query.search = g_strdup ("AUTHOR00001");
  time_query (dataset, "search \"AUTHOR00001\", by trending", &query);
  hub_list_query_clear (&query);

  query.relation = HUB_RELATION_QUANTIZED;
  query.sort = HUB_LIST_SORT_CREATED;
  time_query (dataset, "relation quantized, by created", &query);
  hub_list_query_clear (&query);

  return 0;
}
