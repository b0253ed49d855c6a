/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-preferences-window.h"

#include "hub-refresh-bar.h"

#include <glib/gi18n.h>
#include <string.h>

#ifdef HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

#include "hub-accessible.h"
#include "hub-chart-style.h"
#include "hub-settings.h"

struct _HubPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *endpoint_row;
  AdwPasswordEntryRow  *token_row;
  AdwActionRow         *token_status_row;
  GtkButton            *forget_button;
  AdwComboRow          *interval_row;
  AdwActionRow         *background_row;
  GtkSwitch            *background_switch;
  GtkSpinButton        *request_timeout_spin;
  GtkSpinButton        *sync_time_limit_spin;
  AdwComboRow          *scope_row;
  GtkStringList        *scope_list;
  AdwComboRow          *view_row;
  GtkStringList        *view_list;
  AdwComboRow          *palette_row;
  GtkSwitch            *estimated_switch;

  GSettings            *settings;
  GPtrArray            *view_names;
  char                 *custom_scope;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (HubPreferencesWindow, hub_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Minutes of the interval row's items. */
static const guint intervals[] = { 0, 30, 60, 6 * 60, 24 * 60 };
/* Scopes of the default-scope row's fixed items. */
static const char * const scopes[] = { "trending", "downloads", "likes", "all" };

#ifdef HAVE_LIBSECRET
static const SecretSchema token_schema = {
  "org.example.HubEco.Token", SECRET_SCHEMA_NONE,
  {
    { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0,
};
#define TOKEN_SERVICE "huggingface-hub"
#endif

/**
 * hub_preferences_has_keyring:
 *
 * Returns: whether this build keeps the token with libsecret.
 */
gboolean
hub_preferences_has_keyring (void)
{
#ifdef HAVE_LIBSECRET
  return TRUE;
#else
  return FALSE;
#endif
}

/**
 * hub_preferences_token_free:
 * @token: (nullable): a token from hub_preferences_lookup_token_finish()
 *
 * Clears the token's memory and frees it.
 */
void
hub_preferences_token_free (char *token)
{
  if (token == NULL)
    return;
  memset (token, 0, strlen (token));
  g_free (token);
}

static char *
env_token (void)
{
  const char *token = g_getenv ("HF_TOKEN");

  return token != NULL && *token != '\0' ? g_strdup (token) : NULL;
}

#ifdef HAVE_LIBSECRET
static void
lookup_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (secret != NULL)
    {
      char *token = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, token, (GDestroyNotify) hub_preferences_token_free);
      return;
    }
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_debug ("Keyring: %s", error->message);
  g_task_return_pointer (task, env_token (), (GDestroyNotify) hub_preferences_token_free);
}
#endif

/**
 * hub_preferences_lookup_token_async:
 * @cancellable: (nullable): a cancellable
 * @callback: called with the result
 * @user_data: for @callback
 *
 * Looks up the token to send; the keyring is asked only when a token was
 * saved there from the preferences, so nothing talks to D-Bus otherwise.
 */
void
hub_preferences_lookup_token_async (GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
#ifdef HAVE_LIBSECRET
  g_autoptr(GSettings) settings = hub_settings_new ();
#endif

  g_task_set_source_tag (task, hub_preferences_lookup_token_async);
#ifdef HAVE_LIBSECRET
  if (settings != NULL && g_settings_get_boolean (settings, "token-in-keyring"))
    {
      secret_password_lookup (&token_schema, cancellable, lookup_done, g_steal_pointer (&task),
                              "service", TOKEN_SERVICE, NULL);
      return;
    }
#endif
  g_task_return_pointer (task, env_token (), (GDestroyNotify) hub_preferences_token_free);
}

/**
 * hub_preferences_lookup_token_finish:
 * @result: the result
 * @error: a location for an error (only cancellation)
 *
 * Returns: (transfer full) (nullable): the token, or %NULL for none.
 */
char *
hub_preferences_lookup_token_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
update_token_status (HubPreferencesWindow *self)
{
  gboolean in_keyring = self->settings != NULL && g_settings_get_boolean (self->settings, "token-in-keyring");
  gboolean in_env = g_getenv ("HF_TOKEN") != NULL && *g_getenv ("HF_TOKEN") != '\0';
  const char *status;

  if (!hub_preferences_has_keyring ())
    status = in_env
      ? _("Read from the HF_TOKEN environment variable. This build of HubEco cannot keep a token in the keyring.")
      : _("None: HF_TOKEN is not set. This build of HubEco cannot keep a token in the keyring, so set HF_TOKEN to use one.");
  else if (in_keyring)
    status = _("The token saved in the keyring");
  else if (in_env)
    status = _("Read from the HF_TOKEN environment variable");
  else
    status = _("None: requests are anonymous");

  adw_action_row_set_subtitle (self->token_status_row, status);
  gtk_widget_set_visible (GTK_WIDGET (self->forget_button), hub_preferences_has_keyring () && in_keyring);
}

static void
add_toast (HubPreferencesWindow *self,
           const char           *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

#ifdef HAVE_LIBSECRET
static void
token_stored (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(HubPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* The keyring's message does not hold the token. */
          g_autofree char *text = g_strdup_printf (_("The token could not be saved: %s"), error->message);

          add_toast (self, text);
        }
      return;
    }
  g_settings_set_boolean (self->settings, "token-in-keyring", TRUE);
  update_token_status (self);
  add_toast (self, _("Token saved in the keyring"));
}

static void
token_cleared (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HubPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("Keyring: %s", error->message);
  g_settings_set_boolean (self->settings, "token-in-keyring", FALSE);
  update_token_status (self);
  add_toast (self, _("Token removed from the keyring"));
}
#endif

static void
on_token_apply (HubPreferencesWindow *self)
{
#ifdef HAVE_LIBSECRET
  g_autofree char *token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));

  /* The entry never keeps or shows a saved token. */
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  if (*token == '\0' || self->settings == NULL)
    {
      hub_preferences_token_free (g_steal_pointer (&token));
      return;
    }
  secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT, _("HubEco: Hugging Face access token"),
                         token, self->cancellable, token_stored, g_object_ref (self),
                         "service", TOKEN_SERVICE, NULL);
  hub_preferences_token_free (g_steal_pointer (&token));
