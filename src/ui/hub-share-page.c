/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-share-page.h"

#include "hub-analysis.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hub-adaptive-bin.h"
#include "hub-bar-chart.h"
#include "hub-chart-caption.h"
#include "hub-chart-view.h"
#include "hub-concentration-chart.h"
#include "hub-concentration-panel.h"
#include "hub-sensitivity-view.h"
#include "hub-sensitivity-chart.h"
#include "hub-data-export.h"
#include "hub-dataset-boxed.h"
#include "hub-display.h"
#include "hub-export-dialog.h"
#include "hub-page-work.h"
#include "hub-leaderboard.h"
#include "hub-series-dropdown.h"
#include "hub-settings.h"
#include "hub-share-charts.h"
#include "hub-share-query.h"
#include "hub-stacked-area.h"
#include "hub-store.h"
#include "hub-ticks.h"

#define SETTINGS_KEY "share-query"
#define LEADERBOARD_ROWS 10
#define RECENT_DAYS 365

/* The dropdowns' items, in their order in hub-share-page.ui. */
static const HubQueryBy by_items[] = {
  HUB_QUERY_BY_GROUP, HUB_QUERY_BY_AUTHOR, HUB_QUERY_BY_COUNTRY, HUB_QUERY_BY_ORG_TYPE, HUB_QUERY_BY_TASK,
  HUB_QUERY_BY_LIBRARY, HUB_QUERY_BY_MODALITY, HUB_QUERY_BY_RELATION, HUB_QUERY_BY_MODEL,
};
static const HubQueryBy within_items[] = {
  HUB_QUERY_BY_NONE, HUB_QUERY_BY_ORG_TYPE, HUB_QUERY_BY_COUNTRY, HUB_QUERY_BY_GROUP, HUB_QUERY_BY_TASK,
  HUB_QUERY_BY_LIBRARY, HUB_QUERY_BY_MODALITY, HUB_QUERY_BY_RELATION,
};
static const HubQueryAxis axis_items[] = {
  HUB_QUERY_AXIS_SNAPSHOT, HUB_QUERY_AXIS_WEEK, HUB_QUERY_AXIS_MONTH, HUB_QUERY_AXIS_QUARTER,
  HUB_QUERY_AXIS_YEAR, HUB_QUERY_AXIS_COHORT,
};
static const HubQueryMeasure measure_items[] = {
  HUB_QUERY_MEASURE_DOWNLOADS_30D, HUB_QUERY_MEASURE_INTERVAL, HUB_QUERY_MEASURE_LIKES, HUB_QUERY_MEASURE_PERIOD,
};
static const guint top_items[] = { 5, 10, 12, 20, 0 };
static const guint window_items[] = { 0, HUB_QUERY_WINDOW_6M, HUB_QUERY_WINDOW_1Y };
static const HubQueryAttribution attribution_items[] = { HUB_QUERY_ATTRIBUTION_SELF, HUB_QUERY_ATTRIBUTION_ROOT };
static const guint min_downloads_items[] = { 0, 200, 1000 };
static const HubLeaderboardLevel level_items[] = {
  HUB_LEADERBOARD_COUNTRY, HUB_LEADERBOARD_DEVELOPER, HUB_LEADERBOARD_MODEL,
};

/* What the chart views draw: one result shared by the stacked area, the
 * concentration lines and an open export dialog. */
typedef struct {
  HubShareFigure       *figure;
  HubShareCharts        charts;   /* of the figure's result */
  HubQueryAxis          axis;
} ShareChart;

static void
share_chart_clear (gpointer data)
{
  ShareChart *chart = data;

  hub_share_figure_unref (chart->figure);
  hub_share_charts_clear (&chart->charts);
}

static ShareChart *
share_chart_acquire (ShareChart *chart)
{
  return g_atomic_rc_box_acquire (chart);
}

static void
share_chart_release (gpointer chart)
{
  g_atomic_rc_box_release_full (chart, share_chart_clear);
}

static void
draw_area (cairo_t             *cr,
           int                  width,
           int                  height,
           const HubChartStyle *style,
           gconstpointer        data)
{
  const ShareChart *chart = data;

  hub_stacked_area_render (cr, width, height, style, &chart->charts.area);
}

/* The chart of the page: the stacked area, or with a second level the
 * stacked bars (as `hubeco export-chart share --within` draws). */
static void
draw_main (cairo_t             *cr,
           int                  width,
           int                  height,
           const HubChartStyle *style,
           gconstpointer        data)
{
  const ShareChart *chart = data;

  if (chart->charts.bars != NULL)
    hub_bar_chart_render (cr, width, height, style, chart->charts.bars);
  else
    hub_stacked_area_render (cr, width, height, style, &chart->charts.area);
}

static void
draw_concentration (cairo_t             *cr,
                    int                  width,
                    int                  height,
                    const HubChartStyle *style,
                    gconstpointer        data)
{
  const ShareChart *chart = data;

  hub_concentration_chart_render (cr, width, height, style, &chart->charts.concentration);
}

/* Worker --------------------------------------------------------------- */

/* One figure asked of the analysis: the page, and what it asked for. */
typedef struct {
  HubSharePage    *page;
  HubDataset      *dataset;
  HubQuery         query;
  guint            serial;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  hub_query_clear (&data->query);
  hub_dataset_unref (data->dataset);
  g_object_unref (data->page);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComputeData, compute_data_free)

/* Page ------------------------------------------------------------------ */

struct _HubSharePage
{
  AdwBin            parent_instance;

  HubDataset       *dataset;
  char             *db_path;
  GSettings        *settings;
  HubPageWork       work;
  gboolean          restoring;

  ShareChart       *chart;           /* shown, nullable */
  GArray           *leaderboard;
  char             *title;
  char             *caption;
  HubAnalysis      *analysis;        /* on @db_path: every figure comes from it */
  HubObservations  *observations;    /* the shown figure's, for the data export */
  int               cursor;          /* keyboard period, -1 none */
  HubQuery          shown_query;     /* the query of @chart */

