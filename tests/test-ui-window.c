/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window as a GNOME citizen: the view switcher moves to the bottom bar
 * at 360x640 and every action of issue 8 has its shortcut in the shortcuts
 * window (what a screen reader hears: test-ui-accessible.c). */
#include "config.h"

#include <adwaita.h>

#include "hub-application.h"
#include "hub-column-sorter.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

/* The store, built from the embedded dataset by the first test. */
static char *db_path;

/* The pages with an adaptive layout, in the switcher's order. */
static const char * const views[] = { "trending", "lineage", "sizes", "share" };

static gboolean
title_shown (gpointer title)
{
  return adw_view_switcher_title_get_title_visible (title);
}

static gboolean
switcher_shown (gpointer title)
{
  return !adw_view_switcher_title_get_title_visible (title);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_loaded (HubWindow *window)
{
  return hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS) &&
         g_strcmp0 (hub_window_get_state (window), "main") == 0;
}

/* The narrowest width each page allows and the widgets wider than 360 px,
 * for the failure message. */
static char *
page_widths (HubWindow *window)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int minimum;

      gtk_widget_measure (hub_window_get_page (window, views[i]), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      g_string_append_printf (text, "%s%s %d px", i > 0 ? ", " : "", views[i], minimum);
    }
  {
    g_autofree char *wide = hub_test_ui_too_wide (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                                                  360);

    g_string_append (text, wide);
  }
  return g_string_free (text, FALSE);
}

/* The Trending list's columns (issue 19): the rank first; wide, the
 * column it is sorted by (Trending) and Parameters within the list's width
 * (they were cut off at 1280x800 behind author, task and library);
 * narrow, only the rank, the model and the sort column. */
static void
assert_trending_columns (HubWindow *window,
                         gboolean   narrow)
{
  GtkColumnView *view = hub_trending_page_get_column_view (HUB_TRENDING_PAGE (hub_window_get_page (window, "trending")));
  GListModel *columns = gtk_column_view_get_columns (view);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int x = 0;
  guint n_visible = 0;
  gboolean sort_seen = FALSE, parameters_seen = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);
      HubListSort sort = HUB_IS_COLUMN_SORTER (sorter) ? hub_column_sorter_get_sort (HUB_COLUMN_SORTER (sorter))
                                                      : HUB_LIST_SORT_ID;
      int right = x + gtk_column_view_column_get_fixed_width (column);

      if (!gtk_column_view_column_get_visible (column))
        continue;
      if (n_visible++ == 0)
        g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, "#");
      if (HUB_IS_COLUMN_SORTER (sorter) && sort == HUB_LIST_SORT_TRENDING)
        {
          g_assert_cmpint (right, <=, width);
          sort_seen = TRUE;
        }
      if (HUB_IS_COLUMN_SORTER (sorter) && sort == HUB_LIST_SORT_PARAMETERS)
        {
          g_assert_cmpint (right, <=, width);
          parameters_seen = TRUE;
        }
      x = right;
    }
  g_assert_true (sort_seen);
  g_assert_true (parameters_seen != narrow);
  if (narrow)
    g_assert_cmpuint (n_visible, ==, 3);
}

