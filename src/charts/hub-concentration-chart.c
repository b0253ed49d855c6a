/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-concentration-chart.h"
#include "hub-chart-frame.h"

#include <glib/gi18n.h>
#include <math.h>

#define N_MEASURES 3

gboolean
hub_concentration_chart_is_empty (const HubShareResult *result)
{
  if (result == NULL || result->n_periods == 0 || result->participants == NULL)
    return TRUE;
  for (guint p = 0; p < result->n_periods; p++)
    if (result->participants[p] > 0)
      return FALSE;
  return TRUE;
}

static const double *
measure_values (const HubShareResult *result,
                guint                 m)
{
  return m == 0 ? result->hhi : m == 1 ? result->gini : result->top10;
}

static void
set_dash (cairo_t *cr,
          guint    m)
{
  static const double dashed[] = { 6.0, 3.0 };
  static const double dotted[] = { 1.5, 2.5 };

  if (m == 1)
    cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0);
  else if (m == 2)
    cairo_set_dash (cr, dotted, G_N_ELEMENTS (dotted), 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

void
hub_concentration_chart_render (cairo_t                    *cr,
                                int                         width,
                                int                         height,
                                const HubChartStyle        *style,
                                const HubConcentrationData *data)
{
  const char *names[N_MEASURES] = { _("HHI"), _("Gini"), _("Share of the 10 largest") };
  const HubShareResult *result;
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  HubChartRect plot;
  HubChartValueAxis vaxis = { 0 };
  HubChartTimeAxis taxis = { 0 };
  HubChartColor colors[N_MEASURES];
  double title_h, end_w = 0, tick_h = 0;
  double ends[N_MEASURES];
  g_autofree double *xs = NULL;
  const char *value_title = _("Concentration (0–1)");
  gboolean timed;
  guint np;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (width <= 2 * HUB_CHART_PAD || height <= 2 * HUB_CHART_PAD)
    return;
  result = data->result;
  if (hub_concentration_chart_is_empty (result))
    {
      hub_chart_draw_empty (cr, style, &area, _("No data for these filters"),
                            _("No period has a category with downloads."));
      return;
    }
  np = result->n_periods;
  timed = result->period_starts != NULL && np >= 2 &&
          result->period_starts[np - 1] > result->period_starts[0];

  for (guint m = 0; m < N_MEASURES; m++)
    colors[m] = *hub_chart_style_get_series_color (style, m);
  /* The lines are named at their right end rather than in a legend. */
  plot = area;

  for (guint m = 0; m < N_MEASURES; m++)
    {
      double w;

      hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, names[m], &w, &tick_h);
      end_w = MAX (end_w, w);
    }
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_LABEL, value_title, NULL, &title_h);
  hub_chart_value_axis_init (&vaxis, cr, style, 0, 1, plot.height, HUB_TICK_FORMAT_FRACTION);
  plot.x += title_h + HUB_CHART_PAD + vaxis.label_width + HUB_CHART_PAD / 2;
  plot.width -= title_h + HUB_CHART_PAD + vaxis.label_width + HUB_CHART_PAD / 2 + end_w + HUB_CHART_PAD;
  plot.height -= hub_chart_time_axis_height (cr, style, data->time_label != NULL);
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
      hub_chart_time_axis_init (&taxis, cr, style, result->period_starts[0], result->period_starts[np - 1],
                                data->time_unit, plot.width);
      for (guint p = 0; p < np; p++)
        xs[p] = hub_chart_time_axis_map (&taxis, &plot, (double) result->period_starts[p]);
      hub_chart_time_axis_draw (&taxis, cr, style, &plot, data->time_label);
      hub_chart_time_axis_clear (&taxis);
    }
  else
    {
      for (guint p = 0; p < np; p++)
        xs[p] = np == 1 ? plot.x + plot.width / 2 : plot.x + plot.width * p / (np - 1);
      if (result->period_labels != NULL)
        hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground,
                             result->period_labels[np - 1], xs[np - 1], plot.y + plot.height + 6,
                             np == 1 ? 0.5 : 1.0, 0.0, 0, 0);
    }

  cairo_save (cr);
  cairo_rectangle (cr, plot.x - 4, plot.y - 4, plot.width + 8, plot.height + 8);
  cairo_clip (cr);
  for (guint m = 0; m < N_MEASURES; m++)
    {
      const double *v = measure_values (result, m);

      hub_chart_set_source (cr, &colors[m], 1.0);
      if (np == 1)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, xs[0], hub_chart_value_axis_map (&vaxis, &plot, v[0]), 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
          continue;
        }
      cairo_set_line_width (cr, style->line_width + 0.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      set_dash (cr, m);
      for (guint p = 0; p < np; p++)
        {
          /* A period without participants breaks the line. */
          if (result->participants[p] == 0)
            {
              cairo_new_sub_path (cr);
              continue;
            }
          cairo_line_to (cr, xs[p], hub_chart_value_axis_map (&vaxis, &plot, v[p]));
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* Names at the right end, pushed apart where the lines end close. */
  for (guint m = 0; m < N_MEASURES; m++)
    {
      const double *v = measure_values (result, m);
      guint last = np - 1;

      while (last > 0 && result->participants[last] == 0)
        last--;
      ends[m] = hub_chart_value_axis_map (&vaxis, &plot, v[last]);
    }
  hub_ticks_spread (ends, N_MEASURES, tick_h, plot.y - HUB_CHART_PAD / 2, plot.y + plot.height + HUB_CHART_PAD / 2);
  for (guint m = 0; m < N_MEASURES; m++)
    hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &colors[m], names[m],
                         xs[np - 1] + HUB_CHART_PAD / 2 + (np == 1 ? 6 : 0), ends[m], 0.0, 0.5, 0, 0);

  hub_chart_value_axis_clear (&vaxis);
}

void
hub_concentration_chart_draw_func (cairo_t             *cr,
                                   int                  width,
                                   int                  height,
                                   const HubChartStyle *style,
                                   gconstpointer        data)
{
  hub_concentration_chart_render (cr, width, height, style, data);
}
