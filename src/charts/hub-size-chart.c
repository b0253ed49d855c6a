/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-size-chart.h"
#include "hub-ticks.h"

#include "hub-chart-frame.h"
#include "hub-format.h"

#include <glib/gi18n.h>
#include <math.h>

#define MARGIN        12.0
#define AXIS_LABEL_W  44.0
#define BOX_MAX_W     56.0
#define BAR_MAX_W     72.0
#define BOX_SHARE     0.62   /* of the plots' height, the rest is the bars */
#define MEAN_RADIUS   5.0

#define RGB(r, g, b) { (r) / 255.f, (g) / 255.f, (b) / 255.f, 1.f }

/* An ordered ramp for ordered classes, light (small) to dark (large):
 * ColorBrewer "YlGnBu", readable on light and dark backgrounds. */
static const HubChartColor bucket_colors[HUB_N_SIZE_BUCKETS] = {
  RGB (0xc7, 0xe9, 0xb4), RGB (0x7f, 0xcd, 0xbb), RGB (0x41, 0xb6, 0xc4),
  RGB (0x1d, 0x91, 0xc0), RGB (0x22, 0x5e, 0xa8), RGB (0x0c, 0x2c, 0x84),
};

/* On a dark background the ramp's navy (">100B") sinks (contrast 1.3
 * against #242424): it takes the colour-blind dark palette's indigo
 * instead (3.5), still the deepest hue of the ramp. */
static const HubChartColor dark_largest_bucket = RGB (0x77, 0x6a, 0xcc);

static const HubChartColor *
bucket_color (const HubChartStyle *style,
              guint                bucket)
{
  if (style->dark && bucket == HUB_N_SIZE_BUCKETS - 1)
    return &dark_largest_bucket;
  return &bucket_colors[bucket];
}

static const HubChartColor white = { 1.f, 1.f, 1.f, 1.f };
static const HubChartColor black = { 0.f, 0.f, 0.f, 0.85f };

/* The height of a line of tick text, estimated from the style alone so
 * that the layout is a pure function of the surface size. */
static double
line_height (const HubChartStyle *style)
{
  return ceil (style->font_size * 96.0 / 72.0 * 1.4);
}

/* Draws one line with its top at @y, @xalign of its width at @x; returns
 * its width. */
static double
text (cairo_t             *cr,
      const HubChartStyle *style,
      HubChartTextRole     role,
      const HubChartColor *color,
      const char          *str,
      double               x,
      double               y,
      double               xalign,
      double               max_width)
{
  double w = 0;

  hub_chart_measure_text (cr, style, role, str, &w, NULL);
  if (max_width > 0 && w > max_width)
    w = max_width;
  hub_chart_draw_text (cr, style, role, color, str, x, y, xalign, 0.0, max_width, 0);
  return w;
}

/* The first of @choices (NULL-terminated, longest first) that fits in
 * @max_width, else the last: labels shorten instead of being cut ("2022-Q3",
 * "Q3 ’22", "Q3"; issue 19: quarters read "2022-Q…"). */
static const char *
first_that_fits (cairo_t             *cr,
                 const HubChartStyle *style,
                 HubChartTextRole     role,
                 const char * const  *choices,
                 double               max_width)
{
  guint i;

  for (i = 0; choices[i + 1] != NULL; i++)
    {
      double w = 0;

      hub_chart_measure_text (cr, style, role, choices[i], &w, NULL);
      if (w <= max_width)
        break;
    }
  return choices[i];
}

/* The key's and the bucket legend's entries flow onto as many rows as
 * the width needs. Their widths are measured on a scratch surface so the
 * layout stays a function of the size and the style alone (the page's
 * hover and the renderer agree), whatever surface is drawn on. */
#define KEY_GAP       18.0
#define LEGEND_GAP    16.0
#define N_KEY_ITEMS   HUB_SIZE_CHART_N_KEY_ITEMS

static const char *
key_label (guint i)
{
  switch (i)
    {
    case 0: return _("middle 50% (p25–p75), whiskers p10–p90");
    case 1: return _("median");
    default: return _("mean");
    }
}

/* The width of a key entry's mark before its label. */
static double
key_mark_width (guint i)
{
  return i == 0 ? 36.0 : i == 1 ? 22.0 : 2 * MEAN_RADIUS + 6;
}

