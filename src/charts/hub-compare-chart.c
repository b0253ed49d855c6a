/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-compare-chart.h"
#include "hub-format.h"
#include "hub-ticks.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

static const char * const view_names[HUB_N_COMPARE_CHART_VIEWS] = { "curves", "relative" };

const char *
hub_compare_chart_view_to_string (HubCompareChartView view)
{
  g_return_val_if_fail (view < HUB_N_COMPARE_CHART_VIEWS, "curves");
  return view_names[view];
}

gboolean
hub_compare_chart_view_from_string (const char          *str,
                                    HubCompareChartView *out)
{
  guint i;

  if (!hub_name_lookup (view_names, HUB_N_COMPARE_CHART_VIEWS, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

static gboolean
is_log (const HubCompareChartData *data)
{
  return data->view == HUB_COMPARE_CHART_RELATIVE || data->log_scale;
}

/* The y value of a point in the view (NAN: a gap). */
static double
view_value (const HubCompareChartData *data,
            const HubComparePoint     *p)
{
  return data->view == HUB_COMPARE_CHART_RELATIVE ? p->relative : p->value;
}

static const HubCompareCurve *
curve_at (const HubCompareResult *result,
          guint                   i)
{
  return g_ptr_array_index (result->curves, i);
}

/* Why a curve is not drawn, or NULL. */
static const char *
not_drawn_reason (const HubCompareChartData *data,
                  const HubCompareCurve     *curve)
{
  if (curve->model < 0)
    return _("not in the data");
  if (!hub_compare_curve_is_drawn (data->result, curve))
    return _("release unknown");
  for (guint i = 0; i < curve->points->len; i++)
    if (isfinite (view_value (data, &g_array_index (curve->points, HubComparePoint, i))))
      return NULL;
  return data->view == HUB_COMPARE_CHART_RELATIVE ? _("no score") : _("no value");
}

/* The legend's texts: each subject, and why when it is not drawn. */
static GPtrArray *
legend_texts (const HubCompareChartData *data)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < data->result->curves->len; c++)
    {
      const HubCompareCurve *curve = curve_at (data->result, c);
      g_autofree char *label = hub_compare_subject_label (curve->subject);
      const char *reason = not_drawn_reason (data, curve);

      g_ptr_array_add (texts, reason != NULL ? g_strdup_printf ("%s (%s)", label, reason) : g_steal_pointer (&label));
    }
  return texts;
}

/* The legend's swatch: a short line. */
#define SWATCH 14.0

void
hub_compare_chart_layout (cairo_t                   *cr,
                          int                        width,
                          int                        height,
                          const HubChartStyle       *style,
                          const HubCompareChartData *data,
                          HubCompareChartLayout     *layout)
{
  const HubCompareResult *result = data->result;
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  double text_h, left, bottom, label_w;

  memset (layout, 0, sizeof *layout);
  layout->log = is_log (data);
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  if (result != NULL)
    {
      g_autoptr(GPtrArray) texts = legend_texts (data);

      layout->legend_height = hub_chart_legend_rows (cr, style, (const char * const *) texts->pdata, texts->len,
                                                     SWATCH, width, NULL, NULL);
    }

  for (guint c = 0; result != NULL && c < result->curves->len; c++)
    {
      const HubCompareCurve *curve = curve_at (result, c);

      if (!hub_compare_curve_is_drawn (result, curve))
        continue;
      for (guint i = 0; i < curve->points->len; i++)
        {
          const HubComparePoint *p = &g_array_index (curve->points, HubComparePoint, i);
          double v = view_value (data, p);
          double x = hub_compare_point_x (result, p);

          if (!isfinite (v) || !isfinite (x))
            continue;
          x_lo = MIN (x_lo, x);
          x_hi = MAX (x_hi, x);
          if (layout->log && v <= 0)
            continue;
          v = layout->log ? log10 (v) : v;
          y_lo = MIN (y_lo, v);
          y_hi = MAX (y_hi, v);
        }
    }
  layout->empty = !isfinite (x_lo);
  if (layout->empty)
    x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;
  if (!isfinite (y_lo))
    y_lo = 0, y_hi = 1;
  if (x_hi <= x_lo)
    {
      double pad = result != NULL && result->align == HUB_COMPARE_ALIGN_CALENDAR ? 86400 : 1;

      x_lo -= pad;
      x_hi += pad;
    }
  if (layout->log)
    {
      /* Whole decades, the baseline's 1× always in view. */
      if (data->view == HUB_COMPARE_CHART_RELATIVE)
        y_lo = MIN (y_lo, 0), y_hi = MAX (y_hi, 0);
      y_lo = floor (y_lo);
      y_hi = MAX (ceil (y_hi), y_lo + 1);
    }
  else
    {
      double lo, hi;
      g_autoptr(GArray) ticks = hub_ticks_values (0, MAX (y_hi, 1), 6, HUB_TICK_FORMAT_SI, &lo, &hi);

      y_lo = 0;
      y_hi = hi;
    }
  layout->x_lo = x_lo;
  layout->x_hi = x_hi;
  layout->y_lo = y_lo;
  layout->y_hi = y_hi;

  label_w = hub_chart_tick_width (cr, style, layout->log ? "100M" : "1.25M");
  left = label_w + HUB_CHART_PAD * 1.5 + text_h + HUB_CHART_PAD;
  bottom = 2 * text_h + 2 * HUB_CHART_PAD;
  layout->plot.x = left;
  layout->plot.y = layout->legend_height + HUB_CHART_PAD;
  layout->plot.width = MAX (width - left - HUB_CHART_PAD * 2, 10);
  layout->plot.height = MAX (height - layout->plot.y - bottom, 10);
}

static double
map_x (const HubCompareChartLayout *layout,
       double                       x)
{
  return layout->plot.x + layout->plot.width * (x - layout->x_lo) / (layout->x_hi - layout->x_lo);
}

static double
map_y (const HubCompareChartLayout *layout,
       double                       v)
{
  if (layout->log)
    v = v > 0 ? log10 (v) : layout->y_lo;
  v = CLAMP (v, layout->y_lo, layout->y_hi);
  return layout->plot.y + layout->plot.height * (1 - (v - layout->y_lo) / (layout->y_hi - layout->y_lo));
}

gboolean
hub_compare_chart_point_xy (const HubCompareChartLayout *layout,
                            const HubCompareChartData   *data,
                            guint                        curve,
                            guint                        point,
                            double                      *out_x,
                            double                      *out_y)
{
  const HubCompareCurve *c = curve_at (data->result, curve);
  const HubComparePoint *p;
  double x, v;

  /* A curve with no value has no point to draw anyway. */
  if (point >= c->points->len || !hub_compare_curve_is_drawn (data->result, c))
    return FALSE;
  p = &g_array_index (c->points, HubComparePoint, point);
  x = hub_compare_point_x (data->result, p);
  v = view_value (data, p);
  if (!isfinite (x) || !isfinite (v))
    return FALSE;
  *out_x = map_x (layout, x);
  *out_y = map_y (layout, v);
  return TRUE;
}

gboolean
hub_compare_chart_hit (const HubCompareChartLayout *layout,
                       const HubCompareChartData   *data,
                       double                       x,
                       double                       y,
                       guint                       *out_curve,
                       guint                       *out_point)
{
  double best = 10 * 10;
  gboolean found = FALSE;

  for (guint c = 0; data->result != NULL && c < data->result->curves->len; c++)
    for (guint i = 0; i < curve_at (data->result, c)->points->len; i++)
      {
        double px, py, d;

        if (!hub_compare_chart_point_xy (layout, data, c, i, &px, &py))
          continue;
        d = (px - x) * (px - x) + (py - y) * (py - y);
        if (d < best)
          {
            best = d;
            *out_curve = c;
            *out_point = i;
            found = TRUE;
          }
      }
  return found;
}

static void
draw_legend (cairo_t                     *cr,
             const HubChartStyle         *style,
             const HubCompareChartData   *data,
             int                          width)
{
  g_autoptr(GPtrArray) texts = legend_texts (data);
  g_autofree double *xs = g_new (double, MAX (texts->len, 1));
  g_autofree double *ys = g_new (double, MAX (texts->len, 1));
  double text_h;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  hub_chart_legend_rows (cr, style, (const char * const *) texts->pdata, texts->len, SWATCH, width, xs, ys);
  for (guint c = 0; c < texts->len; c++)
    {
      gboolean drawn = not_drawn_reason (data, curve_at (data->result, c)) == NULL;

      cairo_save (cr);
      hub_chart_set_source (cr, hub_chart_style_get_series_color (style, c), drawn ? 1.0 : 0.35);
      cairo_set_line_width (cr, 2.5);
      cairo_move_to (cr, xs[c], ys[c] + text_h / 2);
      cairo_line_to (cr, xs[c] + SWATCH, ys[c] + text_h / 2);
      cairo_stroke (cr);
      cairo_restore (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, drawn ? &style->foreground : &style->muted,
                           g_ptr_array_index (texts, c), xs[c] + SWATCH + 4, ys[c], 0.0, 0.0, 0, 0);
    }
}

/* A power of ten written out: "0.001", "1", "1000" (no exponent). */
static const char *
ratio_text (double decade)
{
  static char text[G_ASCII_DTOSTR_BUF_SIZE];
  int exponent = (int) lround (log10 (decade));

  g_snprintf (text, sizeof text, "%.*f", MAX (0, -exponent), decade);
  return text;
}

static void
draw_axes (cairo_t                     *cr,
           const HubChartStyle         *style,
           const HubCompareChartData   *data,
           const HubCompareChartLayout *layout)
{
  const HubChartRect *plot = &layout->plot;
  const char *y_title = data->view == HUB_COMPARE_CHART_RELATIVE
                        ? _("Relative to the baseline")
                        : hub_compare_measure_label (data->result->measure);
  double text_h;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  if (layout->log)
    {
      double decades[24];
      guint n = hub_ticks_decades (pow (10, layout->y_lo), pow (10, layout->y_hi), decades, G_N_ELEMENTS (decades));

      for (guint i = 0; i < MIN (n, G_N_ELEMENTS (decades)); i++)
        {
          double y = round (map_y (layout, decades[i])) + 0.5;
          /* Translators: a ratio on the relative adoption axis: "0.1×", "10×" (%s: the number). */
          g_autofree char *label = data->view == HUB_COMPARE_CHART_RELATIVE
                                   ? g_strdup_printf (_("%s×"), ratio_text (decades[i]))
                                   : hub_ticks_format_si (decades[i]);

          hub_chart_set_source (cr, &style->grid, 1.0);
          cairo_move_to (cr, plot->x, y);
          cairo_line_to (cr, plot->x + plot->width, y);
          cairo_stroke (cr);
          hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, label,
                               plot->x - HUB_CHART_PAD / 2, y, 1.0, 0.5, 0, 0);
        }
    }
  else
    {
      double lo, hi;
      g_autoptr(GArray) ticks = hub_ticks_values (layout->y_lo, layout->y_hi,
                                                  (guint) CLAMP (plot->height / 40.0, 2, 8),
                                                  HUB_TICK_FORMAT_SI, &lo, &hi);

      for (guint i = 0; i < ticks->len; i++)
        {
          const HubTick *tick = &g_array_index (ticks, HubTick, i);
          double y;

          if (tick->value > layout->y_hi + 1e-9)
            continue;
          y = round (map_y (layout, tick->value)) + 0.5;
          hub_chart_set_source (cr, &style->grid, 1.0);
          cairo_move_to (cr, plot->x, y);
          cairo_line_to (cr, plot->x + plot->width, y);
          cairo_stroke (cr);
          hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, tick->label,
                               plot->x - HUB_CHART_PAD / 2, y, 1.0, 0.5, 0, 0);
        }
    }
  cairo_restore (cr);

  if (data->result->align == HUB_COMPARE_ALIGN_CALENDAR)
    {
      HubChartTimeAxis axis;

      hub_chart_time_axis_init (&axis, cr, style, (gint64) layout->x_lo, (gint64) layout->x_hi,
                                HUB_TIME_UNIT_DAY, plot->width);
      hub_chart_time_axis_draw (&axis, cr, style, plot, NULL);
      hub_chart_time_axis_clear (&axis);
    }
  else
    {
      double lo, hi;
      g_autoptr(GArray) ticks = hub_ticks_values (layout->x_lo, layout->x_hi,
                                                  (guint) CLAMP (plot->width / 80.0, 2, 12),
                                                  HUB_TICK_FORMAT_FRACTION, &lo, &hi);

      cairo_save (cr);
      cairo_set_line_width (cr, 1.0);
      for (guint i = 0; i < ticks->len; i++)
        {
          const HubTick *tick = &g_array_index (ticks, HubTick, i);
          double x;

          if (tick->value < layout->x_lo - 1e-9 || tick->value > layout->x_hi + 1e-9)
            continue;
          x = round (map_x (layout, tick->value)) + 0.5;
          hub_chart_set_source (cr, &style->grid, 1.0);
          cairo_move_to (cr, x, plot->y + plot->height);
          cairo_line_to (cr, x, plot->y + plot->height + 4);
          cairo_stroke (cr);
          hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, tick->label,
                               x, plot->y + plot->height + HUB_CHART_PAD / 2, 0.5, 0.0, 0, 0);
        }
      cairo_restore (cr);
    }
  hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground,
                       data->result->align == HUB_COMPARE_ALIGN_RELEASE ? _("Days since release") : _("Date"),
                       plot->x + plot->width / 2, plot->y + plot->height + text_h + HUB_CHART_PAD,
                       0.5, 0.0, plot->width, 0);
  hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, y_title,
                       0, plot->y + plot->height / 2, 0.5, 0.0, plot->height, -G_PI / 2);
}

