/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-bar-chart.h"
#include "hub-chart-frame.h"
#include "hub-leaderboard.h"
#include "hub-ticks.h"

#include <glib/gi18n.h>
#include <math.h>

#define FADE 0.65
#define MAX_BAR_HEIGHT 22.0

HubBarChartData *
hub_bar_chart_data_new (guint n_bars,
                        guint n_segments)
{
  HubBarChartData *data = g_new0 (HubBarChartData, 1);

  data->n_bars = n_bars;
  data->labels = g_new0 (char *, n_bars + 1);
  data->values = g_new0 (gint64, n_bars + 1);
  data->shares = g_new (double, n_bars + 1);
  for (guint i = 0; i < n_bars; i++)
    data->shares[i] = NAN;
  data->n_segments = n_segments > 1 ? n_segments : 0;
  if (data->n_segments > 0)
    {
      data->segment_labels = g_new0 (char *, n_segments + 1);
      data->segment_values = g_new0 (gint64, (gsize) n_bars * n_segments + 1);
    }
  data->highlight = -1;
  return data;
}

HubBarChartData *
hub_bar_chart_data_new_leaderboard (const GArray *rows,
                                    const char   *recent_label)
{
  HubBarChartData *data;

  g_return_val_if_fail (rows != NULL, NULL);

  data = hub_bar_chart_data_new (rows->len, recent_label != NULL ? 2 : 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const HubLeaderboardRow *r = &g_array_index (rows, HubLeaderboardRow, i);

      data->labels[i] = g_strdup (hub_leaderboard_row_name (r));
      data->values[i] = MAX (r->value, 0);
      data->shares[i] = r->share;
      if (data->n_segments > 0)
        {
          gint64 recent = CLAMP (r->recent_value, 0, data->values[i]);

          data->segment_values[i * 2] = recent;
          data->segment_values[i * 2 + 1] = data->values[i] - recent;
        }
    }
  if (data->n_segments > 0)
    {
      data->segment_labels[0] = g_strdup (recent_label);
      data->segment_labels[1] = g_strdup (_("Older models"));
    }
  data->value_label = g_strdup (_("Downloads"));
  return data;
}

static gboolean
is_empty (const HubBarChartData *data)
{
  if (data == NULL || data->n_bars == 0)
    return TRUE;
  for (guint i = 0; i < data->n_bars; i++)
    if (data->values[i] > 0)
      return FALSE;
  return TRUE;
}

void
hub_bar_chart_data_explain_unknown (HubBarChartData      *data,
                                    HubLeaderboardLevel   level,
                                    const HubShareResult *beside)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (beside != NULL);

  if (beside->n_periods == 0 || beside->totals[beside->n_periods - 1] <= 0 || !is_empty (data) ||
      level == HUB_LEADERBOARD_MODEL)
    return;
  g_free (data->empty_text);
  data->empty_text = g_strdup (level == HUB_LEADERBOARD_COUNTRY
                               ? _("None of these downloads has a known country.")
                               : _("None of these downloads comes from a listed developer."));
}

HubBarChartData *
hub_bar_chart_data_new_breakdown (const HubShareResult *result,
                                  guint                 period)
{
  HubBarChartData *data;
  guint ni;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (period < result->n_periods || result->n_periods == 0, NULL);

  if (result->n_periods == 0)
    return hub_bar_chart_data_new (0, 0);
  ni = result->inner_values != NULL ? result->n_inner_columns : 0;
  data = hub_bar_chart_data_new (result->n_columns, ni);
  for (guint c = 0; c < result->n_columns; c++)
    {
      data->labels[c] = hub_share_result_dup_column_name (result, c);
      data->values[c] = MAX (result->values[(gsize) period * result->n_columns + c], 0);
      data->shares[c] = hub_share_result_get_share (result, period, c);
      for (guint i = 0; i < data->n_segments; i++)
        data->segment_values[(gsize) c * data->n_segments + i] =
          MAX (result->inner_values[((gsize) period * result->n_columns + c) * ni + i], 0);
    }
  if (data->n_segments > 0)
    {
      data->segment_kinds = g_new (HubShareColumnKind, ni);
      for (guint i = 0; i < ni; i++)
        {
          data->segment_labels[i] = hub_share_result_dup_inner_column_name (result, i);
          data->segment_kinds[i] = result->inner_column_kind[i];
        }
    }
  return data;
}

static int
compare_bars (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const HubShareResult *result = ((gconstpointer *) user_data)[0];
  const HubBarChartData *all = ((gconstpointer *) user_data)[1];
  guint i = *(const guint *) a, j = *(const guint *) b;
  gboolean gi = result->column_kind[i] != HUB_SHARE_COLUMN_CATEGORY;
  gboolean gj = result->column_kind[j] != HUB_SHARE_COLUMN_CATEGORY;

  if (gi != gj)
    return gi - gj;
  if (all->values[i] != all->values[j])
    return all->values[i] < all->values[j] ? 1 : -1;
  return i < j ? -1 : 1;
}