static guint
flow (const double         *widths,
      guint                 n,
      double                gap,
      double                avail,
      HubSizeChartEntryPos *pos)
{
  guint row = 0;
  double x = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        {
          if (x + gap + widths[i] > avail)
            {
              row++;
              x = 0;
            }
          else
            x += gap;
        }
      pos[i].x = x;
      pos[i].width = MIN (widths[i], MAX (avail - x, 0.0));
      pos[i].row = row;
      x += pos[i].width;
    }
  return n > 0 ? row + 1 : 0;
}

/* Places the key (N_KEY_ITEMS entries) and the bucket legend
 * (HUB_N_SIZE_BUCKETS entries) in @width; returns their rows. */
static void
flow_legends (const HubChartStyle  *style,
              double                key_avail,
              double                legend_avail,
              HubSizeChartEntryPos *key,
              guint                *key_rows,
              HubSizeChartEntryPos *legend,
              guint                *legend_rows)
{
  cairo_t *cr = hub_chart_measure_context ();
  double widths[MAX (N_KEY_ITEMS, HUB_N_SIZE_BUCKETS)];

  for (guint i = 0; i < N_KEY_ITEMS; i++)
    {
      double w = 0;

      hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, key_label (i), &w, NULL);
      widths[i] = key_mark_width (i) + ceil (w);
    }
  *key_rows = flow (widths, N_KEY_ITEMS, KEY_GAP, key_avail, key);
  for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
    {
      double w = 0;

      hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, hub_size_bucket_label (b), &w, NULL);
      widths[b] = 14 + ceil (w);
    }
  *legend_rows = flow (widths, HUB_N_SIZE_BUCKETS, LEGEND_GAP, legend_avail, legend);
  cairo_destroy (cr);
  
}

