/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-style.h"
#include "hub-ticks.h"
#include "hub-share.h"
#include "hub-stacked-area.h"

G_BEGIN_DECLS

/**
 * HubConcentrationData:
 * @result: (nullable): the share result whose per-period HHI, Gini and
 *   top-10 share are drawn; NULL or no period with a participant draws the
 *   "no data" state
 * @time_label: (nullable): the time axis title
 * @align_with: (nullable): the stacked area drawn above this chart at the
 *   same width: the plot takes its horizontal span, so that a date sits at
 *   one x in both and the ticks are the same
 * @align_height: the height that area is drawn at (its legend's layout,
 *   and so its plot's span, depends on it); 0: this chart's height
 *
 * Three lines on a 0..1 axis (HHI solid, Gini dashed, top-10 share dotted,
 * so that they stay apart in greyscale print), named at their right end;
 * with @k90, one line of k(90 %), the fewest participants that make up
 * 90 % of the downloads, on a count axis. Where @result holds a bootstrap
 * (HubShareExtras) each line's 90 % interval is shaded behind it. One
 * period draws dots.
 */
typedef struct {
  const HubShareResult *result;
  const char           *time_label;
  HubTimeUnit           time_unit;    /* the periods' unit: no tick finer (hub_chart_axis_time_unit()) */
  const HubStackedAreaData *align_with;
  int                   align_height;
  gboolean              k90;
} HubConcentrationData;

/* TRUE when no period of @result has a participant. */
gboolean hub_concentration_chart_is_empty (const HubShareResult *result);

/* The left and right margins (px from the edges) this chart needs at
 * @width × @height: a stacked area drawn above it with
 * `align_concentration` keeps at least these, so that the two plots can
 * share one horizontal span. */
void     hub_concentration_chart_margins  (cairo_t             *cr,
                                           int                  width,
                                           int                  height,
                                           const HubChartStyle *style,
                                           double              *out_left,
                                           double              *out_right);

/* The plot rectangle of @data drawn at @width × @height (for tests and
 * hit testing); FALSE when nothing or too little would be drawn. */
gboolean hub_concentration_chart_get_plot (cairo_t                    *cr,
                                           int                         width,
                                           int                         height,
                                           const HubChartStyle        *style,
                                           const HubConcentrationData *data,
                                           HubChartRect               *out_plot);

void     hub_concentration_chart_render   (cairo_t                    *cr,
                                           int                         width,
                                           int                         height,
                                           const HubChartStyle        *style,
                                           const HubConcentrationData *data);

/* What a screen reader says: the latest period's figures (k(90 %) with
 * @data->k90), with their 90 % intervals when the result has them.
 * (transfer full) */
char    *hub_concentration_chart_describe  (const HubConcentrationData *data);

/* hub_concentration_chart_render() as a #HubChartRenderFunc. */
void     hub_concentration_chart_draw_func (cairo_t             *cr,
                                            int                  width,
                                            int                  height,
                                            const HubChartStyle *style,
                                            gconstpointer        data);

G_END_DECLS
