/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-core"

#include "config.h"

#include "hub-category-names.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#define ISO_3166_DOMAIN "iso_3166-1"

/* alpha-2 code → English name, read once from iso-codes; empty when the file
 * is missing or unreadable (countries then show as codes). */
static GHashTable *
country_table (void)
{
  static gsize once = 0;
  static GHashTable *table;

  if (g_once_init_enter (&once))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      if (json_parser_load_from_file (parser, ISO_CODES_JSON, &error))
        {
          JsonNode *root = json_parser_get_root (parser);
          JsonObject *top = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
          JsonArray *list = top != NULL && json_object_has_member (top, "3166-1")
                            ? json_object_get_array_member (top, "3166-1") : NULL;

          for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
            {
              JsonObject *c = json_array_get_object_element (list, i);
              const char *code = c != NULL ? json_object_get_string_member_with_default (c, "alpha_2", NULL) : NULL;
              const char *name = c != NULL ? json_object_get_string_member_with_default (c, "common_name", NULL) : NULL;

              if (name == NULL && c != NULL)
                name = json_object_get_string_member_with_default (c, "name", NULL);
              if (code != NULL && name != NULL)
                g_hash_table_insert (t, g_strdup (code), g_strdup (name));
            }
          bindtextdomain (ISO_3166_DOMAIN, ISO_CODES_LOCALEDIR);
          bind_textdomain_codeset (ISO_3166_DOMAIN, "UTF-8");
        }
      else
        g_debug ("No country names (%s): %s", ISO_CODES_JSON, error->message);
      table = t;
      g_once_init_leave (&once, 1);
    }
  return table;
}

const char *
hub_country_name (const char *code)
{
  const char *name;

  if (code == NULL || *code == '\0')
    return NULL;
  if (g_str_equal (code, "ONLINE"))
    return _("Online community");
  name = g_hash_table_lookup (country_table (), code);
  return name != NULL ? g_dgettext (ISO_3166_DOMAIN, name) : g_intern_string (code);
}

const char *
hub_org_type_name (const char *org_type)
{
  if (org_type == NULL || *org_type == '\0')
    return NULL;
  if (g_str_equal (org_type, "company"))
    return _("Company");
  if (g_str_equal (org_type, "university"))
    return _("University");
  if (g_str_equal (org_type, "nonprofit"))
    return _("Nonprofit");
  if (g_str_equal (org_type, "community"))
    return _("Community");
  if (g_str_equal (org_type, "government"))
    return _("Government");
  if (g_str_equal (org_type, "user"))
    return _("Individual");
  return g_intern_string (org_type);
}

const char *
hub_modality_name (const char *modality)
{
  /* The Hub's labels (@huggingface/tasks' MODALITY_LABELS), shortened to fit
   * a chart's column header. */
  static const struct { const char *id; const char *name; } names[] = {
    { "multimodal", N_("Multimodal") },
    { "nlp",        N_("Natural language") },
    { "cv",         N_("Computer vision") },
    { "audio",      N_("Audio") },
    { "tabular",    N_("Tabular") },
    { "rl",         N_("Reinforcement learning") },
    { "other",      N_("Other") },
  };

  if (modality == NULL || *modality == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (modality, names[i].id))
      return _(names[i].name);
  return g_intern_string (modality);
}

const char *
hub_category_name (HubQueryBy  by,
                   const char *label)
{
  const char *name = NULL;

  if (label == NULL)
    return NULL;
  if (by == HUB_QUERY_BY_COUNTRY)
    name = hub_country_name (label);
  else if (by == HUB_QUERY_BY_ORG_TYPE)
    name = hub_org_type_name (label);
  else if (by == HUB_QUERY_BY_MODALITY)
    name = hub_modality_name (label);
  return name != NULL ? name : label;
}