/* Relative luminance (sRGB), to pick text that reads on a fill. */
static double
luminance (const HubChartColor *color)
{
  double c[3] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/**
 * hub_size_chart_get_layout:
 * @width: surface width
 * @height: surface height
 * @style: the style (its font size decides the text rows)
 * @n_periods: columns
 * @layout: (out): the parts
 *
 * From top to bottom: key, box plot, bucket bars, period labels (three
 * rows: period, n, median and mean), bucket legend. The title and the
 * coverage caption are the figure's (hub_chart_figure_render()).
 */
void
hub_size_chart_get_layout (int                 width,
                           int                 height,
                           const HubChartStyle *style,
                           guint               n_periods,
                           HubSizeChartLayout *layout)
{
  double lh, top, bottom, plots_h, left, plot_w;

  g_return_if_fail (style != NULL);
  g_return_if_fail (layout != NULL);

  lh = line_height (style);

  *layout = (HubSizeChartLayout) { 0 };
  layout->n_periods = n_periods;

  left = MARGIN + AXIS_LABEL_W;
  plot_w = MAX (0.0, width - MARGIN - left);
  flow_legends (style, MAX (0.0, width - 2 * MARGIN), plot_w,
                layout->key, &layout->key_rows, layout->legend, &layout->legend_rows);

  /* The key, then the axis title above the plot. */
  top = MARGIN + layout->key_rows * lh + 0.5 * lh + lh;
  layout->legend_y = height - MARGIN - layout->legend_rows * lh;
  layout->labels_y = layout->legend_y - 0.5 * lh - 3 * lh;
  bottom = layout->labels_y - 4.0;
  /* Box plot, the bars' title, the bars. */
  plots_h = MAX (0.0, bottom - top - 2.0 * lh);

  layout->box_plot = (cairo_rectangle_t) { left, top, plot_w, BOX_SHARE * plots_h };
  layout->bars = (cairo_rectangle_t) {
    left, top + BOX_SHARE * plots_h + 2.0 * lh, plot_w, (1.0 - BOX_SHARE) * plots_h
  };
  layout->band_width = n_periods > 0 ? plot_w / n_periods : plot_w;
  layout->box_width = MIN (BOX_MAX_W, 0.38 * layout->band_width);
  layout->bar_width = MIN (BAR_MAX_W, 0.62 * layout->band_width);
}

/**
 * hub_size_chart_param_to_y:
 * @layout: a layout
 * @parameters: a parameter count
 *
 * Returns: its vertical position on the log axis (1M at the bottom, 2T at
 *   the top), clamped to the axis; NaN or a count ≤ 0 sits at the bottom.
 */
double
hub_size_chart_param_to_y (const HubSizeChartLayout *layout,
                           double                    parameters)
{
  double lo = log10 (HUB_SIZE_CHART_AXIS_MIN);
  double hi = log10 (HUB_SIZE_CHART_AXIS_MAX);
  double v;

  g_return_val_if_fail (layout != NULL, 0.0);

  v = isfinite (parameters) && parameters > 0 ? log10 (parameters) : lo;
  v = CLAMP (v, lo, hi);
  return layout->box_plot.y + layout->box_plot.height * (1.0 - (v - lo) / (hi - lo));
}

/**
 * hub_size_chart_period_x:
 * @layout: a layout
 * @index: a period
 *
 * Returns: the centre of its column.
 */
double
hub_size_chart_period_x (const HubSizeChartLayout *layout,
                         guint                     index)
{
  g_return_val_if_fail (layout != NULL, 0.0);

  return layout->box_plot.x + (index + 0.5) * layout->band_width;
}

/**
 * hub_size_chart_share_to_y:
 * @layout: a layout
 * @share: a cumulative share, 0 .. 1 (clamped)
 *
 * Returns: its vertical position on the bars (0 at the bottom).
 */
double
hub_size_chart_share_to_y (const HubSizeChartLayout *layout,
                           double                    share)
{
  g_return_val_if_fail (layout != NULL, 0.0);

  share = isfinite (share) ? CLAMP (share, 0.0, 1.0) : 0.0;
  return layout->bars.y + layout->bars.height * (1.0 - share);
}

/**
 * hub_size_chart_has_data:
 * @result: (nullable): a result
 *
 * Returns: %TRUE when a period has a sized model of positive weight.
 */
gboolean
hub_size_chart_has_data (const HubSizeResult *result)
{
  if (result == NULL)
    return FALSE;
  for (guint i = 0; i < result->n_periods; i++)
    if (result->periods[i].n > 0 && result->periods[i].weight > 0)
      return TRUE;
  return FALSE;
}

/**
 * hub_size_chart_default_title:
 * @result: a result
 *
 * Returns: (transfer full): e.g. "Parameters of the models downloaded each
 *   year, weighted by downloads".
 */
char *
hub_size_chart_default_title (const HubSizeResult *result)
{
  gboolean quarter, created, count;

  g_return_val_if_fail (result != NULL, NULL);

  quarter = result->period_kind == HUB_SIZE_PERIOD_QUARTER;
  created = result->cohort == HUB_SIZE_COHORT_CREATED;
  count = result->weight == HUB_SIZE_WEIGHT_COUNT;

  /* Whole sentences, so that translators see them whole. */
  if (created)
    {
      if (quarter)
        return g_strdup (count ? _("Parameters of the models created each quarter, one vote per model")
                               : _("Parameters of the models created each quarter, weighted by downloads"));
      return g_strdup (count ? _("Parameters of the models created each year, one vote per model")
                             : _("Parameters of the models created each year, weighted by downloads"));
    }
  if (quarter)
    return g_strdup (count ? _("Parameters of the models downloaded each quarter, one vote per model")
                           : _("Parameters of the models downloaded each quarter, weighted by downloads"));
  return g_strdup (count ? _("Parameters of the models downloaded each year, one vote per model")
                         : _("Parameters of the models downloaded each year, weighted by downloads"));
}

/**
 * hub_size_chart_describe_coverage:
 * @result: a result
 *
 * Returns: (transfer full): how many models, and what share of the weight,
 *   have a size, by source.
 */
char *
hub_size_chart_describe_coverage (const HubSizeResult *result)
{
  const HubSizeCoverage *c;
  g_autofree char *sized = NULL;
  g_autofree char *total = NULL;
  g_autofree char *reported = NULL;
  g_autofree char *base = NULL;
  g_autofree char *estimated = NULL;
  g_autofree char *coverage = NULL;
  const char *population;
  guint n_total, n_sized;
  double share;

  g_return_val_if_fail (result != NULL, NULL);

  c = &result->coverage;
  n_total = hub_size_coverage_n_total (c);
  n_sized = hub_size_coverage_n_sized (c, result->include_estimated);
  share = hub_size_coverage_weight_share (c, result->include_estimated);
  sized = hub_format_count (n_sized);
  total = hub_format_count (n_total);
  reported = hub_format_count (c->n_models[HUB_SIZE_SOURCE_REPORTED]);
  base = hub_format_count (c->n_models[HUB_SIZE_SOURCE_BASE_MODEL]);
  estimated = hub_format_count (c->n_models[HUB_SIZE_SOURCE_ESTIMATED]);

  /* Which models the total counts: a model the data holds without a
   * creation date (seen only in a top list or a crawl) has no year, which
   * is why this total is not the Trending list's (issue 19). */
  population = result->cohort == HUB_SIZE_COHORT_CREATED
               ? _("Counted: the models with a creation date in these periods; a model seen only in a top list "
                   "or a crawl has none.")
               : _("Counted: the models with downloads observed in these periods.");
  if (result->weight == HUB_SIZE_WEIGHT_COUNT)
    coverage = g_strdup_printf (_("Coverage: %s of %s models (%.0f%%) have a parameter count: %s reported by the "
                                  "Hub, %s taken from the base model (packed quantizations), %s estimated from "
                                  "storage%s."),
                                sized, total, n_total > 0 ? 100.0 * n_sized / n_total : 0.0,
                                reported, base, estimated,
                                result->include_estimated ? "" : _(" (not used)"));
  else
    coverage = g_strdup_printf (_("Coverage: %s of %s models (%.0f%%, holding %.0f%% of the downloads) have a parameter "
                                "count: %s reported by the Hub, %s taken from the base model (packed quantizations), "
                                "%s estimated from storage%s."),
                              sized, total, n_total > 0 ? 100.0 * n_sized / n_total : 0.0,
                              isnan (share) ? 0.0 : 100.0 * share,
                              reported, base, estimated,
                              result->include_estimated ? "" : _(" (not used)"));
  return g_strconcat (coverage, " ", population, NULL);
}

/* ---- Drawing ------------------------------------------------------------- */

static HubChartColor
with_alpha (const HubChartColor *color,
            float                alpha)
{
  HubChartColor out = *color;

  out.alpha *= alpha;
  return out;
}

static char *
params_label (double parameters)
{
  return isfinite (parameters) ? hub_format_params ((gint64) llround (parameters)) : g_strdup ("–");
}

/* The key at the top: what the box, the whiskers, the line and the
 * diamond mean, drawn with the marks themselves, on as many rows as
 * the width needs (placed by hub_size_chart_get_layout()). */
static void
draw_key (cairo_t                  *cr,
          const HubChartStyle      *style,
          const HubSizeChartLayout *layout)
{
  double lh = line_height (style);
  HubChartColor box_fill = with_alpha (&style->accent, style->dark ? 0.45f : 0.3f);
  const HubSizeChartEntryPos *key = layout->key;

  for (guint i = 0; i < N_KEY_ITEMS; i++)
    {
      double x = MARGIN + key[i].x;
      double y = MARGIN + MIN (key[i].row, layout->key_rows - 1) * lh;
      double mid = y + lh / 2.0;
      double label_w = key[i].width - key_mark_width (i);

      if (label_w < 8)
        continue;
      cairo_save (cr);
      switch (i)
        {
        case 0:
          /* Box with whiskers, lying down. */
          cairo_set_line_width (cr, 1.0);
          hub_chart_set_source (cr, &style->muted, 1.0);
          cairo_move_to (cr, x, mid);
          cairo_line_to (cr, x + 30, mid);
          cairo_stroke (cr);
          cairo_rectangle (cr, x + 8, mid - 4, 14, 8);
          hub_chart_set_source (cr, &box_fill, 1.0);
          cairo_fill_preserve (cr);
          hub_chart_set_source (cr, &style->accent, 1.0);
          cairo_stroke (cr);
          break;
        case 1:
          cairo_set_line_width (cr, 2.5);
          hub_chart_set_source (cr, &style->foreground, 1.0);
          cairo_move_to (cr, x, mid);
          cairo_line_to (cr, x + 16, mid);
          cairo_stroke (cr);
          break;
        default:
          cairo_move_to (cr, x + MEAN_RADIUS, mid - MEAN_RADIUS);
          cairo_line_to (cr, x + 2 * MEAN_RADIUS, mid);
          cairo_line_to (cr, x + MEAN_RADIUS, mid + MEAN_RADIUS);
          cairo_line_to (cr, x, mid);
          cairo_close_path (cr);
          hub_chart_set_source (cr, hub_chart_style_get_series_color (style, 1), 1.0);
          cairo_fill (cr);
          break;
        }
      cairo_restore (cr);
      text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, key_label (i),
            x + key_mark_width (i), y, 0.0, label_w);
    }
}

