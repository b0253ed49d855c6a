/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-settings.h"

/**
 * hub_settings_new:
 *
 * Returns: (transfer full) (nullable): the app's settings, or %NULL when
 *   the schema is missing.
 */
GSettings *
hub_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s not installed; settings are not remembered", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

void
hub_settings_configure_client (GSettings *settings,
                               HubClient *client)
{
  g_autofree char *endpoint = NULL;

  if (settings != NULL)
    {
      endpoint = g_settings_get_string (settings, "endpoint");
      hub_client_set_deadline (client, g_settings_get_uint (settings, "request-timeout"));
    }
  hub_client_set_base_uri (client, endpoint);
}

/* A dropdown's position <-> its name in a setting; @data: the names. */
static gboolean
name_from_setting (GValue   *value,
                   GVariant *variant,
                   gpointer  data)
{
  const char * const *names = data;
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
name_to_setting (const GValue       *value,
                 const GVariantType *type,
                 gpointer            data)
{
  const char * const *names = data;
  guint position = g_value_get_uint (value);

  return position < g_strv_length ((GStrv) names) ? g_variant_new_string (names[position]) : NULL;
}

void
hub_settings_bind_choice (GSettings          *settings,
                          const char         *key,
                          GObject            *dropdown,
                          const char * const *names)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (names != NULL);

  g_settings_bind_with_mapping (settings, key, dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                name_from_setting, name_to_setting, (gpointer) names, NULL);
}
