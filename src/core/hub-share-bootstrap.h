/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A 90 % interval: the 5th and 95th percentiles of the draws. */
typedef struct {
  double lo;
  double hi;
} HubInterval;

/**
 * HubShareBootstrap:
 * How far one period's concentration moves when its models are drawn
 * again: @draws resamples of the @units models (with their downloads and
 * credited category), each giving HHI, Gini, the top-1/10/100 shares and
 * k(90 %) of the participants; each interval holds the middle 90 % of the
 * draws (linear interpolation between order statistics, R's type 7).
 * @drawn is FALSE for a period that was not resampled (or had no unit).
 */
typedef struct {
  gboolean    drawn;
  guint       units;
  HubInterval hhi;
  HubInterval gini;
  HubInterval top1;
  HubInterval top10;
  HubInterval top100;
  HubInterval k90;
} HubShareBootstrap;

#define HUB_SHARE_BOOTSTRAP_DRAWS 200
#define HUB_SHARE_BOOTSTRAP_SEED  20261207

/**
 * hub_share_cover_count:
 * @values: positive values, sorted in increasing order when @ascending
 *   (hub_share_concentration() leaves them so), else in decreasing order
 *   (a result's kept participants)
 *
 * The fewest participants whose values make up at least @fraction of the
 * sum: k(X %) for X = 100 × @fraction. 0 when @n is 0.
 */
guint hub_share_cover_count (const gint64 *values,
                             guint         n,
                             gboolean      ascending,
                             double        fraction);

/**
 * hub_share_bootstrap_draw:
 * @unit_category: per unit (a model of the period), the participant it is
 *   credited to, < @n_categories
 * @unit_value: per unit, its downloads (> 0)
 *
 * Resamples the units @draws times and fills @out. Each draw gives every
 * unit a Poisson(1) weight (the Poisson bootstrap: the usual multinomial
 * resample of n units, as n grows, read in one sequential pass); a draw in
 * which every weight is 0 is drawn again. Draw d takes its random numbers
 * from a stream seeded by @seed and d alone, so the result depends on
 * @seed, not on @n_threads (0 = one per processor).
 */
void  hub_share_bootstrap_draw (const guint32     *unit_category,
                                const gint64      *unit_value,
                                guint              n_units,
                                guint              n_categories,
                                guint              draws,
                                guint64            seed,
                                guint              n_threads,
                                HubShareBootstrap *out);

G_END_DECLS
