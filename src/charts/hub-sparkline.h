/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-style.h"

G_BEGIN_DECLS

/**
 * HubSparklineData:
 * @values: the series (NAN marks a point that was not observed)
 * @x: (nullable): positions of the points (e.g. capture times), ascending;
 *   NULL spaces the points evenly
 * @n_values: number of points
 */
typedef struct {
  const double *values;
  const double *x;
  guint         n_values;
} HubSparklineData;

/**
 * HubSparklineRange:
 * The extent of the observed points of a series.
 */
typedef struct {
  double min;
  double max;
  guint  min_index;   /* first point holding the minimum */
  guint  max_index;   /* first point holding the maximum */
  double x_min;
  double x_max;
  guint  n_valid;     /* points that are not NAN */
} HubSparklineRange;

/* The rectangle the line is drawn in, inset so that dots are not clipped. */
typedef struct {
  double x;
  double y;
  double width;
  double height;
} HubSparklineArea;

/* FALSE (and @range zeroed) when no point was observed. */
gboolean hub_sparkline_get_range  (const HubSparklineData *data,
                                   HubSparklineRange      *range);
void     hub_sparkline_get_area   (int                     width,
                                   int                     height,
                                   const HubChartStyle    *style,
                                   HubSparklineArea       *area);
/* Position of point @index; FALSE for a NAN point. A single point, or a
 * flat series, sits on the middle line. */
gboolean hub_sparkline_map_point  (const HubSparklineData  *data,
                                   const HubSparklineRange *range,
                                   const HubSparklineArea  *area,
                                   guint                    index,
                                   double                  *out_x,
                                   double                  *out_y);

/* Draws the series: a filled area under the line, the line, and dots on the
 * minimum, the maximum and the last point. No observed point: a dashed
 * baseline. Draws nothing outside (0, 0, width, height). */
void     hub_sparkline_render     (cairo_t                *cr,
                                   int                     width,
                                   int                     height,
                                   const HubChartStyle    *style,
                                   const HubSparklineData *data);

G_END_DECLS
