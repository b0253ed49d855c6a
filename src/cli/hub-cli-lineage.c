/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-private.h"
#include "hub-cli-filter.h"
#include "hub-cli-output.h"
#include "hub-format.h"
#include "hub-lineage.h"
#include "hub-list-query.h"
#include "hub-model-suggest.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* `hubeco lineage`, `hubeco families` and `hubeco intermediaries`: the
 * lineage graph (hub-lineage.h) on the command line. */

#define N_SUGGESTIONS 3
#define DEFAULT_TOP   20

static const char * const tree_formats[] = { "tree", "csv", "json", NULL };
static const char * const table_formats[] = { "table", "csv", "json", NULL };
static const char * const derived_relations[] = {
  "finetune", "adapter", "quantized", "merge", "unknown", NULL
};

/* Parses a whole number option; prints the error and returns FALSE. */
static gboolean
parse_count_option (const char *command,
                    const char *option,
                    const char *value,
                    guint      *out)
{
  guint64 n;

  if (value == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT16, &n, NULL))
    {
      hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                    _("Invalid value “%s” for %s: use a whole number from 0 to %u (0 = all)"),
                    value, option, G_MAXUINT16);
      return FALSE;
    }
  *out = n;
  return TRUE;
}

/* "no model named “X”; closest: a, b, c" and exit 1. */
static int
fail_unknown_model (const char *command,
                    HubDataset *dataset,
                    const char *id)
{
  g_autoptr(GPtrArray) close = hub_model_suggest (dataset, id, N_SUGGESTIONS);

  if (close->len == 0)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("no model named “%s”"), id);
  g_ptr_array_add (close, NULL);
  {
    g_autofree char *list = g_strjoinv (", ", (char **) close->pdata);

    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("no model named “%s”; closest: %s"), id, list);
  }
}

static char *
marks_to_string (guint marks)
{
  static const struct { guint mark; const char *name; } names[] = {
    { HUB_LINEAGE_MARK_ROOT,      "root" },
    { HUB_LINEAGE_MARK_MISSING,   "missing" },
    { HUB_LINEAGE_MARK_SELF_LOOP, "self-loop" },
    { HUB_LINEAGE_MARK_CYCLE,     "cycle" },
    { HUB_LINEAGE_MARK_SEEN,      "seen" },
    { HUB_LINEAGE_MARK_IN_CYCLE,  "in-cycle" },
  };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (marks & names[i].mark)
      g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", names[i].name);
  return g_string_free (s, s->len == 0);
}

/* The id of a parent missing from the data, from the store's lineage table
 * (the dataset keeps only that it is missing). */
