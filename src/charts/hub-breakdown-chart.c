/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-breakdown-chart.h"
#include "hub-format.h"
#include "hub-ticks.h"

#include <glib/gi18n.h>
#include <math.h>

/* A cell is at least this big; the grid shrinks labels before cells. */
#define MIN_CELL_WIDTH 34.0
#define MIN_CELL_HEIGHT 16.0
#define MAX_CELL_HEIGHT 30.0
/* The totals column and row sit this far from the grid. */
#define TOTAL_GAP 6.0

/* NULL-terminated: also the list of valid names. */
static const char * const mode_names[HUB_N_BREAKDOWN_CHART_MODES + 1] = { "heatmap", "bars", NULL };

const char * const *
hub_breakdown_chart_mode_names (void)
{
  return mode_names;
}

const char *
hub_breakdown_chart_mode_to_string (HubBreakdownChartMode mode)
{
  g_return_val_if_fail (mode < HUB_N_BREAKDOWN_CHART_MODES, NULL);
  return mode_names[mode];
}

gboolean
hub_breakdown_chart_mode_from_string (const char            *str,
                                      HubBreakdownChartMode *out_mode)
{
  for (guint m = 0; str != NULL && m < HUB_N_BREAKDOWN_CHART_MODES; m++)
    if (g_ascii_strcasecmp (str, mode_names[m]) == 0)
      {
        *out_mode = m;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_empty (const HubBreakdownChartData *data)
{
  return data == NULL || data->result == NULL || data->result->total <= 0 ||
         data->result->n_rows == 0 || data->result->n_cols == 0;
}

static gint64
value_at (const HubBreakdownResult *res,
          guint                     r,
          guint                     c)
{
  return res->values[(gsize) r * res->n_cols + c];
}

/* A column's colour: palette order, greys for Other and Unknown. */
static const HubChartColor *
column_color (const HubChartStyle      *style,
              const HubBreakdownResult *res,
              guint                     c)
{
  if ((gint) c == res->col_unknown)
    return &style->unknown;
  if ((gint) c == res->col_other)
    return &style->other;
  return hub_chart_style_get_series_color (style, c);
}

/* The legend (bars mode): a swatch per column. */
static HubChartLegendEntry *
legend_entries (const HubChartStyle      *style,
                const HubBreakdownResult *res,
                GPtrArray                *details)
{
  HubChartLegendEntry *entries = g_new0 (HubChartLegendEntry, res->n_cols);

  for (guint c = 0; c < res->n_cols; c++)
    {
      char *detail = hub_ticks_format_percent (hub_breakdown_result_share (res, res->col_totals[c]), 1);

      g_ptr_array_add (details, detail);
      entries[c].color = column_color (style, res, c);
      entries[c].label = res->col_names[c];
      entries[c].detail = detail;
    }
  return entries;
}

/* Places the legend of bars mode in @area (a column on the right, or rows
 * under the bars), shrinks @area to what is left, and draws it when @cr_draw
 * is given. Layout and drawing both call it, so they agree. */
static void
legend_place (cairo_t                  *cr,
              const HubChartStyle      *style,
              const HubBreakdownResult *res,
              HubChartRect             *area,
              cairo_t                  *cr_draw)
{
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autofree HubChartLegendEntry *entries = legend_entries (style, res, details);
  g_autofree double *lx = g_new (double, res->n_cols);
  g_autofree double *ly = g_new (double, res->n_cols);
  double max_w = 0;

  hub_chart_legend_layout (cr, style, entries, res->n_cols, area, lx, ly, &max_w);
  for (guint c = 0; cr_draw != NULL && c < res->n_cols; c++)
    hub_chart_legend_entry_draw (cr_draw, style, &entries[c], lx[c], ly[c], max_w);
}

void
hub_breakdown_chart_layout (cairo_t                     *cr,
                            int                          width,
                            int                          height,
                            const HubChartStyle         *style,
                            const HubBreakdownChartData *data,
                            HubBreakdownChartLayout     *layout)
{
  const HubBreakdownResult *res = data->result;
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };
  double label_w = 0, header_w = 0, text_h = 0, total_w = 0;
  guint n_rows_drawn, n_cols_drawn;

  memset (layout, 0, sizeof *layout);
  if (is_empty (data))
    return;
  if (data->mode == HUB_BREAKDOWN_CHART_BARS)
    legend_place (cr, style, res, &area, NULL);

  for (guint r = 0; r < res->n_rows; r++)
    {
      double w;

      hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, res->row_names[r], &w, &text_h);
      label_w = MAX (label_w, w);
    }
  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, _("Total"), &total_w, NULL);
  label_w = MIN (MAX (label_w, total_w), area.width * 0.3);
  for (guint c = 0; c < res->n_cols; c++)
    header_w = MAX (header_w, hub_chart_tick_width (cr, style, res->col_names[c]));
  header_w = MAX (header_w, total_w);

  /* Rows and columns plus their totals. */
  n_rows_drawn = res->n_rows + 1;
  n_cols_drawn = data->mode == HUB_BREAKDOWN_CHART_HEATMAP ? res->n_cols + 1 : 1;
  layout->label_width = label_w;
  layout->grid.x = area.x + label_w + HUB_CHART_PAD;
  layout->grid.width = MAX (0, area.x + area.width - layout->grid.x - TOTAL_GAP);

  if (data->mode == HUB_BREAKDOWN_CHART_HEATMAP)
    {
      layout->cell_width = layout->grid.width / n_cols_drawn;
      layout->vertical_headers = header_w + 4 > layout->cell_width;
      layout->header_height = layout->vertical_headers ? MIN (header_w, area.height * 0.3) + 4 : text_h + 4;
    }
  else
    {
      /* The value of the row's total at the bar's end. */
      double value_w = hub_chart_tick_width (cr, style, "100.0%");

      layout->grid.width = MAX (0, layout->grid.width - value_w - HUB_CHART_PAD);
      layout->cell_width = layout->grid.width;
      layout->header_height = 0;
    }
  layout->grid.y = area.y + layout->header_height;
  layout->cell_height = CLAMP ((area.y + area.height - layout->grid.y - TOTAL_GAP) / n_rows_drawn,
                               0, MAX_CELL_HEIGHT);
  layout->grid.height = layout->cell_height * res->n_rows;
}

