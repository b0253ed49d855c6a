/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hub-breakdown-page.h"
#include "hub-settings.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-window.h"

/* The Entities view (the Breakdown page) in the running application: its
 * numbers are the command line's, byte for byte; the arrow keys walk the
 * cells and a screen reader hears the cell; both views draw; the export
 * writes what `hubeco breakdown` prints. */

typedef HubTestUiContext Context;

typedef struct {
  HubBreakdownPage         *page;
  HubBreakdownDim           rows;
  HubBreakdownDim           cols;
  const char               *series;
} ResultWait;

static gboolean
result_shown (gpointer data)
{
  ResultWait *wait = data;
  const HubBreakdownResult *res = hub_breakdown_page_get_result (wait->page);

  return !hub_breakdown_page_is_busy (wait->page) && res != NULL &&
         res->rows_dim == wait->rows && res->cols_dim == wait->cols &&
         (wait->series == NULL || g_strcmp0 (res->series, wait->series) == 0);
}

static const HubBreakdownResult *
wait_result (HubBreakdownPage *page,
             HubBreakdownDim   rows,
             HubBreakdownDim   cols,
             const char       *series)
{
  ResultWait wait = { page, rows, cols, series };

  if (!hub_test_ui_wait_for (result_shown, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("No breakdown of %s by %s", hub_breakdown_dim_to_string (rows), hub_breakdown_dim_to_string (cols));
  return hub_breakdown_page_get_result (page);
}

/* `hubeco breakdown ARGS --format csv` on @db. */
static char *
run_cli (const char *db,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) hub_test_hubeco_bin ());
  g_ptr_array_add (argv, (gpointer) "breakdown");
  va_start (args, db);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--format");
  g_ptr_array_add (argv, (gpointer) "csv");
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return out;
}

static gboolean
select_catalogue_series (gpointer page)
{
  return hub_breakdown_page_set_series (page, "radar-export");
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  HubBreakdownPage *page;
  const HubBreakdownResult *res;
  g_autofree char *csv_path = g_build_filename (ctx->tmpdir, "entities.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *printed = NULL;
  g_autoptr(GError) error = NULL;
  const char *readout;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  page = HUB_BREAKDOWN_PAGE (hub_window_get_page (window, "breakdown"));
  g_assert_nonnull (page);
  hub_window_show_page (window, "breakdown");

  /* The first result: the top 50 developers by modality. */
  res = wait_result (page, HUB_BREAKDOWN_DEVELOPER, HUB_BREAKDOWN_MODALITY, NULL);
  g_assert_cmpuint (g_strv_length (res->developers), <=, 50);
  g_assert_cmpint (res->total, >, 0);

  /* Country by size threshold on the catalogue's series: what the window
   * exports is what `hubeco breakdown` prints, byte for byte. */
  g_assert_true (hub_test_ui_wait_for (select_catalogue_series, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  hub_breakdown_page_set_top (page, 20);
  hub_breakdown_page_set_dims (page, HUB_BREAKDOWN_COUNTRY, HUB_BREAKDOWN_SIZE_THRESHOLD);
  res = wait_result (page, HUB_BREAKDOWN_COUNTRY, HUB_BREAKDOWN_SIZE_THRESHOLD, "radar-export");
  g_assert_cmpuint (g_strv_length (res->developers), ==, 20);
  /* The choices are remembered for the next start. */
  {
    g_autoptr(GSettings) settings = hub_settings_new ();
    g_autofree char *rows = g_settings_get_string (settings, "breakdown-rows");
    g_autofree char *cols = g_settings_get_string (settings, "breakdown-cols");

    g_assert_cmpstr (rows, ==, "country");
    g_assert_cmpstr (cols, ==, "size-threshold");
    g_assert_cmpuint (g_settings_get_uint (settings, "breakdown-top"), ==, 20);
  }
  g_assert_true (hub_breakdown_page_export_data (page, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &exported, NULL, NULL));
  printed = run_cli (ctx->db_path, "--top", "20", "--rows", "country", "--cols", "size-threshold",
                     "--series", "radar-export", NULL);
  g_assert_cmpstr (exported, ==, printed);

  /* The arrow keys walk the cells; the readout says what a cell holds, as
   * a person reads it. */
  readout = hub_breakdown_page_move_focus (page, 0, 0);
  g_assert_nonnull (readout);
  g_test_message ("first cell: %s", readout);
  g_assert_true (g_str_has_prefix (readout, res->row_names[0]));
  /* A country is read by its name, not its code (issue 19). */
  g_assert_cmpuint (strlen (res->row_labels[0]), ==, 2);
  g_assert_cmpuint (strlen (res->row_names[0]), >, 2);
  readout = hub_breakdown_page_move_focus (page, 1, 1);
  g_assert_nonnull (strstr (readout, res->row_names[MIN (1, res->n_rows - 1)]));
  g_assert_nonnull (strstr (readout, res->col_names[MIN (1, res->n_cols - 1)]));
  g_assert_nonnull (strstr (readout, "downloads"));
  readout = hub_breakdown_page_move_focus (page, G_MAXINT, G_MAXINT);
  g_assert_nonnull (strstr (readout, res->row_names[res->n_rows - 1]));

  hub_test_ui_spin (400);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "entities-heatmap.png");
  hub_breakdown_page_set_view (page, HUB_BREAKDOWN_CHART_BARS);
  {
    g_autoptr(GSettings) settings = hub_settings_new ();
    g_autofree char *view = g_settings_get_string (settings, "breakdown-view");

    g_assert_cmpstr (view, ==, "bars");
  }
  hub_test_ui_spin (400);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "entities-bars.png");

  /* Languages: the one dimension a model counts in more than once. */
  hub_breakdown_page_set_dims (page, HUB_BREAKDOWN_DEVELOPER, HUB_BREAKDOWN_LANGUAGE);
  res = wait_result (page, HUB_BREAKDOWN_DEVELOPER, HUB_BREAKDOWN_LANGUAGE, "radar-export");
  g_assert_cmpint (res->col_unknown, >=, 0);
  g_assert_cmpstr (res->col_labels[0], ==, "English");

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_breakdown_page (void)
{
  hub_test_ui_run_checks (run_checks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/breakdown/page", test_breakdown_page);

  return g_test_run ();
}
