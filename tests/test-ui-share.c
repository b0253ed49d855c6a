/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "hub-observations.h"
#include "hub-share-page.h"
#include "hub-share-query.h"
#include "hub-store.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-window.h"

typedef struct {
  char     *db_path;
  gboolean  checked;
} Context;

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

  /* The legend's first category is the core's. */
  hub_share_page_get_query (page, &query);
  g_assert_cmpint (query.by, ==, HUB_QUERY_BY_COUNTRY);
  expected = core_result (ctx->db_path, hub_window_get_dataset (window), &query);
  hub_query_clear (&query);
  g_assert_cmpuint (expected->n_columns, ==, result->n_columns);
  g_assert_cmpstr (hub_share_page_get_legend_label (page, 0), ==, expected->column_labels[0]);
  g_assert_cmpint (expected->values[(gsize) last * expected->n_columns], ==,
                   result->values[(gsize) last * result->n_columns]);

  /* The caption names the coverage, the leaderboard has rows. */
  g_assert_nonnull (strstr (gtk_label_get_text (hub_share_page_get_caption (page)), "%"));
  g_assert_nonnull (hub_share_page_get_leaderboard (page));
  g_assert_cmpuint (hub_share_page_get_leaderboard (page)->len, >, 0);

  /* Highlight the first band as a legend click does; the tooltip text
   * names the period and bolds it. */
  hub_share_page_set_highlight (page, 0);
  g_assert_cmpint (hub_share_page_get_highlight (page), ==, 0);
  {
    g_autofree char *text = hub_share_page_dup_period_text (page, last);

    g_assert_nonnull (strstr (text, result->period_labels[last]));
    g_assert_nonnull (strstr (text, "<b>"));
    g_assert_null (hub_share_page_dup_period_text (page, result->n_periods));
  }

  hub_test_ui_spin (500);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "share.png");

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_share_page (void)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  Context ctx = { 0 };

  ctx.db_path = g_build_filename (tmpdir, "hubeco.db", NULL);
  hub_test_ui_run_app (ctx.db_path, run_checks, &ctx);
  g_assert_true (ctx.checked);
  g_free (ctx.db_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/share/page", test_share_page);

  return g_test_run ();
}
