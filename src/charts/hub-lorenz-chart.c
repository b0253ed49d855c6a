/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-lorenz-chart.h"
#include "hub-chart-frame.h"
#include "hub-format.h"

#include <glib/gi18n.h>
#include <math.h>

const double hub_lorenz_marks[HUB_LORENZ_N_MARKS] = { 0.5, 0.8, 0.9, 0.99 };

/* Points drawn along the curve at most: a 2-million-participant curve is
 * read at this many evenly spaced ranks. */
#define MAX_POINTS 2000

static double
participants_total (const HubShareParticipants *kept)
{
  double total = 0;

  for (guint i = 0; i < kept->n; i++)
    total += (double) kept->values[i];
  return total;
}

/* The share of the @k largest of @kept (@total their sum): the Lorenz
 * curve at x = (n - k) / n is one less it. */
static double
top_share (const HubShareParticipants *kept,
           guint                       k,
           double                      total)
{
  double sum = 0;

  for (guint i = 0; i < k; i++)
    sum += (double) kept->values[i];
  return sum / total;
}

/* The participants @data draws, or NULL. */
static const HubShareParticipants *
data_participants (const HubLorenzData *data)
{
  const HubShareParticipants *kept;

  if (data == NULL || data->result == NULL)
    return NULL;
  kept = hub_share_result_get_participants (data->result, data->period);
  return kept != NULL && kept->n > 0 ? kept : NULL;
}

static void
draw_axes (cairo_t                 *cr,
           const HubChartStyle     *style,
           const HubChartValueAxis *axis,
           const HubChartRect      *plot,
           double                   title_x,
           double                   text_h)
{
  hub_chart_value_axis_draw (axis, cr, style, plot, _("Share of downloads"), title_x);
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < axis->ticks->len; i++)
    {
      const HubTick *tick = &g_array_index (axis->ticks, HubTick, i);
      double x = round (plot->x + plot->width * tick->value) + 0.5;

      hub_chart_set_source (cr, &style->grid, 1.0);
      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
      cairo_stroke (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, tick->label,
                           x, plot->y + plot->height + HUB_CHART_PAD / 2, 0.5, 0.0, 0, 0);
    }
  cairo_restore (cr);
  hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground,
                       _("Share of participants, smallest first"),
                       plot->x + plot->width / 2, plot->y + plot->height + text_h + HUB_CHART_PAD,
                       0.5, 0.0, plot->width, 0);
}

/* The curve from (0, 0) to (1, 1), read at most MAX_POINTS times. */
static void
path_curve (cairo_t                    *cr,
            const HubShareParticipants *kept,
            const HubChartRect         *plot,
            double                      total)
{
  guint n = kept->n;
  guint step = MAX (1, n / MAX_POINTS);
  double sum = 0;

  cairo_move_to (cr, plot->x, plot->y + plot->height);
  for (guint i = 1; i <= n; i++)
    {
      sum += (double) kept->values[n - i];
      if (i % step == 0 || i == n)
        cairo_line_to (cr, plot->x + plot->width * i / n, plot->y + plot->height * (1 - sum / total));
    }
}

