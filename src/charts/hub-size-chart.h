/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-style.h"
#include "hub-sizes.h"

G_BEGIN_DECLS

/* A period of fewer models than this is drawn faint and labelled "too few":
 * its quantiles rest on a handful of models and do not compare with the
 * others' (issue 19: n = 3 beside n = 9,519, drawn alike). */
#define HUB_SIZE_CHART_FEW_MODELS 10

/* The parameter axis of the size chart: 1M .. 2T, logarithmic. */
#define HUB_SIZE_CHART_AXIS_MIN 1e6
#define HUB_SIZE_CHART_AXIS_MAX 2e12

/**
 * HubSizeChartData:
 * @result: (nullable): the distribution per period (hub_sizes_compute());
 *   NULL or no period with a sized model draws the empty state
 *
 * The figure's title and caption (hub_size_chart_default_title(),
 * hub_size_chart_describe_coverage()) go to hub_chart_figure_render() /
 * hub_chart_export(), or to labels around the widget.
 */
/**
 * HubSizeChartData:
 * @result: the distribution per period
 * @violin: draw each period's density as a violin around a narrow box
 *   (the paper's figure) instead of the box alone
 */
typedef struct {
  const HubSizeResult *result;
  gboolean             violin;
} HubSizeChartData;

/**
 * HubSizeChartLayout:
 * Where the parts of the size chart go, from the surface size and the
 * style alone; the key and the bucket legend take as many rows as the
 * width needs.
 * @box_plot: the plot area of the distributions (parameter axis)
 * @bars: the plot area of the size-bucket share bars (0 .. 100%)
 * @band_width: the width of one period's column in both plots
 */
/* The key's entries: the box, the median line, the mean diamond. */
#define HUB_SIZE_CHART_N_KEY_ITEMS 3

/* Where one entry of the key or the bucket legend goes: @x from its row's
 * left end, @width at most the row's width, on row @row. */
typedef struct {
  double x;
  double width;
  guint  row;
} HubSizeChartEntryPos;

typedef struct {
  cairo_rectangle_t box_plot;
  cairo_rectangle_t bars;
  double            band_width;
  double            box_width;
  double            bar_width;
  double            labels_y;     /* top of the period labels */
  double            legend_y;     /* top of the bucket legend's first row */
  guint             n_periods;
  guint             key_rows;     /* rows of the key at the top (≥ 1) */
  guint             legend_rows;  /* rows of the bucket legend (≥ 1) */
  HubSizeChartEntryPos key[HUB_SIZE_CHART_N_KEY_ITEMS];
  HubSizeChartEntryPos legend[HUB_N_SIZE_BUCKETS];
} HubSizeChartLayout;

void     hub_size_chart_get_layout   (int                       width,
                                      int                       height,
                                      const HubChartStyle      *style,
                                      guint                     n_periods,
                                      HubSizeChartLayout       *layout);
/* The vertical position of @parameters on the box plot's log axis, clamped
 * to the axis (1M .. 2T). */
double   hub_size_chart_param_to_y   (const HubSizeChartLayout *layout,
                                      double                    parameters);
/* The horizontal centre of period @index's column. */
double   hub_size_chart_period_x     (const HubSizeChartLayout *layout,
                                      guint                     index);
/* The vertical position of a cumulative share (0 .. 1) on the bars. */
double   hub_size_chart_share_to_y   (const HubSizeChartLayout *layout,
                                      double                    share);

/* TRUE when at least one period has a sized model of positive weight. */
gboolean hub_size_chart_has_data     (const HubSizeResult      *result);

/* "Coverage: 7,139 of 10,470 models (68%, holding 35% of the downloads)
 * have a parameter count: ..." The figure's caption. */
char    *hub_size_chart_describe_coverage (const HubSizeResult *result);

/* The default heading for @result. */
char    *hub_size_chart_default_title (const HubSizeResult     *result);

/**
 * hub_size_chart_render:
 * Per period a box plot on a log parameter axis (box p25–p75, whiskers
 * p10–p90, median line, mean diamond), below it the share of each size
 * bucket as a stacked bar, and the legends. Draws nothing outside
 * (0, 0, width, height). No sized model: the empty state "No data for
 * these filters".
 */
void     hub_size_chart_render       (cairo_t                  *cr,
                                      int                       width,
                                      int                       height,
                                      const HubChartStyle      *style,
                                      const HubSizeChartData   *data);

/* hub_size_chart_render() as a #HubChartRenderFunc. */
void     hub_size_chart_draw_func    (cairo_t                  *cr,
                                      int                       width,
                                      int                       height,
                                      const HubChartStyle      *style,
                                      gconstpointer             data);

G_END_DECLS
