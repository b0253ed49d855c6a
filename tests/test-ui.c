/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hub-application.h"
#include "hub-column-sorter.h"
#include "hub-detail-pane.h"
#include "hub-display.h"
#include "hub-history.h"
#include "hub-import.h"
#include "hub-list-query.h"
#include "hub-middle-label.h"
#include "hub-model-row.h"
#include "hub-row-model.h"
#include "hub-settings.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

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
  if (!hub_test_ui_wait_for (rows_match, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
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

typedef struct {
  char        *db_path;
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
  HubWindow *window = hub_test_ui_active_window ();
  HubTrendingPage *page;
  HubDataset *dataset;
  HubDetailPane *pane;
  GtkSingleSelection *selection;
  GtkColumnView *view;
  HubListQuery query;
  GListModel *rows;
  guint n_matching = 0;

  g_assert_cmpstr (hub_window_get_db_path (window), ==, ctx->db_path);

  /* First launch: the store is built from the embedded data. */
  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
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
    g_assert_true (hub_test_ui_wait_for (detail_loaded, pane, HUB_TEST_UI_QUERY_TIMEOUT_MS));
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
  g_assert_true (hub_test_ui_wait_for (detail_loaded, pane, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  hub_test_ui_spin (500);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "trending.png");

  /* Sorting. A first click on a number column sorts largest first; a second click
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

/* Runs the application on --db @db_path; @checks run from an idle once
 * the window exists, and close it. */
static void
run_app (Context     *ctx,
         GSourceFunc  checks)
{
  hub_test_ui_run_app (ctx->db_path, checks, ctx);
  g_assert_true (ctx->checked);
}

/* run_app() on a new store in a new folder. */
static void
run_app_fresh (GSourceFunc checks)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  Context ctx = { 0 };

  ctx.db_path = g_build_filename (tmpdir, "hubeco.db", NULL);
  run_app (&ctx, checks);
  g_free (ctx.db_path);
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

/* Sorting and adaptive layout ------------------------------------------ */

static void
collect_by_css_name (GtkWidget  *widget,
                     const char *css_name,
                     GPtrArray  *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_css_name (child), css_name) == 0)
        g_ptr_array_add (found, child);
      collect_by_css_name (child, css_name, found);
    }
}

/* The arrows the column headers draw: how many show one, and the sort and
 * direction of the last. Header buttons follow the columns' order. */
static guint
header_arrows (GtkColumnView *view,
               HubListSort   *out_sort,
               gboolean      *out_descending)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));
  guint n = 0, position = 0;

  g_assert_cmpstr (gtk_widget_get_css_name (header), ==, "header");
  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL;
       title = gtk_widget_get_next_sibling (title), position++)
    {
      g_autoptr(GPtrArray) arrows = g_ptr_array_new ();
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, position);

      collect_by_css_name (title, "sort-indicator", arrows);
      for (guint i = 0; i < arrows->len; i++)
        {
          GtkWidget *arrow = g_ptr_array_index (arrows, i);
          gboolean up = gtk_widget_has_css_class (arrow, "ascending");
          gboolean down = gtk_widget_has_css_class (arrow, "descending");

          if (!gtk_widget_get_visible (arrow) || (!up && !down))
            continue;
          n++;
          *out_sort = hub_column_sorter_get_sort (HUB_COLUMN_SORTER (gtk_column_view_column_get_sorter (column)));
          *out_descending = down;
        }
    }
  return n;
}

/* The column view's sorter, the one arrow in the headers and the rows all
 * say @sort, @descending. */
static void
assert_sorted (HubTrendingPage *page,
               HubListSort      sort,
               gboolean         descending)
{
  GtkColumnView *view = hub_trending_page_get_column_view (page);
  HubListSort probed = HUB_N_LIST_SORTS, shown = HUB_N_LIST_SORTS;
  gboolean probed_descending = FALSE, shown_descending = FALSE;
  HubListQuery query;

  g_assert_true (hub_column_sorter_probe (gtk_column_view_get_sorter (view), &probed, &probed_descending));
  g_assert_cmpint (probed, ==, sort);
  g_assert_cmpint (probed_descending, ==, descending);
  hub_test_ui_spin (50);
  g_assert_cmpuint (header_arrows (view, &shown, &shown_descending), ==, 1);
  g_assert_cmpint (shown, ==, sort);
  g_assert_cmpint (shown_descending, ==, descending);

  hub_list_query_init (&query);
  query.sort = sort;
  query.descending = descending;
  assert_rows (page, &query);
  hub_list_query_clear (&query);
}