static void
draw_param_axis (cairo_t                  *cr,
                 const HubChartStyle      *style,
                 const HubSizeChartLayout *layout)
{
  const cairo_rectangle_t *r = &layout->box_plot;
  double lh = line_height (style);
  double ticks[16];
  guint n = hub_ticks_decades (HUB_SIZE_CHART_AXIS_MIN, HUB_SIZE_CHART_AXIS_MAX,
                                        ticks, G_N_ELEMENTS (ticks));

  n = MIN (n, G_N_ELEMENTS (ticks));

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  /* Faint lines at 2× and 5× of every decade, so positions between the
   * labelled decades can be read. */
  for (guint i = 0; i < n; i++)
    for (guint m = 0; m < 2; m++)
      {
        double v = ticks[i] * (m == 0 ? 2.0 : 5.0);
        double y;

        if (v > HUB_SIZE_CHART_AXIS_MAX)
          continue;
        y = round (hub_size_chart_param_to_y (layout, v)) + 0.5;
        hub_chart_set_source (cr, &style->grid, 1.0);
        cairo_set_dash (cr, (double[]) { 2.0, 3.0 }, 2, 0);
        cairo_move_to (cr, r->x, y);
        cairo_line_to (cr, r->x + r->width, y);
        cairo_stroke (cr);
      }
  cairo_set_dash (cr, NULL, 0, 0);

  for (guint i = 0; i < n; i++)
    {
      double y = round (hub_size_chart_param_to_y (layout, ticks[i])) + 0.5;
      g_autofree char *label = hub_format_params ((gint64) llround (ticks[i]));

      hub_chart_set_source (cr, &style->grid, 1.0);
      cairo_move_to (cr, r->x, y);
      cairo_line_to (cr, r->x + r->width, y);
      cairo_stroke (cr);
      text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, label, r->x - 6, y - lh / 2.0, 1.0, 0);
    }

  /* The bottom of the axis (1M) is also its floor: a firmer line. */
  hub_chart_set_source (cr, &style->muted, 1.0);
  cairo_move_to (cr, r->x, round (r->y + r->height) + 0.5);
  cairo_line_to (cr, r->x + r->width, round (r->y + r->height) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);

  text (cr, style, HUB_CHART_TEXT_LABEL, &style->muted, _("Parameters (log scale)"), MARGIN, r->y - 1.5 * lh, 0.0, 0);
}

