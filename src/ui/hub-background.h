/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Starting at login to keep collecting snapshots (GSettings
 * `run-in-background`). In the Flatpak the Background portal is asked
 * (RequestBackground with autostart and the command `hubeco --background`);
 * elsewhere an autostart entry is written to (or removed from)
 * $XDG_CONFIG_HOME/autostart.
 */

/* The autostart entry's path outside the Flatpak. */
char     *hub_background_autostart_path (void);

/**
 * hub_background_set_autostart:
 * @enable: start at login (TRUE) or not
 *
 * Asks the portal or writes the entry. FALSE with @error when the entry
 * cannot be written; the portal's answer arrives later and is only logged
 * (the user decides there).
 */
gboolean  hub_background_set_autostart  (gboolean   enable,
                                         GError   **error);

G_END_DECLS