HubBarChartData *
hub_bar_chart_data_new_latest_breakdown (const HubShareResult *result,
                                         const char           *value_label)
{
  g_autoptr(HubBarChartData) all = NULL;
  g_autofree guint *bars = NULL;
  g_autofree guint *segments = NULL;
  HubBarChartData *data;
  guint nb = 0, ns = 0, last;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->n_periods == 0)
    return hub_bar_chart_data_new (0, 0);
  last = result->n_periods - 1;
  all = hub_bar_chart_data_new_breakdown (result, last);

  /* Bars with downloads in the period, largest first, Other and Unknown
   * last; segments that hold something in one of them. */
  bars = g_new (guint, all->n_bars + 1);
  for (guint b = 0; b < all->n_bars; b++)
    if (all->values[b] > 0)
      bars[nb++] = b;
  {
    gconstpointer context[2] = { result, all };

    g_qsort_with_data (bars, nb, sizeof (guint), compare_bars, context);
  }
  segments = g_new (guint, all->n_segments + 1);
  for (guint s = 0; s < all->n_segments; s++)
    for (guint b = 0; b < all->n_bars; b++)
      if (all->segment_values[(gsize) b * all->n_segments + s] > 0)
        {
          segments[ns++] = s;
          break;
        }

  data = hub_bar_chart_data_new (nb, all->n_segments > 0 ? MAX (ns, 2) : 0);
  ns = data->n_segments > 0 ? MIN (ns, data->n_segments) : 0;
  for (guint i = 0; i < nb; i++)
    {
      guint b = bars[i];

      data->labels[i] = g_strdup (all->labels[b]);
      data->values[i] = all->values[b];
      data->shares[i] = all->shares[b];
      for (guint j = 0; j < ns; j++)
        data->segment_values[(gsize) i * data->n_segments + j] =
          all->segment_values[(gsize) b * all->n_segments + segments[j]];
    }
  if (data->n_segments > 0)
    {
      data->segment_kinds = g_new0 (HubShareColumnKind, data->n_segments);
      for (guint j = 0; j < data->n_segments; j++)
        {
          data->segment_labels[j] = g_strdup (j < ns ? all->segment_labels[segments[j]] : "");
          data->segment_kinds[j] = j < ns ? all->segment_kinds[segments[j]] : HUB_SHARE_COLUMN_OTHER;
        }
    }
  if (value_label != NULL && result->period_labels != NULL && result->period_labels[last] != NULL)
    {
      /* A snapshot's label is its ISO time: say the day; a week, month,
       * quarter or year keeps its label ("2026-08", "2026-Q3"). */
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) snapshot = g_date_time_new_from_iso8601 (result->period_labels[last], utc);

      if (snapshot != NULL)
        {
          g_autofree char *day = g_date_time_format (snapshot, "%-d %b %Y");

          /* TRANSLATORS: the value axis of a breakdown, e.g. "30-day downloads in the latest snapshot, 22 Aug 2026" */
          data->value_label = g_strdup_printf (_("%s in the latest snapshot, %s"), value_label, day);
        }
      else
        /* TRANSLATORS: the value axis of a breakdown, e.g. "Period downloads in the latest period, 2026-08" */
        data->value_label = g_strdup_printf (_("%s in the latest period, %s"), value_label, result->period_labels[last]);
    }
  else
    data->value_label = g_strdup (value_label);
  return data;
}

void
hub_bar_chart_segment_spans (const HubBarChartData *data,
                             guint                  bar,
                             double                 x0,
                             double                 scale,
                             double                *out_start,
                             double                *out_width)
{
  double x = x0;

  g_return_if_fail (data != NULL);
  g_return_if_fail (bar < data->n_bars);
  g_return_if_fail (out_start != NULL && out_width != NULL);

  if (data->n_segments == 0)
    {
      out_start[0] = x0;
      out_width[0] = (double) MAX (data->values[bar], 0) * scale;
      return;
    }
  for (guint s = 0; s < data->n_segments; s++)
    {
      double w = (double) MAX (data->segment_values[(gsize) bar * data->n_segments + s], 0) * scale;

      out_start[s] = x;
      out_width[s] = w;
      x += w;
    }
}

double
hub_bar_chart_segment_share (const HubBarChartData *data,
                             guint                  segment)
{
  double all = 0, mine = 0;

  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (segment < MAX (data->n_segments, 1), 0);

  for (guint b = 0; b < data->n_bars; b++)
    {
      if (data->n_segments == 0)
        {
          all += MAX (data->values[b], 0);
          continue;
        }
      for (guint s = 0; s < data->n_segments; s++)
        {
          double v = MAX (data->segment_values[(gsize) b * data->n_segments + s], 0);

          all += v;
          if (s == segment)
            mine += v;
        }
    }
  if (data->n_segments == 0)
    return all > 0 ? 1 : 0;
  return all > 0 ? mine / all : 0;
}

