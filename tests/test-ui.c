/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hub-application.h"
#include "hub-column-sorter.h"
#include "hub-detail-pane.h"
#include "hub-display.h"
#include "hub-history.h"
#include "hub-import.h"
#include "hub-list-query.h"
#include "hub-model-row.h"
#include "hub-row-model.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

#define LOAD_TIMEOUT_MS  120000
#define QUERY_TIMEOUT_MS 20000

typedef gboolean (*Condition) (gpointer data);

/* Runs the main context until @condition holds; FALSE on timeout. */
static gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

/* Lets pending redraws and idles run for @ms. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static gboolean
window_ready (gpointer data)
{
  const char *state = hub_window_get_state (data);

  return g_strcmp0 (state, "main") == 0 || g_strcmp0 (state, "error") == 0;
}

typedef struct {
  HubTrendingPage *page;
  GArray          *expected;
} RowsWait;

static gboolean
rows_match (gpointer data)
{
  RowsWait *wait = data;
  GListModel *rows = hub_trending_page_get_rows (wait->page);

  if (hub_trending_page_is_busy (wait->page))
    return FALSE;
  if (g_list_model_get_n_items (rows) != wait->expected->len)
    return FALSE;
  for (guint i = 0; i < wait->expected->len; i++)
    if (hub_row_model_get_model_index (HUB_ROW_MODEL (rows), i) != g_array_index (wait->expected, guint32, i))
      return FALSE;
  return TRUE;
}

/* Waits until the page shows exactly what hub_list_query_run() gives for
 * @query: the same function `hubeco list` uses. */
static void
assert_rows (HubTrendingPage    *page,
             const HubListQuery *query)
{
  HubDataset *dataset = hub_trending_page_get_dataset (page);
  g_autoptr(GArray) expected = hub_list_query_run (query, dataset, NULL);
  RowsWait wait = { page, expected };
  g_autofree char *shown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *label = NULL;

  g_assert_nonnull (expected);
  if (!wait_for (rows_match, &wait, QUERY_TIMEOUT_MS))
    g_error ("The list did not show the %u rows of the query (it shows %u)",
             expected->len, g_list_model_get_n_items (hub_trending_page_get_rows (page)));

  shown = hub_display_count (expected->len);
  total = hub_display_count (hub_dataset_get_n_models (dataset));
  label = g_strdup_printf ("%s of %s models", shown, total);
  g_assert_cmpstr (gtk_label_get_text (hub_trending_page_get_count_label (page)), ==, label);
}

