/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-test-ui-util.h"
#include "hub-test-util.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "hub-adaptive-bin.h"
#include "hub-application.h"
#include "hub-breakdown-page.h"
#include "hub-quality-page.h"
#include "hub-compare-page.h"
#include "hub-lineage-page.h"
#include "hub-share-page.h"
#include "hub-sizes-page.h"
#include "hub-trending-page.h"

void
hub_test_ui_init_locale (void)
{
  const char *localedir = g_getenv ("HUBECO_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

gboolean
hub_test_ui_wait_for (HubTestUiCondition condition,
                      gpointer           data,
                      guint              timeout_ms)
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

void
hub_test_ui_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

gboolean
hub_test_ui_window_ready (gpointer window)
{
  const char *state = hub_window_get_state (window);

  return g_strcmp0 (state, "main") == 0 || g_strcmp0 (state, "error") == 0;
}

/* Whether a GtkStack under @widget is still crossfading (the window's
 * loading page fades out over the first view). */
static gboolean
transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;
  return FALSE;
}

static gboolean
transitions_done (gpointer widget)
{
  return !transition_running (widget);
}

void
hub_test_ui_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  const char *dir = g_getenv ("HUBECO_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  /* What a person looks at once the page has settled, not mid-fade. */
  hub_test_ui_wait_for (transitions_done, gtk_widget_get_root (widget) != NULL
                                          ? GTK_WIDGET (gtk_widget_get_root (widget)) : widget, 2000);

  paintable = gtk_widget_paintable_new (widget);
  /* The paintable is empty until the widget is drawn after a change of
   * layout: let a few frames pass. */
  for (guint attempt = 0; attempt < 20 && node == NULL; attempt++)
    {
      if (attempt > 0)
        hub_test_ui_spin (100);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

gboolean
hub_test_ui_page_narrow (GtkWidget *page)
{
  GtkWidget *bin = adw_bin_get_child (ADW_BIN (page));

  g_assert_true (HUB_IS_ADAPTIVE_BIN (bin));
  return hub_adaptive_bin_get_narrow (HUB_ADAPTIVE_BIN (bin));
}

const char * const hub_test_ui_pages[] = { "trending", "lineage", "sizes", "share", "breakdown", "quality", "compare",
                                           NULL };

gboolean
hub_test_ui_page_busy (HubWindow  *window,
                       const char *name)
{
  GtkWidget *page = hub_window_get_page (window, name);

  if (HUB_IS_TRENDING_PAGE (page))
    return hub_trending_page_is_busy (HUB_TRENDING_PAGE (page));
  if (HUB_IS_LINEAGE_PAGE (page))
    return hub_lineage_page_is_busy (HUB_LINEAGE_PAGE (page)) ||
           hub_lineage_page_get_centre (HUB_LINEAGE_PAGE (page)) < 0;
  if (HUB_IS_SIZES_PAGE (page))
    return hub_sizes_page_is_busy (HUB_SIZES_PAGE (page));
  if (HUB_IS_SHARE_PAGE (page))
    return hub_share_page_is_busy (HUB_SHARE_PAGE (page));
  if (HUB_IS_QUALITY_PAGE (page))
    return hub_quality_page_is_busy (HUB_QUALITY_PAGE (page));
  if (HUB_IS_COMPARE_PAGE (page))
    return hub_compare_page_is_busy (HUB_COMPARE_PAGE (page));
  g_assert_true (HUB_IS_BREAKDOWN_PAGE (page));
  return hub_breakdown_page_is_busy (HUB_BREAKDOWN_PAGE (page));
}

typedef struct {
  HubWindow  *window;
  const char *name;
  int         width;
  int         height;
} PageWait;

/* The pages with one layout, wide or narrow (no HubAdaptiveBin). */
static gboolean
has_one_layout (GtkWidget *page)
{
  return HUB_IS_BREAKDOWN_PAGE (page) || HUB_IS_QUALITY_PAGE (page) || HUB_IS_COMPARE_PAGE (page);
}

static gboolean
page_settled (gpointer data)
{
  PageWait *wait = data;
  GtkWidget *page = hub_window_get_page (wait->window, wait->name);

  /* At 360 px the page also reaches its narrow layout, from 1200 px its
   * wide one (after the allocation at the new width); the Trending page's
   * filters stay in their popover while its list, beside the detail pane,
   * is narrower than them, and the Entities page has one layout. */
  return gtk_widget_get_mapped (page) && !hub_test_ui_page_busy (wait->window, wait->name) &&
         (wait->width == 0 || (gtk_widget_get_width (GTK_WIDGET (wait->window)) == wait->width &&
                               gtk_widget_get_height (GTK_WIDGET (wait->window)) == wait->height)) &&
         (wait->width != 360 || has_one_layout (page) || hub_test_ui_page_narrow (page)) &&
         (wait->width < 1200 || HUB_IS_TRENDING_PAGE (page) || has_one_layout (page) ||
          !hub_test_ui_page_narrow (page));
}

gboolean
hub_test_ui_show_page (HubWindow  *window,
                       const char *name,
                       int         width,
                       int         height)
{
  PageWait wait = { window, name, width, height };

  if (width > 0)
    {
      int default_width, default_height;

      /* The default size counts the decoration's margins. */
      gtk_window_get_default_size (GTK_WINDOW (window), &default_width, &default_height);
      gtk_window_set_default_size (GTK_WINDOW (window),
                                   width + MAX (0, default_width - gtk_widget_get_width (GTK_WIDGET (window))),
                                   height + MAX (0, default_height - gtk_widget_get_height (GTK_WIDGET (window))));
    }
  hub_window_show_page (window, name);
  if (!hub_test_ui_wait_for (page_settled, &wait, width > 0 ? 5000 : HUB_TEST_UI_QUERY_TIMEOUT_MS))
    {
      g_autofree char *wide = width > 0 ? hub_test_ui_too_wide (GTK_WIDGET (window), width) : NULL;

      g_test_message ("The %s page did not settle at %dx%d (the window is %dx%d)%s", name, width, height,
                      gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
                      wide != NULL ? wide : "");
      return FALSE;
    }
  hub_test_ui_spin (300);
  return TRUE;
}

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
      g_string_append_printf (text, "; %s %d px in", G_OBJECT_TYPE_NAME (widget), minimum);
      /* Where it is: its ancestors up to the page, and its children. */
      for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL && !HUB_IS_WINDOW (up);
           up = gtk_widget_get_parent (up))
        g_string_append_printf (text, " %s", gtk_widget_get_css_name (up));
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LABEL (child))
          g_string_append_printf (text, " [%s]", gtk_label_get_text (GTK_LABEL (child)));
    }
}

