/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gen-synthetic.h"
#include "hub-dataset.h"

G_BEGIN_DECLS

/* Replaces the lineage and authors of @self (made by
 * hub_dataset_new_synthetic()) with those of @syn (gen-synthetic.c: first
 * parents only); each merge also gets a second parent, an earlier model
 * picked by a hash, so that merges join two families. The reverse index is
 * rebuilt as the dataset's loader builds it. */
void hub_synthetic_rewire_lineage (HubDataset         *self,
                                   const HubSynthetic *syn);

G_END_DECLS
