/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-test-util.h"

#include "hub-dataset.h"
#include "hub-dataset-private.h"
#include "hub-import.h"
#include "hub-lineage.h"
#include "hub-list-query.h"
#include "hub-model-suggest.h"
#include "hub-store.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * A small hand-made graph with every case: a family with a diamond and a
 * merge reaching into another family, a cycle, a self-loop, missing
 * parents, a deep chain.
 *
 *   base/root ──finetune── ft/tuned ──quantized── q/tuned-GGUF
 *      │                      ├──merge── mx/merge ──merge── other/Other
 *      │                      └──merge── dia/merge2 ──merge── q/root-GGUF
 *      ├──adapter── base/root-lora
 *      ├──quantized── q/root-GGUF
 *      └──finetune── miss/two (first parent gone/missing)
 *   cyc/a ⇄ cyc/b ── cyc/c;  self/loop ↺ ── self/child;
 *   miss/child ── gone/missing;  d/c0 ── d/c1 ── ... ── d/c7
 * ------------------------------------------------------------------------ */

typedef struct {
  const char  *id;
  gint64       downloads;
  const char  *task;
  HubRelation  relation;
  const char  *parents[3];
} SmallModel;

static const SmallModel small_models[] = {
  { "base/root",      1000, "text-generation", HUB_RELATION_NONE,      { NULL } },
  { "q/root-GGUF",     300, NULL,  HUB_RELATION_QUANTIZED, { "base/root" } },
  { "ft/tuned",        200, NULL,  HUB_RELATION_FINETUNE,  { "base/root" } },
  { "q/tuned-GGUF",    100, NULL,  HUB_RELATION_QUANTIZED, { "ft/tuned" } },
  { "base/root-lora",   50, NULL,  HUB_RELATION_ADAPTER,   { "base/root" } },
  { "other/Other",     400, "image-text-to-text", HUB_RELATION_NONE, { NULL } },
  { "mx/merge",         70, NULL,  HUB_RELATION_MERGE,     { "ft/tuned", "other/Other" } },
  { "dia/merge2",       20, NULL,  HUB_RELATION_MERGE,     { "ft/tuned", "q/root-GGUF" } },
  { "miss/two",          5, NULL,  HUB_RELATION_FINETUNE,  { "gone/missing", "base/root" } },
  { "miss/child",        7, NULL,  HUB_RELATION_FINETUNE,  { "gone/missing" } },
  { "cyc/a",            10, NULL,  HUB_RELATION_FINETUNE,  { "cyc/b" } },
  { "cyc/b",            20, NULL,  HUB_RELATION_FINETUNE,  { "cyc/a" } },
  { "cyc/c",            30, NULL,  HUB_RELATION_FINETUNE,  { "cyc/b" } },
  { "self/loop",        40, NULL,  HUB_RELATION_NONE,      { NULL } },
  { "self/child",        1, NULL,  HUB_RELATION_ADAPTER,   { "self/loop" } },
  { "d/c0", 1, NULL, HUB_RELATION_NONE,     { NULL } },
  { "d/c1", 1, NULL, HUB_RELATION_FINETUNE, { "d/c0" } },
  { "d/c2", 1, NULL, HUB_RELATION_FINETUNE, { "d/c1" } },
  { "d/c3", 1, NULL, HUB_RELATION_FINETUNE, { "d/c2" } },
  { "d/c4", 1, NULL, HUB_RELATION_FINETUNE, { "d/c3" } },
  { "d/c5", 1, NULL, HUB_RELATION_FINETUNE, { "d/c4" } },
  { "d/c6", 1, NULL, HUB_RELATION_FINETUNE, { "d/c5" } },
  { "d/c7", 1, NULL, HUB_RELATION_FINETUNE, { "d/c6" } },
};

static char *small_db_path;

static void
upsert_or_die (HubStore            *store,
               const HubModelEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hub_store_upsert_model (store, entry, NULL, &error));
  g_assert_no_error (error);
}

/* Builds the small graph's database once; returns its path. */
static const char *
small_db (void)
{
  g_autoptr(HubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  char *errmsg = NULL;

  if (small_db_path != NULL)
    return small_db_path;

  dir = hub_test_tmpdir ();
  small_db_path = g_build_filename (dir, "small.db", NULL);
  store = hub_store_open (small_db_path, &error);
  g_assert_no_error (error);
  g_assert_true (hub_store_begin (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (small_models); i++)
    {
      const SmallModel *m = &small_models[i];
      g_autoptr(HubModelEntry) entry = hub_model_entry_new ();

      entry->id = g_strdup (m->id);
      entry->author = g_strndup (m->id, strchr (m->id, '/') - m->id);
      entry->downloads = m->downloads;
      entry->downloads_all_time = m->downloads * 10;
      entry->likes = 1;
      entry->pipeline_tag = g_strdup (m->task);
      for (guint k = 0; k < G_N_ELEMENTS (m->parents) && m->parents[k] != NULL; k++)
        hub_model_entry_add_parent (entry, m->parents[k], m->relation);
      if (entry->parents->len > 0)
        entry->lineage_source = HUB_LINEAGE_SOURCE_BASE_MODELS;
      upsert_or_die (store, entry);
    }
  /* The parser drops self-loops, so write this one as a store holding an
   * older or foreign file would have it. */
  g_assert_cmpint (sqlite3_exec (hub_store_get_db (store),
                                 "INSERT INTO lineage (child, parent, relation, position)"
                                 " VALUES ('self/loop', 'self/loop', 'finetune', 0)",
                                 NULL, NULL, &errmsg), ==, SQLITE_OK);
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);

  return small_db_path;
}

static HubLineage *
small_lineage (void)
{
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  store = hub_store_open (small_db (), &error);
  g_assert_no_error (error);
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hub_dataset_get_n_models (dataset), ==, G_N_ELEMENTS (small_models));
  return hub_lineage_new (dataset);
}

static guint
idx (HubLineage *lineage,
     const char *id)
{
  gint32 i = hub_dataset_find_model (hub_lineage_get_dataset (lineage), id);

  g_assert_cmpint (i, >=, 0);
  return i;
}

static const char *
id_of (HubLineage *lineage,
       gint32      model)
{
  if (model < 0)
    return "(missing)";
  return hub_dataset_get_model (hub_lineage_get_dataset (lineage), model)->id;
}

/* "id@depth/marks" for every entry, joined by spaces, for compact checks. */
static char *
describe_ancestors (HubLineage *lineage,
                    GArray     *list)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      const HubLineageAncestor *a = &g_array_index (list, HubLineageAncestor, i);

      g_string_append_printf (s, "%s%s@%u/%s:%u", i > 0 ? " " : "", id_of (lineage, a->model),
                              a->depth, id_of (lineage, a->child), a->position);
      if (a->marks & HUB_LINEAGE_MARK_ROOT) g_string_append (s, "+root");
      if (a->marks & HUB_LINEAGE_MARK_MISSING) g_string_append (s, "+missing");
      if (a->marks & HUB_LINEAGE_MARK_SELF_LOOP) g_string_append (s, "+self");
      if (a->marks & HUB_LINEAGE_MARK_CYCLE) g_string_append (s, "+cycle");
      if (a->marks & HUB_LINEAGE_MARK_SEEN) g_string_append (s, "+seen");
    }
  return g_string_free (s, FALSE);
}

static char *
describe_nodes (HubLineage *lineage,
                GArray     *list)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      const HubLineageNode *n = &g_array_index (list, HubLineageNode, i);

      g_string_append_printf (s, "%s%s@%u<%s", i > 0 ? " " : "", id_of (lineage, n->model),
                              n->depth, id_of (lineage, n->parent));
      if (n->marks & HUB_LINEAGE_MARK_CYCLE) g_string_append (s, "+cycle");
      if (n->marks & HUB_LINEAGE_MARK_SEEN) g_string_append (s, "+seen");
    }
  return g_string_free (s, FALSE);
}

