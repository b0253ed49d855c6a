/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-refresh-bar.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hub-display.h"
#include "hub-preferences-window.h"
#include "hub-refresh-dialog.h"
#include "hub-settings.h"
#include "hub-store.h"
#include "hub-sync.h"
#include "hub-window.h"

struct _HubRefreshBar
{
  AdwBin            parent_instance;

  GtkRevealer      *revealer;
  GtkSpinner       *spinner;
  GtkLabel         *title_label;
  GtkLabel         *progress_label;
  GtkProgressBar   *progress_bar;
  GtkButton        *cancel_button;

  AdwToastOverlay  *toast_overlay;
  AdwToast         *toast;          /* the one shown, not owned */
  GSettings        *settings;
  HubClient        *client;

  /* The refresh in progress. */
  gboolean          running;
  gboolean          automatic;
  char             *scope;
  guint             limit;
  GCancellable     *cancellable;
  HubSync          *sync;
  HubWindow        *window;

  gboolean          offline_reported;
  char             *last_message;
  char             *progress_text;
  guint             auto_source;
};

G_DEFINE_FINAL_TYPE (HubRefreshBar, hub_refresh_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TOAST_OVERLAY,
  PROP_RUNNING,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_automatic (HubRefreshBar *self);

/**
 * hub_refresh_describe_error:
 * @error: why a refresh failed
 *
 * Returns: (transfer full): a sentence for a person. The client's messages
 *   never hold a token, so quoting them is safe.
 */
char *
hub_refresh_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == HUB_CLIENT_ERROR)
    switch ((HubClientError) error->code)
      {
      case HUB_CLIENT_ERROR_OFFLINE:
        return g_strdup (_("You are offline, so the Hub cannot be reached. HubEco keeps showing the stored data."));
      case HUB_CLIENT_ERROR_NETWORK:
        return g_strdup_printf (_("The Hub could not be reached: %s"), error->message);
      case HUB_CLIENT_ERROR_UNAUTHORIZED:
        return g_strdup (_("The Hub did not accept the access token. Check it in Preferences."));
      case HUB_CLIENT_ERROR_FORBIDDEN:
        return g_strdup (_("The Hub does not allow this request (gated or private models)."));
      case HUB_CLIENT_ERROR_NOT_FOUND:
        return g_strdup (_("The Hub does not know this author, task or model."));
      case HUB_CLIENT_ERROR_RATE_LIMITED:
        return g_strdup (_("Too many requests: the Hub’s rate limit is used up. Try again in a few minutes."));
      case HUB_CLIENT_ERROR_SERVER:
        return g_strdup (_("The Hub is having trouble right now. Try again later."));
      case HUB_CLIENT_ERROR_BAD_REQUEST:
      case HUB_CLIENT_ERROR_BAD_RESPONSE:
      default:
        break;
      }
  else if (error->domain == HUB_SYNC_ERROR && error->code == HUB_SYNC_ERROR_TOO_MANY_PAGES)
    return g_strdup (_("The refresh stopped at its page limit; the next refresh continues from there."));

  return g_strdup_printf (_("The refresh failed: %s"), error->message);
}

static char *
describe_scope (const char *scope,
                guint       limit)
{
  g_autofree char *n = hub_display_count (limit > 0 ? limit : HUB_SYNC_DEFAULT_TOP_LIMIT);

  if (g_str_equal (scope, "trending"))
    return g_strdup_printf (_("Refreshing the %s trending models"), n);
  if (g_str_equal (scope, "downloads"))
    return g_strdup_printf (_("Refreshing the %s most downloaded models"), n);
  if (g_str_equal (scope, "likes"))
    return g_strdup_printf (_("Refreshing the %s most liked models"), n);
  if (g_str_has_prefix (scope, "author:"))
    return g_strdup_printf (_("Refreshing the models of %s"), scope + strlen ("author:"));
  if (g_str_has_prefix (scope, "task:"))
    return g_strdup_printf (_("Refreshing the %s models"), scope + strlen ("task:"));
  if (g_str_has_prefix (scope, "children:"))
    return g_strdup_printf (_("Refreshing the children of %s"), scope + strlen ("children:"));
  return g_strdup (_("Refreshing the whole catalogue"));
}