  GtkDropDown      *by_dropdown;
  GtkDropDown      *within_dropdown;
  HubChartView     *breakdown_view;
  GtkDropDown      *axis_dropdown;
  GtkDropDown      *measure_dropdown;
  GtkDropDown      *top_dropdown;
  GArray           *top_values;      /* guint per top_dropdown item: top_items, and a
                                      * restored value none of them is (top=8) */
  GtkDropDown      *window_dropdown;
  GtkDropDown      *series_dropdown;
  GtkCheckButton   *panel_check;
  GtkCheckButton   *missing_parent_check;
  GtkCheckButton   *individuals_check;
  GtkCheckButton   *exclude_checks[HUB_N_MODEL_KINDS];   /* by HubModelKind bit */
  GtkCheckButton   *card_order_check;
  GtkDropDown      *min_downloads_dropdown;
  GtkDropDown      *attribution_dropdown;
  GtkToggleButton  *percent_toggle;
  GtkDropDown      *level_dropdown;
  GtkSpinner       *spinner;
  GtkLabel         *about_label;
  HubFilterBar     *filter_bar;
  GtkScrolledWindow *filter_scroller;
  GtkPopover       *more_popover;
  GtkWidget        *more_box;
  GtkStack         *content_stack;
  GtkBox           *chart_box;
  GtkBox           *content_box;
  HubAdaptiveBin   *adaptive_bin;
  GtkBox           *side_box;
  GtkLabel         *title_label;
  HubConcentrationPanel *concentration_panel;
  HubSensitivityView *sensitivity_view;
  GtkToggleButton  *methods_toggle;
  GtkLabel         *period_label;
  AdwStatusPage    *error_page;
  HubChartView     *area_view;
  HubChartView     *concentration_view;
  HubChartView     *bar_view;
  GtkLabel         *caption_label;
};

G_DEFINE_FINAL_TYPE (HubSharePage, hub_share_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_compute (HubSharePage *self);
static void show_figures (HubSharePage *self);

static guint
find_index (const guint *items,
            guint        n,
            guint        value)
{
  for (guint i = 0; i < n; i++)
    if (items[i] == value)
      return i;
  return 0;
}

#define INDEX_OF(items, value) find_index ((const guint *) (items), G_N_ELEMENTS (items), (guint) (value))
#define ITEM_AT(items, dropdown) (items)[MIN (gtk_drop_down_get_selected (dropdown), G_N_ELEMENTS (items) - 1)]

/* A period as people read it: snapshots by their UTC date and time. */
static char *
period_name (const ShareChart *chart,
             guint             period)
{
  const HubShareResult *r = chart->charts.result;

  if (chart->axis == HUB_QUERY_AXIS_SNAPSHOT && r->period_starts != NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (r->period_starts[period]);

      /* Translators: a snapshot's time, see g_date_time_format() */
      if (dt != NULL)
        return g_date_time_format (dt, _("%b %-d, %Y %H:%M UTC"));
    }
  return g_strdup (r->period_labels != NULL ? r->period_labels[period] : "");
}

/* Period, then each category's value and share, largest first; zeros are
 * left out and @bold (the band under the pointer, or the highlighted one)
 * is bold. */
static char *
period_text (HubSharePage *self,
             guint         period,
             int           bold)
{
  const HubShareResult *r;
  g_autoptr(GString) text = NULL;
  guint zeros = 0;

  if (self->chart == NULL || period >= self->chart->charts.result->n_periods)
    return NULL;
  r = self->chart->charts.result;
  text = g_string_new (NULL);
  {
    g_autofree char *name = period_name (self->chart, period);
    g_autofree char *escaped = g_markup_escape_text (name, -1);

    g_string_append_printf (text, "<b>%s</b>", escaped);
  }
  for (guint c = 0; c < r->n_columns; c++)
    {
      g_autofree char *label = hub_share_result_dup_column_name (r, c);
      g_autofree char *escaped = g_markup_escape_text (label, -1);
      g_autofree char *value = hub_display_count (r->values[(gsize) period * r->n_columns + c]);
      g_autofree char *share = hub_display_ratio (hub_share_result_get_share (r, period, c));
      gboolean hl = bold == (int) c;

      if (r->values[(gsize) period * r->n_columns + c] == 0 && !hl)
        {
          zeros++;
          continue;
        }
      g_string_append_printf (text, "\n%s%s: %s (%s)%s", hl ? "<b>" : "", escaped, value, share, hl ? "</b>" : "");
      if (hl)
        {
          double lo, hi;

          /* The highlighted band's coverage band, as the chart shades it. */
          hub_share_result_get_share_bounds (r, period, c, &lo, &hi);
          if (hi > lo)
            {
              g_autofree char *upper = hub_display_ratio (hi);

              g_string_append (text, " ");
              /* Translators: after a category's share, its coverage band: "up to 25.1% if every
               * Unknown download were its" */
              g_string_append_printf (text, _("up to %s if every Unknown download were its"), upper);
            }
        }
    }
  if (zeros > 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: categories without downloads in a period */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u other category: 0", "%u other categories: 0", zeros), zeros);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * hub_share_page_dup_period_text:
 * Returns: (transfer full) (nullable): the markup the chart's tooltip and
 *   the keyboard cursor show for @period (the highlighted band in bold).
 */
char *
hub_share_page_dup_period_text (HubSharePage *self,
                                guint         period)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return period_text (self, period, self->chart != NULL ? self->chart->charts.area.highlight : -1);
}

/* The geometry of the stacked area as the view draws it now. */
static gboolean
area_layout (HubSharePage         *self,
             HubStackedAreaLayout *layout)
{
  HubChartStyle style;

  hub_chart_view_get_style (self->area_view, &style);
  hub_stacked_area_layout_init (layout, NULL, gtk_widget_get_width (GTK_WIDGET (self->area_view)),
                                gtk_widget_get_height (GTK_WIDGET (self->area_view)), &style, &self->chart->charts.area);
  return !layout->empty;
}

static char *
area_hover (HubChartView *view,
            double        x,
            double        y,
            int           width,
            int           height,
            gpointer      user_data)
{
  HubSharePage *self = user_data;
  HubStackedAreaLayout layout;
  int period, column;
  char *text = NULL;

  if (self->chart == NULL || !area_layout (self, &layout))
    return NULL;
  column = hub_stacked_area_layout_band_at (&layout, x, y);
  period = hub_stacked_area_layout_period_at (&layout, x, y);
  if (column >= 0 && period >= 0)
    text = period_text (self, period, column);
  hub_stacked_area_layout_clear (&layout);
  return text;
}

static void
on_area_pressed (HubSharePage *self,
                 double        x,
                 double        y)
{
  HubStackedAreaLayout layout;
  int column;

  if (self->chart == NULL || !area_layout (self, &layout))
    return;
  column = hub_stacked_area_layout_band_at (&layout, x, y);
  if (column < 0)
    column = hub_stacked_area_layout_legend_at (&layout, x, y);
  hub_stacked_area_layout_clear (&layout);
  if (column < 0)
    return;
  hub_share_page_set_highlight (self, self->chart->charts.area.highlight == column ? -1 : column);
}

static void
show_cursor (HubSharePage *self)
{
  g_autofree char *text = NULL;

  if (self->chart != NULL && self->cursor >= 0)
    text = hub_share_page_dup_period_text (self, self->cursor);
  gtk_label_set_markup (self->period_label, text != NULL ? text
                        : _("Hover the chart for a period’s numbers, or focus it and use ←/→. Click a band or a legend entry to highlight it."));
}

static void
on_area_step (HubSharePage *self,
              int           delta)
{
  int n;

  if (self->chart == NULL || (n = self->chart->charts.result->n_periods) == 0)
    return;
  if (delta == G_MININT)
    self->cursor = 0;
  else if (delta == G_MAXINT || self->cursor < 0)
    self->cursor = n - 1;
  else
    self->cursor = CLAMP (self->cursor + delta, 0, n - 1);
  show_cursor (self);
  /* The explorer follows the cursor. */
  show_figures (self);
}

/* Results --------------------------------------------------------------- */

static char *
describe_result (const ShareChart *chart)
{
  const HubShareResult *r = chart->charts.result;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *name = NULL;
  guint last;

  if (hub_stacked_area_is_empty (r))
    return g_strdup (_("No data for these filters."));
  last = r->n_periods - 1;
  /* Translators: the latest period */
  name = period_name (chart, last);
  g_string_append_printf (text, _("In %s:"), name);
  /* The five largest of that period, largest first. */
  {
    g_autofree guint *order = g_new (guint, r->n_columns);
    guint n = MIN (r->n_columns, 5u);

    for (guint c = 0; c < r->n_columns; c++)
      order[c] = c;
    for (guint i = 0; i < n; i++)
      for (guint j = i + 1; j < r->n_columns; j++)
        if (hub_share_result_get_share (r, last, order[j]) > hub_share_result_get_share (r, last, order[i]))
          {
            guint swap = order[i];

            order[i] = order[j];
            order[j] = swap;
          }
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *label = hub_share_result_dup_column_name (r, order[i]);
        g_autofree char *share = hub_display_ratio (hub_share_result_get_share (r, last, order[i]));

        g_string_append_printf (text, " %s %s%s", label, share, i + 1 < n ? "," : ".");
      }
  }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The breakdown's main numbers: each bar's largest segment. */
static char *
describe_breakdown (const HubBarChartData *bars)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint b = 0; b < MIN (bars->n_bars, 5u); b++)
    {
      guint best = 0;
      g_autofree char *share = NULL;

      for (guint s = 1; s < bars->n_segments; s++)
        if (bars->segment_values[(gsize) b * bars->n_segments + s] >
            bars->segment_values[(gsize) b * bars->n_segments + best])
          best = s;
      if (bars->n_segments == 0 || bars->values[b] <= 0)
        continue;
      share = hub_display_ratio ((double) bars->segment_values[(gsize) b * bars->n_segments + best] / bars->values[b]);
      /* Translators: a bar of the breakdown, e.g. "US: mostly company (72%)." */
      g_string_append_printf (text, _("%s: mostly %s (%s). "), bars->labels[b], bars->segment_labels[best], share);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The leaderboard's main numbers: the first five with their shares. */
static char *
describe_leaderboard (GArray *rows)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (rows->len == 0)
    return g_strdup (_("No data for these filters."));
  for (guint i = 0; i < MIN (rows->len, 5u); i++)
    {
      const HubLeaderboardRow *row = &g_array_index (rows, HubLeaderboardRow, i);
      g_autofree char *share = hub_display_ratio (row->share);
      g_autofree char *recent = hub_display_ratio (row->recent_share);

      /* Translators: a leaderboard entry, e.g. "US 35% (recent models 28%)"; entries are joined by ", " */
      g_string_append_printf (text, _("%s %s (recent models %s)"), hub_leaderboard_row_name (row), share, recent);
      g_string_append (text, i + 1 < MIN (rows->len, 5u) ? ", " : ".");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* One chart and its explorer, or with "Compare Methods" the grid of
 * methods. */
static void
show_views (HubSharePage *self)
{
  gboolean methods = gtk_toggle_button_get_active (self->methods_toggle);
  gboolean bars = self->chart != NULL && self->chart->charts.bars != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->sensitivity_view), methods);
  gtk_widget_set_visible (GTK_WIDGET (self->area_view), !methods && !bars);
  gtk_widget_set_visible (GTK_WIDGET (self->breakdown_view), !methods && bars);
  gtk_widget_set_visible (GTK_WIDGET (self->concentration_view), !methods);
  gtk_widget_set_visible (GTK_WIDGET (self->concentration_panel), !methods);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), !methods);
}

