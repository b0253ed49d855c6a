/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-model-entry.h"

G_BEGIN_DECLS

/* The parser's reading of a count (a whole number in 0..2^53), for fields
 * that travel next to an entry (rank, numParameters). NULL or missing gives
 * HUB_COUNT_NONE; anything else invalid adds "field '@field': reason" to
 * @warnings and gives HUB_COUNT_NONE. */
gint64 hub_model_entry_count_from_json (JsonNode   *node,
                                        const char *field,
                                        GPtrArray  *warnings);

G_END_DECLS
