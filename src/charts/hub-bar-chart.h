/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-style.h"
#include "hub-leaderboard.h"
#include "hub-share.h"

G_BEGIN_DECLS

/**
 * HubBarChartData:
 * Ranked horizontal bars, top to bottom in the given order.
 *
 * @labels: a name per bar
 * @values: each bar's length (>= 0)
 * @shares: each bar's share, printed after its value (NaN: none)
 * @n_segments: 0 or 1 for plain bars; more splits each bar into stacked
 *   segments with @segment_values[bar × @n_segments + segment] (their sum
 *   is the bar's length), named by @segment_labels in a legend;
 *   @segment_kinds (nullable) greys Other and Unknown segments
 * @highlight: a bar to bring forward, or -1
 * @value_label: (nullable): the value axis title
 *
 * Owns every array; free with hub_bar_chart_data_free().
 */
typedef struct {
  guint               n_bars;
  char              **labels;
  gint64             *values;
  double             *shares;
  guint               n_segments;
  char              **segment_labels;
  gint64             *segment_values;
  HubShareColumnKind *segment_kinds;
  int                 highlight;
  char               *value_label;
  char               *empty_text;   /* why there is no bar; NULL: nothing was downloaded */
} HubBarChartData;

/* Zeroed arrays for @n_bars bars of @n_segments segments (shares NaN). */
HubBarChartData *hub_bar_chart_data_new        (guint                 n_bars,
                                                guint                 n_segments);
/**
 * hub_bar_chart_data_new_leaderboard:
 * @rows: (element-type HubLeaderboardRow): a leaderboard
 * @recent_label: (nullable): names the part of each bar that comes from
 *   recently created models; NULL draws plain bars
 *
 * Bars of the leaderboard's values and shares; with @recent_label, each
 * bar splits into recent models and older ones.
 */
HubBarChartData *hub_bar_chart_data_new_leaderboard (const GArray     *rows,
                                                     const char       *recent_label);
/**
 * hub_bar_chart_data_explain_unknown:
 * @data: a leaderboard's bars
 * @level: what the leaderboard ranks
 * @beside: the share result drawn beside it (its latest period counts)
 *
 * A leaderboard without a bar beside a figure that counted downloads is not
 * "nothing downloaded": none of them has a known country (or developer).
 * The empty chart then says so.
 */
void             hub_bar_chart_data_explain_unknown (HubBarChartData     *data,
                                                     HubLeaderboardLevel  level,
                                                     const HubShareResult *beside);
/**
 * hub_bar_chart_data_new_breakdown:
 * A bar per column of @result over period @period (its share of the
 * period's total), split by the inner columns when @result has a second
 * level (`within`): e.g. the organization types within each country.
 */
HubBarChartData *hub_bar_chart_data_new_breakdown   (const HubShareResult *result,
                                                     guint                 period);
void             hub_bar_chart_data_free       (HubBarChartData *data);

/* The segment colour: the palette for categories, the style's greys for
 * Other and Unknown (faded when another bar is highlighted). */
HubChartColor    hub_bar_chart_segment_color   (const HubBarChartData *data,
                                                const HubChartStyle   *style,
                                                guint                  bar,
                                                guint                  segment);

/**
 * hub_bar_chart_segment_spans:
 * @x0: where the bars start (the plot's left edge)
 * @scale: pixels per unit of value
 * @out_start: (array length=data->n_segments): each segment's left edge
 * @out_width: (array length=data->n_segments): each segment's width
 *
 * Where the segments of @bar lie, left to right in segment order, each
 * starting where the previous ends (pure geometry; plain bars have one
 * segment, the whole bar).
 */
void     hub_bar_chart_segment_spans   (const HubBarChartData *data,
                                        guint                  bar,
                                        double                 x0,
                                        double                 scale,
                                        double                *out_start,
                                        double                *out_width);
/* The share of @segment in the sum of every bar (0 when it is 0): the
 * legend prints it after the segment's name. */
double   hub_bar_chart_segment_share   (const HubBarChartData *data,
                                        guint                  segment);

/**
 * hub_bar_chart_data_new_latest_breakdown:
 * hub_bar_chart_data_new_breakdown() of @result's last period with the
 * value axis titled @value_label (nullable) followed by which period the
 * bars are ("…in the latest snapshot, 22 Aug 2026"): the chart the Share
 * view and `hubeco export-chart share --within` draw for a two-level query.
 */
HubBarChartData *hub_bar_chart_data_new_latest_breakdown (const HubShareResult *result,
                                                          const char           *value_label);

/* Draws the bars, the value axis and (with segments) the legend. No bar, or
 * every value 0, draws the "no data" state. */
void     hub_bar_chart_render    (cairo_t               *cr,
                                  int                    width,
                                  int                    height,
                                  const HubChartStyle   *style,
                                  const HubBarChartData *data);

/* hub_bar_chart_render() as a #HubChartRenderFunc. */
void     hub_bar_chart_draw_func (cairo_t             *cr,
                                  int                  width,
                                  int                  height,
                                  const HubChartStyle *style,
                                  gconstpointer        data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubBarChartData, hub_bar_chart_data_free)

G_END_DECLS
