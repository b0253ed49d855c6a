/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-frame.h"
#include "hub-chart-style.h"
#include "hub-compare.h"

G_BEGIN_DECLS

/**
 * HubCompareChartView:
 * @HUB_COMPARE_CHART_CURVES: each subject's values
 * @HUB_COMPARE_CHART_RELATIVE: each subject's value over its baseline
 *   (1× is the baseline, drawn dashed)
 */
typedef enum {
  HUB_COMPARE_CHART_CURVES = 0,
  HUB_COMPARE_CHART_RELATIVE,
  HUB_N_COMPARE_CHART_VIEWS
} HubCompareChartView;

/* "curves", "relative". */
const char *hub_compare_chart_view_to_string   (HubCompareChartView  view);
gboolean    hub_compare_chart_view_from_string (const char          *str,
                                                HubCompareChartView *out);

/**
 * HubCompareChartData:
 * @result: what to draw (borrowed)
 * @log_scale: a log value axis (the relative view is always log)
 * @focus_curve, @focus_point: the point marked (hover or keyboard), or -1
 *
 * A line per subject, in the palette's order; a gap where a value is
 * unknown, a dot for a point with no neighbour; subjects that cannot be
 * drawn (unknown release when aligned by release, no value) are named in
 * the legend as such.
 */
typedef struct {
  const HubCompareResult *result;
  HubCompareChartView     view;
  gboolean                log_scale;
  gint                    focus_curve;
  gint                    focus_point;
} HubCompareChartData;

/**
 * HubCompareChartLayout:
 * @plot: the lines' area: x from @x_lo to @x_hi (days, or Unix seconds),
 *   y from @y_lo to @y_hi (log10 of the value when @log)
 */
typedef struct {
  HubChartRect plot;
  double       x_lo;
  double       x_hi;
  double       y_lo;
  double       y_hi;
  gboolean     log;
  double       legend_height;
  gboolean     empty;
} HubCompareChartLayout;

void     hub_compare_chart_layout   (cairo_t                   *cr,
                                     int                        width,
                                     int                        height,
                                     const HubChartStyle       *style,
                                     const HubCompareChartData *data,
                                     HubCompareChartLayout     *layout);
/* Where point @point of curve @curve is drawn: FALSE when it is not (a gap). */
gboolean hub_compare_chart_point_xy (const HubCompareChartLayout *layout,
                                     const HubCompareChartData   *data,
                                     guint                        curve,
                                     guint                        point,
                                     double                      *out_x,
                                     double                      *out_y);
/* The drawn point nearest (@x, @y) within a few pixels. */
gboolean hub_compare_chart_hit      (const HubCompareChartLayout *layout,
                                     const HubCompareChartData   *data,
                                     double                       x,
                                     double                       y,
                                     guint                       *out_curve,
                                     guint                       *out_point);

void     hub_compare_chart_draw_func (cairo_t             *cr,
                                      int                  width,
                                      int                  height,
                                      const HubChartStyle *style,
                                      gconstpointer        data);

/* "Cumulative downloads by days since release", "Relative adoption ...". */
char    *hub_compare_chart_title     (const HubCompareResult *result,
                                      HubCompareChartView     view);
/* The series, how values were counted, the baseline, who is not drawn. */
char    *hub_compare_chart_caption   (const HubCompareResult *result);
/* One point, as a readout and for a screen reader. */
char    *hub_compare_chart_readout   (const HubCompareResult *result,
                                      HubCompareChartView     view,
                                      guint                   curve,
                                      guint                   point);
/* The chart for a screen reader: each subject's last value and score. */
char    *hub_compare_chart_describe  (const HubCompareResult *result,
                                      HubCompareChartView     view);

G_END_DECLS
