/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-dataset.h"

G_BEGIN_DECLS

/**
 * HubListSort:
 * What the trending list is ordered by: the window's column headers and
 * `hubeco list --sort`.
 */
typedef enum {
  HUB_LIST_SORT_TRENDING = 0,
  HUB_LIST_SORT_DOWNLOADS,
  HUB_LIST_SORT_DOWNLOADS_ALL_TIME,
  HUB_LIST_SORT_LIKES,
  HUB_LIST_SORT_CREATED,
  HUB_LIST_SORT_ID,
  HUB_LIST_SORT_AUTHOR,
  HUB_LIST_SORT_TASK,
  HUB_LIST_SORT_LIBRARY,
  HUB_LIST_SORT_RECENT_RATIO,
  HUB_LIST_SORT_PARAMETERS,
  HUB_LIST_SORT_COUNTRY,
  HUB_N_LIST_SORTS
} HubListSort;

/**
 * HubListQuery:
 * The filters and order of the trending list, shared by the window and
 * `hubeco list` so that the same question gives the same rows. NULL strings
 * and HUB_COUNT_NONE bounds mean "any". @relation is HUB_N_RELATIONS for any,
 * HUB_RELATION_NONE for base models.
 */
typedef struct {
  char        *search;      /* case-insensitive substring of id or author */
  char        *task;
  char        *library;
  char        *country;
  char        *org_type;
  HubRelation  relation;
  gint64       min_params;
  gint64       max_params;
  gint64       created_from; /* inclusive, Unix seconds; HUB_TIME_NONE = any */
  gint64       created_to;   /* exclusive; a model without a date fails either bound */
  gint64       min_downloads; /* known 30-day downloads under this leave a model out; 0 = none */
  gboolean     individuals;  /* an account authors.csv does not list has org type "user" */
  guint        exclude;      /* HubModelKind flags: models of these kinds are left out */
  HubListSort  sort;
  gboolean     descending;  /* default TRUE for numbers, FALSE for text */
  guint        limit;       /* 0 = all */
} HubListQuery;

void         hub_list_query_init   (HubListQuery *query);
void         hub_list_query_clear  (HubListQuery *query);
void         hub_list_query_copy   (HubListQuery *dest, const HubListQuery *src);

const char  *hub_list_sort_to_string   (HubListSort sort);
gboolean     hub_list_sort_from_string (const char *str, HubListSort *out_sort);
const char * const *hub_list_sort_names  (void);
gboolean     hub_list_sort_is_numeric  (HubListSort sort);

/**
 * hub_list_query_run:
 * Returns the indices (guint32) of the models of @dataset that pass every
 * filter, in order (ties broken by id). Uses both cores on large datasets.
 * Returns NULL only when @cancellable was cancelled.
 */
GArray      *hub_list_query_run    (const HubListQuery *query,
                                    HubDataset         *dataset,
                                    GCancellable       *cancellable);

/**
 * hub_list_query_mask:
 * The one model filter (the list, the sizes, every share, concentration
 * and attribute figure): per model of @dataset, 1 when it passes @query's
 * filters and search (its sort and limit do not matter; NULL: every model). With a search it
 * reads the dataset's cached id arena: not from inside a
 * hub_dataset_get_cached() builder (the cache's lock is held there).
 * Returns: (transfer full): n_models bytes (at least one), or NULL when
 *   cancelled
 */
guint8      *hub_list_query_mask   (const HubListQuery *query,    /* nullable */
                                    HubDataset         *dataset,
                                    GCancellable       *cancellable);

/* downloads / downloads_all_time, or -1 when either is unknown or zero. */
double       hub_model_recent_ratio (const HubModelRecord *record);

G_END_DECLS
