/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-stacked-area.h"
#include "hub-types.h"
#include "hub-chart-frame.h"
#include "hub-concentration-chart.h"
#include "hub-ticks.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* How far a series that is not highlighted fades toward the paper. */
#define FADE 0.65

void
hub_stacked_area_order (const HubShareResult *result,
                        guint                *out_order)
{
  guint k = 0;

  g_return_if_fail (result != NULL);
  g_return_if_fail (out_order != NULL);

  for (guint c = 0; c < result->n_columns; c++)
    if (result->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY)
      out_order[k++] = c;
  for (guint c = 0; c < result->n_columns; c++)
    if (result->column_kind[c] == HUB_SHARE_COLUMN_UNKNOWN)
      out_order[k++] = c;
  for (guint c = 0; c < result->n_columns; c++)
    if (result->column_kind[c] == HUB_SHARE_COLUMN_OTHER)
      out_order[k++] = c;
  g_assert (k == result->n_columns);
}

void
hub_stacked_area_stack (const HubShareResult *result,
                        const guint          *order,
                        guint                 n_order,
                        HubStackedAreaMode    mode,
                        double               *out_bounds)
{
  guint np;

  g_return_if_fail (result != NULL);
  g_return_if_fail (n_order == 0 || order != NULL);
  g_return_if_fail (out_bounds != NULL);

  np = result->n_periods;
  for (guint p = 0; p < np; p++)
    {
      double total = (double) result->totals[p];
      double acc = 0;

      out_bounds[p] = 0;
      for (guint b = 0; b < n_order; b++)
        {
          double v = (double) result->values[(gsize) p * result->n_columns + order[b]];

          acc += MAX (v, 0);
          out_bounds[(gsize) (b + 1) * np + p] =
            mode == HUB_STACKED_AREA_PERCENT ? (total > 0 ? acc / total : 0) : acc;
        }
    }
}

double
hub_stacked_area_range_share (const HubShareResult *result,
                              guint                 column)
{
  double all = 0;

  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (column < result->n_columns, 0);

  for (guint p = 0; p < result->n_periods; p++)
    all += (double) result->totals[p];
  return all > 0 ? (double) result->column_totals[column] / all : 0;
}

gboolean
hub_stacked_area_is_empty (const HubShareResult *result)
{
  if (result == NULL || result->n_periods == 0 || result->n_columns == 0)
    return TRUE;
  for (guint p = 0; p < result->n_periods; p++)
    if (result->totals[p] > 0)
      return FALSE;
  return TRUE;
}

HubChartColor
hub_stacked_area_column_color (const HubStackedAreaData *data,
                               const HubChartStyle      *style,
                               guint                     column)
{
  const HubShareResult *result = data->result;
  HubChartColor color;

  switch (result->column_kind[column])
    {
    case HUB_SHARE_COLUMN_OTHER:
      color = style->other;
      break;
    case HUB_SHARE_COLUMN_UNKNOWN:
      color = style->unknown;
      break;
    case HUB_SHARE_COLUMN_CATEGORY:
    default:
      {
        guint rank = 0;

        for (guint c = 0; c < column; c++)
          rank += result->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY;
        /* Side by side charts give a category one colour in all of them:
         * its place among @palette_labels, else the places after them. */
        if (data->palette_labels != NULL)
          {
            guint n = g_strv_length ((char **) data->palette_labels), at;

            if (result->column_labels != NULL &&
                hub_name_lookup (data->palette_labels, n, result->column_labels[column], &at))
              rank = at;
            else
              rank += n;
          }
        color = *hub_chart_style_get_series_color (style, rank);
      }
      break;
    }
  if (data->highlight >= 0 && (guint) data->highlight != column)
    color = hub_chart_color_mix (&color, &style->paper, FADE);
  return color;
}

static gboolean
has_time_axis (const HubShareResult *result)
{
  if (result->period_starts == NULL || result->n_periods < 2)
    return FALSE;
  for (guint p = 1; p < result->n_periods; p++)
    if (result->period_starts[p] <= result->period_starts[p - 1])
      return FALSE;
  return TRUE;
}

/* Period labels under the plot at evenly spaced positions, for results
 * without period times. */
