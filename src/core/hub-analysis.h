/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-attention.h"
#include "hub-breakdown.h"
#include "hub-compare.h"
#include "hub-family-split.h"
#include "hub-dataset.h"
#include "hub-figure-info.h"
#include "hub-leaderboard.h"
#include "hub-observations.h"
#include "hub-quality.h"
#include "hub-query.h"
#include "hub-share.h"
#include "hub-share-query.h"
#include "hub-sensitivity.h"

G_BEGIN_DECLS

/**
 * HubShareFigureOptions:
 * What a share figure holds beyond the share result.
 * @leaderboard: also rank @level over the range (@recent_days the "recent
 *   models" window, @leaderboard_rows rows)
 * @info: also compute what the caption states (HubFigureInfo: coverage,
 *   who the series observes)
 * @extras: the concentration explorer's participants and bootstrap
 *   (hub_share_run_extras())
 */
typedef struct {
  gboolean             leaderboard;
  HubLeaderboardLevel  level;
  guint                recent_days;
  guint                leaderboard_rows;
  gboolean             info;
  HubShareExtras       extras;
} HubShareFigureOptions;

#define HUB_SHARE_FIGURE_OPTIONS_INIT { FALSE, HUB_LEADERBOARD_COUNTRY, 365, 20, FALSE, { FALSE, -1, 0, 0, NULL } }

/**
 * HubShareFigure:
 * One answer to a share question, as every view shows it: the series read
 * (the query's, or the default for its filters), its observations, the
 * share result, and as asked the leaderboard and the caption's facts.
 * Reference-counted and immutable.
 */
typedef struct {
  gatomicrefcount   ref_count;
  char             *series;        /* NULL for period downloads of no source */
  HubObservations  *observations;
  HubShareResult   *result;
  GArray           *leaderboard;   /* HubLeaderboardRow, or NULL */
  HubFigureInfo     info;          /* zeroed unless asked */
  gboolean          has_info;
} HubShareFigure;

HubShareFigure *hub_share_figure_ref   (HubShareFigure *figure);
void            hub_share_figure_unref (HubShareFigure *figure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubShareFigure, hub_share_figure_unref)

#define HUB_TYPE_ANALYSIS (hub_analysis_get_type ())
G_DECLARE_FINAL_TYPE (HubAnalysis, hub_analysis, HUB, ANALYSIS, GObject)

/**
 * HubAnalysis:
 * Answers the analytic questions of every view, the command line and
 * export the same way, so that one query gives the same numbers
 * everywhere. It owns one store connection (used by one caller at a time),
 * the dataset (set by its owner, who loads it, or loaded on first use) and
 * the observations of the last few series read, which later questions on
 * the same series reuse. The blocking calls may run on any thread; the
 * _async ones run on a worker thread.
 */
HubAnalysis     *hub_analysis_new            (const char      *db_path);
HubAnalysis     *hub_analysis_new_for_store  (HubStore        *store);
const char      *hub_analysis_get_db_path    (HubAnalysis     *self);
/* The dataset to answer on; observations read for another dataset are
 * dropped. */
void             hub_analysis_set_dataset    (HubAnalysis     *self,
                                              HubDataset      *dataset);
/* The dataset, loaded from the store when none was set. */
HubDataset      *hub_analysis_ref_dataset    (HubAnalysis     *self,
                                              GCancellable    *cancellable,
                                              GError         **error);

/**
 * hub_analysis_observations:
 * @out_series: (out) (optional): the series read
 *
 * The observations @query reads: its series (an unknown one is a
 * %G_IO_ERROR_NOT_FOUND error naming it), else the default series for its
 * filters (hub_observations_default_series_for_query()); period downloads
 * read the source the query names.
 */
HubObservations *hub_analysis_observations   (HubAnalysis     *self,
                                              const HubQuery  *query,
                                              char           **out_series,
                                              GCancellable    *cancellable,
                                              GError         **error);

HubShareFigure  *hub_analysis_share          (HubAnalysis                 *self,
                                              const HubQuery              *query,
                                              const HubShareFigureOptions *options,
                                              GCancellable                *cancellable,
                                              GError                     **error);
void             hub_analysis_share_async    (HubAnalysis                 *self,
                                              const HubQuery              *query,
                                              const HubShareFigureOptions *options,
                                              GCancellable                *cancellable,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data);
HubShareFigure  *hub_analysis_share_finish   (HubAnalysis                 *self,
                                              GAsyncResult                *result,
                                              GError                     **error);

