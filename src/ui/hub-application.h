/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HUB_TYPE_APPLICATION (hub_application_get_type ())
G_DECLARE_FINAL_TYPE (HubApplication, hub_application, HUB, APPLICATION, AdwApplication)

HubApplication *hub_application_new         (void);
/* The store the windows open: --db PATH, else hub_store_default_path(). */
const char     *hub_application_get_db_path (HubApplication *self);

G_END_DECLS
