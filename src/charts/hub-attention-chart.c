/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-attention-chart.h"
#include "hub-format.h"
#include "hub-ticks.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define POINT_RADIUS 2.5
#define MARK_RADIUS 6.0
#define HIT_RADIUS 8.0

HubAttentionAge
hub_attention_age_of (double age_days)
{
  if (!isfinite (age_days))
    return HUB_ATTENTION_AGE_UNKNOWN;
  return age_days < 31 ? HUB_ATTENTION_AGE_MONTH : age_days < 183 ? HUB_ATTENTION_AGE_HALF_YEAR
         : age_days < 366 ? HUB_ATTENTION_AGE_YEAR : HUB_ATTENTION_AGE_OLDER;
}

const char *
hub_attention_age_label (HubAttentionAge age)
{
  switch (age)
    {
    case HUB_ATTENTION_AGE_MONTH:
      return _("Under a month old");
    case HUB_ATTENTION_AGE_HALF_YEAR:
      return _("1–6 months");
    case HUB_ATTENTION_AGE_YEAR:
      return _("6–12 months");
    case HUB_ATTENTION_AGE_OLDER:
      return _("Over a year");
    case HUB_ATTENTION_AGE_UNKNOWN:
    case HUB_N_ATTENTION_AGES:
    default:
      return _("Age unknown");
    }
}

/* The legend: a dot per age class. */
#define SWATCH 10.0

static double
age_legend (cairo_t             *cr,
            const HubChartStyle *style,
            double               width,
            double              *out_x,
            double              *out_y)
{
  const char *labels[HUB_N_ATTENTION_AGES];

  for (guint a = 0; a < HUB_N_ATTENTION_AGES; a++)
    labels[a] = hub_attention_age_label (a);
  return hub_chart_legend_rows (cr, style, labels, HUB_N_ATTENTION_AGES, SWATCH, width, out_x, out_y);
}

static const HubChartColor *
age_color (const HubChartStyle *style,
           HubAttentionAge      age)
{
  return age == HUB_ATTENTION_AGE_UNKNOWN ? &style->unknown : hub_chart_style_get_series_color (style, age);
}

static const HubAttentionPoint *
point_at (const HubAttentionResult *result,
          guint                     index)
{
  return &g_array_index (result->points, HubAttentionPoint, index);
}

void
hub_attention_chart_layout (cairo_t                     *cr,
                            int                          width,
                            int                          height,
                            const HubChartStyle         *style,
                            const HubAttentionChartData *data,
                            HubAttentionChartLayout     *layout)
{
  const HubAttentionResult *result = data->result;
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  double text_h, label_w, left, bottom;

  memset (layout, 0, sizeof *layout);
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  layout->legend_height = age_legend (cr, style, width, NULL, NULL);
  for (guint i = 0; result != NULL && i < result->points->len; i++)
    {
      const HubAttentionPoint *p = point_at (result, i);

      x_lo = MIN (x_lo, log10 (p->adoption));
      x_hi = MAX (x_hi, log10 (p->adoption));
      y_lo = MIN (y_lo, log10 (p->attention));
      y_hi = MAX (y_hi, log10 (p->attention));
    }
  if (!isfinite (x_lo))
    x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;
  layout->x_lo = floor (x_lo);
  layout->x_hi = MAX (ceil (x_hi), layout->x_lo + 1);
  layout->y_lo = floor (y_lo);
  layout->y_hi = MAX (ceil (y_hi), layout->y_lo + 1);
  label_w = hub_chart_tick_width (cr, style, "100K");
  left = label_w + HUB_CHART_PAD * 1.5 + text_h + HUB_CHART_PAD;
  bottom = 2 * text_h + 2 * HUB_CHART_PAD;
  layout->plot.x = left;
  layout->plot.y = layout->legend_height + HUB_CHART_PAD;
  layout->plot.width = MAX (width - left - HUB_CHART_PAD * 2, 10);
  layout->plot.height = MAX (height - layout->plot.y - bottom, 10);
}