static gboolean
check_sort_from_code (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  g_autoptr(GSettings) settings = hub_settings_new ();
  HubTrendingPage *page;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  page = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));

  /* Restored from the settings (set before the window opened). */
  assert_sorted (page, HUB_LIST_SORT_LIKES, FALSE);

  /* From an action: the arrow moves off Likes onto Downloads. */
  gtk_widget_activate_action (GTK_WIDGET (page), "trending.sort-by", "(sb)", "downloads", FALSE);
  assert_sorted (page, HUB_LIST_SORT_DOWNLOADS, FALSE);
  g_assert_cmpstr (g_settings_get_string (settings, "trending-sort"), ==, "downloads");
  g_assert_false (g_settings_get_boolean (settings, "trending-sort-descending"));

  /* Same column, other direction; then a text column. */
  hub_trending_page_set_sort (page, HUB_LIST_SORT_DOWNLOADS, TRUE);
  assert_sorted (page, HUB_LIST_SORT_DOWNLOADS, TRUE);
  hub_trending_page_set_sort (page, HUB_LIST_SORT_AUTHOR, FALSE);
  assert_sorted (page, HUB_LIST_SORT_AUTHOR, FALSE);

  /* An unknown sort name changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (page), "trending.sort-by", "(sb)", "no-such-sort", TRUE);
  assert_sorted (page, HUB_LIST_SORT_AUTHOR, FALSE);

  /* A click on a number column's header starts with the largest. */
  gtk_column_view_sort_by_column (hub_trending_page_get_column_view (page),
                                  find_column (hub_trending_page_get_column_view (page), HUB_LIST_SORT_LIKES),
                                  GTK_SORT_ASCENDING);
  assert_sorted (page, HUB_LIST_SORT_LIKES, TRUE);

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_sort_from_code (void)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  g_autoptr(GSettings) settings = hub_settings_new ();
  Context ctx = { 0 };

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "trending-sort", "likes");
  g_settings_set_boolean (settings, "trending-sort-descending", FALSE);
  ctx.db_path = g_build_filename (tmpdir, "hubeco.db", NULL);
  run_app (&ctx, check_sort_from_code);
  g_settings_reset (settings, "trending-sort");
  g_settings_reset (settings, "trending-sort-descending");
  g_free (ctx.db_path);
}

static void
assert_labelled (GtkWidget  *widget,
                 const char *what)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    g_error ("%s (%s) has no accessible label", what, G_OBJECT_TYPE_NAME (widget));
}

static gboolean
window_width_is (gpointer data)
{
  GtkWidget *window = data;

  return gtk_widget_get_width (window) == GPOINTER_TO_INT (g_object_get_data (data, "test-width"));
}

static gboolean
window_is_compact (gpointer data)
{
  return hub_trending_page_get_compact (data);
}

static gboolean
window_is_wide (gpointer data)
{
  return !hub_trending_page_get_compact (data) &&
         !adw_leaflet_get_folded (hub_trending_page_get_leaflet (data));
}

/* Resizes @window and lets it settle. */
static void
resize (HubWindow *window,
        int        width,
        int        height)
{
  g_object_set_data (G_OBJECT (window), "test-width", GINT_TO_POINTER (width));
  /* Again after the page changed its layout (and its minimum width). */
  for (guint i = 0; i < 5 && !window_width_is (window); i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      hub_test_ui_wait_for (window_width_is, window, 1000);
    }
  if (!window_width_is (window))
    {
      const char *pages[] = { "trending", "lineage", "sizes", "share" };

      g_test_message ("The window is %d px wide, not %d (its minimum width)", gtk_widget_get_width (GTK_WIDGET (window)), width);
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          GtkWidget *page = hub_window_get_page (window, pages[i]);
          int min = -1;

          if (page != NULL)
            gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
          g_test_message ("  page %s: minimum width %d", pages[i], min);
        }
    }
  hub_test_ui_spin (300);
}