/* The concentration explorer: the period of the keyboard cursor when
 * its participants were kept (few categories keep every period's), else
 * the latest. */
static void
show_figures (HubSharePage *self)
{
  const HubShareResult *r = self->chart->charts.result;
  guint period = r->detail_period;
  g_autofree char *name = NULL;

  if (self->cursor >= 0 && hub_share_result_get_participants (r, (guint) self->cursor) != NULL)
    period = (guint) self->cursor;
  name = r->has_detail ? period_name (self->chart, period) : NULL;
  hub_concentration_panel_set_result (self->concentration_panel, r, period, name, share_chart_acquire (self->chart),
                                      share_chart_release);
}

static void
show_leaderboard (HubSharePage *self)
{
  HubBarChartData *bars;

  if (self->leaderboard == NULL)
    return;
  bars = hub_bar_chart_data_new_leaderboard (self->leaderboard, _("Models created in the last 12 months"));
  if (self->chart != NULL)
    hub_bar_chart_data_explain_unknown (bars, ITEM_AT (level_items, self->level_dropdown), self->chart->charts.result);
  hub_chart_view_set_renderer (self->bar_view, hub_bar_chart_draw_func, bars,
                               (GDestroyNotify) hub_bar_chart_data_free);
  {
    g_autofree char *description = describe_leaderboard (self->leaderboard);

    hub_chart_view_set_description (self->bar_view, _("Leaderboard"), description);
  }
}

static void
show_result (HubSharePage *self)
{
  g_autofree char *description = describe_result (self->chart);

  gtk_label_set_text (self->title_label, self->title != NULL ? self->title : "");
  gtk_label_set_text (self->caption_label, self->caption != NULL ? self->caption : "");
  hub_chart_view_set_renderer (self->area_view, draw_area, share_chart_acquire (self->chart), share_chart_release);
  self->chart->charts.concentration.align_height = gtk_widget_get_height (GTK_WIDGET (self->area_view));
  hub_chart_view_set_renderer (self->concentration_view, draw_concentration, share_chart_acquire (self->chart),
                               share_chart_release);
  hub_chart_view_set_description (self->area_view, self->title != NULL ? self->title : _("Share over time"),
                                  description);
  {
    g_autofree char *concentration = hub_concentration_chart_describe (&self->chart->charts.concentration);

    hub_chart_view_set_description (self->concentration_view, _("Concentration over time"), concentration);
  }
  show_views (self);
  if (self->chart->charts.bars != NULL)
    {
      g_autofree char *bars_text = describe_breakdown (self->chart->charts.bars);

      hub_chart_view_set_renderer (self->breakdown_view, draw_main, share_chart_acquire (self->chart),
                                   share_chart_release);
      hub_chart_view_set_description (self->breakdown_view, self->title != NULL ? self->title : _("Breakdown"),
                                      bars_text);
    }
  else
    hub_chart_view_set_renderer (self->breakdown_view, NULL, NULL, NULL);
  show_figures (self);
  show_leaderboard (self);
  self->cursor = -1;
  show_cursor (self);
  gtk_stack_set_visible_child_name (self->content_stack, "content");
}

