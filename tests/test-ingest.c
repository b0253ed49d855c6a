/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one parser for a Hub model entry: every real entry of the embedded
 * snapshot, known entries field by field, and each kind of bad input. */
#include "config.h"

#include "hub-model-entry.h"
#include "hub-test-util.h"

#include <gio/gio.h>
#include <string.h>

/* Parses @json as one entry; returns the entry or NULL, filling @warnings
 * and @error. */
static HubModelEntry *
parse (const char  *json,
       GPtrArray   *warnings,
       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  json_parser_load_from_data (parser, json, -1, &local_error);
  g_assert_no_error (local_error);

  return hub_model_entry_from_json (json_parser_get_root (parser), warnings, error);
}

/* Parses an entry that must be accepted. */
static HubModelEntry *
parse_ok (const char *json,
          GPtrArray  *warnings)
{
  g_autoptr(GError) error = NULL;
  HubModelEntry *entry = parse (json, warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
  return entry;
}

static gboolean
warnings_contain (GPtrArray  *warnings,
                  const char *needle)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static const HubParentRef *
parent (const HubModelEntry *entry,
        guint                i)
{
  g_assert_cmpuint (i, <, entry->parents->len);
  return &g_array_index (entry->parents, HubParentRef, i);
}

/* Reads the project's hub-models.jsonl.gz and returns its lines. */
static GPtrArray *
read_real_lines (void)
{
  g_autofree char *path = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GConverter) gunzip = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  char *line;

  raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_assert_no_error (error);
  gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  plain = g_converter_input_stream_new (raw, gunzip);
  data = g_data_input_stream_new (plain);

  while ((line = g_data_input_stream_read_line (data, NULL, NULL, &error)) != NULL)
    g_ptr_array_add (lines, line);
  g_assert_no_error (error);

  return lines;
}

static HubModelEntry *
find_real (GPtrArray  *lines,
           const char *id)
{
  g_autofree char *needle = g_strdup_printf ("{\"id\":\"%s\",", id);

  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (lines, i), needle))
      {
        g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
        return parse_ok (g_ptr_array_index (lines, i), warnings);
      }

  g_assert_not_reached ();
  return NULL;
}