static void
draw_index_axis (cairo_t              *cr,
                 const HubChartStyle  *style,
                 const HubShareResult *result,
                 const double         *xs,
                 const HubChartRect   *plot,
                 const char           *title)
{
  guint n = result->n_periods;
  g_autofree double *widths = g_new (double, n);
  g_autofree gboolean *visible = g_new (gboolean, n);
  double bottom = plot->y + plot->height, tick_h = 0;

  for (guint p = 0; p < n; p++)
    hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK,
                            result->period_labels != NULL ? result->period_labels[p] : "", &widths[p], &tick_h);
  hub_ticks_hide_overlaps (xs, widths, n, HUB_CHART_PAD, visible);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  hub_chart_set_source (cr, &style->foreground, 0.6);
  cairo_move_to (cr, plot->x, round (bottom) + 0.5);
  cairo_line_to (cr, plot->x + plot->width, round (bottom) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint p = 0; p < n; p++)
    if (visible[p] && result->period_labels != NULL)
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, result->period_labels[p],
                           xs[p], bottom + 6, 0.5, 0.0, 0, 0);
  if (title != NULL)
    hub_chart_draw_text (cr, style, HUB_CHART_TEXT_LABEL, &style->foreground, title,
                         plot->x + plot->width / 2, bottom + 6 + tick_h + HUB_CHART_PAD / 2, 0.5, 0.0, plot->width, 0);
}

/* Everything render draws from, computed once for hit testing too. */
typedef struct {
  const HubShareResult *result;
  HubChartRect          area;
  HubChartRect          plot;
  HubChartValueAxis     vaxis;
  HubChartTimeAxis      taxis;
  gboolean              empty;      /* no data: the empty state */
  gboolean              too_small;
  gboolean              percent, timed, single;
  guint                 n, np;
  guint                *order;
  double               *bounds;     /* data units */
  double               *xs;
  HubChartLegendEntry  *entries;
  HubChartColor        *colors;
  guint                *entry_column;
  double               *lx, *ly;
  double                legend_w;
  char                 *value_title;
  GPtrArray            *strings;
} Geometry;

static void
geometry_clear (Geometry *g)
{
  hub_chart_value_axis_clear (&g->vaxis);
  if (g->taxis.ticks != NULL)
    hub_chart_time_axis_clear (&g->taxis);
  g_free (g->order);
  g_free (g->bounds);
  g_free (g->xs);
  g_free (g->entries);
  g_free (g->colors);
  g_free (g->entry_column);
  g_free (g->lx);
  g_free (g->ly);
  g_free (g->value_title);
  g_clear_pointer (&g->strings, g_ptr_array_unref);
}

static double
bar_width (const Geometry *g)
{
  return MIN (g->plot.width * 0.3, 160);
}

