/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "hub-breakdown.h"
#include "hub-chart-frame.h"
#include "hub-chart-style.h"

G_BEGIN_DECLS

typedef enum {
  HUB_BREAKDOWN_CHART_HEATMAP = 0,  /* a cell per row × column, shaded by its share */
  HUB_BREAKDOWN_CHART_BARS,         /* a bar per row, split by the columns */
  HUB_N_BREAKDOWN_CHART_MODES
} HubBreakdownChartMode;

/* "heatmap", "bars". */
/* Every mode's name, NULL-terminated. */
const char * const *hub_breakdown_chart_mode_names (void);
const char *hub_breakdown_chart_mode_to_string   (HubBreakdownChartMode  mode);
gboolean    hub_breakdown_chart_mode_from_string (const char            *str,
                                                  HubBreakdownChartMode *out_mode);

/**
 * HubBreakdownChartData:
 * @result: what to draw (borrowed)
 * @mode: heat map or bars
 * @focus_row, @focus_col: the cell outlined (hover or keyboard), or -1
 */
typedef struct {
  const HubBreakdownResult *result;
  HubBreakdownChartMode     mode;
  gint                      focus_row;
  gint                      focus_col;
} HubBreakdownChartData;

/**
 * HubBreakdownChartLayout:
 * Where the grid sits: @grid holds the cells of the rows and columns
 * (totals apart), each @cell_width × @cell_height; in bars mode a column
 * has no place of its own (@cell_width is the bar's full length).
 */
typedef struct {
  HubChartRect grid;
  double       cell_width;
  double       cell_height;
  double       label_width;
  double       header_height;
  gboolean     vertical_headers;
} HubBreakdownChartLayout;

void      hub_breakdown_chart_layout    (cairo_t                     *cr,
                                         int                          width,
                                         int                          height,
                                         const HubChartStyle         *style,
                                         const HubBreakdownChartData *data,
                                         HubBreakdownChartLayout     *layout);
/* The cell at (@x, @y): TRUE with its row and column (bars mode: the
 * segment under the pointer). */
gboolean  hub_breakdown_chart_hit       (const HubBreakdownChartLayout *layout,
                                         const HubBreakdownChartData   *data,
                                         double                         x,
                                         double                         y,
                                         gint                          *out_row,
                                         gint                          *out_col);

void      hub_breakdown_chart_draw_func (cairo_t             *cr,
                                         int                  width,
                                         int                  height,
                                         const HubChartStyle *style,
                                         gconstpointer        data);

/* "Downloads of the 50 largest developers by country and size threshold". */
char     *hub_breakdown_chart_title     (const HubBreakdownResult *result);
/* What one cell holds, as a readout and for a screen reader:
 * "US, <1B: 7,238,729 downloads, 1.0 % of the set, 1.7 % of US". */
char     *hub_breakdown_chart_readout   (const HubBreakdownResult *result,
                                         guint                     row,
                                         guint                     col);
/* The caption under the chart and in its exports: how many developers,
 * their share of the query's downloads, how well both dimensions are known. */
char     *hub_breakdown_chart_caption   (const HubBreakdownResult *result);
/* The chart for a screen reader: the rows with their share and largest
 * column. */
char     *hub_breakdown_chart_describe  (const HubBreakdownResult *result);

G_END_DECLS