static void
test_real_all (void)
{
  g_autoptr(GPtrArray) lines = read_real_lines ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint expect_safetensors = 0, expect_gguf = 0, expect_base_models = 0;
  guint got_safetensors = 0, got_gguf = 0, got_base_models = 0;
  guint with_parents = 0, expect_too_large = 0, got_too_large = 0;

  g_assert_cmpuint (lines->len, ==, 15904);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *st;
      g_autoptr(HubModelEntry) entry = NULL;
      g_autoptr(GError) error = NULL;

      /* Counted from the raw text, independently of the parser. */
      if ((st = strstr (line, "\"safetensors\":{\"total\":")) != NULL)
        {
          /* One real entry claims 19,980,000,000,000,000 parameters: over 2^53. */
          if (g_ascii_strtoull (st + strlen ("\"safetensors\":{\"total\":"), NULL, 10) <= (guint64) HUB_COUNT_MAX)
            expect_safetensors++;
          else
            expect_too_large++;
        }
      else if (strstr (line, "\"gguf\":{\"total\":") != NULL)
        expect_gguf++;
      if (strstr (line, "\"baseModels\":{") != NULL)
        expect_base_models++;

      entry = parse (line, warnings, &error);
      g_assert_no_error (error);
      g_assert_nonnull (entry);
      g_assert_true (g_str_has_prefix (line + strlen ("{\"id\":\""), entry->id));
      g_assert_nonnull (entry->author);
      g_assert_cmpint (entry->created_at, !=, HUB_TIME_NONE);
      g_assert_cmpint (entry->downloads, >=, 0);
      g_assert_cmpint (entry->likes, >=, 0);
      g_assert_nonnull (entry->gated);
      g_hash_table_add (ids, g_strdup (entry->id));

      if (entry->parameters_source == HUB_PARAM_SOURCE_SAFETENSORS)
        got_safetensors++;
      else if (entry->parameters_source == HUB_PARAM_SOURCE_GGUF)
        got_gguf++;
      if (entry->lineage_source == HUB_LINEAGE_SOURCE_BASE_MODELS)
        got_base_models++;
      if (entry->parents->len > 0)
        with_parents++;

      for (guint p = 0; p < entry->parents->len; p++)
        {
          g_assert_true (hub_model_id_is_valid (parent (entry, p)->id));
          g_assert_cmpstr (parent (entry, p)->id, !=, entry->id);
        }
    }

  g_assert_cmpuint (g_hash_table_size (ids), ==, 15904);
  g_assert_cmpuint (got_safetensors, ==, expect_safetensors);
  g_assert_cmpuint (got_gguf, ==, expect_gguf);
  g_assert_cmpuint (expect_safetensors, >, 0);
  g_assert_cmpuint (expect_gguf, >, 0);
  /* baseModels whose only parents are odd ids or the model itself give none. */
  g_assert_cmpuint (got_base_models, <=, expect_base_models);
  g_assert_cmpuint (got_base_models, >, expect_base_models * 99 / 100);
  g_assert_cmpuint (with_parents, >, got_base_models);

  /* The real data's oddities are parent ids and one impossible parameter
   * count: each is a warning naming its field. */
  g_assert_cmpuint (warnings->len, >, 0);
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *w = g_ptr_array_index (warnings, i);

      g_assert_true (g_str_has_prefix (w, "field '"));
      if (g_str_has_prefix (w, "field 'safetensors.total': value 1.998e+16 out of range") ||
          g_str_has_prefix (w, "field 'safetensors.total': value 19980000000000000 out of range"))
        got_too_large++;
      else
        g_assert_nonnull (strstr (w, "parent"));
    }
  g_assert_cmpuint (expect_too_large, ==, 1);
  g_assert_cmpuint (got_too_large, ==, expect_too_large);
}

