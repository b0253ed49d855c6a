/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-quality-chart.h"
#include "hub-format.h"
#include "hub-sizes.h"
#include "hub-ticks.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define POINT_RADIUS 4.0
#define FOCUS_RADIUS 7.0
#define HIT_RADIUS 10.0
#define SWATCH 10.0
/* Models named per quadrant in the description. */
#define DESCRIBED_PER_QUADRANT 3

static const char * const color_names[] = { "size", "task", NULL };

const char * const *
hub_quality_chart_color_names (void)
{
  return color_names;
}

gboolean
hub_quality_chart_color_from_string (const char           *str,
                                     HubQualityChartColor *out_color)
{
  guint i;

  if (!hub_name_lookup (color_names, HUB_N_QUALITY_CHART_COLORS, str, &i))
    return FALSE;
  *out_color = i;
  return TRUE;
}

const char *
hub_quality_chart_color_to_string (HubQualityChartColor color)
{
  g_return_val_if_fail ((guint) color < HUB_N_QUALITY_CHART_COLORS, NULL);
  return color_names[color];
}

/* ---- categories ----------------------------------------------------------- */

static const HubModelRecord *
point_record (const HubQualityResult *result,
              guint                   index)
{
  return hub_dataset_get_model (result->dataset, g_array_index (result->points, HubQualityPoint, index).model);
}

/* The tasks of the most points, in that order (ties by id). */
static void
pick_tasks (const HubQualityResult *result,
            HubQualityChartLayout  *layout)
{
  guint n = hub_dataset_get_n_tasks (result->dataset);
  g_autofree guint *counts = g_new0 (guint, MAX (n, 1));

  for (guint i = 0; i < result->points->len; i++)
    {
      guint16 task = point_record (result, i)->task;

      /* Index 0 is "no task". */
      if (task > 0 && task < n)
        counts[task]++;
    }
  for (layout->n_tasks = 0; layout->n_tasks < HUB_QUALITY_CHART_MAX_TASKS; layout->n_tasks++)
    {
      guint16 best = 0;

      for (guint16 t = 1; t < n; t++)
        if (counts[t] > counts[best] ||
            (counts[t] > 0 && counts[t] == counts[best] &&
             strcmp (hub_dataset_get_task (result->dataset, t)->id,
                     hub_dataset_get_task (result->dataset, best)->id) < 0))
          best = t;
      if (best == 0)
        break;
      layout->tasks[layout->n_tasks] = best;
      counts[best] = 0;
    }
}

static void
fill_categories (const HubQualityChartData *data,
                 HubQualityChartLayout     *layout)
{
  const HubQualityResult *result = data->result;

  layout->n_categories = 0;
  if (data->color == HUB_QUALITY_CHART_COLOR_SIZE)
    {
      for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
        layout->categories[layout->n_categories++] = hub_size_bucket_label (b);
      layout->categories[layout->n_categories++] = _("Unknown size");
      return;
    }
  pick_tasks (result, layout);
  for (guint t = 0; t < layout->n_tasks; t++)
    {
      const HubTaskInfo *task = hub_dataset_get_task (result->dataset, layout->tasks[t]);

      layout->categories[layout->n_categories++] = task->name != NULL ? task->name : task->id;
    }
  layout->categories[layout->n_categories++] = _("Other tasks");
  layout->categories[layout->n_categories++] = _("No task");
}

guint
hub_quality_chart_category (const HubQualityChartLayout *layout,
                            const HubQualityChartData   *data,
                            guint                        index)
{
  const HubModelRecord *record = point_record (data->result, index);

  if (data->color == HUB_QUALITY_CHART_COLOR_SIZE)
    return hub_quality_size_class (record);
  if (record->task == 0)
    return layout->n_tasks + 1;
  for (guint t = 0; t < layout->n_tasks; t++)
    if (layout->tasks[t] == record->task)
      return t;
  return layout->n_tasks;
}

static const HubChartColor *
category_color (const HubChartStyle         *style,
                const HubQualityChartLayout *layout,
                guint                        category)
{
  /* The last category (unknown size, no task) is the style's unknown. */
  if (category + 1 == layout->n_categories)
    return &style->unknown;
  return hub_chart_style_get_series_color (style, category);
}

/* ---- layout --------------------------------------------------------------- */

