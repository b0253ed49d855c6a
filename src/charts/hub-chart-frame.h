/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-style.h"
#include "hub-ticks.h"

G_BEGIN_DECLS

/* Pieces shared by the renderers of src/charts: text, axes with ticks,
 * legends, the empty state. Every function draws only inside what it is
 * given and leaves @cr's state as it found it. */

typedef struct {
  double x;
  double y;
  double width;
  double height;
} HubChartRect;

/* Space around a plot and between its parts, in device-independent pixels. */
#define HUB_CHART_PAD 8.0

/* A context to measure text and lay charts out on when there is no
 * drawing (hit tests, legends); free with cairo_destroy(). */
cairo_t *hub_chart_measure_context (void);

/* Width and height of @text in @role's font. */
void     hub_chart_measure_text (cairo_t             *cr,
                                 const HubChartStyle *style,
                                 HubChartTextRole     role,
                                 const char          *text,
                                 double              *out_width,
                                 double              *out_height);
/* The width of @text in the tick role (labels, legends). */
double   hub_chart_tick_width   (cairo_t             *cr,
                                 const HubChartStyle *style,
                                 const char          *text);

/**
 * hub_chart_draw_text:
 * Draws @text with its box anchored at (@x, @y): @xalign and @yalign (0..1)
 * say which point of the box that is (0, 0 = top left; 0.5, 0.5 = centre).
 * @max_width > 0 ellipsizes longer text. @angle rotates about the anchor
 * (radians; -G_PI / 2 for a vertical axis title).
 */
void     hub_chart_draw_text    (cairo_t             *cr,
                                 const HubChartStyle *style,
                                 HubChartTextRole     role,
                                 const HubChartColor *color,
                                 const char          *text,
                                 double               x,
                                 double               y,
                                 double               xalign,
                                 double               yalign,
                                 double               max_width,
                                 double               angle);

/* The "no data for these filters" state: a dashed frame around @area, a
 * line of @message and a smaller @detail (nullable) under it. */
void     hub_chart_draw_empty   (cairo_t             *cr,
                                 const HubChartStyle *style,
                                 const HubChartRect  *area,
                                 const char          *message,
                                 const char          *detail);

/**
 * HubChartValueAxis:
 * A vertical axis: nice ticks from @lo to @hi in @format.
 */
typedef struct {
  GArray        *ticks;        /* HubTick */
  double         lo;
  double         hi;
  double         label_width;  /* widest tick label */
  HubTickFormat  format;
} HubChartValueAxis;

/* Ticks for @min..@max about 40 px apart over @length px. */
void     hub_chart_value_axis_init  (HubChartValueAxis   *axis,
                                     cairo_t             *cr,
                                     const HubChartStyle *style,
                                     double               min,
                                     double               max,
                                     double               length,
                                     HubTickFormat        format);
void     hub_chart_value_axis_clear (HubChartValueAxis   *axis);
/* The y of @value in @plot (@lo at the bottom). */
double   hub_chart_value_axis_map   (const HubChartValueAxis *axis,
                                     const HubChartRect      *plot,
                                     double                   value);
/* Gridlines across @plot, tick labels left of it, and @title (nullable)
 * rotated at @title_x. */
void     hub_chart_value_axis_draw  (const HubChartValueAxis *axis,
                                     cairo_t                 *cr,
                                     const HubChartStyle     *style,
                                     const HubChartRect      *plot,
                                     const char              *title,
                                     double                   title_x);

/**
 * HubChartTimeAxis:
 * A horizontal calendar axis from @t_lo to @t_hi (Unix seconds).
 */
typedef struct {
  GArray   *ticks;      /* HubTick */
  gboolean *visible;    /* per tick: label shown */
  double    t_lo;
  double    t_hi;
} HubChartTimeAxis;

void     hub_chart_time_axis_init  (HubChartTimeAxis    *axis,
                                    cairo_t             *cr,
                                    const HubChartStyle *style,
                                    gint64               t_min,
                                    gint64               t_max,
                                    HubTimeUnit          finest,
                                    double               length);
void     hub_chart_time_axis_clear (HubChartTimeAxis    *axis);
double   hub_chart_time_axis_map   (const HubChartTimeAxis *axis,
                                    const HubChartRect     *plot,
                                    double                  t);
/* Tick marks under @plot, labels under them (no two overlap), and @title
 * (nullable) centred below. */
void     hub_chart_time_axis_draw  (const HubChartTimeAxis *axis,
                                    cairo_t                *cr,
                                    const HubChartStyle    *style,
                                    const HubChartRect     *plot,
                                    const char             *title);

/* Height the time axis needs under a plot (labels and optional title). */
double   hub_chart_time_axis_height (cairo_t             *cr,
                                     const HubChartStyle *style,
                                     gboolean             with_title);

/**
 * HubChartLegendEntry:
 * One legend entry: a swatch of @color (a short line when @line), @label
 * and @detail (nullable, e.g. "45%") in the muted colour after it.
 * @emphasis draws the label bold (the highlighted series).
 */
typedef struct {
  const HubChartColor *color;
  const char          *label;
  const char          *detail;
  gboolean             line;
  gboolean             emphasis;
  gboolean             faded;
} HubChartLegendEntry;

/* Width a legend entry needs (unclipped). */
double   hub_chart_legend_entry_width (cairo_t                   *cr,
                                       const HubChartStyle       *style,
                                       const HubChartLegendEntry *entry);
/* Height of one legend row. */
double   hub_chart_legend_row_height  (cairo_t             *cr,
                                       const HubChartStyle *style);
/* Draws @entry at (@x, @y) (top left), ellipsizing its label to fit
 * @max_width. */
void     hub_chart_legend_entry_draw  (cairo_t                   *cr,
                                       const HubChartStyle       *style,
                                       const HubChartLegendEntry *entry,
                                       double                     x,
                                       double                     y,
                                       double                     max_width);

/**
 * hub_chart_legend_layout:
 * Places @n entries either in a column right of the plot (@area wide
 * enough) or in rows under it. Returns the legend's rectangle inside
 * @area and shrinks @plot_area to what is left for the plot.
 * @out_x and @out_y get each entry's top left; @out_max_width the width
 * an entry may use. Returns TRUE for the column, FALSE for rows.
 */
gboolean hub_chart_legend_layout      (cairo_t                   *cr,
                                       const HubChartStyle       *style,
                                       const HubChartLegendEntry *entries,
                                       guint                      n,
                                       HubChartRect              *plot_area,
                                       double                    *out_x,
                                       double                    *out_y,
                                       double                    *out_max_width);

/**
 * hub_chart_legend_rows:
 * @labels: (array length=n): the entries' labels
 * @swatch: the width of the mark drawn before each label
 * @out_x: (array length=n) (out caller-allocates) (nullable): each entry's left
 * @out_y: (array length=n) (out caller-allocates) (nullable): each entry's top
 *
 * Legend entries flowed in rows across the top of a chart @width wide (the
 * quality, compare and attention charts). Returns the height the rows
 * take, the space under them included.
 */
double   hub_chart_legend_rows        (cairo_t                   *cr,
                                       const HubChartStyle       *style,
                                       const char * const        *labels,
                                       guint                      n,
                                       double                     swatch,
                                       double                     width,
                                       double                    *out_x,
                                       double                    *out_y);

/* @color mixed with @over at @t (0 = @color, 1 = @over), opaque. */
HubChartColor hub_chart_color_mix     (const HubChartColor *color,
                                       const HubChartColor *over,
                                       double               t);

G_END_DECLS