static void
test_small_roots (void)
{
  g_autoptr(HubLineage) lineage = small_lineage ();

  g_assert_cmpstr (id_of (lineage, hub_lineage_get_root (lineage, idx (lineage, "q/tuned-GGUF"))), ==, "base/root");
  /* A merge goes to the root of its first parent. */
  g_assert_cmpstr (id_of (lineage, hub_lineage_get_root (lineage, idx (lineage, "mx/merge"))), ==, "base/root");
  /* A first parent missing from the data makes a model its own root. */
  g_assert_cmpstr (id_of (lineage, hub_lineage_get_root (lineage, idx (lineage, "miss/two"))), ==, "miss/two");
  g_assert_true (hub_lineage_get_marks (lineage, idx (lineage, "miss/two")) & HUB_LINEAGE_MARK_MISSING);
  g_assert_true (hub_lineage_get_marks (lineage, idx (lineage, "miss/two")) & HUB_LINEAGE_MARK_ROOT);
  /* A cycle's root is its lowest index (ids sort "cyc/a" first). */
  g_assert_cmpstr (id_of (lineage, hub_lineage_get_root (lineage, idx (lineage, "cyc/b"))), ==, "cyc/a");
  g_assert_cmpstr (id_of (lineage, hub_lineage_get_root (lineage, idx (lineage, "cyc/c"))), ==, "cyc/a");
  g_assert_true (hub_lineage_get_marks (lineage, idx (lineage, "cyc/a")) & HUB_LINEAGE_MARK_IN_CYCLE);
  g_assert_true (hub_lineage_get_marks (lineage, idx (lineage, "cyc/b")) & HUB_LINEAGE_MARK_IN_CYCLE);
  g_assert_false (hub_lineage_get_marks (lineage, idx (lineage, "cyc/c")) & HUB_LINEAGE_MARK_IN_CYCLE);
  /* A self-loop is its own root. */
  g_assert_cmpstr (id_of (lineage, hub_lineage_get_root (lineage, idx (lineage, "self/child"))), ==, "self/loop");
  g_assert_true (hub_lineage_get_marks (lineage, idx (lineage, "self/loop")) & HUB_LINEAGE_MARK_SELF_LOOP);
  g_assert_cmpstr (id_of (lineage, hub_lineage_get_root (lineage, idx (lineage, "d/c7"))), ==, "d/c0");
}

static void
test_small_ancestors (void)
{
  g_autoptr(HubLineage) lineage = small_lineage ();
  struct { const char *id; guint depth; const char *expected; } cases[] = {
    /* Merges keep the documented order: first parent's line first. */
    { "mx/merge", 0, "ft/tuned@1/mx/merge:0 base/root@2/ft/tuned:0+root other/Other@1/mx/merge:1+root" },
    /* A diamond: base/root is reached twice and listed as seen. */
    { "dia/merge2", 0, "ft/tuned@1/dia/merge2:0 base/root@2/ft/tuned:0+root "
                       "q/root-GGUF@1/dia/merge2:1 base/root@2/q/root-GGUF:0+root+seen" },
    { "cyc/c", 0, "cyc/b@1/cyc/c:0 cyc/a@2/cyc/b:0 cyc/b@3/cyc/a:0+cycle" },
    { "self/loop", 0, "self/loop@1/self/loop:0+root+self" },
    { "self/child", 0, "self/loop@1/self/child:0+root self/loop@2/self/loop:0+root+self" },
    { "miss/two", 0, "(missing)@1/miss/two:0+missing base/root@1/miss/two:1+root" },
    { "base/root", 0, "" },
    { "d/c7", 2, "d/c6@1/d/c7:0 d/c5@2/d/c6:0" },
    { "d/c3", 0, "d/c2@1/d/c3:0 d/c1@2/d/c2:0 d/c0@3/d/c1:0+root" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) list = hub_lineage_ancestors (lineage, idx (lineage, cases[i].id), cases[i].depth);
      g_autofree char *got = describe_ancestors (lineage, list);

      g_test_message ("ancestors of %s", cases[i].id);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_small_descendants (void)
{
  g_autoptr(HubLineage) lineage = small_lineage ();
  HubLineageTotals totals;
  struct { const char *id; guint depth; const char *expected; guint n; gint64 downloads; } cases[] = {
    /* miss/two (base/root is its second parent) comes first, then the
     * children attributed to base/root grouped by relation: finetune,
     * adapter, quantized, merge. dia/merge2 hangs under its first parent
     * ft/tuned and is seen again under q/root-GGUF. */
    { "base/root", 0,
      "base/root@0<base/root miss/two@1<base/root ft/tuned@1<base/root q/tuned-GGUF@2<ft/tuned "
      "dia/merge2@2<ft/tuned mx/merge@2<ft/tuned base/root-lora@1<base/root "
      "q/root-GGUF@1<base/root dia/merge2@2<q/root-GGUF+seen",
      8, 1000 + 300 + 200 + 100 + 50 + 70 + 20 + 5 },
    { "base/root", 1,
      "base/root@0<base/root miss/two@1<base/root ft/tuned@1<base/root base/root-lora@1<base/root "
      "q/root-GGUF@1<base/root",
      5, 1000 + 200 + 5 + 50 + 300 },
    { "cyc/a", 0, "cyc/a@0<cyc/a cyc/b@1<cyc/a cyc/a@2<cyc/b+cycle cyc/c@2<cyc/b", 3, 60 },
    /* From inside the cycle: cyc/a (a root) leads back to the start. */
    { "cyc/b", 0, "cyc/b@0<cyc/b cyc/a@1<cyc/b cyc/b@2<cyc/a+cycle cyc/c@1<cyc/b", 3, 60 },
    { "cyc/b", 1, "cyc/b@0<cyc/b cyc/a@1<cyc/b cyc/c@1<cyc/b", 3, 60 },
    { "self/loop", 0, "self/loop@0<self/loop self/child@1<self/loop", 2, 41 },
    { "d/c0", 3, "d/c0@0<d/c0 d/c1@1<d/c0 d/c2@2<d/c1 d/c3@3<d/c2", 4, 4 },
    { "d/c6", 0, "d/c6@0<d/c6 d/c7@1<d/c6", 2, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) list = hub_lineage_descendants (lineage, idx (lineage, cases[i].id),
                                                        cases[i].depth, &totals);
      g_autofree char *got = describe_nodes (lineage, list);

      g_test_message ("descendants of %s depth %u", cases[i].id, cases[i].depth);
      g_assert_cmpstr (got, ==, cases[i].expected);
      g_assert_cmpuint (totals.all.n_models, ==, cases[i].n);
      g_assert_cmpint (totals.all.downloads, ==, cases[i].downloads);
      g_assert_cmpint (totals.all.downloads_all_time, ==, cases[i].downloads * 10);
      g_assert_cmpuint (totals.all.n_all_time_known, ==, cases[i].n);
      g_assert_cmpint (hub_lineage_sum_all_time (&totals.all), ==, cases[i].downloads * 10);
    }

  /* By relation (of each model to its first parent) over the family. */
  hub_lineage_subtree_totals (lineage, idx (lineage, "base/root"), &totals);
  g_assert_cmpuint (totals.all.n_models, ==, 8);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_NONE].n_models, ==, 1);
  g_assert_cmpint (totals.by_relation[HUB_RELATION_NONE].downloads, ==, 1000);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_QUANTIZED].n_models, ==, 2);
  g_assert_cmpint (totals.by_relation[HUB_RELATION_QUANTIZED].downloads, ==, 400);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_MERGE].n_models, ==, 2);
  g_assert_cmpint (totals.by_relation[HUB_RELATION_MERGE].downloads, ==, 90);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_FINETUNE].n_models, ==, 2);
  g_assert_cmpint (totals.by_relation[HUB_RELATION_FINETUNE].downloads, ==, 205);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_ADAPTER].n_models, ==, 1);
  g_assert_cmpint (totals.by_relation[HUB_RELATION_ADAPTER].downloads_all_time, ==, 500);
}

