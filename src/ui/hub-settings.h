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

/* Binds a string @key of @settings to the "selected" position of
 * @dropdown (a GtkDropDown), whose items stand in the order of @names
 * (NULL-terminated, static): the setting keeps the name, not the
 * position. */
void       hub_settings_bind_choice (GSettings          *settings,
                                     const char         *key,
                                     GObject            *dropdown,
                                     const char * const *names);

G_END_DECLS