void
hub_bar_chart_data_free (HubBarChartData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->labels);
  g_free (data->values);
  g_free (data->shares);
  g_strfreev (data->segment_labels);
  g_free (data->segment_values);
  g_free (data->segment_kinds);
  g_free (data->value_label);
  g_free (data->empty_text);
  g_free (data);
}

HubChartColor
hub_bar_chart_segment_color (const HubBarChartData *data,
                             const HubChartStyle   *style,
                             guint                  bar,
                             guint                  segment)
{
  HubChartColor color = *hub_chart_style_get_series_color (style, 0);

  if (data->segment_kinds != NULL && segment < data->n_segments)
    {
      guint rank = 0;

      if (data->segment_kinds[segment] == HUB_SHARE_COLUMN_OTHER)
        color = style->other;
      else if (data->segment_kinds[segment] == HUB_SHARE_COLUMN_UNKNOWN)
        color = style->unknown;
      else
        {
          for (guint s = 0; s < segment; s++)
            rank += data->segment_kinds[s] == HUB_SHARE_COLUMN_CATEGORY;
          color = *hub_chart_style_get_series_color (style, rank);
        }
    }
  else if (data->n_segments > 0)
    color = *hub_chart_style_get_series_color (style, segment);
  if (data->highlight >= 0 && (guint) data->highlight != bar)
    color = hub_chart_color_mix (&color, &style->paper, FADE);
  return color;
}

static char *
value_text (const HubBarChartData *data,
            guint                  bar)
{
  g_autofree char *value = hub_ticks_format_si ((double) data->values[bar]);

  if (isnan (data->shares[bar]))
    return g_steal_pointer (&value);
  {
    g_autofree char *share = hub_ticks_format_percent (data->shares[bar], data->shares[bar] < 0.1 ? 1 : 0);

    /* TRANSLATORS: a bar's value and its share, e.g. "6.3M (56%)" */
    return g_strdup_printf (_("%s (%s)"), value, share);
  }
}

