/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-breakdown.h"
#include "hub-breakdown-chart.h"

G_BEGIN_DECLS

#define HUB_TYPE_BREAKDOWN_PAGE (hub_breakdown_page_get_type ())
G_DECLARE_FINAL_TYPE (HubBreakdownPage, hub_breakdown_page, HUB, BREAKDOWN_PAGE, AdwBin)

/**
 * HubBreakdownPage:
 * The Breakdown view: the downloads of the largest developers (or of the
 * whole set) cross-tabulated by two dimensions, as a heat map or bars,
 * from the page's HubAnalysis (the path `hubeco breakdown` takes).
 * Properties "db-path" and "dataset" are bound by the window.
 */
GtkWidget                *hub_breakdown_page_new        (void);

void                      hub_breakdown_page_set_dims   (HubBreakdownPage      *self,
                                                         HubBreakdownDim        rows,
                                                         HubBreakdownDim        cols);
void                      hub_breakdown_page_set_top    (HubBreakdownPage      *self,
                                                         guint                  top);
void                      hub_breakdown_page_set_view   (HubBreakdownPage      *self,
                                                         HubBreakdownChartMode  mode);
/* Selects the series @name (NULL: the default for the query); FALSE (and
 * the default) when the page does not list it (yet: it reads the list
 * once it has a dataset). */
gboolean                  hub_breakdown_page_set_series (HubBreakdownPage      *self,
                                                         const char            *name);
/* (nullable): the result shown. */
const HubBreakdownResult *hub_breakdown_page_get_result (HubBreakdownPage      *self);
gboolean                  hub_breakdown_page_is_busy    (HubBreakdownPage      *self);
/* Moves the keyboard focus cell by @d_row rows and @d_col columns, as the
 * arrow keys on the chart do; returns the readout now shown. */
const char               *hub_breakdown_page_move_focus (HubBreakdownPage      *self,
                                                         int                    d_row,
                                                         int                    d_col);

/* The "Export Chart" dialog on the figure shown (NULL when none). */
GtkWindow                *hub_breakdown_page_export_chart (HubBreakdownPage    *self);
/* Writes the table shown to @path (.csv with a manifest next to it, or
 * .json), as `hubeco export-chart breakdown --output` does. */
gboolean                  hub_breakdown_page_export_data  (HubBreakdownPage    *self,
                                                           const char          *path,
                                                           GError             **error);

G_END_DECLS