static gboolean
check_adaptive (gpointer user_data)
{
  HubWindow *window = hub_test_ui_active_window ();
  GtkWidget *bar, *title, *page;
  char *name = NULL;
  int minimum;

  g_assert_true (window_loaded (window));
  bar = find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  title = find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);
  g_assert_nonnull (bar);
  g_assert_nonnull (title);

  /* Wide: the switcher in the header, no bottom bar. */
  g_assert_true (hub_test_ui_show_page (window, views[0], 1200, 800));
  g_assert_true (hub_test_ui_wait_for (switcher_shown, title, 5000));
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));

  /* Every page lets the window go down to 360 px (the window's own
   * minimum adds the decoration's margins: its content). */
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > 360)
    {
      g_autofree char *widths = page_widths (window);

      g_error ("The window needs %d px, more than 360 (pages: %s)", minimum, widths);
    }

  /* 360x640: the bottom bar, the header shows the title. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      if (!hub_test_ui_show_page (window, views[i], 360, 640))
        g_error ("The %s view did not fit 360x640: the window is %dx%d", views[i],
                 gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
      if (gtk_widget_get_width (GTK_WIDGET (window)) != 360)
        {
          g_autofree char *widths = page_widths (window);

          g_error ("The window is %d px wide at 360 (pages: %s)", gtk_widget_get_width (GTK_WIDGET (window)), widths);
        }
      g_assert_true (hub_test_ui_wait_for (title_shown, title, 5000));
      g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
      g_assert_true (gtk_widget_get_child_visible (bar) && gtk_widget_get_mapped (bar));

      /* In its narrow layout, which really fits (the page's minimum is
       * the narrow layout's own now). */
      page = hub_window_get_page (window, views[i]);
      g_assert_true (hub_test_ui_page_narrow (page));
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_assert_cmpint (minimum, <=, 360);
      g_assert_cmpint (gtk_widget_get_width (page), ==, 360);
      g_test_message ("%s page, narrow: %d px at least", views[i], minimum);
      if (i == 0)
        assert_trending_columns (window, TRUE);
      name = g_strdup_printf ("window-narrow-%s.png", views[i]);
      hub_test_ui_save_screenshot (GTK_WIDGET (window), name);
      g_clear_pointer (&name, g_free);
    }
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "window-narrow.png");

  /* Back to wide: the bar goes away again, the pages are wide again. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_assert_true (hub_test_ui_show_page (window, views[i], 1200, 800));
      /* (The title follows its own allocation.) */
      g_assert_true (hub_test_ui_wait_for (switcher_shown, title, 5000));
      g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
      page = hub_window_get_page (window, views[i]);
      if (i == 0)
        assert_trending_columns (window, FALSE);
      if (!g_str_equal (views[i], "trending"))
        g_assert_false (hub_test_ui_page_narrow (page));
      name = g_strdup_printf ("window-wide-%s.png", views[i]);
      hub_test_ui_save_screenshot (GTK_WIDGET (window), name);
      g_clear_pointer (&name, g_free);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_adaptive (void)
{
  hub_test_ui_run_app (db_path, check_adaptive, NULL);
}

/* --- keyboard ----------------------------------------------------------- */

static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *actions)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "action-name", &action, "accelerator", &accelerator, NULL);
      if (action != NULL)
        g_hash_table_add (actions, g_steal_pointer (&action));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, actions);
}

static gboolean
check_shortcuts (gpointer user_data)
{
  HubWindow *window = hub_test_ui_active_window ();
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Issue 8's actions and their keys. */
  const struct { const char *action; const char *accel; } expected[] = {
    { "win.focus-search", "<Control>f" },
    { "win.refresh", "<Control>r" },
    { "win.export-chart", "<Control>e" },
    { "win.show-page::trending", "<Control>1" },
    { "win.show-page::lineage", "<Control>2" },
    { "win.show-page::sizes", "<Control>3" },
    { "win.show-page::share", "<Control>4" },
    { "app.preferences", "<Control>comma" },
    { "app.quit", "<Control>q" },
    { "win.show-help-overlay", "<Control>question" },
  };

  g_assert_true (window_loaded (window));
  g_assert_nonnull (overlay);
  collect_shortcuts (GTK_WIDGET (overlay), listed);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, expected[i].action);

      g_test_message ("%s: %s", expected[i].action, accels[0] != NULL ? accels[0] : "(none)");
      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i].accel));
      if (!g_hash_table_contains (listed, expected[i].action))
        g_error ("%s is not in the shortcuts window", expected[i].action);
    }

  /* Ctrl+1..4 switch views: the actions do it. */
  for (guint i = G_N_ELEMENTS (views); i-- > 0;)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", views[i]));
      g_assert_true (hub_window_get_page (window, views[i]) ==
                     adw_view_stack_get_visible_child (ADW_VIEW_STACK (gtk_widget_get_ancestor (
                       hub_window_get_page (window, views[i]), ADW_TYPE_VIEW_STACK))));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_shortcuts (void)
{
  hub_test_ui_run_app (db_path, check_shortcuts, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = hub_test_tmpdir ();
  db_path = g_build_filename (tmpdir, "hubeco.db", NULL);

  g_test_add_func ("/ui-window/shortcuts", test_shortcuts);
  g_test_add_func ("/ui-window/adaptive", test_adaptive);

  status = g_test_run ();
  g_free (db_path);
  return status;
}
