/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "hub-chart-view.h"
#include "hub-display.h"
#include "hub-export-dialog.h"
#include "hub-family-chart.h"
#include "hub-lineage-node.h"
#include "hub-lineage-page.h"
#include "hub-lineage.h"
#include "hub-model-row.h"
#include "hub-list-query.h"
#include "hub-refresh-bar.h"
#include "hub-row-model.h"
#include "hub-store.h"
#include "hub-test-server.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

#include <string.h>

typedef struct {
  char          *tmpdir;
  char          *db_path;
  HubTestServer *server;
  gboolean       checked;
} Context;

/* The port HF_ENDPOINT names, chosen before any thread starts. */
static guint server_port;

typedef struct {
  HubLineagePage *page;
  gint32          centre;
} CentreWait;

static gboolean
centred (gpointer data)
{
  CentreWait *wait = data;

  return !hub_lineage_page_is_busy (wait->page) && hub_lineage_page_get_centre (wait->page) == wait->centre;
}

static void
wait_centre (HubLineagePage *page,
             gint32          centre)
{
  CentreWait wait = { page, centre };

  if (!hub_test_ui_wait_for (centred, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The lineage page did not centre on model %d (it shows %d)",
             centre, hub_lineage_page_get_centre (page));
}

static gboolean
page_settled (gpointer page)
{
  return !hub_lineage_page_is_busy (page) && hub_lineage_page_get_centre (page) >= 0;
}

/* The root of the family with the most models, computed here from every
 * model's root: a family is the models whose first-parent root it is, plus
 * (for merges) models reached through a second parent, so count by a walk
 * over hub_lineage_descendants() of every candidate. */
static guint32
largest_family_root (HubLineage *lineage)
{
  HubDataset *dataset = hub_lineage_get_dataset (lineage);
  guint n = hub_dataset_get_n_models (dataset);
  guint64 best_size = 0;
  gint64 best_downloads = -1;
  guint32 best = G_MAXUINT32;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GArray) nodes = NULL;
      g_autoptr(GHashTable) seen = NULL;
      gint64 downloads = 0;

      if (hub_lineage_get_root (lineage, i) != i)
        continue;
      nodes = hub_lineage_descendants (lineage, i, 0, NULL);
      seen = g_hash_table_new (NULL, NULL);
      for (guint k = 0; k < nodes->len; k++)
        {
          guint32 m = g_array_index (nodes, HubLineageNode, k).model;

          if (g_hash_table_add (seen, GUINT_TO_POINTER (m + 1)))
            downloads += MAX (hub_dataset_get_model (dataset, m)->downloads, 0);
        }
      if (g_hash_table_size (seen) > best_size ||
          (g_hash_table_size (seen) == best_size && downloads > best_downloads))
        {
          best_size = g_hash_table_size (seen);
          best_downloads = downloads;
          best = i;
        }
    }
  g_assert_cmpuint (best_size, >, 100);
  return best;
}

/* The 30-day downloads of @root's family, each model once. */
static gint64
family_downloads (HubLineage *lineage,
                  guint32     root)
{
  HubDataset *dataset = hub_lineage_get_dataset (lineage);
  g_autoptr(GArray) nodes = hub_lineage_descendants (lineage, root, 0, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gint64 sum = 0;

  for (guint k = 0; k < nodes->len; k++)
    {
      guint32 m = g_array_index (nodes, HubLineageNode, k).model;

      if (g_hash_table_add (seen, GUINT_TO_POINTER (m + 1)))
        sum += MAX (hub_dataset_get_model (dataset, m)->downloads, 0);
    }
  return sum;
}

static guint32
row_model (GListModel *rows,
           guint       position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, position);
  g_autoptr(HubLineageTreeNode) node = NULL;

  g_assert_nonnull (row);
  node = gtk_tree_list_row_get_item (row);
  return hub_lineage_tree_node_get_model (node);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Refresh children from the Hub ------------------------------------------- */

static HubRefreshBar *
find_refresh_bar (GtkWidget *widget)
{
  if (HUB_IS_REFRESH_BAR (widget))
    return HUB_REFRESH_BAR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HubRefreshBar *bar = find_refresh_bar (child);

      if (bar != NULL)
        return bar;
    }
  return NULL;
}

static gboolean
bar_idle (gpointer bar)
{
  return !hub_refresh_bar_get_running (bar);
}

typedef struct {
  HubWindow      *window;
  HubLineagePage *page;
  HubDataset     *previous;
  const char     *id;
} ReloadWait;

