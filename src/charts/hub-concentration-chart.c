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

/* The lines drawn: HHI, Gini and the top-10 share, or k(90 %) alone. */
static guint
n_lines (const HubConcentrationData *data)
{
  return data->k90 ? 1 : N_MEASURES;
}

static double
line_value (const HubShareResult *result,
            gboolean              k90,
            guint                 m,
            guint                 p)
{
  if (k90)
    return result->k90[p];
  return m == 0 ? result->hhi[p] : m == 1 ? result->gini[p] : result->top10[p];
}

/* The bootstrap's 90 % interval of line @m in period @p; FALSE when the
 * period was not resampled. */
static gboolean
line_interval (const HubShareResult *result,
               gboolean              k90,
               guint                 m,
               guint                 p,
               double               *lo,
               double               *hi)
{
  const HubShareBootstrap *b;
  const HubInterval *in;

  if (result->bootstrap == NULL || !result->bootstrap[p].drawn || result->participants[p] == 0)
    return FALSE;
  b = &result->bootstrap[p];
  in = k90 ? &b->k90 : m == 0 ? &b->hhi : m == 1 ? &b->gini : &b->top10;
  *lo = in->lo;
  *hi = in->hi;
  return TRUE;
}

/* The top of the value axis: 1, or the largest k(90 %) or its interval. */
static double
axis_max (const HubConcentrationData *data)
{
  double max = 1;

  if (!data->k90 || data->result == NULL)
    return 1;
  for (guint p = 0; p < data->result->n_periods; p++)
    {
      double lo, hi;

      max = MAX (max, data->result->k90[p]);
      if (line_interval (data->result, TRUE, 0, p, &lo, &hi))
        max = MAX (max, hi);
    }
  return max;
}

static const char *
axis_title (gboolean k90)
{
  return k90 ? _("Participants") : _("Concentration (0–1)");
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

/* The names at the lines' right ends, in the series' order. */
static void
measure_names (gboolean    k90,
               const char *names[N_MEASURES])
{
  if (k90)
    {
      /* Translators: the fewest participants that make up 90 % of the downloads */
      names[0] = _("Covering 90 %");
      return;
    }
  names[0] = _("HHI");
  names[1] = _("Gini");
  names[2] = _("Share of the 10 largest");
}

/* Under the share chart: the same plot span as the stacked area drawn at
 * this size, so that a date sits at one x in both (issue 19: each chart
 * had its own margins and ticks), when its margins leave room for this
 * chart's axis and line names. */
static void
align_plot (cairo_t                  *cr,
            int                       width,
            int                       height,
            const HubChartStyle      *style,
            const HubStackedAreaData *area,
            HubChartRect             *plot)
{
  HubStackedAreaLayout layout;

  hub_stacked_area_layout_init (&layout, cr, width, height, style, area);
  if (!layout.empty && layout.plot.x >= plot->x &&
      layout.plot.x + layout.plot.width <= plot->x + plot->width)
    {
      plot->x = layout.plot.x;
      plot->width = layout.plot.width;
    }
  hub_stacked_area_layout_clear (&layout);
}

static void layout_own_plot (cairo_t                    *cr,
                             const HubChartRect         *area,
                             const HubChartStyle        *style,
                             const HubConcentrationData *data,
                             gboolean                    time_label,
                             HubChartRect               *plot,
                             HubChartValueAxis          *vaxis,
                             double                     *tick_h);

void
hub_concentration_chart_margins (cairo_t             *cr,
                                 int                  width,
                                 int                  height,
                                 const HubChartStyle *style,
                                 double              *out_left,
                                 double              *out_right)
{
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  HubChartRect plot;
  HubChartValueAxis vaxis = { 0 };
  HubConcentrationData measures = { 0 };
  double tick_h;

  layout_own_plot (cr, &area, style, &measures, TRUE, &plot, &vaxis, &tick_h);
  hub_chart_value_axis_clear (&vaxis);
  *out_left = plot.x;
  *out_right = width - (plot.x + plot.width);
}

/* The plot and value axis this chart needs on its own. */
static void
layout_own_plot (cairo_t                    *cr,
                 const HubChartRect         *area,
                 const HubChartStyle        *style,
                 const HubConcentrationData *data,
                 gboolean                    time_label,
                 HubChartRect               *plot,
                 HubChartValueAxis          *vaxis,
                 double                     *tick_h)
{
  const char *names[N_MEASURES];
  double title_h, end_w = 0;

  measure_names (data->k90, names);
  /* The lines are named at their right end rather than in a legend. */
  *plot = *area;
  for (guint m = 0; m < n_lines (data); m++)
    {
      double w;

      hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, names[m], &w, tick_h);
      end_w = MAX (end_w, w);
    }
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_LABEL, axis_title (data->k90), NULL, &title_h);
  hub_chart_value_axis_init (vaxis, cr, style, 0, axis_max (data), plot->height,
                             data->k90 ? HUB_TICK_FORMAT_SI : HUB_TICK_FORMAT_FRACTION);
  plot->x += title_h + HUB_CHART_PAD + vaxis->label_width + HUB_CHART_PAD / 2;
  plot->width -= title_h + HUB_CHART_PAD + vaxis->label_width + HUB_CHART_PAD / 2 + end_w + HUB_CHART_PAD;
  plot->height -= hub_chart_time_axis_height (cr, style, time_label);
  plot->y += HUB_CHART_PAD / 2;
  plot->height -= HUB_CHART_PAD / 2;
}

