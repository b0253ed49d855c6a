/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-dataset.h"
#include "hub-observations.h"

G_BEGIN_DECLS

/* A series "synthetic" of @n_snapshots weekly snapshots of @dataset's
 * 30-day downloads, the last a day after the newest release: each holds
 * every model released by then, with a share of its downloads that grows
 * week by week (bench-compare, bench-concentration). */
HubObservations *hub_synthetic_weekly_snapshots (HubDataset *dataset,
                                                 guint       n_snapshots);

G_END_DECLS
