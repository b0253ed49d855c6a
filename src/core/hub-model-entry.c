/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ingest"

#include "config.h"

#include "hub-model-entry.h"
#include "hub-attributes.h"
#include "hub-model-entry-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (hub-ingest-error-quark, hub_ingest_error)

#define BASE_MODEL_TAG "base_model:"
#define LICENSE_TAG    "license:"

/* Bounds on what one entry may store (real entries: at most ~2,100 tags, 18
 * parents, strings of ~150 bytes), so that a hostile answer cannot fill the
 * database or make the parent de-duplication quadratic in its size. */
#define MAX_STRING_BYTES (64 * 1024)
#define MAX_TAGS         10000
#define MAX_PARENTS      1000

static void
parent_ref_clear (gpointer data)
{
  HubParentRef *ref = data;

  g_clear_pointer (&ref->id, g_free);
}

HubModelEntry *
hub_model_entry_new (void)
{
  HubModelEntry *entry = g_new0 (HubModelEntry, 1);

  entry->created_at = HUB_TIME_NONE;
  entry->last_modified = HUB_TIME_NONE;
  entry->parameters = HUB_COUNT_NONE;
  entry->parameters_source = HUB_PARAM_SOURCE_UNKNOWN;
  entry->used_storage = HUB_COUNT_NONE;
  entry->children_count = HUB_COUNT_NONE;
  entry->downloads = HUB_COUNT_NONE;
  entry->downloads_all_time = HUB_COUNT_NONE;
  entry->likes = HUB_COUNT_NONE;
  entry->trending_score = HUB_COUNT_NONE;
  entry->tags = g_ptr_array_new_with_free_func (g_free);
  entry->parents = g_array_new (FALSE, TRUE, sizeof (HubParentRef));
  g_array_set_clear_func (entry->parents, parent_ref_clear);
  entry->lineage_source = HUB_LINEAGE_SOURCE_NONE;

  return entry;
}

void
hub_model_entry_free (HubModelEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->author);
  g_free (entry->pipeline_tag);
  g_free (entry->library_name);
  g_free (entry->gated);
  g_free (entry->license);
  g_free (entry->model_type);
  g_free (entry->card_first_parent);
  g_clear_pointer (&entry->tags, g_ptr_array_unref);
  g_clear_pointer (&entry->parents, g_array_unref);
  g_free (entry);
}

/**
 * hub_model_entry_add_parent:
 * Appends @parent_id with @relation, once: a parent named again keeps its
 * first position, and a known relation replaces an unknown one (the Hub tags
 * a model with both `base_model:<id>` and `base_model:<relation>:<id>`).
 * The caller validates @parent_id.
 */
void
hub_model_entry_add_parent (HubModelEntry *entry,
                            const char    *parent_id,
                            HubRelation    relation)
{
  HubParentRef ref;

  g_return_if_fail (entry != NULL);
  g_return_if_fail (parent_id != NULL);
  g_return_if_fail (relation < HUB_N_RELATIONS);

  for (guint i = 0; i < entry->parents->len; i++)
    {
      HubParentRef *old = &g_array_index (entry->parents, HubParentRef, i);

      if (strcmp (old->id, parent_id) == 0)
        {
          if (old->relation == HUB_RELATION_UNKNOWN)
            old->relation = relation;
          return;
        }
    }

  ref.id = g_strdup (parent_id);
  ref.relation = relation;
  g_array_append_val (entry->parents, ref);
}

static void G_GNUC_PRINTF (3, 4)
warn (GPtrArray  *warnings,
      const char *field,
      const char *format,
      ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  if (warnings == NULL)
    return;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (warnings, g_strdup_printf ("field '%s': %s", field, reason));
}

static const char *
node_kind (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return "a number";
    default:
      return "a value of an unknown type";
    }
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A count: a whole number in 0..2^53. json-glib hands out int64 for
 * integer literals (wrapping on overflow, so a huge literal may arrive
 * negative) and double for the rest; both are checked. */
gint64
hub_model_entry_count_from_json (JsonNode   *node,
                                 const char *field,
                                 GPtrArray  *warnings)
{
  GType type;

  if (node_is_null (node))
    return HUB_COUNT_NONE;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v < 0 || v > HUB_COUNT_MAX)
        {
          warn (warnings, field, "value %" G_GINT64_FORMAT " out of range 0..2^53", v);
          return HUB_COUNT_NONE;
        }
      return v;
    }

  if (type == G_TYPE_DOUBLE)
    {
      double v = json_node_get_double (node);

      if (!isfinite (v))
        {
          warn (warnings, field, "not a finite number");
          return HUB_COUNT_NONE;
        }
      if (v < 0 || v > (double) HUB_COUNT_MAX)
        {
          warn (warnings, field, "value %g out of range 0..2^53", v);
          return HUB_COUNT_NONE;
        }
      if (v != floor (v))
        {
          warn (warnings, field, "value %g is not a whole number", v);
          return HUB_COUNT_NONE;
        }
      return (gint64) v;
    }

  warn (warnings, field, "expected a number, got %s", node_kind (node));
  return HUB_COUNT_NONE;
}

