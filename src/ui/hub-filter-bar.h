/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hub-dataset.h"
#include "hub-list-query.h"

G_BEGIN_DECLS

#define HUB_TYPE_FILTER_BAR (hub_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (HubFilterBar, hub_filter_bar, HUB, FILTER_BAR, GtkBox)

/**
 * HubFilterBar:
 * The filters every analytics page shares: task, library, country,
 * organization type and relation dropdowns, an optional parameter-count
 * (size) dropdown, and a Reset button. Emits "changed" when the choice
 * changes (once for a reset). A GtkOrientable box: vertical when it sits in
 * a popover.
 * Properties: "show-size" (the size dropdown, hidden by default),
 * "n-active" (how many filters are set, read-only).
 */
GtkWidget   *hub_filter_bar_new         (void);
/* Rebuilds the choices from @dataset, keeping the chosen ones that exist. */
void         hub_filter_bar_set_dataset (HubFilterBar *self,
                                         HubDataset   *dataset);
/* Fills @query's task, library, country, org_type and relation, and
 * min_params/max_params when the size dropdown is shown (the rest is left
 * alone). */
void         hub_filter_bar_apply       (HubFilterBar *self,
                                         HubListQuery *query);
void         hub_filter_bar_reset       (HubFilterBar *self);

typedef enum {
  HUB_FILTER_TASK = 0,
  HUB_FILTER_LIBRARY,
  HUB_FILTER_COUNTRY,
  HUB_FILTER_ORG_TYPE,
  HUB_FILTER_RELATION,
  HUB_FILTER_SIZE,
  HUB_N_FILTERS
} HubFilter;

/* (transfer none): the dropdown of @filter (item 0 is "any"). */
GtkDropDown *hub_filter_bar_get_dropdown (HubFilterBar *self,
                                          HubFilter     filter);
/* Selects the item of @filter whose id is @id (NULL: any); FALSE when
 * there is none. Relation ids: "base", "finetune", "adapter", "quantized",
 * "merge". Size ids: "under-1b", "1b-10b", "10b-100b", "over-100b". */
gboolean     hub_filter_bar_select      (HubFilterBar *self,
                                         HubFilter     filter,
                                         const char   *id);
/* Shows or hides the size dropdown (hiding it sets it to any). */
void         hub_filter_bar_set_show_size (HubFilterBar *self,
                                           gboolean      show_size);
gboolean     hub_filter_bar_get_show_size (HubFilterBar *self);
/* How many filters are set (not "any"). */
guint        hub_filter_bar_get_n_active (HubFilterBar *self);

G_END_DECLS