#endif
}

static void
on_forget_clicked (HubPreferencesWindow *self)
{
#ifdef HAVE_LIBSECRET
  secret_password_clear (&token_schema, self->cancellable, token_cleared, g_object_ref (self),
                         "service", TOKEN_SERVICE, NULL);
#endif
}

static gboolean
endpoint_is_valid (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (*text == '\0')
    return TRUE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

static void
on_endpoint_apply (HubPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row))));

  if (!endpoint_is_valid (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->endpoint_row), "error");
      add_toast (self, _("The endpoint must be a web address such as https://huggingface.co"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->endpoint_row), "error");
  g_settings_set_string (self->settings, "endpoint", text);
}

static void
on_endpoint_changed (HubPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->endpoint_row), "error");
}

static void
on_interval_selected (HubPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->interval_row);

  if (i < G_N_ELEMENTS (intervals))
    g_settings_set_uint (self->settings, "refresh-interval", intervals[i]);
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  /* TRANSLATORS: a date and time, see g_date_time_format() */
  return local != NULL ? g_date_time_format (local, _("%-d %b %Y, %H:%M")) : g_strdup ("?");
}

/* The schedule in words: the last refresh that stored a snapshot and when
 * the next one is due. */
static void
update_schedule (HubPreferencesWindow *self)
{
  gint64 last = g_settings_get_int64 (self->settings, "last-refresh");
  gint64 next = hub_refresh_next_time (self->settings);
  g_autofree char *last_text = last > 0 ? format_time (last) : g_strdup (_("never"));
  g_autofree char *subtitle = NULL;

  if (next == 0)
    subtitle = g_strdup_printf (_("Off. Each refresh stores a dated snapshot; last one: %s"), last_text);
  else
    {
      g_autofree char *next_text = format_time (MAX (next, g_get_real_time () / G_USEC_PER_SEC));

      subtitle = g_strdup_printf (_("Last snapshot: %s · next: %s"), last_text, next_text);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->interval_row), subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->background_row), next != 0);
}