void
hub_bar_chart_render (cairo_t               *cr,
                      int                    width,
                      int                    height,
                      const HubChartStyle   *style,
                      const HubBarChartData *data)
{
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  HubChartRect plot;
  HubChartValueAxis vaxis = { 0 };
  g_autofree HubChartLegendEntry *entries = NULL;
  g_autofree HubChartColor *colors = NULL;
  g_autofree double *lx = NULL;
  g_autofree double *ly = NULL;
  g_autofree double *span_x = NULL;
  g_autofree double *span_w = NULL;
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  double label_w = 0, value_w = 0, tick_h = 0, legend_w = 0, vmax = 0, slot, bar_h, axis_h;
  guint n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  if (width <= 2 * HUB_CHART_PAD || height <= 2 * HUB_CHART_PAD)
    return;
  if (is_empty (data))
    {
      hub_chart_draw_empty (cr, style, &area, _("No data for these filters"),
                            data != NULL && data->empty_text != NULL
                            ? data->empty_text : _("Nothing was downloaded in this selection."));
      return;
    }
  n = data->n_bars;

  plot = area;
  if (data->n_segments > 0)
    {
      /* The legend in rows at the top, where the eye starts. */
      HubChartRect legend_area = area;

      entries = g_new0 (HubChartLegendEntry, data->n_segments);
      colors = g_new (HubChartColor, data->n_segments);
      lx = g_new (double, data->n_segments);
      ly = g_new (double, data->n_segments);
      for (guint s = 0; s < data->n_segments; s++)
        {
          HubBarChartData plain = *data;

          plain.highlight = -1;
          colors[s] = hub_bar_chart_segment_color (&plain, style, 0, s);
          entries[s].color = &colors[s];
          entries[s].label = data->segment_labels[s] != NULL ? data->segment_labels[s] : "";
          entries[s].detail = hub_ticks_format_percent (hub_bar_chart_segment_share (data, s), 1);
          g_ptr_array_add (details, (char *) entries[s].detail);
        }
      legend_area.width = MIN (legend_area.width, 519);
      hub_chart_legend_layout (cr, style, entries, data->n_segments, &legend_area, lx, ly, &legend_w);
      {
        double used = area.height - legend_area.height;

        for (guint s = 0; s < data->n_segments; s++)
          ly[s] -= legend_area.height;
        plot.y += used;
        plot.height -= used;
      }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = value_text (data, i);
      double w;

      hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, data->labels[i] != NULL ? data->labels[i] : "", &w, &tick_h);
      label_w = MAX (label_w, w);
      hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, text, &w, NULL);
      value_w = MAX (value_w, w);
      vmax = MAX (vmax, (double) data->values[i]);
    }
  label_w = MIN (label_w, area.width * 0.35);
  axis_h = hub_chart_time_axis_height (cr, style, data->value_label != NULL);
  plot.x += label_w + HUB_CHART_PAD;
  plot.width -= label_w + HUB_CHART_PAD + value_w + HUB_CHART_PAD;
  plot.height -= axis_h;
  if (plot.width < 20 || plot.height < n * 4)
    {
      hub_chart_draw_empty (cr, style, &area, _("Too small to draw"), NULL);
      return;
    }

  /* The value axis runs along the bottom: reuse the vertical axis's ticks
   * over the plot's width. */
  hub_chart_value_axis_init (&vaxis, cr, style, 0, vmax, plot.width * 40 / 70, HUB_TICK_FORMAT_SI);
  {
    double bottom = plot.y + plot.height;

    cairo_save (cr);
    cairo_set_line_width (cr, 1.0);
    for (guint t = 0; t < vaxis.ticks->len; t++)
      {
        const HubTick *tick = &g_array_index (vaxis.ticks, HubTick, t);
        double x = round (plot.x + plot.width * (tick->value - vaxis.lo) / (vaxis.hi - vaxis.lo)) + 0.5;

        hub_chart_set_source (cr, &style->grid, 1.0);
        cairo_move_to (cr, x, plot.y);
        cairo_line_to (cr, x, bottom + 4);
        cairo_stroke (cr);
        hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, tick->label,
                             x, bottom + 6, 0.5, 0.0, 0, 0);
      }
    cairo_restore (cr);
    if (data->value_label != NULL)
      {
        double w, cx = plot.x + plot.width / 2, max_w = plot.width;

        /* Wider than the plot (a narrow window): centre it on the whole
         * area rather than cut off which period the bars are. */
        hub_chart_measure_text (cr, style, HUB_CHART_TEXT_LABEL, data->value_label, &w, NULL);
        if (w > plot.width)
          {
            cx = area.x + area.width / 2;
            max_w = area.width;
          }
        hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, data->value_label,
                             cx, bottom + 6 + tick_h + HUB_CHART_PAD / 2, 0.5, 0.0, max_w, 0);
      }
  }

  slot = plot.height / n;
  bar_h = MIN (slot * 0.72, MAX_BAR_HEIGHT);
  for (guint i = 0; i < n; i++)
    {
      double cy = plot.y + slot * (i + 0.5);
      double y = round (cy - bar_h / 2);
      double scale = plot.width / (vaxis.hi - vaxis.lo);
      double x = plot.x;
      g_autofree char *text = value_text (data, i);
      gboolean faded = data->highlight >= 0 && (guint) data->highlight != i;

      if (span_x == NULL)
        {
          span_x = g_new (double, MAX (data->n_segments, 1));
          span_w = g_new (double, MAX (data->n_segments, 1));
        }
      hub_bar_chart_segment_spans (data, i, plot.x, scale, span_x, span_w);
      for (guint s = 0; s < MAX (data->n_segments, 1); s++)
        {
          HubChartColor color = hub_bar_chart_segment_color (data, style, i, s);

          cairo_rectangle (cr, span_x[s], y, span_w[s], bar_h);
          hub_chart_set_source (cr, &color, 1.0);
          cairo_fill (cr);
          x = span_x[s] + span_w[s];
        }
      if (data->highlight >= 0 && (guint) data->highlight == i)
        {
          cairo_rectangle (cr, plot.x + 0.75, y + 0.75, MAX (x - plot.x - 1.5, 0), bar_h - 1.5);
          cairo_set_line_width (cr, 1.5);
          hub_chart_set_source (cr, &style->foreground, 1.0);
          cairo_stroke (cr);
        }
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground,
                           data->labels[i] != NULL ? data->labels[i] : "",
                           plot.x - HUB_CHART_PAD, cy, 1.0, 0.5, label_w, 0);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, faded ? &style->muted : &style->foreground, text,
                           x + HUB_CHART_PAD / 2, cy, 0.0, 0.5, 0, 0);
    }

  /* The baseline. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  hub_chart_set_source (cr, &style->foreground, 0.6);
  cairo_move_to (cr, round (plot.x) + 0.5, plot.y);
  cairo_line_to (cr, round (plot.x) + 0.5, plot.y + plot.height);
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint s = 0; s < data->n_segments; s++)
    hub_chart_legend_entry_draw (cr, style, &entries[s], lx[s], ly[s], legend_w);
  hub_chart_value_axis_clear (&vaxis);
}

void
hub_bar_chart_draw_func (cairo_t             *cr,
                         int                  width,
                         int                  height,
                         const HubChartStyle *style,
                         gconstpointer        data)
{
  hub_bar_chart_render (cr, width, height, style, data);
}
