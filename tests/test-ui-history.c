/* SPDX-License-Identifier: GPL-3.0-or-later */
/* History in the window: the first Share view on a new database is the
 * monthly crawl with its constant-panel option; a Parquet file imported
 * through the window's Import; a backfill from a local Hub through the
 * Backfill dialog, paused and resumed. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hub-backfill-dialog.h"
#include "hub-import-dialog.h"
#include "hub-preferences-window.h"
#include "hub-refresh-bar.h"
#include "hub-share-page.h"
#include "hub-store.h"
#include "hub-test-server.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-window.h"

#define REPO "cfahlgren1/hub-stats"
#define JOB_TIMEOUT_MS 120000

typedef struct {
  char          *dir;
  char          *db_path;
  HubTestServer *server;
  gboolean       checked;
} Context;

static gboolean
share_idle (gpointer page)
{
  return !hub_share_page_is_busy (page) && hub_share_page_get_result (page) != NULL;
}

/* The first Share view is the crawl's 11 months; the constant panel keeps
 * the 16 accounts of every crawl and says so. */
static void
check_share (HubWindow *window)
{
  HubSharePage *page = HUB_SHARE_PAGE (hub_window_get_page (window, "share"));
  GtkCheckButton *panel = GTK_CHECK_BUTTON (hub_share_page_get_control (page, HUB_SHARE_CONTROL_PANEL));
  g_autofree char *all_caption = NULL;
  HubQuery query;
  gint64 all_total = 0, panel_total = 0;
  guint figures;

  hub_window_show_page (window, "share");
  g_assert_true (hub_test_ui_wait_for (share_idle, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  g_assert_cmpuint (hub_share_page_get_result (page)->n_periods, ==, 11);
  all_caption = g_strdup (gtk_label_get_text (hub_share_page_get_caption (page)));
  g_assert_nonnull (strstr (all_caption, "series “osir-monthly”, 11 snapshots from 14 Nov 2024 to 7 Sep 2025"));
  g_assert_nonnull (strstr (all_caption, "Accounts joined the series: +7 on 13 Dec 2024"));
  for (guint p = 0; p < 11; p++)
    all_total += hub_share_page_get_result (page)->totals[p];
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "history-share.png");

  g_assert_false (gtk_check_button_get_active (panel));
  figures = hub_analysis_get_figures_computed (hub_share_page_get_analysis (page));
  gtk_check_button_set_active (panel, TRUE);
  hub_test_ui_spin (50);
  g_assert_true (hub_test_ui_wait_for (share_idle, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  /* One change of the view asks the analysis for one figure. */
  g_assert_cmpuint (hub_analysis_get_figures_computed (hub_share_page_get_analysis (page)), ==, figures + 1);
  hub_share_page_get_query (page, &query);
  g_assert_true (query.constant_panel);
  hub_query_clear (&query);
  for (guint p = 0; p < 11; p++)
    panel_total += hub_share_page_get_result (page)->totals[p];
  /* Fewer accounts, fewer downloads; the first crawl is the same (every
   * account of a later join is absent there). */
  g_assert_cmpint (panel_total, <, all_total);
  g_assert_nonnull (strstr (gtk_label_get_text (hub_share_page_get_caption (page)),
                            "constant panel: only the 16 accounts present in every snapshot count."));
  gtk_check_button_set_active (panel, FALSE);
  g_assert_true (hub_test_ui_wait_for (share_idle, page, HUB_TEST_UI_QUERY_TIMEOUT_MS));
}

static gboolean
summary_shown (gpointer data)
{
  GtkWindow *dialog = hub_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL &&
         g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), data) == 0;
}

/* A hub-stats-shaped Parquet file through the window's import: its summary
 * says what it was read as, and the snapshot is stored. */
static void
check_import (Context   *ctx,
              HubWindow *window)
{
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *path = g_build_filename (ctx->dir, "models-2026-10-01.parquet", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 before = hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots", NULL);
  GtkWindow *dialog;
  const char *body;

  hub_test_duckdb ("COPY (SELECT j->>'id' AS id, CAST(j->>'downloads' AS BIGINT) AS downloads,"
                   " CAST(j->'tags' AS VARCHAR[]) AS tags"
                   " FROM read_json_objects('%s', format = 'newline_delimited') t(j) LIMIT 500)"
                   " TO '%s' (FORMAT parquet)", dataset, path);
  g_ptr_array_add (files, g_file_new_for_path (path));
  hub_import_dialog_import_files (window, files);
  g_assert_true (hub_test_ui_wait_for (summary_shown, (gpointer) "Import Finished", JOB_TIMEOUT_MS));
  dialog = hub_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "models-2026-10-01.parquet: Parquet, 500 rows, read as a models snapshot; "
                                  "columns used: id, downloads, tags; lacking: author, createdAt"));
  g_assert_nonnull (strstr (body, "Snapshots written: 1 (500 rows)"));
  hub_test_ui_spin (200);
  hub_test_ui_save_screenshot (GTK_WIDGET (dialog), "history-import.png");
  gtk_window_destroy (dialog);
  g_assert_cmpint (hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots", NULL), ==, before + 1);
}

static GtkWidget *
find_child (GtkWidget *root,
            GType      type,
            const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (label == NULL || (GTK_IS_BUTTON (child) &&
                             g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)))
        return child;
      if ((found = find_child (child, type, label)) != NULL)
        return found;
    }
  return NULL;
}

