/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hub-display.h"
#include "hub-preferences-window.h"
#include "hub-refresh-bar.h"
#include "hub-refresh-dialog.h"
#include "hub-settings.h"
#include "hub-store.h"
#include "hub-sync.h"
#include "hub-test-server.h"
#include "hub-test-ui-util.h"
#include "hub-test-util.h"
#include "hub-trending-page.h"
#include "hub-window.h"

#define REFRESH_TIMEOUT_MS 120000

typedef struct {
  char          *db_path;
  HubTestServer *server;
  gboolean       checked;
} Context;

/* What the store holds, counted with SQL on its own connection. */
typedef struct {
  gint64 models;
  gint64 snapshots;
  gint64 complete_snapshots;
  gint64 snapshot_rows;
} StoreCounts;

static gint64
count (HubStore   *store,
       const char *sql)
{
  sqlite3_stmt *stmt = hub_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static StoreCounts
store_counts (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open_read_only (db_path, &error);
  StoreCounts counts;

  g_assert_no_error (error);
  counts.models = count (store, "SELECT count(*) FROM models");
  counts.snapshots = count (store, "SELECT count(*) FROM snapshots");
  counts.complete_snapshots = count (store, "SELECT count(*) FROM snapshots WHERE complete = 1");
  counts.snapshot_rows = count (store, "SELECT count(*) FROM snapshot_rows");
  return counts;
}

/* How many of @ids the store does not hold yet. */
static guint
count_unknown (const char *db_path,
               GPtrArray  *ids,
               guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open_read_only (db_path, &error);
  sqlite3_stmt *stmt;
  guint unknown = 0;

  g_assert_no_error (error);
  stmt = hub_store_prepare (store, "SELECT 1 FROM models WHERE id = ?", NULL);
  g_assert_nonnull (stmt);
  for (guint i = 0; i < MIN (n, ids->len); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        unknown++;
    }
  sqlite3_reset (stmt);
  return unknown;
}

static gboolean
dialog_shown (gpointer data)
{
  return hub_test_ui_find_toplevel (HUB_TYPE_REFRESH_DIALOG) != NULL;
}

static gboolean
preferences_shown (gpointer data)
{
  GtkWindow *prefs = hub_test_ui_find_toplevel (HUB_TYPE_PREFERENCES_WINDOW);

  return prefs != NULL && gtk_widget_get_mapped (GTK_WIDGET (prefs)) && gtk_widget_get_width (GTK_WIDGET (prefs)) > 0;
}

static gboolean
bar_idle (gpointer bar)
{
  return !hub_refresh_bar_get_running (bar);
}

static gboolean
bar_mid_refresh (gpointer bar)
{
  const char *text = hub_refresh_bar_get_progress_text (bar);

  return hub_refresh_bar_get_running (bar) && text != NULL && g_str_has_prefix (text, "Page ") &&
         !g_str_has_prefix (text, "Page 0");
}

typedef struct {
  HubWindow  *window;
  HubDataset *previous;
} DatasetWait;

static gboolean
dataset_replaced (gpointer data)
{
  DatasetWait *wait = data;

  return hub_window_get_dataset (wait->window) != NULL && hub_window_get_dataset (wait->window) != wait->previous;
}

static HubRefreshBar *
find_bar (GtkWidget *widget)
{
  if (HUB_IS_REFRESH_BAR (widget))
    return HUB_REFRESH_BAR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HubRefreshBar *bar = find_bar (child);

      if (bar != NULL)
        return bar;
    }
  return NULL;
}

/* A port on 127.0.0.1 that nothing listens on. */
static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static void
refresh_and_wait (HubRefreshBar *bar,
                  const char    *scope,
                  guint          limit)
{
  g_assert_true (hub_refresh_bar_start (bar, scope, limit));
  g_assert_true (hub_refresh_bar_get_running (bar));
  if (!hub_test_ui_wait_for (bar_idle, bar, REFRESH_TIMEOUT_MS))
    g_error ("The refresh of %s did not end", scope);
}

