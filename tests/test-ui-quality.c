/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "hub-quality-page.h"
#include "hub-settings.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

/* The Quality view in the running application: the shipped score sets
 * are there on first launch; what the window exports is what `hubeco
 * quality` prints, byte for byte; the arrows walk the points and a screen
 * reader hears the point; a listed model opens in Trending, whose detail
 * pane shows its scores. */

typedef HubTestUiContext Context;

typedef struct {
  HubQualityPage *page;
  const char     *set;
  const char     *benchmark;
} ResultWait;

static gboolean
result_shown (gpointer data)
{
  ResultWait *wait = data;
  const HubQualityResult *res = hub_quality_page_get_result (wait->page);

  return !hub_quality_page_is_busy (wait->page) && res != NULL &&
         g_strcmp0 (res->score_set, wait->set) == 0 && g_strcmp0 (res->benchmarks[0], wait->benchmark) == 0;
}

static const HubQualityResult *
wait_result (HubQualityPage *page,
             const char     *set,
             const char     *benchmark)
{
  ResultWait wait = { page, set, benchmark };

  if (!hub_test_ui_wait_for (result_shown, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("No quality figure of %s %s", set, benchmark);
  return hub_quality_page_get_result (page);
}

static gboolean
lines_set (gpointer data)
{
  const HubQualityResult *res = hub_quality_page_get_result (data);

  return !hub_quality_page_is_busy (data) && res != NULL && !res->score_line_median;
}

static gboolean
relative_shown (gpointer data)
{
  const HubQualityResult *res = hub_quality_page_get_result (data);

  return !hub_quality_page_is_busy (data) && res != NULL && res->relative &&
         g_strcmp0 (res->benchmarks[0], "rank") == 0;
}

static gboolean
scores_shown (gpointer data)
{
  HubDetailPane *pane = data;

  return !hub_detail_pane_is_loading (pane) && hub_detail_pane_get_n_scores (pane) > 0;
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  HubQualityPage *page;
  const HubQualityResult *res;
  g_autofree char *csv_path = g_build_filename (ctx->tmpdir, "quality.csv", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(GError) error = NULL;
  HubTestRun run = { 0 };
  const HubQualityPoint *first;
  HubDetailPane *pane;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  page = HUB_QUALITY_PAGE (hub_window_get_page (window, "quality"));
  g_assert_nonnull (page);
  /* Hidden, the view computes nothing (no work added to start-up). */
  hub_test_ui_spin (500);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (hub_quality_page_get_result (page));
  hub_window_show_page (window, "quality");

  /* The first figure: the first set by name, on its overall rank. */
  res = wait_result (page, "euroeval-english", "rank");
  g_assert_true (res->lower_better);
  g_assert_cmpuint (res->points->len, >, 10);

  /* MTEB's STSBenchmark: the window's export is the command line's. */
  /* Relative to the size class: EuroEval's rank on the catalogue's series. */
  hub_quality_page_set_adoption (page, HUB_QUALITY_PAGE_RELATIVE);
  hub_quality_page_select (page, "euroeval-english", "rank");
  g_assert_true (hub_test_ui_wait_for (relative_shown, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  res = hub_quality_page_get_result (page);
  g_assert_cmpuint (res->points->len, >, 3);
  hub_test_ui_spin (400);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "quality-relative.png");
  hub_quality_page_set_adoption (page, HUB_QUALITY_PAGE_OWN);

  hub_quality_page_select (page, "mteb-english", "STSBenchmark");
  res = wait_result (page, "mteb-english", "STSBenchmark");
  g_assert_cmpstr (res->series, ==, "osir-monthly");
  g_assert_true (hub_quality_page_export_data (page, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &exported, NULL, NULL));
  hub_test_run_hubeco (&run, ctx->db_path, "quality", "--scores", "mteb-english", "--benchmark", "STSBenchmark",
                       "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (exported, ==, run.out);
  hub_test_run_clear (&run);
  /* Its manifest names the series read and how the figure was drawn. */
  {
    g_autofree char *manifest_path = g_build_filename (ctx->tmpdir, "quality.manifest.json", NULL);
    g_autofree char *manifest = NULL;

    g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
    g_assert_nonnull (strstr (manifest, "series=osir-monthly"));
    g_assert_nonnull (strstr (manifest, "scores=mteb-english;benchmark=STSBenchmark;inherit=false;relative=false"));
  }

  /* Lines where the user sets them: the command line's --score-line and
   * --adoption-line give the same points. */
  hub_quality_page_set_lines (page, 0.85, 1000000);
  g_assert_true (hub_test_ui_wait_for (lines_set, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  res = hub_quality_page_get_result (page);
  g_assert_cmpfloat (res->score_line, ==, 0.85);
  g_assert_cmpfloat (res->adoption_line, ==, 1000000);
  g_clear_pointer (&exported, g_free);
  g_assert_true (hub_quality_page_export_data (page, csv_path, &error));
  g_assert_true (g_file_get_contents (csv_path, &exported, NULL, NULL));
  hub_test_run_hubeco (&run, ctx->db_path, "quality", "--scores", "mteb-english", "--benchmark", "STSBenchmark",
                       "--score-line", "0.85", "--adoption-line", "1000000", "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (exported, ==, run.out);
  hub_test_run_clear (&run);
  hub_quality_page_set_lines (page, NAN, NAN);
  res = wait_result (page, "mteb-english", "STSBenchmark");

  hub_quality_page_set_color (page, HUB_QUALITY_CHART_COLOR_TASK);
  hub_test_ui_spin (400);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "quality-mteb.png");

  /* The mean of EuroEval's seven task scores (its rank, lower is better,
   * stays out); the choices are remembered for the next start. */
  hub_quality_page_select (page, "euroeval-english", "mean");
  res = wait_result (page, "euroeval-english", "cnn_dailymail");
  g_assert_cmpuint (g_strv_length (res->benchmarks), ==, 7);
  g_assert_false (res->lower_better);
  g_assert_cmpuint (res->points->len, >, 5);
  {
    g_autoptr(GSettings) settings = hub_settings_new ();
    g_autofree char *set = g_settings_get_string (settings, "quality-set");
    g_autofree char *benchmark = g_settings_get_string (settings, "quality-benchmark");
    g_autofree char *color = g_settings_get_string (settings, "quality-color");

    g_assert_cmpstr (set, ==, "euroeval-english");
    g_assert_cmpstr (benchmark, ==, "mean");
    g_assert_cmpstr (color, ==, "task");
  }
  hub_quality_page_select (page, "mteb-english", "STSBenchmark");
  res = wait_result (page, "mteb-english", "STSBenchmark");

  /* A listed model opens in Trending with its measured scores. */
  first = &g_array_index (res->points, HubQualityPoint, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.show-model", "s", first->id));
  hub_test_ui_spin (200);
  g_assert_true (gtk_widget_get_mapped (hub_window_get_page (window, "trending")));
  pane = hub_trending_page_get_detail_pane (HUB_TRENDING_PAGE (hub_window_get_page (window, "trending")));
  g_assert_cmpstr (hub_detail_pane_get_model_id (pane), ==, first->id);
  g_assert_true (hub_test_ui_wait_for (scores_shown, pane, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  g_test_message ("%s: %u scores", first->id, hub_detail_pane_get_n_scores (pane));
  hub_test_ui_spin (400);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "detail-scores.png");

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_quality_page (void)
{
  hub_test_ui_run_checks (run_checks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/quality/page", test_quality_page);

  return g_test_run ();
}