static double
map_x (const HubAttentionChartLayout *layout,
       double                         value)
{
  return layout->plot.x + layout->plot.width * (log10 (value) - layout->x_lo) / (layout->x_hi - layout->x_lo);
}

static double
map_y (const HubAttentionChartLayout *layout,
       double                         value)
{
  return layout->plot.y + layout->plot.height * (1 - (log10 (value) - layout->y_lo) / (layout->y_hi - layout->y_lo));
}

void
hub_attention_chart_point_xy (const HubAttentionChartLayout *layout,
                              const HubAttentionChartData   *data,
                              guint                          index,
                              double                        *out_x,
                              double                        *out_y)
{
  const HubAttentionPoint *p = point_at (data->result, index);

  *out_x = map_x (layout, p->adoption);
  *out_y = map_y (layout, p->attention);
}

gboolean
hub_attention_chart_hit (const HubAttentionChartLayout *layout,
                         const HubAttentionChartData   *data,
                         double                         x,
                         double                         y,
                         guint                         *out_index)
{
  double best = HIT_RADIUS * HIT_RADIUS;
  gboolean found = FALSE;

  for (guint i = 0; data->result != NULL && i < data->result->points->len; i++)
    {
      double px, py, d;

      hub_attention_chart_point_xy (layout, data, i, &px, &py);
      d = (px - x) * (px - x) + (py - y) * (py - y);
      if (d < best)
        {
          best = d;
          *out_index = i;
          found = TRUE;
        }
    }
  return found;
}

static void
draw_legend (cairo_t                     *cr,
             const HubChartStyle         *style,
             int                          width)
{
  double xs[HUB_N_ATTENTION_AGES], ys[HUB_N_ATTENTION_AGES], text_h;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  age_legend (cr, style, width, xs, ys);
  for (guint a = 0; a < HUB_N_ATTENTION_AGES; a++)
    {
      hub_chart_set_source (cr, age_color (style, a), 1.0);
      cairo_arc (cr, xs[a] + SWATCH / 2, ys[a] + text_h / 2, SWATCH / 2 - 0.5, 0, 2 * G_PI);
      cairo_fill (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, hub_attention_age_label (a),
                           xs[a] + SWATCH + 4, ys[a], 0.0, 0.0, 0, 0);
    }
}

static void
draw_axes (cairo_t                       *cr,
           const HubChartStyle           *style,
           const HubAttentionChartData   *data,
           const HubAttentionChartLayout *layout)
{
  const HubChartRect *plot = &layout->plot;
  double decades[24], text_h;
  guint n;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  n = hub_ticks_decades (pow (10, layout->x_lo), pow (10, layout->x_hi), decades, G_N_ELEMENTS (decades));
  for (guint i = 0; i < MIN (n, G_N_ELEMENTS (decades)); i++)
    {
      double x = round (map_x (layout, decades[i])) + 0.5;
      g_autofree char *label = hub_ticks_format_si (decades[i]);

      hub_chart_set_source (cr, &style->grid, 1.0);
      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
      cairo_stroke (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, label,
                           x, plot->y + plot->height + HUB_CHART_PAD / 2, 0.5, 0.0, 0, 0);
    }
  n = hub_ticks_decades (pow (10, layout->y_lo), pow (10, layout->y_hi), decades, G_N_ELEMENTS (decades));
  for (guint i = 0; i < MIN (n, G_N_ELEMENTS (decades)); i++)
    {
      double y = round (map_y (layout, decades[i])) + 0.5;
      g_autofree char *label = hub_ticks_format_si (decades[i]);

      hub_chart_set_source (cr, &style->grid, 1.0);
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
      cairo_stroke (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, label,
                           plot->x - HUB_CHART_PAD / 2, y, 1.0, 0.5, 0, 0);
    }
  cairo_restore (cr);
  hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, _("30-day downloads"),
                       plot->x + plot->width / 2, plot->y + plot->height + text_h + HUB_CHART_PAD,
                       0.5, 0.0, plot->width, 0);
  hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground,
                       hub_attention_measure_label (data->result->measure),
                       0, plot->y + plot->height / 2, 0.5, 0.0, plot->height, -G_PI / 2);
}

