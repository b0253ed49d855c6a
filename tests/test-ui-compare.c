/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "hub-chart-view.h"
#include "hub-compare-page.h"
#include "hub-settings.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

/* The Compare view in the running application: a model comes from the
 * Trending details' "Add to Compare"; others are added by id, and an
 * unknown id is refused; what the window exports is what `hubeco compare`
 * prints, byte for byte; the first family's split is shown and sums to the
 * family's curve; the subjects are remembered. */

typedef HubTestUiContext Context;

#define QWEN "Qwen/Qwen3.8-27B"
#define DEEPSEEK "deepseek-ai/DeepSeek-V4-Flash-0731"

static gboolean
shown_n (HubComparePage *page,
         guint           n)
{
  const HubCompareResult *res = hub_compare_page_get_result (page);

  return !hub_compare_page_is_busy (page) && res != NULL && res->curves->len == n;
}

static gboolean
one_shown (gpointer data)
{
  return shown_n (data, 1);
}

static gboolean
three_shown (gpointer data)
{
  return shown_n (data, 3) && hub_compare_page_get_split (data) != NULL;
}

static gboolean
cumulative_shown (gpointer data)
{
  const HubCompareResult *res = hub_compare_page_get_result (data);

  return shown_n (data, 3) && res->measure == HUB_COMPARE_CUMULATIVE;
}

