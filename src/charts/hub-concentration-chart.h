/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-style.h"
#include "hub-ticks.h"
#include "hub-share.h"

G_BEGIN_DECLS

/**
 * HubConcentrationData:
 * @result: (nullable): the share result whose per-period HHI, Gini and
 *   top-10 share are drawn; NULL or no period with a participant draws the
 *   "no data" state
 * @time_label: (nullable): the time axis title
 *
 * Three lines on a 0..1 axis (HHI solid, Gini dashed, top-10 share dotted,
 * so that they stay apart in greyscale print), named at their right end.
 * One period draws three dots.
 */
typedef struct {
  const HubShareResult *result;
  const char           *time_label;
  HubTimeUnit           time_unit;    /* the periods' unit: no tick finer (hub_chart_axis_time_unit()) */
} HubConcentrationData;

/* TRUE when no period of @result has a participant. */
gboolean hub_concentration_chart_is_empty (const HubShareResult *result);

void     hub_concentration_chart_render   (cairo_t                    *cr,
                                           int                         width,
                                           int                         height,
                                           const HubChartStyle        *style,
                                           const HubConcentrationData *data);

/* hub_concentration_chart_render() as a #HubChartRenderFunc. */
void     hub_concentration_chart_draw_func (cairo_t             *cr,
                                            int                  width,
                                            int                  height,
                                            const HubChartStyle *style,
                                            gconstpointer        data);

G_END_DECLS
