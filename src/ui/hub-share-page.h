/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-analysis.h"

#include "hub-bar-chart.h"
#include "hub-dataset.h"
#include "hub-filter-bar.h"
#include "hub-query.h"
#include "hub-share.h"
#include "hub-stacked-area.h"

G_BEGIN_DECLS

#define HUB_TYPE_SHARE_PAGE (hub_share_page_get_type ())
G_DECLARE_FINAL_TYPE (HubSharePage, hub_share_page, HUB, SHARE_PAGE, AdwBin)

/**
 * HubSharePage:
 * The Share view: the stacked area of each category's share over time
 * with the concentration lines under it, a leaderboard and the latest
 * concentration figures beside it, a caption, and chart/data export.
 * The query runs on a worker thread; its text form is kept in GSettings
 * ("share-query").
 */
GtkWidget            *hub_share_page_new          (void);
void                  hub_share_page_set_dataset  (HubSharePage *self,
                                                   HubDataset   *dataset);
/* TRUE while a query runs. */
gboolean              hub_share_page_is_busy      (HubSharePage *self);
/* (out caller-allocates): the query the controls state (clear it). */
void                  hub_share_page_get_query    (HubSharePage *self,
                                                   HubQuery     *query);
/* Sets the controls from @query (filters missing from the dataset stay
 * "any") and runs it. */
void                  hub_share_page_set_query    (HubSharePage   *self,
                                                   const HubQuery *query);
/* (transfer none) (nullable): the result shown, NULL before the first. */
const HubShareResult *hub_share_page_get_result   (HubSharePage *self);
/* (transfer none) (nullable): the label of the @index-th category of the
 * legend in rank order (largest first, then Other and Unknown). */
const char           *hub_share_page_get_legend_label (HubSharePage *self,
                                                       guint         index);
/* The column brought forward (-1: none); set it as a legend click does. */
int                   hub_share_page_get_highlight (HubSharePage *self);
void                  hub_share_page_set_highlight (HubSharePage *self,
                                                    int           column);
/* The tooltip markup the chart shows at @period (NULL when out of range). */
char                 *hub_share_page_dup_period_text (HubSharePage *self,
                                                      guint         period);

typedef enum {
  HUB_SHARE_CONTROL_BY = 0,      /* GtkDropDown */
  HUB_SHARE_CONTROL_AXIS,        /* GtkDropDown */
  HUB_SHARE_CONTROL_MEASURE,     /* GtkDropDown */
  HUB_SHARE_CONTROL_TOP,         /* GtkDropDown */
  HUB_SHARE_CONTROL_WINDOW,      /* GtkDropDown (in the More popover) */
  HUB_SHARE_CONTROL_ATTRIBUTION, /* GtkDropDown (in the More popover) */
  HUB_SHARE_CONTROL_PERCENT,     /* GtkToggleButton */
  HUB_SHARE_CONTROL_LEVEL,       /* GtkDropDown: leaderboard level */
  HUB_SHARE_CONTROL_WITHIN,      /* GtkDropDown: the second level */
  HUB_SHARE_CONTROL_PANEL,       /* GtkCheckButton: constant panel (in the More popover) */
  HUB_SHARE_CONTROL_SERIES,      /* GtkDropDown: the snapshot series (in the More popover) */
  HUB_SHARE_CONTROL_METHODS,     /* GtkToggleButton: Compare Methods */
  HUB_SHARE_CONTROL_EXPLORER,    /* HubConcentrationPanel */
  HUB_SHARE_CONTROL_SENSITIVITY, /* HubSensitivityView */
} HubShareControl;

GtkWidget            *hub_share_page_get_control  (HubSharePage    *self,
                                                   HubShareControl  control);
HubFilterBar         *hub_share_page_get_filter_bar (HubSharePage *self);
GtkLabel             *hub_share_page_get_caption  (HubSharePage *self);
/* (transfer none) (nullable): the leaderboard shown (HubLeaderboardRow). */
const GArray         *hub_share_page_get_leaderboard (HubSharePage *self);
/* Opens the export dialog (hub-export-dialog.h) for the chart shown;
 * (transfer none) (nullable): the dialog. */
GtkWindow            *hub_share_page_export_chart (HubSharePage *self);
/* Writes the numbers of the chart shown to @path (.csv + .manifest.json,
 * or .json) on a worker thread, as `hubeco export-chart share` does. */
void                  hub_share_page_export_data_async  (HubSharePage        *self,
                                                         const char          *path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean              hub_share_page_export_data_finish (HubSharePage  *self,
                                                         GAsyncResult  *result,
                                                         GError       **error);
/* (transfer none): the view of the stacked area over time, and what it
 * draws (NULL before a result). */
GtkWidget            *hub_share_page_get_area_view (HubSharePage *self);
const HubStackedAreaData *hub_share_page_get_area_data (HubSharePage *self);
/* (transfer none) (nullable): the stacked bars shown for a two-level
 * query (`within`), NULL otherwise. */
const HubBarChartData *hub_share_page_get_breakdown (HubSharePage *self);

/* "content" or "error". */
const char           *hub_share_page_get_state    (HubSharePage *self);
/* The analysis every figure of the page comes from (NULL before a db-path). */
HubAnalysis          *hub_share_page_get_analysis (HubSharePage *self);

G_END_DECLS
