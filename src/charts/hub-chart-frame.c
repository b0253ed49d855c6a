/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-chart-frame.h"

#include <math.h>

#define SWATCH 10.0
#define SWATCH_GAP 5.0
#define LEGEND_GAP 16.0
#define TICK_LENGTH 4.0

cairo_t *
hub_chart_measure_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  /* The context keeps its surface. */
  cairo_surface_destroy (surface);
  return cr;
}

void
hub_chart_measure_text (cairo_t             *cr,
                        const HubChartStyle *style,
                        HubChartTextRole     role,
                        const char          *text,
                        double              *out_width,
                        double              *out_height)
{
  g_autoptr(PangoLayout) layout = hub_chart_style_create_layout (style, cr, role, text, 0);

  hub_chart_layout_get_size (layout, out_width, out_height);
}

double
hub_chart_tick_width (cairo_t             *cr,
                      const HubChartStyle *style,
                      const char          *text)
{
  double w = 0;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, text, &w, NULL);
  return w;
}

void
hub_chart_draw_text (cairo_t             *cr,
                     const HubChartStyle *style,
                     HubChartTextRole     role,
                     const HubChartColor *color,
                     const char          *text,
                     double               x,
                     double               y,
                     double               xalign,
                     double               yalign,
                     double               max_width,
                     double               angle)
{
  g_autoptr(PangoLayout) layout = hub_chart_style_create_layout (style, cr, role, text, 0);
  double w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  /* With a width set, the logical extents are still the text's own. */
  hub_chart_layout_get_size (layout, &w, &h);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  if (angle != 0)
    cairo_rotate (cr, angle);
  cairo_move_to (cr, -xalign * w, -yalign * h);
  hub_chart_set_source (cr, color, 1.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
hub_chart_draw_empty (cairo_t             *cr,
                      const HubChartStyle *style,
                      const HubChartRect  *area,
                      const char          *message,
                      const char          *detail)
{
  const double dash[] = { 4.0, 4.0 };
  double mh = 0, cx = area->x + area->width / 2, cy = area->y + area->height / 2;

  cairo_save (cr);
  cairo_rectangle (cr, area->x + 0.5, area->y + 0.5, MAX (area->width - 1, 0), MAX (area->height - 1, 0));
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.0);
  hub_chart_set_source (cr, &style->grid, 2.0);
  cairo_stroke (cr);
  cairo_restore (cr);

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_LABEL, message, NULL, &mh);
  hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, message,
                       cx, detail != NULL ? cy - 2 : cy, 0.5, detail != NULL ? 1.0 : 0.5,
                       area->width - 2 * HUB_CHART_PAD, 0);
  if (detail != NULL)
    hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->muted, detail,
                         cx, cy + 2, 0.5, 0.0, area->width - 2 * HUB_CHART_PAD, 0);
}

void
hub_chart_value_axis_init (HubChartValueAxis   *axis,
                           cairo_t             *cr,
                           const HubChartStyle *style,
                           double               min,
                           double               max,
                           double               length,
                           HubTickFormat        format)
{
  guint max_ticks = (guint) CLAMP (length / 40.0, 2, 10);

  axis->format = format;
  axis->ticks = hub_ticks_values (min, max, max_ticks, format, &axis->lo, &axis->hi);
  axis->label_width = 0;
  for (guint i = 0; i < axis->ticks->len; i++)
    {
      double w;

      hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK,
                              g_array_index (axis->ticks, HubTick, i).label, &w, NULL);
      axis->label_width = MAX (axis->label_width, w);
    }
}

void
hub_chart_value_axis_clear (HubChartValueAxis *axis)
{
  g_clear_pointer (&axis->ticks, g_array_unref);
}

double
hub_chart_value_axis_map (const HubChartValueAxis *axis,
                          const HubChartRect      *plot,
                          double                   value)
{
  double span = axis->hi - axis->lo;

  if (!(span > 0))
    return plot->y + plot->height;
  return plot->y + plot->height * (1.0 - (value - axis->lo) / span);
}