/* The medians dashed, the quadrants named with their counts in the corners. */
static void
draw_quadrants (cairo_t                       *cr,
                const HubChartStyle           *style,
                const HubAttentionChartData   *data,
                const HubAttentionChartLayout *layout)
{
  const HubAttentionResult *result = data->result;
  const HubChartRect *plot = &layout->plot;
  static const double dash[] = { 4.0, 3.0 };
  static const struct { double xalign, yalign; gboolean right, top; } corners[HUB_N_ATTENTION_QUADRANTS] = {
    [HUB_ATTENTION_POPULAR] = { 1.0, 0.0, TRUE, TRUE },
    [HUB_ATTENTION_TALKED]  = { 0.0, 0.0, FALSE, TRUE },
    [HUB_ATTENTION_QUIET]   = { 1.0, 1.0, TRUE, FALSE },
    [HUB_ATTENTION_NEITHER] = { 0.0, 1.0, FALSE, FALSE },
  };
  double x, y;

  if (!isfinite (result->adoption_median) || !isfinite (result->attention_median))
    return;
  x = round (map_x (layout, result->adoption_median)) + 0.5;
  y = round (map_y (layout, result->attention_median)) + 0.5;
  cairo_save (cr);
  hub_chart_set_source (cr, &style->foreground, 0.55);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, x, plot->y);
  cairo_line_to (cr, x, plot->y + plot->height);
  cairo_move_to (cr, plot->x, y);
  cairo_line_to (cr, plot->x + plot->width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint q = 0; q < HUB_N_ATTENTION_QUADRANTS; q++)
    {
      g_autofree char *count = hub_format_count (result->counts[q]);
      g_autofree char *text = g_strdup_printf ("%s · %s", hub_attention_quadrant_label (q), count);

      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->muted, text,
                           corners[q].right ? plot->x + plot->width - 4 : plot->x + 4,
                           corners[q].top ? plot->y + 2 : plot->y + plot->height - 2,
                           corners[q].xalign, corners[q].yalign, plot->width / 2 - 8, 0);
    }
}

