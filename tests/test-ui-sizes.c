/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <sqlite3.h>

#include "hub-display.h"
#include "hub-export-dialog.h"
#include "hub-filter-bar.h"
#include "hub-sizes-page.h"
#include "hub-settings.h"
#include "hub-sizes.h"
#include "hub-store.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-window.h"

typedef HubTestUiContext Context;

static gboolean
page_idle (gpointer page)
{
  return !hub_sizes_page_is_busy (page);
}

typedef struct {
  HubSizesPage        *page;
  HubSizeWeight        weight;
  HubSizeCohort        cohort;
  const HubSizeResult *previous;
} ResultWait;

/* The page is idle and shows a result for the wanted options. */
static gboolean
result_shown (gpointer data)
{
  ResultWait *wait = data;
  const HubSizeResult *result = hub_sizes_page_get_result (wait->page);

  return !hub_sizes_page_is_busy (wait->page) && result != NULL &&
         result != wait->previous &&
         result->weight == wait->weight && result->cohort == wait->cohort;
}

/* Waits for a new result (not the one shown now) for these options. */
/* The page shows a result with estimated sizes. */
static gboolean
estimated_result_shown (gpointer page)
{
  const HubSizeResult *result = hub_sizes_page_get_result (page);

  return !hub_sizes_page_is_busy (page) && result != NULL &&
         result->coverage.n_models[HUB_SIZE_SOURCE_ESTIMATED] > 0;
}

/* The open message dialog with this heading, or NULL. */
static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static guint
count_estimated (HubStore *store)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store),
                                       "SELECT count (*) FROM models WHERE parameters_source = 'estimated'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