static void
test_real_known (void)
{
  g_autoptr(GPtrArray) lines = read_real_lines ();
  g_autoptr(HubModelEntry) gguf = NULL;
  g_autoptr(HubModelEntry) card = NULL;
  g_autoptr(HubModelEntry) merge = NULL;
  g_autoptr(HubModelEntry) gated = NULL;
  g_autoptr(HubModelEntry) self = NULL;
  g_autoptr(HubModelEntry) odd = NULL;
  g_autoptr(HubModelEntry) windows = NULL;

  gguf = find_real (lines, "0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF");
  g_assert_cmpstr (gguf->author, ==, "0bserverx");
  g_assert_cmpint (gguf->created_at, ==, hub_time_parse_iso8601 ("2026-08-14T18:48:26Z"));
  g_assert_cmpint (gguf->created_at, ==, 1786733306);
  g_assert_cmpint (gguf->last_modified, ==, hub_time_parse_iso8601 ("2026-08-20T19:51:25Z"));
  g_assert_cmpstr (gguf->pipeline_tag, ==, "text-generation");
  g_assert_cmpstr (gguf->library_name, ==, "transformers");
  g_assert_cmpstr (gguf->gated, ==, "false");
  g_assert_cmpstr (gguf->license, ==, "apache-2.0");
  g_assert_cmpint (gguf->parameters, ==, 26895998464);
  g_assert_cmpint (gguf->parameters_source, ==, HUB_PARAM_SOURCE_GGUF);
  g_assert_cmpint (gguf->used_storage, ==, 3882185993184);
  g_assert_cmpint (gguf->downloads, ==, 505813);
  g_assert_cmpint (gguf->likes, ==, 226);
  g_assert_cmpint (gguf->trending_score, ==, 170);
  g_assert_cmpint (gguf->downloads_all_time, ==, HUB_COUNT_NONE);
  g_assert_cmpint (gguf->children_count, ==, HUB_COUNT_NONE);
  g_assert_cmpuint (gguf->tags->len, ==, 16);
  g_assert_cmpstr (g_ptr_array_index (gguf->tags, 11), ==, "base_model:Qwen/Qwen3.8-27B");
  g_assert_cmpint (gguf->lineage_source, ==, HUB_LINEAGE_SOURCE_BASE_MODELS);
  g_assert_cmpuint (gguf->parents->len, ==, 1);
  g_assert_cmpstr (parent (gguf, 0)->id, ==, "Qwen/Qwen3.8-27B");
  g_assert_cmpint (parent (gguf, 0)->relation, ==, HUB_RELATION_QUANTIZED);

  /* Lineage from cardData only; parameters from safetensors. */
  card = find_real (lines, "007Arijit/Boomba-AI");
  g_assert_cmpint (card->lineage_source, ==, HUB_LINEAGE_SOURCE_CARD_DATA);
  g_assert_cmpuint (card->parents->len, ==, 1);
  g_assert_cmpstr (parent (card, 0)->id, ==, "unsloth/qwen2.5-7b-instruct-unsloth-bnb-4bit");
  g_assert_cmpint (parent (card, 0)->relation, ==, HUB_RELATION_UNKNOWN);
  g_assert_cmpint (card->parameters, ==, 7615616512);
  g_assert_cmpint (card->parameters_source, ==, HUB_PARAM_SOURCE_SAFETENSORS);
  g_assert_cmpint (card->used_storage, ==, 15242694030);
  g_assert_cmpint (card->downloads, ==, 430);
  g_assert_cmpint (card->likes, ==, 0);

  /* A merge of three, in baseModels order. */
  merge = find_real (lines, "Ateron/Gemma-4-Dark-Thoughts-31B");
  g_assert_cmpuint (merge->parents->len, ==, 3);
  g_assert_cmpstr (parent (merge, 0)->id, ==, "ReadyArt/Dark-Scarlett-v2.0-31B");
  g_assert_cmpstr (parent (merge, 1)->id, ==, "ReadyArt/gemma-4-31B-it-scotoma-2");
  g_assert_cmpstr (parent (merge, 2)->id, ==, "zerofata/G4-MeroMero-v2-31B");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (parent (merge, i)->relation, ==, HUB_RELATION_MERGE);

  /* gated true in the dump; license from cardData; no lineage, no parameters. */
  gated = find_real (lines, "0Corvid0/pi05-b1k-waves");
  g_assert_cmpstr (gated->gated, ==, "true");
  g_assert_cmpstr (gated->license, ==, "other");
  g_assert_null (gated->pipeline_tag);
  g_assert_null (gated->library_name);
  g_assert_cmpuint (gated->parents->len, ==, 0);
  g_assert_cmpint (gated->lineage_source, ==, HUB_LINEAGE_SOURCE_NONE);
  g_assert_cmpint (gated->parameters, ==, HUB_COUNT_NONE);
  g_assert_cmpint (gated->parameters_source, ==, HUB_PARAM_SOURCE_UNKNOWN);

  /* A real self-loop: the entry is kept, the edge is not. */
  self = find_real (lines, "Abrorl5/gemini-2.5.0");
  g_assert_cmpuint (self->parents->len, ==, 0);
  g_assert_cmpint (self->lineage_source, ==, HUB_LINEAGE_SOURCE_NONE);

  /* A real odd parent id next to a good one. */
  odd = find_real (lines, "firzahdzm/tourn-smoke-qwen3-5-9b-super-sm1");
  g_assert_cmpuint (odd->parents->len, ==, 1);
  g_assert_cmpstr (parent (odd, 0)->id, ==, "Qwen/Qwen3.5-9B");
  g_assert_cmpint (parent (odd, 0)->relation, ==, HUB_RELATION_ADAPTER);

  windows = find_real (lines, "Gundoeb/DDLC");
  g_assert_cmpuint (windows->parents->len, ==, 0);
}

