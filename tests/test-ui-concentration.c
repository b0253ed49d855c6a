/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Share view's concentration explorer, its intervals and Compare
 * Methods (issue 17), against the command line on the same database. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hub-concentration-panel.h"
#include "hub-export-dialog.h"
#include "hub-sensitivity-view.h"
#include "hub-settings.h"
#include "hub-share-page.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-window.h"

typedef HubTestUiContext Context;

typedef struct {
  HubSharePage         *page;
  const HubShareResult *previous;
} ResultWait;

static gboolean
new_result (gpointer data)
{
  ResultWait *wait = data;

  return !hub_share_page_is_busy (wait->page) && hub_share_page_get_result (wait->page) != NULL &&
         hub_share_page_get_result (wait->page) != wait->previous;
}

static gboolean
idle (gpointer data)
{
  return !hub_share_page_is_busy (data);
}

/* The last line of @text that starts with @prefix (a copy), or NULL. */
static char *
line_starting (const char *text,
               const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  char *found = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        g_free (found);
        found = g_strdup (lines[i]);
      }
  return found;
}

/* The explorer shows what `hubeco concentration --participants` counts:
 * the same k for each share, the same first names. */
static void
check_explorer (Context      *ctx,
                HubSharePage *page)
{
  HubConcentrationPanel *panel = HUB_CONCENTRATION_PANEL (hub_share_page_get_control (page, HUB_SHARE_CONTROL_EXPLORER));
  const HubShareResult *result = hub_share_page_get_result (page);
  g_autofree char *text = hub_concentration_panel_dup_text (panel);
  HubTestRun run = { 0 };
  g_autofree char *query = NULL;
  HubQuery q;

  g_assert_true (result->has_detail);
  g_assert_cmpuint (result->detail_period, ==, result->n_periods - 1);
  g_assert_null (result->bootstrap);
  hub_share_page_get_query (page, &q);
  query = hub_query_to_string (&q);
  hub_query_clear (&q);
  hub_test_run_hubeco (&run, ctx->db_path, "concentration", "--query", query, "--participants", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_test_message ("%s", text);
  {
    static const int shares[] = { 50, 80, 90, 99 };

    for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
      {
        g_autofree char *cover = g_strdup_printf (" cover %d%%:", shares[i]);
        g_autofree char *covers = g_strdup_printf (" covers %d%%:", shares[i]);
        g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);
        g_autofree char *k = NULL;
        g_autofree char *panel_line = NULL;
        g_autofree char *cli_names = NULL;

        for (guint j = 0; lines[j] != NULL && k == NULL; j++)
          if (strstr (lines[j], cover) != NULL || strstr (lines[j], covers) != NULL)
            {
              k = g_strndup (lines[j], strcspn (lines[j], " "));
              cli_names = g_strdup (strchr (lines[j], ':') + 2);
            }
        g_assert_nonnull (k);
        {
          g_autofree char *prefix = g_strdup_printf ("%s make%s up %d %%: ", k, g_str_equal (k, "1") ? "s" : "",
                                                     shares[i]);

          panel_line = line_starting (text, prefix);
          g_assert_nonnull (panel_line);
          /* The same first name. */
          g_assert_cmpuint (strcspn (cli_names, ","), >, 0);
          g_assert_true (strncmp (panel_line + strlen (prefix), cli_names, strcspn (cli_names, ",")) == 0);
        }
      }
  }
  hub_test_run_clear (&run);
  /* export-chart lorenz: the same participants as rows, and a figure. */
  {
    g_autofree char *csv = g_build_filename (ctx->tmpdir, "lorenz.csv", NULL);
    g_autofree char *png = g_build_filename (ctx->tmpdir, "lorenz.png", NULL);
    g_autofree char *written = NULL;
    HubTestRun rows = { 0 }, chart = { 0 }, figure = { 0 };
    gsize png_len = 0;
    g_autofree char *png_bytes = NULL;

    hub_test_run_hubeco (&rows, ctx->db_path, "concentration", "--query", query, "--participants", "--format", "csv",
                         NULL);
    hub_test_run_hubeco (&chart, ctx->db_path, "export-chart", "lorenz", "--query", query, "--output", csv, NULL);
    hub_test_run_hubeco (&figure, ctx->db_path, "export-chart", "lorenz", "--query", query, "--output", png, NULL);
    g_assert_cmpint (chart.status, ==, 0);
    g_assert_cmpint (figure.status, ==, 0);
    g_assert_true (g_file_get_contents (csv, &written, NULL, NULL));
    g_assert_cmpstr (written, ==, rows.out);
    g_assert_true (g_file_get_contents (png, &png_bytes, &png_len, NULL));
    g_assert_cmpuint (png_len, >, 1000);
    hub_test_run_clear (&rows);
    hub_test_run_clear (&chart);
    hub_test_run_clear (&figure);
  }
  hub_test_ui_save_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (panel))), "share-explorer.png");
}

