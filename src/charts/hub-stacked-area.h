/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-frame.h"
#include "hub-chart-style.h"
#include "hub-share.h"

G_BEGIN_DECLS

typedef enum {
  HUB_STACKED_AREA_ABSOLUTE = 0,
  HUB_STACKED_AREA_PERCENT,     /* each period scaled to 100% */
} HubStackedAreaMode;

/**
 * HubStackedAreaData:
 * @result: (nullable): the share result to draw; NULL, no period, no
 *   column or only zeros draw the "no data for these filters" state
 * @mode: absolute values or shares of each period
 * @highlight: a column of @result to bring forward, or -1
 * @value_label: (nullable): the value axis title in absolute mode
 *   ("Downloads in the last 30 days"); percent mode says "Share"
 * @time_label: (nullable): the time axis title ("Snapshot")
 * @time_unit: the periods' calendar unit, below which the time axis has no
 *   tick (months tick months, not days between them; hub_chart_axis_time_unit())
 * @align_concentration: leave the margins the concentration chart under it
 *   needs, so that both plots share one span
 * @no_legend: draw no legend (small multiples share one)
 * @palette_labels: (nullable): NULL-terminated category labels whose
 *   order gives the palette, so that a category keeps its colour across
 *   charts; categories not listed take the colours after them
 *
 * Bands are stacked from the bottom in decreasing total (the result's
 * column order), with "Unknown" and then "Other" at the top in the style's
 * muted greys. The legend names each band with its share of the whole
 * range. One period draws a single stacked column. Periods in which the
 * series added accounts (@result's period_joins) get a dashed line and
 * "+N" at the top of the plot.
 */
typedef struct {
  const HubShareResult *result;
  HubStackedAreaMode    mode;
  int                   highlight;
  const char           *value_label;
  const char           *time_label;
  HubTimeUnit           time_unit;
  gboolean              align_concentration;
  gboolean              no_legend;
  const char * const   *palette_labels;
} HubStackedAreaData;

/**
 * hub_stacked_area_order:
 * @out_order: (array length=result->n_columns): column indices from the
 *   bottom band to the top one: categories in column order, then Unknown,
 *   then Other
 */
void     hub_stacked_area_order  (const HubShareResult *result,
                                  guint                *out_order);

/**
 * hub_stacked_area_stack:
 * @order: (array length=n_order): columns from the bottom band up
 * @out_bounds: ((n_order + 1) × n_periods): band b of period p spans
 *   @out_bounds[b × n_periods + p] .. @out_bounds[(b + 1) × n_periods + p];
 *   row 0 is 0 and row n_order is the period's total (1 in percent mode,
 *   0 for a period whose total is 0)
 *
 * The cumulative boundaries of the bands (pure geometry, in data units).
 */
void     hub_stacked_area_stack  (const HubShareResult *result,
                                  const guint          *order,
                                  guint                 n_order,
                                  HubStackedAreaMode    mode,
                                  double               *out_bounds);

/* The share of @column over every period: its total over the sum of the
 * period totals (0 when nothing was counted). */
double   hub_stacked_area_range_share (const HubShareResult *result,
                                       guint                 column);

/* TRUE when @result has nothing to draw (NULL, no period or column, or
 * every total 0). */
gboolean hub_stacked_area_is_empty (const HubShareResult *result);

/* The fill colour of @column: the palette by rank for categories, the
 * style's other / unknown greys for those columns. */
HubChartColor hub_stacked_area_column_color (const HubStackedAreaData *data,
                                             const HubChartStyle      *style,
                                             guint                     column);

/**
 * HubStackedAreaLayout:
 * Where hub_stacked_area_render() puts things in a @width × @height chart
 * (device-independent pixels), for hit testing without reading pixels.
 *
 * @plot: the plot rectangle
 * @n_periods, @n_bands: periods and bands (= the result's columns)
 * @xs: the x of each period (single period: the centre of its column)
 * @order: the column of each band, bottom band first
 * @band_top, @band_bottom: the y of band b's upper and lower edge at
 *   period p, [b × n_periods + p] (top < bottom on screen)
 * @bar_width: the single period's column width (0 with more periods)
 * @legend: a rectangle per legend entry, @legend_column its column
 * @empty: nothing to draw (no data, or too small); every array is NULL
 */
typedef struct {
  HubChartRect  plot;
  guint         n_periods;
  guint         n_bands;
  double       *xs;
  guint        *order;
  double       *band_top;
  double       *band_bottom;
  double        bar_width;
  HubChartRect *legend;
  guint        *legend_column;
  gboolean      empty;
} HubStackedAreaLayout;

/* Fills @out for @data drawn at @width × @height with @style; @cr
 * (nullable) measures text (a scratch surface when NULL). Clear with
 * hub_stacked_area_layout_clear(). */
void     hub_stacked_area_layout_init  (HubStackedAreaLayout     *out,
                                        cairo_t                  *cr,
                                        int                       width,
                                        int                       height,
                                        const HubChartStyle      *style,
                                        const HubStackedAreaData *data);
void     hub_stacked_area_layout_clear (HubStackedAreaLayout     *layout);

/* The period whose x is nearest @x when (@x, @y) is inside the plot
 * (and at most half a period's spacing beyond the first and last), else
 * -1. */
int      hub_stacked_area_layout_period_at (const HubStackedAreaLayout *layout,
                                            double                      x,
                                            double                      y);
/* The column of the band drawn at (@x, @y) (edges interpolated straight
 * between periods, as drawn), else -1. */
int      hub_stacked_area_layout_band_at   (const HubStackedAreaLayout *layout,
                                            double                      x,
                                            double                      y);
/* The column of the legend entry at (@x, @y), else -1. */
int      hub_stacked_area_layout_legend_at (const HubStackedAreaLayout *layout,
                                            double                      x,
                                            double                      y);

/* Draws the chart (axes, bands, legend) in (0, 0, @width, @height). */
void     hub_stacked_area_render (cairo_t                  *cr,
                                  int                       width,
                                  int                       height,
                                  const HubChartStyle      *style,
                                  const HubStackedAreaData *data);

/* hub_stacked_area_render() as a #HubChartRenderFunc (@data is a
 * HubStackedAreaData). */
void     hub_stacked_area_draw_func (cairo_t             *cr,
                                     int                  width,
                                     int                  height,
                                     const HubChartStyle *style,
                                     gconstpointer        data);

G_END_DECLS