static void
test_real_warnings_named (void)
{
  g_autoptr(GPtrArray) lines = read_real_lines ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) entry = NULL;

  for (guint i = 0; i < lines->len; i++)
    if (strstr (g_ptr_array_index (lines, i), "\"id\":\"Gundoeb/DDLC\"") != NULL)
      entry = parse_ok (g_ptr_array_index (lines, i), warnings);

  g_assert_nonnull (entry);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "field 'baseModels.models[0].id': invalid parent model id 'C:\\Models\\Apriel-5B-Instruct'");
}

static void
test_minimal (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) entry = parse_ok ("{\"id\":\"org/model\"}", warnings);

  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (entry->id, ==, "org/model");
  g_assert_cmpstr (entry->author, ==, "org");
  g_assert_cmpint (entry->created_at, ==, HUB_TIME_NONE);
  g_assert_cmpint (entry->last_modified, ==, HUB_TIME_NONE);
  g_assert_null (entry->pipeline_tag);
  g_assert_null (entry->library_name);
  g_assert_null (entry->gated);
  g_assert_null (entry->license);
  g_assert_cmpint (entry->parameters, ==, HUB_COUNT_NONE);
  g_assert_cmpint (entry->used_storage, ==, HUB_COUNT_NONE);
  g_assert_cmpint (entry->downloads, ==, HUB_COUNT_NONE);
  g_assert_cmpint (entry->downloads_all_time, ==, HUB_COUNT_NONE);
  g_assert_cmpint (entry->likes, ==, HUB_COUNT_NONE);
  g_assert_cmpint (entry->trending_score, ==, HUB_COUNT_NONE);
  g_assert_cmpuint (entry->tags->len, ==, 0);
  g_assert_cmpuint (entry->parents->len, ==, 0);
}

static void
test_null_fields (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) entry = parse_ok (
    "{\"id\":\"org/model\",\"author\":null,\"createdAt\":null,\"lastModified\":null,"
    "\"pipeline_tag\":null,\"library_name\":null,\"tags\":null,\"likes\":null,"
    "\"downloads\":null,\"downloadsAllTime\":null,\"trendingScore\":null,\"gated\":null,"
    "\"safetensors\":null,\"gguf\":null,\"usedStorage\":null,\"cardData\":null,"
    "\"baseModels\":null,\"childrenModelCount\":null}", warnings);

  /* null means unknown: nothing is dropped, nothing warned. */
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (entry->author, ==, "org");
  g_assert_cmpint (entry->downloads, ==, HUB_COUNT_NONE);
  g_assert_cmpint (entry->likes, ==, HUB_COUNT_NONE);
  g_assert_null (entry->gated);
  g_assert_cmpuint (entry->tags->len, ==, 0);
}

static void
test_unknown_fields_ignored (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) entry = parse_ok (
    "{\"_id\":\"66a\",\"id\":\"org/model\",\"private\":false,\"siblings\":[{\"rfilename\":\"a\"}],"
    "\"widgetData\":{\"x\":1},\"downloads\":5,\"spaces\":[\"a/b\"]}", warnings);

  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpint (entry->downloads, ==, 5);
}

/* Each bad value is dropped alone, with a warning naming the field; the rest
 * of the entry is kept. */
static void
test_bad_field (gconstpointer data)
{
  const char * const *c = data;
  const char *member = c[0];
  const char *value = c[1];
  const char *expect = c[2];
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *json = g_strdup_printf ("{\"id\":\"org/model\",\"likes\":7,\"%s\":%s}",
                                           member, value);
  g_autoptr(HubModelEntry) entry = parse_ok (json, warnings);
  g_autofree char *prefix = g_strdup_printf ("field '%s': ", member);

  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings, 0), prefix));
  if (strstr (g_ptr_array_index (warnings, 0), expect) == NULL)
    g_error ("warning '%s' lacks '%s'", (char *) g_ptr_array_index (warnings, 0), expect);
  g_assert_cmpstr (entry->id, ==, "org/model");
  g_assert_cmpint (entry->likes, ==, 7);
  g_assert_cmpint (entry->downloads, ==, HUB_COUNT_NONE);
  g_assert_cmpint (entry->trending_score, ==, HUB_COUNT_NONE);
  g_assert_cmpint (entry->used_storage, ==, HUB_COUNT_NONE);
  g_assert_cmpint (entry->created_at, ==, HUB_TIME_NONE);
  g_assert_null (entry->pipeline_tag);
  g_assert_null (entry->gated);
}

