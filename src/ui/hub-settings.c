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