static void
test_small_expand (void)
{
  g_autoptr(HubLineage) lineage = small_lineage ();
  g_autoptr(GArray) children = hub_lineage_expand (lineage, idx (lineage, "base/root"), NULL, 0);
  g_autoptr(GArray) cyc = NULL;
  guint32 path[1];
  const HubLineageChild *c;

  g_assert_cmpuint (children->len, ==, 4);
  c = &g_array_index (children, HubLineageChild, 0);
  g_assert_cmpstr (id_of (lineage, c->model), ==, "ft/tuned");
  g_assert_cmpint (c->relation, ==, HUB_RELATION_FINETUNE);
  g_assert_cmpuint (c->n_children, ==, 3);
  g_assert_cmpuint (c->subtree.all.n_models, ==, 4);
  g_assert_cmpint (c->subtree.all.downloads, ==, 200 + 100 + 70 + 20);
  c = &g_array_index (children, HubLineageChild, 1);
  g_assert_cmpstr (id_of (lineage, c->model), ==, "miss/two");
  g_assert_true (c->marks & HUB_LINEAGE_MARK_MISSING);
  c = &g_array_index (children, HubLineageChild, 2);
  g_assert_cmpstr (id_of (lineage, c->model), ==, "base/root-lora");
  c = &g_array_index (children, HubLineageChild, 3);
  g_assert_cmpstr (id_of (lineage, c->model), ==, "q/root-GGUF");
  g_assert_cmpuint (c->subtree.all.n_models, ==, 2);
  g_assert_cmpint (c->subtree.all.downloads, ==, 320);

  /* Expanding cyc/b under cyc/a: cyc/a leads back onto the path (its
   * subtree holds the whole cycle, so it sorts first). */
  path[0] = idx (lineage, "cyc/a");
  cyc = hub_lineage_expand (lineage, idx (lineage, "cyc/b"), path, 1);
  g_assert_cmpuint (cyc->len, ==, 2);
  c = &g_array_index (cyc, HubLineageChild, 0);
  g_assert_cmpstr (id_of (lineage, c->model), ==, "cyc/a");
  g_assert_true (c->marks & HUB_LINEAGE_MARK_CYCLE);
  g_assert_cmpuint (c->subtree.all.n_models, ==, 3);
  c = &g_array_index (cyc, HubLineageChild, 1);
  g_assert_cmpstr (id_of (lineage, c->model), ==, "cyc/c");
  g_assert_false (c->marks & HUB_LINEAGE_MARK_CYCLE);

  /* The self-loop is not its own child. */
  g_clear_pointer (&cyc, g_array_unref);
  cyc = hub_lineage_expand (lineage, idx (lineage, "self/loop"), NULL, 0);
  g_assert_cmpuint (cyc->len, ==, 1);
  g_assert_cmpstr (id_of (lineage, g_array_index (cyc, HubLineageChild, 0).model), ==, "self/child");
}

static void
test_small_families (void)
{
  g_autoptr(HubLineage) lineage = small_lineage ();
  g_autoptr(GArray) families = hub_lineage_rank_families (lineage, NULL, 1, 0, NULL);
  g_autoptr(GArray) big = hub_lineage_rank_families (lineage, NULL, 3, 0, NULL);
  g_autoptr(GArray) filtered = NULL;
  const HubLineageFamily *f;
  HubListQuery query;
  GString *order = g_string_new (NULL);
  g_autofree char *order_str = NULL;

  for (guint i = 0; i < families->len; i++)
    g_string_append_printf (order, "%s%s", i > 0 ? " " : "",
                            id_of (lineage, g_array_index (families, HubLineageFamily, i).root));
  order_str = g_string_free (order, FALSE);
  /* Roots only (cyc/a for the cycle), most downloads first. */
  g_assert_cmpstr (order_str, ==, "base/root other/Other cyc/a self/loop d/c0 miss/child miss/two");

  f = &g_array_index (families, HubLineageFamily, 0);
  g_assert_cmpuint (f->all.n_models, ==, 8);
  g_assert_cmpint (f->all.downloads, ==, 1745);
  g_assert_cmpfloat_with_epsilon (f->root_share, 1000.0 / 1745.0, 1e-12);
  f = &g_array_index (families, HubLineageFamily, 1);
  /* The merge counts in both families it descends from. */
  g_assert_cmpuint (f->all.n_models, ==, 2);
  g_assert_cmpint (f->all.downloads, ==, 470);

  g_assert_cmpuint (big->len, ==, 3);  /* base/root, cyc/a, d/c0 */
  {
    g_autoptr(GArray) top2 = hub_lineage_rank_families (lineage, NULL, 1, 2, NULL);

    g_assert_cmpuint (top2->len, ==, 2);
    g_assert_cmpint (g_array_index (top2, HubLineageFamily, 1).all.downloads, ==, 470);
  }

  /* A filter on the root: only text-generation roots. */
  hub_list_query_init (&query);
  query.task = g_strdup ("text-generation");
  filtered = hub_lineage_rank_families (lineage, &query, 1, 0, NULL);
  hub_list_query_clear (&query);
  g_assert_cmpuint (filtered->len, ==, 1);
  g_assert_cmpstr (id_of (lineage, g_array_index (filtered, HubLineageFamily, 0).root), ==, "base/root");

  /* Cancelled: NULL. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_null (hub_lineage_rank_families (lineage, NULL, 1, 0, cancellable));
  }
}

/* Looks @root up among @families; fails when it is not there. */
static const HubLineageFamily *
family_of (HubLineage *lineage,
           GArray     *families,
           const char *root)
{
  for (guint i = 0; i < families->len; i++)
    if (g_str_equal (id_of (lineage, g_array_index (families, HubLineageFamily, i).root), root))
      return &g_array_index (families, HubLineageFamily, i);
  g_assert_not_reached ();
  return NULL;
}

/* The sums by relation of @root's family in @families (its subtree
 * totals), checked against the ranking's sums. */
static void
family_totals_of (HubLineage       *lineage,
                  GArray           *families,
                  const char       *root,
                  HubLineageTotals *totals)
{
  const HubLineageFamily *f = family_of (lineage, families, root);

  hub_lineage_subtree_totals (lineage, f->root, totals);
  g_assert_cmpmem (&f->all, sizeof f->all, &totals->all, sizeof totals->all);
}

/* A root whose first parent is missing from the data counts as the base of
 * its family (HUB_RELATION_NONE), not under the relation it names to the
 * missing parent; reached from a parent in the data through a second edge,
 * it counts under its own relation. */
static void
test_small_missing_parent_totals (void)
{
  g_autoptr(HubLineage) lineage = small_lineage ();
  g_autoptr(GArray) families = hub_lineage_rank_families (lineage, NULL, 1, 0, NULL);
  HubLineageTotals totals;

  /* miss/child: a family of one, through the range-only path. */
  family_totals_of (lineage, families, "miss/child", &totals);
  g_assert_cmpuint (totals.all.n_models, ==, 1);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_NONE].n_models, ==, 1);
  g_assert_cmpint (totals.by_relation[HUB_RELATION_NONE].downloads, ==, 7);
  g_assert_cmpint (totals.by_relation[HUB_RELATION_NONE].downloads_all_time, ==, 70);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_FINETUNE].n_models, ==, 0);

  /* miss/two: its own root (first parent missing), also a fine-tune of
   * base/root through its second parent. */
  family_totals_of (lineage, families, "miss/two", &totals);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_NONE].n_models, ==, 1);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_FINETUNE].n_models, ==, 0);

  /* In base/root's family (a walk through second edges): base/root is the
   * one base model; ft/tuned and miss/two are its fine-tunes. */
  family_totals_of (lineage, families, "base/root", &totals);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_NONE].n_models, ==, 1);
  g_assert_cmpint (totals.by_relation[HUB_RELATION_NONE].downloads, ==, 1000);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_FINETUNE].n_models, ==, 2);
  g_assert_cmpint (totals.by_relation[HUB_RELATION_FINETUNE].downloads, ==, 205);

  /* The sums by relation add up to the whole in every family. */
  for (guint i = 0; i < families->len; i++)
    {
      const HubLineageFamily *f = &g_array_index (families, HubLineageFamily, i);
      guint64 n = 0;
      gint64 d = 0;

      family_totals_of (lineage, families, id_of (lineage, f->root), &totals);
      for (guint r = 0; r < HUB_N_RELATIONS; r++)
        n += totals.by_relation[r].n_models, d += totals.by_relation[r].downloads;
      g_assert_cmpuint (n, ==, f->all.n_models);
      g_assert_cmpint (d, ==, f->all.downloads);
    }
}