static void
draw_diamond (cairo_t *cr,
              double   x,
              double   y,
              double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

/* The violin's half width at its widest: the column's room beside the
 * box's numbers. */
static double
violin_half_width (const HubSizeChartLayout *layout)
{
  return MIN (0.3 * layout->band_width, 60.0);
}

/* The period's density of log10(parameters) as a shape mirrored about the
 * column's centre, its widest point @vhalf px from it (the distribution's
 * shape that the box's five numbers leave out: two modes, a long tail). */
static void
draw_violin (cairo_t                  *cr,
             const HubChartStyle      *style,
             const HubSizeChartLayout *layout,
             const HubSizePeriod      *p,
             double                    cx,
             double                    vhalf)
{
  HubChartColor fill = with_alpha (&style->accent, style->dark ? 0.25f : 0.15f);
  double peak = 0;
  int first = -1, last = -1;

  for (guint b = 0; b < HUB_SIZE_DENSITY_BINS; b++)
    {
      double params = pow (10, HUB_SIZE_DENSITY_CENTER (b));

      if (params < HUB_SIZE_CHART_AXIS_MIN || params > HUB_SIZE_CHART_AXIS_MAX || p->density[b] <= 0)
        continue;
      peak = MAX (peak, p->density[b]);
      if (first < 0)
        first = b;
      last = b;
    }
  if (peak <= 0)
    return;
  /* Up the right side from the smallest size, down the left side. */
  cairo_new_path (cr);
  for (int b = first; b <= last; b++)
    cairo_line_to (cr, cx + vhalf * p->density[b] / peak,
                   hub_size_chart_param_to_y (layout, pow (10, HUB_SIZE_DENSITY_CENTER (b))));
  for (int b = last; b >= first; b--)
    cairo_line_to (cr, cx - vhalf * p->density[b] / peak,
                   hub_size_chart_param_to_y (layout, pow (10, HUB_SIZE_DENSITY_CENTER (b))));
  cairo_close_path (cr);
  hub_chart_set_source (cr, &fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  hub_chart_set_source (cr, &style->accent, 0.8);
  cairo_stroke (cr);
}

static void
draw_box (cairo_t                  *cr,
          const HubChartStyle      *style,
          const HubSizeChartLayout *layout,
          const HubSizePeriod      *p,
          guint                     index,
          gboolean                  violin)
{
  double cx = round (hub_size_chart_period_x (layout, index));
  /* In a violin the box is narrow, inside it. */
  double half = violin ? MIN (layout->box_width / 2.0, MAX (3.0, violin_half_width (layout) / 4.0))
                       : layout->box_width / 2.0;
  /* Where the numbers start: right of the box, or of the violin. */
  double extent = violin ? MAX (half, violin_half_width (layout)) : half;
  double y10 = hub_size_chart_param_to_y (layout, p->quantiles[0]);
  double y25 = hub_size_chart_param_to_y (layout, p->quantiles[1]);
  double y50 = hub_size_chart_param_to_y (layout, p->quantiles[2]);
  double y75 = hub_size_chart_param_to_y (layout, p->quantiles[3]);
  double y90 = hub_size_chart_param_to_y (layout, p->quantiles[4]);
  double ymean = hub_size_chart_param_to_y (layout, p->mean);
  HubChartColor box_fill = with_alpha (&style->accent, style->dark ? 0.45f : 0.3f);
  double lh = line_height (style);
  gboolean few = p->n < HUB_SIZE_CHART_FEW_MODELS;

  cairo_save (cr);
  if (few)
    cairo_push_group (cr);

  if (violin)
    draw_violin (cr, style, layout, p, cx, violin_half_width (layout));

  /* Whiskers with caps. */
  cairo_set_line_width (cr, 1.0);
  hub_chart_set_source (cr, &style->muted, 1.0);
  cairo_move_to (cr, cx + 0.5, y90);
  cairo_line_to (cr, cx + 0.5, y75);
  cairo_move_to (cr, cx + 0.5, y25);
  cairo_line_to (cr, cx + 0.5, y10);
  cairo_move_to (cr, cx - half / 2, round (y90) + 0.5);
  cairo_line_to (cr, cx + half / 2, round (y90) + 0.5);
  cairo_move_to (cr, cx - half / 2, round (y10) + 0.5);
  cairo_line_to (cr, cx + half / 2, round (y10) + 0.5);
  cairo_stroke (cr);

  /* The box; at least 2 px high so that a degenerate one still shows. */
  if (y25 - y75 < 2.0)
    {
      y75 -= 1.0;
      y25 += 1.0;
    }
  cairo_rectangle (cr, cx - half, y75, 2 * half, y25 - y75);
  hub_chart_set_source (cr, &box_fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  hub_chart_set_source (cr, &style->accent, 1.0);
  cairo_stroke (cr);

  /* Median: a thick line across the box, a little wider than it. */
  cairo_set_line_width (cr, 3.0);
  hub_chart_set_source (cr, &style->foreground, 1.0);
  cairo_move_to (cr, cx - half - 3, y50);
  cairo_line_to (cr, cx + half + 3, y50);
  cairo_stroke (cr);

  /* Mean: a diamond with a halo, so it reads on the median line too. */
  if (isfinite (p->mean))
    {
      draw_diamond (cr, cx, ymean, MEAN_RADIUS + 1.5);
      cairo_set_source_rgba (cr, style->dark ? 0 : 1, style->dark ? 0 : 1, style->dark ? 0 : 1, 0.9);
      cairo_fill (cr);
      draw_diamond (cr, cx, ymean, MEAN_RADIUS);
      hub_chart_set_source (cr, hub_chart_style_get_series_color (style, 1), 1.0);
      cairo_fill (cr);
    }
  if (few)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, 0.35);
    }
  cairo_restore (cr);

  /* Median and mean side by side as numbers, right of the box, when the
   * column has room; the labels are pushed apart when they would touch. */
  if (layout->band_width / 2.0 - extent >= 64.0)
    {
      g_autofree char *median = params_label (p->quantiles[2]);
      g_autofree char *mean = params_label (p->mean);
      double ty_med = y50 - lh / 2.0;
      double ty_mean = ymean - lh / 2.0;
      double x = cx + extent + 8;

      if (fabs (ty_med - ty_mean) < lh)
        {
          double mid = (ty_med + ty_mean) / 2.0;

          if (ty_mean <= ty_med)
            {
              ty_mean = mid - lh / 2.0;
              ty_med = mid + lh / 2.0;
            }
          else
            {
              ty_med = mid - lh / 2.0;
              ty_mean = mid + lh / 2.0;
            }
        }
      text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, median, x, ty_med, 0.0, 0);
      if (isfinite (p->mean))
        text (cr, style, HUB_CHART_TEXT_LABEL, hub_chart_style_get_series_color (style, 1), mean, x, ty_mean, 0.0, 0);
    }
}