/* Draws the heat map below a laid-out header. */
static void
draw_heatmap (cairo_t                       *cr,
              const HubChartStyle           *style,
              const HubBreakdownChartData   *data,
              const HubBreakdownChartLayout *l)
{
  const HubBreakdownResult *res = data->result;
  const HubChartColor *base = &style->accent;
  double max_share = 0;
  double total_x = l->grid.x + l->cell_width * res->n_cols + TOTAL_GAP;
  double total_y = l->grid.y + l->cell_height * res->n_rows + TOTAL_GAP;

  for (guint r = 0; r < res->n_rows; r++)
    for (guint c = 0; c < res->n_cols; c++)
      max_share = MAX (max_share, hub_breakdown_result_share (res, value_at (res, r, c)));

  /* Column headers, and the totals' header. */
  for (guint c = 0; c <= res->n_cols; c++)
    {
      const char *label = c < res->n_cols ? res->col_names[c] : _("Total");
      double x = (c < res->n_cols ? l->grid.x + c * l->cell_width : total_x) + l->cell_width / 2;

      if (l->vertical_headers)
        hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, label,
                             x, l->grid.y - 4, 0, 0.5, l->header_height - 4, -G_PI / 2);
      else
        hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->foreground, label,
                             x, l->grid.y - 2, 0.5, 1, l->cell_width - 2, 0);
    }

  for (guint r = 0; r <= res->n_rows; r++)
    {
      gboolean totals_row = r == res->n_rows;
      double y = totals_row ? total_y : l->grid.y + r * l->cell_height;
      const char *label = totals_row ? _("Total") : res->row_names[r];

      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK,
                           totals_row || (gint) r == res->row_unknown ? &style->muted : &style->foreground,
                           label, l->grid.x - HUB_CHART_PAD, y + l->cell_height / 2, 1, 0.5, l->label_width, 0);

      for (guint c = 0; c <= res->n_cols; c++)
        {
          gboolean totals_col = c == res->n_cols;
          gint64 v = totals_row ? (totals_col ? res->total : res->col_totals[c])
                                : (totals_col ? res->row_totals[r] : value_at (res, r, c));
          double share = hub_breakdown_result_share (res, v);
          double x = totals_col ? total_x : l->grid.x + c * l->cell_width;
          gboolean unknown = (!totals_row && (gint) r == res->row_unknown) ||
                             (!totals_col && (gint) c == res->col_unknown);
          double alpha = totals_row || totals_col ? 0.12 : (max_share > 0 ? 0.06 + 0.94 * share / max_share : 0);
          g_autofree char *text = NULL;

          if (v > 0)
            {
              hub_chart_set_source (cr, unknown ? &style->unknown : (totals_row || totals_col ? &style->muted : base),
                                    unknown ? 0.35 + 0.5 * alpha : alpha);
              cairo_rectangle (cr, x + 0.5, y + 0.5, l->cell_width - 1, l->cell_height - 1);
              cairo_fill (cr);
            }
          if (l->cell_width >= MIN_CELL_WIDTH && l->cell_height >= MIN_CELL_HEIGHT - 4)
            {
              HubChartColor ink = alpha > 0.55 && !unknown && !(totals_row || totals_col)
                                  ? (HubChartColor) { 1, 1, 1, 1 } : style->foreground;

              text = v > 0 ? hub_ticks_format_percent (share, share < 0.1 ? 1 : 0) : g_strdup ("·");
              hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, v > 0 ? &ink : &style->muted, text,
                                   x + l->cell_width / 2, y + l->cell_height / 2, 0.5, 0.5, l->cell_width - 2, 0);
            }
          if (!totals_row && !totals_col && (gint) r == data->focus_row && (gint) c == data->focus_col)
            {
              hub_chart_set_source (cr, &style->foreground, 1);
              cairo_set_line_width (cr, 2);
              cairo_rectangle (cr, x + 1, y + 1, l->cell_width - 2, l->cell_height - 2);
              cairo_stroke (cr);
            }
        }
    }
}

