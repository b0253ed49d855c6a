/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "hub-chart-view.h"
#include "hub-export-dialog.h"
#include "hub-family-chart.h"
#include "hub-lineage-node.h"
#include "hub-lineage-page.h"
#include "hub-lineage.h"
#include "hub-list-query.h"
#include "hub-row-model.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

typedef struct {
  char     *tmpdir;
  char     *db_path;
  gboolean  checked;
} Context;

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
  g_assert_cmpint (g_array_index (families, HubLineageFamily, 0).totals.all.downloads, ==,
                   family_downloads (lineage, g_array_index (roots, guint32, 0)));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  wait.expected = models;
  if (!hub_test_ui_wait_for (rows_are, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS))
    g_error ("The trending list did not list the %u models again", models->len);
  hub_list_query_clear (&query);
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

  check_trending_families (window, lineage);

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_lineage_page (void)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  Context ctx = { 0 };

  ctx.tmpdir = tmpdir;
  ctx.db_path = g_build_filename (tmpdir, "hubeco.db", NULL);
  hub_test_ui_run_app (ctx.db_path, run_checks, &ctx);
  g_assert_true (ctx.checked);
  g_free (ctx.db_path);
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
  f.root = 7, f.totals.all.n_models = 3, f.totals.all.downloads = 900;
  g_array_append_val (families, f);
  f.root = 4, f.totals.all.n_models = 12, f.totals.all.downloads = 500;
  g_array_append_val (families, f);
  f.root = 9, f.totals.all.n_models = 12, f.totals.all.downloads = 100;
  g_array_append_val (families, f);
  g_assert_cmpint (hub_lineage_page_largest_family (families), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/lineage/largest-family", test_largest_family);
  g_test_add_func ("/ui/lineage/page", test_lineage_page);

  return g_test_run ();
}
