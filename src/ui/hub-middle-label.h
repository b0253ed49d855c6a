/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HUB_TYPE_MIDDLE_LABEL (hub_middle_label_get_type ())
G_DECLARE_FINAL_TYPE (HubMiddleLabel, hub_middle_label, HUB, MIDDLE_LABEL, GtkWidget)

/**
 * HubMiddleLabel:
 * One line of text that, too wide, keeps its start and its end around a
 * "…" (model ids: the author and the suffix). Pango 1.50.12's middle
 * ellipsization leaves a gap after the ellipsis at some widths ("Qwen3.8-…
 * gressive"; pango-view shows it too, on plain ASCII ids); this label cuts
 * the text itself at character boundaries and draws it unellipsized.
 */
GtkWidget  *hub_middle_label_new           (void);
void        hub_middle_label_set_text      (HubMiddleLabel *self,
                                            const char     *text);
const char *hub_middle_label_get_text      (HubMiddleLabel *self);
/* The text shown in @width px (the whole text when it fits). */
char       *hub_middle_label_fit           (HubMiddleLabel *self,
                                            int             width);
/* Whether the text shown at the current width is cut. */
gboolean    hub_middle_label_is_ellipsized (HubMiddleLabel *self);

G_END_DECLS