static void
compute_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ComputeData) data = user_data;
  HubSharePage *self = data->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubShareFigure) figure = NULL;
  ShareChart *chart;

  figure = hub_analysis_share_finish (HUB_ANALYSIS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A newer run was started: this result is stale. */
  if (data->dataset != self->dataset || !hub_page_work_finish (&self->work, data->serial))
    return;

  if (figure == NULL)
    {
      g_autofree char *description = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      g_debug ("Share: %s", error->message);
      return;
    }

  chart = g_atomic_rc_box_new0 (ShareChart);
  chart->figure = hub_share_figure_ref (figure);
  chart->axis = data->query.axis;
  hub_share_charts_init (&chart->charts, figure->result, &data->query,
                         gtk_toggle_button_get_active (self->percent_toggle) ? HUB_STACKED_AREA_PERCENT
                                                                             : HUB_STACKED_AREA_ABSOLUTE);
  chart->charts.concentration.k90 = hub_concentration_panel_get_k90 (self->concentration_panel);
  g_clear_pointer (&self->chart, share_chart_release);
  self->chart = chart;
  hub_query_clear (&self->shown_query);
  hub_query_copy (&self->shown_query, &data->query);
  g_clear_pointer (&self->leaderboard, g_array_unref);
  self->leaderboard = g_array_ref (figure->leaderboard);
  g_free (self->title);
  self->title = hub_chart_title ("share", &data->query, HUB_QUERY_BY_NONE);
  g_free (self->caption);
  self->caption = hub_chart_caption (&data->query, &figure->info);
  g_clear_pointer (&self->observations, hub_observations_unref);
  self->observations = hub_observations_ref (figure->observations);
  show_result (self);
}

/* With Compare Methods shown, the grid of @query (the view skips a query
 * it already answers). */
static void
compute_methods (HubSharePage   *self,
                 const HubQuery *query)
{
  if (gtk_toggle_button_get_active (self->methods_toggle))
    hub_sensitivity_view_set_query (self->sensitivity_view, self->analysis, self->dataset, query);
}

static void
run_compute (HubSharePage *self)
{
  HubShareFigureOptions options = HUB_SHARE_FIGURE_OPTIONS_INIT;
  ComputeData *data;

  if (self->dataset == NULL || self->restoring || self->analysis == NULL)
    return;

  data = g_new0 (ComputeData, 1);
  data->page = g_object_ref (self);
  data->dataset = hub_dataset_ref (self->dataset);
  hub_share_page_get_query (self, &data->query);
  data->serial = hub_page_work_begin (&self->work);

  if (self->settings != NULL)
    {
      g_autofree char *text = hub_query_to_string (&data->query);

      g_settings_set_string (self->settings, SETTINGS_KEY, text);
    }

  /* The analysis answers on the dataset the page shows. */
  hub_analysis_set_dataset (self->analysis, self->dataset);
  compute_methods (self, &data->query);
  options.leaderboard = TRUE;
  options.level = ITEM_AT (level_items, self->level_dropdown);
  options.recent_days = RECENT_DAYS;
  options.leaderboard_rows = LEADERBOARD_ROWS;
  options.info = TRUE;
  /* The concentration explorer: the last period's participants, and the
   * bootstrap when asked. */
  options.extras.detail = TRUE;
  if (hub_concentration_panel_get_intervals (self->concentration_panel))
    {
      options.extras.bootstrap_draws = HUB_SHARE_BOOTSTRAP_DRAWS;
      options.extras.bootstrap_seed = HUB_SHARE_BOOTSTRAP_SEED;
    }
  hub_analysis_share_async (self->analysis, &data->query, &options, self->work.cancellable,
                            compute_done, data);
}

/* Export ---------------------------------------------------------------- */

/**
 * hub_share_page_export_chart:
 * Opens the export dialog for the chart shown (Ctrl+E).
 * Returns: (transfer none) (nullable): the dialog, NULL before a result.
 */
GtkWindow *
hub_share_page_export_chart (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);

  if (gtk_toggle_button_get_active (self->methods_toggle))
    {
      /* The methods side by side, as export-chart sensitivity draws them. */
      HubSensitivityChartData *grid = hub_sensitivity_view_dup_chart (self->sensitivity_view);
      g_autofree char *caption = NULL;

      if (grid == NULL)
        return NULL;
      caption = hub_sensitivity_chart_describe (grid->result);
      return hub_export_dialog_present (GTK_WIDGET (self), "sensitivity", self->title, caption,
                                        hub_sensitivity_chart_draw_func, grid, hub_sensitivity_view_chart_free);
    }
  if (self->chart == NULL)
    return NULL;
  /* The dialog holds its own reference: the page may show a newer result
   * while it is open. */
  return hub_export_dialog_present (GTK_WIDGET (self), "share", self->title, self->caption, draw_main,
                                    share_chart_acquire (self->chart), share_chart_release);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hub_share_page_export_chart (HUB_SHARE_PAGE (widget));
}

/* Export data ------------------------------------------------------------ */

typedef struct {
  char            *path;
  HubTableFormat   format;
  ShareChart      *chart;
  HubObservations *observations;
  HubQuery         query;
  char            *title;
  char            *caption;
  HubSensitivityResult *grid;   /* with Compare Methods: its rows instead */
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->chart, share_chart_release);
  g_clear_pointer (&data->observations, hub_observations_unref);
  hub_query_clear (&data->query);
  g_free (data->title);
  g_free (data->caption);
  g_clear_pointer (&data->grid, hub_sensitivity_result_unref);
  g_free (data);
}

static HubTableWriter *
export_rows (FILE           *out,
             HubTableFormat  format,
             gpointer        user_data)
{
  ExportData *data = user_data;

  if (data->grid != NULL)
    return hub_data_export_sensitivity_rows (out, format, data->grid);
  return hub_data_export_share_rows (out, format, data->chart->charts.result, FALSE);
}