/* A model whose first documented parent is missing from the store and
 * whose second is in it: in the second parent's family it counts under the
 * relation of the edge that brings it there (adapter), not under the one it
 * names to the missing parent (quantized) (issue 23, item 2). */
static void
test_missing_first_parent_relation (void)
{
  static const struct { const char *id; gint64 downloads; const char *parents[2]; HubRelation relations[2]; } models[] = {
    { "base/x",   100, { NULL }, { 0 } },
    { "q/y",       30, { "gone/missing", "base/x" }, { HUB_RELATION_QUANTIZED, HUB_RELATION_ADAPTER } },
    { "ft/z",      20, { "base/x" }, { HUB_RELATION_FINETUNE } },
    { "ft/z-GGUF",  5, { "ft/z" }, { HUB_RELATION_QUANTIZED } },
  };
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing-first.db", NULL);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  g_autoptr(GArray) families = NULL;
  g_autoptr(GError) error = NULL;
  HubLineageTotals totals;

  store = hub_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(HubModelEntry) entry = hub_model_entry_new ();

      entry->id = g_strdup (models[i].id);
      entry->author = g_strndup (models[i].id, strchr (models[i].id, '/') - models[i].id);
      entry->downloads = models[i].downloads;
      for (guint k = 0; k < 2 && models[i].parents[k] != NULL; k++)
        hub_model_entry_add_parent (entry, models[i].parents[k], models[i].relations[k]);
      if (entry->parents->len > 0)
        entry->lineage_source = HUB_LINEAGE_SOURCE_BASE_MODELS;
      upsert_or_die (store, entry);
    }
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  lineage = hub_lineage_new (dataset);

  /* Through the family ranking (a walk through second edges) and through
   * the subtree totals alike. */
  families = hub_lineage_rank_families (lineage, NULL, 1, 0, NULL);
  for (guint pass = 0; pass < 2; pass++)
    {
      const HubLineageTotals *t = &totals;

      if (pass == 0)
        family_totals_of (lineage, families, "base/x", &totals);
      else
        hub_lineage_subtree_totals (lineage, idx (lineage, "base/x"), &totals);
      g_assert_cmpuint (t->all.n_models, ==, 4);
      g_assert_cmpuint (t->by_relation[HUB_RELATION_NONE].n_models, ==, 1);
      g_assert_cmpint (t->by_relation[HUB_RELATION_ADAPTER].downloads, ==, 30);
      g_assert_cmpuint (t->by_relation[HUB_RELATION_ADAPTER].n_models, ==, 1);
      g_assert_cmpuint (t->by_relation[HUB_RELATION_FINETUNE].n_models, ==, 1);
      g_assert_cmpuint (t->by_relation[HUB_RELATION_QUANTIZED].n_models, ==, 1);
      g_assert_cmpint (t->by_relation[HUB_RELATION_QUANTIZED].downloads, ==, 5);
    }

  /* Its own family: a base model (its first parent is missing). */
  hub_lineage_subtree_totals (lineage, idx (lineage, "q/y"), &totals);
  g_assert_cmpuint (totals.all.n_models, ==, 1);
  g_assert_cmpuint (totals.by_relation[HUB_RELATION_NONE].n_models, ==, 1);
}

static const char *
author_of (HubLineage                   *lineage,
           const HubLineageIntermediary *im)
{
  return hub_dataset_get_author (hub_lineage_get_dataset (lineage), im->author)->author;
}

static void
test_small_intermediaries (void)
{
  g_autoptr(HubLineage) lineage = small_lineage ();
  g_autoptr(GArray) all = hub_lineage_rank_intermediaries (lineage, -1, HUB_N_RELATIONS);
  g_autoptr(GArray) quantized = hub_lineage_rank_intermediaries (lineage, -1, HUB_RELATION_QUANTIZED);
  g_autoptr(GArray) other = hub_lineage_rank_intermediaries (lineage, idx (lineage, "other/Other"), HUB_N_RELATIONS);
  const char *expected[] = { "q", "ft", "mx", "dia", "miss" };
  const gint64 downloads[] = { 400, 200, 70, 20, 5 };

  /* base/root-lora and the cyc and d models derive from their own author's models. */
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < all->len; i++)
    {
      const HubLineageIntermediary *im = &g_array_index (all, HubLineageIntermediary, i);

      g_assert_cmpstr (author_of (lineage, im), ==, expected[i]);
      g_assert_cmpint (im->derivatives.all.downloads, ==, downloads[i]);
    }
  g_assert_cmpuint (g_array_index (all, HubLineageIntermediary, 0).derivatives.by_relation[HUB_RELATION_QUANTIZED].n_models, ==, 2);

  g_assert_cmpuint (quantized->len, ==, 1);
  g_assert_cmpstr (author_of (lineage, &g_array_index (quantized, HubLineageIntermediary, 0)), ==, "q");

  g_assert_cmpuint (other->len, ==, 1);
  g_assert_cmpstr (author_of (lineage, &g_array_index (other, HubLineageIntermediary, 0)), ==, "mx");
}

static void
test_small_suggest (void)
{
  g_autoptr(HubLineage) lineage = small_lineage ();
  HubDataset *dataset = hub_lineage_get_dataset (lineage);
  g_autoptr(GPtrArray) typo = hub_model_suggest (dataset, "base/rot", 3);
  g_autoptr(GPtrArray) nameonly = hub_model_suggest (dataset, "tuned-gguf", 3);
  g_autoptr(GPtrArray) none = hub_model_suggest (dataset, "zzzzzzzzzzzzzzzzzzzzz", 3);

  g_assert_cmpuint (typo->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (typo, 0), ==, "base/root");
  g_assert_cmpuint (typo->len, <=, 3);
  /* The owner left out, in another case. */
  g_assert_cmpuint (nameonly->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (nameonly, 0), ==, "q/tuned-GGUF");
  g_assert_cmpuint (none->len, ==, 0);
}

/* The plain Levenshtein distance, case-folded: the oracle below. */
static guint
levenshtein (const char *a,
             const char *b)
{
  guint la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (guint j = 0; j <= lb; j++)
    row[j] = j;
  for (guint i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (up + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

typedef struct {
  guint32 model;
  guint   distance;
  guint   prefix;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  if (x->prefix != y->prefix)
    return x->prefix > y->prefix ? -1 : 1;
  return x->model < y->model ? -1 : x->model > y->model;
}

/* Every id measured in full, as hub_model_suggest() documents its answer
 * (issue 18: its length index must not change a suggestion). */
static GPtrArray *
suggest_exactly (HubDataset *dataset,
                 const char *query,
                 guint       max_results)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GPtrArray *ids = g_ptr_array_new ();
  guint limit = MAX (2, strlen (query) / 3);

  for (guint m = 0; m < hub_dataset_get_n_models (dataset); m++)
    {
      const char *id = hub_dataset_get_model (dataset, m)->id;
      const char *slash = strchr (id, '/');
      gsize qlen = strlen (query), len = strlen (id), name_len = slash != NULL ? strlen (slash + 1) : 0;
      Ranked r = { m, G_MAXUINT, 0 };

      /* A distance is at least the difference of the lengths: only the
       * strings within the limit need measuring. */
      if ((len > qlen ? len - qlen : qlen - len) <= limit)
        r.distance = levenshtein (query, id);
      if (slash != NULL && (name_len > qlen ? name_len - qlen : qlen - name_len) + 1 <= limit)
        r.distance = MIN (r.distance, levenshtein (query, slash + 1) + 1);
      if (r.distance > limit)
        continue;
      while (query[r.prefix] != '\0' && g_ascii_tolower (query[r.prefix]) == g_ascii_tolower (id[r.prefix]))
        r.prefix++;
      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < MIN (ranked->len, max_results); i++)
    g_ptr_array_add (ids, (gpointer) hub_dataset_get_model (dataset, g_array_index (ranked, Ranked, i).model)->id);
  return ids;
}

static void
test_real_suggest (void)
{
  g_autofree char *jsonl = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "suggest.db", NULL);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GFile) file = g_file_new_for_path (jsonl);
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0, n_found = 0;

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_JSONL, report, NULL, &error));
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  for (guint m = 0; m < hub_dataset_get_n_models (dataset); m += 613)
    {
      const char *id = hub_dataset_get_model (dataset, m)->id;
      const char *slash = strchr (id, '/');
      gsize len = strlen (id);
      g_autofree char *dropped = g_strdup_printf ("%.*s%s", (int) (len / 2), id, id + len / 2 + 1);
      g_autofree char *swapped = g_strdup (id);
      g_autofree char *upper = g_ascii_strup (id, -1);
      const char *queries[5] = { dropped, swapped, upper, slash != NULL ? slash + 1 : id, "zzzz-not-a-model-zzzz" };

      if (len > 3)
        {
          char c = swapped[1];
          swapped[1] = swapped[2];
          swapped[2] = c;
        }
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_autoptr(GPtrArray) got = hub_model_suggest (dataset, queries[q], 3);
          g_autoptr(GPtrArray) expected = suggest_exactly (dataset, queries[q], 3);

          g_assert_cmpuint (got->len, ==, expected->len);
          for (guint i = 0; i < got->len; i++)
            g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
          n++;
          n_found += got->len > 0;
        }
    }
  g_test_message ("%u queries, %u with suggestions, each equal to every id measured in full", n, n_found);
  g_assert_cmpuint (n_found, >, n / 2);
}