static void
set_running (HubRefreshBar *self,
             gboolean       running)
{
  if (self->running == running)
    return;

  self->running = running;
  gtk_revealer_set_reveal_child (self->revealer, running);
  if (running)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), running);
  if (self->window != NULL)
    gtk_widget_action_set_enabled (GTK_WIDGET (self->window), "win.refresh", !running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_progress_text (HubRefreshBar *self,
                   const char    *text)
{
  g_free (self->progress_text);
  self->progress_text = g_strdup (text);
  gtk_label_set_text (self->progress_label, text);
}

static void
update_progress (HubRefreshBar *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *stored = NULL;
  guint pages, models;
  gint64 left;

  if (self->sync == NULL)
    return;

  pages = hub_sync_get_pages (self->sync);
  models = hub_sync_get_models_stored (self->sync);
  left = hub_sync_get_requests_left (self->sync);
  if (left < 0)
    left = hub_client_get_rate_limit_remaining (self->client);

  stored = hub_display_count (models);
  /* Translators: progress of a refresh: "Page 3 · 600 models stored · 497 requests left" */
  g_string_append_printf (text, _("Page %u"), pages);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s model stored", "%s models stored", models), stored);
  if (left >= 0)
    {
      g_autofree char *n = hub_display_count (left);

      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s request left in the rate-limit window",
                                                 "%s requests left in the rate-limit window",
                                                 (gulong) left), n);
    }
  set_progress_text (self, text->str);

  if (self->limit > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) models / self->limit));
  else
    gtk_progress_bar_pulse (self->progress_bar);
}

static void
on_retrying (HubClient     *client,
             guint          attempt,
             guint          delay_ms,
             const char    *reason,
             HubRefreshBar *self)
{
  g_autofree char *text = NULL;

  if (!self->running)
    return;
  /* Translators: %u is the attempt number, %s why the previous one failed */
  text = g_strdup_printf (_("Trying again (attempt %u): %s"), attempt + 1, reason != NULL ? reason : "");
  set_progress_text (self, text);
}

static void
on_toast_dismissed (AdwToast      *toast,
                    HubRefreshBar *self)
{
  if (self->toast == toast)
    self->toast = NULL;
}

static void
forget_toast (HubRefreshBar *self)
{
  if (self->toast != NULL)
    g_signal_handlers_disconnect_by_data (g_steal_pointer (&self->toast), self);
}

static void
show_toast (HubRefreshBar *self,
            const char    *message,
            gboolean       offer_preferences)
{
  AdwToast *toast;

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  g_debug ("Refresh: %s", message);

  if (self->toast_overlay == NULL)
    return;

  /* A new outcome replaces the one still on screen instead of queueing
   * behind it. The toast is updated in place: dismissing it and adding
   * another during its animation crashes libadwaita 1.2. */
  if (self->toast != NULL)
    {
      adw_toast_set_title (self->toast, message);
      adw_toast_set_button_label (self->toast, offer_preferences ? _("_Preferences") : NULL);
      adw_toast_set_action_name (self->toast, offer_preferences ? "app.preferences" : NULL);
      return;
    }

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  if (offer_preferences)
    {
      adw_toast_set_button_label (toast, _("_Preferences"));
      adw_toast_set_action_name (toast, "app.preferences");
    }
  self->toast = toast;
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
finish (HubRefreshBar *self,
        gboolean       success,
        GError        *error)
{
  g_autofree char *message = NULL;
  gboolean offer_preferences = FALSE;
  guint stored = self->sync != NULL ? hub_sync_get_models_stored (self->sync) : 0;
  guint added = self->sync != NULL ? hub_sync_get_models_new (self->sync) : 0;

  if (success)
    {
      self->offline_reported = FALSE;
      if (hub_sync_get_not_modified (self->sync))
        message = g_strdup (_("Nothing changed on the Hub since the last refresh"));
      else
        {
          g_autofree char *n_stored = hub_display_count (stored);
          g_autofree char *n_added = hub_display_count (added);

          /* Translators: "1,000 models refreshed, 37 new" */
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%s model refreshed, %s new",
                                                  "%s models refreshed, %s new", stored),
                                     n_stored, n_added);
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (stored > 0)
        {
          g_autofree char *n_stored = hub_display_count (stored);

          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Refresh stopped; the %s model stored so far is kept",
                                                  "Refresh stopped; the %s models stored so far are kept",
                                                  stored), n_stored);
        }
      else
        message = g_strdup (_("Refresh stopped"));
    }
  else if (g_error_matches (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_OFFLINE))
    {
      /* Said once, not at every automatic refresh while offline. */
      if (!(self->automatic && self->offline_reported))
        message = hub_refresh_describe_error (error);
      self->offline_reported = TRUE;
    }
  else
    {
      message = hub_refresh_describe_error (error);
      offer_preferences = g_error_matches (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_UNAUTHORIZED);
    }

  if (message != NULL)
    show_toast (self, message, offer_preferences);
  /* The schedule counts from the last refresh that stored a snapshot. */
  if (success && self->settings != NULL)
    g_settings_set_int64 (self->settings, "last-refresh", g_get_real_time () / G_USEC_PER_SEC);

  /* Pages stored before a failure or a cancel are data too. */
  if (stored > 0 && self->window != NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    hub_window_reload (self->window);

  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  g_clear_object (&self->window);
  schedule_automatic (self);
  g_signal_emit (self, signals[FINISHED], 0, success);
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HubRefreshBar) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = hub_sync_run_finish (HUB_SYNC (object), result, &error);
  update_progress (self);
  finish (self, ok, error);
}