void
hub_chart_value_axis_draw (const HubChartValueAxis *axis,
                           cairo_t                 *cr,
                           const HubChartStyle     *style,
                           const HubChartRect      *plot,
                           const char              *title,
                           double                   title_x)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < axis->ticks->len; i++)
    {
      const HubTick *tick = &g_array_index (axis->ticks, HubTick, i);
      double y = round (hub_chart_value_axis_map (axis, plot, tick->value)) + 0.5;

      hub_chart_set_source (cr, &style->grid, 1.0);
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
      cairo_stroke (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, tick->label,
                           plot->x - HUB_CHART_PAD / 2, y, 1.0, 0.5, 0, 0);
    }
  cairo_restore (cr);

  if (title != NULL)
    hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, title,
                         title_x, plot->y + plot->height / 2, 0.5, 0.0, plot->height, -G_PI / 2);
}

void
hub_chart_time_axis_init (HubChartTimeAxis    *axis,
                          cairo_t             *cr,
                          const HubChartStyle *style,
                          gint64               t_min,
                          gint64               t_max,
                          HubTimeUnit          finest,
                          double               length)
{
  double sample_w;
  guint max_ticks;

  /* Room for a label like "Sep 2026" plus a gap per tick. */
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "Sep 2026", &sample_w, NULL);
  max_ticks = (guint) CLAMP (length / (sample_w + 2 * HUB_CHART_PAD), 1, 24);

  axis->t_lo = (double) t_min;
  axis->t_hi = (double) t_max;
  axis->ticks = hub_ticks_time_from_unit (t_min, t_max, max_ticks, finest, NULL, NULL);
  axis->visible = g_new0 (gboolean, axis->ticks->len + 1);
}

void
hub_chart_time_axis_clear (HubChartTimeAxis *axis)
{
  g_clear_pointer (&axis->ticks, g_array_unref);
  g_clear_pointer (&axis->visible, g_free);
}

double
hub_chart_time_axis_map (const HubChartTimeAxis *axis,
                         const HubChartRect     *plot,
                         double                  t)
{
  double span = axis->t_hi - axis->t_lo;

  if (!(span > 0))
    return plot->x + plot->width / 2;
  return plot->x + plot->width * (t - axis->t_lo) / span;
}

double
hub_chart_time_axis_height (cairo_t             *cr,
                            const HubChartStyle *style,
                            gboolean             with_title)
{
  double tick_h, title_h = 0;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "Mg", NULL, &tick_h);
  if (with_title)
    hub_chart_measure_text (cr, style, HUB_CHART_TEXT_LABEL, "Mg", NULL, &title_h);
  return TICK_LENGTH + 2 + tick_h + (with_title ? HUB_CHART_PAD / 2 + title_h : 0);
}