char *
hub_test_ui_too_wide (GtkWidget *widget,
                      int        width)
{
  GString *text = g_string_new (NULL);

  append_too_wide (text, widget, width);
  return g_string_free (text, FALSE);
}

HubWindow *
hub_test_ui_active_window (void)
{
  GApplication *app = g_application_get_default ();
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (HUB_IS_WINDOW (active));
  return HUB_WINDOW (active);
}

typedef struct {
  GSourceFunc checks;
  gpointer    data;
} RunData;

static void
on_activate (GApplication *app,
             RunData      *run)
{
  g_idle_add (run->checks, run->data);
}

void
hub_test_ui_run_app (const char  *db_path,
                     GSourceFunc  checks,
                     gpointer     data)
{
  g_autoptr(HubApplication) app = hub_application_new ();
  char *argv[] = { (char *) "hubeco", (char *) "--db", (char *) db_path, NULL };
  RunData run = { checks, data };

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
}

GtkWindow *
hub_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} ExportWait;

static gboolean
export_done (gpointer data)
{
  return ((ExportWait *) data)->done;
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportWait *wait = user_data;

  wait->ok = hub_share_page_export_data_finish (HUB_SHARE_PAGE (object), result, &wait->error);
  wait->done = TRUE;
}

gboolean
hub_test_ui_share_export_data (HubSharePage  *page,
                               const char    *path,
                               GError       **error)
{
  ExportWait wait = { 0 };

  hub_share_page_export_data_async (page, path, NULL, on_exported, &wait);
  g_assert_true (hub_test_ui_wait_for (export_done, &wait, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

void
hub_test_ui_run_checks (GSourceFunc checks)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  g_autofree char *db_path = g_build_filename (tmpdir, "hubeco.db", NULL);
  HubTestUiContext ctx = { tmpdir, db_path, FALSE };

  hub_test_ui_run_app (db_path, checks, &ctx);
  g_assert_true (ctx.checked);
}