static void
export_data_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ExportData *data = task_data;
  HubDataManifest manifest = { 0 };
  GError *error = NULL;

  g_autofree char *varied = data->grid != NULL ? hub_sensitivity_vary_to_string (data->grid->vary) : NULL;
  g_autofree char *settings = varied != NULL ? g_strdup_printf ("vary=%s", varied) : NULL;

  manifest.kind = data->grid != NULL ? "sensitivity" : "share";
  manifest.settings = settings;
  manifest.query = &data->query;
  manifest.observations = data->observations;
  manifest.title = data->title;
  manifest.caption = data->caption;
  if (hub_data_export_write (data->path, data->format, &manifest, export_rows, data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * hub_share_page_export_data_async:
 * @path: a .csv (written with a FILE.manifest.json next to it) or .json
 *   file (the manifest inside)
 *
 * Writes the numbers behind the chart shown, on a worker thread, with the
 * writer and manifest `hubeco export-chart share --output @path` uses
 * (hub-data-export.h), so both write the same file.
 */
void
hub_share_page_export_data_async (HubSharePage        *self,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  HubTableFormat format;
  ExportData *data;

  g_return_if_fail (HUB_IS_SHARE_PAGE (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hub_share_page_export_data_async);
  if (self->chart == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no result to export yet"));
      return;
    }
  if (!hub_data_export_format_for_path (path, &format, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_new0 (ExportData, 1);
  data->path = g_strdup (path);
  data->format = format;
  data->chart = share_chart_acquire (self->chart);
  data->observations = self->observations != NULL ? hub_observations_ref (self->observations) : NULL;
  hub_query_init (&data->query);
  hub_query_copy (&data->query, &self->shown_query);
  data->title = g_strdup (self->title);
  data->caption = g_strdup (self->caption);
  if (gtk_toggle_button_get_active (self->methods_toggle) &&
      hub_sensitivity_view_get_result (self->sensitivity_view) != NULL)
    {
      data->grid = hub_sensitivity_result_ref (hub_sensitivity_view_get_result (self->sensitivity_view));
      g_free (data->caption);
      data->caption = hub_sensitivity_chart_describe (data->grid);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_data_thread);
}

gboolean
hub_share_page_export_data_finish (HubSharePage  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_export_data_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;

  if (!hub_share_page_export_data_finish (HUB_SHARE_PAGE (object), result, &error))
    hub_export_data_report (GTK_WIDGET (object), error);
  else
    hub_export_report_saved (GTK_WIDGET (object), path);
}

static void
export_data_chosen (GtkWidget  *page,
                    const char *path)
{
  hub_share_page_export_data_async (HUB_SHARE_PAGE (page), path, NULL, on_export_data_done, g_strdup (path));
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  if (HUB_SHARE_PAGE (widget)->chart != NULL)
    hub_export_data_choose (widget, _("Export Share Data"), "share", export_data_chosen);
}

/* Signals ---------------------------------------------------------------- */

/* With a second level the chart above shows the latest period as bars:
 * the Time control then sets that period and the concentration chart's
 * periods, and says so (issue 19: it silently kept reading "Week"). */
static void
update_axis_tooltip (HubSharePage *self)
{
  gboolean within = ITEM_AT (within_items, self->within_dropdown) != HUB_QUERY_BY_NONE;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->axis_dropdown),
                               within ? _("The periods of the concentration chart; the bars show the latest one")
                                      : _("The periods of the chart"));
}

static void
on_control_changed (HubSharePage *self)
{
  update_axis_tooltip (self);
  run_compute (self);
}

/* The concentration chart over time: HHI, Gini and the 10 largest, or
 * k(90 %); the same result, redrawn. */
static void
on_methods_toggled (HubSharePage *self)
{
  HubQuery query;

  show_views (self);
  if (self->analysis == NULL || self->dataset == NULL)
    return;
  hub_share_page_get_query (self, &query);
  hub_analysis_set_dataset (self->analysis, self->dataset);
  compute_methods (self, &query);
  hub_query_clear (&query);
}

static void
on_k90_changed (HubSharePage *self)
{
  if (self->chart == NULL)
    return;
  self->chart->charts.concentration.k90 = hub_concentration_panel_get_k90 (self->concentration_panel);
  hub_chart_view_redraw (self->concentration_view);
  {
    g_autofree char *concentration = hub_concentration_chart_describe (&self->chart->charts.concentration);

    hub_chart_view_set_description (self->concentration_view, _("Concentration over time"), concentration);
  }
}

/* Lists the series for the Series control, once the window has loaded (and,
 * the first time, built) the store: a listing racing that first build
 * would open a database half made. */
static void
refresh_series (HubSharePage *self)
{
  if (self->analysis != NULL && self->dataset != NULL)
    hub_series_dropdown_refresh (self->series_dropdown, self->analysis, G_CALLBACK (on_control_changed), self);
}

/* The concentration chart takes the area's plot span, which depends on
 * the area's height (where its legend goes). */
static void
on_area_resized (HubSharePage *self,
                 int           width,
                 int           height)
{
  if (self->chart == NULL || self->chart->charts.concentration.align_height == height)
    return;
  self->chart->charts.concentration.align_height = height;
  hub_chart_view_redraw (self->concentration_view);
}

static void
on_percent_toggled (HubSharePage *self)
{
  if (self->chart == NULL)
    return;
  self->chart->charts.area.mode = gtk_toggle_button_get_active (self->percent_toggle) ? HUB_STACKED_AREA_PERCENT
                                                                               : HUB_STACKED_AREA_ABSOLUTE;
  hub_chart_view_redraw (self->area_view);
}

/* Adaptive layout --------------------------------------------------------- */

/* Below this width the leaderboard and figures go under the chart (the
 * page scrolls) and the controls wrap onto more rows. */
#define NARROW_WIDTH 900

/* The page's adaptive bin turned narrow or wide. */
static void
apply_layout (HubSharePage *self)
{
  gboolean narrow = hub_adaptive_bin_get_narrow (self->adaptive_bin);
  GtkWidget *bar = GTK_WIDGET (self->filter_bar);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->content_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_size_request (GTK_WIDGET (self->side_box), narrow ? -1 : 340, -1);
  hub_concentration_panel_set_narrow (self->concentration_panel, narrow);
  gtk_widget_set_margin_start (GTK_WIDGET (self->content_box), narrow ? 8 : 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->content_box), narrow ? 8 : 18);

  /* Narrow: the filters one under another in the More popover (side by
   * side they would shrink to a few letters). One bar, moved, so its
   * choices stay as they are. */
  g_object_ref (bar);
  if (narrow && gtk_widget_get_parent (bar) != self->more_box)
    {
      gtk_scrolled_window_set_child (self->filter_scroller, NULL);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (bar), GTK_ORIENTATION_VERTICAL);
      gtk_box_append (GTK_BOX (self->more_box), bar);
    }
  else if (!narrow && gtk_widget_get_parent (bar) == self->more_box)
    {
      gtk_popover_popdown (self->more_popover);
      gtk_box_remove (GTK_BOX (self->more_box), bar);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (bar), GTK_ORIENTATION_HORIZONTAL);
      gtk_scrolled_window_set_child (self->filter_scroller, bar);
    }
  g_object_unref (bar);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_scroller), !narrow);
}