static void
on_scope_selected (HubPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->scope_row);

  if (i < G_N_ELEMENTS (scopes))
    g_settings_set_string (self->settings, "default-scope", scopes[i]);
  else if (self->custom_scope != NULL)
    g_settings_set_string (self->settings, "default-scope", self->custom_scope);
}

static void
on_view_selected (HubPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->view_row);

  if (self->view_names != NULL && i < self->view_names->len)
    g_settings_set_string (self->settings, "visible-page", g_ptr_array_index (self->view_names, i));
}

static void
on_palette_selected (HubPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->palette_row);

  if (i < HUB_N_CHART_PALETTES)
    g_settings_set_string (self->settings, "chart-palette", hub_chart_palette_to_string ((HubChartPalette) i));
}

/* The window's view stack, found by walking its widgets, so the list of
 * views follows whatever pages the window has. */
static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_view_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
fill_views (HubPreferencesWindow *self,
            GtkWindow            *parent)
{
  g_autoptr(GtkSelectionModel) pages = NULL;
  g_autofree char *current = NULL;
  AdwViewStack *stack = parent != NULL ? find_view_stack (GTK_WIDGET (parent)) : NULL;
  guint selected = 0;

  self->view_names = g_ptr_array_new_with_free_func (g_free);
  if (stack != NULL)
    {
      pages = adw_view_stack_get_pages (stack);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
          const char *name = adw_view_stack_page_get_name (page);
          const char *title = adw_view_stack_page_get_title (page);

          if (name == NULL)
            continue;
          g_ptr_array_add (self->view_names, g_strdup (name));
          gtk_string_list_append (self->view_list, title != NULL ? title : name);
        }
    }
  if (self->view_names->len == 0)
    {
      g_ptr_array_add (self->view_names, g_strdup ("trending"));
      gtk_string_list_append (self->view_list, _("Trending"));
    }

  current = self->settings != NULL ? g_settings_get_string (self->settings, "visible-page") : NULL;
  for (guint i = 0; i < self->view_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->view_names, i), current) == 0)
      selected = i;
  adw_combo_row_set_selected (self->view_row, selected);
}

static void
load_settings (HubPreferencesWindow *self)
{
  g_autofree char *endpoint = g_settings_get_string (self->settings, "endpoint");
  g_autofree char *scope = g_settings_get_string (self->settings, "default-scope");
  g_autofree char *palette = g_settings_get_string (self->settings, "chart-palette");
  guint interval = g_settings_get_uint (self->settings, "refresh-interval");
  HubChartPalette palette_kind = HUB_CHART_PALETTE_DEFAULT;
  guint best = 0;

  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), endpoint);

  /* The nearest offered interval; "off" only when it is off. */
  for (guint i = 1; i < G_N_ELEMENTS (intervals); i++)
    if (interval > 0 && (best == 0 || ABS ((int) intervals[i] - (int) interval) < ABS ((int) intervals[best] - (int) interval)))
      best = i;
  adw_combo_row_set_selected (self->interval_row, best);

  best = G_MAXUINT;
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    if (g_str_equal (scope, scopes[i]))
      best = i;
  if (best == G_MAXUINT)
    {
      /* A scope set elsewhere (an author, a task, ...) stays offered. */
      self->custom_scope = g_strdup (scope);
      gtk_string_list_append (self->scope_list, scope);
      best = G_N_ELEMENTS (scopes);
    }
  adw_combo_row_set_selected (self->scope_row, best);

  if (!hub_chart_palette_from_string (palette, &palette_kind))
    palette_kind = HUB_CHART_PALETTE_DEFAULT;
  adw_combo_row_set_selected (self->palette_row, palette_kind);

  g_settings_bind (self->settings, "count-estimated-sizes", self->estimated_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
hub_preferences_window_dispose (GObject *object)
{
  HubPreferencesWindow *self = HUB_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hub_preferences_window_parent_class)->dispose (object);
}

