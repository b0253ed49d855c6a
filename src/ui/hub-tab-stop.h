/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HUB_TYPE_TAB_STOP (hub_tab_stop_get_type ())
G_DECLARE_FINAL_TYPE (HubTabStop, hub_tab_stop, HUB, TAB_STOP, AdwBin)

/**
 * HubTabStop:
 * A bin around a long list that Tab enters once and leaves at once: GTK
 * 4.8's list and column views move Tab from row to row, so a keyboard user
 * would press it once per model (25,000 times on the Trending list) to get
 * past. Inside, the arrow keys move between rows as before; Tab and
 * Shift+Tab go to the widgets after and before the list (issue 26).
 */
GtkWidget *hub_tab_stop_new (void);

G_END_DECLS