void
hub_chart_time_axis_draw (const HubChartTimeAxis *axis,
                          cairo_t                *cr,
                          const HubChartStyle    *style,
                          const HubChartRect     *plot,
                          const char             *title)
{
  guint n = axis->ticks->len;
  g_autofree double *centers = g_new (double, n + 1);
  g_autofree double *widths = g_new (double, n + 1);
  double bottom = plot->y + plot->height;
  double tick_h = 0;

  for (guint i = 0; i < n; i++)
    {
      const HubTick *tick = &g_array_index (axis->ticks, HubTick, i);
      double w;

      hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, tick->label, &w, &tick_h);
      centers[i] = hub_chart_time_axis_map (axis, plot, tick->value);
      widths[i] = w;
      /* Keep the label inside the plot's span. */
      centers[i] = CLAMP (centers[i], plot->x + w / 2 - HUB_CHART_PAD, plot->x + plot->width - w / 2 + HUB_CHART_PAD);
    }
  hub_ticks_hide_overlaps (centers, widths, n, HUB_CHART_PAD, axis->visible);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  hub_chart_set_source (cr, &style->foreground, 0.6);
  cairo_move_to (cr, plot->x, round (bottom) + 0.5);
  cairo_line_to (cr, plot->x + plot->width, round (bottom) + 0.5);
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      const HubTick *tick = &g_array_index (axis->ticks, HubTick, i);
      double x = round (hub_chart_time_axis_map (axis, plot, tick->value)) + 0.5;

      hub_chart_set_source (cr, &style->foreground, 0.6);
      cairo_move_to (cr, x, round (bottom) + 0.5);
      cairo_line_to (cr, x, round (bottom) + 0.5 + TICK_LENGTH);
      cairo_stroke (cr);
      if (axis->visible[i])
        hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, tick->label,
                             centers[i], bottom + TICK_LENGTH + 2, 0.5, 0.0, 0, 0);
    }
  cairo_restore (cr);

  if (title != NULL)
    hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, title,
                         plot->x + plot->width / 2, bottom + TICK_LENGTH + 2 + tick_h + HUB_CHART_PAD / 2,
                         0.5, 0.0, plot->width, 0);
}

double
hub_chart_legend_entry_width (cairo_t                   *cr,
                              const HubChartStyle       *style,
                              const HubChartLegendEntry *entry)
{
  double w = 0, dw = 0;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, entry->label, &w, NULL);
  if (entry->detail != NULL)
    hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, entry->detail, &dw, NULL);
  return SWATCH + SWATCH_GAP + w + (entry->detail != NULL ? SWATCH_GAP + dw : 0);
}

double
hub_chart_legend_row_height (cairo_t             *cr,
                             const HubChartStyle *style)
{
  double h;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "Mg", NULL, &h);
  return MAX (h, SWATCH) + 4;
}

void
hub_chart_legend_entry_draw (cairo_t                   *cr,
                             const HubChartStyle       *style,
                             const HubChartLegendEntry *entry,
                             double                     x,
                             double                     y,
                             double                     max_width)
{
  double row_h = hub_chart_legend_row_height (cr, style);
  double cy = y + row_h / 2;
  double dw = 0, label_room;
  double alpha = entry->faded ? 0.45 : 1.0;

  cairo_save (cr);
  hub_chart_set_source (cr, entry->color, alpha);
  if (entry->line)
    {
      cairo_set_line_width (cr, 2.5);
      cairo_move_to (cr, x, round (cy));
      cairo_line_to (cr, x + SWATCH, round (cy));
      cairo_stroke (cr);
    }
  else
    {
      cairo_rectangle (cr, x, round (cy - SWATCH / 2), SWATCH, SWATCH);
      cairo_fill (cr);
    }
  if (entry->emphasis)
    {
      cairo_rectangle (cr, x - 1.5, round (cy - SWATCH / 2) - 1.5, SWATCH + 3, SWATCH + 3);
      cairo_set_line_width (cr, 1.5);
      hub_chart_set_source (cr, &style->foreground, 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  if (entry->detail != NULL)
    hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, entry->detail, &dw, NULL);
  label_room = max_width - SWATCH - SWATCH_GAP - (entry->detail != NULL ? SWATCH_GAP + dw : 0);
  {
    g_autoptr(PangoLayout) layout = hub_chart_style_create_layout (style, cr, HUB_CHART_TEXT_TICK, entry->label, 0);
    double lw, lh;

    if (entry->emphasis)
      {
        PangoFontDescription *font = hub_chart_style_get_font (style, HUB_CHART_TEXT_TICK);

        pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
        pango_layout_set_font_description (layout, font);
        pango_font_description_free (font);
      }
    if (label_room > 0)
      {
        pango_layout_set_width (layout, (int) (MAX (label_room, 8) * PANGO_SCALE));
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      }
    hub_chart_layout_get_size (layout, &lw, &lh);
    cairo_save (cr);
    hub_chart_set_source (cr, &style->foreground, alpha);
    cairo_move_to (cr, x + SWATCH + SWATCH_GAP, cy - lh / 2);
    pango_cairo_show_layout (cr, layout);
    cairo_restore (cr);

    if (entry->detail != NULL)
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->muted, entry->detail,
                           x + SWATCH + SWATCH_GAP + MIN (lw, label_room) + SWATCH_GAP, cy, 0.0, 0.5, 0, 0);
  }
}