static char *
missing_parent_id (HubStore   *store,
                   const char *child,
                   guint       position)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (store == NULL ||
      sqlite3_prepare_v2 (hub_store_get_db (store),
                          "SELECT parent FROM lineage WHERE child = ?1 AND position = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, child, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, position);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* One line or row of `hubeco lineage`. */
typedef struct {
  const char  *direction;  /* "self", "ancestor", "descendant" */
  guint        depth;
  gint32       model;      /* -1: a missing parent */
  const char  *missing_id; /* its id when known */
  gint32       via;        /* the node it hangs under / the child it is a parent of */
  HubRelation  relation;
  guint        marks;
} LineageRow;

static const HubCliColumn lineage_columns[] = {
  { "direction",          NULL, HUB_CLI_VALUE_TEXT },
  { "depth",              NULL, HUB_CLI_VALUE_COUNT },
  { "id",                 NULL, HUB_CLI_VALUE_TEXT },
  { "via",                NULL, HUB_CLI_VALUE_TEXT },
  { "relation",           NULL, HUB_CLI_VALUE_TEXT },
  { "author",             NULL, HUB_CLI_VALUE_TEXT },
  { "downloads",          NULL, HUB_CLI_VALUE_COUNT },
  { "downloads_all_time", NULL, HUB_CLI_VALUE_COUNT },
  { "likes",              NULL, HUB_CLI_VALUE_COUNT },
  { "parameters",         NULL, HUB_CLI_VALUE_COUNT },
  { "share",              NULL, HUB_CLI_VALUE_REAL },
  { "marks",              NULL, HUB_CLI_VALUE_TEXT },
  { "root",               NULL, HUB_CLI_VALUE_TEXT },
};

/* The family of the model asked about: its root and totals. */
typedef struct {
  HubDataset       *dataset;
  HubLineage       *lineage;
  guint32           root;
  HubLineageTotals  totals;
} Family;

/* @model's share of the family's downloads (the root's subtree, which holds
 * every descendant of the model asked about); NaN for a missing parent or a
 * family without downloads. */
static double
share_of (const Family *family,
          gint32        model)
{
  if (model < 0 || family->totals.all.downloads <= 0)
    return NAN;
  return (double) MAX (hub_dataset_get_model (family->dataset, model)->downloads, 0) /
         (double) family->totals.all.downloads;
}

/* A row's share; an ancestor of another family, reached through a second
 * parent, gets NaN: a share of this family would mix two (issue 19). */
static double
row_share (const Family     *family,
           const LineageRow *row)
{
  if (row->model >= 0 && g_str_equal (row->direction, "ancestor") &&
      hub_lineage_get_root (family->lineage, row->model) != family->root)
    return NAN;
  return share_of (family, row->model);
}

/* What the marks in brackets mean, for those @rows carry. */
static void
print_marks_legend (const GArray *rows)
{
  static const struct { guint mark; const char *name; const char *meaning; } legend[] = {
    { HUB_LINEAGE_MARK_ROOT,      "root",      N_("the family’s base model, where root attribution credits its downloads") },
    { HUB_LINEAGE_MARK_MISSING,   "missing",   N_("a parent of this model is not in the data, so its line stops here") },
    { HUB_LINEAGE_MARK_SELF_LOOP, "self-loop", N_("the model names itself as its parent") },
    { HUB_LINEAGE_MARK_CYCLE,     "cycle",     N_("its parents lead back to it") },
    { HUB_LINEAGE_MARK_SEEN,      "seen",      N_("already shown above (reached again through another parent)") },
    { HUB_LINEAGE_MARK_IN_CYCLE,  "in-cycle",  N_("part of a cycle of parents") },
  };
  guint marks = 0;
  gboolean first = TRUE;

  for (guint i = 0; i < rows->len; i++)
    marks |= g_array_index (rows, LineageRow, i).marks;
  for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
    if (marks & legend[i].mark)
      {
        if (first)
          printf ("\n");
        printf ("[%s] %s\n", legend[i].name, _(legend[i].meaning));
        first = FALSE;
      }
}

static void
write_lineage_row (HubCliWriter     *writer,
                   HubDataset       *dataset,
                   const LineageRow *row,
                   const Family     *family,
                   const char       *root_id)
{
  const HubModelRecord *record = row->model >= 0 ? hub_dataset_get_model (dataset, row->model) : NULL;
  g_autofree char *marks = marks_to_string (row->marks);

  hub_cli_writer_add_text (writer, row->direction);
  hub_cli_writer_add_int (writer, row->depth);
  hub_cli_writer_add_text (writer, record != NULL ? record->id : row->missing_id);
  hub_cli_writer_add_text (writer, row->via >= 0 ? hub_dataset_get_model (dataset, row->via)->id : NULL);
  hub_cli_writer_add_text (writer, hub_relation_to_string (row->relation));
  hub_cli_writer_add_text (writer, record != NULL ? hub_dataset_get_author (dataset, record->author)->author : NULL);
  hub_cli_writer_add_int (writer, record != NULL ? record->downloads : HUB_COUNT_NONE);
  hub_cli_writer_add_int (writer, record != NULL ? record->downloads_all_time : HUB_COUNT_NONE);
  hub_cli_writer_add_int (writer, record != NULL ? record->likes : HUB_COUNT_NONE);
  hub_cli_writer_add_int (writer, record != NULL ? record->parameters : HUB_COUNT_NONE);
  hub_cli_writer_add_real (writer, row_share (family, row));
  hub_cli_writer_add_text (writer, marks);
  hub_cli_writer_add_text (writer, root_id);
  hub_cli_writer_end_row (writer);
}

/* An ancestor's line names what the line above is of it ("finetune of
 * google/gemma-4-31B"); the others how they descend from their parent. */
static void
print_tree_line (HubDataset       *dataset,
                 const LineageRow *row,
                 const Family     *family)
{
  const HubModelRecord *record = row->model >= 0 ? hub_dataset_get_model (dataset, row->model) : NULL;
  g_autofree char *marks = marks_to_string (row->marks);
  g_autofree char *downloads = record != NULL ? hub_format_count (record->downloads) : NULL;
  double share = row_share (family, row);
  gboolean ancestor = g_str_equal (row->direction, "ancestor");
  g_autofree char *relation = ancestor ? g_strdup_printf (_("%s of"), hub_relation_to_string (row->relation))
                                       : g_strdup (hub_relation_to_string (row->relation));
  g_autofree char *share_text = isnan (share) ? g_strdup ("–") : g_strdup_printf ("%.1f%%", 100.0 * share);
  const char *id = record != NULL ? record->id
                   : row->missing_id != NULL ? row->missing_id : _("(not in the data)");

  printf ("%*s%s  %s  %s  %s%s%s%s\n",
          (int) (2 * row->depth), "",
          relation, id,
          downloads != NULL ? downloads : "–", share_text,
          marks != NULL ? "  [" : "", marks != NULL ? marks : "", marks != NULL ? "]" : "");
}

/**
 * hub_cli_cmd_lineage:
 * `hubeco lineage ID`: the ancestors of a model up to its roots and its
 * descendants, as an indented tree, CSV or JSON rows.
 */
int
hub_cli_cmd_lineage (int    argc,
                     char **argv)
{
  const char *command = "lineage";
  g_autofree char *db_path = NULL;
  g_autofree char *depth_text = NULL;
  g_autofree char *format = NULL;
  gboolean want_up = FALSE, want_down = FALSE;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(GArray) up = NULL;
  g_autoptr(GArray) down = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (LineageRow));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Family family = { 0 };
  const HubModelRecord *record;
  const char *root_id;
  guint depth = 0;
  gint32 model;
  int rc;
  enum { TREE, CSV, JSON } out_format = TREE;
  const GOptionEntry entries[] = {
    { "ancestors", 0, 0, G_OPTION_ARG_NONE, &want_up, N_("Show the ancestors up to the roots"), NULL },
    { "descendants", 0, 0, G_OPTION_ARG_NONE, &want_down, N_("Show the descendants"), NULL },
    { "depth", 0, 0, G_OPTION_ARG_STRING, &depth_text,
      N_("At most N generations up and down (default: all)"), N_("N") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: tree (default), csv, json"), N_("FORMAT") },
    { NULL }
  };

  rc = hub_cli_parse_options (command, _("ID"),
                              _("Show where a model comes from and what was made from it."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  if (argc < 2)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Missing the model id, e.g. hubeco lineage meta-llama/Llama-3.1-8B"));
  if (argc > 2)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[2]);
  if (!parse_count_option (command, "--depth", depth_text, &depth))
    return HUB_CLI_EXIT_USAGE;
  if (format != NULL)
    {
      if (strcmp (format, "tree") == 0)
        out_format = TREE;
      else if (strcmp (format, "csv") == 0)
        out_format = CSV;
      else if (strcmp (format, "json") == 0)
        out_format = JSON;
      else
        return hub_cli_fail_value (command, "--format", format, tree_formats);
    }
  if (!want_up && !want_down)
    want_up = want_down = TRUE;

  dataset = hub_cli_load_dataset (db_path, &error);
  if (dataset == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
  model = hub_dataset_find_model (dataset, argv[1]);
  if (model < 0)
    return fail_unknown_model (command, dataset, argv[1]);

  lineage = hub_lineage_new (dataset);
  record = hub_dataset_get_model (dataset, model);
  root_id = hub_dataset_get_model (dataset, hub_lineage_get_root (lineage, model))->id;
  family.dataset = dataset;
  family.lineage = lineage;
  family.root = hub_lineage_get_root (lineage, model);
  hub_lineage_subtree_totals (lineage, family.root, &family.totals);

  /* Rows: the model, its ancestors, its descendants (without the start). */
  {
    LineageRow row = { "self", 0, model, NULL, -1, record->relation, hub_lineage_get_marks (lineage, model) };

    /* A root whose parent is missing from the data is still what it is of
     * that parent ("finetune"), not a base model (issue 19). */
    g_array_append_val (rows, row);
  }
  if (want_up)
    {
      up = hub_lineage_ancestors (lineage, model, depth);
      for (guint i = 0; i < up->len; i++)
        {
          const HubLineageAncestor *a = &g_array_index (up, HubLineageAncestor, i);
          LineageRow row = { "ancestor", a->depth, a->model, NULL, a->child, a->relation, a->marks };

          if (a->model < 0)
            {
              if (store == NULL)
                store = hub_cli_open_store (db_path, NULL);
              row.missing_id = missing_parent_id (store, hub_dataset_get_model (dataset, a->child)->id,
                                                  a->position);
              g_ptr_array_add (owned, (gpointer) row.missing_id);
            }
          g_array_append_val (rows, row);
        }
    }
  if (want_down)
    {
      down = hub_lineage_descendants (lineage, model, depth, NULL);
      for (guint i = 1; i < down->len; i++)
        {
          const HubLineageNode *n = &g_array_index (down, HubLineageNode, i);
          LineageRow row = { "descendant", n->depth, n->model, NULL, n->parent, n->relation,
                             n->marks & ~(guint) HUB_LINEAGE_MARK_ROOT };

          g_array_append_val (rows, row);
        }
    }

  if (out_format == TREE)
    {
      g_autofree char *family_downloads = hub_format_count (family.totals.all.downloads);
      g_autofree char *family_all_time = hub_format_count (hub_lineage_sum_all_time (&family.totals.all));
      double root_share = share_of (&family, (gint32) family.root);
      guint i = 1;

      /* No known all-time count: say nothing rather than 0. */
      g_autofree char *family_models = hub_format_count ((gint64) family.totals.all.n_models);

      if (family.totals.all.n_all_time_known > 0)
        printf (_("Family of %s: %s models, %s downloads in 30 days (%s all time); "
                  "the root holds %.1f%%\n"),
                root_id, family_models, family_downloads, family_all_time,
                isnan (root_share) ? 0.0 : 100.0 * root_share);
      else
        printf (_("Family of %s: %s models, %s downloads in 30 days; "
                  "the root holds %.1f%%\n"),
                root_id, family_models, family_downloads,
                isnan (root_share) ? 0.0 : 100.0 * root_share);
      printf (_("Columns: relation, model, downloads in 30 days, share of the family\n"));
      if (want_up)
        {
          printf (_("\nAncestors of %s, nearest first (each line: what the line above is of it):\n"), record->id);
          print_tree_line (dataset, &g_array_index (rows, LineageRow, 0), &family);
          for (; i < rows->len && strcmp (g_array_index (rows, LineageRow, i).direction, "ancestor") == 0; i++)
            print_tree_line (dataset, &g_array_index (rows, LineageRow, i), &family);
        }
      if (want_down)
        {
          printf (_("\nDescendants of %s:\n"), record->id);
          print_tree_line (dataset, &g_array_index (rows, LineageRow, 0), &family);
          for (; i < rows->len; i++)
            print_tree_line (dataset, &g_array_index (rows, LineageRow, i), &family);
        }
      print_marks_legend (rows);
      if (fflush (stdout) != 0 || ferror (stdout))
        return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
    }
  else
    {
      g_autoptr(HubCliWriter) writer =
        hub_cli_writer_new (stdout, out_format == CSV ? HUB_CLI_FORMAT_CSV : HUB_CLI_FORMAT_JSON,
                            lineage_columns, G_N_ELEMENTS (lineage_columns));

      for (guint i = 0; i < rows->len; i++)
        write_lineage_row (writer, dataset, &g_array_index (rows, LineageRow, i), &family, root_id);
      if (!hub_cli_writer_finish (writer))
        return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
    }

  return HUB_CLI_EXIT_OK;
}

static HubCliFormat
parse_table_format (const char *command,
                    const char *format,
                    int        *rc)
{
  HubCliFormat out = HUB_CLI_FORMAT_TABLE;

  *rc = HUB_CLI_EXIT_OK;
  if (format != NULL && !hub_cli_format_from_string (format, &out))
    *rc = hub_cli_fail_value (command, "--format", format, table_formats);
  return out;
}

/* Translates the titles of @columns into @out. */
static void
translate_columns (const HubCliColumn *columns,
                   guint               n_columns,
                   HubCliColumn       *out)
{
  for (guint i = 0; i < n_columns; i++)
    {
      out[i] = columns[i];
      out[i].title = columns[i].title != NULL ? _(columns[i].title) : NULL;
    }
}

static const HubCliColumn family_columns[] = {
  { "root",               N_("Root"),       HUB_CLI_VALUE_TEXT },
  { "models",             N_("Models"),     HUB_CLI_VALUE_COUNT },
  { "downloads",          N_("Downloads"),  HUB_CLI_VALUE_COUNT },
  { "downloads_all_time", N_("All-time"),   HUB_CLI_VALUE_COUNT },
  { "root_share",         N_("Root share"), HUB_CLI_VALUE_REAL },
  { "finetune",           N_("Fine-tunes"), HUB_CLI_VALUE_COUNT },
  { "adapter",            N_("Adapters"),   HUB_CLI_VALUE_COUNT },
  { "quantized",          N_("Quantized"),  HUB_CLI_VALUE_COUNT },
  { "merge",              N_("Merges"),     HUB_CLI_VALUE_COUNT },
  { "author",             N_("Author"),     HUB_CLI_VALUE_TEXT },
  { "pipeline_tag",       N_("Task"),       HUB_CLI_VALUE_TEXT },
  { "library_name",       NULL,             HUB_CLI_VALUE_TEXT },
};

/**
 * hub_cli_cmd_families:
 * `hubeco families`: families (a root and all its descendants) ranked by
 * the 30-day downloads of all their members.
 */
int
hub_cli_cmd_families (int    argc,
                      char **argv)
{
  const char *command = "families";
  g_autofree char *db_path = NULL;
  g_autofree char *top_text = NULL;
  g_autofree char *format = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  g_autoptr(GArray) families = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  HubCliColumn columns[G_N_ELEMENTS (family_columns)];
  HubListQuery query;
  HubCliFormat out_format = HUB_CLI_FORMAT_TABLE;
  gboolean filtered;
  guint top = DEFAULT_TOP;
  int rc;
  const GOptionEntry entries[] = {
    { "top", 0, 0, G_OPTION_ARG_STRING, &top_text, N_("Print the N largest families (default 20, 0 = all)"), N_("N") },
    { "task", 0, 0, G_OPTION_ARG_STRING, &query.task, N_("Only families whose root has this task"), N_("TASK") },
    { "library", 0, 0, G_OPTION_ARG_STRING, &query.library, N_("Only families whose root has this library"), N_("LIBRARY") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &query.country,
      N_("Only families whose root's author is in this country"), N_("CC") },
    { "org-type", 0, 0, G_OPTION_ARG_STRING, &query.org_type,
      N_("Only families whose root's author is of this organization type"), N_("TYPE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: table (default), csv, json"), N_("FORMAT") },
    { NULL }
  };

  hub_list_query_init (&query);
  rc = hub_cli_parse_options (command, NULL,
                              _("Rank model families (a root and everything made from it) by downloads."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK && !parse_count_option (command, "--top", top_text, &top))
    rc = HUB_CLI_EXIT_USAGE;
  if (rc == HUB_CLI_EXIT_OK)
    out_format = parse_table_format (command, format, &rc);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  dataset = hub_cli_load_dataset (db_path, &error);
  if (dataset == NULL)
    {
      rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
      goto out;
    }
  /* Unknown filter values are usage errors, as in `hubeco list`. */
  if ((rc = hub_cli_filter_check (command, &query, dataset)) != HUB_CLI_EXIT_OK)
    goto out;
  lineage = hub_lineage_new (dataset);
  filtered = query.task != NULL || query.library != NULL || query.country != NULL || query.org_type != NULL;
  families = hub_lineage_rank_families (lineage, filtered ? &query : NULL, 1, top, NULL);
  if (filtered && families->len == 0)
    g_printerr (_("hubeco %s: no family has a root that matches these filters\n"), command);

  translate_columns (family_columns, G_N_ELEMENTS (family_columns), columns);
  writer = hub_cli_writer_new (stdout, out_format, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < families->len; i++)
    {
      const HubLineageFamily *f = &g_array_index (families, HubLineageFamily, i);
      const HubModelRecord *root = hub_dataset_get_model (dataset, f->root);
      HubLineageTotals by;  /* the family's sums by relation */

      hub_lineage_subtree_totals (lineage, f->root, &by);
      hub_cli_writer_add_text (writer, root->id);
      hub_cli_writer_add_int (writer, f->all.n_models);
      hub_cli_writer_add_int (writer, f->all.downloads);
      hub_cli_writer_add_int (writer, hub_lineage_sum_all_time (&f->all));
      hub_cli_writer_add_real (writer, f->all.downloads > 0 ? f->root_share : NAN);
      hub_cli_writer_add_int (writer, by.by_relation[HUB_RELATION_FINETUNE].n_models);
      hub_cli_writer_add_int (writer, by.by_relation[HUB_RELATION_ADAPTER].n_models);
      hub_cli_writer_add_int (writer, by.by_relation[HUB_RELATION_QUANTIZED].n_models);
      hub_cli_writer_add_int (writer, by.by_relation[HUB_RELATION_MERGE].n_models);
      hub_cli_writer_add_text (writer, hub_dataset_get_author (dataset, root->author)->author);
      hub_cli_writer_add_text (writer, root->task != 0 ? hub_dataset_get_task (dataset, root->task)->id : NULL);
      hub_cli_writer_add_text (writer, root->library != 0 ? hub_dataset_get_library (dataset, root->library)->id : NULL);
      hub_cli_writer_end_row (writer);
    }
  rc = hub_cli_writer_finish (writer)
       ? HUB_CLI_EXIT_OK
       : hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));

out:
  hub_list_query_clear (&query);
  return rc;
}

static const HubCliColumn intermediary_columns[] = {
  { "author",             N_("Author"),     HUB_CLI_VALUE_TEXT },
  { "models",             N_("Models"),     HUB_CLI_VALUE_COUNT },
  { "downloads",          N_("Downloads"),  HUB_CLI_VALUE_COUNT },
  { "downloads_all_time", N_("All-time"),   HUB_CLI_VALUE_COUNT },
  { "finetune",           N_("Fine-tunes"), HUB_CLI_VALUE_COUNT },
  { "adapter",            N_("Adapters"),   HUB_CLI_VALUE_COUNT },
  { "quantized",          N_("Quantized"),  HUB_CLI_VALUE_COUNT },
  { "merge",              N_("Merges"),     HUB_CLI_VALUE_COUNT },
  { "country",            N_("Country"),    HUB_CLI_VALUE_TEXT },
  { "org_type",           NULL,             HUB_CLI_VALUE_TEXT },
};

/**
 * hub_cli_cmd_intermediaries:
 * `hubeco intermediaries`: authors ranked by the downloads of what they
 * derived from other authors' models.
 */
int
hub_cli_cmd_intermediaries (int    argc,
                            char **argv)
{
  const char *command = "intermediaries";
  g_autofree char *db_path = NULL;
  g_autofree char *top_text = NULL;
  g_autofree char *relation_text = NULL;
  g_autofree char *family_text = NULL;
  g_autofree char *format = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  g_autoptr(GArray) ranked = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  HubCliColumn columns[G_N_ELEMENTS (intermediary_columns)];
  HubRelation relation = HUB_N_RELATIONS;
  HubCliFormat out_format = HUB_CLI_FORMAT_TABLE;
  gint32 family = -1;
  guint top = DEFAULT_TOP;
  int rc;
  const GOptionEntry entries[] = {
    { "top", 0, 0, G_OPTION_ARG_STRING, &top_text, N_("Print the first N authors (default 20, 0 = all)"), N_("N") },
    { "relation", 0, 0, G_OPTION_ARG_STRING, &relation_text,
      N_("Count only derivatives of this relation: finetune, adapter, quantized, merge, unknown"), N_("RELATION") },
    { "family", 0, 0, G_OPTION_ARG_STRING, &family_text,
      N_("Look only in the family of this root model"), N_("ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: table (default), csv, json"), N_("FORMAT") },
    { NULL }
  };

  rc = hub_cli_parse_options (command, NULL,
                              _("Rank authors by the downloads of what they derived from other authors' models."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  if (argc > 1)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (!parse_count_option (command, "--top", top_text, &top))
    return HUB_CLI_EXIT_USAGE;
  if (relation_text != NULL &&
      (!g_strv_contains (derived_relations, relation_text) ||
       !hub_relation_from_string (relation_text, &relation)))
    return hub_cli_fail_value (command, "--relation", relation_text, derived_relations);
  out_format = parse_table_format (command, format, &rc);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;

  dataset = hub_cli_load_dataset (db_path, &error);
  if (dataset == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
  if (family_text != NULL)
    {
      family = hub_dataset_find_model (dataset, family_text);
      if (family < 0)
        return fail_unknown_model (command, dataset, family_text);
    }
  lineage = hub_lineage_new (dataset);
  ranked = hub_lineage_rank_intermediaries (lineage, family, relation);

  translate_columns (intermediary_columns, G_N_ELEMENTS (intermediary_columns), columns);
  writer = hub_cli_writer_new (stdout, out_format, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < ranked->len && (top == 0 || i < top); i++)
    {
      const HubLineageIntermediary *im = &g_array_index (ranked, HubLineageIntermediary, i);
      const HubAuthorInfo *author = hub_dataset_get_author (dataset, im->author);

      hub_cli_writer_add_text (writer, author->author);
      hub_cli_writer_add_int (writer, im->derivatives.all.n_models);
      hub_cli_writer_add_int (writer, im->derivatives.all.downloads);
      hub_cli_writer_add_int (writer, hub_lineage_sum_all_time (&im->derivatives.all));
      hub_cli_writer_add_int (writer, im->derivatives.by_relation[HUB_RELATION_FINETUNE].n_models);
      hub_cli_writer_add_int (writer, im->derivatives.by_relation[HUB_RELATION_ADAPTER].n_models);
      hub_cli_writer_add_int (writer, im->derivatives.by_relation[HUB_RELATION_QUANTIZED].n_models);
      hub_cli_writer_add_int (writer, im->derivatives.by_relation[HUB_RELATION_MERGE].n_models);
      hub_cli_writer_add_text (writer, author->country);
      hub_cli_writer_add_text (writer, author->org_type);
      hub_cli_writer_end_row (writer);
    }
  if (!hub_cli_writer_finish (writer))
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
  return HUB_CLI_EXIT_OK;
}