/* ------------------------------------------------------------------------
 * Real lineage: data/dataset/hub-models.jsonl.gz, checked against families
 * computed here from the JSONL itself.
 * ------------------------------------------------------------------------ */

typedef struct {
  GHashTable *downloads;  /* id -> gint64* */
  GHashTable *children;   /* parent id -> GPtrArray of child ids */
  GHashTable *first;      /* child id -> first parent id */
} Independent;

static void
add_parent (Independent *ind,
            GPtrArray   *seen,
            const char  *child,
            const char  *parent)
{
  GPtrArray *list;

  if (parent == NULL || strcmp (parent, child) == 0 || !hub_model_id_is_valid (parent))
    return;
  for (guint i = 0; i < seen->len; i++)
    if (strcmp (g_ptr_array_index (seen, i), parent) == 0)
      return;
  g_ptr_array_add (seen, (gpointer) parent);
  if (seen->len == 1)
    g_hash_table_insert (ind->first, g_strdup (child), g_strdup (parent));
  list = g_hash_table_lookup (ind->children, parent);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (ind->children, g_strdup (parent), list);
    }
  g_ptr_array_add (list, g_strdup (child));
}

static JsonObject *
object_or_null (JsonObject *obj,
                const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Parents from baseModels, else cardData.base_model (the file carries no
 * model with base_model tags but no baseModels). */
static void
independent_load (Independent *ind,
                  const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, NULL);
  g_autoptr(GZlibDecompressor) zlib = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) unzipped = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (zlib));
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (unzipped);
  char *line;

  ind->downloads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ind->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  ind->first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) seen = g_ptr_array_new ();
      g_autofree char *owned = line;
      JsonObject *obj, *base, *card;
      const char *id;

      if (*line == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
      obj = json_node_get_object (json_parser_get_root (parser));
      id = json_object_get_string_member (obj, "id");
      g_hash_table_insert (ind->downloads, g_strdup (id),
                           g_memdup2 (&(gint64) { json_object_get_int_member_with_default (obj, "downloads", 0) },
                                      sizeof (gint64)));

      base = object_or_null (obj, "baseModels");
      card = object_or_null (obj, "cardData");
      if (base != NULL && json_object_has_member (base, "models"))
        {
          JsonArray *models = json_object_get_array_member (base, "models");

          for (guint i = 0; i < json_array_get_length (models); i++)
            add_parent (ind, seen, id,
                        json_object_get_string_member (json_array_get_object_element (models, i), "id"));
        }
      else if (card != NULL && json_object_has_member (card, "base_model"))
        {
          JsonNode *bm = json_object_get_member (card, "base_model");

          /* Cards write several parents as "a/b, c/d" too. */
          if (JSON_NODE_HOLDS_VALUE (bm))
            {
              g_auto(GStrv) ids = g_strsplit (json_node_get_string (bm), ",", -1);

              for (guint i = 0; ids[i] != NULL; i++)
                {
                  g_strstrip (ids[i]);
                  add_parent (ind, seen, id, g_intern_string (ids[i]));
                }
            }
          else if (JSON_NODE_HOLDS_ARRAY (bm))
            for (guint i = 0; i < json_array_get_length (json_node_get_array (bm)); i++)
              add_parent (ind, seen, id, json_array_get_string_element (json_node_get_array (bm), i));
        }
    }
}

static void
independent_clear (Independent *ind)
{
  g_hash_table_unref (ind->downloads);
  g_hash_table_unref (ind->children);
  g_hash_table_unref (ind->first);
}

/* The family of @root: breadth-first over children present in the data. */
static void
independent_family (Independent *ind,
                    const char  *root,
                    guint       *n_models,
                    gint64      *downloads)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GQueue) queue = g_queue_new ();

  *n_models = 0;
  *downloads = 0;
  g_hash_table_add (seen, (gpointer) root);
  g_queue_push_tail (queue, (gpointer) root);
  while (!g_queue_is_empty (queue))
    {
      const char *id = g_queue_pop_head (queue);
      GPtrArray *children = g_hash_table_lookup (ind->children, id);
      gint64 *dl = g_hash_table_lookup (ind->downloads, id);

      (*n_models)++;
      *downloads += MAX (*dl, 0);
      for (guint i = 0; children != NULL && i < children->len; i++)
        {
          const char *c = g_ptr_array_index (children, i);

          if (g_hash_table_contains (ind->downloads, c) && !g_hash_table_contains (seen, c))
            {
              g_hash_table_add (seen, (gpointer) c);
              g_queue_push_tail (queue, (gpointer) c);
            }
        }
    }
}

static gboolean
independent_is_root (Independent *ind,
                     const char  *id)
{
  const char *first = g_hash_table_lookup (ind->first, id);

  return first == NULL || !g_hash_table_contains (ind->downloads, first);
}

static void check_rankings (HubLineage         *lineage,
                            const HubListQuery *filter);

