/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-dataset.h"

G_BEGIN_DECLS

#define HUB_TYPE_WINDOW (hub_window_get_type ())
G_DECLARE_FINAL_TYPE (HubWindow, hub_window, HUB, WINDOW, AdwApplicationWindow)

/**
 * HubWindow:
 * The main window: a header bar with a view switcher over one page per
 * view. It loads the dataset from "db-path" on a worker thread and hands
 * it to every page through the page's "dataset" property.
 */
GtkWidget         *hub_window_new         (GtkApplication *application,
                                           const char     *db_path);
const char        *hub_window_get_db_path (HubWindow      *self);
/* (nullable): NULL until the dataset is loaded. */
HubDataset        *hub_window_get_dataset (HubWindow      *self);
/* Replaces the dataset (e.g. after a sync wrote new data); pages follow. */
void               hub_window_set_dataset (HubWindow      *self,
                                           HubDataset     *dataset);
/* Loads the dataset again from the store. */
void               hub_window_reload      (HubWindow      *self);

/**
 * hub_window_add_page:
 * Adds a view: its switcher button, Ctrl+<its position> to show it, and,
 * when @page has "dataset" and "db-path" properties, bindings that give it
 * the window's. Returns the stack page.
 */
AdwViewStackPage  *hub_window_add_page    (HubWindow      *self,
                                           GtkWidget      *page,
                                           const char     *name,
                                           const char     *title,
                                           const char     *icon_name);
/* The page added as @name, NULL when none. */
GtkWidget         *hub_window_get_page    (HubWindow      *self,
                                           const char     *name);
void               hub_window_show_page   (HubWindow      *self,
                                           const char     *name);
/* "loading", "error" or "main". */
const char        *hub_window_get_state   (HubWindow      *self);

void         hub_window_add_toast      (HubWindow  *self,
                                        AdwToast   *toast);
const char  *hub_window_get_last_toast (HubWindow  *self);

G_END_DECLS
