/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-query.h"
#include "hub-share.h"

G_BEGIN_DECLS

/**
 * HubCategories:
 * The categories of one group-by dimension over a dataset: per model its
 * category (< @n_categories), the labels, and which one means "unknown"
 * (HUB_SHARE_SKIP when every model has a known category).
 */
typedef struct {
  HubQueryBy  by;
  guint       n_categories;
  guint32    *category;        /* per model */
  char      **labels;          /* n_categories, owned */
  guint       unknown;
} HubCategories;

/* Categories of @by for every model of @dataset (the model's own, not
 * attributed); @individuals: as the query's `individuals=category`. NULL with G_IO_ERROR_NOT_SUPPORTED for by=language (the
 * dataset does not hold language tags yet). */
HubCategories *hub_categories_new  (HubDataset  *dataset,
                                    HubQueryBy   by,
                                    gboolean     individuals,
                                    GError     **error);
void           hub_categories_free (HubCategories *self);

/* The root of every model of @dataset (see hub_attribution_compute_roots()). */
guint32       *hub_dataset_compute_roots (HubDataset *dataset);
/* The start of the period of @axis holding @t (a week: Monday 00:00 UTC),
 * as the share engine's periods start. */
gint64         hub_query_axis_period_start (HubQueryAxis axis,
                                            gint64       t);
/* The same roots, kept with @dataset (the share engine's root attribution
 * reads the same copy). When the dataset's cache is full they are built
 * for the caller alone: *@out_owned then holds them, to g_free(). */
const guint32 *hub_dataset_get_roots     (HubDataset *dataset,
                                          guint32   **out_owned);


/**
 * hub_share_run:
 * @roots: (nullable): precomputed hub_dataset_compute_roots(), or NULL
 *
 * Answers @query over @observations (one measure of one series, loaded for
 * @query->measure and @query->series): filters the models, credits each
 * model's downloads to itself or its root, maps snapshots to the periods of
 * the axis and runs hub_share_compute(). Periods are the ones with at least
 * one snapshot; for downloads30d and likes (stocks) a week, month, quarter
 * or year takes the last snapshot inside it, for interval and period
 * downloads (flows) it sums them. The cohort axis puts each model in the
 * month it was created and takes the last snapshot (stocks) or every
 * snapshot (flows). The result has its labels filled in.
 * NULL with @error when the query cannot be answered or when cancelled.
 */
HubShareResult *hub_share_run (HubDataset            *dataset,
                               const HubObservations *observations,
                               const HubQuery        *query,
                               const guint32         *roots,
                               GCancellable          *cancellable,
                               GError               **error);

/**
 * HubShareExtras:
 * What the concentration explorer adds to a share run: the participants
 * of one period, and of every period when the categories are few (@detail;
 * @detail_period < 0 or past the end: the last;
 * @detail_label, when set, names it instead: a label no period has is a
 * %G_IO_ERROR_NOT_FOUND error), named for the first
 * %HUB_SHARE_DETAIL_NAMES, and a bootstrap of @bootstrap_draws draws (0:
 * none) seeded with @bootstrap_seed (see #HubShareInput).
 * @detail_label is borrowed: set it for blocking calls only.
 */
typedef struct {
  gboolean    detail;
  gint        detail_period;
  guint       bootstrap_draws;
  guint64     bootstrap_seed;
  const char *detail_label;
} HubShareExtras;

#define HUB_SHARE_DETAIL_NAMES 1000

/* hub_share_run() with @extras (NULL: none). */
HubShareResult *hub_share_run_extras (HubDataset            *dataset,
                                      const HubObservations *observations,
                                      const HubQuery        *query,
                                      const HubShareExtras  *extras,
                                      GCancellable          *cancellable,
                                      GError               **error);

/**
 * hub_share_top_by_last:
 *
 * The one rule for a query's "top N", in the share chart, the leaderboard
 * and every export: a stock (downloads30d, likes) ranks by its last
 * snapshot, the N largest now; a flow (interval, period downloads) by its
 * sum over the whole range. Captions and manifests say which
 * (hub_share_top_rule_name(): "last-snapshot" or "sum-over-range").
 */
gboolean        hub_share_top_by_last   (const HubQuery *query);
const char     *hub_share_top_rule_name (const HubQuery *query);

/**
 * hub_share_run_total:
 * Like hub_share_run() over a single period that ignores the axis: the last
 * snapshot for stocks (downloads30d, likes), the sum of every snapshot for
 * flows (interval, period). Its period label is the last snapshot's time.
 */
HubShareResult *hub_share_run_total (HubDataset            *dataset,
                                     const HubObservations *observations,
                                     const HubQuery        *query,
                                     const guint32         *roots,
                                     GCancellable          *cancellable,
                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubCategories, hub_categories_free)

G_END_DECLS