/* The explorer follows the chart's keyboard cursor: one period back shows
 * that period's participants (few categories: every period's are kept). */
static void
check_cursor (HubSharePage *page)
{
  HubConcentrationPanel *panel = HUB_CONCENTRATION_PANEL (hub_share_page_get_control (page, HUB_SHARE_CONTROL_EXPLORER));
  GtkWidget *area = hub_share_page_get_area_view (page);
  const HubShareResult *result = hub_share_page_get_result (page);
  g_autofree char *latest = hub_concentration_panel_dup_text (panel);
  g_autofree char *earlier = NULL;
  g_autofree char *back = NULL;
  const HubShareParticipants *kept;
  guint period;

  g_assert_cmpuint (result->n_periods, >=, 2);
  period = result->n_periods - 2;
  kept = hub_share_result_get_participants (result, period);
  g_assert_nonnull (kept);
  g_signal_emit_by_name (area, "step", G_MAXINT);   /* End: the latest */
  g_signal_emit_by_name (area, "step", -1);
  earlier = hub_concentration_panel_dup_text (panel);
  g_test_message ("%s", earlier);
  g_assert_cmpstr (earlier, !=, latest);
  {
    guint k = hub_share_cover_count (kept->values, kept->n, FALSE, 0.9);
    g_autofree char *line = g_strdup_printf ("\n%u make%s up 90 %%: %s", k, k == 1 ? "s" : "", kept->names[0]);

    g_assert_nonnull (strstr (earlier, line));
  }
  g_signal_emit_by_name (area, "step", 1);
  back = hub_concentration_panel_dup_text (panel);
  g_assert_cmpstr (back, ==, latest);
}

/* With the intervals on, the page's result carries 200 seeded draws, and
 * the panel shows the HHI interval `hubeco concentration --bootstrap 200`
 * writes for the last period. */