static gint64
count_member (JsonObject *obj,
              const char *member,
              GPtrArray  *warnings)
{
  return hub_model_entry_count_from_json (json_object_get_member (obj, member), member, warnings);
}

/* A string member; "" counts as unknown. */
static char *
string_member (JsonObject *obj,
               const char *member,
               GPtrArray  *warnings)
{
  JsonNode *node = json_object_get_member (obj, member);
  const char *str;

  if (node_is_null (node))
    return NULL;

  if (!node_is_string (node))
    {
      warn (warnings, member, "expected a string, got %s", node_kind (node));
      return NULL;
    }

  str = json_node_get_string (node);
  if (str == NULL || *str == '\0')
    return NULL;
  if (strlen (str) > MAX_STRING_BYTES)
    {
      warn (warnings, member, "longer than %u bytes, dropped", MAX_STRING_BYTES);
      return NULL;
    }

  return g_strdup (str);
}

static gint64
time_member (JsonObject *obj,
             const char *member,
             GPtrArray  *warnings)
{
  g_autofree char *str = string_member (obj, member, warnings);
  gint64 t;

  if (str == NULL)
    return HUB_TIME_NONE;

  t = hub_time_parse_iso8601 (str);
  if (t == HUB_TIME_NONE)
    warn (warnings, member, "'%s' is not an ISO 8601 date", str);

  return t;
}

static JsonObject *
object_member (JsonObject *obj,
               const char *member,
               GPtrArray  *warnings)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node_is_null (node))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      warn (warnings, member, "expected an object, got %s", node_kind (node));
      return NULL;
    }

  return json_node_get_object (node);
}

/* Whether @type looks like a model type ("qwen2", "gpt_oss", "xlm-roberta"). */
static gboolean
is_model_type (const char *type)
{
  gsize len = strlen (type);

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *c = type; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && *c != '-' && *c != '.')
      return FALSE;
  return TRUE;
}

/* The model type: `config.model_type` when the entry has it (the Hub's
 * `expand[]=config`), else the first tag, in the Hub's order, that names a
 * known architecture (the Hub derives that tag from the config and lists it
 * before the rest; issue 23, item 6: not the alphabetically first). */
static char *
model_type_member (JsonObject          *obj,
                   const HubModelEntry *entry,
                   GPtrArray           *warnings)
{
  JsonObject *config = object_member (obj, "config", warnings);
  g_autofree char *type = config != NULL ? string_member (config, "model_type", warnings) : NULL;

  if (type != NULL && !is_model_type (type))
    {
      warn (warnings, "config.model_type", "not a model type name, dropped");
      g_clear_pointer (&type, g_free);
    }
  if (type != NULL)
    return g_steal_pointer (&type);
  for (guint i = 0; i < entry->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (entry->tags, i);

      if (tag != NULL && hub_attribute_architecture_of (tag) != 0)
        return g_strdup (tag);
    }
  return NULL;
}

/* The Hub's gated is false, "auto" or "manual"; a dump may carry true (gated,
 * mode unknown), which is kept as "true". */
static char *
gated_member (JsonObject *obj,
              GPtrArray  *warnings)
{
  JsonNode *node = json_object_get_member (obj, "gated");

  if (node_is_null (node))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");

  if (node_is_string (node))
    {
      const char *str = json_node_get_string (node);

      if (g_strcmp0 (str, "auto") == 0 || g_strcmp0 (str, "manual") == 0 ||
          g_strcmp0 (str, "true") == 0 || g_strcmp0 (str, "false") == 0)
        return g_strdup (str);

      warn (warnings, "gated", "unknown value '%s' (expected false, \"auto\" or \"manual\")", str);
      return NULL;
    }

  warn (warnings, "gated", "expected a boolean or a string, got %s", node_kind (node));
  return NULL;
}