static void
draw_curves (cairo_t                     *cr,
             const HubChartStyle         *style,
             const HubCompareChartData   *data,
             const HubCompareChartLayout *layout)
{
  const HubChartRect *plot = &layout->plot;

  cairo_save (cr);
  cairo_rectangle (cr, plot->x - 4, plot->y - 4, plot->width + 8, plot->height + 8);
  cairo_clip (cr);
  /* The baseline: 1× on the relative view. */
  if (data->view == HUB_COMPARE_CHART_RELATIVE)
    {
      static const double dash[] = { 5.0, 4.0 };
      double y = round (map_y (layout, 1.0)) + 0.5;

      hub_chart_set_source (cr, &style->foreground, 0.6);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint c = 0; c < data->result->curves->len; c++)
    {
      const HubCompareCurve *curve = curve_at (data->result, c);
      const HubChartColor *color = hub_chart_style_get_series_color (style, c);
      gboolean open = FALSE;

      hub_chart_set_source (cr, color, 1.0);
      cairo_set_line_width (cr, data->focus_curve == (gint) c ? style->line_width * 2.5 : style->line_width * 1.6);
      for (guint i = 0; i < curve->points->len; i++)
        {
          double x, y, nx, ny;
          gboolean has_prev = open;
          gboolean has_next = hub_compare_chart_point_xy (layout, data, c, i + 1, &nx, &ny);

          if (!hub_compare_chart_point_xy (layout, data, c, i, &x, &y))
            {
              /* A gap: the line stops here. */
              if (open)
                cairo_stroke (cr);
              open = FALSE;
              continue;
            }
          if (!has_prev && !has_next)
            {
              /* A point alone between gaps: a dot. */
              cairo_arc (cr, x, y, 3.0, 0, 2 * G_PI);
              cairo_fill (cr);
              continue;
            }
          if (!open)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
          open = TRUE;
        }
      if (open)
        cairo_stroke (cr);
    }
  /* The focused point. */
  if (data->focus_curve >= 0 && (guint) data->focus_curve < data->result->curves->len)
    {
      double x, y;

      if (hub_compare_chart_point_xy (layout, data, data->focus_curve, data->focus_point, &x, &y))
        {
          hub_chart_set_source (cr, &style->foreground, 1.0);
          cairo_set_line_width (cr, 2.0);
          cairo_arc (cr, x, y, 5.5, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

void
hub_compare_chart_draw_func (cairo_t             *cr,
                             int                  width,
                             int                  height,
                             const HubChartStyle *style,
                             gconstpointer        user_data)
{
  const HubCompareChartData *data = user_data;
  HubCompareChartLayout layout;

  if (data == NULL || data->result == NULL || data->result->curves->len == 0)
    {
      HubChartRect area = { 0, 0, width, height };

      hub_chart_draw_empty (cr, style, &area, _("Nothing to compare"), _("Add a model or a family."));
      return;
    }
  hub_compare_chart_layout (cr, width, height, style, data, &layout);
  draw_legend (cr, style, data, width);
  if (layout.empty)
    {
      HubChartRect area = { 0, layout.legend_height, width, MAX (height - layout.legend_height, 10) };

      hub_chart_draw_empty (cr, style, &area,
                            data->view == HUB_COMPARE_CHART_RELATIVE ? _("No relative score to draw")
                                                                     : _("No values to draw"),
                            data->view == HUB_COMPARE_CHART_RELATIVE
                            ? _("A score needs a known release, a known size and peers observed at the same age.")
                            : _("These models have no value in this series: try another series or measure."));
      return;
    }
  draw_axes (cr, style, data, &layout);
  draw_curves (cr, style, data, &layout);
}

/* ---- Words ------------------------------------------------------------------ */

char *
hub_compare_chart_title (const HubCompareResult *result,
                         HubCompareChartView     view)
{
  if (view == HUB_COMPARE_CHART_RELATIVE)
    /* Translators: the relative chart's title; %s: "Cumulative downloads". */
    return g_strdup_printf (_("%s relative to peers of the same size, by days since release"),
                            hub_compare_measure_label (result->measure));
  return g_strdup_printf (result->align == HUB_COMPARE_ALIGN_RELEASE
                          /* Translators: %s: "Cumulative downloads", "Likes", ... */
                          ? _("%s by days since release") : _("%s by date"),
                          hub_compare_measure_label (result->measure));
}

char *
hub_compare_chart_caption (const HubCompareResult *result)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GString) not_aligned = g_string_new (NULL);
  gboolean any_young = FALSE;

  g_string_append_printf (s, _("Series: %s."), result->series != NULL ? result->series : _("none"));
  for (guint c = 0; c < result->curves->len; c++)
    {
      const HubCompareCurve *curve = curve_at (result, c);

      any_young |= curve->source == HUB_COMPARE_SOURCE_YOUNG || curve->source == HUB_COMPARE_SOURCE_MIXED;
      if (curve->model >= 0 && curve->release_unknown)
        g_string_append_printf (not_aligned, "%s%s", not_aligned->len > 0 ? ", " : "", curve->id);
    }
  if (any_young)
    g_string_append_printf (s, " %s",
                            _("Without all-time totals in the series, cumulative downloads are the 30-day "
                              "downloads of a model under 30 days old (then all its downloads) and a gap after."));
  g_string_append_c (s, ' ');
  if (result->baseline == HUB_COMPARE_BASELINE_RANK)
    g_string_append_printf (s, result->all_tasks
                            /* Translators: %u: the rank, 10 for "the 10th-ranked model". */
                            ? _("Baseline: the no. %u model of the same size class at the same age.")
                            : _("Baseline: the no. %u model of the same size class and task at the same age."),
                            result->rank);
  else
    g_string_append_printf (s, result->all_tasks
                            ? _("Baseline: the median of the top %u models of the same size class at the same age.")
                            : _("Baseline: the median of the top %u models of the same size class and task at "
                                "the same age."),
                            HUB_COMPARE_BASELINE_TOP);
  if (result->step_days > 1)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, ngettext ("Ages are pooled by %d day (the series’ spacing).",
                                           "Ages are pooled by %d days (the series’ spacing).", result->step_days),
                              result->step_days);
    }
  if (result->align == HUB_COMPARE_ALIGN_RELEASE && not_aligned->len > 0)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("Release unknown, not aligned: %s."), not_aligned->str);
    }
  return g_string_free (s, FALSE);
}