/* Where a point sits on the log axis: a count or a ratio (none: -inf). */
static double
log_x (const HubQualityResult *result,
       const HubQualityPoint  *p)
{
  double x = hub_quality_point_x (result, p);

  return x > 0 ? log10 (x) : -INFINITY;
}

void
hub_quality_chart_layout (cairo_t                   *cr,
                          int                        width,
                          int                        height,
                          const HubChartStyle       *style,
                          const HubQualityChartData *data,
                          HubQualityChartLayout     *layout)
{
  const HubQualityResult *result = data->result;
  double text_h, label_w = 0, lo = INFINITY, hi = -INFINITY, smin = INFINITY, smax = -INFINITY;
  double left, bottom;

  memset (layout, 0, sizeof *layout);
  fill_categories (data, layout);
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);

  /* The legend: swatches in rows across the top. */
  layout->legend_height = hub_chart_legend_rows (cr, style, layout->categories, layout->n_categories, SWATCH, width,
                                                 NULL, NULL);

  for (guint i = 0; i < result->points->len; i++)
    {
      const HubQualityPoint *p = &g_array_index (result->points, HubQualityPoint, i);

      /* No downloads: drawn at the left edge, not stretching the axis. */
      if (isfinite (log_x (result, p)))
        {
          lo = MIN (lo, log_x (result, p));
          hi = MAX (hi, log_x (result, p));
        }
      smin = MIN (smin, p->score);
      smax = MAX (smax, p->score);
    }
  if (result->points->len == 0)
    lo = 0, hi = 1, smin = 0, smax = 1;
  if (!isfinite (lo) || !isfinite (hi))
    lo = hi = 0;
  layout->x_lo = floor (lo);
  layout->x_hi = MAX (ceil (hi), layout->x_lo + 1);
  if (smax <= smin)
    {
      double pad = fabs (smin) > 0 ? fabs (smin) * 0.05 : 0.5;

      smin -= pad;
      smax += pad;
    }
  else
    {
      double pad = (smax - smin) * 0.05;

      smin -= pad;
      smax += pad;
    }
  layout->y_worse = result->lower_better ? smax : smin;
  layout->y_better = result->lower_better ? smin : smax;

  {
    g_autofree char *a = g_strdup_printf ("%.4g", smin);
    g_autofree char *b = g_strdup_printf ("%.4g", smax);

    label_w = MAX (hub_chart_tick_width (cr, style, a), hub_chart_tick_width (cr, style, b));
  }
  left = label_w + HUB_CHART_PAD * 1.5 + text_h + HUB_CHART_PAD;
  bottom = 2 * text_h + 2 * HUB_CHART_PAD;
  layout->plot.x = left;
  layout->plot.y = layout->legend_height + HUB_CHART_PAD;
  layout->plot.width = MAX (width - left - HUB_CHART_PAD * 2, 10);
  layout->plot.height = MAX (height - layout->plot.y - bottom, 10);
}

static double
x_of (const HubQualityChartLayout *layout,
      double                       log_value)
{
  return layout->plot.x + layout->plot.width * (log_value - layout->x_lo) / (layout->x_hi - layout->x_lo);
}

static double
y_of (const HubQualityChartLayout *layout,
      double                       score)
{
  return layout->plot.y + layout->plot.height * (1.0 - (score - layout->y_worse) / (layout->y_better - layout->y_worse));
}

void
hub_quality_chart_point_xy (const HubQualityChartLayout *layout,
                            const HubQualityChartData   *data,
                            guint                        index,
                            double                      *out_x,
                            double                      *out_y)
{
  const HubQualityPoint *p = &g_array_index (data->result->points, HubQualityPoint, index);

  *out_x = x_of (layout, MAX (log_x (data->result, p), layout->x_lo));
  *out_y = y_of (layout, p->score);
}

gboolean
hub_quality_chart_hit (const HubQualityChartLayout *layout,
                       const HubQualityChartData   *data,
                       double                       x,
                       double                       y,
                       guint                       *out_index)
{
  double best = HIT_RADIUS * HIT_RADIUS;
  gboolean found = FALSE;

  for (guint i = 0; i < data->result->points->len; i++)
    {
      double px, py, d;

      hub_quality_chart_point_xy (layout, data, i, &px, &py);
      d = (px - x) * (px - x) + (py - y) * (py - y);
      if (d <= best)
        {
          best = d;
          *out_index = i;
          found = TRUE;
        }
    }
  return found;
}