static void
parse_tags (HubModelEntry *entry,
            JsonObject    *obj,
            GPtrArray     *warnings)
{
  JsonNode *node = json_object_get_member (obj, "tags");
  JsonArray *array;
  guint n;

  if (node_is_null (node))
    return;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      warn (warnings, "tags", "expected an array, got %s", node_kind (node));
      return;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *tag;

      if (!node_is_string (element))
        {
          g_autofree char *field = g_strdup_printf ("tags[%u]", i);

          warn (warnings, field, "expected a string, got %s", node_kind (element));
          continue;
        }

      if (entry->tags->len >= MAX_TAGS)
        {
          warn (warnings, "tags", "more than %u tags, the rest dropped", MAX_TAGS);
          break;
        }
      tag = json_node_get_string (element);
      if (tag != NULL && strlen (tag) > MAX_STRING_BYTES)
        {
          g_autofree char *field = g_strdup_printf ("tags[%u]", i);

          warn (warnings, field, "longer than %u bytes, dropped", MAX_STRING_BYTES);
          continue;
        }
      if (tag != NULL && *tag != '\0')
        g_ptr_array_add (entry->tags, g_strdup (tag));
    }
}

/* Adds a parent after checking its id; TRUE when it was added. */
static gboolean
add_checked_parent (HubModelEntry *entry,
                    const char    *parent_id,
                    HubRelation    relation,
                    const char    *field,
                    GPtrArray     *warnings)
{
  if (!hub_model_id_is_valid (parent_id))
    {
      warn (warnings, field, "invalid parent model id '%s'", parent_id);
      return FALSE;
    }

  if (entry->id != NULL && strcmp (parent_id, entry->id) == 0)
    {
      warn (warnings, field, "model names itself as its parent");
      return FALSE;
    }

  if (entry->parents->len >= MAX_PARENTS)
    {
      warn (warnings, field, "more than %u parents, dropped", MAX_PARENTS);
      return FALSE;
    }

  hub_model_entry_add_parent (entry, parent_id, relation);
  return TRUE;
}

/* The base models cardData.base_model names, in its order: "a/b, c/d" is
 * split at commas and trimmed, an array's non-strings are NULL (with a
 * warning into @warnings, nullable). NULL when it is absent, null, or
 * neither a string nor an array; @out_array tells which form it had. */
static GPtrArray *
card_base_model_ids (JsonObject *card,
                     gboolean   *out_array,
                     GPtrArray  *warnings)
{
  JsonNode *node = json_object_get_member (card, "base_model");
  GPtrArray *ids;

  *out_array = FALSE;
  if (node_is_null (node))
    return NULL;
  ids = g_ptr_array_new_with_free_func (g_free);
  if (node_is_string (node))
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (node), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        g_ptr_array_add (ids, g_strdup (g_strstrip (parts[i])));
      return ids;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      *out_array = TRUE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (node_is_string (element))
            g_ptr_array_add (ids, g_strdup (json_node_get_string (element)));
          else
            {
              g_autofree char *field = g_strdup_printf ("cardData.base_model[%u]", i);

              warn (warnings, field, "expected a model id, got %s", node_kind (element));
              g_ptr_array_add (ids, NULL);
            }
        }
      return ids;
    }
  warn (warnings, "cardData.base_model", "expected a string or an array, got %s", node_kind (node));
  g_ptr_array_unref (ids);
  return NULL;
}

/* The first base model the card names (the paper's first parent), valid
 * and not the model itself, or NULL; the card's lineage is read, with
 * warnings, only when no other source names parents. */
static char *
card_first_parent (const HubModelEntry *entry,
                   JsonObject          *card)
{
  gboolean array;
  g_autoptr(GPtrArray) ids = card_base_model_ids (card, &array, NULL);
  const char *first = ids != NULL && ids->len > 0 ? g_ptr_array_index (ids, 0) : NULL;

  if (first == NULL || !hub_model_id_is_valid (first) || g_strcmp0 (first, entry->id) == 0)
    return NULL;
  return g_strdup (first);
}

/* Reads baseModels; FALSE when it is absent or unusable as a whole (then the
 * tags are asked), TRUE when it was read, even if every parent it named was
 * dropped (the tags name the same parents). */