static void
geometry_init (Geometry                 *g,
               cairo_t                  *cr,
               int                       width,
               int                       height,
               const HubChartStyle      *style,
               const HubStackedAreaData *data)
{
  const HubShareResult *result = data->result;
  double ymax = 0, title_h, label_w;
  guint n, np;

  memset (g, 0, sizeof *g);
  g->area = (HubChartRect) { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  g->result = result;
  if (hub_stacked_area_is_empty (result))
    {
      g->empty = TRUE;
      return;
    }

  n = g->n = result->n_columns;
  np = g->np = result->n_periods;
  g->percent = data->mode == HUB_STACKED_AREA_PERCENT;
  g->single = np == 1;
  g->timed = has_time_axis (result);
  g->strings = g_ptr_array_new_with_free_func (g_free);

  g->order = g_new (guint, n);
  hub_stacked_area_order (result, g->order);
  g->bounds = g_new (double, (gsize) (n + 1) * np);
  hub_stacked_area_stack (result, g->order, n, data->mode, g->bounds);
  for (guint p = 0; p < np; p++)
    ymax = MAX (ymax, g->bounds[(gsize) n * np + p]);

  /* The legend, top band first, each with its share of the whole range. */
  g->entries = g_new0 (HubChartLegendEntry, n);
  g->colors = g_new (HubChartColor, n);
  g->entry_column = g_new (guint, n);
  g->lx = g_new0 (double, n);
  g->ly = g_new0 (double, n);
  for (guint i = 0; i < n; i++)
    {
      guint c = g->order[n - 1 - i];
      char *label = hub_share_result_dup_column_name (result, c);
      char *detail = hub_ticks_format_percent (hub_stacked_area_range_share (result, c), 1);

      g_ptr_array_add (g->strings, label);
      g_ptr_array_add (g->strings, detail);
      g->colors[i] = hub_stacked_area_column_color (data, style, c);
      g->entries[i].color = &g->colors[i];
      g->entries[i].label = label;
      g->entries[i].detail = detail;
      g->entries[i].emphasis = data->highlight >= 0 && (guint) data->highlight == c;
      g->entry_column[i] = c;
    }
  g->plot = g->area;
  if (!data->no_legend && !hub_chart_legend_layout (cr, style, g->entries, n, &g->plot, g->lx, g->ly, &g->legend_w))
    {
      /* Rows read best in rank order: largest first, Other last. */
      HubChartLegendEntry *ranked = g_new (HubChartLegendEntry, n);
      guint *columns = g_new (guint, n);
      guint k = 0;

      for (guint i = n; i-- > 0;)
        if (result->column_kind[g->order[n - 1 - i]] == HUB_SHARE_COLUMN_CATEGORY)
          columns[k] = g->entry_column[i], ranked[k++] = g->entries[i];
      for (guint i = 0; i < n; i++)
        if (result->column_kind[g->order[n - 1 - i]] != HUB_SHARE_COLUMN_CATEGORY)
          columns[k] = g->entry_column[i], ranked[k++] = g->entries[i];
      g_free (g->entries);
      g->entries = ranked;
      g_free (g->entry_column);
      g->entry_column = columns;
      g->plot = g->area;
      hub_chart_legend_layout (cr, style, g->entries, n, &g->plot, g->lx, g->ly, &g->legend_w);
    }

  /* Room for the axes. */
  if (g->percent)
    {
      g_autofree char *lower = data->value_label != NULL ? g_utf8_strdown (data->value_label, -1) : NULL;

      /* TRANSLATORS: the value axis in 100% mode, e.g. "Share of 30-day downloads" */
      g->value_title = lower != NULL ? g_strdup_printf (_("Share of %s"), lower) : g_strdup (_("Share"));
    }
  else
    g->value_title = g_strdup (data->value_label != NULL ? data->value_label : _("Downloads"));
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_LABEL, g->value_title, NULL, &title_h);
  hub_chart_value_axis_init (&g->vaxis, cr, style, 0, g->percent ? 1.0 : ymax,
                             g->plot.height, g->percent ? HUB_TICK_FORMAT_PERCENT : HUB_TICK_FORMAT_SI);
  label_w = g->vaxis.label_width;
  g->plot.x += title_h + HUB_CHART_PAD + label_w + HUB_CHART_PAD / 2;
  g->plot.width -= title_h + HUB_CHART_PAD + label_w + HUB_CHART_PAD / 2 + HUB_CHART_PAD;
  g->plot.height -= hub_chart_time_axis_height (cr, style, data->time_label != NULL);
  if (data->align_concentration)
    {
      /* Margins that also fit the concentration chart under it, which
       * then takes this plot's span. */
      double left, right, own_right = width - (g->plot.x + g->plot.width);

      hub_concentration_chart_margins (cr, width, height, style, &left, &right);
      if (left > g->plot.x)
        {
          g->plot.width -= left - g->plot.x;
          g->plot.x = left;
        }
      if (right > own_right)
        g->plot.width -= right - own_right;
    }
  /* Half a tick label of headroom so the top label is not clipped. */
  g->plot.y += HUB_CHART_PAD / 2;
  g->plot.height -= HUB_CHART_PAD / 2;
  if (g->plot.width < 20 || g->plot.height < 20)
    {
      g->too_small = TRUE;
      return;
    }

  g->xs = g_new (double, np);
  if (g->timed)
    {
      hub_chart_time_axis_init (&g->taxis, cr, style, result->period_starts[0], result->period_starts[np - 1],
                                data->time_unit, g->plot.width);
      for (guint p = 0; p < np; p++)
        g->xs[p] = hub_chart_time_axis_map (&g->taxis, &g->plot, (double) result->period_starts[p]);
    }
  else
    for (guint p = 0; p < np; p++)
      g->xs[p] = g->single ? g->plot.x + g->plot.width / 2 : g->plot.x + g->plot.width * p / (np - 1);
}

/**
 * hub_stacked_area_layout_init:
 * @out: (out caller-allocates): the layout
 * @cr: (nullable): a context to measure text with
 *
 * The geometry of the chart hub_stacked_area_render() draws at this size.
 */