static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  HubStore *store = hub_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
store_opened (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  HubRefreshBar *self = HUB_REFRESH_BAR (object);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (store == NULL)
    {
      finish (self, FALSE, error);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");

      finish (self, FALSE, cancelled);
      return;
    }

  self->sync = hub_sync_new (self->client, store, self->scope);
  hub_sync_set_limit (self->sync, self->limit);
  if (self->settings != NULL)
    hub_sync_set_time_limit (self->sync, g_settings_get_uint (self->settings, "sync-time-limit"));
  g_signal_connect_swapped (self->sync, "notify::pages", G_CALLBACK (update_progress), self);
  g_signal_connect_swapped (self->sync, "notify::models-stored", G_CALLBACK (update_progress), self);
  g_signal_connect_swapped (self->sync, "notify::requests-left", G_CALLBACK (update_progress), self);
  hub_sync_run_async (self->sync, self->cancellable, run_done, g_object_ref (self));
}

static void
token_found (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HubRefreshBar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  char *token;

  token = hub_preferences_lookup_token_finish (result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No token from the keyring: %s", error->message);
  hub_client_set_token (self->client, token);
  hub_preferences_token_free (token);

  if (self->window == NULL)
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");

      finish (self, FALSE, cancelled);
      return;
    }

  /* The sync's own connection, opened off the main thread. */
  task = g_task_new (self, self->cancellable, store_opened, NULL);
  g_task_set_source_tag (task, token_found);
  g_task_set_task_data (task, g_strdup (hub_window_get_db_path (self->window)), g_free);
  g_task_run_in_thread (task, open_store_thread);
}

static gboolean
start (HubRefreshBar *self,
       const char    *scope,
       guint          limit,
       gboolean       automatic)
{
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *connecting = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->running || !HUB_IS_WINDOW (root) || hub_window_get_db_path (HUB_WINDOW (root)) == NULL)
    return FALSE;
  if (!hub_sync_scope_validate (scope, NULL))
    return FALSE;

  g_free (self->scope);
  self->scope = g_strdup (scope);
  self->limit = limit;
  if (self->limit == 0 && (g_str_equal (scope, "trending") || g_str_equal (scope, "downloads") ||
                           g_str_equal (scope, "likes")))
    self->limit = HUB_SYNC_DEFAULT_TOP_LIMIT;
  self->automatic = automatic;
  self->window = g_object_ref (HUB_WINDOW (root));
  self->cancellable = g_cancellable_new ();

  hub_settings_configure_client (self->settings, self->client);

  title = describe_scope (scope, self->limit);
  gtk_label_set_text (self->title_label, title);
  shown = hub_client_redact_uri (hub_client_get_base_uri (self->client));
  connecting = g_strdup_printf (_("Connecting to %s…"), shown);
  set_progress_text (self, connecting);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_running (self, TRUE);

  hub_preferences_lookup_token_async (self->cancellable, token_found, g_object_ref (self));
  return TRUE;
}

