/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-client.h"

G_BEGIN_DECLS

/* The app's GSettings (org.example.HubEco), or NULL when the schema is not
 * installed (an uninstalled build run without GSETTINGS_SCHEMA_DIR): the
 * app then works with defaults instead of aborting. Returns a new ref. */
GSettings *hub_settings_new (void);

/* Points @client at the endpoint of @settings (empty: HF_ENDPOINT or the
 * Hub) and gives it the request time limit; @settings may be NULL. */
void       hub_settings_configure_client (GSettings *settings,
                                          HubClient *client);

G_END_DECLS