static gboolean
detail_loaded (gpointer data)
{
  return !hub_detail_pane_is_loading (data);
}

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *h = g_ascii_strdown (haystack, -1);

  return strstr (h, needle) != NULL;
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             HubListSort    sort)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (HUB_IS_COLUMN_SORTER (sorter) && hub_column_sorter_get_sort (HUB_COLUMN_SORTER (sorter)) == sort)
        return column;
    }
  g_assert_not_reached ();
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *dir = g_getenv ("HUBECO_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  if (dir == NULL)
    return;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

typedef struct {
  char        *db_path;
  GSourceFunc  checks;   /* run from an idle once the window exists */
  gboolean     checked;
} Context;

static guint
main_series_points (const char *db_path,
                    const char *model_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open (db_path, &error);
  g_autoptr(GArray) history = NULL;
  g_autoptr(GHashTable) per_series = g_hash_table_new (g_str_hash, g_str_equal);
  guint best = 0;

  g_assert_no_error (error);
  history = hub_history_load (store, model_id, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      const HubHistoryPoint *point = &g_array_index (history, HubHistoryPoint, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_series, point->series)) + 1;

      g_hash_table_insert (per_series, (gpointer) point->series, GUINT_TO_POINTER (n));
      best = MAX (best, n);
    }
  return best;
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  GApplication *app = g_application_get_default ();
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  HubWindow *window;
  HubTrendingPage *page;
  HubDataset *dataset;
  HubDetailPane *pane;
  GtkSingleSelection *selection;
  GtkColumnView *view;
  HubListQuery query;
  GListModel *rows;
  guint n_matching = 0;

  g_assert_true (HUB_IS_WINDOW (active));
  window = HUB_WINDOW (active);
  g_assert_cmpstr (hub_window_get_db_path (window), ==, ctx->db_path);

  /* First launch: the store is built from the embedded data. */
  g_assert_true (wait_for (window_ready, window, LOAD_TIMEOUT_MS));
  g_assert_cmpstr (hub_window_get_state (window), ==, "main");
  dataset = hub_window_get_dataset (window);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (hub_dataset_get_n_models (dataset), >=, 15904);

  page = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));
  g_assert_nonnull (page);
  g_assert_true (hub_trending_page_get_dataset (page) == dataset);
  rows = hub_trending_page_get_rows (page);
  pane = hub_trending_page_get_detail_pane (page);
  selection = hub_trending_page_get_selection (page);
  view = hub_trending_page_get_column_view (page);

  /* Every model, in trending order. */
  hub_list_query_init (&query);
  query.sort = HUB_LIST_SORT_TRENDING;
  query.descending = TRUE;
  assert_rows (page, &query);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, hub_dataset_get_n_models (dataset));
  g_assert_cmpstr (hub_detail_pane_get_title (pane), ==, "");

  /* Items are created on demand and point at the right model. */
  {
    g_autoptr(HubModelRow) row = g_list_model_get_item (rows, 0);

    g_assert_true (HUB_IS_MODEL_ROW (row));
    g_assert_cmpuint (hub_model_row_get_index (row), ==, hub_row_model_get_model_index (HUB_ROW_MODEL (rows), 0));
    g_assert_null (g_list_model_get_item (rows, g_list_model_get_n_items (rows)));
  }

  /* Typing a search: the rows and the count follow, and they are the
   * models whose id or author contains it. */
  gtk_editable_set_text (hub_trending_page_get_search_entry (page), "qwen");
  g_free (query.search);
  query.search = g_strdup ("qwen");
  assert_rows (page, &query);
  for (guint i = 0; i < hub_dataset_get_n_models (dataset); i++)
    {
      const HubModelRecord *record = hub_dataset_get_model (dataset, i);
      const HubAuthorInfo *author = hub_dataset_get_author (dataset, record->author);

      if (contains_folded (record->id, "qwen") || contains_folded (author->author, "qwen"))
        n_matching++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_matching);
  g_assert_cmpuint (n_matching, >, 100);

  /* Selecting the first row fills the detail pane. */
  gtk_single_selection_set_selected (selection, 0);
  {
    guint index = hub_row_model_get_model_index (HUB_ROW_MODEL (rows), 0);
    const HubModelRecord *record = hub_dataset_get_model (dataset, index);

    g_assert_cmpstr (hub_detail_pane_get_title (pane), ==, record->id);
    g_assert_cmpstr (hub_detail_pane_get_model_id (pane), ==, record->id);
    g_assert_true (wait_for (detail_loaded, pane, QUERY_TIMEOUT_MS));
    g_assert_cmpuint (hub_detail_pane_get_history_n_points (pane), ==,
                      main_series_points (ctx->db_path, record->id));
    g_assert_cmpuint (hub_detail_pane_get_history_n_points (pane), >, 0);
    g_assert_cmpuint (hub_detail_pane_get_n_tags (pane), >, 0);

    /* A narrower search that still lists it keeps it selected. */
    gtk_editable_set_text (hub_trending_page_get_search_entry (page), "qwen3");
    g_free (query.search);
    query.search = g_strdup ("qwen3");
    assert_rows (page, &query);
    if (contains_folded (record->id, "qwen3"))
      {
        g_assert_cmpuint (gtk_single_selection_get_selected (selection), !=, GTK_INVALID_LIST_POSITION);
        g_assert_cmpstr (hub_detail_pane_get_title (pane), ==, record->id);
      }
  }

  /* Let the window draw the selection and the sparkline, then keep a
   * picture of it. */
  g_assert_true (wait_for (detail_loaded, pane, QUERY_TIMEOUT_MS));
  spin (500);
  save_screenshot (GTK_WIDGET (window), "trending.png");

  /* Sorting (after the screenshot: GTK 4.8 leaves the arrow of the
   * previous column when the sort is set from code, not a click).
   * A first click on a number column sorts largest first; a second click
   * turns it around. */
  gtk_column_view_sort_by_column (view, find_column (view, HUB_LIST_SORT_DOWNLOADS), GTK_SORT_ASCENDING);
  query.sort = HUB_LIST_SORT_DOWNLOADS;
  query.descending = TRUE;
  assert_rows (page, &query);
  /* The model shown stays selected in the new order. */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (hub_row_model_get_model_index (HUB_ROW_MODEL (rows),
                                                   gtk_single_selection_get_selected (selection)),
                    ==, hub_dataset_find_model (dataset, hub_detail_pane_get_model_id (pane)));
  gtk_column_view_sort_by_column (view, find_column (view, HUB_LIST_SORT_DOWNLOADS), GTK_SORT_ASCENDING);
  query.descending = FALSE;
  assert_rows (page, &query);
  /* Text columns start A to Z. */
  gtk_column_view_sort_by_column (view, find_column (view, HUB_LIST_SORT_ID), GTK_SORT_ASCENDING);
  query.sort = HUB_LIST_SORT_ID;
  query.descending = FALSE;
  assert_rows (page, &query);
  gtk_column_view_sort_by_column (view, find_column (view, HUB_LIST_SORT_TRENDING), GTK_SORT_DESCENDING);
  query.sort = HUB_LIST_SORT_TRENDING;
  query.descending = TRUE;
  assert_rows (page, &query);

  /* A search that matches nothing: the empty state and a zero count; the
   * detail pane has nothing to show. */
  gtk_editable_set_text (hub_trending_page_get_search_entry (page), "no-model-is-called-this");
  g_free (query.search);
  query.search = g_strdup ("no-model-is-called-this");
  assert_rows (page, &query);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpstr (hub_detail_pane_get_title (pane), ==, "");

  /* Clearing the filters lists everything again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "trending.clear-filters", NULL);
  g_clear_pointer (&query.search, g_free);
  assert_rows (page, &query);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, hub_dataset_get_n_models (dataset));

  hub_list_query_clear (&query);
  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app,
             Context      *ctx)
{
  g_idle_add (ctx->checks, ctx);
}

/* Runs the application on --db @db_path; @checks run from an idle once
 * the window exists, and close it. */