/* ---- drawing -------------------------------------------------------------- */

static void
draw_legend (cairo_t                     *cr,
             int                          width,
             const HubChartStyle         *style,
             const HubQualityChartLayout *layout)
{
  double xs[HUB_QUALITY_CHART_MAX_CATEGORIES], ys[HUB_QUALITY_CHART_MAX_CATEGORIES], text_h;

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  hub_chart_legend_rows (cr, style, layout->categories, layout->n_categories, SWATCH, width, xs, ys);
  for (guint c = 0; c < layout->n_categories; c++)
    {
      hub_chart_set_source (cr, category_color (style, layout, c), 1.0);
      cairo_arc (cr, xs[c] + SWATCH / 2, ys[c] + text_h / 2, SWATCH / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, layout->categories[c],
                           xs[c] + SWATCH + 4, ys[c] + text_h / 2, 0.0, 0.5, 0, 0);
    }
}

static void
draw_axes (cairo_t                     *cr,
           const HubChartStyle         *style,
           const HubQualityChartData   *data,
           const HubQualityChartLayout *layout)
{
  const HubChartRect *plot = &layout->plot;
  double lo = MIN (layout->y_worse, layout->y_better), hi = MAX (layout->y_worse, layout->y_better);
  double decades[16];
  guint n_decades = hub_ticks_decades (pow (10, layout->x_lo), pow (10, layout->x_hi), decades, G_N_ELEMENTS (decades));
  double d_lo, d_hi, text_h;
  g_autoptr(GArray) ticks = hub_ticks_values (lo, hi, (guint) CLAMP (plot->height / 40.0, 2, 10),
                                              HUB_TICK_FORMAT_FRACTION, &d_lo, &d_hi);
  g_autofree char *x_title = hub_quality_adoption_label (data->result);
  g_autofree char *y_title = hub_quality_score_label (data->result);

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < ticks->len; i++)
    {
      const HubTick *tick = &g_array_index (ticks, HubTick, i);
      double y;

      if (tick->value < lo - 1e-12 || tick->value > hi + 1e-12)
        continue;
      y = round (y_of (layout, tick->value)) + 0.5;
      hub_chart_set_source (cr, &style->grid, 1.0);
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
      cairo_stroke (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, tick->label,
                           plot->x - HUB_CHART_PAD / 2, y, 1.0, 0.5, 0, 0);
    }
  for (guint i = 0; i < MIN (n_decades, G_N_ELEMENTS (decades)); i++)
    {
      double x = round (x_of (layout, log10 (decades[i]))) + 0.5;
      /* Translators: a ratio on the relative adoption axis: "0.1×", "10×". */
      g_autofree char *label = data->result->relative ? g_strdup_printf (_("%g×"), decades[i])
                                                      : hub_ticks_format_si (decades[i]);

      hub_chart_set_source (cr, &style->grid, 1.0);
      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
      cairo_stroke (cr);
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, label,
                           x, plot->y + plot->height + HUB_CHART_PAD / 2, 0.5, 0.0, 0, 0);
    }
  cairo_restore (cr);

  hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, x_title,
                       plot->x + plot->width / 2, plot->y + plot->height + text_h + HUB_CHART_PAD,
                       0.5, 0.0, plot->width, 0);
  hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, y_title,
                       0, plot->y + plot->height / 2, 0.5, 0.0, plot->height, -G_PI / 2);
}

