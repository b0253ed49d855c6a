/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "hub-chart-view.h"
#include "hub-export-dialog.h"
#include "hub-observations.h"
#include "hub-filter-bar.h"
#include "hub-share-page.h"
#include "hub-settings.h"
#include "hub-share-query.h"
#include "hub-store.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-window.h"

typedef HubTestUiContext Context;

/* The window's export of the chart equals `hubeco export-chart` of the
 * same query, byte for byte. */
static void
check_chart_export (Context      *ctx,
                    HubSharePage *page)
{
  g_autofree char *gui_png = g_build_filename (ctx->tmpdir, "gui.png", NULL);
  g_autofree char *cli_png = g_build_filename (ctx->tmpdir, "cli.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *gui_bytes = NULL;
  g_autofree char *cli_bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize gui_len, cli_len;
  int status;
  GtkWindow *dialog;
  HubQuery query;

  dialog = hub_share_page_export_chart (page);
  g_assert_nonnull (dialog);
  g_assert_true (hub_export_dialog_write (dialog, gui_png, &error));
  g_assert_no_error (error);
  /* An unknown extension is refused and writes nothing. */
  {
    g_autofree char *bad = g_build_filename (ctx->tmpdir, "chart.bmp", NULL);

    g_assert_false (hub_export_dialog_write (dialog, bad, &error));
    g_assert_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_UNKNOWN_FORMAT);
    g_clear_error (&error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
  gtk_window_destroy (dialog);

  hub_share_page_get_query (page, &query);
  text = hub_query_to_string (&query);
  hub_query_clear (&query);
  {
    const char *argv[] = { g_getenv ("HUBECO_BIN"), "export-chart", "share", "--db", ctx->db_path,
                           "--query", text, "--mode", "percent", "--output", cli_png, NULL };

    g_assert_nonnull (argv[0]);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_file_get_contents (gui_png, &gui_bytes, &gui_len, NULL));
  g_assert_true (g_file_get_contents (cli_png, &cli_bytes, &cli_len, NULL));
  g_assert_cmpuint (gui_len, >, 1000);
  g_assert_cmpmem (gui_bytes, gui_len, cli_bytes, cli_len);
}

/* Export data: the CSV has a row per period and column, the manifest the
 * query's text form; a bad path is an error that leaves the CSV alone. */
static void
check_data_export (Context              *ctx,
                   HubSharePage         *page,
                   const HubShareResult *result)
{
  g_autofree char *csv = g_build_filename (ctx->tmpdir, "share.csv", NULL);
  g_autofree char *manifest = g_build_filename (ctx->tmpdir, "share.manifest.json", NULL);
  g_autofree char *bad = g_build_filename (ctx->tmpdir, "missing", "share.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autofree char *manifest_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  HubQuery query;

  g_assert_true (hub_test_ui_share_export_data (page, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  {
    g_autofree char *trimmed = g_strchomp (g_strdup (contents));

    lines = g_strsplit (trimmed, "\n", -1);
  }
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + result->n_periods * result->n_columns);
  g_assert_true (g_str_has_prefix (lines[0], "period,category"));

  hub_share_page_get_query (page, &query);
  text = hub_query_to_string (&query);
  hub_query_clear (&query);
  g_assert_true (g_file_get_contents (manifest, &manifest_text, NULL, NULL));
  g_assert_nonnull (strstr (manifest_text, text));

  /* One query, three paths, the same bytes: the window's data export,
   * `hubeco share` and `hubeco export-chart share` to CSV. */
  {
    g_autofree char *cli_csv = g_build_filename (ctx->tmpdir, "cli-share.csv", NULL);
    g_autofree char *shared = NULL;
    g_autofree char *exported = NULL;
    g_autofree char *err = NULL;
    const char *share_argv[] = { g_getenv ("HUBECO_BIN"), "share", "--db", ctx->db_path,
                                 "--query", text, "--format", "csv", NULL };
    const char *export_argv[] = { g_getenv ("HUBECO_BIN"), "export-chart", "share", "--db", ctx->db_path,
                                  "--query", text, "--output", cli_csv, NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) share_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &shared, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (shared, ==, contents);
    g_assert_true (g_spawn_sync (NULL, (char **) export_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_get_contents (cli_csv, &exported, NULL, NULL));
    g_assert_cmpstr (exported, ==, contents);
  }

  g_assert_false (hub_test_ui_share_export_data (page, bad, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (csv, &after, NULL, NULL));
  g_assert_true (g_str_equal (after, contents));
}

typedef struct {
  HubSharePage         *page;
  HubQueryBy            by;
  const HubShareResult *previous;
} ResultWait;

/* The page is idle and shows a new result for @by. */
static gboolean
result_shown (gpointer data)
{
  ResultWait *wait = data;
  const HubShareResult *result = hub_share_page_get_result (wait->page);
  HubQuery query;
  gboolean same_by;

  hub_share_page_get_query (wait->page, &query);
  same_by = query.by == wait->by;
  hub_query_clear (&query);
  return !hub_share_page_is_busy (wait->page) && result != NULL && result != wait->previous && same_by;
}

/* The core's answer to the page's query, computed here from the store. */
static HubShareResult *
core_result (const char     *db_path,
             HubDataset     *dataset,
             const HubQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open (db_path, &error);
  g_autofree char *series = NULL;
  HubObservations *obs;
  HubShareResult *result;

  g_assert_no_error (error);
  series = hub_observations_default_series_for_query (store, dataset, query, NULL, &error);
  g_assert_no_error (error);
  obs = hub_observations_load (store, dataset, series, query->measure, NULL, &error);
  g_assert_no_error (error);
  result = hub_share_run (dataset, obs, query, NULL, NULL, &error);
  g_assert_no_error (error);
  hub_observations_unref (obs);
  return result;
}

/* The chart-palette setting recolours the chart: the pixel in the middle
 * of the bottom band is the palette's first colour, default then
 * colour-blind. */
static void
check_palette_setting (HubSharePage *page)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.HubEco");
  HubChartView *view = HUB_CHART_VIEW (hub_share_page_get_area_view (page));
  const HubStackedAreaData *data = hub_share_page_get_area_data (page);
  HubStackedAreaLayout layout;
  HubChartStyle style, expected;
  HubChartColor px;
  double x, y;
  guint band = 0;

  g_assert_nonnull (data);
  hub_chart_view_get_style (view, &style);
  hub_stacked_area_layout_init (&layout, NULL, gtk_widget_get_width (GTK_WIDGET (view)),
                                gtk_widget_get_height (GTK_WIDGET (view)), &style, data);
  g_assert_false (layout.empty);
  /* The tallest band at the last period (bottom bands are categories). */
  for (guint b = 1; b < layout.n_bands; b++)
    if (layout.band_bottom[b * layout.n_periods + layout.n_periods - 1] -
        layout.band_top[b * layout.n_periods + layout.n_periods - 1] >
        layout.band_bottom[band * layout.n_periods + layout.n_periods - 1] -
        layout.band_top[band * layout.n_periods + layout.n_periods - 1])
      band = b;
  x = layout.xs[layout.n_periods - 1] - 2;
  y = (layout.band_top[band * layout.n_periods + layout.n_periods - 1] +
       layout.band_bottom[band * layout.n_periods + layout.n_periods - 1]) / 2;
  g_assert_cmpint (hub_stacked_area_layout_band_at (&layout, x, y), ==, (int) layout.order[band]);

  for (guint round = 0; round < 2; round++)
    {
      HubChartColor color;

      g_settings_set_string (settings, "chart-palette", round == 0 ? "default" : "colorblind");
      hub_test_ui_spin (100);
      hub_chart_view_get_style (view, &style);
      g_assert_cmpint (style.palette_kind, ==, round == 0 ? HUB_CHART_PALETTE_DEFAULT : HUB_CHART_PALETTE_COLORBLIND);
      hub_chart_style_init_default (&expected, style.dark);
      hub_chart_style_set_palette (&expected, style.palette_kind);
      g_assert_true (hub_chart_view_pick (view, x, y, &px));
      color = hub_stacked_area_column_color (data, &expected, layout.order[band]);
      g_assert_cmpfloat_with_epsilon (px.red, color.red, 2.5 / 255);
      g_assert_cmpfloat_with_epsilon (px.green, color.green, 2.5 / 255);
      g_assert_cmpfloat_with_epsilon (px.blue, color.blue, 2.5 / 255);
    }
  hub_test_ui_save_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "share-colorblind.png");
  g_settings_set_string (settings, "chart-palette", "default");
  hub_stacked_area_layout_clear (&layout);
}

/* A visible label under @widget whose text is @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* Within organization type: stacked bars of the latest period whose
 * segments are the core's inner values; the export equals the CLI's. */
static void
check_within (Context      *ctx,
              HubWindow    *window,
              HubSharePage *page)
{
  g_autoptr(HubShareResult) expected = NULL;
  const HubBarChartData *bars;
  const HubShareResult *result;
  GtkDropDown *within;
  ResultWait wait;
  HubQuery query;
  gboolean matched = FALSE;
  guint last;

  within = GTK_DROP_DOWN (hub_share_page_get_control (page, HUB_SHARE_CONTROL_WITHIN));
  g_assert_nonnull (within);

  wait.page = page;
  wait.by = HUB_QUERY_BY_COUNTRY;
  wait.previous = hub_share_page_get_result (page);
  gtk_drop_down_set_selected (within, 1);
  if (!hub_test_ui_wait_for (result_shown, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The share page did not show the by-country within-org-type result");
  hub_share_page_get_query (page, &query);
  g_assert_cmpint (query.within, ==, HUB_QUERY_BY_ORG_TYPE);
  /* The title names the second level too (the export shares it). */
  g_assert_true (has_label (GTK_WIDGET (page),
                            "Share of 30-day downloads by country, by organization type within each"));
  expected = core_result (ctx->db_path, hub_window_get_dataset (window), &query);
  hub_query_clear (&query);
  result = hub_share_page_get_result (page);
  g_assert_nonnull (result->inner_values);
  bars = hub_share_page_get_breakdown (page);
  g_assert_nonnull (bars);
  g_assert_false (gtk_widget_get_visible (hub_share_page_get_area_view (page)));
  last = expected->n_periods - 1;
  /* The first bar is the largest country of the period; its segments are
   * the core's inner values of that country. */
  g_assert_cmpuint (bars->n_bars, >, 0);
  for (guint c = 0; c < expected->n_columns; c++)
    if (g_strcmp0 (expected->column_names[c], bars->labels[0]) == 0)
      {
        gint64 sum = 0;

        matched = TRUE;

        g_assert_cmpint (bars->values[0], ==, expected->values[(gsize) last * expected->n_columns + c]);
        for (guint s = 0; s < bars->n_segments; s++)
          sum += bars->segment_values[s];
        g_assert_cmpint (sum, ==, bars->values[0]);
        for (guint i = 0; i < expected->n_inner_columns; i++)
          for (guint s = 0; s < bars->n_segments; s++)
            if (g_strcmp0 (expected->inner_column_names[i], bars->segment_labels[s]) == 0)
              g_assert_cmpint (bars->segment_values[s], ==,
                               expected->inner_values[((gsize) last * expected->n_columns + c) *
                                                      expected->n_inner_columns + i]);
      }
  /* The first bar is one of the core's columns, by its name. */
  g_assert_true (matched);
  for (guint b = 1; b < bars->n_bars; b++)
    if (g_strcmp0 (bars->labels[b], "Other") != 0 && g_strcmp0 (bars->labels[b], "Unknown") != 0)
      g_assert_cmpint (bars->values[b], <=, bars->values[b - 1]);

  check_chart_export (ctx, page);
  hub_test_ui_spin (500);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "share-within.png");
  /* The Time control says what it sets while the bars show the latest
   * period (issue 19: it silently kept reading "Week"). */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (hub_share_page_get_control (page, HUB_SHARE_CONTROL_AXIS)),
                            "concentration chart"));
  gtk_drop_down_set_selected (within, 0);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (hub_share_page_get_control (page, HUB_SHARE_CONTROL_AXIS)), ==,
                   "The periods of the chart");
}

static gboolean
page_idle (gpointer data)
{
  HubSharePage *page = data;

  return !hub_share_page_is_busy (page) && hub_share_page_get_result (page) != NULL;
}

static gboolean
page_narrow (gpointer data)
{
  return hub_test_ui_page_narrow (GTK_WIDGET (data));
}

/* A second Share page alone in a 360 × 640 window (the phone size): it
 * fits, its controls wrap and the side panel goes under the chart. */
static void
check_narrow (Context   *ctx,
              HubWindow *window)
{
  GtkWidget *narrow = gtk_window_new ();
  HubSharePage *page = HUB_SHARE_PAGE (hub_share_page_new ());
  int min;

  gtk_window_set_default_size (GTK_WINDOW (narrow), 360, 640);
  gtk_window_set_child (GTK_WINDOW (narrow), GTK_WIDGET (page));
  g_object_set (page, "db-path", ctx->db_path, NULL);
  hub_share_page_set_dataset (page, hub_window_get_dataset (window));
  gtk_window_present (GTK_WINDOW (narrow));
  g_assert_true (hub_test_ui_wait_for (page_idle, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  /* The narrow layout follows the first allocation. */
  g_assert_true (hub_test_ui_wait_for (page_narrow, page, 5000));
  hub_test_ui_spin (500);
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (narrow), ==, 360);
  g_assert_cmpint (gtk_widget_get_height (narrow), ==, 640);
  /* The filters wait in the More popover, beside the window dropdown. */
  {
    GtkWidget *window_dropdown = hub_share_page_get_control (page, HUB_SHARE_CONTROL_WINDOW);
    GtkWidget *more_box = gtk_widget_get_parent (window_dropdown);
    gboolean found = FALSE;

    for (GtkWidget *child = gtk_widget_get_first_child (more_box); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      found |= HUB_IS_FILTER_BAR (child);
    g_assert_true (found);
  }
  hub_test_ui_save_screenshot (narrow, "share-narrow.png");
  gtk_window_destroy (GTK_WINDOW (narrow));
}

/* The paper's counting choices (More popover): a query that names them
 * shows them in the controls, and the page's query carries them back, so
 * the text form the page saves keeps them (issue 23). */
static void
check_counting_choices (HubSharePage *page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  HubQuery wanted, shown;

  hub_share_page_get_query (page, &shown);
  g_assert_false (shown.missing_parent_own);
  g_assert_false (shown.individuals);
  g_assert_cmpint (shown.min_downloads, ==, 0);
  hub_query_clear (&shown);

  g_assert_true (hub_query_parse (&wanted, "by=org_type;attribution=root;missing_parent=own;individuals=category;"
                                           "min_downloads=200;parent_order=card", &error));
  g_assert_no_error (error);
  hub_share_page_set_query (page, &wanted);
  hub_share_page_get_query (page, &shown);
  g_assert_true (shown.missing_parent_own);
  g_assert_true (shown.individuals);
  g_assert_cmpint (shown.min_downloads, ==, 200);
  g_assert_true (shown.parent_order_card);
  text = hub_query_to_string (&shown);
  g_assert_nonnull (strstr (text, "missing_parent=own;individuals=category;min_downloads=200;parent_order=card"));
  {
    GtkWidget *popover = gtk_widget_get_ancestor (hub_share_page_get_control (page, HUB_SHARE_CONTROL_PANEL),
                                                  GTK_TYPE_POPOVER);

    gtk_popover_popup (GTK_POPOVER (popover));
    hub_test_ui_spin (400);
    hub_test_ui_save_screenshot (popover, "share-counting.png");
    gtk_popover_popdown (GTK_POPOVER (popover));
  }
  hub_query_clear (&shown);
  hub_query_clear (&wanted);

  /* Back to the defaults for the checks that follow. */
  g_assert_true (hub_query_parse (&wanted, "by=country", &error));
  hub_share_page_set_query (page, &wanted);
  hub_query_clear (&wanted);
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  g_autoptr(HubShareResult) expected = NULL;
  const HubShareResult *result;
  HubSharePage *page;
  GtkDropDown *by;
  HubQuery query;
  ResultWait wait;
  double sum = 0;
  guint last;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  g_assert_cmpstr (hub_window_get_state (window), ==, "main");
  page = HUB_SHARE_PAGE (hub_window_get_page (window, "share"));
  g_assert_nonnull (page);
  hub_window_show_page (window, "share");

  /* Group by country. */
  by = GTK_DROP_DOWN (hub_share_page_get_control (page, HUB_SHARE_CONTROL_BY));
  wait.page = page;
  wait.by = HUB_QUERY_BY_COUNTRY;
  wait.previous = hub_share_page_get_result (page);
  gtk_drop_down_set_selected (by, 2);
  if (!hub_test_ui_wait_for (result_shown, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The share page did not show the by-country result");
  g_assert_cmpstr (hub_share_page_get_state (page), ==, "content");
  result = hub_share_page_get_result (page);
  g_assert_cmpuint (result->n_periods, >, 0);

  /* The latest period's shares sum to 1. */
  last = result->n_periods - 1;
  for (guint c = 0; c < result->n_columns; c++)
    sum += hub_share_result_get_share (result, last, c);
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-9);

  /* The legend's first category is the core's, a country by its name
   * (issue 19: the codes were shown). */
  hub_share_page_get_query (page, &query);
  g_assert_cmpint (query.by, ==, HUB_QUERY_BY_COUNTRY);
  expected = core_result (ctx->db_path, hub_window_get_dataset (window), &query);
  hub_query_clear (&query);
  g_assert_cmpuint (expected->n_columns, ==, result->n_columns);
  g_assert_cmpstr (hub_share_page_get_legend_label (page, 0), ==, expected->column_names[0]);
  g_assert_cmpstr (expected->column_labels[0], ==, "US");
  g_assert_cmpstr (expected->column_names[0], ==, "United States");
  g_assert_cmpint (expected->values[(gsize) last * expected->n_columns], ==,
                   result->values[(gsize) last * result->n_columns]);

  /* The caption names the coverage, the leaderboard has rows. */
  g_assert_nonnull (strstr (gtk_label_get_text (hub_share_page_get_caption (page)), "%"));
  g_assert_nonnull (hub_share_page_get_leaderboard (page));
  g_assert_cmpuint (hub_share_page_get_leaderboard (page)->len, >, 0);

  check_chart_export (ctx, page);
  check_data_export (ctx, page, result);

  /* Highlight the first band as a legend click does; the tooltip text
   * names the period and bolds it. */
  hub_share_page_set_highlight (page, 0);
  g_assert_cmpint (hub_share_page_get_highlight (page), ==, 0);
  {
    g_autofree char *text = hub_share_page_dup_period_text (page, last);

    g_autofree char *year = g_strndup (result->period_labels[last], 4);

    /* A snapshot reads as its UTC date and time: "Aug 22, 2026 12:38 UTC". */
    g_assert_nonnull (strstr (text, year));
    g_assert_nonnull (strstr (text, " UTC</b>"));
    g_assert_nonnull (strstr (text, "<b>"));
    g_assert_null (hub_share_page_dup_period_text (page, result->n_periods));
  }

  hub_test_ui_spin (500);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "share.png");

  check_palette_setting (page);
  check_counting_choices (page);
  check_within (ctx, window, page);
  check_narrow (ctx, window);

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static gboolean
page_shows_error (gpointer data)
{
  return !hub_share_page_is_busy (data) && g_strcmp0 (hub_share_page_get_state (data), "error") == 0;
}

/* A query saved by an earlier run comes back whole: its filters (set before
 * the dataset gives the filter bar its items) and a Top that is none of the
 * dropdown's usual values (issue 19: Task was dropped, top=8 came back as 5). */
static gboolean
restored_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  g_autoptr(GSettings) settings = hub_settings_new ();
  g_autofree char *saved = NULL;
  HubSharePage *page;
  GtkDropDown *top;
  ResultWait wait = { 0 };
  HubQuery query;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  page = HUB_SHARE_PAGE (hub_window_get_page (window, "share"));
  hub_window_show_page (window, "share");
  wait.page = page;
  wait.by = HUB_QUERY_BY_COUNTRY;
  g_assert_true (hub_test_ui_wait_for (result_shown, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS));

  hub_share_page_get_query (page, &query);
  g_assert_cmpuint (query.top, ==, 8);
  g_assert_cmpstr (query.task, ==, "text-generation");
  /* The series is a control of the page now (issue 19), restored too. */
  g_assert_cmpstr (query.series, ==, "trending-top10");
  hub_query_clear (&query);
  {
    GtkDropDown *series = GTK_DROP_DOWN (hub_share_page_get_control (page, HUB_SHARE_CONTROL_SERIES));

    g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (series))),
                     ==, "trending-top10");
    g_assert_nonnull (strstr (gtk_label_get_text (hub_share_page_get_caption (page)), "trending-top10"));
    /* Where it sits: the More popover, with the counting choices. */
    g_assert_nonnull (gtk_widget_get_ancestor (GTK_WIDGET (series), GTK_TYPE_POPOVER));
  }
  top = GTK_DROP_DOWN (hub_share_page_get_control (page, HUB_SHARE_CONTROL_TOP));
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (top))), ==, "8");
  /* Saved again as it came, for the next start. */
  saved = g_settings_get_string (settings, "share-query");
  g_assert_nonnull (strstr (saved, "top=8"));
  g_assert_nonnull (strstr (saved, "task=text-generation"));
  g_assert_nonnull (strstr (saved, "series=trending-top10"));
  /* The other Top values are still offered, in order, All last. */
  {
    GListModel *items = gtk_drop_down_get_model (top);
    guint n = g_list_model_get_n_items (items);

    g_assert_cmpuint (n, ==, 6);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 1), ==, "8");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 2), ==, "10");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), n - 1), ==, "All");
  }

  /* Downloads between snapshots on a series without all-time totals: the
   * page says why, instead of an empty chart and "HHI 0.000 over 0
   * participants" (issue 19). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (hub_share_page_get_control (page, HUB_SHARE_CONTROL_MEASURE)), 1);
  g_assert_true (hub_test_ui_wait_for (page_shows_error, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  {
    GtkWidget *status = gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_ancestor (
                          GTK_WIDGET (hub_share_page_get_area_view (page)), GTK_TYPE_STACK)));

    g_assert_true (ADW_IS_STATUS_PAGE (status));
    g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                              "records no all-time download totals"));
  }
  hub_test_ui_spin (300);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "share-interval-no-totals.png");

  /* A finished export says so over the window, and the next save dialog
   * opens in its folder, not in the working directory (issue 19). */
  {
    g_autofree char *saved_path = g_build_filename (ctx->tmpdir, "share.csv", NULL);
    /* A plain chooser dialog: a native one loads its folder only when shown. */
    GtkWidget *chooser = gtk_file_chooser_dialog_new ("Export", GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      NULL, NULL);
    g_autoptr(GFile) folder = NULL;
    g_autofree char *folder_path = NULL;

    hub_export_report_saved (GTK_WIDGET (page), saved_path);
    g_assert_cmpstr (hub_window_get_last_toast (window), ==, "Exported “share.csv”");
    hub_export_propose_folder (GTK_FILE_CHOOSER (chooser), G_USER_DIRECTORY_DOCUMENTS);
    hub_test_ui_spin (200);
    folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
    g_assert_nonnull (folder);
    folder_path = g_file_get_path (folder);
    g_assert_cmpstr (folder_path, ==, ctx->tmpdir);
    gtk_window_destroy (GTK_WINDOW (chooser));
    hub_test_ui_spin (300);
    hub_test_ui_save_screenshot (GTK_WIDGET (window), "share-exported-toast.png");
  }

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_restored_query (void)
{
  g_autoptr(GSettings) settings = hub_settings_new ();

  g_assert_true (g_settings_set_string (settings, "share-query",
                                        "by=country;series=trending-top10;top=8;task=text-generation"));
  hub_test_ui_run_checks (restored_checks);
  g_settings_reset (settings, "share-query");
}

static void
test_share_page (void)
{
  hub_test_ui_run_checks (run_checks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/share/page", test_share_page);
  g_test_add_func ("/ui/share/restored-query", test_restored_query);

  return g_test_run ();
}