static gboolean
parents_from_base_models (HubModelEntry *entry,
                          JsonObject    *obj,
                          GPtrArray     *warnings)
{
  JsonObject *base = object_member (obj, "baseModels", warnings);
  HubRelation relation = HUB_RELATION_UNKNOWN;
  JsonNode *models;
  JsonArray *array;
  guint n;

  if (base == NULL)
    return FALSE;

  {
    g_autofree char *rel = string_member (base, "relation", NULL);

    if (rel != NULL && !hub_relation_from_string (rel, &relation))
      {
        warn (warnings, "baseModels.relation", "unknown relation '%s'", rel);
        relation = HUB_RELATION_UNKNOWN;
      }
    /* "base" is the relation of a model to nothing; it cannot name a parent. */
    if (relation == HUB_RELATION_NONE)
      relation = HUB_RELATION_UNKNOWN;
  }

  models = json_object_get_member (base, "models");
  if (node_is_null (models))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (models))
    {
      warn (warnings, "baseModels.models", "expected an array, got %s", node_kind (models));
      return FALSE;
    }

  array = json_node_get_array (models);
  n = json_array_get_length (array);
  if (n == 0)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("baseModels.models[%u].id", i);
      JsonNode *id_node = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        id_node = json_object_get_member (json_node_get_object (element), "id");
      else if (node_is_string (element))
        id_node = element;

      if (id_node == NULL || !node_is_string (id_node))
        {
          warn (warnings, field, "expected a model id, got %s",
                id_node != NULL ? node_kind (id_node) : node_kind (element));
          continue;
        }

      add_checked_parent (entry, json_node_get_string (id_node), relation, field, warnings);
    }

  return TRUE;
}

/**
 * hub_model_entry_parents_from_tags:
 * Adds the parents named by `base_model:<relation>:<id>` and
 * `base_model:<id>` tags (relation unknown), in tag order, each once. Sets
 * the lineage source to tags when any was found.
 */
void
hub_model_entry_parents_from_tags (HubModelEntry *entry,
                                   GPtrArray     *warnings)
{
  guint before;

  g_return_if_fail (entry != NULL);

  before = entry->parents->len;

  for (guint i = 0; i < entry->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (entry->tags, i);
      const char *rest, *colon;
      HubRelation relation = HUB_RELATION_UNKNOWN;
      g_autofree char *field = NULL;

      if (!g_str_has_prefix (tag, BASE_MODEL_TAG))
        continue;

      rest = tag + strlen (BASE_MODEL_TAG);
      colon = strchr (rest, ':');
      if (colon != NULL)
        {
          g_autofree char *name = g_strndup (rest, colon - rest);

          if (hub_relation_from_string (name, &relation) && relation != HUB_RELATION_NONE)
            rest = colon + 1;
          else
            relation = HUB_RELATION_UNKNOWN;
        }

      field = g_strdup_printf ("tags[%u]", i);
      add_checked_parent (entry, rest, relation, field, warnings);
    }

  if (entry->parents->len > before && entry->lineage_source == HUB_LINEAGE_SOURCE_NONE)
    entry->lineage_source = HUB_LINEAGE_SOURCE_TAGS;
}

static gboolean
has_base_model_tag (HubModelEntry *entry)
{
  for (guint i = 0; i < entry->tags->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (entry->tags, i), BASE_MODEL_TAG))
      return TRUE;

  return FALSE;
}

static gboolean
parents_from_card_data (HubModelEntry *entry,
                        JsonObject    *card,
                        GPtrArray     *warnings)
{
  gboolean array;
  g_autoptr(GPtrArray) ids = card_base_model_ids (card, &array, warnings);
  gboolean any = FALSE;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *field = array ? g_strdup_printf ("cardData.base_model[%u]", i) : g_strdup ("cardData.base_model");

      /* Model cards write several parents as "a/b, c/d" too. */
      if (id != NULL && (array || id[0] != '\0'))
        any |= add_checked_parent (entry, id, HUB_RELATION_UNKNOWN, field, warnings);
    }
  return any;
}

static char *
license_from_card_data (JsonObject *card,
                        GPtrArray  *warnings)
{
  JsonNode *node = json_object_get_member (card, "license");

  if (node_is_null (node))
    return NULL;

  if (node_is_string (node))
    {
      const char *str = json_node_get_string (node);

      if (str != NULL && strlen (str) > MAX_STRING_BYTES)
        {
          warn (warnings, "cardData.license", "longer than %u bytes, dropped", MAX_STRING_BYTES);
          return NULL;
        }
      return (str != NULL && *str != '\0') ? g_strdup (str) : NULL;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) == 0)
        return NULL;
      if (node_is_string (json_array_get_element (array, 0)) &&
          strlen (json_array_get_string_element (array, 0)) <= MAX_STRING_BYTES)
        return g_strdup (json_array_get_string_element (array, 0));
    }

  warn (warnings, "cardData.license", "expected a string or an array of strings, got %s",
        node_kind (node));
  return NULL;
}

static char *
license_from_tags (HubModelEntry *entry)
{
  for (guint i = 0; i < entry->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (entry->tags, i);

      if (g_str_has_prefix (tag, LICENSE_TAG) && tag[strlen (LICENSE_TAG)] != '\0')
        return g_strdup (tag + strlen (LICENSE_TAG));
    }

  return NULL;
}

