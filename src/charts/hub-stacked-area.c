/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-stacked-area.h"
#include "hub-chart-frame.h"
#include "hub-ticks.h"

#include <glib/gi18n.h>
#include <math.h>

/* How far a series that is not highlighted fades toward the paper. */
#define FADE 0.65

void
hub_stacked_area_order (const HubShareResult *result,
                        guint                *out_order)
{
  guint k = 0;

  g_return_if_fail (result != NULL);
  g_return_if_fail (out_order != NULL);

  for (guint c = 0; c < result->n_columns; c++)
    if (result->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY)
      out_order[k++] = c;
  for (guint c = 0; c < result->n_columns; c++)
    if (result->column_kind[c] == HUB_SHARE_COLUMN_UNKNOWN)
      out_order[k++] = c;
  for (guint c = 0; c < result->n_columns; c++)
    if (result->column_kind[c] == HUB_SHARE_COLUMN_OTHER)
      out_order[k++] = c;
  g_assert (k == result->n_columns);
}

void
hub_stacked_area_stack (const HubShareResult *result,
                        const guint          *order,
                        guint                 n_order,
                        HubStackedAreaMode    mode,
                        double               *out_bounds)
{
  guint np;

  g_return_if_fail (result != NULL);
  g_return_if_fail (n_order == 0 || order != NULL);
  g_return_if_fail (out_bounds != NULL);

  np = result->n_periods;
  for (guint p = 0; p < np; p++)
    {
      double total = (double) result->totals[p];
      double acc = 0;

      out_bounds[p] = 0;
      for (guint b = 0; b < n_order; b++)
        {
          double v = (double) result->values[(gsize) p * result->n_columns + order[b]];

          acc += MAX (v, 0);
          out_bounds[(gsize) (b + 1) * np + p] =
            mode == HUB_STACKED_AREA_PERCENT ? (total > 0 ? acc / total : 0) : acc;
        }
    }
}

double
hub_stacked_area_range_share (const HubShareResult *result,
                              guint                 column)
{
  double all = 0;

  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (column < result->n_columns, 0);

  for (guint p = 0; p < result->n_periods; p++)
    all += (double) result->totals[p];
  return all > 0 ? (double) result->column_totals[column] / all : 0;
}

gboolean
hub_stacked_area_is_empty (const HubShareResult *result)
{
  if (result == NULL || result->n_periods == 0 || result->n_columns == 0)
    return TRUE;
  for (guint p = 0; p < result->n_periods; p++)
    if (result->totals[p] > 0)
      return FALSE;
  return TRUE;
}

HubChartColor
hub_stacked_area_column_color (const HubStackedAreaData *data,
                               const HubChartStyle      *style,
                               guint                     column)
{
  const HubShareResult *result = data->result;
  HubChartColor color;

  switch (result->column_kind[column])
    {
    case HUB_SHARE_COLUMN_OTHER:
      color = style->other;
      break;
    case HUB_SHARE_COLUMN_UNKNOWN:
      color = style->unknown;
      break;
    case HUB_SHARE_COLUMN_CATEGORY:
    default:
      {
        guint rank = 0;

        for (guint c = 0; c < column; c++)
          rank += result->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY;
        color = *hub_chart_style_get_series_color (style, rank);
      }
      break;
    }
  if (data->highlight >= 0 && (guint) data->highlight != column)
    color = hub_chart_color_mix (&color, &style->paper, FADE);
  return color;
}

static char *
column_label (const HubShareResult *result,
              guint                 column)
{
  if (result->column_labels != NULL && result->column_labels[column] != NULL)
    return g_strdup (result->column_labels[column]);
  if (result->column_kind[column] == HUB_SHARE_COLUMN_OTHER)
    return g_strdup (_("Other"));
  if (result->column_kind[column] == HUB_SHARE_COLUMN_UNKNOWN)
    return g_strdup (_("Unknown"));
  return g_strdup_printf ("%u", column + 1);
}

static gboolean
has_time_axis (const HubShareResult *result)
{
  if (result->period_starts == NULL || result->n_periods < 2)
    return FALSE;
  for (guint p = 1; p < result->n_periods; p++)
    if (result->period_starts[p] <= result->period_starts[p - 1])
      return FALSE;
  return TRUE;
}

/* Period labels under the plot at evenly spaced positions, for results
 * without period times. */
