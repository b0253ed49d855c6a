/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-query.h"
#include "hub-store.h"

G_BEGIN_DECLS

/**
 * HubAttribute:
 * The attributes whose share of downloads `hubeco attributes` follows.
 * License, gated, modality (task → taxonomy), library and relation come
 * from the model record; quantization, mixture of experts and architecture
 * from the model's tags (see hub_attribute_classify_tag()).
 */
typedef enum {
  HUB_ATTRIBUTE_LICENSE = 0,
  HUB_ATTRIBUTE_GATED,
  HUB_ATTRIBUTE_MODALITY,
  HUB_ATTRIBUTE_LIBRARY,
  HUB_ATTRIBUTE_RELATION,
  HUB_ATTRIBUTE_QUANTIZATION,
  HUB_ATTRIBUTE_MOE,
  HUB_ATTRIBUTE_ARCHITECTURE,
  HUB_N_ATTRIBUTES
} HubAttribute;

const char *hub_attribute_to_string (HubAttribute attribute);

/* Values of the tag-derived attributes; 0 = none of them. */
const char *hub_attribute_quantization_name (guint8 quantization);
const char *hub_attribute_architecture_name (guint8 architecture);
/* The architecture family a model type names ("qwen2", "llama", "bert"),
 * 0 ("none") for a type no family knows. */
guint8      hub_attribute_architecture_of   (const char *model_type);

/**
 * hub_attribute_classify_tag:
 * Folds one tag into a model's tag-derived attributes:
 *  - quantization, the first in this order among the model's tags: gguf;
 *    gptq; awq; exl2/exl3 ("exl"); bitsandbytes; fp8/nvfp4/mxfp4 ("fp8-fp4");
 *    compressed-tensors; mlx with a bit-width tag ("mlx"); a bit-width tag
 *    alone, like 4-bit, 8bit, 1.58bit ("other-bits"); else none;
 *  - mixture of experts: a tag holding "moe" (any case), or mixtral, dbrx,
 *    jamba, arctic, gpt_oss/gpt-oss, deepseek_v2/v3/v4, llama4;
 *  - architecture, the first family found: llama (llama, llama4, mllama),
 *    qwen (qwen2, qwen3, qwen3_5, ... any "qwen<digit>..." type), gemma
 *    ("gemma..."), mistral (mistral, mixtral, ministral, mistral3), phi
 *    (phi, phi3, phi4, phimoe), deepseek (deepseek_v2/v3/v4), gpt-oss, glm
 *    ("glm..." and chatglm), olmo ("olmo..."), gpt2, bert (bert, roberta,
 *    xlm-roberta, distilbert, deberta, deberta-v2, modernbert, electra,
 *    albert), t5 (t5, mt5, umt5), whisper, clip (clip, siglip), vit.
 * Tags with a ":" (base_model:..., license:...) never count.
 */
void hub_attribute_classify_tag (const char *tag,
                                 guint8     *quantization,
                                 guint8     *architecture,
                                 gboolean   *moe);

/**
 * HubModelTraits:
 * The tag-derived attributes of every model of a dataset, one byte each,
 * read once from the store's tags table.
 */
typedef struct {
  guint    n_models;
  guint8  *quantization;
  guint8  *architecture;
  guint8  *moe;
} HubModelTraits;

HubModelTraits *hub_model_traits_load (HubStore      *store,
                                       HubDataset    *dataset,
                                       GCancellable  *cancellable,
                                       GError       **error);
void            hub_model_traits_free (HubModelTraits *traits);

/**
 * HubAttributeRow:
 * One category of one attribute: its share of the downloads of each year,
 * before and from the pivot, and @multiplier = @after / @before (NAN when
 * @before is 0).
 */
typedef struct {
  HubAttribute  attribute;
  char         *category;
  gint64       *values;   /* per year */
  double       *shares;   /* per year, of the year's total */
  double        before;
  double        after;
  double        multiplier;
} HubAttributeRow;

/**
 * HubAttributeTrends:
 * @rows: per attribute, its categories in decreasing total; license and
 *   library keep their 10 largest and sum the rest as "other"; a model
 *   without the attribute is "unknown" (license, modality, library) or
 *   "none" (quantization, architecture)
 */
typedef struct {
  guint       n_years;
  char      **year_labels;   /* NULL-terminated */
  gint64     *year_totals;
  gint64      pivot;
  gint64      total_before;
  gint64      total_after;
  GPtrArray  *rows;          /* HubAttributeRow */
} HubAttributeTrends;

/**
 * hub_attribute_trends_compute:
 * @query: its filters, window and measure apply (by, axis, top and
 *   attribution do not: each model counts for itself)
 * @pivot: the start of the "after" period; %HUB_TIME_NONE for the default:
 *   January 1 of the last year with data, or, when every observation falls
 *   in one year, the time of the middle observation group
 *
 * A year takes its last snapshot for stocks (downloads30d, likes) and the
 * sum of its groups for flows (interval, period), as axis=year does. The
 * before/after shares pool every group before / from @pivot (for stocks,
 * a mean of the snapshots' shares weighted by their totals).
 */
HubAttributeTrends *hub_attribute_trends_compute (HubDataset            *dataset,
                                                  const HubModelTraits  *traits,
                                                  const HubObservations *observations,
                                                  const HubQuery        *query,
                                                  gint64                 pivot,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
void                hub_attribute_trends_free    (HubAttributeTrends *trends);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubModelTraits, hub_model_traits_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubAttributeTrends, hub_attribute_trends_free)

G_END_DECLS