/* GObject ---------------------------------------------------------------- */

static void
hub_share_page_dispose (GObject *object)
{
  HubSharePage *self = HUB_SHARE_PAGE (object);

  hub_page_work_clear (&self->work);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_SHARE_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hub_share_page_parent_class)->dispose (object);
}

static void
hub_share_page_finalize (GObject *object)
{
  HubSharePage *self = HUB_SHARE_PAGE (object);

  g_clear_pointer (&self->chart, share_chart_release);
  hub_query_clear (&self->shown_query);
  g_clear_pointer (&self->leaderboard, g_array_unref);
  g_clear_pointer (&self->top_values, g_array_unref);
  g_clear_pointer (&self->observations, hub_observations_unref);
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_clear_object (&self->analysis);
  g_free (self->title);
  g_free (self->caption);
  g_free (self->db_path);

  G_OBJECT_CLASS (hub_share_page_parent_class)->finalize (object);
}

static void
hub_share_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HubSharePage *self = HUB_SHARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_boxed (value, self->dataset);
      break;
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_share_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HubSharePage *self = HUB_SHARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      hub_share_page_set_dataset (self, g_value_get_boxed (value));
      break;
    case PROP_DB_PATH:
      if (g_strcmp0 (self->db_path, g_value_get_string (value)) != 0)
        {
          g_free (self->db_path);
          self->db_path = g_value_dup_string (value);
          g_clear_object (&self->analysis);
          if (self->db_path != NULL)
            self->analysis = hub_analysis_new (self->db_path);
          refresh_series (self);
          run_compute (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_share_page_class_init (HubSharePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_share_page_dispose;
  object_class->finalize = hub_share_page_finalize;
  object_class->get_property = hub_share_page_get_property;
  object_class->set_property = hub_share_page_set_property;

  properties[PROP_DATASET] =
    g_param_spec_boxed ("dataset", NULL, NULL, HUB_TYPE_DATASET_BOXED,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HUB_TYPE_FILTER_BAR);
  g_type_ensure (HUB_TYPE_ADAPTIVE_BIN);
  g_type_ensure (HUB_TYPE_CONCENTRATION_PANEL);
  g_type_ensure (HUB_TYPE_SENSITIVITY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-share-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, adaptive_bin);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, within_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, series_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, axis_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, top_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, window_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, panel_check);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, missing_parent_check);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, individuals_check);
  gtk_widget_class_bind_template_child_full (widget_class, "exclude_gguf", FALSE,
                                             G_STRUCT_OFFSET (HubSharePage, exclude_checks[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "exclude_mlx", FALSE,
                                             G_STRUCT_OFFSET (HubSharePage, exclude_checks[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "exclude_quantized", FALSE,
                                             G_STRUCT_OFFSET (HubSharePage, exclude_checks[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "exclude_embeddings", FALSE,
                                             G_STRUCT_OFFSET (HubSharePage, exclude_checks[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "exclude_adapters", FALSE,
                                             G_STRUCT_OFFSET (HubSharePage, exclude_checks[4]));
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, card_order_check);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, min_downloads_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, attribution_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, percent_toggle);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, about_label);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, filter_scroller);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, more_popover);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, more_box);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, content_box);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, side_box);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, concentration_panel);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, sensitivity_view);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, methods_toggle);
  gtk_widget_class_bind_template_callback (widget_class, on_methods_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_control_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_k90_changed);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, period_label);
  gtk_widget_class_bind_template_child (widget_class, HubSharePage, error_page);

  gtk_widget_class_install_action (widget_class, "share.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "share.export-data", NULL, export_data_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "share.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "share.export-data", NULL);
  gtk_widget_class_set_css_name (widget_class, "sharepage");
}

static const char about_text[] = N_(
  "<b>Downloads are not usage.</b> The Hub counts a download each time a library requests a model’s "
  "query files (its config, for most libraries). One person running a model many times, or a server "
  "caching it once, both distort the count.\n\n"
  "<b>Automated pulls.</b> CI jobs, tests and mirrors download popular models over and over.\n\n"
  "<b>Small models download more.</b> They are cheap to fetch, so they are fetched often: a count is "
  "not a measure of compute or importance.\n\n"
  "<b>Re-uploads split adoption.</b> Quantized copies, fine-tunes and mirrors each count separately; "
  "“Root base model” attribution adds them back to their origin.\n\n"
  "<b>Launch spikes.</b> A new model is downloaded heavily in its first weeks; the window option keeps "
  "only recent models to show this, the full view smooths it.\n\n"
  "<b>Closed models are absent.</b> Models served only through APIs never appear on the Hub.\n\n"
  "<b>Measures.</b> 30-day downloads are the Hub’s rolling count at each snapshot; downloads between "
  "snapshots are differences of all-time totals; likes are a count at each snapshot. "
  "HHI is the sum of squared shares (1 = one participant holds everything); Gini is 0 for equal "
  "participants and near 1 when a few hold almost all.");