static void
hub_preferences_window_finalize (GObject *object)
{
  HubPreferencesWindow *self = HUB_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->view_names, g_ptr_array_unref);
  g_free (self->custom_scope);

  G_OBJECT_CLASS (hub_preferences_window_parent_class)->finalize (object);
}

/* The refresh time limit is kept in seconds and shown in minutes. */
static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60.0);
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *type,
                    gpointer            data)
{
  return g_variant_new_uint32 ((guint32) (g_value_get_double (value) * 60 + 0.5));
}

static void
hub_preferences_window_class_init (HubPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_preferences_window_dispose;
  object_class->finalize = hub_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, token_status_row);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, background_row);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, request_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, sync_time_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, scope_row);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, scope_list);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, view_row);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, view_list);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, palette_row);
  gtk_widget_class_bind_template_child (widget_class, HubPreferencesWindow, estimated_switch);
}

static void
hub_preferences_window_init (HubPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = hub_settings_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->estimated_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Count estimated sizes"),
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), hub_preferences_has_keyring ());
  hub_accessible_mend (GTK_WIDGET (self));
}

/**
 * hub_preferences_window_new:
 * @parent: (nullable): the main window (its views fill the default-view row)
 *
 * Returns: (transfer floating): the preferences window.
 */
GtkWidget *
hub_preferences_window_new (GtkWindow *parent)
{
  HubPreferencesWindow *self = g_object_new (HUB_TYPE_PREFERENCES_WINDOW,
                                             "transient-for", parent,
                                             "modal", TRUE,
                                             NULL);

  if (self->settings == NULL)
    {
      /* Nothing could be remembered: show the rows, but inert. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->endpoint_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->interval_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->background_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->scope_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->view_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->palette_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->estimated_switch), FALSE);
      fill_views (self, parent);
      update_token_status (self);
      return GTK_WIDGET (self);
    }

  fill_views (self, parent);
  load_settings (self);
  update_token_status (self);

  g_signal_connect_swapped (self->endpoint_row, "apply", G_CALLBACK (on_endpoint_apply), self);
  g_signal_connect_swapped (self->endpoint_row, "changed", G_CALLBACK (on_endpoint_changed), self);
  g_signal_connect_swapped (self->token_row, "apply", G_CALLBACK (on_token_apply), self);
  g_signal_connect_swapped (self->forget_button, "clicked", G_CALLBACK (on_forget_clicked), self);
  g_signal_connect_swapped (self->interval_row, "notify::selected", G_CALLBACK (on_interval_selected), self);
  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (on_scope_selected), self);
  g_signal_connect_swapped (self->view_row, "notify::selected", G_CALLBACK (on_view_selected), self);
  g_signal_connect_swapped (self->palette_row, "notify::selected", G_CALLBACK (on_palette_selected), self);
  g_signal_connect_swapped (self->settings, "changed::token-in-keyring", G_CALLBACK (update_token_status), self);
  g_signal_connect_object (self->settings, "changed::refresh-interval", G_CALLBACK (update_schedule), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::last-refresh", G_CALLBACK (update_schedule), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "request-timeout", self->request_timeout_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "sync-time-limit", self->sync_time_limit_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, seconds_to_minutes, minutes_to_seconds, NULL, NULL);
  update_schedule (self);

  return GTK_WIDGET (self);
}