char *
hub_compare_chart_readout (const HubCompareResult *result,
                           HubCompareChartView     view,
                           guint                   curve,
                           guint                   point)
{
  const HubCompareCurve *c = curve_at (result, curve);
  const HubComparePoint *p = &g_array_index (c->points, HubComparePoint, point);
  g_autofree char *when = NULL;
  g_autofree char *value = isfinite (p->value) ? hub_format_count ((gint64) p->value) : g_strdup (_("unknown"));
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (p->time);
  g_autofree char *date = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");

  when = isfinite (p->day) ? g_strdup_printf (_("day %d (%s)"), (int) floor (p->day), date) : g_strdup (date);
  if (isfinite (p->relative))
    /* Translators: "Qwen/Qwen3-8B, day 12 (2026-08-20): 1,234,567; 1.8× the baseline". */
    return g_strdup_printf (_("%s, %s: %s; %.2g× the baseline"), c->id, when, value, p->relative);
  return g_strdup_printf (_("%s, %s: %s"), c->id, when, value);
}

char *
hub_compare_chart_describe (const HubCompareResult *result,
                            HubCompareChartView     view)
{
  GString *s = g_string_new (NULL);
  g_autofree char *title = hub_compare_chart_title (result, view);

  g_string_append_printf (s, "%s.", title);
  for (guint c = 0; c < result->curves->len; c++)
    {
      const HubCompareCurve *curve = curve_at (result, c);
      g_autofree char *score = hub_compare_curve_score_text (result, curve);
      gint last = -1;

      for (guint i = 0; i < curve->points->len; i++)
        if (isfinite (g_array_index (curve->points, HubComparePoint, i).value))
          last = (gint) i;
      if (last >= 0)
        {
          g_autofree char *readout = hub_compare_chart_readout (result, view, c, last);

          g_string_append_printf (s, " %s (%s).", readout, score);
        }
      else
        g_string_append_printf (s, " %s: %s.", curve->id, score);
    }
  return g_string_free (s, FALSE);
}