gboolean
hub_chart_legend_layout (cairo_t                   *cr,
                         const HubChartStyle       *style,
                         const HubChartLegendEntry *entries,
                         guint                      n,
                         HubChartRect              *plot_area,
                         double                    *out_x,
                         double                    *out_y,
                         double                    *out_max_width)
{
  g_autofree double *widths = g_new (double, n + 1);
  g_autofree guint *rows = g_new (guint, n + 1);
  double row_h = hub_chart_legend_row_height (cr, style);
  double widest = 0, column_w;
  guint n_rows;

  *out_max_width = 0;
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      widths[i] = hub_chart_legend_entry_width (cr, style, &entries[i]);
      widest = MAX (widest, widths[i]);
    }

  /* A column on the right when the chart is wide and the entries fit its
   * height: it reads top-down like the stack. */
  column_w = MIN (widest, plot_area->width * 0.3);
  if (plot_area->width >= 520 && n * row_h <= plot_area->height)
    {
      double x = plot_area->x + plot_area->width - column_w;

      for (guint i = 0; i < n; i++)
        {
          out_x[i] = x;
          out_y[i] = plot_area->y + i * row_h;
        }
      *out_max_width = column_w;
      plot_area->width -= column_w + LEGEND_GAP;
      return TRUE;
    }

  /* Otherwise rows under the plot. */
  for (guint i = 0; i < n; i++)
    widths[i] = MIN (widths[i], plot_area->width);
  n_rows = hub_ticks_flow (widths, n, plot_area->width, LEGEND_GAP, out_x, rows);
  for (guint i = 0; i < n; i++)
    {
      out_x[i] += plot_area->x;
      out_y[i] = plot_area->y + plot_area->height - (n_rows - rows[i]) * row_h;
    }
  *out_max_width = plot_area->width;
  plot_area->height -= n_rows * row_h + HUB_CHART_PAD;
  return FALSE;
}

HubChartColor
hub_chart_color_mix (const HubChartColor *color,
                     const HubChartColor *over,
                     double               t)
{
  HubChartColor out;

  out.red = (float) (color->red * (1 - t) + over->red * t);
  out.green = (float) (color->green * (1 - t) + over->green * t);
  out.blue = (float) (color->blue * (1 - t) + over->blue * t);
  out.alpha = 1.f;
  return out;
}

double
hub_chart_legend_rows (cairo_t             *cr,
                       const HubChartStyle *style,
                       const char * const  *labels,
                       guint                n,
                       double               swatch,
                       double               width,
                       double              *out_x,
                       double              *out_y)
{
  g_autofree double *widths = g_new (double, MAX (n, 1));
  g_autofree double *xs = g_new (double, MAX (n, 1));
  g_autofree guint *rows = g_new (guint, MAX (n, 1));
  double text_h;
  guint n_rows;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  for (guint i = 0; i < n; i++)
    widths[i] = swatch + 4 + hub_chart_tick_width (cr, style, labels[i]);
  n_rows = hub_ticks_flow (widths, n, width, 2 * HUB_CHART_PAD, xs, rows);
  for (guint i = 0; i < n; i++)
    {
      if (out_x != NULL)
        out_x[i] = xs[i];
      if (out_y != NULL)
        out_y[i] = rows[i] * (text_h + 4);
    }
  return MAX (n_rows, 1) * (text_h + 4) + HUB_CHART_PAD;
}
