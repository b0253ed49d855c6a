/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-query.h"
#include "hub-share.h"

G_BEGIN_DECLS

/**
 * HubSensitivityVary:
 * The counting choices a sensitivity grid varies (flags):
 * @HUB_SENSITIVITY_VARY_ATTRIBUTION: self and root attribution
 * @HUB_SENSITIVITY_VARY_WINDOW: no window, 6 months and 1 year (and the
 *   query's own window when it is another)
 * @HUB_SENSITIVITY_VARY_EXCLUDE: every model, and without the kinds the
 *   query excludes (the ATOM project's GGUF, MLX and embedding models when
 *   it excludes none)
 */
typedef enum {
  HUB_SENSITIVITY_VARY_ATTRIBUTION = 1 << 0,
  HUB_SENSITIVITY_VARY_WINDOW      = 1 << 1,
  HUB_SENSITIVITY_VARY_EXCLUDE     = 1 << 2,
} HubSensitivityVary;

/* The most panels a grid has: more choices are refused. */
#define HUB_SENSITIVITY_MAX_METHODS 6
/* The headline's top shares. */
#define HUB_SENSITIVITY_TOP 3
/* What exclude= varies to when the query excludes nothing (ATOM's). */
#define HUB_SENSITIVITY_ATOM_EXCLUDE (HUB_MODEL_KIND_GGUF | HUB_MODEL_KIND_MLX | HUB_MODEL_KIND_EMBEDDINGS)

/* "attribution,window,exclude" (any order, comma-separated) to flags;
 * FALSE with @error naming the bad part. */
gboolean hub_sensitivity_vary_from_string (const char  *text,
                                           guint       *out_vary,
                                           GError     **error);
char    *hub_sensitivity_vary_to_string   (guint        vary);

/**
 * HubSensitivityMethod:
 * One counting choice: its @query (the asked query with the varied
 * options set), a @label naming the choices ("root attribution, 1-year
 * window"), its share @result, and the headline figures of its latest
 * period: the @top shares and their names (largest first, at most
 * %HUB_SENSITIVITY_TOP; Other and Unknown are not participants), HHI,
 * Gini, the leader (@top_names[0]; NULL when nothing was counted).
 */
typedef struct {
  HubQuery        query;
  char           *label;
  HubShareResult *result;
  guint           n_top;
  char           *top_names[HUB_SENSITIVITY_TOP];
  double          top_shares[HUB_SENSITIVITY_TOP];
  double          hhi;
  double          gini;
  gboolean        empty;
} HubSensitivityMethod;

/**
 * HubSensitivityResult:
 * The grid: @methods[0] is the query as asked (the baseline), the others
 * each other combination of the varied choices, in a fixed order.
 * The largest change: the category among the baseline's top columns
 * whose latest share moves most under another method (@change_category,
 * from @change_from in the baseline to @change_to under
 * @methods[@change_method]); @change_category is NULL when no method
 * moves any. Reference-counted and immutable.
 */
typedef struct {
  gatomicrefcount       ref_count;
  guint                 vary;
  guint                 n_methods;
  HubSensitivityMethod  methods[HUB_SENSITIVITY_MAX_METHODS];
  char                 *series;
  char                 *change_category;
  guint                 change_method;
  double                change_from;
  double                change_to;
} HubSensitivityResult;

HubSensitivityResult *hub_sensitivity_result_ref   (HubSensitivityResult *result);
void                  hub_sensitivity_result_unref (HubSensitivityResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubSensitivityResult, hub_sensitivity_result_unref)

/**
 * hub_sensitivity_methods:
 * @out_queries: (out caller-allocates) (array fixed-size=6): each method's
 *   query (clear each with hub_query_clear())
 * @out_labels: (out caller-allocates) (array fixed-size=6): their labels
 *   (g_free() each)
 *
 * The grid of @query varied by @vary, the query itself first. Returns the
 * number of methods, or 0 with @error when @vary would make more than
 * %HUB_SENSITIVITY_MAX_METHODS or is empty.
 */
guint    hub_sensitivity_methods (const HubQuery  *query,
                                  guint            vary,
                                  HubQuery        *out_queries,
                                  char           **out_labels,
                                  GError         **error);

/**
 * hub_sensitivity_compute:
 * @query's share result under each method of @vary
 * (hub_sensitivity_methods()) over @observations (the query's series and
 * measure: the methods differ in attribution, window and left-out kinds
 * only), with each one's headline and the largest change. NULL with
 * @error as hub_share_run(), or for too many methods.
 */
HubSensitivityResult *hub_sensitivity_compute (HubDataset            *dataset,
                                               const HubObservations *observations,
                                               const HubQuery        *query,
                                               guint                  vary,
                                               GCancellable          *cancellable,
                                               GError               **error);

/* "With root attribution, the share of United States falls from 34.0 %
 * to 21.0 %." or NULL when nothing moves. (transfer full) */
char    *hub_sensitivity_change_text   (const HubSensitivityResult *result);

G_END_DECLS
