/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-style.h"
#include "hub-sensitivity.h"
#include "hub-ticks.h"

G_BEGIN_DECLS

/**
 * HubSensitivityChartData:
 * @result: the grid; NULL draws the "no data" state
 *
 * Small multiples: one stacked area of shares (0–100 %, one scale for
 * all) per method, titled with its choices and its leader, HHI and Gini;
 * the baseline (the query as asked) first and framed; a category keeps its
 * colour in every panel (the baseline's order), named once in a legend
 * across the top; the largest change is written under the panels.
 */
typedef struct {
  const HubSensitivityResult *result;
  const char                 *time_label;
  HubTimeUnit                 time_unit;
  gboolean                    hide_change;   /* the view writes it above */
} HubSensitivityChartData;

void  hub_sensitivity_chart_draw_func (cairo_t             *cr,
                                       int                  width,
                                       int                  height,
                                       const HubChartStyle *style,
                                       gconstpointer        data);

/* Each method's headline in a sentence, and the largest change, for the
 * accessible description and the caption. (transfer full) */
char *hub_sensitivity_chart_describe  (const HubSensitivityResult *result);

G_END_DECLS
