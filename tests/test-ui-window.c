/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window as a GNOME citizen: the view switcher moves to the bottom bar
 * at 360x640, every control of every page (and of the preferences and the
 * shortcuts window) has an accessible label, every chart states its numbers,
 * and every action of issue 8 has its shortcut in the shortcuts window. */
#include "config.h"

#include <adwaita.h>

#include "hub-application.h"
#include "hub-chart-view.h"
#include "hub-lineage-page.h"
#include "hub-preferences-window.h"
#include "hub-share-page.h"
#include "hub-sizes-page.h"
#include "hub-sparkline-widget.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

/* The store, built from the embedded dataset by the first test. */
static char *db_path;

typedef struct {
  const char *name;
  gboolean  (*is_busy) (gpointer page);
} View;

static const View views[] = {
  { "trending", (gpointer) hub_trending_page_is_busy },
  { "lineage", (gpointer) hub_lineage_page_is_busy },
  { "sizes", (gpointer) hub_sizes_page_is_busy },
  { "share", (gpointer) hub_share_page_is_busy },
};

typedef struct {
  HubWindow  *window;
  const View *view;
  int         width;
  int         height;
} SizeWait;

static gboolean
page_settled (gpointer data)
{
  SizeWait *wait = data;
  GtkWidget *page = hub_window_get_page (wait->window, wait->view->name);

  /* At 360 px the page also reaches its narrow layout, at 1200 px its
   * wide one (after the allocation at the new width); the Trending page's
   * filters stay in their popover while its list, beside the detail pane,
   * is narrower than them. */
  return gtk_widget_get_mapped (page) && !wait->view->is_busy (page) &&
         (wait->width == 0 || (gtk_widget_get_width (GTK_WIDGET (wait->window)) == wait->width &&
                               gtk_widget_get_height (GTK_WIDGET (wait->window)) == wait->height)) &&
         (wait->width != 360 || hub_test_ui_page_narrow (page)) &&
         (wait->width != 1200 || g_str_equal (wait->view->name, "trending") || !hub_test_ui_page_narrow (page));
}

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

/* Shows @view and waits for its result; with @width, for that width too
 * (FALSE when the window does not get it). */
static gboolean
show_view (HubWindow  *window,
           const View *view,
           int         width,
           int         height)
{
  SizeWait wait = { window, view, width, height };

  if (width > 0)
    {
      int default_width, default_height;

      /* The default size counts the decoration's margins. */
      gtk_window_get_default_size (GTK_WINDOW (window), &default_width, &default_height);
      gtk_window_set_default_size (GTK_WINDOW (window),
                                   width + MAX (0, default_width - gtk_widget_get_width (GTK_WIDGET (window))),
                                   height + MAX (0, default_height - gtk_widget_get_height (GTK_WIDGET (window))));
    }
  hub_window_show_page (window, view->name);
  if (!hub_test_ui_wait_for (page_settled, &wait, width > 0 ? 5000 : HUB_TEST_UI_QUERY_TIMEOUT_MS))
    return FALSE;
  hub_test_ui_spin (300);
  return TRUE;
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

/* The widgets wider than @width whose children all fit it: what holds the
 * window wider, for the failure message. */
static void
append_too_wide (GString   *text,
                 GtkWidget *widget,
                 int        width)
{
  gboolean child_too_wide = FALSE;
  int minimum;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > width)
        {
          child_too_wide = TRUE;
          append_too_wide (text, child, width);
        }
    }
  if (!child_too_wide)
    {
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_string_append_printf (text, "; %s%s%s %d px", G_OBJECT_TYPE_NAME (widget),
                              gtk_widget_get_name (widget)[0] != '\0' ? " " : "", gtk_widget_get_name (widget), minimum);
    }
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

      gtk_widget_measure (hub_window_get_page (window, views[i].name), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      g_string_append_printf (text, "%s%s %d px", i > 0 ? ", " : "", views[i].name, minimum);
    }
  append_too_wide (text, adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)), 360);
  return g_string_free (text, FALSE);
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
  g_assert_true (show_view (window, &views[0], 1200, 800));
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
      if (!show_view (window, &views[i], 360, 640))
        g_error ("The %s view did not fit 360x640: the window is %dx%d", views[i].name,
                 gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
      g_assert_true (hub_test_ui_wait_for (title_shown, title, 5000));
      g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
      g_assert_true (gtk_widget_get_child_visible (bar) && gtk_widget_get_mapped (bar));

      /* In its narrow layout, which really fits (the page's minimum is
       * the narrow layout's own now). */
      page = hub_window_get_page (window, views[i].name);
      g_assert_true (hub_test_ui_page_narrow (page));
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_assert_cmpint (minimum, <=, 360);
      g_assert_cmpint (gtk_widget_get_width (page), ==, 360);
      g_test_message ("%s page, narrow: %d px at least", views[i].name, minimum);
      name = g_strdup_printf ("window-narrow-%s.png", views[i].name);
      hub_test_ui_save_screenshot (GTK_WIDGET (window), name);
      g_clear_pointer (&name, g_free);
    }
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "window-narrow.png");

  /* Back to wide: the bar goes away again, the pages are wide again. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_assert_true (show_view (window, &views[i], 1200, 800));
      /* (The title follows its own allocation.) */
      g_assert_true (hub_test_ui_wait_for (switcher_shown, title, 5000));
      g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
      page = hub_window_get_page (window, views[i].name);
      if (!g_str_equal (views[i].name, "trending"))
        g_assert_false (hub_test_ui_page_narrow (page));
      name = g_strdup_printf ("window-wide-%s.png", views[i].name);
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

/* --- accessibility ------------------------------------------------------ */