/* The plot rectangle and the value axis (clear it) in @area; FALSE when
 * too small to draw. */
static gboolean
layout_plot (cairo_t                    *cr,
             const HubChartRect         *area,
             int                         width,
             int                         height,
             const HubChartStyle        *style,
             const HubConcentrationData *data,
             HubChartRect               *plot,
             HubChartValueAxis          *vaxis,
             double                     *tick_h)
{
  layout_own_plot (cr, area, style, data, data->time_label != NULL, plot, vaxis, tick_h);
  if (data->align_with != NULL)
    align_plot (cr, width, data->align_height > 0 ? data->align_height : height, style, data->align_with, plot);
  return plot->width >= 20 && plot->height >= 20;
}

gboolean
hub_concentration_chart_get_plot (cairo_t                    *cr,
                                  int                         width,
                                  int                         height,
                                  const HubChartStyle        *style,
                                  const HubConcentrationData *data,
                                  HubChartRect               *out_plot)
{
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  HubChartValueAxis vaxis = { 0 };
  double tick_h = 0;
  gboolean ok;

  if (width <= 2 * HUB_CHART_PAD || height <= 2 * HUB_CHART_PAD || hub_concentration_chart_is_empty (data->result))
    return FALSE;
  ok = layout_plot (cr, &area, width, height, style, data, out_plot, &vaxis, &tick_h);
  hub_chart_value_axis_clear (&vaxis);
  return ok;
}

/* The bootstrap's interval of line @m, shaded across each run of
 * resampled periods (a lone one: a vertical bar). */