/* The two lines and the quadrants' names in their outer corners. */
static void
draw_quadrants (cairo_t                     *cr,
                const HubChartStyle         *style,
                const HubQualityChartData   *data,
                const HubQualityChartLayout *layout)
{
  const HubQualityResult *result = data->result;
  const HubChartRect *plot = &layout->plot;
  double x = x_of (layout, result->adoption_line > 0 ? log10 (result->adoption_line) : layout->x_lo);
  double y = y_of (layout, result->score_line);
  static const double dash[] = { 4.0, 3.0 };
  static const struct { double xalign, yalign; gboolean right, top; } corners[HUB_N_QUALITY_QUADRANTS] = {
    [HUB_QUALITY_POPULAR_GOOD]      = { 1.0, 0.0, TRUE, TRUE },
    [HUB_QUALITY_POPULAR_WEAKER]    = { 1.0, 1.0, TRUE, FALSE },
    [HUB_QUALITY_UNDERADOPTED_GOOD] = { 0.0, 0.0, FALSE, TRUE },
    [HUB_QUALITY_NEITHER]           = { 0.0, 1.0, FALSE, FALSE },
  };

  x = CLAMP (x, plot->x, plot->x + plot->width);
  y = CLAMP (y, plot->y, plot->y + plot->height);
  cairo_save (cr);
  hub_chart_set_source (cr, &style->muted, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, round (x) + 0.5, plot->y);
  cairo_line_to (cr, round (x) + 0.5, plot->y + plot->height);
  cairo_move_to (cr, plot->x, round (y) + 0.5);
  cairo_line_to (cr, plot->x + plot->width, round (y) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint q = 0; q < HUB_N_QUALITY_QUADRANTS; q++)
    {
      g_autofree char *count = hub_format_count (result->counts[q]);
      g_autofree char *text = g_strdup_printf ("%s · %s", hub_quality_quadrant_label (q), count);
      double tx = corners[q].right ? plot->x + plot->width - HUB_CHART_PAD / 2 : plot->x + HUB_CHART_PAD / 2;
      double ty = corners[q].top ? plot->y + HUB_CHART_PAD / 2 : plot->y + plot->height - HUB_CHART_PAD / 2;

      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->muted, text, tx, ty,
                           corners[q].xalign, corners[q].yalign, plot->width / 2 - HUB_CHART_PAD, 0);
    }
}

