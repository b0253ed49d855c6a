/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-background.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#define PORTAL_BUS_NAME  "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define PORTAL_INTERFACE "org.freedesktop.portal.Background"

char *
hub_background_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

static void
portal_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL)
    g_warning ("The Background portal did not answer: %s", error->message);
}

static void
ask_portal (gboolean enable)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *token = g_strdup_printf ("hubeco%u", g_random_int ());
  GVariantBuilder options;
  const char *commandline[] = { "hubeco", "--background", NULL };

  if (bus == NULL)
    return;
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Keep collecting Hub snapshots on the schedule you chose")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enable));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (bus, PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_INTERFACE, "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, portal_done, NULL);
}

gboolean
hub_background_set_autostart (gboolean   enable,
                              GError   **error)
{
  g_autofree char *path = hub_background_autostart_path ();

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      ask_portal (enable);
      return TRUE;
    }

  if (!enable)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not remove %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *contents = g_strdup_printf ("[Desktop Entry]\n"
                                                 "Type=Application\n"
                                                 "Name=HubEco\n"
                                                 "Comment=%s\n"
                                                 "Exec=hubeco --background\n"
                                                 "Icon=" APP_ID "\n"
                                                 "NoDisplay=true\n"
                                                 "X-GNOME-Autostart-enabled=true\n",
                                                 _("Keep collecting Hub snapshots"));

    if (g_mkdir_with_parents (dir, 0700) != 0)
      {
        int saved = errno;

        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     _("Could not create %s: %s"), dir, g_strerror (saved));
        return FALSE;
      }
    return g_file_set_contents (path, contents, -1, error);
  }
}