static void
draw_bars (cairo_t                  *cr,
           const HubChartStyle      *style,
           const HubSizeChartLayout *layout,
           const HubSizeResult      *result)
{
  const cairo_rectangle_t *r = &layout->bars;
  double lh = line_height (style);
  double small_lh = line_height (style);

  text (cr, style, HUB_CHART_TEXT_LABEL, &style->muted, result->weight == HUB_SIZE_WEIGHT_COUNT
                       ? _("Share of models by size") : _("Share of downloads by size"), MARGIN, r->y - 1.35 * lh, 0.0, 0);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i <= 4; i++)
    {
      double y = round (hub_size_chart_share_to_y (layout, i / 4.0)) + 0.5;

      hub_chart_set_source (cr, i == 0 ? &style->muted : &style->grid, 1.0);
      cairo_move_to (cr, r->x, y);
      cairo_line_to (cr, r->x + r->width, y);
      cairo_stroke (cr);
      if (i % 2 == 0)
        {
          g_autofree char *label = hub_ticks_format_percent (i * 0.25, 0);

          text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, label, r->x - 6, y - lh / 2.0, 1.0, 0);
        }
    }
  cairo_restore (cr);

  for (guint i = 0; i < result->n_periods; i++)
    {
      const HubSizePeriod *p = &result->periods[i];
      double cx = hub_size_chart_period_x (layout, i);
      double x0 = round (cx - layout->bar_width / 2.0);
      double x1 = round (cx + layout->bar_width / 2.0);
      double cum = 0.0;

      if (p->n == 0 || !(p->weight > 0))
        continue;

      for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
        {
          double share = p->bucket_shares[b];
          double yb = hub_size_chart_share_to_y (layout, cum);
          double yt = hub_size_chart_share_to_y (layout, cum + share);

          cum += share;
          if (!(share > 0))
            continue;
          cairo_rectangle (cr, x0, yt, x1 - x0, yb - yt);
          hub_chart_set_source (cr, bucket_color (style, b), 1.0);
          cairo_fill (cr);

          if (yb - yt >= small_lh && x1 - x0 >= 30)
            {
              g_autofree char *label = hub_ticks_format_percent (share, 0);

              text (cr, style, HUB_CHART_TEXT_TICK, luminance (bucket_color (style, b)) > 0.4 ? &black : &white, label, cx, (yt + yb) / 2.0 - small_lh / 2.0, 0.5, 0);
            }
        }
    }
}

