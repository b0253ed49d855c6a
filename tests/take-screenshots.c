/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes the screenshots of data/screenshots/ (run by
 * build-aux/take-screenshots.sh under Xvfb, not a test), all from the
 * embedded dataset:
 *   take-screenshots FOLDER           every view and the preferences in the
 *                                     light and the dark style at 1400x900,
 *                                     and the Trending and Breakdown views
 *                                     at 360x640;
 *   take-screenshots FOLDER --french  every view and the preferences in the
 *                                     light style, named <view>-fr.png (run
 *                                     with LANG=fr_FR.UTF-8 and the build's
 *                                     catalogues in HUBECO_LOCALEDIR). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "hub-application.h"
#include "hub-breakdown-page.h"
#include "hub-quality-page.h"
#include "hub-compare-page.h"
#include "hub-lineage-page.h"
#include "hub-preferences-window.h"
#include "hub-settings.h"
#include "hub-share-page.h"
#include "hub-sizes-page.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

#define WIDE_WIDTH    1400
#define WIDE_HEIGHT   900
#define NARROW_WIDTH  360
#define NARROW_HEIGHT 640
#define SETTLE_MS     1500
/* Tall enough for the Share view's concentration explorer under its charts. */
#define EXPLORER_HEIGHT 1500

typedef struct {
  const char *name;
  gboolean  (*is_busy) (gpointer page);
} View;

static const View views[] = {
  { "trending", (gpointer) hub_trending_page_is_busy },
  { "share", (gpointer) hub_share_page_is_busy },
  { "lineage", (gpointer) hub_lineage_page_is_busy },
  { "sizes", (gpointer) hub_sizes_page_is_busy },
  { "breakdown", (gpointer) hub_breakdown_page_is_busy },
  { "quality", (gpointer) hub_quality_page_is_busy },
  { "compare", (gpointer) hub_compare_page_is_busy },
};

typedef struct {
  HubWindow  *window;
  const View *view;
  int         width;
  int         height;
} Wait;

static gboolean
settled (gpointer data)
{
  Wait *wait = data;
  GtkWidget *page = hub_window_get_page (wait->window, wait->view->name);

  return gtk_widget_get_width (GTK_WIDGET (wait->window)) == wait->width &&
         gtk_widget_get_height (GTK_WIDGET (wait->window)) == wait->height &&
         gtk_widget_get_mapped (page) && !wait->view->is_busy (page);
}

static void
shoot_view (HubWindow  *window,
            const View *view,
            int         width,
            int         height,
            const char *file)
{
  Wait wait = { window, view, width, height };
  int default_width, default_height;

  /* The default size counts the client-side decoration's margins: ask for
   * what gives the widget @width x @height. */
  gtk_window_get_default_size (GTK_WINDOW (window), &default_width, &default_height);
  gtk_window_set_default_size (GTK_WINDOW (window),
                               width + MAX (0, default_width - gtk_widget_get_width (GTK_WIDGET (window))),
                               height + MAX (0, default_height - gtk_widget_get_height (GTK_WIDGET (window))));
  hub_window_show_page (window, view->name);
  if (g_str_equal (view->name, "trending"))
    {
      /* Wide, the first model selected: its details beside the list;
       * narrow, the list alone. */
      HubTrendingPage *page = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));

      gtk_single_selection_set_selected (hub_trending_page_get_selection (page),
                                         width > NARROW_WIDTH ? 0 : GTK_INVALID_LIST_POSITION);
    }
  else if (g_str_equal (view->name, "sizes"))
    {
      /* The models by the year they were created: a box per year rather
       * than one box for the one year the snapshots cover. */
      HubSizesPage *page = HUB_SIZES_PAGE (hub_window_get_page (window, "sizes"));

      gtk_drop_down_set_selected (GTK_DROP_DOWN (hub_sizes_page_get_control (page, HUB_SIZES_CONTROL_COHORT)), 1);
    }
  if (!hub_test_ui_wait_for (settled, &wait, 5000))
    {
      /* A page wider than asked makes the window wider: say so, shoot. */
      wait.width = gtk_widget_get_width (GTK_WIDGET (window));
      wait.height = gtk_widget_get_height (GTK_WIDGET (window));
      g_printerr ("The window is %dx%d, not %dx%d: its minimum size is larger\n",
                  wait.width, wait.height, width, height);
    }
  if (!hub_test_ui_wait_for (settled, &wait, HUB_TEST_UI_LOAD_TIMEOUT_MS))
    g_error ("The %s view did not settle at %dx%d (window is %dx%d)", view->name, width, height,
             gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  /* Redraws, chart animations and the list's first rows. */
  hub_test_ui_spin (SETTLE_MS);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), file);
  g_print ("%s\n", file);
}

