/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-dataset.h"
#include "hub-detail-pane.h"
#include "hub-filter-bar.h"
#include "hub-list-query.h"

G_BEGIN_DECLS

#define HUB_TYPE_TRENDING_PAGE (hub_trending_page_get_type ())
G_DECLARE_FINAL_TYPE (HubTrendingPage, hub_trending_page, HUB, TRENDING_PAGE, AdwBin)

/**
 * HubTrendingPage:
 * The list of all models with filters, sortable columns and a detail pane.
 * Its rows come from hub_list_query_run(), run on a worker thread, so the
 * window shows exactly what `hubeco list` prints for the same filters.
 * Properties: "dataset" (HubDataset boxed), "db-path".
 */
GtkWidget          *hub_trending_page_new             (void);
void                hub_trending_page_set_dataset     (HubTrendingPage *self,
                                                       HubDataset      *dataset);
HubDataset         *hub_trending_page_get_dataset     (HubTrendingPage *self);
/* Puts the keyboard focus in the search entry. */
void                hub_trending_page_focus_search    (HubTrendingPage *self);
/* The filters and order the list shows now. */
void                hub_trending_page_get_query       (HubTrendingPage *self,
                                                       HubListQuery    *query);
/* Sorts as a click on a header would (arrow, query, GSettings). */
void                hub_trending_page_set_sort        (HubTrendingPage *self,
                                                       HubListSort      sort,
                                                       gboolean         descending);
/* TRUE while a query runs (its result not shown yet). */
void                hub_trending_page_show_model      (HubTrendingPage *self,
                                                       guint            model_index);
gboolean            hub_trending_page_is_busy         (HubTrendingPage *self);

/* For tests and other pages. */
GListModel         *hub_trending_page_get_rows        (HubTrendingPage *self);
GtkSingleSelection *hub_trending_page_get_selection   (HubTrendingPage *self);
GtkEditable        *hub_trending_page_get_search_entry (HubTrendingPage *self);
GtkLabel           *hub_trending_page_get_count_label (HubTrendingPage *self);
HubDetailPane      *hub_trending_page_get_detail_pane (HubTrendingPage *self);
GtkColumnView      *hub_trending_page_get_column_view (HubTrendingPage *self);
HubFilterBar       *hub_trending_page_get_filter_bar  (HubTrendingPage *self);
AdwLeaflet         *hub_trending_page_get_leaflet     (HubTrendingPage *self);
/* TRUE when the filters sit in the "Filters" popover (narrow layout). */
gboolean            hub_trending_page_get_compact     (HubTrendingPage *self);

G_END_DECLS