static void
assert_counts_equal (const StoreCounts *a,
                     const StoreCounts *b)
{
  g_assert_cmpint (a->models, ==, b->models);
  g_assert_cmpint (a->snapshots, ==, b->snapshots);
  g_assert_cmpint (a->complete_snapshots, ==, b->complete_snapshots);
  g_assert_cmpint (a->snapshot_rows, ==, b->snapshot_rows);
}

/* The Trending list's column titled @title (C locale). */
static GtkColumnViewColumn *
trending_column (HubWindow  *window,
                 const char *title)
{
  GtkWidget *page = hub_window_get_page (window, "trending");
  GListModel *columns = gtk_column_view_get_columns (hub_trending_page_get_column_view (HUB_TRENDING_PAGE (page)));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

/* Whether some model of @dataset has all-time downloads (and so a recent
 * ratio could be known). */
static gboolean
dataset_has_all_time (HubDataset *dataset)
{
  for (guint i = 0; i < hub_dataset_get_n_models (dataset); i++)
    if (hub_dataset_get_model (dataset, i)->downloads_all_time >= 0)
      return TRUE;
  return FALSE;
}

/* The letter after "_" in @label, lowercased; 0 without one. */
static gunichar
mnemonic_of (const char *label)
{
  const char *u = label != NULL ? strchr (label, '_') : NULL;

  return u != NULL && u[1] != '\0' ? g_unichar_tolower (g_utf8_get_char (u + 1)) : 0;
}

static void
check_refresh (Context   *ctx,
               HubWindow *window)
{
  g_autoptr(GSettings) settings = hub_settings_new ();
  g_autoptr(GPtrArray) trending = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *n_new = NULL;
  HubRefreshBar *bar = find_bar (GTK_WIDGET (window));
  HubRefreshDialog *dialog;
  HubDataset *before_dataset = hub_window_get_dataset (window);
  guint before_models = hub_dataset_get_n_models (before_dataset);
  StoreCounts before = store_counts (ctx->db_path);
  StoreCounts after;
  guint unknown;
  DatasetWait wait = { window, before_dataset };

  g_assert_nonnull (bar);
  g_assert_nonnull (settings);
  g_assert_false (hub_refresh_bar_get_running (bar));

  /* The embedded data has no all-time downloads: the All-time and Recent
   * ratio columns are hidden rather than full of dashes. */
  g_assert_false (dataset_has_all_time (before_dataset));
  g_assert_false (gtk_column_view_column_get_visible (trending_column (window, "All-time")));
  g_assert_false (gtk_column_view_column_get_visible (trending_column (window, "Recent ratio")));

  /* What a trending top 200 brings that the store does not hold, found
   * from the server's own ordering. */
  trending = hub_test_server_list_ids (ctx->server, "trendingScore");
  unknown = count_unknown (ctx->db_path, trending, 200);
  g_assert_cmpuint (unknown, >, 0);
  g_assert_cmpuint (unknown, <, 200);

  g_settings_set_string (settings, "endpoint", hub_test_server_get_uri (ctx->server));
  /* Pages of 50, answered slowly enough to see the strip move. */
  hub_test_server_set_page_cap (ctx->server, 50);
  hub_test_server_set_delay (ctx->server, 250);

  /* Ctrl+R opens the scope chooser on the default scope. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  g_assert_true (hub_test_ui_wait_for (dialog_shown, NULL, 5000));
  dialog = HUB_REFRESH_DIALOG (hub_test_ui_find_toplevel (HUB_TYPE_REFRESH_DIALOG));
  {
    g_autofree char *scope = hub_refresh_dialog_dup_scope (dialog);

    g_assert_cmpstr (scope, ==, "trending");
  }
  /* An author scope takes the name from the entry, and without a name it
   * is not a choice yet. */
  hub_refresh_dialog_set_scope (dialog, "author:Qwen");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "refresh"));
  g_assert_cmpuint (hub_refresh_dialog_get_limit (dialog), ==, 0);
  {
    GtkEditable *arg = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), HUB_TYPE_REFRESH_DIALOG,
                                                                    "arg_row"));
    g_autofree char *scope = hub_refresh_dialog_dup_scope (dialog);

    g_assert_cmpstr (scope, ==, "author:Qwen");
    g_assert_cmpstr (gtk_editable_get_text (arg), ==, "Qwen");
    gtk_editable_set_text (arg, "  ");
    g_assert_null (hub_refresh_dialog_dup_scope (dialog));
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "refresh"));
  }
  /* Each argument row's mnemonic differs from the other rows' ("_Models"
   * and a "_Model ID" once shared M). */
  {
    const char *scopes[] = { "author:Qwen", "task:text-generation", "children:Qwen/Qwen2.5-7B" };
    GtkWidget *scope_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), HUB_TYPE_REFRESH_DIALOG, "scope_row"));
    GtkWidget *limit_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), HUB_TYPE_REFRESH_DIALOG, "limit_row"));
    GtkWidget *arg_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), HUB_TYPE_REFRESH_DIALOG, "arg_row"));
    gunichar scope_key = mnemonic_of (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (scope_row)));
    gunichar limit_key = mnemonic_of (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (limit_row)));

    g_assert_cmpuint (scope_key, !=, 0);
    g_assert_cmpuint (scope_key, !=, limit_key);
    for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
      {
        gunichar arg_key;

        hub_refresh_dialog_set_scope (dialog, scopes[i]);
        g_assert_true (gtk_widget_get_visible (arg_row));
        arg_key = mnemonic_of (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (arg_row)));
        g_assert_cmpuint (arg_key, !=, 0);
        g_assert_cmpuint (arg_key, !=, scope_key);
        g_assert_cmpuint (arg_key, !=, limit_key);
      }
  }
  hub_refresh_dialog_set_scope (dialog, "trending");
  hub_refresh_dialog_set_limit (dialog, 200);
  g_assert_cmpuint (hub_refresh_dialog_get_limit (dialog), ==, 200);
  hub_test_ui_spin (300);
  hub_test_ui_save_screenshot (GTK_WIDGET (dialog), "refresh-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "refresh");

  /* Mid-refresh: the strip shows pages and models stored. */
  g_assert_true (hub_refresh_bar_get_running (bar));
  if (!hub_test_ui_wait_for (bar_mid_refresh, bar, REFRESH_TIMEOUT_MS))
    g_error ("The refresh bar never showed a stored page");
  g_assert_nonnull (strstr (hub_refresh_bar_get_progress_text (bar), "models stored"));
  /* A second refresh cannot start while one runs. */
  g_assert_false (hub_refresh_bar_start (bar, "likes", 10));
  hub_test_ui_spin (200);
  hub_test_ui_save_screenshot (GTK_WIDGET (window), "refresh.png");

  g_assert_true (hub_test_ui_wait_for (bar_idle, bar, REFRESH_TIMEOUT_MS));
  hub_test_server_set_delay (ctx->server, 0);

  n_new = hub_display_count (unknown);
  expected = g_strdup_printf ("200 models refreshed, %s new", n_new);
  g_assert_cmpstr (hub_refresh_bar_get_last_message (bar), ==, expected);
  /* The fixture's rate-limit headers reached the strip. */
  g_assert_nonnull (strstr (hub_refresh_bar_get_progress_text (bar), "requests left"));

  /* The store grew by one complete snapshot of 200 rows and the new
   * models; the window reloaded and shows them. */
  after = store_counts (ctx->db_path);
  g_assert_cmpint (after.models, ==, before.models + unknown);
  g_assert_cmpint (after.snapshots, ==, before.snapshots + 1);
  g_assert_cmpint (after.complete_snapshots, ==, before.complete_snapshots + 1);
  g_assert_cmpint (after.snapshot_rows, ==, before.snapshot_rows + 200);
  g_assert_true (hub_test_ui_wait_for (dataset_replaced, &wait, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  g_assert_cmpuint (hub_dataset_get_n_models (hub_window_get_dataset (window)), ==, before_models + unknown);
  /* The refresh brought all-time downloads: the columns are back. */
  g_assert_true (dataset_has_all_time (hub_window_get_dataset (window)));
  g_assert_true (gtk_column_view_column_get_visible (trending_column (window, "All-time")));
  g_assert_true (gtk_column_view_column_get_visible (trending_column (window, "Recent ratio")));
}

static void
check_failures (Context   *ctx,
                HubWindow *window)
{
  g_autoptr(GSettings) settings = hub_settings_new ();
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  HubRefreshBar *bar = find_bar (GTK_WIDGET (window));
  HubDataset *dataset = hub_window_get_dataset (window);
  StoreCounts before = store_counts (ctx->db_path);
  StoreCounts after;
  const char *message;

  /* Retries without the real waits. */
  hub_client_set_retry_base_delay (hub_refresh_bar_get_client (bar), 1);

  /* A closed port: the reason in plain words, nothing stored is lost. */
  g_settings_set_string (settings, "endpoint", closed);
  refresh_and_wait (bar, "trending", 200);
  message = hub_refresh_bar_get_last_message (bar);
  g_test_message ("Closed port: %s", message);
  g_assert_true (g_str_has_prefix (message, "The Hub could not be reached: "));
  g_assert_nonnull (strstr (message, "127.0.0.1"));
  after = store_counts (ctx->db_path);
  assert_counts_equal (&before, &after);
  g_assert_true (hub_window_get_dataset (window) == dataset);
  g_assert_cmpstr (hub_window_get_state (window), ==, "main");

  /* A host that does not resolve: offline, said in plain words. */
  g_settings_set_string (settings, "endpoint", "http://hub.invalid");
  refresh_and_wait (bar, "trending", 200);
  message = hub_refresh_bar_get_last_message (bar);
  g_test_message ("No such host: %s", message);
  g_assert_cmpstr (message, ==, "You are offline, so the Hub cannot be reached. HubEco keeps showing the stored data.");
  after = store_counts (ctx->db_path);
  assert_counts_equal (&before, &after);

  /* A rejected token: the message points to Preferences and never
   * holds the token. */
  g_settings_set_string (settings, "endpoint", hub_test_server_get_uri (ctx->server));
  hub_test_server_require_token (ctx->server, "right-token");
  refresh_and_wait (bar, "trending", 200);
  message = hub_refresh_bar_get_last_message (bar);
  g_assert_cmpstr (message, ==, "The Hub did not accept the access token. Check it in Preferences.");
  g_assert_null (strstr (message, "wrong-secret-token"));
  g_assert_null (strstr (hub_refresh_bar_get_progress_text (bar), "wrong-secret-token"));
  {
    g_autofree char *auth = hub_test_server_get_last_header (ctx->server, "Authorization");

    g_assert_cmpstr (auth, ==, "Bearer wrong-secret-token");
  }
  after = store_counts (ctx->db_path);
  assert_counts_equal (&before, &after);
  hub_test_server_require_token (ctx->server, NULL);

  /* A server that trickles its page: the request time limit from
   * Preferences ends the refresh with the reason; nothing stored changes. */
  g_settings_set_uint (settings, "request-timeout", 5);
  hub_test_server_add_fault (ctx->server, 1, HUB_FAULT_TRICKLE, 2000, 1);
  refresh_and_wait (bar, "trending", 200);
  message = hub_refresh_bar_get_last_message (bar);
  g_test_message ("Trickling server: %s", message);
  g_assert_nonnull (strstr (message, "within 5 seconds"));
  after = store_counts (ctx->db_path);
  assert_counts_equal (&before, &after);
  g_settings_reset (settings, "request-timeout");

  /* Pages that each answer in time but add up past the refresh's own time
   * limit: the refresh stops after the last stored page, says so, and the
   * next refresh of the scope resumes there. */
  g_settings_set_uint (settings, "sync-time-limit", 3);
  hub_test_server_set_page_cap (ctx->server, 50);
  hub_test_server_add_fault (ctx->server, 3, HUB_FAULT_STALL, 8000, 1);
  refresh_and_wait (bar, "likes", 300);
  message = hub_refresh_bar_get_last_message (bar);
  g_test_message ("Refresh time limit: %s", message);
  g_assert_nonnull (strstr (message, "time limit of 3 s for a whole sync, after 2 pages"));
  after = store_counts (ctx->db_path);
  g_assert_cmpint (after.snapshots, ==, before.snapshots + 1);
  g_assert_cmpint (after.complete_snapshots, ==, before.complete_snapshots);
  g_assert_cmpint (after.snapshot_rows, ==, before.snapshot_rows + 100);
  g_settings_reset (settings, "sync-time-limit");
  refresh_and_wait (bar, "likes", 300);
  message = hub_refresh_bar_get_last_message (bar);
  g_test_message ("Resumed: %s", message);
  after = store_counts (ctx->db_path);
  g_assert_cmpint (after.complete_snapshots, ==, before.complete_snapshots + 1);
  g_assert_cmpint (after.snapshot_rows, ==, before.snapshot_rows + 300);
  before = after;

  /* Cancel mid-refresh: the pages stored so far stay, the snapshot is
   * incomplete, and the window reloads them. */
  hub_test_server_set_page_cap (ctx->server, 50);
  hub_test_server_set_delay (ctx->server, 400);
  g_assert_true (hub_refresh_bar_start (bar, "downloads", 400));
  if (!hub_test_ui_wait_for (bar_mid_refresh, bar, REFRESH_TIMEOUT_MS))
    g_error ("The refresh to cancel never stored a page");
  hub_refresh_bar_cancel (bar);
  g_assert_true (hub_test_ui_wait_for (bar_idle, bar, REFRESH_TIMEOUT_MS));
  hub_test_server_set_delay (ctx->server, 0);
  message = hub_refresh_bar_get_last_message (bar);
  g_test_message ("Cancelled: %s", message);
  g_assert_true (g_str_has_prefix (message, "Refresh stopped; the "));
  after = store_counts (ctx->db_path);
  g_assert_cmpint (after.snapshots, ==, before.snapshots + 1);
  g_assert_cmpint (after.complete_snapshots, ==, before.complete_snapshots);
  g_assert_cmpint (after.snapshot_rows, >=, before.snapshot_rows + 50);
  g_assert_cmpint (after.snapshot_rows, <, before.snapshot_rows + 400);
  g_assert_cmpint (after.models, >=, before.models);
}

static void
check_preferences (Context   *ctx,
                   HubWindow *window)
{
  g_autoptr(GSettings) settings = hub_settings_new ();
  GtkWidget *prefs;
  AdwComboRow *palette_row, *view_row, *interval_row;
  AdwEntryRow *endpoint_row;
  GtkSpinButton *sync_limit_spin;
  g_autofree char *endpoint_before = g_settings_get_string (settings, "endpoint");
  g_autofree char *endpoint_after = NULL;
  g_autofree char *palette = NULL;
  g_autofree char *page = NULL;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (g_application_get_default ()), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "preferences", NULL);
  g_assert_true (hub_test_ui_wait_for (preferences_shown, NULL, 5000));
  prefs = GTK_WIDGET (hub_test_ui_find_toplevel (HUB_TYPE_PREFERENCES_WINDOW));

  palette_row = ADW_COMBO_ROW (gtk_widget_get_template_child (prefs, HUB_TYPE_PREFERENCES_WINDOW, "palette_row"));
  view_row = ADW_COMBO_ROW (gtk_widget_get_template_child (prefs, HUB_TYPE_PREFERENCES_WINDOW, "view_row"));
  interval_row = ADW_COMBO_ROW (gtk_widget_get_template_child (prefs, HUB_TYPE_PREFERENCES_WINDOW, "interval_row"));
  endpoint_row = ADW_ENTRY_ROW (gtk_widget_get_template_child (prefs, HUB_TYPE_PREFERENCES_WINDOW, "endpoint_row"));

  /* The rows show the settings. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (endpoint_row)), ==, endpoint_before);
  g_assert_cmpuint (adw_combo_row_get_selected (interval_row), ==, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (palette_row), ==, 0);

  /* The colour-blind palette is stored under the charts' name for it. */
  adw_combo_row_set_selected (palette_row, 1);
  palette = g_settings_get_string (settings, "chart-palette");
  g_assert_cmpstr (palette, ==, "colorblind");

  /* The views of the window, by their titles; picking one sets the
   * start page. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (view_row)), >=, 2);
  adw_combo_row_set_selected (view_row, 1);
  page = g_settings_get_string (settings, "visible-page");
  g_assert_nonnull (hub_window_get_page (window, page));
  g_assert_cmpstr (page, !=, "trending");

  adw_combo_row_set_selected (interval_row, 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 60);
  adw_combo_row_set_selected (interval_row, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 0);

  /* The refresh time limit is stored in seconds and shown in minutes. */
  sync_limit_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (prefs, HUB_TYPE_PREFERENCES_WINDOW,
                                                                    "sync_time_limit_spin"));
  g_assert_cmpfloat (gtk_spin_button_get_value (sync_limit_spin), ==, 360);
  gtk_spin_button_set_value (sync_limit_spin, 90);
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-time-limit"), ==, 5400);
  g_settings_reset (settings, "sync-time-limit");

  hub_test_ui_spin (400);
  hub_test_ui_save_screenshot (prefs, "preferences.png");

  /* An endpoint that is not a web address is refused and not stored. */
  gtk_editable_set_text (GTK_EDITABLE (endpoint_row), "ftp://example.org");
  g_signal_emit_by_name (endpoint_row, "apply");
  endpoint_after = g_settings_get_string (settings, "endpoint");
  g_assert_cmpstr (endpoint_after, ==, endpoint_before);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (endpoint_row), "error"));
  gtk_editable_set_text (GTK_EDITABLE (endpoint_row), "https://hf-mirror.example.org/");
  g_signal_emit_by_name (endpoint_row, "apply");
  g_free (endpoint_after);
  endpoint_after = g_settings_get_string (settings, "endpoint");
  g_assert_cmpstr (endpoint_after, ==, "https://hf-mirror.example.org/");
  gtk_editable_set_text (GTK_EDITABLE (endpoint_row), endpoint_before);
  g_signal_emit_by_name (endpoint_row, "apply");

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "chart-palette");
  g_settings_reset (settings, "visible-page");
}

