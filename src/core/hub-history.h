/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-store.h"

G_BEGIN_DECLS

/**
 * HubHistoryPoint:
 * A model as one snapshot saw it. @interval_downloads is the difference of
 * downloads_all_time since the previous point of the same series
 * (HUB_COUNT_NONE for the first point, when either total is unknown, or when
 * the total decreased; a decrease sets @decreased and is not used).
 */
typedef struct {
  gint64      snapshot_id;
  const char *series;           /* interned, owned by the array */
  gint64      captured_at;
  gboolean    complete;
  gint64      downloads;        /* last 30 days, as observed */
  gint64      downloads_all_time;
  gint64      likes;
  gint64      trending_score;
  gint64      rank;
  gint64      interval_downloads;
  gboolean    decreased;
} HubHistoryPoint;

/**
 * hub_history_load:
 * @series: (nullable): one series, or NULL for every series
 *
 * The snapshot history of @model_id, ordered by series then time, with the
 * derived interval downloads. Returns a GArray of HubHistoryPoint (empty when
 * the model was never observed), NULL with @error on a database error.
 */
GArray *hub_history_load (HubStore    *store,
                          const char  *model_id,
                          const char  *series,
                          GError     **error);

/**
 * hub_store_get_model:
 * Everything stored for one model (fields, tags, parents in order), or NULL
 * when there is no such model (no error) or on a database error (@error set).
 */
HubModelEntry *hub_store_get_model (HubStore    *store,
                                    const char  *model_id,
                                    GError     **error);

G_END_DECLS