static void
hub_share_page_init (HubSharePage *self)
{
  GtkWidget *frame;

  gtk_widget_init_template (GTK_WIDGET (self));
  hub_page_work_init (&self->work, GTK_WIDGET (self->spinner));
  self->top_values = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (self->top_values, top_items, G_N_ELEMENTS (top_items));
  hub_series_dropdown_init (self->series_dropdown);
  hub_adaptive_bin_set_narrow_width (self->adaptive_bin, NARROW_WIDTH);
  g_signal_connect_swapped (self->adaptive_bin, "notify::narrow", G_CALLBACK (apply_layout), self);
  gtk_label_set_markup (self->about_label, _(about_text));

  self->cursor = -1;
  hub_query_init (&self->shown_query);
  self->area_view = HUB_CHART_VIEW (hub_chart_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->area_view), TRUE);
  g_signal_connect_swapped (self->area_view, "resized", G_CALLBACK (on_area_resized), self);
  gtk_widget_set_size_request (GTK_WIDGET (self->area_view), -1, 320);
  hub_chart_view_set_hover_func (self->area_view, area_hover, self);
  g_signal_connect_swapped (self->area_view, "pressed", G_CALLBACK (on_area_pressed), self);
  g_signal_connect_swapped (self->area_view, "step", G_CALLBACK (on_area_step), self);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->area_view));

  self->breakdown_view = HUB_CHART_VIEW (hub_chart_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->breakdown_view), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->breakdown_view), -1, 320);
  gtk_widget_set_visible (GTK_WIDGET (self->breakdown_view), FALSE);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->breakdown_view));

  self->concentration_view = HUB_CHART_VIEW (hub_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->concentration_view), -1, 200);
  gtk_widget_set_focusable (GTK_WIDGET (self->concentration_view), FALSE);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->concentration_view));

  /* The explorer (declared in the template) under the chart over time. */
  gtk_box_reorder_child_after (self->chart_box, GTK_WIDGET (self->concentration_panel),
                               GTK_WIDGET (self->concentration_view));

  self->caption_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->caption_label, 0);
  gtk_label_set_wrap (self->caption_label, TRUE);
  gtk_label_set_selectable (self->caption_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->caption_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->caption_label), "caption");
  gtk_box_append (self->chart_box, GTK_WIDGET (self->caption_label));

  self->bar_view = HUB_CHART_VIEW (hub_chart_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->bar_view), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->bar_view), -1, 300);
  gtk_widget_set_focusable (GTK_WIDGET (self->bar_view), FALSE);
  frame = GTK_WIDGET (self->bar_view);
  gtk_box_append (self->side_box, frame);
  show_cursor (self);

  self->settings = hub_settings_new ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "share-k90", self->concentration_panel, "k90", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "share-compare-methods", self->methods_toggle, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "share-intervals", self->concentration_panel, "intervals",
                       G_SETTINGS_BIND_DEFAULT);
      g_autofree char *text = g_settings_get_string (self->settings, SETTINGS_KEY);
      HubQuery query;

      if (hub_query_parse (&query, text, NULL))
        hub_share_page_set_query (self, &query);
      hub_query_clear (&query);
    }

  g_signal_connect_swapped (self->by_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->within_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->series_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->axis_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->measure_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->top_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->window_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->panel_check, "notify::active", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->missing_parent_check, "notify::active", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->individuals_check, "notify::active", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->card_order_check, "notify::active", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->min_downloads_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->attribution_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->level_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->percent_toggle, "toggled", G_CALLBACK (on_percent_toggled), self);
  g_signal_connect_swapped (self->filter_bar, "changed", G_CALLBACK (on_control_changed), self);
}

/* Public ------------------------------------------------------------------ */

/**
 * hub_share_page_new:
 * Returns: (transfer full): a new Share page, empty until a dataset is set.
 */
GtkWidget *
hub_share_page_new (void)
{
  return g_object_new (HUB_TYPE_SHARE_PAGE, NULL);
}

/**
 * hub_share_page_set_dataset:
 * @dataset: (nullable): the models
 *
 * Runs the current query over @dataset on a worker thread.
 */
void
hub_share_page_set_dataset (HubSharePage *self,
                            HubDataset   *dataset)
{
  g_return_if_fail (HUB_IS_SHARE_PAGE (self));

  if (self->dataset == dataset)
    return;
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_clear_pointer (&self->observations, hub_observations_unref);
  if (dataset != NULL)
    {
      HubQuery query;

      self->dataset = hub_dataset_ref (dataset);
      /* A refresh or an import may have added series. */
      refresh_series (self);
      /* Keep the remembered filters across the rebuilt choices. */
      hub_share_page_get_query (self, &query);
      self->restoring = TRUE;
      hub_filter_bar_set_dataset (self->filter_bar, dataset);
      self->restoring = FALSE;
      hub_share_page_set_query (self, &query);
      hub_query_clear (&query);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/**
 * hub_share_page_is_busy:
 * Returns: %TRUE while a query runs.
 */
gboolean
hub_share_page_is_busy (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), FALSE);
  return hub_page_work_is_busy (&self->work) || hub_sensitivity_view_is_busy (self->sensitivity_view);
}

/**
 * hub_share_page_get_query:
 * @query: (out caller-allocates): the controls' query; clear it with
 *   hub_query_clear()
 */
void
hub_share_page_get_query (HubSharePage *self,
                          HubQuery     *query)
{
  HubListQuery filter;

  g_return_if_fail (HUB_IS_SHARE_PAGE (self));
  g_return_if_fail (query != NULL);

  hub_query_init (query);
  query->by = ITEM_AT (by_items, self->by_dropdown);
  query->within = ITEM_AT (within_items, self->within_dropdown);
  if (query->within == query->by)
    query->within = HUB_QUERY_BY_NONE;
  query->axis = ITEM_AT (axis_items, self->axis_dropdown);
  query->measure = ITEM_AT (measure_items, self->measure_dropdown);
  query->top = g_array_index (self->top_values, guint,
                              MIN (gtk_drop_down_get_selected (self->top_dropdown), self->top_values->len - 1));
  query->window_days = ITEM_AT (window_items, self->window_dropdown);
  query->attribution = ITEM_AT (attribution_items, self->attribution_dropdown);
  query->constant_panel = gtk_check_button_get_active (self->panel_check);
  query->missing_parent_own = gtk_check_button_get_active (self->missing_parent_check);
  query->individuals = gtk_check_button_get_active (self->individuals_check);
  for (guint k = 0; k < HUB_N_MODEL_KINDS; k++)
    if (gtk_check_button_get_active (self->exclude_checks[k]))
      query->exclude |= 1u << k;
  query->parent_order_card = gtk_check_button_get_active (self->card_order_check);
  query->min_downloads = ITEM_AT (min_downloads_items, self->min_downloads_dropdown);
  /* The page's series control (issue 19: the query had one, the page none). */
  query->series = hub_series_dropdown_dup_selected (self->series_dropdown);
  hub_list_query_init (&filter);
  hub_filter_bar_apply (self->filter_bar, &filter);
  query->task = g_steal_pointer (&filter.task);
  query->library = g_steal_pointer (&filter.library);
  query->country = g_steal_pointer (&filter.country);
  query->org_type = g_steal_pointer (&filter.org_type);
  query->relation = filter.relation;
  hub_list_query_clear (&filter);
}

static const char *
relation_id (HubRelation relation)
{
  switch (relation)
    {
    case HUB_RELATION_NONE: return "base";
    case HUB_RELATION_FINETUNE: return "finetune";
    case HUB_RELATION_ADAPTER: return "adapter";
    case HUB_RELATION_QUANTIZED: return "quantized";
    case HUB_RELATION_MERGE: return "merge";
    default: return NULL;
    }
}

/* The Top item of @top, added (in order, before All) when it is none of the
 * usual ones: a query saved with top=8 comes back as Top 8, not Top 5. */
static guint
top_index (HubSharePage *self,
           guint         top)
{
  GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (self->top_dropdown));
  g_autofree char *label = NULL;
  guint at = 0;

  for (guint i = 0; i < self->top_values->len; i++)
    if (g_array_index (self->top_values, guint, i) == top)
      return i;
  while (at < self->top_values->len && g_array_index (self->top_values, guint, at) != 0 &&
         g_array_index (self->top_values, guint, at) < top)
    at++;
  label = g_strdup_printf ("%u", top);
  g_array_insert_val (self->top_values, at, top);
  gtk_string_list_splice (list, at, 0, (const char * const[]) { label, NULL });
  return at;
}

