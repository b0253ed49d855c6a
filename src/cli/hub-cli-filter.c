/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-filter.h"

#include "hub-cli-private.h"
#include "hub-query.h"

#include <glib/gi18n.h>
#include <string.h>

const char * const hub_cli_relation_values[] = {
  "base", "finetune", "adapter", "quantized", "merge", "unknown", NULL
};

static const char *
match_value (const char * const *valid,
             const char         *value)
{
  for (guint i = 0; valid[i] != NULL; i++)
    if (strcmp (valid[i], value) == 0)
      return valid[i];
  for (guint i = 0; valid[i] != NULL; i++)
    if (g_ascii_strcasecmp (valid[i], value) == 0)
      return valid[i];
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
check_one (const char         *command,
           const char         *option,
           char              **value,
           const char * const *valid)
{
  const char *match;

  if (*value == NULL)
    return HUB_CLI_EXIT_OK;
  match = match_value (valid, *value);
  if (match == NULL)
    return hub_cli_fail_value (command, option, *value, valid);
  g_free (*value);
  *value = g_strdup (match);
  return HUB_CLI_EXIT_OK;
}

int
hub_cli_filter_check (const char   *command,
                      HubListQuery *query,
                      HubDataset   *dataset)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new ();
  g_autoptr(GPtrArray) libraries = g_ptr_array_new ();
  int rc;

  g_return_val_if_fail (query != NULL, HUB_CLI_EXIT_FAILED);
  g_return_val_if_fail (dataset != NULL, HUB_CLI_EXIT_FAILED);

  for (guint i = 1; i < hub_dataset_get_n_tasks (dataset); i++)
    g_ptr_array_add (tasks, (gpointer) hub_dataset_get_task (dataset, i)->id);
  /* Sorted, for the usage message. */
  g_ptr_array_sort (tasks, compare_strings);
  g_ptr_array_add (tasks, NULL);
  for (guint i = 1; i < hub_dataset_get_n_libraries (dataset); i++)
    g_ptr_array_add (libraries, (gpointer) hub_dataset_get_library (dataset, i)->id);
  g_ptr_array_sort (libraries, compare_strings);
  g_ptr_array_add (libraries, NULL);

  if ((rc = check_one (command, "--task", &query->task, (const char * const *) tasks->pdata)) != HUB_CLI_EXIT_OK ||
      (rc = check_one (command, "--library", &query->library, (const char * const *) libraries->pdata)) != HUB_CLI_EXIT_OK ||
      (rc = check_one (command, "--country", &query->country, hub_dataset_list_countries (dataset))) != HUB_CLI_EXIT_OK ||
      (rc = check_one (command, "--org-type", &query->org_type, hub_dataset_list_org_types (dataset))) != HUB_CLI_EXIT_OK)
    return rc;
  return HUB_CLI_EXIT_OK;
}

int
hub_cli_filter_set_relation (const char   *command,
                             HubListQuery *query,
                             const char   *relation)
{
  g_return_val_if_fail (query != NULL, HUB_CLI_EXIT_FAILED);

  if (relation == NULL)
    return HUB_CLI_EXIT_OK;
  if (!hub_relation_from_string (relation, &query->relation))
    return hub_cli_fail_value (command, "--relation", relation, hub_cli_relation_values);
  return HUB_CLI_EXIT_OK;
}

int
hub_cli_filter_apply_query (const char   *command,
                            const char   *text,
                            HubListQuery *query)
{
  g_autoptr(GError) error = NULL;
  HubListQuery from_text;
  HubQuery parsed;

  if (text == NULL)
    return HUB_CLI_EXIT_OK;
  if (!hub_query_parse (&parsed, text, &error))
    {
      hub_query_clear (&parsed);
      return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "--query: %s", error->message);
    }
  if (!hub_query_is_filter_only (&parsed))
    g_printerr (_("hubeco %s: only the query’s model filters apply (task, library, country, org_type, relation, "
                  "created_from, created_to, min_params, max_params); its other keys are left aside\n"),
                command);

  hub_list_query_init (&from_text);
  hub_query_get_filter (&parsed, &from_text);
  if (query->task == NULL)
    query->task = g_strdup (from_text.task);
  if (query->library == NULL)
    query->library = g_strdup (from_text.library);
  if (query->country == NULL)
    query->country = g_strdup (from_text.country);
  if (query->org_type == NULL)
    query->org_type = g_strdup (from_text.org_type);
  if (query->relation == HUB_N_RELATIONS)
    query->relation = from_text.relation;
  if (query->created_from == HUB_TIME_NONE)
    query->created_from = from_text.created_from;
  if (query->created_to == HUB_TIME_NONE)
    query->created_to = from_text.created_to;
  if (query->min_params == HUB_COUNT_NONE)
    query->min_params = from_text.min_params;
  if (query->max_params == HUB_COUNT_NONE)
    query->max_params = from_text.max_params;
  hub_query_clear (&parsed);
  return HUB_CLI_EXIT_OK;
}