/**
 * hub_analysis_sensitivity:
 * @query's share figure under each combination of the counting choices
 * @vary names (hub_sensitivity_methods()), on the query's observations,
 * with each one's headline and the largest change. Errors as
 * hub_analysis_share(); more than %HUB_SENSITIVITY_MAX_METHODS methods
 * is %G_IO_ERROR_INVALID_ARGUMENT.
 */
HubSensitivityResult *hub_analysis_sensitivity (HubAnalysis     *self,
                                                const HubQuery  *query,
                                                guint            vary,
                                                GCancellable    *cancellable,
                                                GError         **error);

void                  hub_analysis_sensitivity_async  (HubAnalysis         *self,
                                                       const HubQuery      *query,
                                                       guint                vary,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
HubSensitivityResult *hub_analysis_sensitivity_finish (HubAnalysis         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* The snapshot series of the store (HubSeriesInfo, hub_observations_list_series()). */
GPtrArray       *hub_analysis_list_series    (HubAnalysis     *self,
                                              GError         **error);

/**
 * hub_analysis_breakdown:
 * The downloads of a set of developers under @query cross-tabulated as
 * @options say (hub_breakdown_compute()), on the query's series (resolved
 * as for hub_analysis_share()). The traits it needs (architecture kinds,
 * languages, sizes) are read from the store once per dataset.
 */
HubBreakdownResult *hub_analysis_breakdown        (HubAnalysis                *self,
                                                   const HubQuery             *query,
                                                   const HubBreakdownOptions  *options,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);
void                hub_analysis_breakdown_async  (HubAnalysis                *self,
                                                   const HubQuery             *query,
                                                   const HubBreakdownOptions  *options,
                                                   GCancellable               *cancellable,
                                                   GAsyncReadyCallback         callback,
                                                   gpointer                    user_data);
HubBreakdownResult *hub_analysis_breakdown_finish (HubAnalysis                *self,
                                                   GAsyncResult               *result,
                                                   GError                    **error);

/**
 * hub_analysis_quality:
 * Measured scores against adoption (hub_quality_compute()): the score set
 * and benchmarks @options names, the adoption @query measures on its
 * series, or, when it names none, on the series whose snapshots hold the
 * most of the scored models. Unknown sets are %G_IO_ERROR_NOT_FOUND.
 */
HubQualityResult   *hub_analysis_quality          (HubAnalysis                *self,
                                                   const HubQuery             *query,
                                                   const HubQualityOptions    *options,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);
void                hub_analysis_quality_async    (HubAnalysis                *self,
                                                   const HubQuery             *query,
                                                   const HubQualityOptions    *options,
                                                   GCancellable               *cancellable,
                                                   GAsyncReadyCallback         callback,
                                                   gpointer                    user_data);
HubQualityResult   *hub_analysis_quality_finish   (HubAnalysis                *self,
                                                   GAsyncResult               *result,
                                                   GError                    **error);

/**
 * hub_analysis_compare:
 * The curves and relative adoption of @options->subjects
 * (hub_compare_compute()) on the query's series, or, when it names none,
 * on the series whose snapshots hold the most of the subjects (a family
 * by its root). Every subject unknown is not an error: the result lists
 * them.
 */
HubCompareResult   *hub_analysis_compare          (HubAnalysis                *self,
                                                   const HubQuery             *query,
                                                   const HubCompareOptions    *options,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);

/**
 * hub_analysis_family_split:
 * The derivative economy of @model_id's family (hub_family_split_compute())
 * in the 30-day downloads of the query's series (by default the one
 * holding the family's root most). An unknown id is %G_IO_ERROR_NOT_FOUND.
 */
HubFamilySplit     *hub_analysis_family_split     (HubAnalysis                *self,
                                                   const HubQuery             *query,
                                                   const char                 *model_id,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);

/**
 * hub_analysis_attention:
 * Attention against adoption for the models passing @query's filters
 * (hub_attention_compute(): the dataset's last observed values).
 */
HubAttentionResult *hub_analysis_attention        (HubAnalysis                *self,
                                                   const HubQuery             *query,
                                                   HubAttentionMeasure         measure,
                                                   guint                       max_points,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);

/* The stored score sets (HubScoreSetInfo, hub_scores_list_sets()). */
GPtrArray          *hub_analysis_list_score_sets  (HubAnalysis                *self,
                                                   GError                    **error);

/* How many share figures this analysis computed (for tests: one change of
 * a view asks one figure). */
guint            hub_analysis_get_figures_computed (HubAnalysis *self);

G_END_DECLS