static void
draw_band (cairo_t                 *cr,
           const HubShareResult    *result,
           gboolean                 k90,
           guint                    m,
           const double            *xs,
           const HubChartValueAxis *vaxis,
           const HubChartRect      *plot,
           const HubChartColor     *color)
{
  guint np = result->n_periods, p = 0;

  hub_chart_set_source (cr, color, 0.22);
  while (p < np)
    {
      double lo, hi;
      guint first = p, last;

      if (!line_interval (result, k90, m, p, &lo, &hi))
        {
          p++;
          continue;
        }
      while (p + 1 < np && line_interval (result, k90, m, p + 1, &lo, &hi))
        p++;
      last = p++;
      if (first == last)
        {
          line_interval (result, k90, m, first, &lo, &hi);
          cairo_rectangle (cr, xs[first] - 2, hub_chart_value_axis_map (vaxis, plot, hi), 4,
                           hub_chart_value_axis_map (vaxis, plot, lo) - hub_chart_value_axis_map (vaxis, plot, hi));
          cairo_fill (cr);
          continue;
        }
      for (guint q = first; q <= last; q++)
        {
          line_interval (result, k90, m, q, &lo, &hi);
          cairo_line_to (cr, xs[q], hub_chart_value_axis_map (vaxis, plot, hi));
        }
      for (guint q = last + 1; q-- > first;)
        {
          line_interval (result, k90, m, q, &lo, &hi);
          cairo_line_to (cr, xs[q], hub_chart_value_axis_map (vaxis, plot, lo));
        }
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

void
hub_concentration_chart_render (cairo_t                    *cr,
                                int                         width,
                                int                         height,
                                const HubChartStyle        *style,
                                const HubConcentrationData *data)
{
  const char *names[N_MEASURES];
  const HubShareResult *result;
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  HubChartRect plot;
  HubChartValueAxis vaxis = { 0 };
  HubChartTimeAxis taxis = { 0 };
  HubChartColor colors[N_MEASURES];
  double tick_h = 0;
  double ends[N_MEASURES];
  g_autofree double *xs = NULL;
  gboolean timed;
  guint np, nl;

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

  measure_names (data->k90, names);
  nl = n_lines (data);
  for (guint m = 0; m < N_MEASURES; m++)
    colors[m] = *hub_chart_style_get_series_color (style, data->k90 ? 3 : m);
  if (!layout_plot (cr, &area, width, height, style, data, &plot, &vaxis, &tick_h))
    {
      hub_chart_value_axis_clear (&vaxis);
      hub_chart_draw_empty (cr, style, &area, _("Too small to draw"), NULL);
      return;
    }
  hub_chart_value_axis_draw (&vaxis, cr, style, &plot, axis_title (data->k90), area.x);

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
  for (guint m = 0; m < nl; m++)
    draw_band (cr, result, data->k90, m, xs, &vaxis, &plot, &colors[m]);
  for (guint m = 0; m < nl; m++)
    {
      hub_chart_set_source (cr, &colors[m], 1.0);
      if (np == 1)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, xs[0], hub_chart_value_axis_map (&vaxis, &plot, line_value (result, data->k90, m, 0)),
                     3.5, 0, 2 * G_PI);
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
          cairo_line_to (cr, xs[p], hub_chart_value_axis_map (&vaxis, &plot, line_value (result, data->k90, m, p)));
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* Names at the right end, pushed apart where the lines end close. */
  for (guint m = 0; m < nl; m++)
    {
      guint last = np - 1;

      while (last > 0 && result->participants[last] == 0)
        last--;
      ends[m] = hub_chart_value_axis_map (&vaxis, &plot, line_value (result, data->k90, m, last));
    }
  hub_ticks_spread (ends, nl, tick_h, plot.y - HUB_CHART_PAD / 2, plot.y + plot.height + HUB_CHART_PAD / 2);
  for (guint m = 0; m < nl; m++)
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

char *
hub_concentration_chart_describe (const HubConcentrationData *data)
{
  const HubShareResult *r = data->result;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *top10 = NULL;
  double lo, hi;
  guint p;

  if (r == NULL || r->n_periods == 0)
    return g_strdup (_("No data for these filters."));
  p = r->n_periods - 1;
  if (data->k90)
    g_string_append_printf (text, ngettext ("Latest period: %u participant makes up 90 %% of the downloads.",
                                            "Latest period: %u participants make up 90 %% of the downloads.", r->k90[p]),
                            r->k90[p]);
  else
    {
      top10 = hub_ticks_format_percent (r->top10[p], 1);
      /* Translators: the latest period's concentration figures */
      g_string_append_printf (text, _("Latest period: HHI %.3f, Gini %.3f, share of the 10 largest participants %s."),
                              r->hhi[p], r->gini[p], top10);
    }
  if (line_interval (r, data->k90, 0, p, &lo, &hi))
    {
      g_string_append_c (text, ' ');
      if (data->k90)
        /* Translators: the bootstrap's interval of k (90 %) */
        g_string_append_printf (text, _("90 %% interval of the participants covering 90 %%: %.0f to %.0f."), lo, hi);
      else
        /* Translators: the bootstrap's interval of the HHI */
        g_string_append_printf (text, _("90 %% interval of the HHI: %.3f to %.3f."), lo, hi);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
