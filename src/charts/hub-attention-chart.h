/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-attention.h"
#include "hub-chart-frame.h"
#include "hub-chart-style.h"

G_BEGIN_DECLS

/* The age classes that colour the points. */
typedef enum {
  HUB_ATTENTION_AGE_MONTH = 0,     /* under 31 days */
  HUB_ATTENTION_AGE_HALF_YEAR,     /* under 183 days */
  HUB_ATTENTION_AGE_YEAR,          /* under 366 days */
  HUB_ATTENTION_AGE_OLDER,
  HUB_ATTENTION_AGE_UNKNOWN,
  HUB_N_ATTENTION_AGES
} HubAttentionAge;

HubAttentionAge hub_attention_age_of    (double          age_days);
/* "Under a month", ... (translated). */
const char     *hub_attention_age_label (HubAttentionAge age);

/**
 * HubAttentionChartData:
 * @result: what to draw (borrowed)
 * @marked: (array length=n_marked) (nullable): models ringed and named
 *   (the compared ones)
 * @focus: the point outlined (hover or keyboard), or -1
 *
 * A log–log scatter of attention against 30-day downloads, a point per
 * model coloured by its age, the medians dashed and the quadrants named
 * with their counts.
 */
typedef struct {
  const HubAttentionResult *result;
  const guint32            *marked;
  guint                     n_marked;
  gint                      focus;
} HubAttentionChartData;

typedef struct {
  HubChartRect plot;
  double       x_lo;       /* log10 */
  double       x_hi;
  double       y_lo;
  double       y_hi;
  double       legend_height;
} HubAttentionChartLayout;

void     hub_attention_chart_layout   (cairo_t                     *cr,
                                       int                          width,
                                       int                          height,
                                       const HubChartStyle         *style,
                                       const HubAttentionChartData *data,
                                       HubAttentionChartLayout     *layout);
void     hub_attention_chart_point_xy (const HubAttentionChartLayout *layout,
                                       const HubAttentionChartData   *data,
                                       guint                          index,
                                       double                        *out_x,
                                       double                        *out_y);
gboolean hub_attention_chart_hit      (const HubAttentionChartLayout *layout,
                                       const HubAttentionChartData   *data,
                                       double                         x,
                                       double                         y,
                                       guint                         *out_index);
void     hub_attention_chart_draw_func (cairo_t             *cr,
                                        int                  width,
                                        int                  height,
                                        const HubChartStyle *style,
                                        gconstpointer        data);

/* "Likes against 30-day downloads". */
char    *hub_attention_chart_title    (const HubAttentionResult *result);
/* How many models, how many drawn, the medians, who is left out. */
char    *hub_attention_chart_caption  (const HubAttentionResult *result);
/* One point: id, downloads, attention, age, quadrant. */
char    *hub_attention_chart_readout  (const HubAttentionResult *result,
                                       guint                     index);
/* The chart for a screen reader: the quadrants' counts and the medians. */
char    *hub_attention_chart_describe (const HubAttentionResult *result);

G_END_DECLS
