/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The narrowest width a page must fit in its narrow layout (issue 8: the
 * window works down to 360 px, a phone's width). */
#define HUB_ADAPTIVE_BIN_NARROWEST 360

#define HUB_TYPE_ADAPTIVE_BIN (hub_adaptive_bin_get_type ())
G_DECLARE_FINAL_TYPE (HubAdaptiveBin, hub_adaptive_bin, HUB, ADAPTIVE_BIN, AdwBin)

/**
 * HubAdaptiveBin:
 * The child of each of the window's pages: a bin that tells the page when
 * to switch between its wide and narrow layouts from the width it is
 * allocated (libadwaita 1.2 has no AdwBreakpoint).
 *
 * Its minimum width is its child's, but never more than
 * %HUB_ADAPTIVE_BIN_NARROWEST while the wide layout is shown: the window's
 * view stack measures every page, hidden ones too, so no page may hold the
 * window wider than 360 px because of the layout it happens to be in.
 * Allocated less than its child's minimum, the bin gives the child its
 * minimum (clipped, never below it) and turns narrow right after.
 *
 * It turns narrow below `narrow-width` (or when the narrow func says so)
 * and whenever the wide layout does not fit, and wide again once the wide
 * layout's last minimum fits too (no flipping back and forth). The change
 * happens in an idle after the allocation (widgets cannot change during
 * one): the page applies its layout on `notify::narrow`.
 *
 * Properties: `narrow-width` (px), `narrow` (read-only).
 */

/**
 * HubAdaptiveNarrowFunc:
 * @bin: the bin, just allocated @width (its child is laid out)
 *
 * Returns: whether @width asks for the narrow layout (asked only while the
 *   wide layout fits)
 */
typedef gboolean (*HubAdaptiveNarrowFunc) (HubAdaptiveBin *bin,
                                           int             width,
                                           gpointer        user_data);

GtkWidget *hub_adaptive_bin_new              (void);
void       hub_adaptive_bin_set_narrow_width (HubAdaptiveBin        *self,
                                              int                    narrow_width);
int        hub_adaptive_bin_get_narrow_width (HubAdaptiveBin        *self);
/* Replaces the `narrow-width` test (NULL: back to it). */
void       hub_adaptive_bin_set_narrow_func  (HubAdaptiveBin        *self,
                                              HubAdaptiveNarrowFunc  func,
                                              gpointer               user_data);
gboolean   hub_adaptive_bin_get_narrow       (HubAdaptiveBin        *self);
/* Decides the layout again after the next allocation (the narrow func's
 * criterion changed). */
void       hub_adaptive_bin_update           (HubAdaptiveBin        *self);

G_END_DECLS