static const char * const bad_fields[][3] = {
  { "downloads", "\"12\"", "expected a number, got a string" },
  { "downloads", "true", "expected a number, got a boolean" },
  { "downloads", "[1]", "expected a number, got an array" },
  { "downloads", "-3", "out of range" },
  { "downloads", "9007199254740993", "out of range" },
  { "downloads", "18446744073709551616", "out of range" },
  { "downloads", "1e300", "out of range" },
  { "downloads", "1e400", "not a finite number" },
  { "downloads", "12.5", "not a whole number" },
  { "trendingScore", "-1", "out of range" },
  { "usedStorage", "{}", "expected a number, got an object" },
  { "createdAt", "\"yesterday\"", "not an ISO 8601 date" },
  { "createdAt", "20260801", "expected a string, got a number" },
  { "pipeline_tag", "42", "expected a string, got a number" },
  { "gated", "\"sometimes\"", "unknown value" },
  { "gated", "3", "expected a boolean or a string" },
};

static void
test_count_limits (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) a = parse_ok (
    "{\"id\":\"o/m\",\"downloads\":9007199254740992,\"likes\":0,\"usedStorage\":3.0}", warnings);

  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpint (a->downloads, ==, HUB_COUNT_MAX);
  g_assert_cmpint (a->likes, ==, 0);
  g_assert_cmpint (a->used_storage, ==, 3);
}

static void
test_gated (void)
{
  static const char * const cases[][2] = {
    { "false", "false" }, { "true", "true" }, { "\"auto\"", "auto" }, { "\"manual\"", "manual" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *json = g_strdup_printf ("{\"id\":\"o/m\",\"gated\":%s}", cases[i][0]);
      g_autoptr(HubModelEntry) entry = parse_ok (json, warnings);

      g_assert_cmpuint (warnings->len, ==, 0);
      g_assert_cmpstr (entry->gated, ==, cases[i][1]);
    }
}

static void
test_bad_id (gconstpointer data)
{
  const char * const *c = data;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(HubModelEntry) entry = parse (c[0], warnings, &error);

  g_assert_null (entry);
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_INVALID_ENTRY);
  g_assert_true (g_str_has_prefix (error->message, "field 'id': "));
  if (strstr (error->message, c[1]) == NULL)
    g_error ("error '%s' lacks '%s'", error->message, c[1]);
}

static const char * const bad_ids[][2] = {
  { "{\"downloads\":3}", "missing" },
  { "{\"id\":null}", "missing" },
  { "{\"id\":42}", "expected a string, got a number" },
  { "{\"id\":[\"a/b\"]}", "expected a string, got an array" },
  { "{\"id\":\"gpt2\"}", "has no owner" },
  { "{\"id\":\"\"}", "has no owner" },
  { "{\"id\":\"org/my model\"}", "not a valid model id" },
  { "{\"id\":\"org/a/b\"}", "not a valid model id" },
  { "{\"id\":\"/root/model\"}", "not a valid model id" },
  { "{\"id\":\"org/mod\\u00e9l\"}", "not a valid model id" },
  { "{\"id\":\"org/a;drop\"}", "not a valid model id" },
};

static void
test_not_an_object (void)
{
  static const char * const docs[] = { "[]", "[{\"id\":\"a/b\"}]", "\"a/b\"", "12", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HubModelEntry) entry = parse (docs[i], NULL, &error);

      g_assert_null (entry);
      g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE);
      g_assert_nonnull (strstr (error->message, "expected an object"));
    }
}