static void
draw_period_labels (cairo_t                  *cr,
                    const HubChartStyle      *style,
                    const HubSizeChartLayout *layout,
                    const HubSizeResult      *result)
{
  double lh = line_height (style);
  double max_w = layout->band_width - 4;

  for (guint i = 0; i < result->n_periods; i++)
    {
      const HubSizePeriod *p = &result->periods[i];
      double cx = hub_size_chart_period_x (layout, i);
      g_autofree char *label = p->includes_earlier
                               ? g_strdup_printf (_("%s or earlier"), p->label) : g_strdup (p->label);
      g_autofree char *count = hub_format_count (p->n);
      g_autofree char *few_text = g_strdup_printf (_("n = %s, too few"), count);
      g_autofree char *n_text = g_strdup_printf ("n = %s", count);
      g_autofree char *short_label = NULL;
      g_autofree char *shortest_label = NULL;

      /* A quarter, "2022-Q3", becomes "Q3 ’22", then "Q3", when the column
       * is narrow; "≤" keeps "or earlier" (the createdAt floor's period). */
      if (result->period_kind == HUB_SIZE_PERIOD_QUARTER)
        {
          g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (p->start);
          const char *le = p->includes_earlier ? "≤" : "";

          if (start != NULL)
            {
              int quarter = (g_date_time_get_month (start) - 1) / 3 + 1;

              short_label = g_strdup_printf ("%sQ%d ’%02d", le, quarter, g_date_time_get_year (start) % 100);
              shortest_label = g_strdup_printf ("%sQ%d", le, quarter);
            }
        }
      {
        const char *labels[] = { label, short_label != NULL ? short_label : label,
                                 shortest_label != NULL ? shortest_label : label, NULL };
        const char *counts[] = { p->n < HUB_SIZE_CHART_FEW_MODELS ? few_text : n_text, n_text, count, NULL };

        text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground,
              first_that_fits (cr, style, HUB_CHART_TEXT_LABEL, labels, max_w), cx, layout->labels_y, 0.5, max_w);
        text (cr, style, HUB_CHART_TEXT_TICK, &style->muted,
              first_that_fits (cr, style, HUB_CHART_TEXT_TICK, counts, max_w), cx, layout->labels_y + lh, 0.5, max_w);
      }

      /* Median and mean side by side, in the colours of their marks. */
      if (p->n > 0 && p->weight > 0)
        {
          g_autofree char *median = params_label (p->quantiles[2]);
          g_autofree char *mean = params_label (p->mean);
          double w_med = hub_chart_tick_width (cr, style, median);
          double w_mean = hub_chart_tick_width (cr, style, mean);
          double gap = 10.0;
          double x = cx - (w_med + gap + w_mean) / 2.0;

          if (w_med + gap + w_mean <= max_w)
            {
              text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, median, x, layout->labels_y + 2 * lh, 0.0, 0);
              text (cr, style, HUB_CHART_TEXT_LABEL, hub_chart_style_get_series_color (style, 1), mean, x + w_med + gap, layout->labels_y + 2 * lh, 0.0, 0);
            }
        }
    }
}