static void
run_app (Context     *ctx,
         GSourceFunc  checks)
{
  g_autoptr(HubApplication) app = hub_application_new ();
  char *argv[] = { (char *) "hubeco", (char *) "--db", ctx->db_path, NULL };

  ctx->checks = checks;
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), ctx);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_true (ctx->checked);
}

static void
test_trending_window (void)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  Context ctx = { 0 };

  ctx.db_path = g_build_filename (tmpdir, "hubeco.db", NULL);
  run_app (&ctx, run_checks);
  /* The first launch built the store. */
  g_assert_true (g_file_test (ctx.db_path, G_FILE_TEST_IS_REGULAR));
  g_free (ctx.db_path);
}

static gboolean
check_error_state (gpointer user_data)
{
  Context *ctx = user_data;
  GApplication *app = g_application_get_default ();
  HubWindow *window = HUB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_assert_true (wait_for (window_ready, window, LOAD_TIMEOUT_MS));
  g_assert_cmpstr (hub_window_get_state (window), ==, "error");
  g_assert_null (hub_window_get_dataset (window));
  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

/* A database that cannot be created (its folder is a file): the window
 * shows the error page instead of the list, and nothing is written. */
static void
test_unopenable_db (void)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  g_autofree char *blocker = g_build_filename (tmpdir, "not-a-folder", NULL);
  g_autoptr(GError) error = NULL;
  Context ctx = { 0 };

  g_file_set_contents (blocker, "x", 1, &error);
  g_assert_no_error (error);
  ctx.db_path = g_build_filename (blocker, "hubeco.db", NULL);
  run_app (&ctx, check_error_state);
  g_assert_false (g_file_test (ctx.db_path, G_FILE_TEST_EXISTS));
  g_free (ctx.db_path);
}