/* The window holds a new dataset and the page shows @id from it. */
static gboolean
reloaded_on (gpointer data)
{
  ReloadWait *wait = data;
  HubDataset *dataset = hub_window_get_dataset (wait->window);

  return dataset != NULL && dataset != wait->previous && hub_lineage_page_get_dataset (wait->page) == dataset &&
         !hub_lineage_page_is_busy (wait->page) &&
         hub_lineage_page_get_centre (wait->page) == hub_dataset_find_model (dataset, wait->id);
}

/* The ids of the complete snapshot of @series (transfer full). */
static GPtrArray *
snapshot_ids (const char *db_path,
              const char *series)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open_read_only (db_path, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  stmt = hub_store_prepare (store, "SELECT r.model_id FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
                                   " WHERE s.series = ?1 AND s.complete = 1", NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, series, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return ids;
}

/* The ids of the tree's top level, sorted, one per line. */
static char *
top_level_ids (HubLineagePage *page)
{
  GListModel *rows = G_LIST_MODEL (hub_lineage_page_get_tree_model (page));
  HubDataset *dataset = hub_lineage_page_get_dataset (page);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (gtk_tree_list_row_get_depth (row) == 0)
        g_ptr_array_add (ids, (gpointer) hub_dataset_get_model (dataset, row_model (rows, i))->id);
    }
  g_ptr_array_sort (ids, (GCompareFunc) compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv ("\n", (char **) ids->pdata);
}

/* The model of @dataset with 3 to 40 children in the tree, most
 * downloaded: small enough for one page of children. */
static guint32
pick_small_parent (HubLineage *lineage)
{
  HubDataset *dataset = hub_lineage_get_dataset (lineage);
  guint n = hub_dataset_get_n_models (dataset);
  gint64 best_downloads = -1;
  guint32 best = G_MAXUINT32;

  for (guint i = 0; i < n; i++)
    {
      const HubModelRecord *record = hub_dataset_get_model (dataset, i);
      g_autoptr(GArray) children = NULL;

      if (record->downloads <= best_downloads || !hub_model_id_is_valid (record->id))
        continue;
      children = hub_lineage_expand (lineage, i, NULL, 0);
      if (children->len >= 3 && children->len <= 40)
        best = i, best_downloads = record->downloads;
    }
  g_assert_cmpuint (best, !=, G_MAXUINT32);
  return best;
}

/* Presses "Refresh Children" with HF_ENDPOINT on the fixture server, which
 * serves the data and a copy of it with "-r1" ids naming the same parents:
 * the copies of the children are new, stored as one snapshot of the series
 * sync:children:<id>, and the page shows them under the same model. Then
 * failures: each says why in the toast and changes nothing. */
static void
check_refresh_children (Context        *ctx,
                        HubWindow      *window,
                        HubLineagePage *page,
                        HubLineage     *lineage)
{
  HubRefreshBar *bar = find_refresh_bar (GTK_WIDGET (window));
  GtkWidget *button = find_named (GTK_WIDGET (page), "refresh-children-button");
  HubDataset *before = hub_window_get_dataset (window);
  guint32 x = pick_small_parent (lineage);
  g_autofree char *id = g_strdup (hub_dataset_get_model (before, x)->id);
  g_autofree char *series = g_strconcat ("sync:children:", id, NULL);
  g_autofree char *before_ids = NULL;
  g_autofree char *after_ids = NULL;
  g_autofree char *expected_ids = NULL;
  g_autofree char *expected_message = NULL;
  g_autofree char *n_stored = NULL;
  g_autofree char *n_new = NULL;
  g_autoptr(GPtrArray) fetched = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  HubDataset *after;
  gint64 models_before, snapshots_before;
  guint n_before, added = 0;
  ReloadWait wait = { window, page, before, id };
  struct {
    HubFaultKind kind;
    guint        arg;
    guint        times;
    const char  *message;
  } faults[] = {
    { HUB_FAULT_STATUS, 500, 5, "The Hub is having trouble right now. Try again later." },
    { HUB_FAULT_RATE_LIMIT, 0, 5, "Too many requests: the Hub’s rate limit is used up. Try again in a few minutes." },
    /* (Not HUB_FAULT_INVALID_JSON: json-glib's message holds "<data>",
     * which the refresh bar's toast takes for markup.) */
    { HUB_FAULT_OBJECT, 0, 1, "The refresh failed: Page 1 from the Hub is not a list of models" },
  };

  g_assert_nonnull (bar);
  g_assert_nonnull (button);
  hub_client_set_retry_base_delay (hub_refresh_bar_get_client (bar), 1);
  hub_client_set_max_retry_delay (hub_refresh_bar_get_client (bar), 20);

  g_assert_true (hub_lineage_page_show_model (page, id));
  wait_centre (page, x);
  before_ids = top_level_ids (page);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (hub_lineage_page_get_tree_model (page)));
  models_before = hub_test_store_count (ctx->db_path, "SELECT count(*) FROM models", NULL);
  snapshots_before = hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots", NULL);
  g_assert_cmpint (hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots WHERE series = ?1", series), ==, 0);

  /* The button, pressed: the window's refresh bar runs the sync. */
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (hub_refresh_bar_get_running (bar));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (hub_test_ui_wait_for (bar_idle, bar, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  if (!hub_test_ui_wait_for (reloaded_on, &wait, HUB_TEST_UI_LOAD_TIMEOUT_MS))
    g_error ("The page did not come back to %s after the refresh: %s", id, hub_refresh_bar_get_last_message (bar));
  g_assert_true (gtk_widget_is_sensitive (button));
  after = hub_window_get_dataset (window);

  /* One complete snapshot of what the server gave; its new ids are the
   * models the store did not have. */
  fetched = snapshot_ids (ctx->db_path, series);
  g_assert_cmpuint (fetched->len, >, 0);
  for (guint i = 0; i < fetched->len; i++)
    if (hub_dataset_find_model (before, g_ptr_array_index (fetched, i)) < 0)
      added++;
  g_assert_cmpuint (added, >, 0);
  g_assert_cmpint (hub_test_store_count (ctx->db_path, "SELECT count(*) FROM models", NULL), ==, models_before + added);
  g_assert_cmpint (hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots", NULL), ==, snapshots_before + 1);
  n_stored = hub_display_count (fetched->len);
  n_new = hub_display_count (added);
  expected_message = g_strdup_printf ("%s models refreshed, %s new", n_stored, n_new);
  g_assert_cmpstr (hub_refresh_bar_get_last_message (bar), ==, expected_message);

  /* The tree: the children shown before, and every fetched model whose
   * parents (as stored) name the model. */
  {
    g_auto(GStrv) old_ids = g_strsplit (before_ids, "\n", -1);
    gint32 xa = hub_dataset_find_model (after, id);
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; old_ids[i] != NULL && *old_ids[i] != '\0'; i++)
      if (g_hash_table_add (seen, old_ids[i]))
        g_ptr_array_add (expected, old_ids[i]);
    for (guint i = 0; i < fetched->len; i++)
      {
        const char *fid = g_ptr_array_index (fetched, i);
        gint32 m = hub_dataset_find_model (after, fid);
        guint n_parents = 0;
        const gint32 *parents = hub_dataset_get_parents (after, m, &n_parents);

        g_assert_cmpint (m, >=, 0);
        for (guint k = 0; k < n_parents; k++)
          if (parents[k] == xa && g_hash_table_add (seen, (gpointer) fid))
            g_ptr_array_add (expected, (gpointer) fid);
      }
    g_ptr_array_sort (expected, (GCompareFunc) compare_ids);
    g_ptr_array_add (expected, NULL);
    expected_ids = g_strjoinv ("\n", (char **) expected->pdata);
    after_ids = top_level_ids (page);
    g_assert_cmpstr (after_ids, ==, expected_ids);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (hub_lineage_page_get_tree_model (page))), >, n_before);
    g_test_message ("%s: %u children before, %u after the refresh (%u fetched, %u new)",
                    id, n_before, expected->len - 1, fetched->len, added);
  }
  hub_test_ui_spin (300);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "lineage-refresh.png");

  /* Failures: said in the toast, nothing stored changes, the page stays. */
  models_before = hub_test_store_count (ctx->db_path, "SELECT count(*) FROM models", NULL);
  snapshots_before = hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots WHERE complete = 1", NULL);
  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    {
      const char *message;

      hub_test_server_clear_faults (ctx->server);
      hub_test_server_add_fault (ctx->server, 1, faults[f].kind, faults[f].arg, faults[f].times);
      g_signal_emit_by_name (button, "clicked");
      g_assert_true (hub_refresh_bar_get_running (bar));
      g_assert_true (hub_test_ui_wait_for (bar_idle, bar, HUB_TEST_UI_LOAD_TIMEOUT_MS));
      message = hub_refresh_bar_get_last_message (bar);
      g_test_message ("fault %u: %s", f, message);
      g_assert_true (g_str_has_prefix (message, faults[f].message));
      g_assert_cmpint (hub_test_store_count (ctx->db_path, "SELECT count(*) FROM models", NULL), ==, models_before);
      g_assert_cmpint (hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots WHERE complete = 1", NULL), ==,
                       snapshots_before);
      g_assert_true (hub_window_get_dataset (window) == after);
      g_assert_cmpint (hub_lineage_page_get_centre (page), ==, hub_dataset_find_model (after, id));
    }
  hub_test_server_clear_faults (ctx->server);
}