static void
test_lineage_tags (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) entry = parse_ok (
    "{\"id\":\"me/child\",\"tags\":[\"text-generation\",\"base_model:a/one\","
    "\"base_model:finetune:a/one\",\"base_model:quantized:b/two\",\"base_model:c/three\","
    "\"base_model:adapter:/root/models/x\",\"base_model:merge:me/child\","
    "\"base_model:finetune:a/one\",\"base_model:weird:d/four\",\"base_model:e/with space\","
    "\"base_model:f/g/h\",\"base_model:gpt2\"],"
    "\"cardData\":{\"base_model\":\"z/ignored\"}}", warnings);

  g_assert_cmpint (entry->lineage_source, ==, HUB_LINEAGE_SOURCE_TAGS);
  g_assert_cmpuint (entry->parents->len, ==, 4);
  g_assert_cmpstr (parent (entry, 0)->id, ==, "a/one");
  g_assert_cmpint (parent (entry, 0)->relation, ==, HUB_RELATION_FINETUNE);
  g_assert_cmpstr (parent (entry, 1)->id, ==, "b/two");
  g_assert_cmpint (parent (entry, 1)->relation, ==, HUB_RELATION_QUANTIZED);
  g_assert_cmpstr (parent (entry, 2)->id, ==, "c/three");
  g_assert_cmpint (parent (entry, 2)->relation, ==, HUB_RELATION_UNKNOWN);
  /* A bare legacy name is a valid parent. */
  g_assert_cmpstr (parent (entry, 3)->id, ==, "gpt2");

  /* /root/..., the self-loop, "weird:d/four", the space, the two slashes. */
  g_assert_cmpuint (warnings->len, ==, 5);
  g_assert_true (warnings_contain (warnings, "field 'tags[5]': invalid parent model id '/root/models/x'"));
  g_assert_true (warnings_contain (warnings, "field 'tags[6]': model names itself as its parent"));
  g_assert_true (warnings_contain (warnings, "field 'tags[8]': invalid parent model id 'weird:d/four'"));
  g_assert_true (warnings_contain (warnings, "field 'tags[9]'"));
  g_assert_true (warnings_contain (warnings, "field 'tags[10]'"));
  /* The tags keep every raw tag. */
  g_assert_cmpuint (entry->tags->len, ==, 12);
}

static void
test_lineage_base_models_first (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) entry = parse_ok (
    "{\"id\":\"me/child\",\"tags\":[\"base_model:quantized:t/tag\"],"
    "\"baseModels\":{\"relation\":\"adapter\",\"models\":[{\"id\":\"b/m\"},{\"id\":\"b/m\"},"
    "{\"id\":\"me/child\"},{\"id\":7},{\"name\":\"x\"}]},"
    "\"cardData\":{\"base_model\":[\"c/card\"]}}", warnings);

  g_assert_cmpint (entry->lineage_source, ==, HUB_LINEAGE_SOURCE_BASE_MODELS);
  g_assert_cmpuint (entry->parents->len, ==, 1);
  g_assert_cmpstr (parent (entry, 0)->id, ==, "b/m");
  g_assert_cmpint (parent (entry, 0)->relation, ==, HUB_RELATION_ADAPTER);
  g_assert_cmpuint (warnings->len, ==, 3);
  g_assert_true (warnings_contain (warnings, "field 'baseModels.models[2].id': model names itself"));
  g_assert_true (warnings_contain (warnings, "field 'baseModels.models[3].id': expected a model id, got a number"));
  g_assert_true (warnings_contain (warnings, "field 'baseModels.models[4].id': expected a model id"));
}

