/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hub-size-estimator.h"

G_BEGIN_DECLS

/* The Size view's "Estimate Missing Sizes": runs the estimator on a worker
 * thread, then tells the user what it did and reloads the window's data. */
void  hub_sizes_estimate_start    (GtkWidget     *page,
                                   const char    *db_path,
                                   HubDataset    *dataset,
                                   GCancellable  *cancellable);

char *hub_sizes_estimate_describe (const HubSizeEstimatorRun *run);

G_END_DECLS