typedef struct {
  HubWindow      *window;
  HubLineagePage *page;
  gboolean        narrow;
  int             width;
} LayoutWait;

static gboolean
layout_is (gpointer data)
{
  LayoutWait *wait = data;

  return gtk_widget_get_width (GTK_WIDGET (wait->window)) == wait->width &&
         hub_test_ui_page_narrow (GTK_WIDGET (wait->page)) == wait->narrow && !hub_lineage_page_is_busy (wait->page);
}

static void
resize_window (HubWindow      *window,
               HubLineagePage *page,
               int             width,
               int             height)
{
  LayoutWait wait = { window, page, width < 900, width };
  gboolean reached = FALSE;

  /* Asked again while the layout changes: a window held at the wide
   * layout's minimum grows no smaller by itself once the page narrows (a
   * person keeps dragging). */
  for (guint attempt = 0; attempt < 4 && !reached; attempt++)
    {
      int default_width, default_height;

      /* The default size counts the decoration's margins. */
      gtk_window_get_default_size (GTK_WINDOW (window), &default_width, &default_height);
      gtk_window_set_default_size (GTK_WINDOW (window),
                                   width + MAX (0, default_width - gtk_widget_get_width (GTK_WIDGET (window))),
                                   height + MAX (0, default_height - gtk_widget_get_height (GTK_WIDGET (window))));
      reached = hub_test_ui_wait_for (layout_is, &wait, 3000);
    }
  if (!reached)
    {
      int page_min = 0;

      gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &page_min, NULL, NULL, NULL);
      g_error ("The window did not reach %d px (it is %d px, narrow %d, the page needs %d px)", width,
               gtk_widget_get_width (GTK_WIDGET (window)), hub_test_ui_page_narrow (GTK_WIDGET (page)), page_min);
    }
}