static void
draw_points (cairo_t                     *cr,
             const HubChartStyle         *style,
             const HubQualityChartData   *data,
             const HubQualityChartLayout *layout)
{
  const HubQualityResult *result = data->result;

  cairo_save (cr);
  cairo_rectangle (cr, layout->plot.x - POINT_RADIUS, layout->plot.y - POINT_RADIUS,
                   layout->plot.width + 2 * POINT_RADIUS, layout->plot.height + 2 * POINT_RADIUS);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i < result->points->len; i++)
    {
      const HubQualityPoint *p = &g_array_index (result->points, HubQualityPoint, i);
      const HubChartColor *color = category_color (style, layout, hub_quality_chart_category (layout, data, i));
      double x, y;

      hub_quality_chart_point_xy (layout, data, i, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, POINT_RADIUS, 0, 2 * G_PI);
      hub_chart_set_source (cr, color, 1.0);
      /* An inherited score is a ring: the model was not measured itself. */
      if (p->inherited_from >= 0)
        cairo_stroke (cr);
      else
        {
          cairo_fill_preserve (cr);
          hub_chart_set_source (cr, &style->paper, 0.8);
          cairo_set_line_width (cr, 0.75);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1.5);
        }
    }
  /* The model farthest from the lines in each quadrant is named, on the
   * side towards the middle, unless the name would cover another. */
  {
    HubChartRect named[HUB_N_QUALITY_QUADRANTS];
    guint n_named = 0;
    double text_h;

    hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "0", NULL, &text_h);
    for (guint q = 0; q < HUB_N_QUALITY_QUADRANTS; q++)
      for (guint i = 0; i < result->points->len; i++)
        {
          const HubQualityPoint *p = &g_array_index (result->points, HubQualityPoint, i);
          double x, y, w;
          gboolean right, free = TRUE;
          HubChartRect r;

          if (p->quadrant != q)
            continue;
          hub_quality_chart_point_xy (layout, data, i, &x, &y);
          right = x < layout->plot.x + layout->plot.width / 2;
          w = MIN (hub_chart_tick_width (cr, style, p->id), layout->plot.width / 3);
          r = (HubChartRect) { right ? x + FOCUS_RADIUS : x - FOCUS_RADIUS - w, y - text_h / 2, w, text_h };
          for (guint k = 0; k < n_named; k++)
            free &= r.x + r.width < named[k].x || named[k].x + named[k].width < r.x ||
                    r.y + r.height < named[k].y || named[k].y + named[k].height < r.y;
          if (free)
            {
              named[n_named++] = r;
              hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, p->id,
                                   r.x, y, 0.0, 0.5, w, 0);
            }
          break;
        }
  }
  if (data->focus >= 0 && (guint) data->focus < result->points->len)
    {
      double x, y;

      hub_quality_chart_point_xy (layout, data, data->focus, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, FOCUS_RADIUS, 0, 2 * G_PI);
      hub_chart_set_source (cr, &style->foreground, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
hub_quality_chart_draw_func (cairo_t             *cr,
                             int                  width,
                             int                  height,
                             const HubChartStyle *style,
                             gconstpointer        user_data)
{
  const HubQualityChartData *data = user_data;
  HubQualityChartLayout layout;

  if (data == NULL || data->result == NULL)
    return;
  if (data->result->points->len == 0)
    {
      HubChartRect area = { 0, 0, width, height };

      hub_chart_draw_empty (cr, style, &area, _("No scored model has adoption data here"),
                            _("Try another benchmark, series or date, or clear the filters"));
      return;
    }
  hub_quality_chart_layout (cr, width, height, style, data, &layout);
  draw_legend (cr, width, style, &layout);
  draw_axes (cr, style, data, &layout);
  draw_quadrants (cr, style, data, &layout);
  draw_points (cr, style, data, &layout);
}

/* ---- text ----------------------------------------------------------------- */

char *
hub_quality_adoption_label (const HubQualityResult *result)
{
  gboolean family = result->attribution == HUB_QUERY_ATTRIBUTION_ROOT;

  if (result->relative)
    return g_strdup_printf (_("Downloads relative to the top %u of its size class and task"),
                            HUB_QUALITY_BASELINE_TOP);

  switch (result->measure)
    {
    case HUB_QUERY_MEASURE_LIKES:
      return g_strdup (family ? _("Family likes") : _("Likes"));
    case HUB_QUERY_MEASURE_INTERVAL:
      return g_strdup (family ? _("Family downloads between snapshots") : _("Downloads between snapshots"));
    case HUB_QUERY_MEASURE_PERIOD:
      return g_strdup (family ? _("Family downloads in the period") : _("Downloads in the period"));
    case HUB_QUERY_MEASURE_DOWNLOADS_30D:
    case HUB_N_QUERY_MEASURES:
    default:
      return g_strdup (family ? _("Family downloads (30 days)") : _("30-day downloads"));
    }
}

char *
hub_quality_score_label (const HubQualityResult *result)
{
  g_autofree char *names = g_strjoinv (", ", result->benchmarks);
  g_autofree char *score = g_strv_length (result->benchmarks) > 1
                           ? g_strdup_printf (_("Mean of %s"), names) : g_strdup (names);

  return result->lower_better ? g_strdup_printf (_("%s (lower is better)"), score) : g_steal_pointer (&score);
}

char *
hub_quality_chart_title (const HubQualityResult *result)
{
  g_autofree char *names = g_strjoinv (", ", result->benchmarks);
  g_autofree char *score = g_strv_length (result->benchmarks) > 1
                           ? g_strdup_printf (_("Mean of %s"), names) : g_strdup (names);
  g_autofree char *adoption = hub_quality_adoption_label (result);
  g_autofree char *lower = g_utf8_strdown (adoption, -1);

  /* Translators: "STSBenchmark (mteb-english) against 30-day downloads". */
  return g_strdup_printf (_("%s (%s) against %s"), score, result->score_set, lower);
}

static char *
format_line (const HubQualityResult *result,
             gboolean                score)
{
  g_autofree char *value = score ? g_strdup_printf ("%.4g", result->score_line)
                           : result->relative ? g_strdup_printf ("%.2g×", result->adoption_line)
                           : hub_format_count ((gint64) llround (result->adoption_line));

  if (score ? result->score_line_median : result->adoption_line_median)
    /* Translators: a quadrant line: "the median, 0.8312". */
    return g_strdup_printf (_("the median, %s"), value);
  return g_steal_pointer (&value);
}

char *
hub_quality_chart_caption (const HubQualityResult *result)
{
  GString *s = g_string_new (NULL);
  g_autofree char *adoption = hub_quality_adoption_label (result);
  g_autofree char *day = hub_time_format_iso8601 (result->snapshot_time);
  g_autofree char *shown = hub_format_count (result->points->len);
  g_autofree char *score_line = format_line (result, TRUE);
  g_autofree char *adoption_line = format_line (result, FALSE);

  g_string_append_printf (s, _("%s models shown, adoption read from the series “%s” at %.10s. "
                               "Lines: score at %s, adoption at %s (a model on a line counts above it)."),
                          shown, result->series != NULL ? result->series : "?", day != NULL ? day : "?",
                          score_line, adoption_line);
  g_string_append_c (s, ' ');
  {
    g_autofree char *scored = hub_format_count (result->n_scored);
    g_autofree char *none = hub_format_count (result->no_adoption->len);
    g_autofree char *unmatched = hub_format_count (result->unmatched->len);

    g_string_append_printf (s, _("Of %s scored models, %s have no adoption data in this snapshot and %s are not "
                                 "in the data (API-only or not stored)."),
                            scored, none, unmatched);
  }
  if (result->n_filtered > 0)
    {
      g_autofree char *n = hub_format_count (result->n_filtered);

      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("%s are outside the filters."), n);
    }
  if (result->n_no_size > 0)
    {
      g_autofree char *n = hub_format_count (result->n_no_size);

      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("%s scored models are left out: their size is unknown, so they have no size class "
                                   "to be compared with."), n);
    }
  if (result->n_inherited > 0)
    {
      g_autofree char *n = hub_format_count (result->n_inherited);

      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("%s quantized copies take their base model’s score (rings)."), n);
    }
  if (result->n_incomplete > 0)
    {
      g_autofree char *n = hub_format_count (result->n_incomplete);

      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("%s models lack one of the benchmarks averaged."), n);
    }
  {
    g_autofree char *n = hub_format_count (result->n_unscored);
    g_autofree char *lower = g_utf8_strdown (adoption, -1);

    g_string_append_c (s, ' ');
    if (result->relative)
      g_string_append_printf (s, _("%s models observed in this snapshot have no score."), n);
    else
      g_string_append_printf (s, _("%s models with %s in this snapshot have no score."), n, lower);
  }
  if (result->set_source != NULL)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("Scores: %s."), result->set_source);
    }
  return g_string_free (s, FALSE);
}