static void
draw_index_axis (cairo_t              *cr,
                 const HubChartStyle  *style,
                 const HubShareResult *result,
                 const double         *xs,
                 const HubChartRect   *plot,
                 const char           *title)
{
  guint n = result->n_periods;
  g_autofree double *widths = g_new (double, n);
  g_autofree gboolean *visible = g_new (gboolean, n);
  double bottom = plot->y + plot->height, tick_h = 0;

  for (guint p = 0; p < n; p++)
    hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK,
                            result->period_labels != NULL ? result->period_labels[p] : "", &widths[p], &tick_h);
  hub_ticks_hide_overlaps (xs, widths, n, HUB_CHART_PAD, visible);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  hub_chart_set_source (cr, &style->foreground, 0.6);
  cairo_move_to (cr, plot->x, round (bottom) + 0.5);
  cairo_line_to (cr, plot->x + plot->width, round (bottom) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint p = 0; p < n; p++)
    if (visible[p] && result->period_labels != NULL)
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, result->period_labels[p],
                           xs[p], bottom + 6, 0.5, 0.0, 0, 0);
  if (title != NULL)
    hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, title,
                         plot->x + plot->width / 2, bottom + 6 + tick_h + HUB_CHART_PAD / 2, 0.5, 0.0, plot->width, 0);
}