/* At 360 × 640 the page fits: the tree and the family take turns, the
 * tree keeps its main columns, the header's buttons are in the menu. */
static void
check_narrow (HubWindow      *window,
              HubLineagePage *page)
{
  GtkWidget *tree_toggle = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), HUB_TYPE_LINEAGE_PAGE, "tree_toggle"));
  GtkWidget *summary_toggle = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), HUB_TYPE_LINEAGE_PAGE, "summary_toggle"));
  GtkWidget *tree_pane = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), HUB_TYPE_LINEAGE_PAGE, "tree_pane"));
  GtkWidget *summary_pane = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), HUB_TYPE_LINEAGE_PAGE, "summary_pane"));
  GtkWidget *menu_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), HUB_TYPE_LINEAGE_PAGE, "menu_button"));
  int min;

  g_assert_false (hub_test_ui_page_narrow (GTK_WIDGET (page)));
  resize_window (window, page, 360, 640);
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), <=, 360);
  g_assert_true (gtk_widget_get_mapped (tree_toggle));
  g_assert_true (gtk_widget_get_mapped (menu_button));
  g_assert_true (gtk_widget_get_visible (tree_pane));
  g_assert_false (gtk_widget_get_visible (summary_pane));
  hub_test_ui_spin (400);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "lineage-narrow.png");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (summary_toggle), TRUE);
  g_assert_false (gtk_widget_get_visible (tree_pane));
  g_assert_true (gtk_widget_get_visible (summary_pane));
  hub_test_ui_spin (400);
  /* The family summary fits too: the window stays at 360 px. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "lineage-narrow-family.png");

  /* Wide again: both panes. */
  resize_window (window, page, 1280, 800);
  g_assert_true (gtk_widget_get_visible (tree_pane));
  g_assert_true (gtk_widget_get_visible (summary_pane));
  g_assert_false (gtk_widget_get_mapped (tree_toggle));
}

typedef struct {
  HubTrendingPage *page;
  GArray          *expected;  /* guint32 model indices */
} RowsWait;

static gboolean
rows_are (gpointer data)
{
  RowsWait *wait = data;
  GListModel *rows = hub_trending_page_get_rows (wait->page);

  if (hub_trending_page_is_busy (wait->page) || g_list_model_get_n_items (rows) != wait->expected->len)
    return FALSE;
  for (guint i = 0; i < wait->expected->len; i++)
    if (hub_row_model_get_model_index (HUB_ROW_MODEL (rows), i) != g_array_index (wait->expected, guint32, i))
      return FALSE;
  return TRUE;
}

