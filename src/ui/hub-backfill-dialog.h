/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-window.h"

G_BEGIN_DECLS

#define HUB_TYPE_BACKFILL_DIALOG (hub_backfill_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HubBackfillDialog, hub_backfill_dialog, HUB, BACKFILL_DIALOG, AdwWindow)

/**
 * HubBackfillDialog:
 * Backfills the window's database from the hub-stats dataset's revisions
 * (hub-backfill.h): the first day and the spacing to choose, then the plan
 * (revisions, download size, disk needed), the progress of each revision,
 * Pause / Resume (a stopped backfill goes on where it left off) and Close.
 * The window reloads its data when snapshots were added. The endpoint
 * comes from @settings, the token from the keyring as for a refresh.
 */
GtkWidget *hub_backfill_dialog_new         (HubWindow         *window,
                                            GSettings         *settings);
gboolean   hub_backfill_dialog_get_running (HubBackfillDialog *self);

G_END_DECLS
