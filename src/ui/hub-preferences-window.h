/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HUB_TYPE_PREFERENCES_WINDOW (hub_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (HubPreferencesWindow, hub_preferences_window, HUB, PREFERENCES_WINDOW, AdwPreferencesWindow)

/**
 * HubPreferencesWindow:
 * The preferences: Hub endpoint and access token, automatic refresh
 * interval and default scope, default view, chart palette, and whether
 * estimated sizes count. Every row writes the app's GSettings at once;
 * the token goes to the keyring (libsecret) when HubEco is built with it,
 * and is otherwise only read from $HF_TOKEN.
 */
GtkWidget *hub_preferences_window_new (GtkWindow *parent);

/* Whether this build can keep a token in the keyring. */
gboolean   hub_preferences_has_keyring (void);

/**
 * hub_preferences_lookup_token_async:
 * Finds the token to send: the one kept in the keyring (when the settings
 * say one was saved), else $HF_TOKEN, else none. Never logs it.
 */
void       hub_preferences_lookup_token_async  (GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* (transfer full) (nullable): the token; free with
 * hub_preferences_token_free(), which clears the memory first. */
char      *hub_preferences_lookup_token_finish (GAsyncResult        *result,
                                                GError             **error);
void       hub_preferences_token_free          (char                *token);

G_END_DECLS