/* The first of safetensors.total, gguf.total that is a valid count. */
static void
parse_parameters (HubModelEntry *entry,
                  JsonObject    *obj,
                  GPtrArray     *warnings)
{
  static const struct {
    const char     *member;
    const char     *field;
    HubParamSource  source;
  } sources[] = {
    { "safetensors", "safetensors.total", HUB_PARAM_SOURCE_SAFETENSORS },
    { "gguf", "gguf.total", HUB_PARAM_SOURCE_GGUF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      JsonObject *sub = object_member (obj, sources[i].member, warnings);
      gint64 total;

      if (sub == NULL)
        continue;

      total = hub_model_entry_count_from_json (json_object_get_member (sub, "total"), sources[i].field, warnings);
      if (total != HUB_COUNT_NONE)
        {
          entry->parameters = total;
          entry->parameters_source = sources[i].source;
          return;
        }
    }
}

static gboolean
parse_id (HubModelEntry  *entry,
          JsonObject     *obj,
          GError        **error)
{
  JsonNode *node = json_object_get_member (obj, "id");
  const char *id;

  /* Some Hub responses carry the id only as "modelId". */
  if (node_is_null (node))
    node = json_object_get_member (obj, "modelId");

  if (node_is_null (node))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_INVALID_ENTRY,
                   "field 'id': missing");
      return FALSE;
    }

  if (!node_is_string (node))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_INVALID_ENTRY,
                   "field 'id': expected a string, got %s", node_kind (node));
      return FALSE;
    }

  id = json_node_get_string (node);

  /* Every model the Hub lists is owner/name (bare legacy names were moved under
   * organisations); bare names are accepted only as parents. */
  if (strchr (id, '/') == NULL)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_INVALID_ENTRY,
                   "field 'id': '%s' has no owner (expected owner/name)", id);
      return FALSE;
    }

  if (!hub_model_id_is_valid (id))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_INVALID_ENTRY,
                   "field 'id': '%s' is not a valid model id", id);
      return FALSE;
    }

  entry->id = g_strdup (id);
  return TRUE;
}

HubModelEntry *
hub_model_entry_from_json (JsonNode   *node,
                           GPtrArray  *warnings,
                           GError    **error)
{
  g_autoptr(HubModelEntry) entry = NULL;
  JsonObject *obj;
  JsonObject *card;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   "entry: expected an object, got %s",
                   node != NULL ? node_kind (node) : "nothing");
      return NULL;
    }

  obj = json_node_get_object (node);
  entry = hub_model_entry_new ();

  if (!parse_id (entry, obj, error))
    return NULL;

  entry->author = string_member (obj, "author", warnings);
  if (entry->author == NULL)
    entry->author = g_strndup (entry->id, strchr (entry->id, '/') - entry->id);

  entry->created_at = time_member (obj, "createdAt", warnings);
  entry->last_modified = time_member (obj, "lastModified", warnings);
  entry->pipeline_tag = string_member (obj, "pipeline_tag", warnings);
  entry->library_name = string_member (obj, "library_name", warnings);
  entry->gated = gated_member (obj, warnings);

  entry->downloads = count_member (obj, "downloads", warnings);
  entry->downloads_all_time = count_member (obj, "downloadsAllTime", warnings);
  entry->likes = count_member (obj, "likes", warnings);
  entry->trending_score = count_member (obj, "trendingScore", warnings);
  entry->used_storage = count_member (obj, "usedStorage", warnings);
  entry->children_count = count_member (obj, "childrenModelCount", warnings);

  parse_parameters (entry, obj, warnings);
  parse_tags (entry, obj, warnings);

  entry->model_type = model_type_member (obj, entry, warnings);

  card = object_member (obj, "cardData", warnings);

  if (card != NULL)
    {
      entry->license = license_from_card_data (card, warnings);
      entry->card_first_parent = card_first_parent (entry, card);
    }
  if (entry->license == NULL)
    entry->license = license_from_tags (entry);

  /* Lineage: the first source present wins; a later source is asked only
   * when the earlier one is absent, as they name the same parents. */
  if (parents_from_base_models (entry, obj, warnings))
    {
      if (entry->parents->len > 0)
        entry->lineage_source = HUB_LINEAGE_SOURCE_BASE_MODELS;
    }
  else if (has_base_model_tag (entry))
    hub_model_entry_parents_from_tags (entry, warnings);
  else if (card != NULL && parents_from_card_data (entry, card, warnings))
    entry->lineage_source = HUB_LINEAGE_SOURCE_CARD_DATA;

  return g_steal_pointer (&entry);
}