/**
 * hub_refresh_bar_start:
 * @self: a refresh bar inside a #HubWindow
 * @scope: a sync scope
 * @limit: N for a top scope; 0 for the scope's default
 *
 * Starts a refresh of the window's store.
 *
 * Returns: whether a refresh started.
 */
gboolean
hub_refresh_bar_start (HubRefreshBar *self,
                       const char    *scope,
                       guint          limit)
{
  g_return_val_if_fail (HUB_IS_REFRESH_BAR (self), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  return start (self, scope, limit, FALSE);
}

/**
 * hub_refresh_bar_cancel:
 * @self: a refresh bar
 *
 * Stops the refresh in progress; the pages stored so far are kept.
 */
void
hub_refresh_bar_cancel (HubRefreshBar *self)
{
  g_return_if_fail (HUB_IS_REFRESH_BAR (self));

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      set_progress_text (self, _("Stopping…"));
    }
}

/**
 * hub_refresh_bar_get_running:
 * @self: a refresh bar
 *
 * Returns: whether a refresh is in progress.
 */
gboolean
hub_refresh_bar_get_running (HubRefreshBar *self)
{
  g_return_val_if_fail (HUB_IS_REFRESH_BAR (self), FALSE);
  return self->running;
}

static void
on_dialog_response (HubRefreshDialog *dialog,
                    const char       *response,
                    HubRefreshBar    *self)
{
  g_autofree char *scope = NULL;

  if (!g_str_equal (response, "refresh"))
    return;
  scope = hub_refresh_dialog_dup_scope (dialog);
  if (scope != NULL)
    hub_refresh_bar_start (self, scope, hub_refresh_dialog_get_limit (dialog));
}

/**
 * hub_refresh_bar_present_dialog:
 * @self: a refresh bar inside a window
 *
 * Opens the scope chooser on the default scope. Does nothing while a
 * refresh runs.
 *
 * Returns: (transfer none) (nullable): the dialog.
 */
GtkWidget *
hub_refresh_bar_present_dialog (HubRefreshBar *self)
{
  g_autofree char *scope = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (HUB_IS_REFRESH_BAR (self), NULL);

  if (self->running)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = hub_refresh_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  if (self->settings != NULL)
    scope = g_settings_get_string (self->settings, "default-scope");
  hub_refresh_dialog_set_scope (HUB_REFRESH_DIALOG (dialog), scope);
  hub_refresh_dialog_set_limit (HUB_REFRESH_DIALOG (dialog), HUB_SYNC_DEFAULT_TOP_LIMIT);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * hub_refresh_bar_get_client:
 * Returns: (transfer none): the bar's client.
 */
HubClient *
hub_refresh_bar_get_client (HubRefreshBar *self)
{
  g_return_val_if_fail (HUB_IS_REFRESH_BAR (self), NULL);
  return self->client;
}

/**
 * hub_refresh_bar_get_last_message:
 * Returns: (nullable): the last toast's text.
 */
const char *
hub_refresh_bar_get_last_message (HubRefreshBar *self)
{
  g_return_val_if_fail (HUB_IS_REFRESH_BAR (self), NULL);
  return self->last_message;
}

/**
 * hub_refresh_bar_get_progress_text:
 * Returns: (nullable): the progress line.
 */
const char *
hub_refresh_bar_get_progress_text (HubRefreshBar *self)
{
  g_return_val_if_fail (HUB_IS_REFRESH_BAR (self), NULL);
  return self->progress_text;
}

/* Seconds after start-up before a refresh that is already due runs, and
 * between tries while the window is busy (loading, refreshing). */
#define AUTOMATIC_RETRY_S 10

static gboolean
automatic_tick (gpointer user_data)
{
  HubRefreshBar *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *scope = NULL;

  self->auto_source = 0;
  if (self->running || !HUB_IS_WINDOW (root) ||
      g_strcmp0 (hub_window_get_state (HUB_WINDOW (root)), "main") != 0)
    {
      self->auto_source = g_timeout_add_seconds (AUTOMATIC_RETRY_S, automatic_tick, self);
      return G_SOURCE_REMOVE;
    }

  scope = g_settings_get_string (self->settings, "default-scope");
  if (!hub_sync_scope_validate (scope, NULL))
    {
      g_free (scope);
      scope = g_strdup ("trending");
    }
  start (self, scope, 0, TRUE);
  return G_SOURCE_REMOVE;
}

/**
 * hub_refresh_next_time:
 * When the next automatic refresh is due (Unix seconds): the interval
 * after the last refresh that stored a snapshot, or now when there was
 * none; 0 when automatic refresh is off.
 */
gint64
hub_refresh_next_time (GSettings *settings)
{
  guint minutes = g_settings_get_uint (settings, "refresh-interval");
  gint64 last = g_settings_get_int64 (settings, "last-refresh");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (minutes == 0)
    return 0;
  if (last <= 0)
    return now;
  return last + (gint64) MIN (minutes, G_MAXUINT / 60) * 60;
}

/* One timer to the next due time, set again after each refresh and when
 * the interval changes; a refresh overdue at start-up (the app was not
 * running) comes soon after the window is ready. */
static void
schedule_automatic (HubRefreshBar *self)
{
  gint64 next, now, delay;

  g_clear_handle_id (&self->auto_source, g_source_remove);
  if (self->settings == NULL || (next = hub_refresh_next_time (self->settings)) == 0)
    return;
  now = g_get_real_time () / G_USEC_PER_SEC;
  delay = CLAMP (next - now, AUTOMATIC_RETRY_S, (gint64) G_MAXUINT / 2);
  self->auto_source = g_timeout_add_seconds ((guint) delay, automatic_tick, self);
}

static void
hub_refresh_bar_dispose (GObject *object)
{
  HubRefreshBar *self = HUB_REFRESH_BAR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->auto_source, g_source_remove);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  forget_toast (self);
  g_clear_object (&self->toast_overlay);
  g_clear_object (&self->window);

  G_OBJECT_CLASS (hub_refresh_bar_parent_class)->dispose (object);
}

