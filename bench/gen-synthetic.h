/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * HubSynthetic:
 * A deterministic full-Hub-scale dataset for the share benchmark, as plain
 * columns (see bench/README.md for its shape).
 */
typedef struct {
  guint     n_models;
  guint     n_authors;
  guint     n_countries;
  guint     n_weeks;
  /* Per model. */
  guint32  *author;
  gint64   *created_at;
  gint32   *first_parent;
  guint8   *relation;        /* 0 none, 1..4 finetune, adapter, quantized, merge */
  guint8   *depth;
  /* Per author. */
  guint32  *country;         /* n_countries = unknown */
  guint8   *org_type;
  /* Weekly observations: week w holds rows [offsets[w], offsets[w + 1]). */
  gint64   *week_time;
  guint64  *offsets;
  guint32  *model;
  guint32  *value;
} HubSynthetic;

HubSynthetic *hub_synthetic_generate (guint n_models,
                                      guint n_weeks,
                                      guint64 seed);
void          hub_synthetic_free     (HubSynthetic *self);

G_END_DECLS
