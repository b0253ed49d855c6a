/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-bench"

#include "config.h"

#include "hub-application.h"
#include "hub-test-ui-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * Frame times in the window at full-Hub scale (issue 18):
 *
 *   xvfb-run -a -s "-screen 0 1400x900x24" bench-frames STORE.db
 *
 * Runs the application on STORE.db (bench-store-load writes one of 2.2 M
 * models) and, for each interaction a user makes, measures until its
 * result shows:
 *   - the worst frame: the longest interval between two frames of the
 *     window's GdkFrameClock (a tick callback keeps it drawing at 60 Hz, so
 *     an interval over 16.7 ms is a frame the user saw late);
 *   - the longest main-loop stall: the longest gap between two wakeups of
 *     a 2 ms high-priority timer (nothing is drawn or handled meanwhile).
 * Interactions: the load (the window opened to the list shown), typing a
 * search one key at a time (120 ms apart, as a quick typist), clicking
 * four column headers, and showing every page in turn.
 *
 * The renderer is Cairo (GSK_RENDERER=cairo unless set): under Xvfb, GTK's
 * GL renderer runs on Mesa's software rasterizer, ~45 ms a frame at
 * 1400 × 900, which would hide the application's own stalls.
 */

#define WAIT_MS (180 * 1000)

typedef struct {
  gint64 last_tick;      /* µs, the timer */
  gint64 worst_stall;
  gint64 last_frame;     /* µs, the frame clock */
  gint64 worst_frame;
  guint  n_frames;
} Monitor;

static Monitor monitor;
static const char *store_path;
static GListModel *rows;  /* the list's rows, once shown */

static gboolean
on_timer (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (monitor.last_tick != 0)
    monitor.worst_stall = MAX (monitor.worst_stall, now - monitor.last_tick);
  monitor.last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_frame (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (monitor.last_frame != 0)
    monitor.worst_frame = MAX (monitor.worst_frame, now - monitor.last_frame);
  monitor.last_frame = now;
  monitor.n_frames++;
  return G_SOURCE_CONTINUE;
}

static void
monitor_reset (void)
{
  monitor.worst_stall = 0;
  monitor.worst_frame = 0;
  monitor.n_frames = 0;
  monitor.last_tick = g_get_monotonic_time ();
  monitor.last_frame = 0;
}

/* Reports the interaction started at @started, shown now. The main loop
 * runs 400 ms more first: the list draws its new rows in the frames after
 * the result arrives, and the timer's first wakeup after a long callback
 * is what counts it. */
static void
report (const char *interaction,
        gint64      started)
{
  gint64 shown = g_get_monotonic_time ();

  hub_test_ui_spin (400);
  printf ("%-32s %8u rows  shown after %8.1f ms   worst frame %7.1f ms   longest stall %7.1f ms   (%u frames)\n",
          interaction, rows != NULL ? g_list_model_get_n_items (rows) : 0,
          (shown - started) / 1000.0,
          monitor.worst_frame / 1000.0, monitor.worst_stall / 1000.0, monitor.n_frames);
  fflush (stdout);
}

static gboolean
list_idle (gpointer data)
{
  return !hub_trending_page_is_busy (data);
}

static gboolean
window_ready (gpointer data)
{
  return hub_test_ui_window_ready (data) &&
         !hub_trending_page_is_busy (HUB_TRENDING_PAGE (hub_window_get_page (data, "trending")));
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_error ("No column titled %s", title);
}

static gboolean
run (gpointer data)
{
  gint64 *launched = data;
  HubWindow *window = hub_test_ui_active_window ();
  HubTrendingPage *page;
  GtkEditable *search;
  GtkColumnView *view;
  const char *typed = "m00123";  /* bench-store-load names its models m0000000/model… */
  const char *headers[] = { "Downloads (30 d)", "Model", "Author", "Trending" };
  gint64 started;

  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_frame, NULL, NULL);

  /* The load: from the application's start to the list shown. */
  if (!hub_test_ui_wait_for (window_ready, window, WAIT_MS))
    g_error ("The window did not show %s in %d s", store_path, WAIT_MS / 1000);
  page = HUB_TRENDING_PAGE (hub_window_get_page (window, "trending"));
  rows = hub_trending_page_get_rows (page);
  report ("load (start to list shown)", *launched);
  search = hub_trending_page_get_search_entry (page);
  view = hub_trending_page_get_column_view (page);
  hub_test_ui_spin (500);

  /* Typing: a key every 120 ms, then until the list is done. */
  for (guint i = 1; typed[i - 1] != '\0'; i++)
    {
      g_autofree char *prefix = g_strndup (typed, i);
      g_autofree char *label = g_strdup_printf ("type \"%s\"", prefix);

      monitor_reset ();
      started = g_get_monotonic_time ();
      gtk_editable_set_text (search, prefix);
      hub_test_ui_spin (120);
      /* The last key: past the entry's search delay, until the rows show. */
      if (typed[i] == '\0')
        {
          hub_test_ui_spin (300);
          if (!hub_test_ui_wait_for (list_idle, page, WAIT_MS))
            g_error ("The search did not finish");
        }
      report (label, started);
    }
  gtk_editable_set_text (search, "");
  hub_test_ui_wait_for (list_idle, page, WAIT_MS);
  hub_test_ui_spin (500);

  /* Column headers. */
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *label = g_strdup_printf ("sort by %s", headers[i]);

      monitor_reset ();
      started = g_get_monotonic_time ();
      gtk_column_view_sort_by_column (view, column_titled (view, headers[i]), GTK_SORT_DESCENDING);
      hub_test_ui_spin (20);
      if (!hub_test_ui_wait_for (list_idle, page, WAIT_MS))
        g_error ("The sort did not finish");
      report (label, started);
    }

  /* Every page in turn (each computes its figure on first show). */
  for (guint i = 0; hub_test_ui_pages[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("show page %s", hub_test_ui_pages[i]);

      monitor_reset ();
      started = g_get_monotonic_time ();
      if (!hub_test_ui_show_page (window, hub_test_ui_pages[i], 0, 0))
        g_error ("The page %s did not show its result", hub_test_ui_pages[i]);
      report (label, started);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  gint64 launched;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s STORE.db (under a display: xvfb-run -a -s \"-screen 0 1400x900x24\")\n", argv[0]);
      return 2;
    }
  store_path = argv[1];
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  printf ("store %s, renderer %s\n", store_path, g_getenv ("GSK_RENDERER"));
  hub_test_ui_init_locale ();

  g_timeout_add_full (G_PRIORITY_HIGH, 2, on_timer, NULL, NULL);
  launched = g_get_monotonic_time ();
  monitor_reset ();
  hub_test_ui_run_app (store_path, run, &launched);
  return 0;
}
