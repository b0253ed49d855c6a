/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-query.h"

G_BEGIN_DECLS

/* Points drawn at most: the most downloaded (the medians count every model). */
#define HUB_ATTENTION_MAX_POINTS 20000

/**
 * HubAttentionMeasure:
 * What a model's attention is: its likes, or its trending score, as last
 * observed.
 */
typedef enum {
  HUB_ATTENTION_LIKES = 0,
  HUB_ATTENTION_TRENDING,
  HUB_N_ATTENTION_MEASURES
} HubAttentionMeasure;

/* "likes", "trending". */
const char *hub_attention_measure_to_string   (HubAttentionMeasure  measure);
gboolean    hub_attention_measure_from_string (const char          *str,
                                               HubAttentionMeasure *out);
/* "Likes", "Trending score" (translated). */
const char *hub_attention_measure_label       (HubAttentionMeasure  measure);

/**
 * HubAttentionQuadrant:
 * Where a model sits against the two medians; on a line counts above it.
 */
typedef enum {
  HUB_ATTENTION_POPULAR = 0,    /* used and talked about */
  HUB_ATTENTION_TALKED,         /* talked about, less used */
  HUB_ATTENTION_QUIET,          /* used quietly */
  HUB_ATTENTION_NEITHER,
  HUB_N_ATTENTION_QUADRANTS
} HubAttentionQuadrant;

/* "popular", "talked-about", "quiet", "neither". */
const char *hub_attention_quadrant_to_string (HubAttentionQuadrant quadrant);
/* "Used and talked about", ... (translated). */
const char *hub_attention_quadrant_label     (HubAttentionQuadrant quadrant);

typedef struct {
  guint32              model;
  double               adoption;    /* 30-day downloads */
  double               attention;   /* likes or trending score */
  double               age_days;    /* before the newest model's release; NAN unknown */
  HubAttentionQuadrant quadrant;
} HubAttentionPoint;

/**
 * HubAttentionResult:
 * Every model passing the query's filters with 30-day downloads and
 * attention above zero (both axes are logarithmic; @n_zero were left out
 * for a zero or unknown value); the medians and the quadrant counts over
 * all of them; @points the @max_points most downloaded, most downloaded
 * first. Ages count back from @reference, the newest release in the data.
 */
typedef struct {
  HubAttentionMeasure measure;
  GArray             *points;      /* HubAttentionPoint */
  guint               n_models;
  guint               n_zero;
  double              adoption_median;
  double              attention_median;
  guint               counts[HUB_N_ATTENTION_QUADRANTS];
  gint64              reference;
  HubDataset         *dataset;
} HubAttentionResult;

/* Results are reference-counted and immutable: a view keeps the last one
 * and hands it to the next figure when its filter and measure are the
 * same. */
HubAttentionResult *hub_attention_result_ref   (HubAttentionResult *result);
void                hub_attention_result_unref (HubAttentionResult *result);

HubAttentionResult *hub_attention_compute     (HubDataset          *dataset,
                                               const HubQuery      *query,
                                               HubAttentionMeasure  measure,
                                               guint                max_points,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* The point of @model in @result, or -1. */
gint                hub_attention_find        (const HubAttentionResult *result,
                                               guint32                   model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubAttentionResult, hub_attention_result_unref)

G_END_DECLS