static void
hub_refresh_bar_finalize (GObject *object)
{
  HubRefreshBar *self = HUB_REFRESH_BAR (object);

  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_free (self->scope);
  g_free (self->last_message);
  g_free (self->progress_text);

  G_OBJECT_CLASS (hub_refresh_bar_parent_class)->finalize (object);
}

static void
hub_refresh_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HubRefreshBar *self = HUB_REFRESH_BAR (object);

  switch (prop_id)
    {
    case PROP_TOAST_OVERLAY:
      g_value_set_object (value, self->toast_overlay);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_refresh_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HubRefreshBar *self = HUB_REFRESH_BAR (object);

  switch (prop_id)
    {
    case PROP_TOAST_OVERLAY:
      if (g_set_object (&self->toast_overlay, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_refresh_bar_class_init (HubRefreshBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_refresh_bar_dispose;
  object_class->finalize = hub_refresh_bar_finalize;
  object_class->get_property = hub_refresh_bar_get_property;
  object_class->set_property = hub_refresh_bar_set_property;

  properties[PROP_TOAST_OVERLAY] =
    g_param_spec_object ("toast-overlay", NULL, NULL, ADW_TYPE_TOAST_OVERLAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-refresh-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, HubRefreshBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, HubRefreshBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, HubRefreshBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, HubRefreshBar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, HubRefreshBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HubRefreshBar, cancel_button);
}

static void
hub_refresh_bar_init (HubRefreshBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refresh progress"),
                                  -1);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (hub_refresh_bar_cancel), self);

  self->client = hub_client_new (NULL);
  g_signal_connect (self->client, "retrying", G_CALLBACK (on_retrying), self);

  self->settings = hub_settings_new ();
  if (self->settings != NULL)
    {
      g_signal_connect_swapped (self->settings, "changed::refresh-interval",
                                G_CALLBACK (schedule_automatic), self);
      schedule_automatic (self);
    }
}

/**
 * hub_refresh_bar_new:
 *
 * Returns: (transfer floating): a refresh bar; put it in a #HubWindow.
 */
GtkWidget *
hub_refresh_bar_new (void)
{
  return g_object_new (HUB_TYPE_REFRESH_BAR, NULL);
}