static void
test_real_families (void)
{
  g_autofree char *jsonl = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "real.db", NULL);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GFile) file = g_file_new_for_path (jsonl);
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  g_autoptr(GArray) families = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  Independent ind;
  guint n_checked = 0, n_big = 0;
  const char *known[] = { "Qwen/Qwen3.8-27B", "meta-llama/Llama-3.1-8B", "Qwen/Qwen3.5-9B" };

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_JSONL, report, NULL, &error));
  g_assert_no_error (error);
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  lineage = hub_lineage_new (dataset);
  independent_load (&ind, jsonl);
  g_assert_cmpuint (g_hash_table_size (ind.downloads), ==, hub_dataset_get_n_models (dataset));

  /* Known large families, by name. */
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      gint32 m = hub_dataset_find_model (dataset, known[i]);
      HubLineageTotals totals;
      guint n;
      gint64 downloads;

      g_assert_cmpint (m, >=, 0);
      independent_family (&ind, known[i], &n, &downloads);
      hub_lineage_subtree_totals (lineage, m, &totals);
      g_test_message ("%s: %u models, %" G_GINT64_FORMAT " downloads", known[i], n, downloads);
      g_assert_cmpuint (n, >, 50);
      g_assert_cmpuint (totals.all.n_models, ==, n);
      g_assert_cmpint (totals.all.downloads, ==, downloads);
      /* The dump has no all-time counts: the family's is unknown, not 0. */
      g_assert_cmpuint (totals.all.n_all_time_known, ==, 0);
      g_assert_cmpint (hub_lineage_sum_all_time (&totals.all), ==, HUB_COUNT_NONE);
    }

  /* Every family of the ranking agrees with the independent count, and the
   * roots are exactly the models whose first parent is not in the data
   * (this data has no cycle of first parents). */
  families = hub_lineage_rank_families (lineage, NULL, 1, 0, NULL);
  for (guint i = 0; i < families->len; i++)
    {
      const HubLineageFamily *f = &g_array_index (families, HubLineageFamily, i);
      const char *root = hub_dataset_get_model (dataset, f->root)->id;
      guint n;
      gint64 downloads;

      g_assert_true (independent_is_root (&ind, root));
      independent_family (&ind, root, &n, &downloads);
      if (f->all.n_models != n)
        g_test_message ("family of %s differs", root);
      g_assert_cmpuint (f->all.n_models, ==, n);
      g_assert_cmpint (f->all.downloads, ==, downloads);
      if (i > 0)
        g_assert_cmpint (f->all.downloads, <=,
                         g_array_index (families, HubLineageFamily, i - 1).all.downloads);
      n_checked++;
      n_big += n >= 10;
    }
  g_hash_table_iter_init (&iter, ind.downloads);
  {
    guint n_roots = 0;

    while (g_hash_table_iter_next (&iter, &key, NULL))
      n_roots += independent_is_root (&ind, key);
    g_assert_cmpuint (n_roots, ==, families->len);
  }
  g_test_message ("%u families checked, %u with 10 models or more", n_checked, n_big);
  g_assert_cmpuint (n_big, >, 20);

  /* Ancestors of every member of the biggest family by size reach its root. */
  {
    gint32 top = hub_dataset_find_model (dataset, known[0]);
    g_autoptr(GArray) nodes = hub_lineage_descendants (lineage, top, 0, NULL);

    for (guint i = 0; i < nodes->len; i++)
      {
        const HubLineageNode *n = &g_array_index (nodes, HubLineageNode, i);
        g_autoptr(GArray) up = NULL;
        gboolean found = n->model == (guint32) top;

        if (n->marks & (HUB_LINEAGE_MARK_SEEN | HUB_LINEAGE_MARK_CYCLE))
          continue;
        up = hub_lineage_ancestors (lineage, n->model, 0);
        for (guint k = 0; k < up->len && !found; k++)
          found = g_array_index (up, HubLineageAncestor, k).model == top;
        g_assert_true (found);
      }
  }

  /* Both rankings against the plain computation, with a filter on the
   * roots. */
  {
    HubListQuery query;

    hub_list_query_init (&query);
    query.task = g_strdup ("text-generation");
    check_rankings (lineage, &query);
    hub_list_query_clear (&query);
  }

  independent_clear (&ind);
}

/* ------------------------------------------------------------------------
 * The rankings against a plain computation: every root's subtree totals
 * sorted with the documented order; every model's parents looked up one by
 * one for the intermediaries (issue 18: the same rows as before the kept
 * family order and the per-position flags).
 * ------------------------------------------------------------------------ */

typedef struct {
  guint32       root;
  HubLineageSum all;
  double        root_share;
} OracleFamily;

static int
compare_oracle_families (gconstpointer a,
                         gconstpointer b)
{
  const OracleFamily *x = a, *y = b;

  if (x->all.downloads != y->all.downloads)
    return x->all.downloads > y->all.downloads ? -1 : 1;
  if (x->all.downloads_all_time != y->all.downloads_all_time)
    return x->all.downloads_all_time > y->all.downloads_all_time ? -1 : 1;
  return x->root < y->root ? -1 : x->root > y->root;
}

static int
compare_oracle_intermediaries (gconstpointer a,
                               gconstpointer b)
{
  const HubLineageIntermediary *x = a, *y = b;

  if (x->derivatives.all.downloads != y->derivatives.all.downloads)
    return x->derivatives.all.downloads > y->derivatives.all.downloads ? -1 : 1;
  if (x->derivatives.all.n_models != y->derivatives.all.n_models)
    return x->derivatives.all.n_models > y->derivatives.all.n_models ? -1 : 1;
  return x->author < y->author ? -1 : x->author > y->author;
}

static void
oracle_sum_add (HubLineageSum        *sum,
                const HubModelRecord *record)
{
  sum->n_models++;
  sum->downloads += MAX (record->downloads, 0);
  sum->downloads_all_time += MAX (record->downloads_all_time, 0);
  sum->n_all_time_known += record->downloads_all_time >= 0;
}

/* Checks hub_lineage_rank_families() (with and without @filter, a minimum
 * size and a limit) and hub_lineage_rank_intermediaries() (all, within the
 * largest family, by relation) against the plain computation. */
static void
check_rankings (HubLineage         *lineage,
                const HubListQuery *filter)
{
  HubDataset *dataset = hub_lineage_get_dataset (lineage);
  guint n = hub_dataset_get_n_models (dataset);
  g_autoptr(GArray) oracle = g_array_new (FALSE, TRUE, sizeof (OracleFamily));
  g_autofree guint8 *keep = filter != NULL ? hub_list_query_mask (filter, dataset, NULL) : NULL;
  guint32 largest = 0;
  guint64 largest_n = 0;

  for (guint m = 0; m < n; m++)
    {
      OracleFamily f = { 0 };
      HubLineageTotals totals;

      if (hub_lineage_get_root (lineage, m) != m)
        continue;
      hub_lineage_subtree_totals (lineage, m, &totals);
      f.root = m;
      f.all = totals.all;
      f.root_share = totals.all.downloads > 0
                     ? (double) MAX (hub_dataset_get_model (dataset, m)->downloads, 0) / (double) totals.all.downloads
                     : 0.0;
      g_array_append_val (oracle, f);
      if (totals.all.n_models > largest_n)
        largest_n = totals.all.n_models, largest = m;
    }
  g_array_sort (oracle, compare_oracle_families);

  for (guint pass = 0; pass < 3; pass++)
    {
      const HubListQuery *q = pass == 0 ? NULL : filter;
      guint min_size = pass == 2 ? 3 : 1;
      guint limit = pass == 2 ? 50 : 0;
      g_autoptr(GArray) families = hub_lineage_rank_families (lineage, q, min_size, limit, NULL);
      guint j = 0;

      for (guint i = 0; i < oracle->len && (limit == 0 || j < limit); i++)
        {
          const OracleFamily *o = &g_array_index (oracle, OracleFamily, i);
          const HubLineageFamily *f;

          if ((q != NULL && !keep[o->root]) || o->all.n_models < min_size)
            continue;
          g_assert_cmpuint (j, <, families->len);
          f = &g_array_index (families, HubLineageFamily, j++);
          g_assert_cmpuint (f->root, ==, o->root);
          g_assert_cmpmem (&f->all, sizeof f->all, &o->all, sizeof o->all);
          g_assert_cmpfloat (f->root_share, ==, o->root_share);
        }
      g_assert_cmpuint (j, ==, families->len);
    }

  for (guint pass = 0; pass < 2 + HUB_N_RELATIONS; pass++)
    {
      gint32 root = pass == 1 ? (gint32) largest : -1;
      HubRelation relation = pass < 2 ? HUB_N_RELATIONS : (HubRelation) (pass - 2);
      g_autoptr(GArray) ranked = hub_lineage_rank_intermediaries (lineage, root, relation);
      g_autoptr(GArray) expected = g_array_new (FALSE, TRUE, sizeof (HubLineageIntermediary));
      g_autoptr(GHashTable) slots = g_hash_table_new (NULL, NULL);
      g_autoptr(GArray) members = NULL;

      if (root >= 0)
        members = hub_lineage_descendants (lineage, root, 0, NULL);
      for (guint i = 0; i < (members != NULL ? members->len : n); i++)
        {
          guint32 m = members != NULL ? g_array_index (members, HubLineageNode, i).model : i;
          const HubModelRecord *record = hub_dataset_get_model (dataset, m);
          guint n_parents = 0;
          const gint32 *parents = hub_dataset_get_parents (dataset, m, &n_parents);
          gboolean other = FALSE;
          gpointer slot;
          HubLineageIntermediary *row;

          if (members != NULL && (g_array_index (members, HubLineageNode, i).marks & (HUB_LINEAGE_MARK_SEEN | HUB_LINEAGE_MARK_CYCLE)))
            continue;
          for (guint k = 0; k < n_parents; k++)
            other |= parents[k] >= 0 && (guint) parents[k] != m
                     && hub_dataset_get_model (dataset, parents[k])->author != record->author;
          if (!other || (relation != HUB_N_RELATIONS && record->relation != relation))
            continue;
          if (!g_hash_table_lookup_extended (slots, GUINT_TO_POINTER (record->author), NULL, &slot))
            {
              slot = GUINT_TO_POINTER (expected->len);
              g_hash_table_insert (slots, GUINT_TO_POINTER (record->author), slot);
              g_array_set_size (expected, expected->len + 1);
              g_array_index (expected, HubLineageIntermediary, expected->len - 1).author = record->author;
            }
          row = &g_array_index (expected, HubLineageIntermediary, GPOINTER_TO_UINT (slot));
          oracle_sum_add (&row->derivatives.all, record);
          oracle_sum_add (&row->derivatives.by_relation[record->relation], record);
        }
      g_array_sort (expected, compare_oracle_intermediaries);
      g_assert_cmpuint (ranked->len, ==, expected->len);
      for (guint i = 0; i < ranked->len; i++)
        {
          const HubLineageIntermediary *a = &g_array_index (ranked, HubLineageIntermediary, i);
          const HubLineageIntermediary *b = &g_array_index (expected, HubLineageIntermediary, i);

          g_assert_cmpuint (a->author, ==, b->author);
          g_assert_cmpmem (&a->derivatives, sizeof a->derivatives, &b->derivatives, sizeof b->derivatives);
        }
    }
  g_test_message ("rankings checked: %u families, largest %" G_GUINT64_FORMAT " models", oracle->len, largest_n);
}