/* The part of row @r's bar that column @c takes. Columns that split the
 * row take their share of it. Size thresholds nest: a segment is what a
 * threshold adds to the one before, so that each segment ends where its
 * threshold's cumulative share does. Languages overlap (a model tagged
 * with two counts in both): segments are shares of the row's mentions. */
static gint64
segment_whole (const HubBreakdownResult *res,
               guint                     r)
{
  gint64 mentions = 0;

  if (res->cols_dim != HUB_BREAKDOWN_LANGUAGE)
    return res->row_totals[r];
  for (guint j = 0; j < res->n_cols; j++)
    mentions += value_at (res, r, j);
  return mentions;
}

/* @whole: segment_whole() of row @r */
static double
segment_fraction (const HubBreakdownResult *res,
                  guint                     r,
                  guint                     c,
                  gint64                    whole)
{
  gint64 v = value_at (res, r, c);

  if (whole <= 0)
    return 0;
  if (res->cols_dim == HUB_BREAKDOWN_SIZE_THRESHOLD && (gint) c != res->col_unknown && c > 0)
    v -= value_at (res, r, c - 1);
  return (double) v / whole;
}

static void
draw_bars (cairo_t                       *cr,
           const HubChartStyle           *style,
           const HubBreakdownChartData   *data,
           const HubBreakdownChartLayout *l)
{
  const HubBreakdownResult *res = data->result;
  gint64 max_row = 0;

  for (guint r = 0; r < res->n_rows; r++)
    max_row = MAX (max_row, res->row_totals[r]);

  for (guint r = 0; r < res->n_rows; r++)
    {
      double y = l->grid.y + r * l->cell_height;
      double bar_h = MAX (2, l->cell_height * 0.72);
      double y0 = y + (l->cell_height - bar_h) / 2;
      double full = max_row > 0 ? l->cell_width * res->row_totals[r] / max_row : 0;
      gint64 whole = segment_whole (res, r);
      g_autofree char *share = hub_ticks_format_percent (hub_breakdown_result_share (res, res->row_totals[r]), 1);
      double x = l->grid.x;

      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK,
                           (gint) r == res->row_unknown ? &style->muted : &style->foreground,
                           res->row_names[r], l->grid.x - HUB_CHART_PAD, y + l->cell_height / 2, 1, 0.5,
                           l->label_width, 0);
      for (guint c = 0; c < res->n_cols; c++)
        {
          double w = full * segment_fraction (res, r, c, whole);

          hub_chart_set_source (cr, column_color (style, res, c), 1);
          cairo_rectangle (cr, x, y0, w, bar_h);
          cairo_fill (cr);
          if ((gint) r == data->focus_row && (gint) c == data->focus_col && w > 0)
            {
              hub_chart_set_source (cr, &style->foreground, 1);
              cairo_set_line_width (cr, 2);
              cairo_rectangle (cr, x + 1, y0 + 1, MAX (w - 2, 1), bar_h - 2);
              cairo_stroke (cr);
            }
          x += w;
        }
      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->muted, share,
                           l->grid.x + full + 4, y + l->cell_height / 2, 0, 0.5, 0, 0);
    }
}

void
hub_breakdown_chart_draw_func (cairo_t             *cr,
                               int                  width,
                               int                  height,
                               const HubChartStyle *style,
                               gconstpointer        user_data)
{
  const HubBreakdownChartData *data = user_data;
  HubBreakdownChartLayout layout;
  HubChartRect area = { HUB_CHART_PAD, HUB_CHART_PAD, width - 2 * HUB_CHART_PAD, height - 2 * HUB_CHART_PAD };

  g_return_if_fail (cr != NULL && style != NULL);

  if (width <= 2 * HUB_CHART_PAD || height <= 2 * HUB_CHART_PAD)
    return;
  if (is_empty (data))
    {
      hub_chart_draw_empty (cr, style, &area, _("No data for these filters"),
                            _("The selected developers have no downloads under this query."));
      return;
    }

  cairo_save (cr);
  hub_breakdown_chart_layout (cr, width, height, style, data, &layout);
  if (data->mode == HUB_BREAKDOWN_CHART_BARS)
    {
      legend_place (cr, style, data->result, &area, cr);
      draw_bars (cr, style, data, &layout);
    }
  else
    draw_heatmap (cr, style, data, &layout);
  cairo_restore (cr);
}

