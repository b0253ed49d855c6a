/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HUB_TYPE_REFRESH_DIALOG (hub_refresh_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HubRefreshDialog, hub_refresh_dialog, HUB, REFRESH_DIALOG, AdwMessageDialog)

/**
 * HubRefreshDialog:
 * Asks what to refresh from the Hub: a scope (trending, most downloaded or
 * most liked top N, an author, a task, the children of a model, the whole
 * catalogue), N for the top scopes, and the author / task / model id for
 * the others. Its responses are "cancel" and "refresh"; "refresh" is
 * enabled only while the choice makes a valid scope.
 */
GtkWidget  *hub_refresh_dialog_new        (GtkWindow        *parent);

/* Selects @scope ("trending", "author:NAME", ...); an invalid scope selects
 * trending. */
void        hub_refresh_dialog_set_scope  (HubRefreshDialog *self,
                                           const char       *scope);
/* (transfer full) (nullable): the chosen scope, NULL while it is not valid
 * (e.g. the author entry is empty). */
char       *hub_refresh_dialog_dup_scope  (HubRefreshDialog *self);

/* N for the top scopes (0: the sync's default). */
void        hub_refresh_dialog_set_limit  (HubRefreshDialog *self,
                                           guint             limit);
/* N for a top scope; 0 (no limit) for the other scopes. */
guint       hub_refresh_dialog_get_limit  (HubRefreshDialog *self);

G_END_DECLS
