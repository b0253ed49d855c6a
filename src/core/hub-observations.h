/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-query.h"
#include "hub-store.h"

G_BEGIN_DECLS

/**
 * HubSnapshotInfo:
 * One stored snapshot, for `hubeco snapshots`. @n_models counts its rows.
 */
typedef struct {
  gint64    id;
  char     *series;
  char     *source;
  gint64    captured_at;
  guint     n_models;
  gboolean  complete;
  gboolean  carry_forward;
} HubSnapshotInfo;

/**
 * HubSeriesInfo:
 * A snapshot series: one source and scope. Shares are comparable only
 * within one series. @n_complete counts the snapshots analytics uses
 * (incomplete ones, from an interrupted sync, are left out).
 */
typedef struct {
  char     *name;
  char     *source;
  guint     n_snapshots;
  guint     n_complete;
  gint64    first_captured_at;
  gint64    last_captured_at;
  gint64    first_complete_at;  /* of complete snapshots; HUB_TIME_NONE if none */
  gint64    last_complete_at;
  guint     max_models;
  gboolean  carry_forward;
} HubSeriesInfo;

/* Every snapshot, ordered by series then time. GPtrArray of HubSnapshotInfo
 * (freed with the array); NULL with @error on a database error. */
GPtrArray *hub_observations_list_snapshots (HubStore  *store,
                                            GError   **error);
/* Every series, ordered by name. GPtrArray of HubSeriesInfo. */
GPtrArray *hub_observations_list_series    (HubStore  *store,
                                            GError   **error);
/* The series whose complete snapshots span the longest time (ties: more
 * complete snapshots, then by name), so that the first chart is the
 * longest trend there is; NULL when there is none (no error) or on a
 * database error (@error set). */
char      *hub_observations_default_series (HubStore  *store,
                                            GError   **error);

/**
 * hub_observations_default_series_for_query:
 * The default series of @query (when it names none): the series whose
 * complete snapshots *covering the filters* (holding at least one model of
 * @dataset that passes @query's filters: task, library, country, org type,
 * relation, created and parameter ranges) span the longest time. Ties: more
 * covering snapshots, then more complete snapshots, then by name. Without filters, or
 * when no snapshot holds a matching model, it is
 * hub_observations_default_series(). NULL when there is no series (no
 * error), on a database error or when cancelled (@error set).
 */
char      *hub_observations_default_series_for_query (HubStore        *store,
                                                      HubDataset      *dataset,
                                                      const HubQuery  *query,
                                                      GCancellable    *cancellable,
                                                      GError         **error);

/**
 * HubObservations:
 * One measure of one snapshot series, columnar, for the share engine.
 * Group g (a snapshot, or for the interval measure the interval that ends at
 * a snapshot) holds rows [@offsets[g], @offsets[g + 1]) of @model (dataset
 * model indices, ascending within a group) and of @value32 or @value64
 * (exactly one is non-NULL: 64 bits only when a value needs them), observed
 * at @group_time[g]. Rows without a known value are left out.
 *
 * Snapshots of a series with carry_forward (it records changes only, like
 * the embedded history CSV) are completed with each model's last value;
 * in other series a model missing from a snapshot is absent. The interval
 * measure is the difference of downloads_all_time since the model's
 * previous row of the series (left out when either is unknown or it
 * decreased). The period measure reads the imported period downloads of
 * the source named @series, one group per period start.
 */
typedef struct {
  gatomicrefcount  ref_count;
  char            *series;
  HubQueryMeasure  measure;
  gboolean         carry_forward;
  guint            n_groups;
  gint64          *group_time;
  gint64          *snapshot_ids;   /* per group; 0 for period downloads */
  guint64         *offsets;
  guint32         *model;
  guint32         *value32;
  guint64         *value64;
  guint64          n_rows;
  guint64          n_unknown_rows; /* rows of models the dataset lacks */
  gsize            panel;          /* HubPanel *, built once by hub_observations_get_panel() */
} HubObservations;

/* Not a query measure: the all-time downloads as observed (a stock), read
 * by hub_observations_load() for curves of cumulative downloads. */
#define HUB_OBSERVATIONS_ALL_TIME ((HubQueryMeasure) HUB_N_QUERY_MEASURES)

/**
 * hub_observations_load:
 * @series: the series (for the period measure: the period-downloads
 *   source); NULL for the default series
 * @measure: a query measure, or %HUB_OBSERVATIONS_ALL_TIME
 *
 * Reads one measure of one series from @store, mapping model ids to the
 * indices of @dataset. A series without snapshots gives an empty result.
 * NULL with @error on a database error or when cancelled.
 */
HubObservations *hub_observations_load  (HubStore         *store,
                                         HubDataset       *dataset,
                                         const char       *series,
                                         HubQueryMeasure   measure,
                                         GCancellable     *cancellable,
                                         GError          **error);

/* Builds observations from arrays (tests, benchmarks): takes ownership of
 * every array. */
HubObservations *hub_observations_new   (const char       *series,
                                         HubQueryMeasure   measure,
                                         guint             n_groups,
                                         gint64           *group_time,
                                         guint64          *offsets,
                                         guint32          *model,
                                         guint32          *value32,
                                         guint64          *value64);

HubObservations *hub_observations_ref   (HubObservations *self);
void             hub_observations_unref (HubObservations *self);

/* The value of row @i. */
static inline guint64
hub_observations_value (const HubObservations *self,
                        guint64                i)
{
  return self->value32 != NULL ? self->value32[i] : self->value64[i];
}

/* The first row of group @g at or after dataset model @model (rows are
 * ascending by model within a group): @model's row when it has one. */
guint64 hub_observations_row_at (const HubObservations *self,
                                 guint                  g,
                                 guint32                model);

void hub_snapshot_info_free (HubSnapshotInfo *info);
void hub_series_info_free   (HubSeriesInfo   *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubObservations, hub_observations_unref)

G_END_DECLS
