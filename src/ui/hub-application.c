/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-application.h"

#include <glib/gi18n.h>

#include "hub-background.h"
#include "hub-preferences-window.h"
#include "hub-settings.h"
#include "hub-store.h"
#include "hub-window.h"

struct _HubApplication
{
  AdwApplication  parent_instance;
  char           *db_path;
  gboolean        start_hidden;   /* --background */
  gboolean        held;           /* by run-in-background */
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (HubApplication, hub_application, ADW_TYPE_APPLICATION)

static int
hub_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  HubApplication *self = HUB_APPLICATION (application);
  const char *db_path = NULL;

  if (g_variant_dict_contains (options, "background"))
    self->start_hidden = TRUE;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db_path) && db_path != NULL && *db_path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db_path);

      g_free (self->db_path);
      self->db_path = g_file_get_path (file);
      /* Another database is another document: do not hand it to a running
       * instance that has its own open. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *parent = gtk_application_get_active_window (application);
  const char *developers[] = { "The HubEco developers", NULL };
  const char *data_sources[] = {
    "Radar HuggingFace Dataset https://github.com/686f6c61/radar-huggingface-dataset",
    "huggingface-trending https://github.com/namhyeokwoo/huggingface-trending",
    "daily-hf-trending https://github.com/park-onezero/daily-hf-trending",
    "OSIR-LMTS https://github.com/brucecui0120/OSIR-LMTS",
    "@huggingface/tasks https://www.npmjs.com/package/@huggingface/tasks",
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("HubEco"),
                        "developer-name", _("The HubEco developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("See how the open-model ecosystem on the Hugging Face Hub moves: "
                                      "which models, developers and countries draw the downloads, "
                                      "and how that changes."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The HubEco developers",
                        "developers", developers,
                        NULL);

  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Data"), data_sources);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Radar HuggingFace Dataset"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("The embedded Hub snapshot and its history come from the "
                                        "<a href=\"https://github.com/686f6c61/radar-huggingface-dataset\">Radar "
                                        "HuggingFace Dataset</a> (metadata source: Hugging Face Hub), "
                                        "licensed under the "
                                        "<a href=\"https://creativecommons.org/licenses/by/4.0/\">Creative "
                                        "Commons Attribution 4.0 International</a> licence (CC BY 4.0). "
                                        "HubEco reshaped it into its own database."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Daily snapshots and trending captures"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Daily top-model snapshots from "
                                        "<a href=\"https://github.com/namhyeokwoo/huggingface-trending\">huggingface-trending</a> "
                                        "and trending captures from "
                                        "<a href=\"https://github.com/park-onezero/daily-hf-trending\">daily-hf-trending</a>: "
                                        "facts published by the Hugging Face Hub API."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Monthly crawl (OSIR-LMTS)"),
                                      "© 2024 brucecui0120",
                                      GTK_LICENSE_MIT_X11,
                                      NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      "DuckDB",
                                      "© 2018–2025 Stichting DuckDB Foundation",
                                      GTK_LICENSE_MIT_X11,
                                      NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      "@huggingface/tasks",
                                      "© Hugging Face",
                                      GTK_LICENSE_MIT_X11,
                                      NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *application = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Closing the windows saves their size first. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (application);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (hub_preferences_window_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
};

static void apply_background (HubApplication *self);

/* The switch in Preferences: hide instead of closing, and start at login
 * (or not). */
static void
background_changed (HubApplication *self)
{
  g_autoptr(GError) error = NULL;

  apply_background (self);
  if (!hub_background_set_autostart (g_settings_get_boolean (self->settings, "run-in-background"), &error))
    g_warning ("%s", error->message);
}

static void
hub_application_startup (GApplication *application)
{
  GtkApplication *gtk_application = GTK_APPLICATION (application);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *search_accels[] = { "<Control>f", NULL };
  const char *help_accels[] = { "<Control>question", NULL };
  const char *prefs_accels[] = { "<Control>comma", NULL };
  const char *refresh_accels[] = { "<Control>r", NULL };
  const char *export_accels[] = { "<Control>e", NULL };
  const char *import_accels[] = { "<Control>o", NULL };

  G_APPLICATION_CLASS (hub_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);

  gtk_application_set_accels_for_action (gtk_application, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (gtk_application, "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (gtk_application, "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (gtk_application, "win.focus-search", search_accels);
  gtk_application_set_accels_for_action (gtk_application, "win.export-chart", export_accels);
  gtk_application_set_accels_for_action (gtk_application, "win.import", import_accels);
  gtk_application_set_accels_for_action (gtk_application, "win.show-help-overlay", help_accels);

  HUB_APPLICATION (application)->settings = hub_settings_new ();
  if (HUB_APPLICATION (application)->settings != NULL)
    g_signal_connect_object (HUB_APPLICATION (application)->settings, "changed::run-in-background",
                             G_CALLBACK (background_changed), application, G_CONNECT_SWAPPED);
}

/* With run-in-background, closing the window hides it and the application
 * stays (held), so that the window's automatic refresh goes on; Quit ends
 * it. */
static void
apply_background (HubApplication *self)
{
  gboolean background = self->settings != NULL &&
                        g_settings_get_boolean (self->settings, "run-in-background");
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (HUB_IS_WINDOW (l->data))
      gtk_window_set_hide_on_close (l->data, background);
  if (background && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!background && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = background;
}

static void
hub_application_activate (GApplication *application)
{
  HubApplication *self = HUB_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  gboolean hidden = self->start_hidden && window == NULL;

  /* Only the first activation of `hubeco --background` starts hidden. */
  self->start_hidden = FALSE;
  if (window == NULL)
    window = GTK_WINDOW (hub_window_new (GTK_APPLICATION (application),
                                         hub_application_get_db_path (self)));
  apply_background (self);
  if (!hidden)
    gtk_window_present (window);
}

static void
hub_application_finalize (GObject *object)
{
  HubApplication *self = HUB_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->db_path);

  G_OBJECT_CLASS (hub_application_parent_class)->finalize (object);
}

static void
hub_application_class_init (HubApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hub_application_finalize;
  app_class->handle_local_options = hub_application_handle_local_options;
  app_class->startup = hub_application_startup;
  app_class->activate = hub_application_activate;
}

static void
hub_application_init (HubApplication *self)
{
  g_autofree char *description = NULL;
  g_autofree char *default_path = hub_store_default_path ();

  description = g_strdup_printf (_("The database to open (default: %s)"), default_path);
  g_application_add_main_option (G_APPLICATION (self), "db", 0, 0, G_OPTION_ARG_FILENAME,
                                 description, _("PATH"));
  g_application_add_main_option (G_APPLICATION (self), "background", 0, 0, G_OPTION_ARG_NONE,
                                 _("Start without showing the window, to keep collecting snapshots "
                                   "(with “Keep collecting in the background” on)"), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Opens the HubEco window; subcommands such as "
                                              "“hubeco list” run without one."));
}

/**
 * hub_application_new:
 *
 * Returns: (transfer full): the application.
 */
HubApplication *
hub_application_new (void)
{
  return g_object_new (HUB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/example/HubEco",
                       NULL);
}

/**
 * hub_application_get_db_path:
 * @self: the application
 *
 * Returns: the store path the windows open.
 */
const char *
hub_application_get_db_path (HubApplication *self)
{
  g_return_val_if_fail (HUB_IS_APPLICATION (self), NULL);

  if (self->db_path == NULL)
    self->db_path = hub_store_default_path ();
  return self->db_path;
}