static void
draw_points (cairo_t                       *cr,
             const HubChartStyle           *style,
             const HubAttentionChartData   *data,
             const HubAttentionChartLayout *layout)
{
  const HubAttentionResult *result = data->result;

  cairo_save (cr);
  cairo_rectangle (cr, layout->plot.x - 4, layout->plot.y - 4, layout->plot.width + 8, layout->plot.height + 8);
  cairo_clip (cr);
  /* The least downloaded first: the most downloaded stay on top. */
  for (guint i = result->points->len; i-- > 0;)
    {
      const HubAttentionPoint *p = point_at (result, i);
      double x, y;

      hub_attention_chart_point_xy (layout, data, i, &x, &y);
      hub_chart_set_source (cr, age_color (style, hub_attention_age_of (p->age_days)), 0.75);
      cairo_arc (cr, x, y, POINT_RADIUS, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  /* The marked models: ringed and named (left of the ring near the right
   * edge). */
  for (guint k = 0; k < data->n_marked; k++)
    {
      gint i = hub_attention_find (result, data->marked[k]);
      gboolean left;
      double x, y;

      if (i < 0)
        continue;
      hub_attention_chart_point_xy (layout, data, i, &x, &y);
      left = x > layout->plot.x + layout->plot.width * 0.7;
      cairo_new_path (cr);
      hub_chart_set_source (cr, &style->foreground, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_arc (cr, x, y, MARK_RADIUS, 0, 2 * G_PI);
      cairo_stroke (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground,
                           hub_dataset_get_model (result->dataset, point_at (result, i)->model)->id,
                           left ? x - MARK_RADIUS - 3 : x + MARK_RADIUS + 3, y, left ? 1.0 : 0.0, 0.5, 0, 0);
    }
  if (data->focus >= 0 && (guint) data->focus < result->points->len)
    {
      double x, y;

      hub_attention_chart_point_xy (layout, data, data->focus, &x, &y);
      cairo_new_path (cr);
      hub_chart_set_source (cr, &style->accent, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_arc (cr, x, y, MARK_RADIUS + 1, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
hub_attention_chart_draw_func (cairo_t             *cr,
                               int                  width,
                               int                  height,
                               const HubChartStyle *style,
                               gconstpointer        user_data)
{
  const HubAttentionChartData *data = user_data;
  HubAttentionChartLayout layout;

  if (data == NULL || data->result == NULL || data->result->points->len == 0)
    {
      HubChartRect area = { 0, 0, width, height };

      hub_chart_draw_empty (cr, style, &area, _("No models to draw"),
                            _("No model with both downloads and attention passes these filters."));
      return;
    }
  hub_attention_chart_layout (cr, width, height, style, data, &layout);
  draw_legend (cr, style, width);
  draw_axes (cr, style, data, &layout);
  draw_quadrants (cr, style, data, &layout);
  draw_points (cr, style, data, &layout);
}

char *
hub_attention_chart_title (const HubAttentionResult *result)
{
  /* Translators: "Likes against 30-day downloads". */
  return g_strdup_printf (_("%s against 30-day downloads"), hub_attention_measure_label (result->measure));
}

char *
hub_attention_chart_caption (const HubAttentionResult *result)
{
  g_autofree char *n = hub_format_count (result->n_models);
  g_autofree char *drawn = hub_format_count (result->points->len);
  g_autofree char *zero = hub_format_count (result->n_zero);
  g_autofree char *adoption = hub_format_count ((gint64) result->adoption_median);
  g_autofree char *attention = hub_format_count ((gint64) result->attention_median);
  GString *s = g_string_new (NULL);

  /* Translators: "25 370 models; medians: 1 234 downloads, 56 likes (dashed)." */
  g_string_append_printf (s, _("%s models; medians: %s downloads, %s %s (dashed)."), n, adoption, attention,
                          result->measure == HUB_ATTENTION_TRENDING ? _("trending score") : _("likes"));
  if (result->points->len < result->n_models)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("The %s most downloaded are drawn."), drawn);
    }
  if (result->n_zero > 0)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("%s models with no downloads or no attention are left out (the axes are logarithmic)."),
                              zero);
    }
  return g_string_free (s, FALSE);
}

char *
hub_attention_chart_readout (const HubAttentionResult *result,
                             guint                     index)
{
  const HubAttentionPoint *p = point_at (result, index);
  g_autofree char *downloads = hub_format_count ((gint64) p->adoption);
  g_autofree char *attention = hub_format_count ((gint64) p->attention);
  g_autofree char *age = isfinite (p->age_days) ? g_strdup_printf (_("%.0f days old"), p->age_days)
                                                : g_strdup (_("age unknown"));

  /* Translators: "Qwen/Qwen3-8B: 1 234 567 downloads, 890 likes, 12 days old (Used and talked about)". */
  return g_strdup_printf (_("%s: %s downloads, %s %s, %s (%s)"),
                          hub_dataset_get_model (result->dataset, p->model)->id, downloads, attention,
                          result->measure == HUB_ATTENTION_TRENDING ? _("trending score") : _("likes"), age,
                          hub_attention_quadrant_label (p->quadrant));
}

char *
hub_attention_chart_describe (const HubAttentionResult *result)
{
  g_autofree char *title = hub_attention_chart_title (result);
  g_autofree char *caption = hub_attention_chart_caption (result);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s. %s", title, caption);
  for (guint q = 0; q < HUB_N_ATTENTION_QUADRANTS; q++)
    {
      g_autofree char *count = hub_format_count (result->counts[q]);

      g_string_append_printf (s, " %s: %s.", hub_attention_quadrant_label (q), count);
    }
  return g_string_free (s, FALSE);
}