static void
draw_bucket_legend (cairo_t                  *cr,
                    const HubChartStyle      *style,
                    const HubSizeChartLayout *layout)
{
  double lh = line_height (style);
  const HubSizeChartEntryPos *legend = layout->legend;

  for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
    {
      double x = layout->bars.x + legend[b].x;
      double y = layout->legend_y + MIN (legend[b].row, layout->legend_rows - 1) * lh;

      if (legend[b].width < 22)
        continue;
      cairo_rectangle (cr, x, y + lh / 2.0 - 5, 10, 10);
      hub_chart_set_source (cr, bucket_color (style, b), 1.0);
      cairo_fill (cr);
      text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, hub_size_bucket_label (b),
            x + 14, y, 0.0, legend[b].width - 14);
    }
}

/**
 * hub_size_chart_render:
 * @cr: where to draw
 * @width: width of the area
 * @height: height of the area
 * @style: colours and font
 * @data: the distributions
 *
 * Draws the size chart (see the header).
 */
void
hub_size_chart_render (cairo_t                *cr,
                       int                     width,
                       int                     height,
                       const HubChartStyle    *style,
                       const HubSizeChartData *data)
{
  const HubSizeResult *result;
  HubSizeChartLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (width <= 0 || height <= 0)
    return;

  result = data->result;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background.alpha > 0)
    {
      hub_chart_set_source (cr, &style->background, 1.0);
      cairo_paint (cr);
    }

  if (!hub_size_chart_has_data (result))
    {
      HubChartRect area = { 0, 0, width, height };

      hub_chart_draw_empty (cr, style, &area, _("No data for these filters"),
                            result != NULL && hub_size_coverage_n_total (&result->coverage) > 0
                            ? _("None of the models in these periods has a parameter count")
                            : NULL);
      cairo_restore (cr);
      return;
    }

  hub_size_chart_get_layout (width, height, style, result->n_periods, &layout);

  draw_key (cr, style, &layout);
  draw_param_axis (cr, style, &layout);
  for (guint i = 0; i < result->n_periods; i++)
    {
      const HubSizePeriod *p = &result->periods[i];

      if (p->n > 0 && p->weight > 0)
        draw_box (cr, style, &layout, p, i, data->violin);
      else
        {
          const char *empty[] = { _("no sized models"), "–", NULL };

          text (cr, style, HUB_CHART_TEXT_TICK, &style->muted,
                first_that_fits (cr, style, HUB_CHART_TEXT_TICK, empty, layout.band_width - 4),
                hub_size_chart_period_x (&layout, i), layout.box_plot.y + layout.box_plot.height / 2.0,
                0.5, layout.band_width - 4);
        }
    }
  draw_bars (cr, style, &layout, result);
  draw_period_labels (cr, style, &layout, result);
  draw_bucket_legend (cr, style, &layout);

  cairo_restore (cr);
}

/**
 * hub_size_chart_draw_func:
 * hub_size_chart_render() as a #HubChartRenderFunc (@data is a
 * #HubSizeChartData), for hub_chart_export().
 */
void
hub_size_chart_draw_func (cairo_t             *cr,
                          int                  width,
                          int                  height,
                          const HubChartStyle *style,
                          gconstpointer        data)
{
  hub_size_chart_render (cr, width, height, style, data);
}