wait_new_result (HubSizesPage  *page,
                 HubSizeWeight  weight,
                 HubSizeCohort  cohort)
{
  ResultWait wait = { page, weight, cohort, hub_sizes_page_get_result (page) };

  if (!hub_test_ui_wait_for (result_shown, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The sizes page did not show a new result");
}

static void
wait_result (HubSizesPage  *page,
             HubSizeWeight  weight,
             HubSizeCohort  cohort)
{
  ResultWait wait = { page, weight, cohort, NULL };

  if (!hub_test_ui_wait_for (result_shown, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The sizes page did not show the result for weight %s, cohort %s",
             hub_size_weight_to_string (weight), hub_size_cohort_to_string (cohort));
}

static guint
find_row (HubSizesPage *page,
          const char   *label)
{
  for (guint row = 0;; row++)
    {
      g_autofree char *text = hub_sizes_page_dup_cell_text (page, row, "period");

      if (text == NULL)
        return G_MAXUINT;
      if (g_str_has_prefix (text, label))
        return row;
    }
}

/* Computes the distribution with hub_sizes_compute() on its own size table
 * (the store opened again) for the options the page's controls show, and
 * checks every row of the table, and the 2026 median by name, against it. */
static void
assert_table_matches (HubSizesPage *page,
                      HubSizeTable *table)
{
  g_autoptr(HubSizeResult) expected = NULL;
  HubSizeOptions options;
  HubListQuery filter;
  guint row_2026;

  hub_sizes_page_get_options (page, &options, &filter);
  expected = hub_sizes_compute (table, &options, NULL);
  g_assert_nonnull (expected);
  g_assert_cmpuint (expected->n_periods, ==, hub_sizes_page_get_result (page)->n_periods);
  g_assert_cmpint (expected->weight, ==, options.weight);

  for (guint i = 0; i < expected->n_periods; i++)
    {
      const HubSizePeriod *p = &expected->periods[i];
      g_autofree char *median = hub_sizes_page_dup_cell_text (page, i, "median");
      g_autofree char *n = hub_sizes_page_dup_cell_text (page, i, "n");
      g_autofree char *want_median = hub_display_parameters (isfinite (p->quantiles[2])
                                                             ? llround (p->quantiles[2]) : HUB_COUNT_NONE);
      g_autofree char *want_n = hub_display_count (p->n);

      g_assert_cmpstr (median, ==, want_median);
      g_assert_cmpstr (n, ==, want_n);
    }
  g_assert_null (hub_sizes_page_dup_cell_text (page, expected->n_periods, "median"));

  /* The 2026 median, read from the table, equals the core's. */
  row_2026 = find_row (page, "2026");
  g_assert_cmpuint (row_2026, !=, G_MAXUINT);
  for (guint i = 0; i < expected->n_periods; i++)
    if (g_str_equal (expected->periods[i].label, "2026"))
      {
        g_autofree char *median = hub_sizes_page_dup_cell_text (page, row_2026, "median");
        g_autofree char *want = hub_display_parameters (llround (expected->periods[i].quantiles[2]));

        g_assert_true (isfinite (expected->periods[i].quantiles[2]));
        g_assert_cmpstr (median, ==, want);
        g_assert_cmpfloat (hub_sizes_page_get_result (page)->periods[row_2026].quantiles[2], ==,
                           expected->periods[i].quantiles[2]);
      }
  hub_list_query_clear (&filter);
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  HubSizesPage *page;
  HubDataset *dataset;
  GtkDropDown *weight, *cohort;
  const HubSizeResult *result;
  double median_downloads;
  guint row_2026;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  g_assert_cmpstr (hub_window_get_state (window), ==, "main");
  dataset = hub_window_get_dataset (window);

  page = HUB_SIZES_PAGE (hub_window_get_page (window, "sizes"));
  g_assert_nonnull (page);
  hub_window_show_page (window, "sizes");

  /* The same size table, built independently from the same store. */
  store = hub_store_open (ctx->db_path, &error);
  g_assert_no_error (error);
  table = hub_size_table_new (dataset, store, NULL, &error);
  g_assert_no_error (error);

  /* Default: models created in each year, weighted by downloads: several
   * periods even though every snapshot is from one year. */
  wait_result (page, HUB_SIZE_WEIGHT_DOWNLOADS, HUB_SIZE_COHORT_CREATED);
  g_assert_cmpstr (hub_sizes_page_get_state (page), ==, "content");
  assert_table_matches (page, table);
  g_assert_cmpuint (hub_sizes_page_get_result (page)->n_periods, >, 1);
  result = hub_sizes_page_get_result (page);
  row_2026 = find_row (page, "2026");
  median_downloads = result->periods[row_2026].quantiles[2];

  /* `hubeco sizes` with no option prints the window's default table: the
   * same periods, counts and medians (issue 19: the command line counted the
   * models downloaded in each year, and printed one row). */
  {
    const char *argv[] = { g_getenv ("HUBECO_BIN"), "sizes", "--db", ctx->db_path, "--format", "csv", NULL };
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, result->n_periods + 2);
    for (guint i = 0; i < result->n_periods; i++)
      {
        g_auto(GStrv) fields = g_strsplit (lines[i + 1], ",", -1);

        /* period,start,includes_earlier,n,weight,p10,p25,p50 */
        g_assert_cmpstr (fields[0], ==, result->periods[i].label);
        g_assert_cmpuint (g_ascii_strtoull (fields[3], NULL, 10), ==, result->periods[i].n);
        if (result->periods[i].n > 0)
          g_assert_cmpint (g_ascii_strtoll (fields[7], NULL, 10), ==, llround (result->periods[i].quantiles[2]));
      }
  }

  /* The caption states the coverage. */
  {
    g_autofree char *sized = hub_display_count (hub_size_coverage_n_sized (&result->coverage, FALSE));

    g_assert_nonnull (strstr (gtk_label_get_text (hub_sizes_page_get_caption (page)), sized));
  }

  /* Weight by models: every model counts once, and the median moves. */
  weight = GTK_DROP_DOWN (hub_sizes_page_get_control (page, HUB_SIZES_CONTROL_WEIGHT));
  gtk_drop_down_set_selected (weight, 1);
  wait_result (page, HUB_SIZE_WEIGHT_COUNT, HUB_SIZE_COHORT_CREATED);
  assert_table_matches (page, table);
  g_assert_cmpfloat (hub_sizes_page_get_result (page)->periods[row_2026].quantiles[2], !=, median_downloads);

  /* Back to downloads, models downloaded in each year, then created again. */
  gtk_drop_down_set_selected (weight, 0);
  cohort = GTK_DROP_DOWN (hub_sizes_page_get_control (page, HUB_SIZES_CONTROL_COHORT));
  gtk_drop_down_set_selected (cohort, 0);
  wait_result (page, HUB_SIZE_WEIGHT_DOWNLOADS, HUB_SIZE_COHORT_DOWNLOADED);
  assert_table_matches (page, table);
  gtk_drop_down_set_selected (cohort, 1);
  wait_result (page, HUB_SIZE_WEIGHT_DOWNLOADS, HUB_SIZE_COHORT_CREATED);
  assert_table_matches (page, table);

  /* The switch's mnemonic is not the estimate button's. */
  {
    GtkWidget *button = hub_sizes_page_get_control (page, HUB_SIZES_CONTROL_ESTIMATE);
    GtkWidget *button_label = gtk_button_get_child (GTK_BUTTON (button));
    g_autoptr(GList) labels = gtk_widget_list_mnemonic_labels (hub_sizes_page_get_control (page, HUB_SIZES_CONTROL_ESTIMATED));

    g_assert_true (GTK_IS_LABEL (button_label));
    g_assert_nonnull (labels);
    g_assert_cmpuint (gtk_label_get_mnemonic_keyval (GTK_LABEL (labels->data)), !=,
                      gtk_label_get_mnemonic_keyval (GTK_LABEL (button_label)));
  }

  /* The "count estimated sizes" preference and the switch are one. */
  {
    g_autoptr(GSettings) settings = hub_settings_new ();
    GtkSwitch *estimated = GTK_SWITCH (hub_sizes_page_get_control (page, HUB_SIZES_CONTROL_ESTIMATED));

    /* Off by default (the schema's default), as in `hubeco sizes` without
     * --estimated: an estimate is a fit, not a reported count. */
    g_assert_nonnull (settings);
    g_assert_false (g_settings_get_boolean (settings, "count-estimated-sizes"));
    g_assert_false (gtk_switch_get_active (estimated));
    g_assert_false (hub_sizes_page_get_result (page)->include_estimated);
    g_settings_set_boolean (settings, "count-estimated-sizes", TRUE);
    g_assert_true (gtk_switch_get_active (estimated));
    wait_new_result (page, HUB_SIZE_WEIGHT_DOWNLOADS, HUB_SIZE_COHORT_CREATED);
    g_assert_true (hub_sizes_page_get_result (page)->include_estimated);
    gtk_switch_set_active (estimated, FALSE);
    g_assert_false (g_settings_get_boolean (settings, "count-estimated-sizes"));
    wait_new_result (page, HUB_SIZE_WEIGHT_DOWNLOADS, HUB_SIZE_COHORT_CREATED);
    g_assert_false (hub_sizes_page_get_result (page)->include_estimated);
  }

  hub_test_ui_spin (500);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "sizes.png");

  /* Shape: violins redraw the same result (issue 19). */
  {
    const HubSizeResult *before = hub_sizes_page_get_result (page);
    GtkDropDown *shape = GTK_DROP_DOWN (hub_sizes_page_get_control (page, HUB_SIZES_CONTROL_SHAPE));

    g_assert_false (hub_sizes_page_get_violin (page));
    gtk_drop_down_set_selected (shape, 1);
    g_assert_true (hub_sizes_page_get_violin (page));
    g_assert_true (hub_sizes_page_get_result (page) == before);
    hub_test_ui_spin (300);
    hub_test_ui_save_screenshot (GTK_WIDGET (window), "sizes-violin.png");
    gtk_drop_down_set_selected (shape, 0);
    g_assert_false (hub_sizes_page_get_violin (page));
  }

  /* Export data: one CSV row per period, with the numbers shown. */
  {
    g_autofree char *csv_path = g_build_filename (ctx->tmpdir, "sizes.csv", NULL);
    g_autofree char *bad_path = g_build_filename (ctx->tmpdir, "sizes.csv", "sizes.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (csv_path);
    g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
    g_autofree char *contents = NULL;
    g_autofree char *after = NULL;
    g_auto(GStrv) lines = NULL;
    const HubSizeResult *shown = hub_sizes_page_get_result (page);
    guint n_rows = 0;

    g_assert_true (hub_sizes_page_export_data (page, file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\n", -1);
    g_assert_true (g_str_has_prefix (lines[0], "period,includes_earlier,n,weight,p10,p25,p50,p75,p90,mean,"));
    for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
        const HubSizePeriod *p = &shown->periods[i - 1];

        g_assert_cmpstr (fields[0], ==, p->label);
        g_assert_cmpuint (g_ascii_strtoull (fields[2], NULL, 10), ==, p->n);
        if (p->n > 0)
          g_assert_cmpint (g_ascii_strtoll (fields[6], NULL, 10), ==, llround (p->quantiles[2]));
        n_rows++;
      }
    g_assert_cmpuint (n_rows, ==, shown->n_periods);

    /* A path under a file: a clear error, and the CSV written before is
     * still whole. */
    g_assert_false (hub_sizes_page_export_data (page, bad_file, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (csv_path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, contents);
  }

  /* Export chart: the shared dialog writes the figure shown. */
  {
    g_autofree char *png_path = g_build_filename (ctx->tmpdir, "sizes.png", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;
    GtkWindow *dialog = hub_sizes_page_export_chart (page);

    g_assert_nonnull (dialog);
    g_assert_true (hub_export_dialog_write (dialog, png_path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (png_path, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 8);
    g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
    gtk_window_destroy (dialog);
  }

  /* A filter: quantized models only. */
  {
    HubListQuery query;
    g_autoptr(GArray) quantized = NULL;

    g_assert_true (hub_filter_bar_select (hub_sizes_page_get_filter_bar (page), HUB_FILTER_RELATION, "quantized"));
    wait_new_result (page, HUB_SIZE_WEIGHT_DOWNLOADS, HUB_SIZE_COHORT_CREATED);
    assert_table_matches (page, table);
    /* Every quantized model is in the coverage of the year it was made. */
    hub_list_query_init (&query);
    query.relation = HUB_RELATION_QUANTIZED;
    quantized = hub_list_query_run (&query, dataset, NULL);
    g_assert_cmpuint (hub_size_coverage_n_total (&hub_sizes_page_get_result (page)->coverage), ==, quantized->len);
    g_assert_cmpuint (quantized->len, >, 0);
    hub_list_query_clear (&query);
  }
  g_assert_false (hub_filter_bar_select (hub_sizes_page_get_filter_bar (page), HUB_FILTER_TASK,
                                         "no-such-task"));

  /* Estimate Missing Sizes: offered while no model has an estimate; the
   * estimates are stored, a dialog says what was done, and after the
   * window reloads the chart counts them. */
  {
    g_autoptr(HubStore) check = NULL;
    GtkWidget *hint = hub_sizes_page_get_control (page, HUB_SIZES_CONTROL_ESTIMATE);
    const HubSizeResult *before;
    AdwMessageDialog *dialog;
    guint n_stored;

    hub_filter_bar_reset (hub_sizes_page_get_filter_bar (page));
    wait_new_result (page, HUB_SIZE_WEIGHT_DOWNLOADS, HUB_SIZE_COHORT_CREATED);
    before = hub_sizes_page_get_result (page);
    g_assert_cmpuint (before->coverage.n_models[HUB_SIZE_SOURCE_ESTIMATED], ==, 0);
    g_assert_cmpuint (before->coverage.n_models[HUB_SIZE_SOURCE_UNKNOWN], >, 0);
    g_assert_nonnull (hint);
    g_assert_true (gtk_widget_is_visible (hint));

    hub_sizes_page_estimate (page);
    g_assert_true (hub_test_ui_wait_for (estimated_result_shown, page, HUB_TEST_UI_LOAD_TIMEOUT_MS));
    g_assert_false (gtk_widget_is_visible (hint));

    dialog = find_message_dialog (_("Sizes Estimated"));
    g_assert_nonnull (dialog);
    check = hub_store_open (ctx->db_path, &error);
    g_assert_no_error (error);
    n_stored = count_estimated (check);
    g_assert_cmpuint (n_stored, >, 0);
    {
      g_autofree char *n = hub_display_count (n_stored);

      /* The dialog names the number of estimates stored. */
      g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), n));
    }
    hub_test_ui_save_screenshot (GTK_WIDGET (dialog), "sizes-estimated.png");
    gtk_window_destroy (GTK_WINDOW (dialog));
    /* The page's coverage counts what the store holds (the cohort covers every model). */
    g_assert_cmpuint (hub_sizes_page_get_result (page)->coverage.n_models[HUB_SIZE_SOURCE_ESTIMATED], ==, n_stored);
  }

  /* A store that cannot be opened (its folder is a file): the page shows
   * the error state with the store's message, and no result. */
  {
    g_autofree char *blocker = g_build_filename (ctx->tmpdir, "not-a-folder", NULL);
    g_autofree char *bad_path = g_build_filename (blocker, "hubeco.db", NULL);
    GtkWidget *other = g_object_ref_sink (hub_sizes_page_new ());

    g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
    g_object_set (other, "db-path", bad_path, NULL);
    g_assert_false (hub_sizes_page_is_busy (HUB_SIZES_PAGE (other)));
    hub_sizes_page_set_dataset (HUB_SIZES_PAGE (other), dataset);
    g_assert_true (hub_sizes_page_is_busy (HUB_SIZES_PAGE (other)));
    g_assert_true (hub_test_ui_wait_for (page_idle, other, HUB_TEST_UI_QUERY_TIMEOUT_MS));
    g_assert_cmpstr (hub_sizes_page_get_state (HUB_SIZES_PAGE (other)), ==, "error");
    g_assert_null (hub_sizes_page_get_result (HUB_SIZES_PAGE (other)));
    /* Nothing to export. */
    {
      g_autofree char *csv_path = g_build_filename (ctx->tmpdir, "none.csv", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (csv_path);

      g_assert_false (hub_sizes_page_export_data (HUB_SIZES_PAGE (other), file, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
      g_clear_error (&error);
      g_assert_false (g_file_test (csv_path, G_FILE_TEST_EXISTS));
    }
    g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
    g_object_unref (other);
  }

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_sizes_page (void)
{
  hub_test_ui_run_checks (run_checks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/sizes/page", test_sizes_page);

  return g_test_run ();
}
