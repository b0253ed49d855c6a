/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-client.h"

G_BEGIN_DECLS

#define HUB_TYPE_REFRESH_BAR (hub_refresh_bar_get_type ())
G_DECLARE_FINAL_TYPE (HubRefreshBar, hub_refresh_bar, HUB, REFRESH_BAR, AdwBin)

/**
 * HubRefreshBar:
 * Refreshes the window's store from the Hub and shows how it goes: a strip
 * (revealed while a refresh runs) with the pages fetched, the models
 * stored, the requests left in the rate-limit window and a Cancel button.
 *
 * A refresh runs a #HubSync on a worker thread with its own store
 * connection to the window's "db-path". When it ends the window reloads
 * its dataset and a toast on `toast-overlay` says what happened
 * ("1,000 models refreshed, 37 new", or the reason it failed in plain
 * words; being offline is said once, and the stored data stays).
 *
 * The bar also runs the automatic refresh (GSettings `refresh-interval`,
 * minutes, 0 = off) with the `default-scope`, due `refresh-interval` after
 * `last-refresh` (set when a refresh stores a snapshot), across restarts.
 *
 * Properties: `toast-overlay`, `running` (read-only).
 * Signals: `finished (gboolean success)` after each refresh.
 */
GtkWidget   *hub_refresh_bar_new                (void);

/**
 * hub_refresh_bar_start:
 * @scope: a sync scope (see hub_sync_scope_validate())
 * @limit: N for a top scope, 0 for the scope's default
 *
 * Returns: %FALSE (and does nothing) when a refresh is already running or
 *   the bar is not in a #HubWindow.
 */
gboolean     hub_refresh_bar_start              (HubRefreshBar *self,
                                                 const char    *scope,
                                                 guint          limit);
void         hub_refresh_bar_cancel             (HubRefreshBar *self);
gboolean     hub_refresh_bar_get_running        (HubRefreshBar *self);

/* Opens the scope chooser (HubRefreshDialog) with the default scope; its
 * Refresh response starts a refresh. Returns the dialog (transfer none). */
GtkWidget   *hub_refresh_bar_present_dialog     (HubRefreshBar *self);

/* The client every refresh of this bar uses (it keeps the rate-limit
 * figures between refreshes); its base-uri and token are set from the
 * preferences at each start. */
HubClient   *hub_refresh_bar_get_client         (HubRefreshBar *self);

/* The text of the last toast the bar showed, or NULL. */
const char  *hub_refresh_bar_get_last_message   (HubRefreshBar *self);
/* The progress line shown now ("Page 3 · 600 models stored · ..."). */
const char  *hub_refresh_bar_get_progress_text  (HubRefreshBar *self);

/* When the next automatic refresh is due (Unix seconds): `refresh-interval`
 * after `last-refresh`, now when there was none, 0 when it is off. */
gint64       hub_refresh_next_time              (GSettings     *settings);

/* A sentence for a failed refresh, in plain words, never naming a token. */
char        *hub_refresh_describe_error         (const GError  *error);

G_END_DECLS