/**
 * hub_share_page_set_query:
 * @query: the query to show; its by, axis, measure, top, window and
 *   attribution pick the nearest item of each control
 */
void
hub_share_page_set_query (HubSharePage   *self,
                          const HubQuery *query)
{
  g_return_if_fail (HUB_IS_SHARE_PAGE (self));
  g_return_if_fail (query != NULL);

  self->restoring = TRUE;
  gtk_drop_down_set_selected (self->by_dropdown, INDEX_OF (by_items, query->by));
  gtk_drop_down_set_selected (self->within_dropdown, INDEX_OF (within_items, query->within));
  gtk_drop_down_set_selected (self->axis_dropdown, INDEX_OF (axis_items, query->axis));
  gtk_drop_down_set_selected (self->measure_dropdown, INDEX_OF (measure_items, query->measure));
  gtk_drop_down_set_selected (self->top_dropdown, top_index (self, query->top));
  gtk_drop_down_set_selected (self->window_dropdown, INDEX_OF (window_items, query->window_days));
  gtk_drop_down_set_selected (self->attribution_dropdown, INDEX_OF (attribution_items, query->attribution));
  gtk_check_button_set_active (self->panel_check, query->constant_panel);
  gtk_check_button_set_active (self->missing_parent_check, query->missing_parent_own);
  gtk_check_button_set_active (self->individuals_check, query->individuals);
  for (guint k = 0; k < HUB_N_MODEL_KINDS; k++)
    gtk_check_button_set_active (self->exclude_checks[k], (query->exclude & (1u << k)) != 0);
  gtk_check_button_set_active (self->card_order_check, query->parent_order_card);
  gtk_drop_down_set_selected (self->min_downloads_dropdown, INDEX_OF (min_downloads_items, query->min_downloads));
  hub_series_dropdown_select (self->series_dropdown, query->series);
  hub_filter_bar_select (self->filter_bar, HUB_FILTER_TASK, query->task);
  hub_filter_bar_select (self->filter_bar, HUB_FILTER_LIBRARY, query->library);
  hub_filter_bar_select (self->filter_bar, HUB_FILTER_COUNTRY, query->country);
  hub_filter_bar_select (self->filter_bar, HUB_FILTER_ORG_TYPE, query->org_type);
  hub_filter_bar_select (self->filter_bar, HUB_FILTER_RELATION, relation_id (query->relation));
  self->restoring = FALSE;
  run_compute (self);
}

/**
 * hub_share_page_get_result:
 * Returns: (transfer none) (nullable): the result shown.
 */
const HubShareResult *
hub_share_page_get_result (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return self->chart != NULL ? self->chart->charts.result : NULL;
}

/**
 * hub_share_page_get_legend_label:
 * Returns: (transfer none) (nullable): the @index-th legend label in rank
 *   order, as the legend shows it (countries by name), NULL past the end.
 */
const char *
hub_share_page_get_legend_label (HubSharePage *self,
                                 guint         index)
{
  const HubShareResult *r;

  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  r = hub_share_page_get_result (self);
  if (r == NULL || index >= r->n_columns || r->column_names == NULL)
    return NULL;
  return r->column_names[index];
}

int
hub_share_page_get_highlight (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), -1);
  return self->chart != NULL ? self->chart->charts.area.highlight : -1;
}

/**
 * hub_share_page_set_highlight:
 * @column: a column of the result, or -1
 *
 * Brings @column forward in the chart, as clicking its legend entry does.
 */
void
hub_share_page_set_highlight (HubSharePage *self,
                              int           column)
{
  g_return_if_fail (HUB_IS_SHARE_PAGE (self));

  if (self->chart == NULL || column >= (int) self->chart->charts.result->n_columns)
    return;
  self->chart->charts.area.highlight = MAX (column, -1);
  hub_chart_view_redraw (self->area_view);
  show_cursor (self);
}

/**
 * hub_share_page_get_control:
 * Returns: (transfer none): the widget of @control.
 */
GtkWidget *
hub_share_page_get_control (HubSharePage    *self,
                            HubShareControl  control)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);

  switch (control)
    {
    case HUB_SHARE_CONTROL_BY: return GTK_WIDGET (self->by_dropdown);
    case HUB_SHARE_CONTROL_AXIS: return GTK_WIDGET (self->axis_dropdown);
    case HUB_SHARE_CONTROL_MEASURE: return GTK_WIDGET (self->measure_dropdown);
    case HUB_SHARE_CONTROL_TOP: return GTK_WIDGET (self->top_dropdown);
    case HUB_SHARE_CONTROL_WINDOW: return GTK_WIDGET (self->window_dropdown);
    case HUB_SHARE_CONTROL_PANEL: return GTK_WIDGET (self->panel_check);
    case HUB_SHARE_CONTROL_ATTRIBUTION: return GTK_WIDGET (self->attribution_dropdown);
    case HUB_SHARE_CONTROL_PERCENT: return GTK_WIDGET (self->percent_toggle);
    case HUB_SHARE_CONTROL_LEVEL: return GTK_WIDGET (self->level_dropdown);
    case HUB_SHARE_CONTROL_WITHIN: return GTK_WIDGET (self->within_dropdown);
    case HUB_SHARE_CONTROL_SERIES: return GTK_WIDGET (self->series_dropdown);
    case HUB_SHARE_CONTROL_METHODS: return GTK_WIDGET (self->methods_toggle);
    case HUB_SHARE_CONTROL_EXPLORER: return GTK_WIDGET (self->concentration_panel);
    case HUB_SHARE_CONTROL_SENSITIVITY: return GTK_WIDGET (self->sensitivity_view);
    default: g_return_val_if_reached (NULL);
    }
}

HubFilterBar *
hub_share_page_get_filter_bar (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return self->filter_bar;
}

GtkLabel *
hub_share_page_get_caption (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return self->caption_label;
}

const GArray *
hub_share_page_get_leaderboard (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return self->leaderboard;
}

const char *
hub_share_page_get_state (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
hub_share_page_get_area_view (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return GTK_WIDGET (self->area_view);
}

const HubStackedAreaData *
hub_share_page_get_area_data (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return self->chart != NULL ? &self->chart->charts.area : NULL;
}

const HubBarChartData *
hub_share_page_get_breakdown (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return self->chart != NULL ? self->chart->charts.bars : NULL;
}

HubAnalysis *
hub_share_page_get_analysis (HubSharePage *self)
{
  g_return_val_if_fail (HUB_IS_SHARE_PAGE (self), NULL);
  return self->analysis;
}