void
hub_stacked_area_layout_init (HubStackedAreaLayout     *out,
                              cairo_t                  *cr,
                              int                       width,
                              int                       height,
                              const HubChartStyle      *style,
                              const HubStackedAreaData *data)
{
  Geometry g;
  cairo_t *own = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  memset (out, 0, sizeof *out);
  out->empty = TRUE;
  if (width <= 2 * HUB_CHART_PAD || height <= 2 * HUB_CHART_PAD)
    return;
  if (cr == NULL)
    cr = own = hub_chart_measure_context ();
  geometry_init (&g, cr, width, height, style, data);
  if (!g.empty && !g.too_small)
    {
      guint n = g.n, np = g.np;

      out->empty = FALSE;
      out->plot = g.plot;
      out->n_periods = np;
      out->n_bands = n;
      out->xs = g_memdup2 (g.xs, sizeof (double) * np);
      out->order = g_memdup2 (g.order, sizeof (guint) * n);
      out->band_top = g_new (double, (gsize) n * np);
      out->band_bottom = g_new (double, (gsize) n * np);
      for (guint b = 0; b < n; b++)
        for (guint p = 0; p < np; p++)
          {
            out->band_bottom[(gsize) b * np + p] =
              hub_chart_value_axis_map (&g.vaxis, &g.plot, g.bounds[(gsize) b * np + p]);
            out->band_top[(gsize) b * np + p] =
              hub_chart_value_axis_map (&g.vaxis, &g.plot, g.bounds[(gsize) (b + 1) * np + p]);
          }
      out->bar_width = g.single ? bar_width (&g) : 0;
      out->legend = g_new (HubChartRect, n);
      out->legend_column = g_memdup2 (g.entry_column, sizeof (guint) * n);
      for (guint i = 0; i < n; i++)
        out->legend[i] = (HubChartRect) { g.lx[i], g.ly[i],
                                          MIN (hub_chart_legend_entry_width (cr, style, &g.entries[i]), g.legend_w),
                                          hub_chart_legend_row_height (cr, style) };
    }
  geometry_clear (&g);
  if (own != NULL)
    cairo_destroy (own);
}

void
hub_stacked_area_layout_clear (HubStackedAreaLayout *layout)
{
  g_return_if_fail (layout != NULL);

  g_free (layout->xs);
  g_free (layout->order);
  g_free (layout->band_top);
  g_free (layout->band_bottom);
  g_free (layout->legend);
  g_free (layout->legend_column);
  memset (layout, 0, sizeof *layout);
  layout->empty = TRUE;
}

int
hub_stacked_area_layout_period_at (const HubStackedAreaLayout *layout,
                                   double                      x,
                                   double                      y)
{
  const HubChartRect *plot;
  double margin;
  guint best = 0;

  g_return_val_if_fail (layout != NULL, -1);

  if (layout->empty || layout->n_periods == 0)
    return -1;
  plot = &layout->plot;
  if (y < plot->y || y > plot->y + plot->height || x < plot->x || x > plot->x + plot->width)
    return -1;
  if (layout->n_periods == 1)
    margin = layout->bar_width / 2;
  else
    margin = (layout->xs[layout->n_periods - 1] - layout->xs[0]) / (layout->n_periods - 1) / 2;
  if (x < layout->xs[0] - margin || x > layout->xs[layout->n_periods - 1] + margin)
    return -1;
  for (guint p = 1; p < layout->n_periods; p++)
    if (fabs (layout->xs[p] - x) < fabs (layout->xs[best] - x))
      best = p;
  return best;
}

int
hub_stacked_area_layout_band_at (const HubStackedAreaLayout *layout,
                                 double                      x,
                                 double                      y)
{
  guint np, p = 0;
  double t = 0;

  g_return_val_if_fail (layout != NULL, -1);

  if (layout->empty)
    return -1;
  np = layout->n_periods;
  if (np == 1)
    {
      if (fabs (x - layout->xs[0]) > layout->bar_width / 2)
        return -1;
    }
  else
    {
      if (x < layout->xs[0] || x > layout->xs[np - 1])
        return -1;
      while (p + 2 < np && x > layout->xs[p + 1])
        p++;
      if (layout->xs[p + 1] > layout->xs[p])
        t = (x - layout->xs[p]) / (layout->xs[p + 1] - layout->xs[p]);
    }
  for (guint b = 0; b < layout->n_bands; b++)
    {
      const double *top = &layout->band_top[(gsize) b * np];
      const double *bottom = &layout->band_bottom[(gsize) b * np];
      double y0 = np == 1 ? top[0] : top[p] + t * (top[p + 1] - top[p]);
      double y1 = np == 1 ? bottom[0] : bottom[p] + t * (bottom[p + 1] - bottom[p]);

      if (y >= y0 && y < y1)
        return layout->order[b];
    }
  return -1;
}

