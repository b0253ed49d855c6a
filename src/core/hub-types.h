/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A time that is not known (timestamps are Unix seconds, UTC). */
#define HUB_TIME_NONE G_MININT64
/* A count that is not known (downloads, likes, parameters, ...). */
#define HUB_COUNT_NONE ((gint64) -1)
/* The largest count accepted from input: JSON numbers above 2^53 lose precision. */
#define HUB_COUNT_MAX ((gint64) 9007199254740992)
/* createdAt given to every repo created before the Hub stored creation dates:
 * 2022-03-02T23:29:04Z means "that date or earlier". */
#define HUB_CREATED_AT_FLOOR ((gint64) 1646263744)

/**
 * HubRelation:
 * How a model descends from a parent. %HUB_RELATION_NONE marks a model without
 * a known parent (a base model) where a relation of the model itself is asked.
 */
typedef enum {
  HUB_RELATION_UNKNOWN = 0,
  HUB_RELATION_FINETUNE,
  HUB_RELATION_ADAPTER,
  HUB_RELATION_QUANTIZED,
  HUB_RELATION_MERGE,
  HUB_RELATION_NONE,
  HUB_N_RELATIONS
} HubRelation;

/**
 * HubParamSource:
 * Where a parameter count comes from.
 */
typedef enum {
  HUB_PARAM_SOURCE_UNKNOWN = 0,
  HUB_PARAM_SOURCE_SAFETENSORS,
  HUB_PARAM_SOURCE_GGUF,
  HUB_PARAM_SOURCE_BASE_MODEL,
  HUB_PARAM_SOURCE_ESTIMATED,
  HUB_N_PARAM_SOURCES
} HubParamSource;

/**
 * HubModelKind:
 * The kinds of model a query's `exclude=` can leave out (flags; a model
 * may be several), read from its tags, library, task and relation:
 * @HUB_MODEL_KIND_GGUF: GGUF files (the tag or the library "gguf")
 * @HUB_MODEL_KIND_MLX: MLX conversions (the tag or the library "mlx")
 * @HUB_MODEL_KIND_QUANTIZED: a quantization of its first parent
 * @HUB_MODEL_KIND_EMBEDDINGS: a sentence-similarity or feature-extraction
 *   model, or one of the library sentence-transformers
 * @HUB_MODEL_KIND_ADAPTERS: an adapter of its first parent, or one of the
 *   library peft
 */
typedef enum {
  HUB_MODEL_KIND_GGUF       = 1 << 0,
  HUB_MODEL_KIND_MLX        = 1 << 1,
  HUB_MODEL_KIND_QUANTIZED  = 1 << 2,
  HUB_MODEL_KIND_EMBEDDINGS = 1 << 3,
  HUB_MODEL_KIND_ADAPTERS   = 1 << 4,
} HubModelKind;

#define HUB_N_MODEL_KINDS 5

/* "gguf,mlx,quantized,embeddings,adapters" for the set flags, in that
 * order; "" for none. */
char        *hub_model_kinds_to_string  (guint           kinds);
/* Comma-separated names, in any order; "" or "none" for none. FALSE with
 * nothing set on an unknown name. */
gboolean     hub_model_kinds_from_string (const char    *str,
                                          guint         *out_kinds);
/* The kinds a model of @library (an id, or NULL), @task (an id, or NULL)
 * and @relation to its first parent is, before its tags. */
guint        hub_model_kinds_of          (const char    *library,
                                          const char    *task,
                                          HubRelation    relation);

/* "finetune", "adapter", "quantized", "merge", "unknown"; "base" for NONE. */
const char  *hub_relation_to_string     (HubRelation     relation);
/* Accepts the names above and the variants seen in the wild ("finetuned",
 * "merged", "quantization", ...). Returns FALSE for anything else. */
gboolean     hub_relation_from_string   (const char     *str,
                                         HubRelation    *out_relation);
const char  *hub_param_source_to_string (HubParamSource  source);
gboolean     hub_param_source_from_string (const char   *str,
                                           HubParamSource *out_source);

/* ISO 8601 ("2026-08-22T20:00:00.000Z", with or without fraction/zone, or a
 * plain "2026-08-22") to Unix seconds; HUB_TIME_NONE when not parseable. */
gint64       hub_time_parse_iso8601     (const char     *str);
/* The median of @values (sorted in place); NAN when @n is 0. */
double       hub_median                 (double             *values,
                                         guint               n);
/* The index of @str in @names (exact match; @str may be NULL): how every
 * enum's from_string() reads its name. FALSE when not there. */
gboolean     hub_name_lookup            (const char * const *names,
                                         guint               n_names,
                                         const char         *str,
                                         guint              *out_index);
/* Unix seconds to "2026-08-22T20:00:00Z"; NULL for HUB_TIME_NONE. */
char        *hub_time_format_iso8601    (gint64          t);

/* A model id is "owner/name" with the Hub's characters ([A-Za-z0-9._-]),
 * at most 96 characters per part; a bare name is allowed only for the few
 * legacy canonical models (gpt2, bert-base-uncased, ...). */
gboolean     hub_model_id_is_valid      (const char     *id);

/* g_ascii_tolower(), inlined for loops over every letter of every id. */
static inline char
hub_ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