static void
test_lineage_bad_base_models_falls_back (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) entry = parse_ok (
    "{\"id\":\"me/child\",\"tags\":[\"base_model:merge:t/one\",\"base_model:merge:t/two\"],"
    "\"baseModels\":\"t/one\"}", warnings);

  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (warnings_contain (warnings, "field 'baseModels': expected an object, got a string"));
  g_assert_cmpint (entry->lineage_source, ==, HUB_LINEAGE_SOURCE_TAGS);
  g_assert_cmpuint (entry->parents->len, ==, 2);
  g_assert_cmpint (parent (entry, 1)->relation, ==, HUB_RELATION_MERGE);
}

static void
test_lineage_card_data (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) list = parse_ok (
    "{\"id\":\"me/child\",\"cardData\":{\"base_model\":[\"a/x\",\"b/y\",\"a/x\",null]}}", warnings);
  g_autoptr(HubModelEntry) text = parse_ok (
    "{\"id\":\"me/child\",\"cardData\":{\"base_model\":\"a/x, b/y\",\"license\":[\"mit\",\"other\"]}}",
    warnings);
  g_autoptr(HubModelEntry) bad = NULL;

  g_assert_cmpint (list->lineage_source, ==, HUB_LINEAGE_SOURCE_CARD_DATA);
  g_assert_cmpuint (list->parents->len, ==, 2);
  g_assert_cmpstr (parent (list, 1)->id, ==, "b/y");
  g_assert_cmpint (parent (list, 1)->relation, ==, HUB_RELATION_UNKNOWN);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (warnings_contain (warnings, "field 'cardData.base_model[3]': expected a model id, got null"));

  g_assert_cmpuint (text->parents->len, ==, 2);
  g_assert_cmpstr (parent (text, 0)->id, ==, "a/x");
  g_assert_cmpstr (parent (text, 1)->id, ==, "b/y");
  g_assert_cmpstr (text->license, ==, "mit");

  g_ptr_array_set_size (warnings, 0);
  bad = parse_ok ("{\"id\":\"me/child\",\"cardData\":{\"base_model\":{\"id\":\"a/x\"}}}", warnings);
  g_assert_cmpuint (bad->parents->len, ==, 0);
  g_assert_cmpint (bad->lineage_source, ==, HUB_LINEAGE_SOURCE_NONE);
  g_assert_true (warnings_contain (warnings, "field 'cardData.base_model': expected a string or an array"));
}

static void
test_parents_from_tags_api (void)
{
  g_autoptr(HubModelEntry) entry = hub_model_entry_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  entry->id = g_strdup ("me/child");
  g_ptr_array_add (entry->tags, g_strdup ("base_model:x/y"));
  g_ptr_array_add (entry->tags, g_strdup ("base_model:quantization:x/y"));
  g_ptr_array_add (entry->tags, g_strdup ("license:mit"));
  hub_model_entry_parents_from_tags (entry, warnings);

  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpint (entry->lineage_source, ==, HUB_LINEAGE_SOURCE_TAGS);
  g_assert_cmpuint (entry->parents->len, ==, 1);
  g_assert_cmpint (parent (entry, 0)->relation, ==, HUB_RELATION_QUANTIZED);
}

static void
test_parameters (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) both = parse_ok (
    "{\"id\":\"o/m\",\"safetensors\":{\"total\":100,\"parameters\":{\"BF16\":100}},\"gguf\":{\"total\":7}}",
    warnings);
  g_autoptr(HubModelEntry) bad_st = parse_ok (
    "{\"id\":\"o/m\",\"safetensors\":{\"total\":\"100\"},\"gguf\":{\"total\":7}}", warnings);
  g_autoptr(HubModelEntry) none = parse_ok (
    "{\"id\":\"o/m\",\"safetensors\":{\"parameters\":{}},\"gguf\":[]}", warnings);

  g_assert_cmpint (both->parameters, ==, 100);
  g_assert_cmpint (both->parameters_source, ==, HUB_PARAM_SOURCE_SAFETENSORS);
  g_assert_cmpint (bad_st->parameters, ==, 7);
  g_assert_cmpint (bad_st->parameters_source, ==, HUB_PARAM_SOURCE_GGUF);
  g_assert_cmpint (none->parameters, ==, HUB_COUNT_NONE);
  g_assert_cmpint (none->parameters_source, ==, HUB_PARAM_SOURCE_UNKNOWN);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_true (warnings_contain (warnings, "field 'safetensors.total': expected a number, got a string"));
  g_assert_true (warnings_contain (warnings, "field 'gguf': expected an object, got an array"));
}

