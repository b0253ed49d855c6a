/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-sizes.h"

G_BEGIN_DECLS

/**
 * HubSizeEstimatorRun:
 * One run of the parameter estimator over a store, end to end: the fit, the
 * estimates stored, and the coverage before and after (read back from the
 * store, not assumed).
 * @estimation: the fit and its estimates
 * @n_estimates: estimates per format family
 * @before: coverage of every model before storing
 * @after: the same after storing (equal to @before for a report only)
 * @n_written: estimates written (0 for a report only)
 * @stored: whether the estimates were stored
 */
typedef struct {
  HubSizeEstimation *estimation;
  guint              n_estimates[HUB_N_FORMAT_FAMILIES];
  HubSizeCoverage    before;
  HubSizeCoverage    after;
  guint              n_written;
  gboolean           stored;
} HubSizeEstimatorRun;

HubSizeEstimatorRun *hub_size_estimator_run      (HubStore       *store,
                                                  HubDataset     *dataset,
                                                  HubSizeTable   *table,
                                                  gboolean        report_only,
                                                  GCancellable   *cancellable,
                                                  GError        **error);
void                 hub_size_estimator_run_free (HubSizeEstimatorRun *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubSizeEstimatorRun, hub_size_estimator_run_free)

G_END_DECLS
