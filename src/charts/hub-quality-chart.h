/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "hub-chart-frame.h"
#include "hub-chart-style.h"
#include "hub-quality.h"

G_BEGIN_DECLS

/* What colours the points: their size class or their task. */
typedef enum {
  HUB_QUALITY_CHART_COLOR_SIZE = 0,
  HUB_QUALITY_CHART_COLOR_TASK,
  HUB_N_QUALITY_CHART_COLORS
} HubQualityChartColor;

/* "size", "task"; every name, NULL-terminated. */
const char * const *hub_quality_chart_color_names (void);
gboolean    hub_quality_chart_color_from_string (const char           *str,
                                                 HubQualityChartColor *out_color);
const char *hub_quality_chart_color_to_string   (HubQualityChartColor  color);

/**
 * HubQualityChartData:
 * @result: what to draw (borrowed)
 * @color: what colours the points
 * @focus: the point outlined (hover or keyboard), or -1
 */
typedef struct {
  const HubQualityResult *result;
  HubQualityChartColor    color;
  gint                    focus;
} HubQualityChartData;

/* Tasks named in the legend; the rest are "Other tasks". */
#define HUB_QUALITY_CHART_MAX_TASKS 6
/* Legend entries: six size classes and "Unknown size", or the tasks,
 * "Other tasks" and "No task". */
#define HUB_QUALITY_CHART_MAX_CATEGORIES (HUB_QUALITY_CHART_MAX_TASKS + 2)

/**
 * HubQualityChartLayout:
 * @plot: the scatter's area; adoption runs on a log axis from 10^@x_lo
 *   to 10^@x_hi left to right, the score from @y_worse at the bottom to
 *   @y_better at the top (so "better" is up whatever the direction).
 * @legend_height: the legend rows above the plot
 * @categories: the legend's names, @n_categories of them; a point's
 *   category is hub_quality_chart_category()
 */
typedef struct {
  HubChartRect  plot;
  double        x_lo;
  double        x_hi;
  double        y_worse;
  double        y_better;
  double        legend_height;
  guint         n_categories;
  const char   *categories[HUB_QUALITY_CHART_MAX_CATEGORIES];
  guint16       tasks[HUB_QUALITY_CHART_MAX_TASKS];   /* dataset task indices */
  guint         n_tasks;
} HubQualityChartLayout;

void     hub_quality_chart_layout   (cairo_t                   *cr,
                                     int                        width,
                                     int                        height,
                                     const HubChartStyle       *style,
                                     const HubQualityChartData *data,
                                     HubQualityChartLayout     *layout);
/* Where point @index is drawn. */
void     hub_quality_chart_point_xy (const HubQualityChartLayout *layout,
                                     const HubQualityChartData   *data,
                                     guint                        index,
                                     double                      *out_x,
                                     double                      *out_y);
/* The legend category of point @index. */
guint    hub_quality_chart_category (const HubQualityChartLayout *layout,
                                     const HubQualityChartData   *data,
                                     guint                        index);
/* The point nearest (@x, @y) within a few pixels: TRUE with its index. */
gboolean hub_quality_chart_hit      (const HubQualityChartLayout *layout,
                                     const HubQualityChartData   *data,
                                     double                       x,
                                     double                       y,
                                     guint                       *out_index);

void     hub_quality_chart_draw_func (cairo_t             *cr,
                                      int                  width,
                                      int                  height,
                                      const HubChartStyle *style,
                                      gconstpointer        data);

/* "30-day downloads", "Family downloads (30 days)", "Likes", ... */
char    *hub_quality_adoption_label  (const HubQualityResult *result);
/* "STSBenchmark" or "Mean of sst5, squad"; "(lower is better)" added. */
char    *hub_quality_score_label     (const HubQualityResult *result);
/* "STSBenchmark (mteb-english) against 30-day downloads". */
char    *hub_quality_chart_title     (const HubQualityResult *result);
/* What was read and who is missing: the snapshot, the lines, the counts. */
char    *hub_quality_chart_caption   (const HubQualityResult *result);
/* One point, as a readout and for a screen reader. */
char    *hub_quality_chart_readout   (const HubQualityResult *result,
                                      guint                   index);
/* The chart for a screen reader: the quadrants' counts and first models. */
char    *hub_quality_chart_describe  (const HubQualityResult *result);

G_END_DECLS