char *
hub_quality_chart_readout (const HubQualityResult *result,
                           guint                   index)
{
  const HubQualityPoint *p;
  g_autofree char *adoption = NULL;
  g_autofree char *label = NULL;
  g_autofree char *lower_label = NULL;
  g_autofree char *quadrant = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (index < result->points->len, NULL);

  p = &g_array_index (result->points, HubQualityPoint, index);
  adoption = hub_format_count ((gint64) MIN (p->adoption, (guint64) G_MAXINT64));
  label = hub_quality_adoption_label (result);
  lower_label = g_utf8_strdown (label, -1);
  quadrant = g_utf8_strdown (hub_quality_quadrant_label (p->quadrant), -1);
  /* Translators: "Qwen/Qwen3-Embedding-8B: score 0.8812, 1,234,567 30-day downloads; popular and good". */
  if (result->relative)
    /* Translators: "org/model: score 0.8812, 1.8× the median of the top 10 of its size class and task; neither". */
    text = g_strdup_printf (_("%s: score %.4g, %.2g× the median of the top %u of its size class and task; %s"),
                            p->id, p->score, p->relative, HUB_QUALITY_BASELINE_TOP, quadrant);
  else
    text = g_strdup_printf (_("%s: score %.4g, %s %s; %s"), p->id, p->score, adoption, lower_label, quadrant);
  if (p->inherited_from >= 0)
    return g_strdup_printf (_("%s (score inherited from %s)"), text,
                            hub_dataset_get_model (result->dataset, p->inherited_from)->id);
  return g_steal_pointer (&text);
}

char *
hub_quality_chart_describe (const HubQualityResult *result)
{
  GString *s = g_string_new (NULL);
  g_autofree char *title = hub_quality_chart_title (result);

  g_string_append_printf (s, "%s. ", title);
  for (guint q = 0; q < HUB_N_QUALITY_QUADRANTS; q++)
    {
      g_autofree char *count = hub_format_count (result->counts[q]);
      guint named = 0;

      g_string_append_printf (s, "%s: %s", hub_quality_quadrant_label (q), count);
      for (guint i = 0; i < result->points->len && named < DESCRIBED_PER_QUADRANT; i++)
        {
          const HubQualityPoint *p = &g_array_index (result->points, HubQualityPoint, i);

          if (p->quadrant != q)
            continue;
          g_string_append (s, named == 0 ? " (" : ", ");
          g_string_append (s, p->id);
          named++;
        }
      g_string_append (s, named > 0 ? "). " : ". ");
    }
  return g_string_free (s, FALSE);
}