static void
set_other_pages_visible (HubWindow *window,
                         gboolean   visible)
{
  const char *pages[] = { "lineage", "sizes", "share" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (hub_window_get_page (window, pages[i]) != NULL)
      gtk_widget_set_visible (hub_window_get_page (window, pages[i]), visible);
}

static void
screenshot_both_styles (HubWindow  *window,
                        const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  hub_test_ui_spin (800);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  hub_test_ui_spin (800);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
check_adaptive (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  HubTrendingPage *page;
  HubFilterBar *bar;
  GtkColumnView *view;
  GtkSingleSelection *selection;
  HubDetailPane *pane;
  AdwLeaflet *leaflet;
  HubListQuery query;
  GtkWidget *focus;
  guint index;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  page = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));
  bar = hub_trending_page_get_filter_bar (page);
  view = hub_trending_page_get_column_view (page);
  selection = hub_trending_page_get_selection (page);
  pane = hub_trending_page_get_detail_pane (page);
  leaflet = hub_trending_page_get_leaflet (page);
  hub_list_query_init (&query);
  query.sort = HUB_LIST_SORT_TRENDING;
  query.descending = TRUE;
  assert_rows (page, &query);

  /* Countries by name, sorted, the online-community mark after them
   * (issue 19: codes, with ONLINE among the countries). */
  {
    GListModel *countries = gtk_drop_down_get_model (hub_filter_bar_get_dropdown (bar, HUB_FILTER_COUNTRY));
    guint n = g_list_model_get_n_items (countries);
    gboolean has_us = FALSE;

    g_assert_cmpuint (n, >, 3);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (countries), n - 1), ==, "Online community");
    for (guint i = 1; i + 1 < n; i++)
      {
        const char *name = gtk_string_list_get_string (GTK_STRING_LIST (countries), i);

        has_us |= g_str_equal (name, "United States");
        g_assert_cmpuint (strlen (name), >, 2);
        if (i > 1)
          g_assert_cmpint (g_utf8_collate (gtk_string_list_get_string (GTK_STRING_LIST (countries), i - 1), name), <=, 0);
      }
    g_assert_true (has_us);
  }

  /* Every control of the list has an accessible label. */
  assert_labelled (GTK_WIDGET (hub_trending_page_get_search_entry (page)), "search entry");
  for (HubFilter f = 0; f < HUB_N_FILTERS; f++)
    assert_labelled (GTK_WIDGET (hub_filter_bar_get_dropdown (bar, f)), "filter dropdown");
  assert_labelled (GTK_WIDGET (view), "column view");
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    collect_by_css_name (GTK_WIDGET (page), "button", buttons);
    collect_by_css_name (GTK_WIDGET (page), "menubutton", buttons);
    for (guint i = 0; i < buttons->len; i++)
      {
        GtkWidget *button = g_ptr_array_index (buttons, i);

        /* Buttons of the page and of the filter bar; not the column
         * headers (their title is their name) nor the dropdowns' inner
         * buttons (the dropdown carries the label). */
        if (gtk_widget_get_ancestor (button, GTK_TYPE_COLUMN_VIEW) != NULL ||
            gtk_widget_get_ancestor (button, GTK_TYPE_DROP_DOWN) != NULL ||
            gtk_widget_get_ancestor (button, GTK_TYPE_MENU_BUTTON) != NULL ||
            gtk_widget_get_ancestor (button, ADW_TYPE_STATUS_PAGE) != NULL ||
            gtk_widget_get_ancestor (button, HUB_TYPE_DETAIL_PANE) != NULL)
          continue;
        assert_labelled (button, gtk_widget_get_name (button));
      }
    g_assert_cmpuint (buttons->len, >, 3);
  }

  /* Wide: side by side, filters inline. */
  resize (window, 1400, 900);
  g_assert_true (hub_test_ui_wait_for (window_is_wide, page, 5000));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (bar), GTK_WIDGET (page)));
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (bar), GTK_TYPE_POPOVER));

  /* Keyboard: Tab reaches the list; Enter on a row shows that model. */
  gtk_widget_grab_focus (GTK_WIDGET (hub_trending_page_get_search_entry (page)));
  for (guint i = 0; i < 60; i++)
    {
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (view)))
        break;
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
    }
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (view)));
  g_signal_emit_by_name (view, "activate", 3);
  index = hub_row_model_get_model_index (HUB_ROW_MODEL (hub_trending_page_get_rows (page)), 3);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 3);
  g_assert_cmpstr (hub_detail_pane_get_model_id (pane), ==,
                   hub_dataset_get_model (hub_trending_page_get_dataset (page), index)->id);
  g_assert_true (hub_test_ui_wait_for (detail_loaded, pane, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  screenshot_both_styles (window, "trending-wide");

  /* Narrow: filters in the popover (still working), the leaflet folded.
   * The other pages are hidden: this checks the Trending page alone, whatever
   * their minimum widths are. */
  set_other_pages_visible (window, FALSE);
  resize (window, 360, 640);
  g_assert_true (hub_test_ui_wait_for (window_is_compact, page, 5000));
  g_assert_nonnull (gtk_widget_get_ancestor (GTK_WIDGET (bar), GTK_TYPE_POPOVER));
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (bar)), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_true (hub_filter_bar_select (bar, HUB_FILTER_SIZE, "1b-10b"));
  query.min_params = G_GINT64_CONSTANT (1000000000);
  query.max_params = G_GINT64_CONSTANT (9999999999);
  assert_rows (page, &query);
  if (gtk_widget_get_width (GTK_WIDGET (window)) <= 400)
    {
      g_assert_true (adw_leaflet_get_folded (leaflet));
      gtk_widget_activate_action (GTK_WIDGET (page), "trending.show-list", NULL);
      hub_test_ui_spin (300);
      screenshot_both_styles (window, "trending-narrow");
      /* Enter opens the detail over the list; the back action returns. */
      g_signal_emit_by_name (view, "activate", 0);
      g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (pane), adw_leaflet_get_visible_child (leaflet)));
      g_assert_true (hub_test_ui_wait_for (detail_loaded, pane, HUB_TEST_UI_QUERY_TIMEOUT_MS));
      hub_test_ui_spin (400);
      screenshot_both_styles (window, "trending-narrow-detail");
      gtk_widget_activate_action (GTK_WIDGET (page), "trending.show-list", NULL);
      g_assert_false (gtk_widget_is_ancestor (GTK_WIDGET (pane), adw_leaflet_get_visible_child (leaflet)));
    }
  else
    g_test_message ("The window did not shrink to 360 px: folded layout not checked");

  /* Back to wide: the bar comes back inline with its choice kept. */
  set_other_pages_visible (window, TRUE);
  resize (window, 1400, 900);
  g_assert_true (hub_test_ui_wait_for (window_is_wide, page, 5000));
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (bar), GTK_TYPE_POPOVER));
  g_assert_cmpuint (hub_filter_bar_get_n_active (bar), ==, 1);
  assert_rows (page, &query);

  hub_list_query_clear (&query);
  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_adaptive (void)
{
  run_app_fresh (check_adaptive);
}