void
hub_stacked_area_render (cairo_t                  *cr,
                         int                       width,
                         int                       height,
                         const HubChartStyle      *style,
                         const HubStackedAreaData *data)
{
  const HubShareResult *result;
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  HubChartRect plot;
  HubChartValueAxis vaxis = { 0 };
  HubChartTimeAxis taxis = { 0 };
  g_autofree guint *order = NULL;
  g_autofree double *bounds = NULL;
  g_autofree double *xs = NULL;
  g_autofree HubChartLegendEntry *entries = NULL;
  g_autofree HubChartColor *colors = NULL;
  g_autofree double *lx = NULL;
  g_autofree double *ly = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  gboolean percent, timed, single;
  double ymax = 0, legend_w, title_h, label_w;
  const char *value_title;
  g_autofree char *percent_title = NULL;
  guint n, np;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (width <= 2 * HUB_CHART_PAD || height <= 2 * HUB_CHART_PAD)
    return;

  result = data->result;
  if (hub_stacked_area_is_empty (result))
    {
      hub_chart_draw_empty (cr, style, &area, _("No data for these filters"),
                            _("No downloads were counted in any period. Try fewer filters or another series."));
      return;
    }

  n = result->n_columns;
  np = result->n_periods;
  percent = data->mode == HUB_STACKED_AREA_PERCENT;
  single = np == 1;
  timed = has_time_axis (result);

  order = g_new (guint, n);
  hub_stacked_area_order (result, order);
  bounds = g_new (double, (gsize) (n + 1) * np);
  hub_stacked_area_stack (result, order, n, data->mode, bounds);
  for (guint p = 0; p < np; p++)
    ymax = MAX (ymax, bounds[(gsize) n * np + p]);

  /* The legend, top band first, each with its share of the whole range. */
  entries = g_new0 (HubChartLegendEntry, n);
  colors = g_new (HubChartColor, n);
  lx = g_new (double, n);
  ly = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      guint c = order[n - 1 - i];
      char *label = column_label (result, c);
      char *detail = hub_ticks_format_percent (hub_stacked_area_range_share (result, c), 1);

      g_ptr_array_add (strings, label);
      g_ptr_array_add (strings, detail);
      colors[i] = hub_stacked_area_column_color (data, style, c);
      entries[i].color = &colors[i];
      entries[i].label = label;
      entries[i].detail = detail;
      entries[i].emphasis = data->highlight >= 0 && (guint) data->highlight == c;
    }
  plot = area;
  if (!hub_chart_legend_layout (cr, style, entries, n, &plot, lx, ly, &legend_w))
    {
      /* Rows read best in rank order: largest first, Other last. */
      HubChartLegendEntry *ranked = g_new (HubChartLegendEntry, n);
      guint k = 0;

      for (guint i = n; i-- > 0;)
        if (result->column_kind[order[n - 1 - i]] == HUB_SHARE_COLUMN_CATEGORY)
          ranked[k++] = entries[i];
      for (guint i = 0; i < n; i++)
        if (result->column_kind[order[n - 1 - i]] != HUB_SHARE_COLUMN_CATEGORY)
          ranked[k++] = entries[i];
      g_free (entries);
      entries = ranked;
      plot = area;
      hub_chart_legend_layout (cr, style, entries, n, &plot, lx, ly, &legend_w);
    }

  /* Room for the axes. */
  if (percent)
    {
      g_autofree char *lower = data->value_label != NULL ? g_utf8_strdown (data->value_label, -1) : NULL;

      /* TRANSLATORS: the value axis in 100% mode, e.g. "Share of 30-day downloads" */
      percent_title = lower != NULL ? g_strdup_printf (_("Share of %s"), lower) : g_strdup (_("Share"));
    }
  value_title = percent ? percent_title : (data->value_label != NULL ? data->value_label : _("Downloads"));
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_LABEL, value_title, NULL, &title_h);
  hub_chart_value_axis_init (&vaxis, cr, style, 0, percent ? 1.0 : ymax,
                             plot.height, percent ? HUB_TICK_FORMAT_PERCENT : HUB_TICK_FORMAT_SI);
  label_w = vaxis.label_width;
  plot.x += title_h + HUB_CHART_PAD + label_w + HUB_CHART_PAD / 2;
  plot.width -= title_h + HUB_CHART_PAD + label_w + HUB_CHART_PAD / 2 + HUB_CHART_PAD;
  plot.height -= hub_chart_time_axis_height (cr, style, data->time_label != NULL);
  /* Half a tick label of headroom so the top label is not clipped. */
  plot.y += HUB_CHART_PAD / 2;
  plot.height -= HUB_CHART_PAD / 2;
  if (plot.width < 20 || plot.height < 20)
    {
      hub_chart_value_axis_clear (&vaxis);
      hub_chart_draw_empty (cr, style, &area, _("Too small to draw"), NULL);
      return;
    }

  hub_chart_value_axis_draw (&vaxis, cr, style, &plot, value_title, area.x);

  xs = g_new (double, np);
  if (timed)
    {
      hub_chart_time_axis_init (&taxis, cr, style, result->period_starts[0], result->period_starts[np - 1], plot.width);
      for (guint p = 0; p < np; p++)
        xs[p] = hub_chart_time_axis_map (&taxis, &plot, (double) result->period_starts[p]);
      hub_chart_time_axis_draw (&taxis, cr, style, &plot, data->time_label);
      hub_chart_time_axis_clear (&taxis);
    }
  else
    {
      for (guint p = 0; p < np; p++)
        xs[p] = single ? plot.x + plot.width / 2 : plot.x + plot.width * p / (np - 1);
      draw_index_axis (cr, style, result, xs, &plot, data->time_label);
    }

  /* The bands. */
  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y - 1, plot.width, plot.height + 1);
  cairo_clip (cr);
  for (guint b = 0; b < n; b++)
    {
      const double *lower = &bounds[(gsize) b * np];
      const double *upper = &bounds[(gsize) (b + 1) * np];
      HubChartColor color = hub_stacked_area_column_color (data, style, order[b]);

      if (single)
        {
          double bar_w = MIN (plot.width * 0.3, 160);
          double y0 = hub_chart_value_axis_map (&vaxis, &plot, lower[0]);
          double y1 = hub_chart_value_axis_map (&vaxis, &plot, upper[0]);

          cairo_rectangle (cr, xs[0] - bar_w / 2, y1, bar_w, y0 - y1);
        }
      else
        {
          for (guint p = 0; p < np; p++)
            cairo_line_to (cr, xs[p], hub_chart_value_axis_map (&vaxis, &plot, upper[p]));
          for (guint p = np; p-- > 0;)
            cairo_line_to (cr, xs[p], hub_chart_value_axis_map (&vaxis, &plot, lower[p]));
          cairo_close_path (cr);
        }
      hub_chart_set_source (cr, &color, 1.0);
      cairo_fill (cr);
    }

  /* Hairlines between bands so that neighbours of similar tone separate. */
  cairo_set_line_width (cr, 0.6);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  hub_chart_set_source (cr, &style->paper, 0.8);
  for (guint b = 1; b < n && !single; b++)
    {
      const double *line = &bounds[(gsize) b * np];

      for (guint p = 0; p < np; p++)
        cairo_line_to (cr, xs[p], hub_chart_value_axis_map (&vaxis, &plot, line[p]));
      cairo_new_sub_path (cr);
    }
  cairo_stroke (cr);

  /* The highlighted band gets an outline. */
  for (guint b = 0; b < n && data->highlight >= 0; b++)
    if (order[b] == (guint) data->highlight)
      {
        const double *lower = &bounds[(gsize) b * np];
        const double *upper = &bounds[(gsize) (b + 1) * np];

        if (single)
          {
            double bar_w = MIN (plot.width * 0.3, 160);
            double y0 = hub_chart_value_axis_map (&vaxis, &plot, lower[0]);
            double y1 = hub_chart_value_axis_map (&vaxis, &plot, upper[0]);

            cairo_rectangle (cr, xs[0] - bar_w / 2, y1, bar_w, y0 - y1);
          }
        else
          {
            for (guint p = 0; p < np; p++)
              cairo_line_to (cr, xs[p], hub_chart_value_axis_map (&vaxis, &plot, upper[p]));
            for (guint p = np; p-- > 0;)
              cairo_line_to (cr, xs[p], hub_chart_value_axis_map (&vaxis, &plot, lower[p]));
            cairo_close_path (cr);
          }
        cairo_set_line_width (cr, 1.5);
        hub_chart_set_source (cr, &style->foreground, 1.0);
        cairo_stroke (cr);
      }
  cairo_restore (cr);

  for (guint i = 0; i < n; i++)
    hub_chart_legend_entry_draw (cr, style, &entries[i], lx[i], ly[i], legend_w);

  hub_chart_value_axis_clear (&vaxis);
}

void
hub_stacked_area_draw_func (cairo_t             *cr,
                            int                  width,
                            int                  height,
                            const HubChartStyle *style,
                            gconstpointer        data)
{
  hub_stacked_area_render (cr, width, height, style, data);
}