/* A label of the dialog whose text holds @text. */
static gboolean
any_label_has (GtkWidget  *root,
               const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (any_label_has (child, text))
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  GtkWidget  *dialog;
  const char *text;
} DialogWait;

static gboolean
dialog_says (gpointer data)
{
  DialogWait *w = data;

  return any_label_has (w->dialog, w->text);
}

/* Five weekly revisions from the local Hub through the dialog: Start, Pause
 * during the run, Resume, done; the store has the five snapshots. */
static void
check_backfill (Context   *ctx,
                HubWindow *window)
{
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *dialog;
  GtkWidget *start;
  GtkWidget *since;
  DialogWait wait;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *seed = g_strdup_printf ("ui revision %u", i);
      g_autofree char *id = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);
      g_autofree char *name = g_strdup_printf ("rev-%u.parquet", i);
      g_autofree char *path = g_build_filename (ctx->dir, name, NULL);
      g_autofree char *date = g_strdup_printf ("2025-01-%02uT06:00:00.000Z", 1 + 7 * i);

      hub_test_duckdb ("COPY (SELECT j->>'id' AS id, CAST(j->>'downloads' AS BIGINT) AS downloads,"
                       " 1000 + %u * length(j->>'id') AS downloadsAllTime"
                       " FROM read_json_objects('%s', format = 'newline_delimited') t(j) LIMIT 2000)"
                       " TO '%s' (FORMAT parquet)", i, dataset, path);
      hub_test_server_add_revision (ctx->server, REPO, id, date, "models.parquet", path);
    }
  g_settings_set_string (settings, "endpoint", hub_test_server_get_uri (ctx->server));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backfill", NULL));
  dialog = GTK_WIDGET (hub_test_ui_find_toplevel (HUB_TYPE_BACKFILL_DIALOG));
  g_assert_nonnull (dialog);
  since = find_child (dialog, ADW_TYPE_ENTRY_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (since), "2024-12-25");
  start = find_child (dialog, GTK_TYPE_BUTTON, "_Start");
  g_assert_nonnull (start);

  /* Slow answers, to pause in the middle. */
  hub_test_server_set_delay (ctx->server, 300);
  gtk_widget_activate (start);
  wait = (DialogWait) { dialog, "Revision of" };
  g_assert_true (hub_test_ui_wait_for (dialog_says, &wait, JOB_TIMEOUT_MS));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (start)), ==, "_Pause");
  gtk_widget_activate (start);
  wait = (DialogWait) { dialog, "Paused." };
  g_assert_true (hub_test_ui_wait_for (dialog_says, &wait, JOB_TIMEOUT_MS));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (start)), ==, "_Resume");
  g_assert_false (hub_backfill_dialog_get_running (HUB_BACKFILL_DIALOG (dialog)));

  hub_test_server_set_delay (ctx->server, 0);
  gtk_widget_activate (start);
  wait = (DialogWait) { dialog, "Done: " };
  g_assert_true (hub_test_ui_wait_for (dialog_says, &wait, JOB_TIMEOUT_MS));
  g_assert_true (any_label_has (dialog, "5 revisions chosen"));
  hub_test_ui_spin (200);
  hub_test_ui_save_screenshot (dialog, "history-backfill.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpint (hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots WHERE series = 'hub-stats' AND complete", NULL), ==, 5);
  g_settings_reset (settings, "endpoint");
}

static gboolean
preferences_shown (gpointer data)
{
  GtkWindow *prefs = hub_test_ui_find_toplevel (HUB_TYPE_PREFERENCES_WINDOW);

  return prefs != NULL && gtk_widget_get_mapped (GTK_WIDGET (prefs)) && gtk_widget_get_width (GTK_WIDGET (prefs)) > 0;
}

