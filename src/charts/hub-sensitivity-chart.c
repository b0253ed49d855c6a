/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-sensitivity-chart.h"
#include "hub-chart-frame.h"
#include "hub-stacked-area.h"

#include <glib/gi18n.h>
#include <math.h>

#define SWATCH 10.0

/* The baseline's categories in its column order: the palette of every
 * panel. NULL-terminated, borrowed strings. */
static const char **
palette_labels (const HubShareResult *base)
{
  GPtrArray *labels = g_ptr_array_new ();

  for (guint c = 0; base->column_labels != NULL && c < base->n_columns; c++)
    if (base->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY)
      g_ptr_array_add (labels, base->column_labels[c]);
  g_ptr_array_add (labels, NULL);
  return (const char **) g_ptr_array_free (labels, FALSE);
}

/* The shared legend: the baseline's columns, then Other and Unknown;
 * returns its height. */
static double
draw_legend (cairo_t              *cr,
             const HubChartStyle  *style,
             const HubShareResult *base,
             double                width)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree guint *columns = g_new (guint, MAX (base->n_columns, 1));
  HubStackedAreaData area = { .result = base, .mode = HUB_STACKED_AREA_PERCENT, .highlight = -1 };
  double text_h, height;

  for (guint c = 0; c < base->n_columns; c++)
    {
      columns[names->len] = c;
      g_ptr_array_add (names, hub_share_result_dup_column_name (base, c));
    }
  xs = g_new (double, MAX (names->len, 1));
  ys = g_new (double, MAX (names->len, 1));
  height = hub_chart_legend_rows (cr, style, (const char * const *) names->pdata, names->len, SWATCH, width, xs, ys);
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  for (guint i = 0; i < names->len; i++)
    {
      HubChartColor color = hub_stacked_area_column_color (&area, style, columns[i]);

      hub_chart_set_source (cr, &color, 1.0);
      cairo_rectangle (cr, HUB_CHART_PAD + xs[i], HUB_CHART_PAD + ys[i] + (text_h - SWATCH) / 2, SWATCH, SWATCH);
      cairo_fill (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, g_ptr_array_index (names, i),
                           HUB_CHART_PAD + xs[i] + SWATCH + 4, HUB_CHART_PAD + ys[i] + text_h / 2, 0.0, 0.5, 0, 0);
    }
  return height;
}

/* A panel's second line: "Google 22.3 % · HHI 0.147 · Gini 0.795". */
static char *
panel_figures (const HubSensitivityMethod *m)
{
  if (m->empty)
    return g_strdup (_("Nothing counted"));
  /* Translators: a sensitivity panel's figures: leader and its share, HHI, Gini */
  return g_strdup_printf (_("%s %.1f %% · HHI %.3f · Gini %.3f"), m->top_names[0], 100 * m->top_shares[0],
                          m->hhi, m->gini);
}

void
hub_sensitivity_chart_draw_func (cairo_t             *cr,
                                 int                  width,
                                 int                  height,
                                 const HubChartStyle *style,
                                 gconstpointer        user_data)
{
  const HubSensitivityChartData *data = user_data;
  const HubSensitivityResult *result = data != NULL ? data->result : NULL;
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  g_autofree const char **labels = NULL;
  g_autofree char *change = NULL;
  double legend_h, label_h, tick_h, change_h = 0, cell_w, cell_h;
  guint n, cols, rows;

  if (width <= 2 * HUB_CHART_PAD || height <= 2 * HUB_CHART_PAD)
    return;
  if (result == NULL || result->n_methods == 0 || result->methods[0].empty)
    {
      hub_chart_draw_empty (cr, style, &area, _("No data for these filters"),
                            _("No downloads were counted under the query as asked."));
      return;
    }

  n = result->n_methods;
  cols = n <= 2 ? n : n <= 4 ? 2 : 3;
  rows = (n + cols - 1) / cols;
  labels = palette_labels (result->methods[0].result);
  legend_h = draw_legend (cr, style, result->methods[0].result, area.width);
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_LABEL, "0", NULL, &label_h);
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &tick_h);
  change = data->hide_change ? NULL : hub_sensitivity_change_text (result);
  if (change != NULL)
    change_h = label_h + HUB_CHART_PAD;
  cell_w = area.width / cols;
  cell_h = (area.height - legend_h - change_h) / rows;
  if (cell_w < 120 || cell_h < 120)
    {
      hub_chart_draw_empty (cr, style, &area, _("Too small to draw"), NULL);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const HubSensitivityMethod *m = &result->methods[i];
      double x = area.x + (i % cols) * cell_w, y = area.y + legend_h + (i / cols) * cell_h;
      double head = label_h + tick_h + HUB_CHART_PAD / 2;
      g_autofree char *figures = panel_figures (m);
      HubStackedAreaData panel = {
        .result = m->result, .mode = HUB_STACKED_AREA_PERCENT, .highlight = -1,
        .time_label = NULL, .time_unit = data->time_unit, .no_legend = TRUE, .palette_labels = labels,
      };

      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, m->label,
                           x + HUB_CHART_PAD, y, 0.0, 0.0, cell_w - 2 * HUB_CHART_PAD, 0);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->muted, figures,
                           x + HUB_CHART_PAD, y + label_h + 2, 0.0, 0.0, cell_w - 2 * HUB_CHART_PAD, 0);
      if (i == 0)
        {
          /* The baseline: the query as asked. */
          cairo_save (cr);
          cairo_set_line_width (cr, 1.0);
          hub_chart_set_source (cr, &style->grid, 1.0);
          cairo_rectangle (cr, x + 1.5, y - 2.5, cell_w - 3, cell_h - 1);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      cairo_save (cr);
      cairo_translate (cr, x, y + head);
      cairo_rectangle (cr, 0, 0, cell_w, cell_h - head);
      cairo_clip (cr);
      hub_stacked_area_render (cr, (int) cell_w, (int) (cell_h - head), style, &panel);
      cairo_restore (cr);
    }
  if (change != NULL)
    hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, change,
                         area.x, area.y + area.height - label_h, 0.0, 0.0, area.width, 0);
}

char *
hub_sensitivity_chart_describe (const HubSensitivityResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *change = NULL;

  if (result == NULL || result->n_methods == 0)
    return g_strdup (_("No data for these filters."));
  for (guint i = 0; i < result->n_methods; i++)
    {
      const HubSensitivityMethod *m = &result->methods[i];
      g_autofree char *figures = panel_figures (m);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: "Self attribution, no window: Google 22.3 % · HHI 0.147 · Gini 0.795." */
      g_string_append_printf (text, _("%s: %s."), m->label, figures);
    }
  change = hub_sensitivity_change_text (result);
  if (change != NULL)
    g_string_append_printf (text, " %s", change);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
