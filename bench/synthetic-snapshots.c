/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "synthetic-snapshots.h"
#include "hub-dataset-private.h"

#define DAY 86400

HubObservations *
hub_synthetic_weekly_snapshots (HubDataset *dataset,
                                guint       n_snapshots)
{
  guint n = dataset->n_models;
  gint64 last = G_MININT64;
  gint64 *times = g_new (gint64, n_snapshots);
  guint64 *offsets = g_new (guint64, n_snapshots + 1);
  guint32 *model = g_new (guint32, (gsize) n * n_snapshots);
  guint32 *value = g_new (guint32, (gsize) n * n_snapshots);
  guint64 k = 0;

  for (guint m = 0; m < n; m++)
    last = MAX (last, dataset->models[m].created_at);
  for (guint g = 0; g < n_snapshots; g++)
    {
      times[g] = last + DAY - (gint64) (n_snapshots - 1 - g) * 7 * DAY;
      offsets[g] = k;
      for (guint m = 0; m < n; m++)
        if (dataset->models[m].downloads >= 0 && dataset->models[m].created_at <= times[g])
          {
            model[k] = m;
            value[k++] = (guint32) MIN (dataset->models[m].downloads * (g + 1) / n_snapshots, G_MAXUINT32);
          }
    }
  offsets[n_snapshots] = k;
  return hub_observations_new ("synthetic", HUB_QUERY_MEASURE_DOWNLOADS_30D, n_snapshots, times, offsets, model,
                               value, NULL);
}
