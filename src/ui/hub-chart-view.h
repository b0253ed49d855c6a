/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hub-chart-export.h"
#include "hub-chart-style.h"

G_BEGIN_DECLS

#define HUB_TYPE_CHART_VIEW (hub_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (HubChartView, hub_chart_view, HUB, CHART_VIEW, GtkWidget)

/**
 * HubChartViewHoverFunc:
 * Called for a tooltip at (@x, @y) of a @width × @height chart.
 * Returns: (transfer full) (nullable): Pango markup, or NULL for none.
 */
typedef char *(*HubChartViewHoverFunc) (HubChartView *view,
                                        double        x,
                                        double        y,
                                        int           width,
                                        int           height,
                                        gpointer      user_data);

/**
 * HubChartView:
 * A widget that draws any renderer of src/charts (a #HubChartRenderFunc
 * and its data) with the theme's style (light or dark), shows tooltips
 * from a hover callback and emits "pressed" for clicks and "step" for the
 * Left/Right/Home/End keys (it is focusable). Pages reuse it for every
 * chart.
 */
GtkWidget *hub_chart_view_new            (void);

/* Draws @data with @func from now on; @destroy frees @data when replaced
 * or when the view goes. NULL @func draws nothing. */
void       hub_chart_view_set_renderer   (HubChartView       *self,
                                          HubChartRenderFunc  func,
                                          gpointer            data,
                                          GDestroyNotify      destroy);
/* (transfer none) (nullable): the renderer's data. */
gpointer   hub_chart_view_get_data       (HubChartView       *self);
void       hub_chart_view_set_hover_func (HubChartView          *self,
                                          HubChartViewHoverFunc  func,
                                          gpointer               user_data);
/* The hover callback's text at (@x, @y) at the current size, or NULL. */
char      *hub_chart_view_dup_hover_text (HubChartView       *self,
                                          double              x,
                                          double              y);
/* Sets the accessible label and the description (a sentence with the
 * chart's main numbers). */
void       hub_chart_view_set_description (HubChartView      *self,
                                           const char        *label,
                                           const char        *description);
/* The default style for @dark with the Preferences palette
 * ("chart-palette"): what every chart of the window starts from. */
void       hub_chart_view_style_for_screen (HubChartStyle    *out,
                                            gboolean          dark);
/* Redraws @widget when the palette setting or dark mode changes. */
void       hub_chart_view_watch_style    (GtkWidget          *widget);
/* The style the view draws with (theme colours, dark variant). */
void       hub_chart_view_get_style      (HubChartView       *self,
                                          HubChartStyle      *out_style);
/**
 * hub_chart_view_pick:
 * The colour drawn at (@x, @y) of the view at its current size (from a
 * rendering cached until the data, size or theme changes). FALSE outside.
 */
gboolean   hub_chart_view_pick           (HubChartView       *self,
                                          double              x,
                                          double              y,
                                          HubChartColor      *out_color);

/* Draws the chart again (after its data changed in place). */
void       hub_chart_view_redraw         (HubChartView       *self);

G_END_DECLS
