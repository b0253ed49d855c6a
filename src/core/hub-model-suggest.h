/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-dataset.h"

G_BEGIN_DECLS

/**
 * hub_model_suggest:
 * @dataset: the models to look in
 * @query: an id that may be misspelt
 * @max_results: how many ids to return at most
 *
 * The ids of @dataset closest to @query, for "no model named ..." messages:
 * ranked by case-insensitive edit distance (to the whole id, or to the name
 * after the owner plus one), then by the length of the common prefix, then
 * by id. Ids farther than about a third of @query's length are left out.
 * The ids nearest the query's length are measured first (an index of
 * the ids by length, built once per dataset), so the bound tightens early,
 * and a bound from letter counts skips most of the rest.
 *
 * Returns: (transfer full) (element-type utf8): ids owned by @dataset
 */
GPtrArray *hub_model_suggest (HubDataset *dataset,
                              const char *query,
                              guint       max_results);

/**
 * hub_model_complete:
 * @text: what a person typed (2 characters or more)
 * @max_results: how many models to return at most
 *
 * The models whose id starts with @text (the whole id, or the name after
 * the owner), then those whose id contains it, ignoring ASCII case, each
 * group most downloaded first: the suggestions of a model search box. One
 * pass over the ids.
 *
 * Returns: (transfer full) (element-type guint32): model indices
 */
GArray    *hub_model_complete (HubDataset *dataset,
                               const char *text,
                               guint       max_results);

G_END_DECLS
