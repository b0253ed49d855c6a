/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-dataset.h"
#include "hub-observations.h"

G_BEGIN_DECLS

/**
 * HubPanel:
 * Who a series observes, group by group. Its members are authors (Hub
 * accounts): a crawl of chosen accounts adds accounts over time, and a top
 * list's accounts come and go. Per group g: @models[g] rows, @authors[g]
 * distinct authors, @joined[g] authors seen for the first time (0 for the
 * first group). @constant[a] is TRUE for a dataset author seen in every
 * group (@n_constant of them); @n_members authors are seen in any group.
 */
typedef struct _HubPanel HubPanel;
struct _HubPanel {
  guint    n_groups;
  guint   *models;
  guint   *authors;
  guint   *joined;
  guint    n_members;
  guint    n_constant;
  guint8  *constant;    /* per dataset author */
  guint    n_authors;
};

HubPanel *hub_panel_new  (HubDataset            *dataset,
                          const HubObservations *observations);
void      hub_panel_free (HubPanel              *panel);

/* The panel of @observations (whose models index @dataset), built on first
 * use and kept with them; safe from several threads. */
const HubPanel *hub_observations_get_panel (HubObservations *observations,
                                            HubDataset      *dataset);

/* Whether the series' membership changes: some group after the first has
 * authors that earlier groups did not. */
gboolean  hub_panel_grows (const HubPanel *panel);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubPanel, hub_panel_free)

G_END_DECLS