int
hub_stacked_area_layout_legend_at (const HubStackedAreaLayout *layout,
                                   double                      x,
                                   double                      y)
{
  g_return_val_if_fail (layout != NULL, -1);

  for (guint i = 0; !layout->empty && i < layout->n_bands; i++)
    {
      const HubChartRect *r = &layout->legend[i];

      if (x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return layout->legend_column[i];
    }
  return -1;
}

/* The outline of band @b: a column for a single period, else the area
 * between its lower and upper edges. */
static void
band_path (cairo_t        *cr,
           const Geometry *g,
           guint           b)
{
  const double *lower = &g->bounds[(gsize) b * g->np];
  const double *upper = &g->bounds[(gsize) (b + 1) * g->np];

  if (g->single)
    {
      double bw = bar_width (g);
      double y0 = hub_chart_value_axis_map (&g->vaxis, &g->plot, lower[0]);
      double y1 = hub_chart_value_axis_map (&g->vaxis, &g->plot, upper[0]);

      cairo_rectangle (cr, g->xs[0] - bw / 2, y1, bw, y0 - y1);
      return;
    }
  for (guint p = 0; p < g->np; p++)
    cairo_line_to (cr, g->xs[p], hub_chart_value_axis_map (&g->vaxis, &g->plot, upper[p]));
  for (guint p = g->np; p-- > 0;)
    cairo_line_to (cr, g->xs[p], hub_chart_value_axis_map (&g->vaxis, &g->plot, lower[p]));
  cairo_close_path (cr);
}

/* The coverage band of band @b (hub_share_result_get_share_bounds()):
 * how far its top edge would rise if every Unknown download of a period
 * were its, shaded above it with a dashed upper edge. Nothing when there
 * is no Unknown band or @b is it. */
static void
draw_coverage (cairo_t             *cr,
               const HubChartStyle *style,
               const Geometry      *g,
               guint                b,
               const HubChartColor *color)
{
  static const double dashed[] = { 4.0, 3.0 };
  const HubShareResult *r = g->result;
  const double *top = &g->bounds[(gsize) (b + 1) * g->np];
  const double *u_lo = NULL, *u_hi = NULL;

  if (r->column_kind[g->order[b]] == HUB_SHARE_COLUMN_UNKNOWN)
    return;
  for (guint i = 0; i < g->n; i++)
    if (r->column_kind[g->order[i]] == HUB_SHARE_COLUMN_UNKNOWN)
      {
        u_lo = &g->bounds[(gsize) i * g->np];
        u_hi = &g->bounds[(gsize) (i + 1) * g->np];
      }
  if (u_lo == NULL)
    return;

  if (g->single)
    {
      double bw = bar_width (g);
      double y0 = hub_chart_value_axis_map (&g->vaxis, &g->plot, top[0]);
      double y1 = hub_chart_value_axis_map (&g->vaxis, &g->plot, top[0] + u_hi[0] - u_lo[0]);

      cairo_rectangle (cr, g->xs[0] - bw / 2, y1, bw, y0 - y1);
    }
  else
    {
      for (guint p = 0; p < g->np; p++)
        cairo_line_to (cr, g->xs[p], hub_chart_value_axis_map (&g->vaxis, &g->plot, top[p] + u_hi[p] - u_lo[p]));
      for (guint p = g->np; p-- > 0;)
        cairo_line_to (cr, g->xs[p], hub_chart_value_axis_map (&g->vaxis, &g->plot, top[p]));
      cairo_close_path (cr);
    }
  hub_chart_set_source (cr, color, 0.45);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0);
  hub_chart_set_source (cr, &style->foreground, 0.8);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Where the series added accounts: a dashed line through the plot and
 * "+N" at its top, so that a jump is not read as a shift of downloads. */
static void
draw_joins (cairo_t             *cr,
            const HubChartStyle *style,
            const Geometry      *g)
{
  const guint *joins = g->result->period_joins;
  static const double dash[] = { 3.0, 3.0 };

  if (joins == NULL || g->single)
    return;
  for (guint p = 1; p < g->np; p++)
    {
      g_autofree char *text = NULL;

      if (joins[p] == 0)
        continue;
      cairo_save (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, 1.0);
      hub_chart_set_source (cr, &style->foreground, 0.45);
      cairo_move_to (cr, round (g->xs[p]) + 0.5, g->plot.y);
      cairo_line_to (cr, round (g->xs[p]) + 0.5, g->plot.y + g->plot.height);
      cairo_stroke (cr);
      cairo_restore (cr);
      /* TRANSLATORS: accounts that joined a series, on the share chart */
      text = g_strdup_printf (_("+%u"), joins[p]);
      /* Right of the line, or left of it where the plot ends. */
      if (g->xs[p] + 3 + hub_chart_tick_width (cr, style, text) <= g->plot.x + g->plot.width)
        hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, text,
                             g->xs[p] + 3, g->plot.y + 2, 0, 0, 0, 0);
      else
        hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, text,
                             g->xs[p] - 3, g->plot.y + 2, 1, 0, 0, 0);
    }
}

