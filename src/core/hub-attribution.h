/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * hub_attribution_compute_roots:
 * @first_parent: per model, the index of its first documented parent, or -1
 *   when it has none or the parent is missing from the data
 * @n_models: number of models
 * @out_roots: (out caller-allocates): @n_models entries
 *
 * The root of every model, for attribution=root: follow the first parent
 * until a model without a known parent, and credit that model. A first
 * parent index outside 0..@n_models-1 counts as missing. When the path runs
 * into a cycle, it stops at the cycle: every model of the cycle, and every
 * model whose path leads into it, gets the same root, the member of the
 * cycle with the smallest index (so the answer does not depend on where the
 * walk starts). O(n) time, one pass with memoisation; no recursion.
 */
void hub_attribution_compute_roots (const gint32 *first_parent,
                                    guint         n_models,
                                    guint32      *out_roots);

G_END_DECLS
