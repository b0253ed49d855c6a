/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-sizes"

#include "config.h"

#include "hub-size-estimator.h"

/**
 * hub_size_estimator_run:
 * @store: the store the estimates go to
 * @dataset: the models of @store
 * @table: (nullable): the size table of @dataset, if the caller has one
 * @report_only: fit and report, store nothing
 *
 * Fits log(parameters) on log(storage) (hub_size_table_estimate()), stores
 * the estimates in one transaction (hub_sizes_store_estimates(): reported
 * counts are never changed) and measures the coverage before and after,
 * the after from the store read again. The command line's
 * `estimate-params` and the Size view's "Estimate Missing Sizes" both run
 * this. Runs on any thread; blocks on disk.
 *
 * Returns: (transfer full): the run, or NULL with @error (too few models
 *   to fit a line, an unwritable store, cancelled). An error before
 *   storing stores nothing; the estimates are stored in one transaction.
 */
HubSizeEstimatorRun *
hub_size_estimator_run (HubStore      *store,
                        HubDataset    *dataset,
                        HubSizeTable  *table,
                        gboolean       report_only,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(HubSizeEstimatorRun) run = g_new0 (HubSizeEstimatorRun, 1);
  g_autoptr(HubSizeTable) own_table = NULL;
  g_autoptr(HubDataset) after_dataset = NULL;
  g_autoptr(HubSizeTable) after_table = NULL;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  if (table == NULL)
    {
      own_table = hub_size_table_new (dataset, store, cancellable, error);
      if (own_table == NULL)
        return NULL;
      table = own_table;
    }
  hub_size_table_get_coverage (table, NULL, &run->before);
  run->after = run->before;

  run->estimation = hub_size_table_estimate (table, error);
  if (run->estimation == NULL)
    return NULL;
  for (guint i = 0; i < run->estimation->estimates->len; i++)
    run->n_estimates[g_array_index (run->estimation->estimates, HubSizeEstimate, i).family]++;
  if (report_only)
    return g_steal_pointer (&run);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !hub_sizes_store_estimates (store, dataset, run->estimation, &run->n_written, error))
    return NULL;
  run->stored = TRUE;

  /* The coverage after is read back from the store. */
  if ((after_dataset = hub_dataset_load (store, cancellable, error)) == NULL ||
      (after_table = hub_size_table_new (after_dataset, store, cancellable, error)) == NULL)
    return NULL;
  hub_size_table_get_coverage (after_table, NULL, &run->after);
  return g_steal_pointer (&run);
}

void
hub_size_estimator_run_free (HubSizeEstimatorRun *run)
{
  if (run == NULL)
    return;
  g_clear_pointer (&run->estimation, hub_size_estimation_free);
  g_free (run);
}