void
hub_stacked_area_render (cairo_t                  *cr,
                         int                       width,
                         int                       height,
                         const HubChartStyle      *style,
                         const HubStackedAreaData *data)
{
  Geometry g;
  const HubChartRect *plot = &g.plot;
  guint n, np;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (width <= 2 * HUB_CHART_PAD || height <= 2 * HUB_CHART_PAD)
    return;

  geometry_init (&g, cr, width, height, style, data);
  if (g.empty)
    {
      hub_chart_draw_empty (cr, style, &g.area, _("No data for these filters"),
                            _("No downloads were counted in any period. Try fewer filters or another series."));
      geometry_clear (&g);
      return;
    }
  if (g.too_small)
    {
      hub_chart_draw_empty (cr, style, &g.area, _("Too small to draw"), NULL);
      geometry_clear (&g);
      return;
    }
  n = g.n;
  np = g.np;

  hub_chart_value_axis_draw (&g.vaxis, cr, style, plot, g.value_title, g.area.x);
  if (g.timed)
    hub_chart_time_axis_draw (&g.taxis, cr, style, plot, data->time_label);
  else
    draw_index_axis (cr, style, g.result, g.xs, plot, data->time_label);

  /* The bands. */
  cairo_save (cr);
  cairo_rectangle (cr, plot->x, plot->y - 1, plot->width, plot->height + 1);
  cairo_clip (cr);
  for (guint b = 0; b < n; b++)
    {
      HubChartColor color = hub_stacked_area_column_color (data, style, g.order[b]);

      band_path (cr, &g, b);
      hub_chart_set_source (cr, &color, 1.0);
      cairo_fill (cr);
    }

  /* Hairlines between bands so that neighbours of similar tone separate. */
  cairo_set_line_width (cr, 0.6);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  hub_chart_set_source (cr, &style->paper, 0.8);
  for (guint b = 1; b < n && !g.single; b++)
    {
      const double *line = &g.bounds[(gsize) b * np];

      for (guint p = 0; p < np; p++)
        cairo_line_to (cr, g.xs[p], hub_chart_value_axis_map (&g.vaxis, plot, line[p]));
      cairo_new_sub_path (cr);
    }
  cairo_stroke (cr);

  /* The highlighted band gets an outline and its coverage band. */
  for (guint b = 0; b < n && data->highlight >= 0; b++)
    if (g.order[b] == (guint) data->highlight)
      {
        HubChartColor color = hub_stacked_area_column_color (data, style, g.order[b]);

        band_path (cr, &g, b);
        cairo_set_line_width (cr, 1.5);
        hub_chart_set_source (cr, &style->foreground, 1.0);
        cairo_stroke (cr);
        draw_coverage (cr, style, &g, b, &color);
      }
  cairo_restore (cr);

  draw_joins (cr, style, &g);

  for (guint i = 0; i < n && !data->no_legend; i++)
    hub_chart_legend_entry_draw (cr, style, &g.entries[i], g.lx[i], g.ly[i], g.legend_w);

  geometry_clear (&g);
}

void
hub_stacked_area_draw_func (cairo_t             *cr,
                            int                  width,
                            int                  height,
                            const HubChartStyle *style,
                            gconstpointer        data)
{
  hub_stacked_area_render (cr, width, height, style, data);
}