static gboolean
refreshed_since (gpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_int64 (settings, "last-refresh") >= *(gint64 *) data;
}

/* Keep collecting: an automatic refresh that was due while HubEco was not
 * running comes soon after start, stores a snapshot and sets the next one
 * an interval later; the preferences say when; collecting in the background
 * hides the window on close and writes an autostart entry. */
static void
check_collection (Context   *ctx,
                  HubWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 before = hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots WHERE series = 'sync:trending' AND complete", NULL);
  g_autofree char *autostart = g_build_filename (ctx->dir, "config", "autostart", APP_ID ".desktop", NULL);
  g_autofree char *entry = NULL;
  GtkWidget *prefs;
  GtkWidget *interval_row;
  GtkSwitch *background_switch;
  DialogWait wait;

  g_settings_set_string (settings, "endpoint", hub_test_server_get_uri (ctx->server));
  g_settings_set_int64 (settings, "last-refresh", now - 2 * 3600);
  g_settings_set_uint (settings, "refresh-interval", 60);
  g_assert_cmpint (hub_refresh_next_time (settings), ==, now - 3600);

  g_assert_true (hub_test_ui_wait_for (refreshed_since, &now, JOB_TIMEOUT_MS));
  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  g_assert_cmpint (hub_test_store_count (ctx->db_path, "SELECT count(*) FROM snapshots WHERE series = 'sync:trending' AND complete", NULL),
                   ==, before + 1);
  g_assert_cmpint (hub_refresh_next_time (settings), >=, now + 3600);
  g_assert_cmpint (hub_refresh_next_time (settings), <=, g_get_real_time () / G_USEC_PER_SEC + 3600);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (g_application_get_default ()), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "preferences", NULL);
  g_assert_true (hub_test_ui_wait_for (preferences_shown, NULL, HUB_TEST_UI_QUERY_TIMEOUT_MS));
  hub_test_ui_spin (300);
  prefs = GTK_WIDGET (hub_test_ui_find_toplevel (HUB_TYPE_PREFERENCES_WINDOW));
  interval_row = find_child (prefs, ADW_TYPE_COMBO_ROW, NULL);
  g_assert_nonnull (interval_row);
  wait = (DialogWait) { prefs, "Last snapshot: " };
  g_assert_true (dialog_says (&wait));
  wait.text = " · next: ";
  g_assert_true (dialog_says (&wait));
  hub_test_ui_save_screenshot (prefs, "history-preferences.png");

  background_switch = GTK_SWITCH (find_child (prefs, GTK_TYPE_SWITCH, NULL));
  g_assert_nonnull (background_switch);
  g_assert_false (gtk_window_get_hide_on_close (GTK_WINDOW (window)));
  gtk_switch_set_active (background_switch, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (gtk_window_get_hide_on_close (GTK_WINDOW (window)));
  g_assert_true (g_file_get_contents (autostart, &entry, NULL, NULL));
  g_assert_nonnull (strstr (entry, "Exec=hubeco --background\n"));
  gtk_switch_set_active (background_switch, FALSE);
  g_assert_false (gtk_window_get_hide_on_close (GTK_WINDOW (window)));
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_settings_reset (settings, "refresh-interval");
  g_settings_reset (settings, "endpoint");
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  g_assert_cmpstr (hub_window_get_state (window), ==, "main");

  check_share (window);
  check_import (ctx, window);
  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  check_backfill (ctx, window);
  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  check_collection (ctx, window);

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_history (void)
{
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GError) error = NULL;
  Context ctx = { 0 };

  ctx.dir = hub_test_tmpdir ();
  /* The autostart entry goes under the test's own configuration folder
   * (read by GLib once, before the application starts). */
  {
    g_autofree char *config = g_build_filename (ctx.dir, "config", NULL);

    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_assert_cmpstr (g_get_user_config_dir (), ==, config);
  }
  ctx.server = hub_test_server_new (dataset, 0, 0, &error);
  g_assert_no_error (error);
  ctx.db_path = g_build_filename (ctx.dir, "hubeco.db", NULL);

  hub_test_ui_run_app (ctx.db_path, run_checks, &ctx);
  g_assert_true (ctx.checked);

  hub_test_server_free (ctx.server);
  g_free (ctx.db_path);
  g_free (ctx.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("HF_TOKEN");
  g_unsetenv ("HF_ENDPOINT");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/history/window", test_history);

  return g_test_run ();
}