/* The trending page's "Families" toggle lists the roots of every family in
 * the order of hub_lineage_rank_families() for the page's filters, and
 * switching it off lists the models again. */
static void
check_trending_families (HubWindow  *window,
                         HubLineage *lineage)
{
  HubTrendingPage *trending = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));
  GtkWidget *toggle = find_named (GTK_WIDGET (trending), "families-toggle");
  g_autoptr(GArray) families = NULL;
  g_autoptr(GArray) roots = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) models = NULL;
  HubListQuery query;
  RowsWait wait = { trending, roots };

  g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
  hub_trending_page_get_query (trending, &query);
  families = hub_lineage_rank_families (lineage, &query, 1, 0, NULL);
  models = hub_list_query_run (&query, hub_lineage_get_dataset (lineage), NULL);
  for (guint i = 0; i < families->len; i++)
    g_array_append_val (roots, g_array_index (families, HubLineageFamily, i).root);
  g_assert_cmpuint (roots->len, >, 100);
  g_assert_cmpuint (roots->len, <, models->len);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  if (!hub_test_ui_wait_for (rows_are, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The trending list did not show the %u family roots", roots->len);
  /* The first family is the most downloaded one, counted over its models. */
  g_assert_cmpint (g_array_index (families, HubLineageFamily, 0).all.downloads, ==,
                   family_downloads (lineage, g_array_index (roots, guint32, 0)));
  /* What the families are ranked by is what the list shows (issue 19): the
   * downloads column is the family's, titled so, with the sort arrow on it. */
  {
    GListModel *columns = gtk_column_view_get_columns (hub_trending_page_get_column_view (trending));
    g_autoptr(HubModelRow) first = g_list_model_get_item (hub_trending_page_get_rows (trending), 0);
    gboolean titled = FALSE;
    HubListQuery shown;

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        titled |= g_strcmp0 (gtk_column_view_column_get_title (column), "Family downloads (30 d)") == 0;
      }
    g_assert_true (titled);
    g_assert_nonnull (hub_model_row_get_family (first));
    g_assert_cmpint (hub_model_row_get_family (first)->downloads, ==,
                     g_array_index (families, HubLineageFamily, 0).all.downloads);
    hub_trending_page_get_query (trending, &shown);
    g_assert_cmpint (shown.sort, ==, HUB_LIST_SORT_DOWNLOADS);
    g_assert_true (shown.descending);
    hub_list_query_clear (&shown);
    hub_window_show_page (window, "trending");
    hub_test_ui_spin (300);
    hub_test_ui_save_screenshot (GTK_WIDGET (window), "trending-families.png");
  }

  /* Off again: the models, in the order they had before. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  wait.expected = models;
  if (!hub_test_ui_wait_for (rows_are, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The trending list did not list the %u models again", models->len);

  /* Sorting by another column while families are listed lists models. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  wait.expected = roots;
  if (!hub_test_ui_wait_for (rows_are, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The trending list did not show the family roots again");
  hub_trending_page_set_sort (trending, HUB_LIST_SORT_LIKES, TRUE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  {
    g_autoptr(GArray) by_likes = NULL;
    HubListQuery likes;

    hub_trending_page_get_query (trending, &likes);
    g_assert_cmpint (likes.sort, ==, HUB_LIST_SORT_LIKES);
    by_likes = hub_list_query_run (&likes, hub_lineage_get_dataset (lineage), NULL);
    wait.expected = by_likes;
    if (!hub_test_ui_wait_for (rows_are, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
      g_error ("The trending list did not list the models by likes");
    hub_list_query_clear (&likes);
  }
  hub_trending_page_set_sort (trending, query.sort, query.descending);
  hub_list_query_clear (&query);
}

/* One number, one definition (issue 19): a family's model count and its
 * root's share read the same on the page's cards (centred on a fine-tune of
 * the family, google/gemma-4-31B-it), in the family chart drawn from the
 * root, in `hubeco lineage` and in `hubeco families`. */
static void
check_one_definition (Context        *ctx,
                      HubLineagePage *page,
                      HubLineage     *lineage)
{
  HubDataset *dataset = hub_lineage_get_dataset (lineage);
  gint32 tuned = hub_dataset_find_model (dataset, "google/gemma-4-31B-it");
  guint32 root;
  HubLineageTotals family;
  HubFamilyChartData *chart;
  g_autofree char *models = NULL;
  g_autofree char *root_share = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  double share;
  int status;

  g_assert_cmpint (tuned, >=, 0);
  root = hub_lineage_get_root (lineage, tuned);
  g_assert_cmpstr (hub_dataset_get_model (dataset, root)->id, ==, "google/gemma-4-31B");
  hub_lineage_subtree_totals (lineage, root, &family);
  share = (double) hub_dataset_get_model (dataset, root)->downloads / family.all.downloads;
  models = hub_display_count (family.all.n_models);
  root_share = hub_display_ratio (share);

  g_assert_true (hub_lineage_page_show_model (page, "google/gemma-4-31B-it"));
  wait_centre (page, tuned);
  g_assert_cmpstr (hub_lineage_page_get_family_models_text (page), ==, models);
  g_assert_cmpstr (hub_lineage_page_get_root_share_text (page), ==, root_share);

  chart = hub_family_chart_data_new (lineage, root, 0);
  g_assert_cmpuint (chart->n_nodes, ==, family.all.n_models);
  g_assert_cmpfloat_with_epsilon (chart->nodes[0].weight / (double) family.all.downloads, share, 1e-12);
  hub_family_chart_data_free (chart);

  {
    const char *argv[] = { g_getenv ("HUBECO_BIN"), "families", "--db", ctx->db_path, "--top", "100",
                           "--format", "csv", NULL };
    g_auto(GStrv) lines = NULL;
    gboolean found = FALSE;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    lines = g_strsplit (out, "\n", -1);
    /* root,models,downloads,downloads_all_time,root_share,… */
    for (guint i = 1; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "google/gemma-4-31B,"))
        {
          g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

          g_assert_cmpuint (g_ascii_strtoull (fields[1], NULL, 10), ==, family.all.n_models);
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[4], NULL), share, 1e-3);
          found = TRUE;
        }
    g_assert_true (found);
    g_clear_pointer (&out, g_free);
  }
  {
    const char *argv[] = { g_getenv ("HUBECO_BIN"), "lineage", "--db", ctx->db_path, "google/gemma-4-31B-it",
                           "--depth", "1", NULL };
    g_autofree char *expected = g_strdup_printf ("Family of google/gemma-4-31B: %s models,", models);

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_str_has_prefix (out, expected));
    {
      g_autofree char *held = g_strdup_printf ("the root holds %.1f%%", 100.0 * share);

      g_assert_nonnull (strstr (out, held));
    }
  }
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();
  g_autoptr(HubLineage) lineage = NULL;
  g_autoptr(GArray) top = NULL;
  g_autoptr(GArray) grandchildren = NULL;
  g_auto(GStrv) pills = NULL;
  HubLineagePage *page;
  HubDataset *dataset;
  GtkTreeListModel *tree;
  GListModel *rows;
  guint32 root, child = G_MAXUINT32, grandchild;
  guint child_position = G_MAXUINT;

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  g_assert_cmpstr (hub_window_get_state (window), ==, "main");
  dataset = hub_window_get_dataset (window);
  page = HUB_LINEAGE_PAGE (hub_window_get_page (window, "lineage"));
  g_assert_nonnull (page);
  hub_window_show_page (window, "lineage");
  g_assert_true (hub_lineage_page_get_dataset (page) == dataset);

  /* It opens on the family with the most models. */
  g_assert_true (hub_test_ui_wait_for (page_settled, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  lineage = hub_lineage_new (dataset);
  root = largest_family_root (lineage);
  g_assert_cmpint (hub_lineage_page_get_centre (page), ==, root);
  g_assert_cmpint (hub_lineage_page_get_family_downloads (page), ==, family_downloads (lineage, root));
  pills = hub_lineage_page_dup_ancestor_ids (page);
  g_assert_cmpuint (g_strv_length (pills), ==, 1);
  g_assert_cmpstr (pills[0], ==, hub_dataset_get_model (dataset, root)->id);
  g_clear_pointer (&pills, g_strfreev);

  /* The top level is the root's children as hub_lineage_expand() gives
   * them, in its order. */
  tree = hub_lineage_page_get_tree_model (page);
  rows = G_LIST_MODEL (tree);  /* until the next centring */
  top = hub_lineage_expand (lineage, root, NULL, 0);
  g_assert_cmpuint (top->len, >, 10);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, top->len);
  for (guint i = 0; i < top->len; i++)
    g_assert_cmpuint (row_model (rows, i), ==, g_array_index (top, HubLineageChild, i).model);

  /* Expanding the first row that has children inserts them below it. */
  for (guint i = 0; i < top->len && child_position == G_MAXUINT; i++)
    {
      const HubLineageChild *c = &g_array_index (top, HubLineageChild, i);

      if (c->n_children > 0 && !(c->marks & HUB_LINEAGE_MARK_CYCLE))
        {
          child_position = i;
          child = c->model;
        }
    }
  g_assert_cmpuint (child_position, !=, G_MAXUINT);
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, child_position);

    g_assert_true (gtk_tree_list_row_is_expandable (row));
    gtk_tree_list_row_set_expanded (row, TRUE);
  }
  grandchildren = hub_lineage_expand (lineage, child, &root, 1);
  g_assert_cmpuint (grandchildren->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, top->len + grandchildren->len);
  for (guint i = 0; i < grandchildren->len; i++)
    g_assert_cmpuint (row_model (rows, child_position + 1 + i), ==,
                      g_array_index (grandchildren, HubLineageChild, i).model);

  /* The chart draws the root's family, each model once. */
  {
    HubFamilyChartData *chart = hub_chart_view_get_data (HUB_CHART_VIEW (hub_lineage_page_get_chart_view (page)));
    g_autoptr(GArray) nodes = hub_lineage_descendants (lineage, root, 0, NULL);
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < nodes->len; i++)
      g_hash_table_add (seen, GUINT_TO_POINTER (g_array_index (nodes, HubLineageNode, i).model + 1));
    g_assert_nonnull (chart);
    g_assert_cmpuint (chart->n_nodes, ==, g_hash_table_size (seen));
    g_assert_cmpstr (chart->nodes[0].label, ==, hub_dataset_get_model (dataset, root)->id);
  }

  hub_test_ui_spin (500);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "lineage.png");

  /* Hovering the root's box names the root and its share of the family;
   * the generation headers above the icicle give no tooltip. */
  {
    HubChartView *view = HUB_CHART_VIEW (hub_lineage_page_get_chart_view (page));
    HubFamilyChartData *chart = hub_chart_view_get_data (view);
    int width = gtk_widget_get_width (GTK_WIDGET (view)), height = gtk_widget_get_height (GTK_WIDGET (view));
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create (surface);
    HubChartStyle style;
    cairo_rectangle_t plot;
    g_autofree char *text = NULL;
    g_autofree char *root_id = g_markup_escape_text (hub_dataset_get_model (dataset, root)->id, -1);

    hub_chart_view_get_style (view, &style);
    hub_family_chart_get_plot (cr, width, height, &style, chart, &plot);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    g_assert_cmpfloat (plot.width, >, 0);
    text = hub_chart_view_dup_hover_text (view, plot.x + 2, plot.y + plot.height / 2);
    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, root_id));
    g_assert_nonnull (strstr (text, "Root"));
    g_assert_nonnull (strstr (text, "% of the family"));
    g_assert_null (hub_chart_view_dup_hover_text (view, plot.x + 2, plot.y - 2));
  }

  /* Ctrl+E: the shared export dialog writes the family chart. */
  {
    g_autofree char *png = g_build_filename (ctx->tmpdir, "family.png", NULL);
    g_autoptr(GError) error = NULL;
    GtkWindow *dialog = hub_lineage_page_export_chart (page);

    g_assert_nonnull (dialog);
    g_assert_true (hub_export_dialog_write (dialog, png, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
    gtk_window_destroy (dialog);
  }

  /* The share column is the branch's (the model and its derivatives), and
   * says so (issue 19: "Share of family" beside the model's own downloads). */
  {
    GListModel *columns = gtk_column_view_get_columns (hub_lineage_page_get_column_view (page));
    gboolean branch = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        branch |= g_strcmp0 (gtk_column_view_column_get_title (column), "Branch share") == 0;
        g_assert_cmpstr (gtk_column_view_column_get_title (column), !=, "Share of family");
      }
    g_assert_true (branch);
  }

  /* Double-clicking (activating) a grandchild re-centres on it; its
   * ancestor chain runs from the root through the expanded child. */
  grandchild = g_array_index (grandchildren, HubLineageChild, 0).model;
  g_signal_emit_by_name (hub_lineage_page_get_column_view (page), "activate", child_position + 1);
  wait_centre (page, grandchild);
  pills = hub_lineage_page_dup_ancestor_ids (page);
  if (hub_dataset_get_model (dataset, grandchild)->first_parent == (gint32) child)
    {
      g_assert_cmpuint (g_strv_length (pills), ==, 3);
      g_assert_cmpstr (pills[0], ==, hub_dataset_get_model (dataset, root)->id);
      g_assert_cmpstr (pills[1], ==, hub_dataset_get_model (dataset, child)->id);
    }
  g_assert_cmpstr (pills[g_strv_length (pills) - 1], ==, hub_dataset_get_model (dataset, grandchild)->id);
  g_clear_pointer (&pills, g_strfreev);
  {
    g_autoptr(GArray) expected = hub_lineage_expand (lineage, grandchild, NULL, 0);

    rows = G_LIST_MODEL (hub_lineage_page_get_tree_model (page));
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected->len);
  }
  /* The family is still the root's. */
  g_assert_cmpint (hub_lineage_page_get_family_downloads (page), ==, family_downloads (lineage, root));

  /* Searching the root by id centres on it again. */
  gtk_editable_set_text (hub_lineage_page_get_search_entry (page), hub_dataset_get_model (dataset, root)->id);
  g_signal_emit_by_name (hub_lineage_page_get_search_entry (page), "activate");
  wait_centre (page, root);
  rows = G_LIST_MODEL (hub_lineage_page_get_tree_model (page));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, top->len);

  /* An unknown id changes nothing. */
  g_assert_false (hub_lineage_page_show_model (page, "no-such-owner/no-such-model"));
  g_assert_false (hub_lineage_page_is_busy (page));
  g_assert_cmpint (hub_lineage_page_get_centre (page), ==, root);

  /* History: back to the grandchild, back to the root, forward again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "lineage.back", NULL);
  wait_centre (page, grandchild);
  g_assert_true (hub_lineage_page_go_back (page));
  wait_centre (page, root);
  g_assert_false (hub_lineage_page_go_back (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "lineage.forward", NULL);
  wait_centre (page, grandchild);
  g_assert_true (hub_lineage_page_go_forward (page));
  wait_centre (page, root);
  g_assert_false (hub_lineage_page_go_forward (page));

  check_one_definition (ctx, page, lineage);
  check_trending_families (window, lineage);
  hub_window_show_page (window, "lineage");
  check_refresh_children (ctx, window, page, lineage);
  check_narrow (window, page);

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_lineage_page (void)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GError) error = NULL;
  Context ctx = { 0 };
  guint n_entries;

  /* The fixture Hub: the data, then the data again with "-r1" ids that
   * name the same parents (new children for every model). */
  ctx.server = hub_test_server_new (dataset, 0, 0, &error);
  g_assert_no_error (error);
  n_entries = hub_test_server_get_n_models (ctx.server);
  hub_test_server_free (ctx.server);
  ctx.server = hub_test_server_new (dataset, 2 * n_entries, server_port, &error);
  g_assert_no_error (error);

  ctx.tmpdir = tmpdir;
  ctx.db_path = g_build_filename (tmpdir, "hubeco.db", NULL);
  hub_test_ui_run_app (ctx.db_path, run_checks, &ctx);
  g_assert_true (ctx.checked);
  g_free (ctx.db_path);
  hub_test_server_free (ctx.server);
}