static void
draw_marks (cairo_t                    *cr,
            const HubChartStyle        *style,
            const HubShareParticipants *kept,
            double                      total,
            const HubChartRect         *plot,
            const HubChartColor        *color)
{
  guint n = kept->n;
  double label_ys[HUB_LORENZ_N_MARKS], xs[HUB_LORENZ_N_MARKS], text_h;
  guint ks[HUB_LORENZ_N_MARKS];

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  hub_chart_set_source (cr, color, 1.0);
  for (guint m = 0; m < HUB_LORENZ_N_MARKS; m++)
    {
      /* The k largest hold at least X %: the n - k smallest at most 1 - X,
       * labelled at that height. */
      ks[m] = hub_share_cover_count (kept->values, n, FALSE, hub_lorenz_marks[m]);
      xs[m] = plot->x + plot->width * (double) (n - ks[m]) / n;
      label_ys[m] = plot->y + plot->height * hub_lorenz_marks[m];
      cairo_new_sub_path (cr);
      cairo_arc (cr, xs[m], plot->y + plot->height * top_share (kept, ks[m], total), 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  hub_ticks_spread (label_ys, HUB_LORENZ_N_MARKS, text_h, plot->y, plot->y + plot->height);
  for (guint m = 0; m < HUB_LORENZ_N_MARKS; m++)
    {
      g_autofree char *count = hub_format_count (ks[m]);
      /* Translators: a mark on the Lorenz curve: "90 %: 8" (the 8 largest
       * participants make up 90 % of the downloads) */
      g_autofree char *label = g_strdup_printf (_("%.0f %%: %s"), 100 * hub_lorenz_marks[m], count);

      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, label,
                           plot->x + HUB_CHART_PAD, label_ys[m], 0.0, 0.5, xs[m] - plot->x - 2 * HUB_CHART_PAD, 0);
    }
}

void
hub_lorenz_chart_draw_func (cairo_t             *cr,
                            int                  width,
                            int                  height,
                            const HubChartStyle *style,
                            gconstpointer        user_data)
{
  static const double dashed[] = { 5.0, 3.0 };
  const HubLorenzData *data = user_data;
  const HubShareParticipants *kept = data_participants (data);
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  HubChartRect plot;
  HubChartValueAxis axis = { 0 };
  const HubChartColor *color = hub_chart_style_get_series_color (style, 0);
  cairo_path_t *curve;
  double text_h, label_h, total;

  if (width <= 2 * HUB_CHART_PAD || height <= 2 * HUB_CHART_PAD)
    return;
  if (kept == NULL || (total = participants_total (kept)) <= 0)
    {
      hub_chart_draw_empty (cr, style, &area, _("No participants"), _("No category has downloads in this period."));
      return;
    }

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_LABEL, "0", NULL, &label_h);
  plot.y = area.y + text_h / 2;
  plot.height = area.height - plot.y + area.y - (text_h + label_h + 1.5 * HUB_CHART_PAD);
  hub_chart_value_axis_init (&axis, cr, style, 0, 1, MAX (plot.height, 1), HUB_TICK_FORMAT_PERCENT);
  plot.x = area.x + label_h + HUB_CHART_PAD + axis.label_width + HUB_CHART_PAD / 2;
  plot.width = area.x + area.width - plot.x - HUB_CHART_PAD;
  if (plot.width < 40 || plot.height < 40)
    {
      hub_chart_value_axis_clear (&axis);
      hub_chart_draw_empty (cr, style, &area, _("Too small to draw"), NULL);
      return;
    }
  draw_axes (cr, style, &axis, &plot, area.x, text_h);

  cairo_save (cr);
  /* The area between equality and the curve: half the Gini coefficient.
   * The curve is read once and its path kept for the line on top. */
  path_curve (cr, kept, &plot, total);
  curve = cairo_copy_path (cr);
  cairo_line_to (cr, plot.x, plot.y + plot.height);
  cairo_close_path (cr);
  hub_chart_set_source (cr, color, 0.18);
  cairo_fill (cr);
  cairo_move_to (cr, plot.x, plot.y + plot.height);
  cairo_line_to (cr, plot.x + plot.width, plot.y);
  cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0);
  cairo_set_line_width (cr, 1.0);
  hub_chart_set_source (cr, &style->muted, 1.0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_new_path (cr);
  cairo_append_path (cr, curve);
  cairo_path_destroy (curve);
  cairo_set_line_width (cr, style->line_width + 0.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  hub_chart_set_source (cr, color, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);

  draw_marks (cr, style, kept, total, &plot, color);
  {
    /* Translators: written inside the Lorenz chart, top left (above the
     * diagonal, where the curve never goes) */
    g_autofree char *gini = g_strdup_printf (_("Gini %.3f"), data->result->gini[data->period]);

    hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, gini,
                         plot.x + HUB_CHART_PAD, plot.y + HUB_CHART_PAD / 2, 0.0, 0.0, 0, 0);
  }
  hub_chart_value_axis_clear (&axis);
}

char *
hub_lorenz_chart_describe (const HubLorenzData *data)
{
  const HubShareParticipants *kept = data_participants (data);
  const HubShareResult *result;
  g_autoptr(GString) text = g_string_new (NULL);
  guint p;

  if (kept == NULL)
    return g_strdup (_("No participants in this period."));
  result = data->result;
  p = data->period;
  {
    g_autofree char *n = hub_format_count (kept->n);

    g_string_append_printf (text, _("%s: %s participants."), result->period_labels != NULL ? result->period_labels[p] : "",
                            n);
  }
  for (guint m = 0; m < HUB_LORENZ_N_MARKS; m++)
    {
      guint k = hub_share_cover_count (kept->values, kept->n, FALSE, hub_lorenz_marks[m]);
      g_autofree char *count = hub_format_count (k);

      g_string_append_c (text, ' ');
      /* Translators: "8 participants make up 90 % of the downloads." */
      g_string_append_printf (text, ngettext ("%s participant makes up %.0f %% of the downloads.",
                                              "%s participants make up %.0f %% of the downloads.", k),
                              count, 100 * hub_lorenz_marks[m]);
    }
  if (result->hhi[p] > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Gini %.3f; HHI %.3f, as concentrated as %.1f equal participants."),
                              result->gini[p], result->hhi[p], 1 / result->hhi[p]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