static gboolean
rows_shown (gpointer data)
{
  return !hub_trending_page_is_busy (data) &&
         g_list_model_get_n_items (hub_trending_page_get_rows (data)) > 0;
}

/* Names the widgets under @widget that ask for more than @limit px. */
static void
report_wide_widgets (GtkWidget *widget,
                     int        limit,
                     int        depth)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min <= limit)
    return;
  g_test_message ("%*s%s (%s) asks for %d px", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
                  gtk_widget_get_css_name (widget), min);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    report_wide_widgets (child, limit, depth + 1);
}

/* A model selected, with its history loaded, in the wide layout; then the
 * window narrows to 360 px: the list folds over the detail, which opens
 * with a back button and fits the 360 px. */
static gboolean
check_selected_narrow (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  HubTrendingPage *page;
  GtkSingleSelection *selection;
  HubDetailPane *pane;
  AdwLeaflet *leaflet;
  GtkWidget *back;
  graphene_rect_t bounds;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  page = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));
  selection = hub_trending_page_get_selection (page);
  pane = hub_trending_page_get_detail_pane (page);
  leaflet = hub_trending_page_get_leaflet (page);
  g_assert_true (hub_test_ui_wait_for (rows_shown, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));

  resize (window, 1400, 900);
  gtk_single_selection_set_selected (selection, 0);
  g_assert_nonnull (hub_detail_pane_get_model_id (pane));
  g_assert_true (hub_test_ui_wait_for (detail_loaded, pane, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  hub_test_ui_spin (300);

  set_other_pages_visible (window, FALSE);
  resize (window, 360, 640);
  if (!window_width_is (window))
    report_wide_widgets (GTK_WIDGET (page), 360, 0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);

  /* The selected row opens the detail over the list, with a way back. */
  g_signal_emit_by_name (hub_trending_page_get_column_view (page), "activate", 0);
  hub_test_ui_spin (400);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (pane), adw_leaflet_get_visible_child (leaflet)));
  back = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), HUB_TYPE_TRENDING_PAGE, "back_button"));
  g_assert_true (gtk_widget_is_drawable (back));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (pane), GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
  screenshot_both_styles (window, "trending-narrow-selected");
  gtk_widget_activate_action (GTK_WIDGET (page), "trending.show-list", NULL);
  g_assert_false (gtk_widget_is_ancestor (GTK_WIDGET (pane), adw_leaflet_get_visible_child (leaflet)));

  set_other_pages_visible (window, TRUE);
  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_selected_narrow (void)
{
  run_app_fresh (check_selected_narrow);
}