/* The default family: most models, then most downloads. */
static void
test_largest_family (void)
{
  g_autoptr(GArray) families = g_array_new (FALSE, TRUE, sizeof (HubLineageFamily));
  HubLineageFamily f = { 0 };

  g_assert_cmpint (hub_lineage_page_largest_family (NULL), ==, -1);
  g_assert_cmpint (hub_lineage_page_largest_family (families), ==, -1);

  /* Ranked by downloads, as hub_lineage_rank_families() gives them. */
  f.root = 7, f.all.n_models = 3, f.all.downloads = 900;
  g_array_append_val (families, f);
  f.root = 4, f.all.n_models = 12, f.all.downloads = 500;
  g_array_append_val (families, f);
  f.root = 9, f.all.n_models = 12, f.all.downloads = 100;
  g_array_append_val (families, f);
  g_assert_cmpint (hub_lineage_page_largest_family (families), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  /* HF_ENDPOINT (the refresh's default endpoint) on a free port, set
   * before any thread exists. */
  {
    g_autoptr(GSocketListener) listener = g_socket_listener_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *endpoint = NULL;

    server_port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
    g_assert_no_error (error);
    g_socket_listener_close (listener);
    endpoint = g_strdup_printf ("http://127.0.0.1:%u", server_port);
    g_setenv ("HF_ENDPOINT", endpoint, TRUE);
    g_unsetenv ("HF_TOKEN");
  }
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/lineage/largest-family", test_largest_family);
  g_test_add_func ("/ui/lineage/page", test_lineage_page);

  return g_test_run ();
}