/* A synthetic dataset of many families, with few distinct downloads (ties
 * broken by the all-time downloads, then by root) and a tenth unknown. */
static void
test_synthetic_rankings (void)
{
  g_autoptr(HubDataset) dataset = hub_dataset_new_synthetic (60000, 18);
  g_autoptr(HubLineage) lineage = NULL;
  HubListQuery query;

  for (guint m = 0; m < dataset->n_models; m++)
    {
      HubModelRecord *record = &dataset->models[m];

      record->downloads = m % 10 == 0 ? HUB_COUNT_NONE : (gint64) (m % 7);
      record->downloads_all_time = m % 3 == 0 ? HUB_COUNT_NONE : (gint64) ((m * 2654435761u) % 5);
    }
  lineage = hub_lineage_new (dataset);
  hub_list_query_init (&query);
  query.task = g_strdup (hub_dataset_get_task (dataset, 1)->id);
  check_rankings (lineage, &query);
  hub_list_query_clear (&query);
}

/* ------------------------------------------------------------------------
 * The lineage fixture (hakanotal/hf-dep-network-analysis): 28,155 edges
 * among text-generation models, relation names finetuned/quantized/merged/
 * adapter. Built into a store with hub_store_upsert_model().
 * ------------------------------------------------------------------------ */

typedef struct {
  char        *child;
  GPtrArray   *parents;   /* char*, in file order */
  HubRelation  relation;
} FixtureChild;

static void
fixture_child_free (gpointer data)
{
  FixtureChild *fc = data;

  g_free (fc->child);
  g_ptr_array_unref (fc->parents);
  g_free (fc);
}

static char *
read_gzip (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, NULL);
  g_autoptr(GZlibDecompressor) zlib = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) unzipped = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (raw);
  unzipped = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (zlib));
  g_output_stream_splice (out, unzipped, G_OUTPUT_STREAM_SPLICE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (out, "", 1, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_fixture_edges (void)
{
  g_autofree char *csv = hub_test_data_path ("lineage/lineage-edges.csv.gz");
  g_autofree char *contents = NULL;
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "fixture.db", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) by_child = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, fixture_child_free);
  g_autoptr(GHashTable) all_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) child_count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_edges = 0, n_merges_two = 0, checked = 0;

  contents = read_gzip (csv);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (g_strchomp (lines[0]), ==, "source,target,edge");

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strchomp (lines[i]), ",", -1);
      FixtureChild *fc;
      HubRelation rel;

      if (g_strv_length (f) != 3)
        continue;
      g_assert_true (hub_relation_from_string (f[2], &rel));
      fc = g_hash_table_lookup (by_child, f[1]);
      if (fc == NULL)
        {
          fc = g_new0 (FixtureChild, 1);
          fc->child = g_strdup (f[1]);
          fc->parents = g_ptr_array_new_with_free_func (g_free);
          fc->relation = rel;
          g_hash_table_insert (by_child, fc->child, fc);
          g_ptr_array_add (order, fc);
        }
      g_ptr_array_add (fc->parents, g_strdup (f[0]));
      g_hash_table_add (all_ids, g_strdup (f[0]));
      g_hash_table_add (all_ids, g_strdup (f[1]));
      n_edges++;
    }
  g_assert_cmpuint (n_edges, ==, 28155);

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (hub_store_begin (store, &error));
  g_hash_table_iter_init (&iter, all_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(HubModelEntry) entry = hub_model_entry_new ();
      FixtureChild *fc = g_hash_table_lookup (by_child, key);
      const char *slash = strchr (key, '/');

      entry->id = g_strdup (key);
      entry->author = slash != NULL ? g_strndup (key, slash - (const char *) key) : g_strdup (key);
      entry->downloads = 1;
      for (guint k = 0; fc != NULL && k < fc->parents->len; k++)
        hub_model_entry_add_parent (entry, g_ptr_array_index (fc->parents, k), fc->relation);
      upsert_or_die (store, entry);
    }
  g_assert_true (hub_store_commit (store, &error));
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hub_dataset_get_n_models (dataset), ==, g_hash_table_size (all_ids));
  lineage = hub_lineage_new (dataset);
  /* Merges with two and more parents, every author's quantizations. */
  check_rankings (lineage, NULL);

  /* Independent count of distinct children per parent. */
  for (guint i = 0; i < order->len; i++)
    {
      FixtureChild *fc = g_ptr_array_index (order, i);
      g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint k = 0; k < fc->parents->len; k++)
        {
          const char *p = g_ptr_array_index (fc->parents, k);

          if (strcmp (p, fc->child) == 0 || !g_hash_table_add (distinct, (gpointer) p))
            continue;
          g_hash_table_insert (child_count, g_strdup (p),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (child_count, p)) + 1));
        }
    }

  g_hash_table_iter_init (&iter, child_count);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GArray) kids = hub_lineage_expand (lineage, idx (lineage, key), NULL, 0);
      guint expected = GPOINTER_TO_UINT (value);

      if (kids->len != expected)
        g_error ("%s: %u children, expected %u", (const char *) key, kids->len, expected);
      checked++;
    }
  g_assert_cmpuint (checked, >, 5000);

  /* Merges with two parents: both are ancestors at depth 1, in file order,
   * and the merge appears among the children of each. */
  for (guint i = 0; i < order->len; i++)
    {
      FixtureChild *fc = g_ptr_array_index (order, i);
      g_autoptr(GArray) up = NULL;
      guint at_depth_one = 0;

      if (fc->relation != HUB_RELATION_MERGE || fc->parents->len != 2
          || strcmp (g_ptr_array_index (fc->parents, 0), g_ptr_array_index (fc->parents, 1)) == 0)
        continue;
      up = hub_lineage_ancestors (lineage, idx (lineage, fc->child), 1);
      for (guint k = 0; k < up->len; k++)
        {
          const HubLineageAncestor *a = &g_array_index (up, HubLineageAncestor, k);

          g_assert_cmpuint (a->depth, ==, 1);
          g_assert_cmpint (a->relation, ==, HUB_RELATION_MERGE);
          g_assert_cmpstr (id_of (lineage, a->model), ==, g_ptr_array_index (fc->parents, at_depth_one));
          at_depth_one++;
        }
      g_assert_cmpuint (at_depth_one, ==, 2);
      n_merges_two++;
    }
  g_test_message ("%u merges with two parents", n_merges_two);
  g_assert_cmpuint (n_merges_two, >, 100);

  /* Every model lies in the family of its root. */
  {
    guint n;
    const guint32 *roots = hub_lineage_get_roots (lineage, &n);
    g_autoptr(GArray) families = hub_lineage_rank_families (lineage, NULL, 1, 0, NULL);
    guint64 sum = 0;

    g_assert_cmpuint (n, ==, hub_dataset_get_n_models (dataset));
    for (guint i = 0; i < families->len; i++)
      sum += g_array_index (families, HubLineageFamily, i).all.n_models;
    /* Merges count in more than one family, so at least every model once. */
    g_assert_cmpuint (sum, >=, n);
    for (guint m = 0; m < n; m += 97)
      {
        g_autoptr(GArray) up = hub_lineage_ancestors (lineage, m, 0);
        gboolean found = roots[m] == m;

        for (guint k = 0; k < up->len && !found; k++)
          found = g_array_index (up, HubLineageAncestor, k).model == (gint32) roots[m];
        g_assert_true (found);
      }
  }
}