static void
check_intervals (Context      *ctx,
                 HubSharePage *page)
{
  HubConcentrationPanel *panel = HUB_CONCENTRATION_PANEL (hub_share_page_get_control (page, HUB_SHARE_CONTROL_EXPLORER));
  g_autoptr(GSettings) settings = hub_settings_new ();
  ResultWait wait = { page, hub_share_page_get_result (page) };
  const HubShareResult *result;
  g_autofree char *text = NULL;
  g_autofree char *query = NULL;
  g_autofree char *expected = NULL;
  HubTestRun run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) cells = NULL;
  HubQuery q;
  guint n;

  g_settings_set_boolean (settings, "share-intervals", TRUE);
  g_assert_true (hub_test_ui_wait_for (new_result, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  result = hub_share_page_get_result (page);
  g_assert_nonnull (result->bootstrap);
  g_assert_cmpuint (result->bootstrap_draws, ==, 200);
  g_assert_true (result->bootstrap[result->n_periods - 1].drawn);
  text = hub_concentration_panel_dup_text (panel);
  g_assert_nonnull (strstr (text, "90 % intervals from 200 draws"));

  hub_share_page_get_query (page, &q);
  query = hub_query_to_string (&q);
  hub_query_clear (&q);
  hub_test_run_hubeco (&run, ctx->db_path, "concentration", "--query", query, "--bootstrap", "200",
                       "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, ==, 1 + result->n_periods);
  g_assert_true (g_str_has_prefix (lines[0], "period,hhi,gini,top1,top10,top100,participants,k90,equivalent,hhi_lo,hhi_hi"));
  cells = g_strsplit (lines[n - 1], ",", -1);
  /* HHI (lo–hi) as the panel writes them. */
  expected = g_strdup_printf ("HHI %.3f (%.3f–%.3f)", g_ascii_strtod (cells[1], NULL), g_ascii_strtod (cells[9], NULL),
                              g_ascii_strtod (cells[10], NULL));
  g_test_message ("%s", expected);
  g_assert_nonnull (strstr (text, expected));
  hub_test_run_clear (&run);
  hub_test_ui_save_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (panel))), "share-explorer-intervals.png");
  g_settings_set_boolean (settings, "share-intervals", FALSE);
  g_assert_true (hub_test_ui_wait_for (idle, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
}

/* Compare Methods: six panels for attribution × window, and the change
 * `hubeco sensitivity` names. */
static void
check_methods (Context      *ctx,
               HubSharePage *page,
               HubWindow    *window)
{
  HubSensitivityView *view = HUB_SENSITIVITY_VIEW (hub_share_page_get_control (page, HUB_SHARE_CONTROL_SENSITIVITY));
  GtkToggleButton *toggle = GTK_TOGGLE_BUTTON (hub_share_page_get_control (page, HUB_SHARE_CONTROL_METHODS));
  HubSensitivityResult *grid;
  g_autofree char *change = NULL;
  g_autofree char *query = NULL;
  g_autofree char *cli_change = NULL;
  HubTestRun run = { 0 };
  HubQuery q;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view)));
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_true (hub_test_ui_wait_for (idle, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  grid = hub_sensitivity_view_get_result (view);
  g_assert_nonnull (grid);
  g_assert_cmpuint (grid->n_methods, ==, 6);
  hub_share_page_get_query (page, &q);
  g_assert_true (hub_query_equal (&grid->methods[0].query, &q));
  query = hub_query_to_string (&q);
  hub_query_clear (&q);
  change = hub_sensitivity_change_text (grid);
  hub_test_run_hubeco (&run, ctx->db_path, "sensitivity", "--query", query, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_change = line_starting (run.out, "With ");
  g_assert_cmpstr (change, ==, cli_change);
  hub_test_run_clear (&run);
  /* The window's exports are the command line's, byte for byte. */
  {
    g_autofree char *csv = g_build_filename (ctx->tmpdir, "methods.csv", NULL);
    g_autofree char *gui_png = g_build_filename (ctx->tmpdir, "methods-gui.png", NULL);
    g_autofree char *cli_png = g_build_filename (ctx->tmpdir, "methods-cli.png", NULL);
    g_autofree char *manifest = g_build_filename (ctx->tmpdir, "methods.manifest.json", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *gui_bytes = NULL;
    g_autofree char *cli_bytes = NULL;
    g_autofree char *manifest_text = NULL;
    g_autoptr(GError) error = NULL;
    HubTestRun rows = { 0 }, png = { 0 };
    GtkWindow *dialog;
    gsize gui_len, cli_len;

    g_assert_true (hub_test_ui_share_export_data (page, csv, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
    hub_test_run_hubeco (&rows, ctx->db_path, "sensitivity", "--query", query, "--format", "csv", NULL);
    g_assert_cmpstr (contents, ==, rows.out);
    g_assert_true (g_file_get_contents (manifest, &manifest_text, NULL, NULL));
    g_assert_nonnull (strstr (manifest_text, "\"kind\" : \"sensitivity\""));
    g_assert_nonnull (strstr (manifest_text, "vary=attribution,window"));

    dialog = hub_share_page_export_chart (page);
    g_assert_nonnull (dialog);
    g_assert_true (hub_export_dialog_write (dialog, gui_png, &error));
    g_assert_no_error (error);
    gtk_window_destroy (dialog);
    hub_test_run_hubeco (&png, ctx->db_path, "export-chart", "sensitivity", "--query", query, "--output", cli_png,
                         NULL);
    g_assert_cmpint (png.status, ==, 0);
    g_assert_true (g_file_get_contents (gui_png, &gui_bytes, &gui_len, NULL));
    g_assert_true (g_file_get_contents (cli_png, &cli_bytes, &cli_len, NULL));
    g_assert_cmpuint (gui_len, >, 1000);
    g_assert_cmpmem (gui_bytes, gui_len, cli_bytes, cli_len);
    hub_test_run_clear (&rows);
    hub_test_run_clear (&png);
  }
  hub_test_ui_spin (500);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "share-methods.png");
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view)));
}

/* The left-out kinds are part of the page's query and its text form. */
static void
check_exclude (HubSharePage *page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  HubQuery wanted, shown;

  g_assert_true (hub_query_parse (&wanted, "by=group;exclude=gguf,embeddings", &error));
  hub_share_page_set_query (page, &wanted);
  hub_share_page_get_query (page, &shown);
  g_assert_cmpuint (shown.exclude, ==, HUB_MODEL_KIND_GGUF | HUB_MODEL_KIND_EMBEDDINGS);
  text = hub_query_to_string (&shown);
  g_assert_nonnull (strstr (text, "exclude=gguf,embeddings"));
  hub_query_clear (&shown);
  hub_query_clear (&wanted);
  g_assert_true (hub_query_parse (&wanted, "by=group", &error));
  hub_share_page_set_query (page, &wanted);
  hub_query_clear (&wanted);
  g_assert_true (hub_test_ui_wait_for (idle, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
}

/* By library (many models name none: Unknown), the highlighted band's
 * tooltip gives its share plus Unknown's as the upper bound. */
static void
check_coverage_band (HubSharePage *page)
{
  g_autoptr(GError) error = NULL;
  ResultWait wait = { page, hub_share_page_get_result (page) };
  const HubShareResult *r;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  HubQuery query;
  gint64 unknown = 0;
  guint last;

  g_assert_true (hub_query_parse (&query, "by=library;top=5", &error));
  hub_share_page_set_query (page, &query);
  hub_query_clear (&query);
  g_assert_true (hub_test_ui_wait_for (new_result, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  r = hub_share_page_get_result (page);
  last = r->n_periods - 1;
  for (guint c = 0; c < r->n_columns; c++)
    if (r->column_kind[c] == HUB_SHARE_COLUMN_UNKNOWN)
      unknown = r->values[(gsize) last * r->n_columns + c];
  g_assert_cmpint (unknown, >, 0);
  g_assert_cmpint (r->column_kind[0], ==, HUB_SHARE_COLUMN_CATEGORY);
  hub_share_page_set_highlight (page, 0);
  text = hub_share_page_dup_period_text (page, last);
  {
    double hi = (double) (r->values[(gsize) last * r->n_columns] + unknown) / (double) r->totals[last];
    g_autofree char *percent = g_strdup_printf ("%.1f%%", 100 * hi);

    expected = g_strdup_printf ("up to %s if every Unknown download were its", percent);
  }
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, expected));
  hub_share_page_set_highlight (page, -1);
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  HubSharePage *page;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  page = HUB_SHARE_PAGE (hub_window_get_page (window, "share"));
  hub_window_show_page (window, "share");
  g_assert_true (hub_test_ui_wait_for (idle, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  g_assert_nonnull (hub_share_page_get_result (page));

  check_exclude (page);
  check_coverage_band (page);
  check_explorer (ctx, page);
  check_cursor (page);
  check_intervals (ctx, page);
  check_methods (ctx, page, window);

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_concentration_view (void)
{
  hub_test_ui_run_checks (run_checks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/share/concentration", test_concentration_view);
  return g_test_run ();
}