static void
test_license_and_author (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubModelEntry) from_tag = parse_ok (
    "{\"id\":\"o/m\",\"author\":\"Other\",\"tags\":[\"license:\",\"license:mit\",\"license:gpl\"]}",
    warnings);
  g_autoptr(HubModelEntry) bad_author = parse_ok (
    "{\"id\":\"o/m\",\"author\":{\"name\":\"o\"},\"tags\":[\"x\",3,\"y\"]}", warnings);

  g_assert_cmpstr (from_tag->license, ==, "mit");
  g_assert_cmpstr (from_tag->author, ==, "Other");
  g_assert_cmpstr (bad_author->author, ==, "o");
  g_assert_cmpuint (bad_author->tags->len, ==, 2);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_true (warnings_contain (warnings, "field 'author': expected a string, got an object"));
  g_assert_true (warnings_contain (warnings, "field 'tags[1]': expected a string, got a number"));
}

static void
test_add_parent (void)
{
  g_autoptr(HubModelEntry) entry = hub_model_entry_new ();

  hub_model_entry_add_parent (entry, "a/b", HUB_RELATION_UNKNOWN);
  hub_model_entry_add_parent (entry, "c/d", HUB_RELATION_MERGE);
  hub_model_entry_add_parent (entry, "a/b", HUB_RELATION_ADAPTER);
  hub_model_entry_add_parent (entry, "a/b", HUB_RELATION_FINETUNE);
  hub_model_entry_add_parent (entry, "c/d", HUB_RELATION_UNKNOWN);

  g_assert_cmpuint (entry->parents->len, ==, 2);
  g_assert_cmpstr (parent (entry, 0)->id, ==, "a/b");
  g_assert_cmpint (parent (entry, 0)->relation, ==, HUB_RELATION_ADAPTER);
  g_assert_cmpint (parent (entry, 1)->relation, ==, HUB_RELATION_MERGE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ingest/real/all", test_real_all);
  g_test_add_func ("/ingest/real/known", test_real_known);
  g_test_add_func ("/ingest/real/warnings-named", test_real_warnings_named);
  g_test_add_func ("/ingest/minimal", test_minimal);
  g_test_add_func ("/ingest/null-fields", test_null_fields);
  g_test_add_func ("/ingest/unknown-fields", test_unknown_fields_ignored);
  for (guint i = 0; i < G_N_ELEMENTS (bad_fields); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ingest/bad-field/%u-%s", i, bad_fields[i][0]);
      g_test_add_data_func (path, bad_fields[i], test_bad_field);
    }
  g_test_add_func ("/ingest/count-limits", test_count_limits);
  g_test_add_func ("/ingest/gated", test_gated);
  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ingest/bad-id/%u", i);
      g_test_add_data_func (path, bad_ids[i], test_bad_id);
    }
  g_test_add_func ("/ingest/not-an-object", test_not_an_object);
  g_test_add_func ("/ingest/lineage/tags", test_lineage_tags);
  g_test_add_func ("/ingest/lineage/base-models-first", test_lineage_base_models_first);
  g_test_add_func ("/ingest/lineage/bad-base-models", test_lineage_bad_base_models_falls_back);
  g_test_add_func ("/ingest/lineage/card-data", test_lineage_card_data);
  g_test_add_func ("/ingest/lineage/parents-from-tags", test_parents_from_tags_api);
  g_test_add_func ("/ingest/parameters", test_parameters);
  g_test_add_func ("/ingest/license-author", test_license_and_author);
  g_test_add_func ("/ingest/add-parent", test_add_parent);

  return g_test_run ();
}