/* ------------------------------------------------------------------------
 * The command line.
 * ------------------------------------------------------------------------ */

static int
run_hubeco (const char * const *args,
            char              **out,
            char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) hub_test_hubeco_bin ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static guint
count_models_in_db (const char *path)
{
  g_autoptr(HubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  store = hub_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store),
                                       "SELECT (SELECT count(*) FROM models) * 1000 + (SELECT count(*) FROM lineage)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_cli_lineage (void)
{
  const char *db = small_db ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *obj;

  /* Tree: ancestors then descendants, indented, with relation and share. */
  {
    const char *args[] = { "lineage", "--db", db, "ft/tuned", NULL };

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 0);
    g_test_message ("%s", out);
    g_assert_nonnull (strstr (out, "base/root"));
    g_assert_nonnull (strstr (out, "\n  quantized  q/tuned-GGUF"));
    g_assert_nonnull (strstr (out, "5.7%"));  /* 100 of 1,745 */
    /* An ancestor's line says what the line above is of it, and the marks
     * shown are explained (issue 19). */
    g_assert_nonnull (strstr (out, "\n  finetune of  base/root"));
    g_assert_nonnull (strstr (out, "\n[root] the family’s base model"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* A merge's second parent heads another family: no share of this one
   * (issue 19: it was 400 of base/root's 1,745 downloads); [missing] is
   * explained where it is shown. */
  {
    const char *merge[] = { "lineage", "--db", db, "mx/merge", "--ancestors", NULL };
    const char *root[] = { "lineage", "--db", db, "base/root", "--descendants", "--depth", "1", NULL };

    g_assert_cmpint (run_hubeco (merge, &out, &err), ==, 0);
    g_test_message ("%s", out);
    g_assert_nonnull (strstr (out, "merge of  other/Other  400  –"));
    g_assert_nonnull (strstr (out, "merge of  ft/tuned  200  11.5%"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_hubeco (root, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "miss/two  5  0.3%  [missing]"));
    g_assert_nonnull (strstr (out, "\n[missing] a parent of this model is not in the data"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* A fine-tune whose parent is missing heads its own family but is still a
   * fine-tune, not a base model (issue 19). */
  {
    const char *args[] = { "lineage", "--db", db, "miss/child", "--ancestors", NULL };

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "\nfinetune  miss/child  7  100.0%  [root missing]\n"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* JSON: descendants only, depth-limited; the same rows as CSV. */
  {
    const char *args[] = { "lineage", "--db", db, "base/root", "--descendants", "--depth", "1",
                           "--format", "json", NULL };
    JsonArray *rows;

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    g_assert_no_error (error);
    rows = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (rows), ==, 5);
    obj = json_array_get_object_element (rows, 0);
    g_assert_cmpstr (json_object_get_string_member (obj, "direction"), ==, "self");
    g_assert_cmpstr (json_object_get_string_member (obj, "id"), ==, "base/root");
    g_assert_cmpstr (json_object_get_string_member (obj, "root"), ==, "base/root");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj, "share"), 1000.0 / 1745.0, 1e-3);
    for (guint i = 1; i < 5; i++)
      {
        obj = json_array_get_object_element (rows, i);
        g_assert_cmpstr (json_object_get_string_member (obj, "direction"), ==, "descendant");
        g_assert_cmpint (json_object_get_int_member (obj, "depth"), ==, 1);
        g_assert_cmpstr (json_object_get_string_member (obj, "via"), ==, "base/root");
      }
    obj = json_array_get_object_element (rows, 1);
    g_assert_cmpstr (json_object_get_string_member (obj, "id"), ==, "miss/two");
    obj = json_array_get_object_element (rows, 2);
    g_assert_cmpstr (json_object_get_string_member (obj, "id"), ==, "ft/tuned");
    g_assert_cmpstr (json_object_get_string_member (obj, "relation"), ==, "finetune");
    g_assert_cmpint (json_object_get_int_member (obj, "downloads"), ==, 200);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* CSV: ancestors only, of the cycle. */
  {
    const char *args[] = { "lineage", "--db", db, "cyc/c", "--ancestors", "--format", "csv", NULL };
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 0);
    lines = g_strsplit (out, "\n", -1);
    g_assert_true (g_str_has_prefix (lines[0], "direction,depth,id,"));
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 1 + 3 + 1);  /* header, self, 3 ancestors, "" */
    g_assert_nonnull (strstr (out, "cycle"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* An unknown id: exit 1, the closest ids, nothing lost. */
  {
    guint before = count_models_in_db (db);
    const char *args[] = { "lineage", "--db", db, "base/rot", NULL };

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "no model named “base/rot”"));
    g_assert_nonnull (strstr (err, "base/root"));
    g_assert_cmpuint (count_models_in_db (db), ==, before);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Bad options: usage errors (exit 2) with a clear message. */
  {
    const char *bad_depth[] = { "lineage", "--db", db, "base/root", "--depth", "-3", NULL };
    const char *bad_format[] = { "lineage", "--db", db, "base/root", "--format", "xml", NULL };
    const char *no_id[] = { "lineage", "--db", db, NULL };

    g_assert_cmpint (run_hubeco (bad_depth, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--depth"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_hubeco (bad_format, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "xml"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_hubeco (no_id, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
}

static void
test_cli_families (void)
{
  const char *db = small_db ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  {
    const char *args[] = { "families", "--db", db, "--top", "2", "--format", "csv", NULL };

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 0);
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_true (g_str_has_prefix (lines[0], "root,models,downloads,"));
    g_assert_true (g_str_has_prefix (lines[1], "base/root,8,1745,17450,"));
    g_assert_true (g_str_has_prefix (lines[2], "other/Other,2,470,"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "families", "--db", db, "--task", "image-text-to-text", "--format", "csv", NULL };

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "\nother/Other,2,470,"));
    g_assert_null (strstr (out, "base/root"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "families", "--db", db, "--top", "many", NULL };

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--top"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "intermediaries", "--db", db, "--relation", "quantized", "--format", "csv", NULL };

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 0);
    g_clear_pointer (&lines, g_strfreev);
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    g_assert_true (g_str_has_prefix (lines[1], "q,2,400,"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "intermediaries", "--db", db, "--relation", "sideways", NULL };

    g_assert_cmpint (run_hubeco (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "sideways"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lineage/small/roots", test_small_roots);
  g_test_add_func ("/lineage/small/ancestors", test_small_ancestors);
  g_test_add_func ("/lineage/small/descendants", test_small_descendants);
  g_test_add_func ("/lineage/small/expand", test_small_expand);
  g_test_add_func ("/lineage/small/families", test_small_families);
  g_test_add_func ("/lineage/small/missing-parent-totals", test_small_missing_parent_totals);
  g_test_add_func ("/lineage/missing-first-parent-relation", test_missing_first_parent_relation);
  g_test_add_func ("/lineage/small/intermediaries", test_small_intermediaries);
  g_test_add_func ("/lineage/small/suggest", test_small_suggest);
  g_test_add_func ("/lineage/real/suggest", test_real_suggest);
  g_test_add_func ("/lineage/real/families", test_real_families);
  g_test_add_func ("/lineage/synthetic/rankings", test_synthetic_rankings);
  g_test_add_func ("/lineage/fixture/edges", test_fixture_edges);
  g_test_add_func ("/lineage/cli/lineage", test_cli_lineage);
  g_test_add_func ("/lineage/cli/families", test_cli_families);

  return g_test_run ();
}