static gboolean
run_checks (gpointer user_data)
{
  Context *ctx = user_data;
  HubWindow *window = hub_test_ui_active_window ();

  g_assert_true (hub_test_ui_wait_for (hub_test_ui_window_ready, window, HUB_TEST_UI_LOAD_TIMEOUT_MS));
  g_assert_cmpstr (hub_window_get_state (window), ==, "main");

  check_refresh (ctx, window);
  check_failures (ctx, window);
  check_preferences (ctx, window);

  ctx->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_refresh (void)
{
  g_autofree char *tmpdir = hub_test_tmpdir ();
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GError) error = NULL;
  Context ctx = { 0 };

  /* The dataset and a copy of it with suffixed ids (counts halved), so a
   * trending top 200 holds both known and new models. */
  ctx.server = hub_test_server_new (dataset, 2 * 15904, 0, &error);
  g_assert_no_error (error);
  ctx.db_path = g_build_filename (tmpdir, "hubeco.db", NULL);

  hub_test_ui_run_app (ctx.db_path, run_checks, &ctx);
  g_assert_true (ctx.checked);

  hub_test_server_free (ctx.server);
  g_free (ctx.db_path);
}

int
main (int   argc,
      char *argv[])
{
  /* Set before any thread exists: a token the fixture server rejects
   * once it asks for another one. */
  g_setenv ("HF_TOKEN", "wrong-secret-token", TRUE);
  g_unsetenv ("HF_ENDPOINT");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/refresh/window", test_refresh);

  return g_test_run ();
}