static void
test_display_formats (void)
{
  g_autofree char *unknown = hub_display_count (HUB_COUNT_NONE);
  g_autofree char *params = hub_display_parameters (7615616512);
  g_autofree char *no_params = hub_display_parameters (HUB_COUNT_NONE);
  g_autofree char *ratio = hub_display_ratio (0.1234);
  g_autofree char *no_ratio = hub_display_ratio (-1);
  g_autofree char *date = hub_display_date (hub_time_parse_iso8601 ("2026-08-22T20:00:00Z"));
  g_autofree char *floor = hub_display_date (HUB_CREATED_AT_FLOOR);
  g_autofree char *no_date = hub_display_date (HUB_TIME_NONE);

  /* Tests run in the C locale: no digit grouping, English strings. */
  g_assert_cmpstr (unknown, ==, HUB_DISPLAY_UNKNOWN);
  g_assert_cmpstr (params, ==, "7.6B");
  g_assert_cmpstr (no_params, ==, HUB_DISPLAY_UNKNOWN);
  g_assert_cmpstr (ratio, ==, "12.3%");
  g_assert_cmpstr (no_ratio, ==, HUB_DISPLAY_UNKNOWN);
  g_assert_cmpstr (date, ==, "Aug 22, 2026");
  g_assert_cmpstr (floor, ==, "Mar 2022 or earlier");
  g_assert_cmpstr (no_date, ==, HUB_DISPLAY_UNKNOWN);
  g_assert_cmpstr (hub_display_org_type ("university"), ==, "University");
  g_assert_cmpstr (hub_display_org_type ("something-new"), ==, "something-new");
  g_assert_cmpstr (hub_display_org_type (NULL), ==, HUB_DISPLAY_UNKNOWN);
  g_assert_cmpstr (hub_display_country ("ONLINE"), ==, "Online community");
  g_assert_cmpstr (hub_display_country ("FR"), ==, "FR");
  g_assert_cmpstr (hub_display_relation (HUB_RELATION_NONE), ==, "Base model");
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *changed)
{
  g_assert_cmpuint (position, ==, 0);
  (*changed)++;
}

static void
test_row_model (void)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  g_autofree char *db_path = g_build_filename (tmpdir, "rows.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubRowModel) model = hub_row_model_new ();
  HubImportReport *report;
  GArray *indices;
  guint changed = 0;
  guint32 values[] = { 5, 3, 9 };

  store = hub_store_open (db_path, &error);
  g_assert_no_error (error);
  report = hub_import_report_new ();
  g_assert_true (hub_import_ensure_populated (store, report, NULL, &error));
  hub_import_report_free (report);
  g_assert_no_error (error);
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == HUB_TYPE_MODEL_ROW);

  indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_vals (indices, values, G_N_ELEMENTS (values));
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes), &changed);
  hub_row_model_set_results (model, dataset, indices);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (hub_row_model_get_model_index (model, 1), ==, 3);
  g_assert_cmpuint (hub_row_model_get_model_index (model, 3), ==, G_MAXUINT);
  g_assert_cmpuint (hub_row_model_find (model, 9), ==, 2);
  g_assert_cmpuint (hub_row_model_find (model, 4), ==, G_MAXUINT);
  {
    g_autoptr(HubModelRow) row = g_list_model_get_item (G_LIST_MODEL (model), 2);

    g_assert_cmpuint (hub_model_row_get_index (row), ==, 9);
    g_assert_true (hub_model_row_get_record (row) == hub_dataset_get_model (dataset, 9));
  }

  /* A new result: every old row removed, then the new ones added (two
   * signals, so that the list views do not search the new rows for the old
   * ones). */
  indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_vals (indices, values, 2);
  hub_row_model_set_results (model, dataset, indices);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpuint (hub_row_model_get_model_index (model, 1), ==, 3);

  /* An empty result: one change, no rows. */
  hub_row_model_set_results (model, dataset, g_array_new (FALSE, FALSE, sizeof (guint32)));
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/display-formats", test_display_formats);
  g_test_add_func ("/ui/row-model", test_row_model);
  g_test_add_func ("/ui/trending-window", test_trending_window);
  g_test_add_func ("/ui/unopenable-db", test_unopenable_db);

  return g_test_run ();
}