/* The chart views under @widget, in the order they are laid out. */
static void
collect_chart_views (GtkWidget *widget,
                     GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (HUB_IS_CHART_VIEW (child))
        g_ptr_array_add (out, child);
      else
        collect_chart_views (child, out);
    }
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  HubComparePage *page;
  HubTrendingPage *trending;
  HubDetailPane *pane;
  const HubCompareResult *res;
  const HubFamilySplit *split;
  const HubCompareCurve *family;
  g_autofree char *csv_path = g_build_filename (ctx->tmpdir, "compare.csv", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(GError) error = NULL;
  HubTestRun run = { 0 };

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  page = HUB_COMPARE_PAGE (hub_window_get_page (window, "compare"));
  g_assert_nonnull (page);
  g_assert_null (hub_compare_page_get_result (page));

  /* From the Trending details. */
  trending = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));
  hub_window_show_page (window, "trending");
  hub_trending_page_show_model (trending, hub_dataset_find_model (hub_window_get_dataset (window), QWEN));
  pane = hub_trending_page_get_detail_pane (trending);
  g_assert_cmpstr (hub_detail_pane_get_model_id (pane), ==, QWEN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "detail.compare", NULL));
  hub_test_ui_spin (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (hub_test_ui_wait_for (one_shown, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  res = hub_compare_page_get_result (page);
  g_assert_cmpstr (((HubCompareCurve *) g_ptr_array_index (res->curves, 0))->id, ==, QWEN);

  /* By id; twice, or unknown, is refused. */
  g_assert_true (hub_compare_page_add (page, DEEPSEEK));
  g_assert_false (hub_compare_page_add (page, DEEPSEEK));
  g_assert_false (hub_compare_page_add (page, "Qwen/Qwen3.8-27C"));
  g_assert_true (hub_compare_page_add (page, "family:" QWEN));
  g_assert_true (hub_test_ui_wait_for (three_shown, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  res = hub_compare_page_get_result (page);
  split = hub_compare_page_get_split (page);
  family = g_ptr_array_index (res->curves, 2);
  g_assert_true (family->family);
  g_assert_cmpstr (split->root_id, ==, QWEN);
  g_assert_cmpuint (split->n_groups, >, 0);
  /* The split of the last snapshot sums to the family's last point. */
  {
    guint64 sum = 0;
    const HubComparePoint *last = &g_array_index (family->points, HubComparePoint, family->points->len - 1);

    for (guint p = 0; p < HUB_N_FAMILY_PARTS; p++)
      sum += split->values[(split->n_groups - 1) * HUB_N_FAMILY_PARTS + p];
    g_assert_cmpint (split->group_time[split->n_groups - 1], ==, last->time);
    g_assert_cmpfloat ((double) sum, ==, last->value);
  }
  /* Attention against adoption among the first model's task, the
   * compared models ringed. */
  {
    const HubAttentionResult *attention = hub_compare_page_get_attention (page);

    g_assert_nonnull (attention);
    g_assert_cmpuint (attention->n_models, >, 100);
    g_assert_cmpint (hub_attention_find (attention, hub_dataset_find_model (hub_window_get_dataset (window), QWEN)),
                     >=, 0);
  }
  /* Hovering the family split names the part, the snapshot and its share. */
  {
    g_autoptr(GPtrArray) views = g_ptr_array_new ();
    g_autofree char *text = NULL;
    GtkWidget *family_view;

    collect_chart_views (GTK_WIDGET (page), views);
    g_assert_cmpuint (views->len, ==, 4);
    family_view = g_ptr_array_index (views, 2);
    hub_test_ui_spin (200);
    text = hub_chart_view_dup_hover_text (HUB_CHART_VIEW (family_view), gtk_widget_get_width (family_view) * 0.6,
                                          gtk_widget_get_height (family_view) * 0.5);
    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, ", 2026-08-"));
    g_assert_nonnull (strstr (text, "%)"));
    g_test_message ("Family split, hovered: %s", text);
  }
  hub_test_ui_spin (400);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "compare.png");

  /* The window's export is the command line's. */
  g_assert_true (hub_compare_page_export_data (page, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &exported, NULL, NULL));
  hub_test_run_hubeco (&run, ctx->db_path, "compare", QWEN, DEEPSEEK, "--family", QWEN, "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (exported, ==, run.out);
  hub_test_run_clear (&run);
  {
    g_autofree char *manifest_path = g_build_filename (ctx->tmpdir, "compare.manifest.json", NULL);
    g_autofree char *manifest = NULL;

    g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
    g_assert_nonnull (strstr (manifest, "\"kind\" : \"compare\""));
    g_assert_nonnull (strstr (manifest, "subjects=" QWEN "," DEEPSEEK ",family:" QWEN ";measure=downloads"));
  }

  /* Cumulative downloads: the same figure as the command line's. */
  hub_compare_page_set_measure (page, HUB_COMPARE_CUMULATIVE);
  g_assert_true (hub_test_ui_wait_for (cumulative_shown, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  g_clear_pointer (&exported, g_free);
  g_assert_true (hub_compare_page_export_data (page, csv_path, &error));
  g_assert_true (g_file_get_contents (csv_path, &exported, NULL, NULL));
  hub_test_run_hubeco (&run, ctx->db_path, "compare", QWEN, DEEPSEEK, "--family", QWEN, "--measure", "cumulative",
                       "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (exported, ==, run.out);
  hub_test_run_clear (&run);

  /* Remembered for the next start. */
  {
    g_autoptr(GSettings) settings = hub_settings_new ();
    g_auto(GStrv) subjects = g_settings_get_strv (settings, "compare-subjects");
    g_autofree char *measure = g_settings_get_string (settings, "compare-measure");

    g_assert_cmpuint (g_strv_length (subjects), ==, 3);
    g_assert_cmpstr (subjects[2], ==, "family:" QWEN);
    g_assert_cmpstr (measure, ==, "cumulative");
  }

  /* The page scrolled to its end: the scores and the family's split. */
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (GTK_WIDGET (page)));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    hub_test_ui_spin (400);
    hub_test_ui_save_screenshot (GTK_WIDGET (window), "compare-end.png");
  }

  hub_compare_page_clear (page);
  hub_test_ui_spin (200);
  g_assert_null (hub_compare_page_get_result (page));

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_compare_page (void)
{
  hub_test_ui_run_checks (run_checks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/compare/page", test_compare_page);

  return g_test_run ();
}