#define NOT_THIS_VALUE "\x01"

/* The value of a string property, "" when unset (GTK 4.8 has no getter:
 * the test context prints the value that differs from the one asked). */
static char *
accessible_string (GtkWidget             *widget,
                   GtkAccessibleProperty  property)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return g_strdup ("");
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, NOT_THIS_VALUE);
  return value != NULL ? value : g_strdup ("");
}

static gboolean
has_label (GtkWidget *widget)
{
  g_autofree char *label = accessible_string (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);
  GList *mnemonic = gtk_widget_list_mnemonic_labels (widget);
  gboolean has_mnemonic = mnemonic != NULL;

  g_list_free (mnemonic);
  return *g_strstrip (label) != '\0' || has_mnemonic ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static gboolean
shows_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child))
      return TRUE;
  return FALSE;
}

/* "Type (name or tooltip or CSS name)" to find the widget in a finding. */
static char *
describe (GtkWidget *widget)
{
  const char *hint = gtk_widget_get_tooltip_text (widget);

  if (hint == NULL && GTK_IS_BUTTON (widget))
    hint = gtk_button_get_icon_name (GTK_BUTTON (widget));
  if (hint == NULL && GTK_IS_MENU_BUTTON (widget))
    hint = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  if (hint == NULL)
    hint = gtk_widget_get_name (widget);
  return g_strdup_printf ("%s (%s)", G_OBJECT_TYPE_NAME (widget), hint);
}

static void
check_widget (GtkWidget *widget,
              const char *where,
              GPtrArray *findings,
              guint     *n_charts)
{
  gboolean control = FALSE;
  gboolean skip_children = FALSE;

  /* What is on screen: hidden pages and closed popovers are checked when
   * they show. */
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_MENU_BUTTON (widget))
    {
      /* Its inner toggle button is the menu button. */
      GtkWidget *inner = gtk_widget_get_first_child (widget);

      control = !shows_text (widget) && !has_label (widget) && (inner == NULL || !has_label (inner));
      if (control)
        g_ptr_array_add (findings, g_strdup_printf ("%s: icon-only %s has no accessible label", where,
                                                    describe (widget)));
      skip_children = TRUE;
      control = FALSE;
    }
  else if (GTK_IS_BUTTON (widget) && !shows_text (widget))
    control = TRUE;
  else if (GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget) || GTK_IS_SPIN_BUTTON (widget) ||
           GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget))
    {
      control = TRUE;
      skip_children = TRUE;
    }

  if (control && !has_label (widget))
    g_ptr_array_add (findings, g_strdup_printf ("%s: %s has no accessible label", where, describe (widget)));

  if (HUB_IS_CHART_VIEW (widget) || HUB_IS_SPARKLINE_WIDGET (widget))
    {
      g_autofree char *description = accessible_string (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

      (*n_charts)++;
      g_test_message ("%s: chart: has description %d, label %d: %s", where,
                      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION),
                      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL),
                      description);
      if (strpbrk (description, "0123456789") == NULL)
        g_ptr_array_add (findings, g_strdup_printf ("%s: chart %s has no description with a number (“%s”)",
                                                    where, describe (widget), description));
    }

  if (skip_children)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (child, where, findings, n_charts);
}

static gboolean
check_accessible (gpointer user_data)
{
  HubWindow *window = hub_test_ui_active_window ();
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_free);
  guint n_charts = 0;
  GtkWidget *preferences;
  GtkWindow *overlay;

  g_assert_true (window_loaded (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      guint before = n_charts;

      g_assert_true (show_view (window, &views[i], 0, 0));
      if (i == 0)
        {
          /* A model selected: the detail pane and its sparkline. */
          HubTrendingPage *page = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));

          gtk_single_selection_set_selected (hub_trending_page_get_selection (page), 0);
          hub_test_ui_spin (500);
        }
      /* The header and the switcher once, then each page. */
      check_widget (i == 0 ? GTK_WIDGET (window) : hub_window_get_page (window, views[i].name),
                    views[i].name, findings, &n_charts);
      g_test_message ("%s: %u charts", views[i].name, n_charts - before);
    }
  /* The three chart pages draw at least one chart each. */
  g_assert_cmpuint (n_charts, >=, 3);

  preferences = hub_preferences_window_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  hub_test_ui_spin (300);
  check_widget (preferences, "preferences", findings, &n_charts);
  gtk_window_destroy (GTK_WINDOW (preferences));

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))
            ? GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) : NULL;
  g_assert_nonnull (overlay);
  check_widget (GTK_WIDGET (overlay), "shortcuts", findings, &n_charts);

  for (guint i = 0; i < findings->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (findings, i));
  g_assert_cmpuint (findings->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_accessible (void)
{
  hub_test_ui_run_app (db_path, check_accessible, NULL);
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
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", views[i].name));
      g_assert_true (hub_window_get_page (window, views[i].name) ==
                     adw_view_stack_get_visible_child (ADW_VIEW_STACK (gtk_widget_get_ancestor (
                       hub_window_get_page (window, views[i].name), ADW_TYPE_VIEW_STACK))));
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

  /* The test AT context keeps the accessible properties for reading back
   * (GTK_A11Y=none, the suite's setting, keeps none). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  tmpdir = hub_test_tmpdir ();
  db_path = g_build_filename (tmpdir, "hubeco.db", NULL);

  g_test_add_func ("/ui-window/shortcuts", test_shortcuts);
  g_test_add_func ("/ui-window/accessible", test_accessible);
  g_test_add_func ("/ui-window/adaptive", test_adaptive);

  status = g_test_run ();
  g_free (db_path);
  return status;
}