gboolean
hub_breakdown_chart_hit (const HubBreakdownChartLayout *layout,
                         const HubBreakdownChartData   *data,
                         double                         x,
                         double                         y,
                         gint                          *out_row,
                         gint                          *out_col)
{
  const HubBreakdownResult *res = data->result;
  guint r, c;

  if (is_empty (data) || layout->cell_height <= 0 || layout->cell_width <= 0 ||
      x < layout->grid.x || y < layout->grid.y)
    return FALSE;
  r = (guint) ((y - layout->grid.y) / layout->cell_height);
  if (r >= res->n_rows)
    return FALSE;
  if (data->mode == HUB_BREAKDOWN_CHART_HEATMAP)
    {
      c = (guint) ((x - layout->grid.x) / layout->cell_width);
      if (c >= res->n_cols)
        return FALSE;
    }
  else
    {
      /* The largest column of the row (bars have no column places). */
      c = 0;
      for (guint j = 1; j < res->n_cols; j++)
        if (value_at (res, r, j) > value_at (res, r, c))
          c = j;
    }
  *out_row = r;
  *out_col = c;
  return TRUE;
}

char *
hub_breakdown_chart_title (const HubBreakdownResult *result)
{
  guint n = g_strv_length (result->developers);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Downloads of the largest developer by %s and %s",
                                       "Downloads of the %u largest developers by %s and %s", n),
                          n, hub_breakdown_dim_label (result->rows_dim), hub_breakdown_dim_label (result->cols_dim));
}

char *
hub_breakdown_chart_readout (const HubBreakdownResult *result,
                             guint                     row,
                             guint                     col)
{
  gint64 v;
  g_autofree char *count = NULL;
  g_autofree char *share = NULL;
  g_autofree char *of_row = NULL;

  g_return_val_if_fail (row < result->n_rows && col < result->n_cols, NULL);
  v = value_at (result, row, col);
  count = hub_format_count (v);
  share = hub_ticks_format_percent (hub_breakdown_result_share (result, v), 1);
  of_row = hub_ticks_format_percent (result->row_totals[row] > 0 ? (double) v / result->row_totals[row] : 0, 1);
  return g_strdup_printf (_("%s, %s: %s downloads, %s of the set, %s of %s"),
                          result->row_names[row], result->col_names[col], count, share, of_row,
                          result->row_names[row]);
}

char *
hub_breakdown_chart_caption (const HubBreakdownResult *result)
{
  guint n = g_strv_length (result->developers);
  g_autofree char *held = g_strdup_printf ("%.1f", result->all_total > 0 ? 100.0 * result->total / result->all_total : 0.0);
  g_autofree char *rows = g_strdup_printf ("%.1f", 100.0 * result->row_coverage);
  g_autofree char *cols = g_strdup_printf ("%.1f", 100.0 * result->col_coverage);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u developer holding %s %% of the downloads under the query (series %s); "
                                       "its %s is known for %s %%, its %s for %s %% of them.",
                                       "%u developers holding %s %% of the downloads under the query (series %s); "
                                       "their %s is known for %s %%, their %s for %s %% of them.", n),
                          n, held, result->series != NULL ? result->series : "-",
                          hub_breakdown_dim_label (result->rows_dim), rows,
                          hub_breakdown_dim_label (result->cols_dim), cols);
}

char *
hub_breakdown_chart_describe (const HubBreakdownResult *result)
{
  GString *s = g_string_new (NULL);
  g_autofree char *title = hub_breakdown_chart_title (result);

  g_string_append_printf (s, "%s.", title);
  for (guint r = 0; r < MIN (result->n_rows, 10); r++)
    {
      g_autofree char *share = hub_ticks_format_percent (hub_breakdown_result_share (result, result->row_totals[r]), 1);
      guint best = 0;

      for (guint c = 1; c < result->n_cols; c++)
        if (value_at (result, r, c) > value_at (result, r, best))
          best = c;
      g_string_append_printf (s, _(" %s %s, most in %s;"), result->row_names[r], share,
                              result->col_names[best]);
    }
  if (result->n_rows > 10)
    g_string_append_printf (s, _(" and %u more rows."), result->n_rows - 10);
  return g_string_free (s, FALSE);
}
