/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hub-share.h"

G_BEGIN_DECLS

#define HUB_TYPE_CONCENTRATION_PANEL (hub_concentration_panel_get_type ())
G_DECLARE_FINAL_TYPE (HubConcentrationPanel, hub_concentration_panel, HUB, CONCENTRATION_PANEL, GtkBox)

/**
 * HubConcentrationPanel:
 * The Share view's concentration explorer for one period: HHI (and 1/HHI,
 * as many equal participants), Gini and the 10 largest with their 90 %
 * intervals when the result holds a bootstrap, the Lorenz curve, and how
 * few participants make up 50, 80, 90 and 99 % of the downloads, by name.
 * Its "k90" property says what the concentration chart over time draws
 * (k(90 %) instead of HHI, Gini and the top-10 share) and "intervals"
 * whether the figure should carry a bootstrap: the page binds both to
 * its settings and recomputes or redraws when they change.
 */
GtkWidget *hub_concentration_panel_new        (void);

/* Shows @period of @result (its participants kept: HubShareExtras.detail;
 * none shows the empty state), named @period_name; @result must stay
 * alive until the next call (the panel holds @owner, released with
 * @owner_release then). */
void       hub_concentration_panel_set_result (HubConcentrationPanel *self,
                                               const HubShareResult  *result,
                                               guint                  period,
                                               const char            *period_name,
                                               gpointer               owner,
                                               GDestroyNotify         owner_release);

/* The Lorenz curve beside the figures, or above them when @narrow. */
void       hub_concentration_panel_set_narrow (HubConcentrationPanel *self,
                                               gboolean               narrow);

/* The figures and the k (X %) lines as shown, without markup. (transfer full) */
char      *hub_concentration_panel_dup_text   (HubConcentrationPanel *self);

gboolean   hub_concentration_panel_get_k90       (HubConcentrationPanel *self);
gboolean   hub_concentration_panel_get_intervals (HubConcentrationPanel *self);

G_END_DECLS
