/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hub-analysis.h"

G_BEGIN_DECLS

#define HUB_TYPE_SENSITIVITY_VIEW (hub_sensitivity_view_get_type ())
G_DECLARE_FINAL_TYPE (HubSensitivityView, hub_sensitivity_view, HUB, SENSITIVITY_VIEW, GtkBox)

/**
 * HubSensitivityView:
 * The Share view's "Compare Methods": the query's share chart under each
 * counting choice side by side (hub_analysis_sensitivity(), drawn by
 * hub_sensitivity_chart_draw_func()), the largest change in a sentence,
 * and which choices vary (attribution × window, the default, or either
 * with the left-out kinds), remembered in the settings. It computes off
 * the main thread with its own spinner; a newer query cancels the older.
 */
GtkWidget            *hub_sensitivity_view_new        (void);
/* Answers @query on @analysis, which answers on @dataset; nothing when it
 * already answers (or is answering) the same query on the same dataset. */
void                  hub_sensitivity_view_set_query  (HubSensitivityView *self,
                                                       HubAnalysis        *analysis,
                                                       HubDataset         *dataset,
                                                       const HubQuery     *query);
/* (transfer none) (nullable): the grid shown. */
HubSensitivityResult *hub_sensitivity_view_get_result (HubSensitivityView *self);
gboolean              hub_sensitivity_view_is_busy    (HubSensitivityView *self);
/* What the view draws, for export: (transfer full) (nullable) a
 * HubSensitivityChartData holding its own reference to the grid, freed
 * with hub_sensitivity_view_chart_free(); NULL before a result. */
gpointer              hub_sensitivity_view_dup_chart  (HubSensitivityView *self);
void                  hub_sensitivity_view_chart_free (gpointer            chart);

G_END_DECLS