static gboolean
check_error_state (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
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
  /* By name, not code (issue 19). */
  g_assert_cmpstr (hub_display_country ("FR"), ==, "France");
  g_assert_cmpstr (hub_display_relation (HUB_RELATION_NONE), ==, "Base model");
}

/* A model id too wide keeps its start and its end around one "…", with
 * nothing added around it, and fits the width; wide enough, it is whole. */
static void
test_middle_label (void)
{
  const char *id = "HauhauCS/Qwen3.8-27B-Uncensored-HauhauCS-Aggressive-MTP-GGUF";
  GtkWidget *label;
  int natural = 0;

  gtk_init ();
  label = g_object_ref_sink (hub_middle_label_new ());

  hub_middle_label_set_text (HUB_MIDDLE_LABEL (label), id);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, >, 100);
  for (int width = 60; width < natural; width += 7)
    {
      g_autofree char *shown = hub_middle_label_fit (HUB_MIDDLE_LABEL (label), width);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, shown);
      g_auto(GStrv) halves = g_strsplit (shown, "…", -1);
      int shown_width = 0;

      pango_layout_get_pixel_size (layout, &shown_width, NULL);
      g_assert_cmpint (shown_width, <=, width);
      g_assert_cmpuint (g_strv_length (halves), ==, 2);
      g_assert_true (g_str_has_prefix (id, halves[0]));
      g_assert_true (g_str_has_suffix (id, halves[1]));
      g_assert_null (strchr (shown, ' '));
      /* As much as fits: one more character would not. */
      g_assert_cmpint (strlen (halves[0]) - strlen (halves[1]), <=, 1);
      g_assert_cmpint (strlen (halves[0]) + strlen (halves[1]), <, strlen (id));
    }
  {
    g_autofree char *whole = hub_middle_label_fit (HUB_MIDDLE_LABEL (label), natural);

    g_assert_cmpstr (whole, ==, id);
  }
  g_object_unref (label);
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
  /* Accessible properties are kept (and can be checked) by GTK's test
   * context; "none" keeps nothing, and AT-SPI needs a bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/display-formats", test_display_formats);
  g_test_add_func ("/ui/row-model", test_row_model);
  g_test_add_func ("/ui/middle-label", test_middle_label);
  g_test_add_func ("/ui/trending-window", test_trending_window);
  g_test_add_func ("/ui/trending-sort-from-code", test_sort_from_code);
  g_test_add_func ("/ui/trending-adaptive", test_adaptive);
  g_test_add_func ("/ui/trending-selected-narrow", test_selected_narrow);
  g_test_add_func ("/ui/unopenable-db", test_unopenable_db);

  return g_test_run ();
}