static void
shoot_preferences (HubWindow  *window,
                   const char *file)
{
  GtkWidget *preferences = hub_preferences_window_new (GTK_WINDOW (window));

  gtk_window_present (GTK_WINDOW (preferences));
  hub_test_ui_spin (SETTLE_MS);
  /* The endpoint entry takes the focus when the window opens: its focus
   * ring and cursor are not what a user looking at the window sees. */
  gtk_window_set_focus (GTK_WINDOW (preferences), NULL);
  hub_test_ui_spin (200);
  hub_test_ui_save_screenshot (preferences, file);
  g_print ("%s\n", file);
  gtk_window_destroy (GTK_WINDOW (preferences));
  hub_test_ui_spin (200);
}

static void
shoot_scheme (HubWindow  *window,
              const char *scheme)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s.png", views[i].name, scheme);

      shoot_view (window, &views[i], WIDE_WIDTH, WIDE_HEIGHT, file);
    }
  {
    g_autofree char *file = g_strdup_printf ("preferences-%s.png", scheme);

    shoot_preferences (window, file);
  }
  /* The Share view's explorer with its intervals, then its methods side by
   * side (settings the view follows). */
  {
    g_autoptr(GSettings) settings = hub_settings_new ();
    g_autofree char *explorer = g_strdup_printf ("share-explorer-%s.png", scheme);
    g_autofree char *methods = g_strdup_printf ("share-methods-%s.png", scheme);

    g_settings_set_boolean (settings, "share-intervals", TRUE);
    shoot_view (window, &views[1], WIDE_WIDTH, EXPLORER_HEIGHT, explorer);
    g_settings_set_boolean (settings, "share-intervals", FALSE);
    g_settings_set_boolean (settings, "share-compare-methods", TRUE);
    shoot_view (window, &views[1], WIDE_WIDTH, WIDE_HEIGHT, methods);
    g_settings_set_boolean (settings, "share-compare-methods", FALSE);
  }
}

static gboolean
take_screenshots (gpointer user_data)
{
  gboolean french = GPOINTER_TO_INT (user_data);
  HubWindow *window = hub_test_ui_active_window ();
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (!hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS) ||
      g_strcmp0 (hub_window_get_state (window), "main") != 0)
    g_error ("The window did not load the dataset");

  /* GNOME's buttons (org.gnome.desktop.wm.preferences button-layout)
   * rather than GTK's default minimize, maximize and close. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  /* Compare: the two models the issue names and the family of one. */
  {
    HubComparePage *compare = HUB_COMPARE_PAGE (hub_window_get_page (window, "compare"));

    hub_compare_page_add (compare, "Qwen/Qwen3.8-27B");
    hub_compare_page_add (compare, "deepseek-ai/DeepSeek-V4-Flash-0731");
    hub_compare_page_add (compare, "family:Qwen/Qwen3.8-27B");
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  if (french)
    {
      shoot_scheme (window, "fr");
      gtk_window_destroy (GTK_WINDOW (window));
      return G_SOURCE_REMOVE;
    }
  shoot_scheme (window, "light");
  shoot_view (window, &views[0], NARROW_WIDTH, NARROW_HEIGHT, "trending-narrow.png");
  shoot_view (window, &views[4], NARROW_WIDTH, NARROW_HEIGHT, "breakdown-narrow.png");
  shoot_view (window, &views[5], NARROW_WIDTH, NARROW_HEIGHT, "quality-narrow.png");
  shoot_view (window, &views[6], NARROW_WIDTH, NARROW_HEIGHT, "compare-narrow.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  shoot_scheme (window, "dark");

  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *db_path = NULL;
  const char *localedir = g_getenv ("HUBECO_LOCALEDIR");
  gboolean french = argc == 3 && g_str_equal (argv[2], "--french");

  if (argc != 2 && !french)
    {
      g_printerr ("Usage: %s OUTPUT-FOLDER [--french]\n", argv[0]);
      return 2;
    }

  /* What src/main.c does before the application starts. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (french && !g_str_equal (_("Trending"), "Tendances"))
    g_error ("No French catalogue: run with LANG=fr_FR.UTF-8 and HUBECO_LOCALEDIR set to the build's po folder");

  /* The helpers write into $HUBECO_SCREENSHOT_DIR; the store is built from
   * the embedded dataset in a folder of its own. */
  g_setenv ("HUBECO_SCREENSHOT_DIR", argv[1], TRUE);
  tmpdir = hub_test_tmpdir ();
  db_path = g_build_filename (tmpdir, "hubeco.db", NULL);

  hub_test_ui_run_app (db_path, take_screenshots, GINT_TO_POINTER (french));

  return 0;
}
