/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-import.h"
#include "hub-leaderboard.h"
#include "hub-panel.h"
#include "hub-share-query.h"
#include "hub-snapshot-pack.h"
#include "hub-types.h"

#include "hub-test-util.h"

#include <math.h>
#include <sqlite3.h>

#define DAY 86400
#define T0 ((gint64) 1735689600) /* 2025-01-01 */

/* A small hand-made input: rows given as (group, model, value) triples,
 * already sorted by group. */
typedef struct {
  HubShareInput  in;
  GArray        *offsets;
  GArray        *model;
  GArray        *value;
} Fixture;

static void
fixture_init (Fixture       *f,
              guint          n_models,
              const guint32 *category,
              const gint64  *created,
              guint          n_categories,
              guint          unknown,
              guint          n_groups,
              const gint64  *group_time,
              const guint32 *group_period,
              guint          n_periods,
              const guint   *rows,   /* group, model, value triples */
              guint          n_rows)
{
  memset (f, 0, sizeof *f);
  f->offsets = g_array_new (FALSE, TRUE, sizeof (guint64));
  f->model = g_array_new (FALSE, TRUE, sizeof (guint32));
  f->value = g_array_new (FALSE, TRUE, sizeof (guint32));
  for (guint g = 0; g <= n_groups; g++)
    {
      guint64 count = 0;
      for (guint r = 0; r < n_rows; r++)
        if (rows[r * 3] < g)
          count++;
      g_array_append_val (f->offsets, count);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      guint32 m = rows[r * 3 + 1], v = rows[r * 3 + 2];
      g_array_append_val (f->model, m);
      g_array_append_val (f->value, v);
    }
  f->in.n_models = n_models;
  f->in.category = category;
  f->in.created_at = created;
  f->in.n_categories = n_categories;
  f->in.unknown_category = unknown;
  f->in.n_groups = n_groups;
  f->in.offsets = (guint64 *) f->offsets->data;
  f->in.model = (guint32 *) f->model->data;
  f->in.value32 = (guint32 *) f->value->data;
  f->in.group_time = group_time;
  f->in.group_period = group_period;
  f->in.n_periods = n_periods;
}

static void
fixture_clear (Fixture *f)
{
  g_array_unref (f->offsets);
  g_array_unref (f->model);
  g_array_unref (f->value);
}

static void
test_concentration_known (void)
{
  gint64 uniform[8] = { 5, 5, 5, 5, 5, 5, 5, 5 };
  gint64 monopoly[4] = { 0, 100, 0, 0 };
  gint64 pair[2] = { 1, 3 };
  gint64 many[150];
  double hhi, gini, t1, t10, t100;
  guint n;

  hub_share_concentration (uniform, 8, &hhi, &gini, &t1, &t10, &t100, &n);
  g_assert_cmpfloat_with_epsilon (hhi, 1.0 / 8, 1e-12);
  g_assert_cmpfloat_with_epsilon (gini, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t1, 1.0 / 8, 1e-12);
  g_assert_cmpfloat_with_epsilon (t10, 1, 1e-12);
  g_assert_cmpuint (n, ==, 8);

  /* Zeros are not participants. */
  hub_share_concentration (monopoly, 4, &hhi, &gini, &t1, NULL, NULL, &n);
  g_assert_cmpfloat_with_epsilon (hhi, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (gini, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t1, 1, 1e-12);
  g_assert_cmpuint (n, ==, 1);

  /* 1 and 3: HHI = 1/16 + 9/16; Gini = |1-3| * 2 / (2 * 4 * 2) = 0.25. */
  hub_share_concentration (pair, 2, &hhi, &gini, &t1, NULL, NULL, &n);
  g_assert_cmpfloat_with_epsilon (hhi, 10.0 / 16, 1e-12);
  g_assert_cmpfloat_with_epsilon (gini, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (t1, 0.75, 1e-12);

  /* 150 participants 1..150: top-100 = (51+...+150) / (1+...+150). */
  for (guint i = 0; i < 150; i++)
    many[149 - i] = i + 1;
  hub_share_concentration (many, 150, &hhi, &gini, &t1, &t10, &t100, &n);
  g_assert_cmpfloat_with_epsilon (t1, 150.0 / 11325, 1e-12);
  g_assert_cmpfloat_with_epsilon (t10, (141.0 + 150) * 5 / 11325, 1e-12);
  g_assert_cmpfloat_with_epsilon (t100, (51.0 + 150) * 50 / 11325, 1e-12);
  /* Gini of 1..n is (n - 1) / (3n). */
  g_assert_cmpfloat_with_epsilon (gini, 149.0 / 450, 1e-12);

  hub_share_concentration (NULL, 0, &hhi, &gini, &t1, &t10, &t100, &n);
  g_assert_cmpfloat (hhi, ==, 0);
  g_assert_cmpuint (n, ==, 0);
}

/* Four categories with equal downloads: HHI = 1/4, Gini = 0; the unknown
 * category (4) has its own column and is not a participant. */
static void
test_uniform_and_unknown (void)
{
  const guint32 category[] = { 0, 1, 2, 3, 4, 0 };
  const gint64 group_time[] = { T0 };
  const guint32 group_period[] = { 0 };
  const guint rows[] = { 0, 0, 5,  0, 1, 10,  0, 2, 10,  0, 3, 10,  0, 4, 1000,  0, 5, 5 };
  Fixture f;
  g_autoptr(HubShareResult) res = NULL;

  fixture_init (&f, 6, category, NULL, 5, 4, 1, group_time, group_period, 1,
                rows, G_N_ELEMENTS (rows) / 3);
  res = hub_share_compute (&f.in, NULL);
  g_assert_nonnull (res);
  g_assert_cmpuint (res->n_columns, ==, 5);
  g_assert_cmpint (res->column_kind[4], ==, HUB_SHARE_COLUMN_UNKNOWN);
  g_assert_cmpint (res->values[4], ==, 1000);
  g_assert_cmpint (res->totals[0], ==, 1040);
  g_assert_cmpint (res->participant_totals[0], ==, 40);
  g_assert_cmpuint (res->participants[0], ==, 4);
  g_assert_cmpfloat_with_epsilon (res->hhi[0], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (res->gini[0], 0, 1e-12);
  /* Equal totals: columns in category order. */
  for (guint c = 0; c < 4; c++)
    {
      g_assert_cmpuint (res->column_category[c], ==, c);
      g_assert_cmpint (res->values[c], ==, 10);
    }
  fixture_clear (&f);
}

/* One category has everything: HHI = 1 even with top=1 and Other empty. */
static void
test_monopoly (void)
{
  const guint32 category[] = { 2, 2, 2 };
  const gint64 group_time[] = { T0, T0 + 7 * DAY };
  const guint32 group_period[] = { 0, 1 };
  const guint rows[] = { 0, 0, 7,  0, 2, 3,  1, 1, 100 };
  Fixture f;
  g_autoptr(HubShareResult) res = NULL;

  fixture_init (&f, 3, category, NULL, 3, HUB_SHARE_SKIP, 2, group_time, group_period, 2,
                rows, G_N_ELEMENTS (rows) / 3);
  f.in.top = 1;
  res = hub_share_compute (&f.in, NULL);
  g_assert_cmpuint (res->n_columns, ==, 1);
  for (guint p = 0; p < 2; p++)
    {
      g_assert_cmpfloat (res->hhi[p], ==, 1);
      g_assert_cmpfloat (hub_share_result_get_share (res, p, 0), ==, 1);
    }
  g_assert_cmpint (res->values[0], ==, 10);
  g_assert_cmpint (res->values[1], ==, 100);
  fixture_clear (&f);
}

/* The window: at t a row counts when created_at > t - window. Model 0 was
 * created 400 days before the first snapshot, model 1 100 days before,
 * model 2 at the floor (2022-03-02, "or earlier"), model 3 unknown, model 4
 * exactly 365 days before (not inside: strictly after t - window). */
static void
test_window (void)
{
  const guint32 category[] = { 0, 1, 2, 3, 4 };
  const gint64 created[] = { T0 - 400 * DAY, T0 - 100 * DAY, HUB_CREATED_AT_FLOOR,
                             HUB_TIME_NONE, T0 - 365 * DAY };
  /* Second snapshot 300 days later: model 1 is now 400 days old. */
  const gint64 group_time[] = { T0, T0 + 300 * DAY };
  const guint32 group_period[] = { 0, 1 };
  const guint rows[] = { 0, 0, 1,  0, 1, 2,  0, 2, 4,  0, 3, 8,  0, 4, 16,
                         1, 0, 1,  1, 1, 2,  1, 2, 4,  1, 3, 8,  1, 4, 16 };
  Fixture f;
  g_autoptr(HubShareResult) none = NULL;
  g_autoptr(HubShareResult) year = NULL;
  g_autoptr(HubShareResult) big = NULL;

  fixture_init (&f, 5, category, created, 5, HUB_SHARE_SKIP, 2, group_time, group_period, 2,
                rows, G_N_ELEMENTS (rows) / 3);
  none = hub_share_compute (&f.in, NULL);
  g_assert_cmpint (none->totals[0], ==, 31);
  g_assert_cmpint (none->totals[1], ==, 31);

  f.in.window_days = 365;
  year = hub_share_compute (&f.in, NULL);
  g_assert_cmpint (year->totals[0], ==, 2);
  g_assert_cmpint (year->totals[1], ==, 0);
  g_assert_cmpuint (year->participants[1], ==, 0);
  g_assert_cmpfloat (year->hhi[1], ==, 0);

  /* 366 days: model 4 now inside at the first snapshot; the floor model
   * never is, even with a window reaching back past 2022. */
  f.in.window_days = 2000;
  big = hub_share_compute (&f.in, NULL);
  g_assert_cmpint (big->totals[0], ==, 1 + 2 + 16);
  g_assert_cmpint (big->totals[1], ==, 1 + 2 + 16);
  fixture_clear (&f);
}

/* top=2 of five categories: two columns, Other holds the rest; Gini and
 * HHI still see every participant. Two groups in one period are summed. */
/* rank_by_last: the top N are the largest in the last period (ties by the
 * total over the range), whatever the earlier periods held (a stock's top N
 * is the N largest now; issue 23, item 5). */
static void
test_top_by_last (void)
{
  const guint32 category[] = { 0, 1, 2, 3, 4, HUB_SHARE_SKIP };
  const gint64 group_time[] = { T0, T0 + DAY, T0 + 8 * DAY };
  const guint32 group_period[] = { 0, 0, 1 };
  const guint rows[] = { 0, 0, 10,  0, 1, 20,  0, 5, 999,
                         1, 2, 30,  1, 3, 40,  1, 4, 50,
                         2, 0, 5,   2, 4, 5 };
  Fixture f;

  fixture_init (&f, 6, category, NULL, 5, HUB_SHARE_SKIP, 3, group_time, group_period, 2,
                rows, G_N_ELEMENTS (rows) / 3);
  f.in.top = 2;
  f.in.rank_by_last = TRUE;
  for (guint threads = 1; threads <= 3; threads++)
    {
      g_autoptr(HubShareResult) res = NULL;

      f.in.n_threads = threads;
      res = hub_share_compute (&f.in, NULL);
      g_assert_cmpuint (res->n_columns, ==, 3);
      /* The last period: 0 -> 5, 4 -> 5; the tie goes to the larger total
       * over the range (4: 55 against 0: 15). */
      g_assert_cmpuint (res->column_category[0], ==, 4);
      g_assert_cmpuint (res->column_category[1], ==, 0);
      g_assert_cmpint (res->column_kind[2], ==, HUB_SHARE_COLUMN_OTHER);
      g_assert_cmpint (res->values[0], ==, 50);
      g_assert_cmpint (res->values[1], ==, 10);
      g_assert_cmpint (res->values[2], ==, 90);
      g_assert_cmpint (res->column_totals[1], ==, 15);
    }
  fixture_clear (&f);
}

static void
test_top_and_other (void)
{
  const guint32 category[] = { 0, 1, 2, 3, 4, HUB_SHARE_SKIP };
  const gint64 group_time[] = { T0, T0 + DAY, T0 + 8 * DAY };
  const guint32 group_period[] = { 0, 0, 1 };
  const guint rows[] = { 0, 0, 10,  0, 1, 20,  0, 5, 999,
                         1, 2, 30,  1, 3, 40,  1, 4, 50,
                         2, 0, 5,   2, 4, 5 };
  Fixture f;
  g_autoptr(HubShareResult) res = NULL;
  gint64 p0[] = { 10, 20, 30, 40, 50 };
  double hhi, gini;

  fixture_init (&f, 6, category, NULL, 5, HUB_SHARE_SKIP, 3, group_time, group_period, 2,
                rows, G_N_ELEMENTS (rows) / 3);
  f.in.top = 2;
  f.in.n_threads = 2;
  res = hub_share_compute (&f.in, NULL);
  g_assert_cmpuint (res->n_columns, ==, 3);
  /* Totals over the range: 4 -> 55, 3 -> 40, 2 -> 30, 1 -> 20, 0 -> 15. */
  g_assert_cmpuint (res->column_category[0], ==, 4);
  g_assert_cmpuint (res->column_category[1], ==, 3);
  g_assert_cmpint (res->column_kind[2], ==, HUB_SHARE_COLUMN_OTHER);
  g_assert_cmpint (res->values[0], ==, 50);
  g_assert_cmpint (res->values[1], ==, 40);
  g_assert_cmpint (res->values[2], ==, 60);
  g_assert_cmpint (res->values[3 + 0], ==, 5);
  g_assert_cmpint (res->values[3 + 1], ==, 0);
  g_assert_cmpint (res->values[3 + 2], ==, 5);
  g_assert_cmpint (res->column_totals[2], ==, 65);
  g_assert_cmpint (res->totals[0], ==, 150);
  g_assert_cmpuint (res->participants[0], ==, 5);
  hub_share_concentration (p0, 5, &hhi, &gini, NULL, NULL, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (res->hhi[0], hhi, 1e-12);
  g_assert_cmpfloat_with_epsilon (res->gini[0], gini, 1e-12);
  /* Period 1: two participants of 5 each. */
  g_assert_cmpfloat_with_epsilon (res->hhi[1], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (res->gini[1], 0, 1e-12);
  fixture_clear (&f);
}

/* ---- Randomized cross-check against SQL ---- */

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *err = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &err) != SQLITE_OK)
    g_error ("%s: %s", sql, err);
}

typedef struct {
  guint    n_models, n_cats, n_inner, n_groups, n_periods;
  guint    unknown, inner_unknown;
  guint32 *cat, *inner;
  gint64  *created;
  gint64  *gtime;
  guint32 *gperiod;
  GArray  *offsets, *model, *v32, *v64;
} RandomData;

static void
random_data (GRand      *rand,
             RandomData *d)
{
  d->n_models = g_rand_int_range (rand, 1, 40);
  d->n_cats = g_rand_int_range (rand, 1, 8);
  d->n_inner = g_rand_int_range (rand, 1, 4);
  d->n_groups = g_rand_int_range (rand, 0, 7);
  d->n_periods = g_rand_int_range (rand, 1, 4);
  d->unknown = g_rand_boolean (rand) ? (guint) g_rand_int_range (rand, 0, d->n_cats) : HUB_SHARE_SKIP;
  d->inner_unknown = g_rand_boolean (rand) ? 0 : HUB_SHARE_SKIP;
  d->cat = g_new (guint32, d->n_models);
  d->inner = g_new (guint32, d->n_models);
  d->created = g_new (gint64, d->n_models);
  for (guint m = 0; m < d->n_models; m++)
    {
      double u = g_rand_double (rand);
      d->cat[m] = u < 0.1 ? HUB_SHARE_SKIP : (guint32) g_rand_int_range (rand, 0, d->n_cats);
      d->inner[m] = g_rand_double (rand) < 0.1 ? HUB_SHARE_SKIP : (guint32) g_rand_int_range (rand, 0, d->n_inner);
      u = g_rand_double (rand);
      d->created[m] = u < 0.1 ? HUB_CREATED_AT_FLOOR : u < 0.15 ? HUB_TIME_NONE
                    : T0 - g_rand_int_range (rand, 0, 800) * DAY + g_rand_int_range (rand, 0, DAY);
    }
  d->gtime = g_new (gint64, MAX (d->n_groups, 1));
  d->gperiod = g_new (guint32, MAX (d->n_groups, 1));
  d->offsets = g_array_new (FALSE, TRUE, sizeof (guint64));
  d->model = g_array_new (FALSE, TRUE, sizeof (guint32));
  d->v32 = g_array_new (FALSE, TRUE, sizeof (guint32));
  d->v64 = g_array_new (FALSE, TRUE, sizeof (guint64));
  g_array_append_val (d->offsets, d->model->len);
  for (guint g = 0; g < d->n_groups; g++)
    {
      guint64 end;

      d->gtime[g] = T0 + g_rand_int_range (rand, 0, 400) * DAY;
      d->gperiod[g] = g_rand_double (rand) < 0.1 ? HUB_SHARE_SKIP : (guint32) g_rand_int_range (rand, 0, d->n_periods);
      for (guint m = 0; m < d->n_models; m++)
        if (g_rand_double (rand) < 0.6)
          {
            guint32 v = g_rand_double (rand) < 0.1 ? 0 : (guint32) g_rand_int_range (rand, 1, 1000000);
            guint64 v64 = v;
            if (g_rand_double (rand) < 0.05)
              v64 = (guint64) v * 100000;  /* beyond 32 bits */
            g_array_append_val (d->model, m);
            g_array_append_val (d->v32, v);
            g_array_append_val (d->v64, v64);
          }
      end = d->model->len;
      g_array_append_val (d->offsets, end);
    }
}

static void
random_data_clear (RandomData *d)
{
  g_free (d->cat);
  g_free (d->inner);
  g_free (d->created);
  g_free (d->gtime);
  g_free (d->gperiod);
  g_array_unref (d->offsets);
  g_array_unref (d->model);
  g_array_unref (d->v32);
  g_array_unref (d->v64);
}

static void
bind_nullable (sqlite3_stmt *st,
               int           i,
               guint32       v)
{
  if (v == HUB_SHARE_SKIP)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_int64 (st, i, v);
}

static sqlite3 *
random_data_to_sql (const RandomData *d,
                    gboolean          use64)
{
  sqlite3 *db = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  exec (db, "CREATE TABLE models (m INTEGER PRIMARY KEY, cat INTEGER, inner INTEGER, created INTEGER);"
            "CREATE TABLE groups (g INTEGER PRIMARY KEY, t INTEGER, period INTEGER);"
            "CREATE TABLE obs (g INTEGER, m INTEGER, v INTEGER);");
  sqlite3_prepare_v2 (db, "INSERT INTO models VALUES (?, ?, ?, ?)", -1, &st, NULL);
  for (guint m = 0; m < d->n_models; m++)
    {
      sqlite3_bind_int64 (st, 1, m);
      bind_nullable (st, 2, d->cat[m]);
      bind_nullable (st, 3, d->inner[m]);
      if (d->created[m] == HUB_TIME_NONE)
        sqlite3_bind_null (st, 4);
      else
        sqlite3_bind_int64 (st, 4, d->created[m]);
      g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
      sqlite3_reset (st);
    }
  g_clear_pointer (&st, sqlite3_finalize);
  sqlite3_prepare_v2 (db, "INSERT INTO groups VALUES (?, ?, ?)", -1, &st, NULL);
  for (guint g = 0; g < d->n_groups; g++)
    {
      sqlite3_bind_int64 (st, 1, g);
      sqlite3_bind_int64 (st, 2, d->gtime[g]);
      bind_nullable (st, 3, d->gperiod[g]);
      g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
      sqlite3_reset (st);
    }
  g_clear_pointer (&st, sqlite3_finalize);
  sqlite3_prepare_v2 (db, "INSERT INTO obs VALUES (?, ?, ?)", -1, &st, NULL);
  for (guint g = 0; g < d->n_groups; g++)
    for (guint64 i = g_array_index (d->offsets, guint64, g); i < g_array_index (d->offsets, guint64, g + 1); i++)
      {
        sqlite3_bind_int64 (st, 1, g);
        sqlite3_bind_int64 (st, 2, g_array_index (d->model, guint32, i));
        sqlite3_bind_int64 (st, 3, use64 ? (gint64) g_array_index (d->v64, guint64, i)
                                         : (gint64) g_array_index (d->v32, guint32, i));
        g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
        sqlite3_reset (st);
      }
  return db;
}

/* The rows that count, per period, outer and inner category, in plain SQL. */
#define SQL_BASE \
  "WITH base AS (" \
  "  SELECT g.period AS period, mo.cat AS cat, %s AS inner, o.v AS v" \
  "  FROM obs o JOIN models mo ON mo.m = o.m JOIN groups g ON g.g = o.g" \
  "  WHERE g.period IS NOT NULL AND mo.cat IS NOT NULL %s" \
  "    AND (?1 = 0 OR (mo.created IS NOT NULL AND mo.created != ?2" \
  "                    AND mo.created > g.t - ?1 * 86400))), " \
  "tot AS (SELECT cat, SUM (v) AS total FROM base WHERE cat IS NOT ?3 GROUP BY cat HAVING total != 0), " \
  "ranked AS (SELECT cat, ROW_NUMBER () OVER (ORDER BY total DESC, cat) AS rn FROM tot), " \
  "itot AS (SELECT inner, SUM (v) AS total FROM base WHERE inner IS NOT ?5 GROUP BY inner HAVING total != 0), " \
  "iranked AS (SELECT inner, ROW_NUMBER () OVER (ORDER BY total DESC, inner) AS rn FROM itot), " \
  "cols AS (SELECT b.period, " \
  "  CASE WHEN b.cat IS ?3 THEN 'U' WHEN ?4 = 0 OR r.rn <= ?4 THEN CAST (b.cat AS TEXT) ELSE 'O' END AS col, " \
  "  CASE WHEN b.inner IS ?5 THEN 'U' WHEN ?4 = 0 OR ir.rn <= ?4 THEN CAST (b.inner AS TEXT) ELSE 'O' END AS icol, " \
  "  b.cat, b.v FROM base b LEFT JOIN ranked r ON r.cat = b.cat LEFT JOIN iranked ir ON ir.inner = b.inner) "

static char *
column_name (HubShareColumnKind kind,
             guint32            cat)
{
  if (kind == HUB_SHARE_COLUMN_OTHER)
    return g_strdup ("O");
  if (kind == HUB_SHARE_COLUMN_UNKNOWN)
    return g_strdup ("U");
  return g_strdup_printf ("%u", cat);
}

static void
prepare_sql (sqlite3             *db,
             sqlite3_stmt       **st,
             const char          *tail,
             gboolean             within,
             const HubShareInput *in)
{
  g_autofree char *sql = g_strdup_printf (SQL_BASE "%s",
                                          within ? "mo.inner" : "0",
                                          within ? "AND mo.inner IS NOT NULL" : "",
                                          tail);

  if (sqlite3_prepare_v2 (db, sql, -1, st, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_bind_int64 (*st, 1, in->window_days);
  sqlite3_bind_int64 (*st, 2, HUB_CREATED_AT_FLOOR);
  if (in->unknown_category == HUB_SHARE_SKIP)
    sqlite3_bind_null (*st, 3);
  else
    sqlite3_bind_int64 (*st, 3, in->unknown_category);
  sqlite3_bind_int64 (*st, 4, in->top);
  if (!within || in->inner_unknown_category == HUB_SHARE_SKIP)
    sqlite3_bind_null (*st, 5);
  else
    sqlite3_bind_int64 (*st, 5, in->inner_unknown_category);
}

static void
cross_check (sqlite3              *db,
             const HubShareInput  *in,
             const HubShareResult *res)
{
  gboolean within = in->inner_category != NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree gint64 *totals = g_new0 (gint64, in->n_periods);
  guint checked = 0;

  /* The matrix (and the inner cube). */
  prepare_sql (db, &st, "SELECT period, col, icol, SUM (v) FROM cols GROUP BY 1, 2, 3", within, in);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      guint p = sqlite3_column_int (st, 0);
      const char *col = (const char *) sqlite3_column_text (st, 1);
      const char *icol = (const char *) sqlite3_column_text (st, 2);
      gint64 v = sqlite3_column_int64 (st, 3);
      char *k1 = g_strdup_printf ("%u/%s", p, col);
      gint64 *prev = g_hash_table_lookup (expected, k1);

      totals[p] += v;
      if (prev == NULL)
        g_hash_table_insert (expected, k1, g_memdup2 (&v, sizeof v));
      else
        {
          *prev += v;
          g_free (k1);
        }
      if (within)
        g_hash_table_insert (expected, g_strdup_printf ("%u/%s/%s", p, col, icol),
                             g_memdup2 (&v, sizeof v));
    }
  g_clear_pointer (&st, sqlite3_finalize);

  for (guint p = 0; p < in->n_periods; p++)
    {
      g_assert_cmpint (res->totals[p], ==, totals[p]);
      for (guint c = 0; c < res->n_columns; c++)
        {
          g_autofree char *name = column_name (res->column_kind[c], res->column_category[c]);
          g_autofree char *key = g_strdup_printf ("%u/%s", p, name);
          gint64 *want = g_hash_table_lookup (expected, key);
          gint64 got = res->values[p * res->n_columns + c];

          if ((want ? *want : 0) != got)
            g_error ("period %u column %s: %" G_GINT64_FORMAT " != SQL %" G_GINT64_FORMAT,
                     p, name, got, want ? *want : 0);
          if (want && *want != 0)
            checked++;
          for (guint i = 0; within && i < res->n_inner_columns; i++)
            {
              g_autofree char *iname = column_name (res->inner_column_kind[i], res->inner_column_category[i]);
              g_autofree char *ikey = g_strdup_printf ("%u/%s/%s", p, name, iname);
              gint64 *iwant = g_hash_table_lookup (expected, ikey);
              gint64 igot = res->inner_values[(p * res->n_columns + c) * res->n_inner_columns + i];

              if ((iwant ? *iwant : 0) != igot)
                g_error ("cell %s: %" G_GINT64_FORMAT " != SQL %" G_GINT64_FORMAT,
                         ikey, igot, iwant ? *iwant : 0);
            }
        }
    }
  /* Every non-zero SQL cell has a column. */
  {
    GHashTableIter iter;
    gpointer key, value;
    guint nonzero = 0;

    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (*(gint64 *) value != 0 && strchr (strchr (key, '/') + 1, '/') == NULL)
        nonzero++;
    g_assert_cmpuint (checked, ==, nonzero);
  }

  /* Concentration over the ungrouped categories, in SQL. */
  prepare_sql (db, &st,
               ", per AS (SELECT period, cat, SUM (v) AS x FROM cols WHERE cat IS NOT ?3 GROUP BY 1, 2 HAVING x > 0), "
               "sums AS (SELECT period, SUM (x) AS xt, COUNT (*) AS n FROM per GROUP BY 1), "
               "ranks AS (SELECT per.period, x, xt, n, "
               "  ROW_NUMBER () OVER (PARTITION BY per.period ORDER BY x) AS i, "
               "  ROW_NUMBER () OVER (PARTITION BY per.period ORDER BY x DESC) AS d "
               "  FROM per JOIN sums ON sums.period = per.period) "
               "SELECT period, SUM ((x * 1.0 / xt) * (x * 1.0 / xt)), "
               "  2.0 * SUM (i * x) / (n * xt) - (n + 1.0) / n, "
               "  SUM (CASE WHEN d <= 1 THEN x ELSE 0 END) * 1.0 / xt, "
               "  SUM (CASE WHEN d <= 10 THEN x ELSE 0 END) * 1.0 / xt, "
               "  SUM (CASE WHEN d <= 100 THEN x ELSE 0 END) * 1.0 / xt, n "
               "FROM ranks GROUP BY period", within, in);
  {
    g_autofree guint *seen = g_new0 (guint, in->n_periods);

    while (sqlite3_step (st) == SQLITE_ROW)
      {
        guint p = sqlite3_column_int (st, 0);

        seen[p] = 1;
        g_assert_cmpfloat_with_epsilon (res->hhi[p], sqlite3_column_double (st, 1), 1e-9);
        g_assert_cmpfloat_with_epsilon (res->gini[p], MAX (0, sqlite3_column_double (st, 2)), 1e-9);
        g_assert_cmpfloat_with_epsilon (res->top1[p], sqlite3_column_double (st, 3), 1e-9);
        g_assert_cmpfloat_with_epsilon (res->top10[p], sqlite3_column_double (st, 4), 1e-9);
        g_assert_cmpfloat_with_epsilon (res->top100[p], sqlite3_column_double (st, 5), 1e-9);
        g_assert_cmpuint (res->participants[p], ==, sqlite3_column_int (st, 6));
      }
    for (guint p = 0; p < in->n_periods; p++)
      if (!seen[p])
        {
          g_assert_cmpuint (res->participants[p], ==, 0);
          g_assert_cmpfloat (res->hhi[p], ==, 0);
        }
  }
}

static void
test_random_vs_sql (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260822);
  const guint windows[] = { 0, 30, 365, 1000 };

  for (guint round = 0; round < 300; round++)
    {
      RandomData d;
      HubShareInput in = { 0 };
      g_autoptr(HubShareResult) res = NULL;
      gboolean use64 = round % 3 == 0;
      gboolean within = round % 4 == 1;
      sqlite3 *db;

      random_data (rand, &d);
      in.n_models = d.n_models;
      in.category = d.cat;
      in.inner_category = within ? d.inner : NULL;
      in.created_at = d.created;
      in.n_categories = d.n_cats;
      in.unknown_category = d.unknown;
      in.n_inner_categories = d.n_inner;
      in.inner_unknown_category = d.inner_unknown;
      in.n_groups = d.n_groups;
      in.offsets = (guint64 *) d.offsets->data;
      in.model = (guint32 *) d.model->data;
      in.value32 = use64 ? NULL : (guint32 *) d.v32->data;
      in.value64 = use64 ? (guint64 *) d.v64->data : NULL;
      in.group_time = d.gtime;
      in.group_period = d.gperiod;
      in.n_periods = d.n_periods;
      in.window_days = windows[round % G_N_ELEMENTS (windows)];
      in.top = g_rand_int_range (rand, 0, 4);
      in.n_threads = 1 + round % 2;

      res = hub_share_compute (&in, NULL);
      g_assert_nonnull (res);
      db = random_data_to_sql (&d, use64);
      cross_check (db, &in, res);
      sqlite3_close (db);
      random_data_clear (&d);
    }
}

/* Many categories (the two-pass path, > 65536 keys) give the same answer
 * as few: the same rows, with categories spread out by a factor. */
static void
test_many_categories (void)
{
  guint n_models = 200000;
  g_autofree guint32 *few = g_new (guint32, n_models);
  g_autofree guint32 *many = g_new (guint32, n_models);
  g_autofree guint64 *offsets = g_new (guint64, 4);
  g_autoptr(GArray) model = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) value = g_array_new (FALSE, FALSE, sizeof (guint32));
  const gint64 gtime[] = { T0, T0 + DAY, T0 + 2 * DAY };
  const guint32 gperiod[] = { 0, 1, 2 };
  HubShareInput in = { 0 };
  g_autoptr(HubShareResult) a = NULL;
  g_autoptr(HubShareResult) b = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint m = 0; m < n_models; m++)
    {
      few[m] = m % 1000;
      /* One category per model: a distinct key space of 200000. */
      many[m] = m;
    }
  offsets[0] = 0;
  for (guint g = 0; g < 3; g++)
    {
      for (guint m = 0; m < n_models; m += g_rand_int_range (rand, 1, 5))
        {
          guint32 v = g_rand_int_range (rand, 0, 1000);
          g_array_append_val (model, m);
          g_array_append_val (value, v);
        }
      offsets[g + 1] = model->len;
    }
  in.n_models = n_models;
  in.category = many;
  in.n_categories = n_models;
  in.unknown_category = HUB_SHARE_SKIP;
  in.n_groups = 3;
  in.offsets = offsets;
  in.model = (guint32 *) model->data;
  in.value32 = (guint32 *) value->data;
  in.group_time = gtime;
  in.group_period = gperiod;
  in.n_periods = 3;
  in.top = 1000000;
  in.n_threads = 2;
  a = hub_share_compute (&in, NULL);
  in.top = 10;
  b = hub_share_compute (&in, NULL);
  g_assert_cmpuint (b->n_columns, ==, 11);
  for (guint p = 0; p < 3; p++)
    {
      gint64 sum = 0;

      g_assert_cmpint (a->totals[p], ==, b->totals[p]);
      g_assert_cmpfloat (a->hhi[p], ==, b->hhi[p]);
      g_assert_cmpfloat (a->gini[p], ==, b->gini[p]);
      for (guint c = 0; c < a->n_columns; c++)
        sum += a->values[p * a->n_columns + c];
      g_assert_cmpint (sum, ==, a->totals[p]);
      /* The top 10 columns agree, Other holds the rest. */
      for (guint c = 0; c < 10; c++)
        {
          g_assert_cmpuint (a->column_category[c], ==, b->column_category[c]);
          g_assert_cmpint (a->values[p * a->n_columns + c], ==, b->values[p * b->n_columns + c]);
          sum -= b->values[p * b->n_columns + c];
        }
      g_assert_cmpint (b->values[p * b->n_columns + 10], ==, sum);
    }
}

static void
test_cancel (void)
{
  const guint32 category[] = { 0 };
  const gint64 group_time[] = { T0 };
  const guint32 group_period[] = { 0 };
  const guint rows[] = { 0, 0, 1 };
  Fixture f;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  fixture_init (&f, 1, category, NULL, 1, HUB_SHARE_SKIP, 1, group_time, group_period, 1, rows, 1);
  g_cancellable_cancel (cancellable);
  g_assert_null (hub_share_compute (&f.in, cancellable));
  fixture_clear (&f);
}

/* ---- The embedded dataset, through the store ---- */

static HubStore *embedded_store;
static HubDataset *embedded_dataset;

static void
ensure_embedded (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(HubImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (embedded_dataset != NULL)
    return;
  dir = hub_test_tmpdir ();
  path = g_build_filename (dir, "hubeco.db", NULL);
  embedded_store = hub_store_open (path, &error);
  g_assert_no_error (error);
  report = hub_import_report_new ();
  g_assert_true (hub_import_ensure_populated (embedded_store, report, NULL, &error));
  g_assert_no_error (error);
  embedded_dataset = hub_dataset_load (embedded_store, NULL, &error);
  g_assert_no_error (error);
}

/* The sum of a snapshot's values in SQL, carrying each model's last value
 * forward when the series says so; only models the dataset knows. */
static gint64
sql_snapshot_total (sqlite3    *db,
                    const char *series,
                    gint64      captured_at,
                    gboolean    carry)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  const char *sql = carry
    ? "SELECT coalesce (sum (d), 0) FROM (SELECT r.downloads AS d, ROW_NUMBER () OVER"
      " (PARTITION BY r.model_id ORDER BY s.captured_at DESC, s.id DESC) AS rn"
      " FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id JOIN models m ON m.id = r.model_id"
      " WHERE s.series = ?1 AND s.complete AND s.captured_at <= ?2 AND r.downloads IS NOT NULL)"
      " WHERE rn = 1"
    : "SELECT coalesce (sum (r.downloads), 0) FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
      " JOIN models m ON m.id = r.model_id WHERE s.series = ?1 AND s.complete AND s.captured_at = ?2"
      " AND r.downloads > 0";

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, series, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, captured_at);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  return sqlite3_column_int64 (st, 0);
}

static void
check_sums_to_one (const HubShareResult *res)
{
  for (guint p = 0; p < res->n_periods; p++)
    {
      double sum = 0;

      if (res->totals[p] == 0)
        continue;
      for (guint c = 0; c < res->n_columns; c++)
        sum += hub_share_result_get_share (res, p, c);
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-9);
      g_assert_cmpfloat (res->hhi[p], >, res->participants[p] > 0 ? 0 : -1);
      g_assert_cmpfloat (res->hhi[p], <=, 1 + 1e-12);
      if (res->participants[p] > 0)
        g_assert_cmpfloat (res->hhi[p], >=, 1.0 / res->participants[p] - 1e-12);
      g_assert_cmpfloat (res->gini[p], >=, 0);
      g_assert_cmpfloat (res->gini[p], <, 1);
    }
  g_assert_nonnull (res->period_labels);
  g_assert_cmpuint (g_strv_length (res->period_labels), ==, res->n_periods);
  g_assert_cmpuint (g_strv_length (res->column_labels), ==, res->n_columns);
}

static void
test_embedded_series (void)
{
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *def = NULL;
  const char *expected[] = { "daily-top300", "osir-monthly", "radar-export", "trending-top10" };
  guint found = 0;

  ensure_embedded ();
  series = hub_observations_list_series (embedded_store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < series->len; i++)
    {
      const HubSeriesInfo *s = g_ptr_array_index (series, i);
      g_autoptr(HubObservations) obs = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
        if (strcmp (s->name, expected[k]) == 0)
          found++;
      g_test_message ("series %s: %u snapshots, carry forward %d", s->name, s->n_snapshots, s->carry_forward);
      obs = hub_observations_load (embedded_store, embedded_dataset, s->name,
                                   HUB_QUERY_MEASURE_DOWNLOADS_30D, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (obs->n_groups, ==, s->n_complete);
      g_assert_cmpint (obs->carry_forward, ==, s->carry_forward);
      /* Every group's total agrees with SQL (carry-forward included). */
      for (guint g = 0; g < obs->n_groups; g++)
        {
          gint64 sum = 0;

          for (guint64 r = obs->offsets[g]; r < obs->offsets[g + 1]; r++)
            {
              sum += hub_observations_value (obs, r);
              if (r > obs->offsets[g])
                g_assert_cmpuint (obs->model[r - 1], <, obs->model[r]);
            }
          g_assert_cmpint (sum, ==, sql_snapshot_total (hub_store_get_db (embedded_store), s->name,
                                                         obs->group_time[g], s->carry_forward));
        }
    }
  g_assert_cmpuint (found, ==, 4);
  /* The longest span: the monthly crawl's 2024-11-14 .. 2025-09-07 beats
   * the trending captures' 2026-03-02 .. 2026-08-22 (issue 14). */
  def = hub_observations_default_series (embedded_store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (def, ==, "osir-monthly");
}

static void
test_embedded_shares (void)
{
  const char *queries[] = {
    "by=country;series=radar-export",
    "by=country;series=radar-export;attribution=root;top=10",
    "by=author;series=radar-export;axis=week;window=1y;top=20",
    "by=org_type;within=country;series=radar-export;top=5",
    "by=model;series=radar-export;axis=month;top=100",
    "by=group;series=daily-top300;axis=week",
    "by=modality;series=daily-top300;axis=cohort",
    "by=relation;series=trending-top10;axis=month;attribution=root",
    "by=library;series=radar-export;window=6m;relation=quantized",
    "by=task;series=radar-export;measure=likes;min_params=1B",
  };

  ensure_embedded ();
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      HubQuery q;
      g_autoptr(GError) error = NULL;
      g_autoptr(HubObservations) obs = NULL;
      g_autoptr(HubShareResult) res = NULL;

      g_assert_true (hub_query_parse (&q, queries[i], &error));
      obs = hub_observations_load (embedded_store, embedded_dataset, q.series, q.measure, NULL, &error);
      g_assert_no_error (error);
      res = hub_share_run (embedded_dataset, obs, &q, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %u periods, %u columns", queries[i], res->n_periods, res->n_columns);
      g_assert_cmpuint (res->n_periods, >, 0);
      check_sums_to_one (res);
      if (q.top > 0)
        g_assert_cmpuint (res->n_columns, <=, q.top + 2);
      hub_query_clear (&q);
    }
}

/* The cohort axis has a row per creation month that holds counted
 * downloads, and none for months whose models are all filtered out or
 * unobserved (issue 23, item 1: rows of "0 of 0"); the cohorts add up to
 * the latest snapshot's total. */
static void
test_embedded_cohorts (void)
{
  const char *queries[] = {
    "by=modality;series=daily-top300;axis=cohort",
    "by=country;series=radar-export;axis=cohort;task=text-generation",
    "by=author;series=osir-monthly;axis=cohort;window=1y",
  };

  ensure_embedded ();
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      HubQuery q, latest;
      g_autoptr(GError) error = NULL;
      g_autoptr(HubObservations) obs = NULL;
      g_autoptr(HubShareResult) res = NULL;
      g_autoptr(HubShareResult) by_time = NULL;
      gint64 sum = 0;

      g_assert_true (hub_query_parse (&q, queries[i], &error));
      obs = hub_observations_load (embedded_store, embedded_dataset, q.series, q.measure, NULL, &error);
      g_assert_no_error (error);
      res = hub_share_run (embedded_dataset, obs, &q, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %u cohorts", queries[i], res->n_periods);
      g_assert_cmpuint (res->n_periods, >, 1);
      for (guint p = 0; p < res->n_periods; p++)
        {
          g_assert_cmpint (res->totals[p], >, 0);
          sum += res->totals[p];
        }
      hub_query_init (&latest);
      hub_query_copy (&latest, &q);
      latest.axis = HUB_QUERY_AXIS_SNAPSHOT;
      by_time = hub_share_run (embedded_dataset, obs, &latest, NULL, NULL, &error);
      g_assert_no_error (error);
      /* Models without a creation time have no cohort. */
      g_assert_cmpint (sum, <=, by_time->totals[by_time->n_periods - 1]);
      g_assert_cmpint (sum, >=, by_time->totals[by_time->n_periods - 1] * 0.9);
      hub_query_clear (&latest);
      hub_query_clear (&q);
    }
}

/* Root attribution moves downloads from derived models to their roots:
 * by=model under root credits only models that are roots. */
static void
test_embedded_root (void)
{
  HubQuery q;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubObservations) obs = NULL;
  g_autoptr(HubShareResult) self_res = NULL;
  g_autoptr(HubShareResult) root_res = NULL;
  g_autofree guint32 *roots = NULL;
  guint n_moved = 0;

  ensure_embedded ();
  roots = hub_dataset_compute_roots (embedded_dataset);
  for (guint m = 0; m < hub_dataset_get_n_models (embedded_dataset); m++)
    if (roots[m] != m)
      {
        n_moved++;
        g_assert_cmpuint (roots[roots[m]], ==, roots[m]);
      }
  g_test_message ("%u models credited to another root", n_moved);
  g_assert_cmpuint (n_moved, >, 0);

  g_assert_true (hub_query_parse (&q, "by=model;series=radar-export", &error));
  obs = hub_observations_load (embedded_store, embedded_dataset, q.series, q.measure, NULL, &error);
  self_res = hub_share_run (embedded_dataset, obs, &q, NULL, NULL, &error);
  q.attribution = HUB_QUERY_ATTRIBUTION_ROOT;
  root_res = hub_share_run (embedded_dataset, obs, &q, roots, NULL, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < root_res->n_periods; p++)
    {
      g_assert_cmpint (root_res->totals[p], ==, self_res->totals[p]);
      g_assert_cmpuint (root_res->participants[p], <, self_res->participants[p]);
    }
  for (guint c = 0; c < root_res->n_columns; c++)
    g_assert_cmpuint (roots[root_res->column_category[c]], ==, root_res->column_category[c]);
  hub_query_clear (&q);
}

/* The dataset caches what a query derives from it alone (roots,
 * categories, credited categories under filters): a series of queries
 * that change one option at a time on one dataset gives exactly what each
 * gives on a freshly loaded dataset with an empty cache. */
static void
test_cached_repeat (void)
{
  static const char * const queries[] = {
    "by=country;series=radar-export;attribution=root;top=5",
    "by=country;series=radar-export;attribution=root;top=5;window=1y",
    "by=country;series=radar-export;attribution=self;top=5",
    "by=country;series=radar-export;attribution=root;top=5;org_type=company",
    "by=org_type;within=country;series=radar-export;attribution=root",
    "by=country;series=radar-export;attribution=root;top=5;task=text-generation",
    "by=country;series=radar-export;attribution=root;top=5",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(HubObservations) obs = NULL;

  ensure_embedded ();
  obs = hub_observations_load (embedded_store, embedded_dataset, "radar-export",
                               HUB_QUERY_MEASURE_DOWNLOADS_30D, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(HubDataset) fresh = hub_dataset_load (embedded_store, NULL, &error);
      g_autoptr(HubObservations) fresh_obs = NULL;
      g_autoptr(HubShareResult) warm = NULL;
      g_autoptr(HubShareResult) cold = NULL;
      HubQuery q;

      g_assert_no_error (error);
      g_assert_true (hub_query_parse (&q, queries[i], &error));
      g_assert_no_error (error);
      fresh_obs = hub_observations_load (embedded_store, fresh, "radar-export",
                                         HUB_QUERY_MEASURE_DOWNLOADS_30D, NULL, &error);
      g_assert_no_error (error);
      warm = hub_share_run (embedded_dataset, obs, &q, NULL, NULL, &error);
      g_assert_no_error (error);
      cold = hub_share_run (fresh, fresh_obs, &q, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (warm->n_periods, ==, cold->n_periods);
      g_assert_cmpuint (warm->n_columns, ==, cold->n_columns);
      g_assert_cmpuint (warm->n_inner_columns, ==, cold->n_inner_columns);
      g_assert_cmpuint (warm->n_periods, >, 0);
      g_assert_cmpmem (warm->totals, warm->n_periods * sizeof (gint64),
                       cold->totals, cold->n_periods * sizeof (gint64));
      g_assert_cmpmem (warm->values, warm->n_periods * warm->n_columns * sizeof (gint64),
                       cold->values, cold->n_periods * cold->n_columns * sizeof (gint64));
      if (warm->n_inner_columns > 0)
        g_assert_cmpmem (warm->inner_values,
                         warm->n_periods * warm->n_columns * warm->n_inner_columns * sizeof (gint64),
                         cold->inner_values,
                         cold->n_periods * cold->n_columns * cold->n_inner_columns * sizeof (gint64));
      for (guint c = 0; c < warm->n_columns; c++)
        g_assert_cmpstr (warm->column_labels[c], ==, cold->column_labels[c]);
      hub_query_clear (&q);
    }
}

static void
assert_observations_equal (const HubObservations *a,
                           const HubObservations *b)
{
  g_assert_cmpint (a->carry_forward, ==, b->carry_forward);
  g_assert_cmpuint (a->n_groups, ==, b->n_groups);
  g_assert_cmpuint (a->n_rows, ==, b->n_rows);
  g_assert_cmpuint (a->n_unknown_rows, ==, b->n_unknown_rows);
  g_assert_cmpmem (a->offsets, (a->n_groups + 1) * sizeof (guint64),
                   b->offsets, (b->n_groups + 1) * sizeof (guint64));
  g_assert_cmpmem (a->group_time, a->n_groups * sizeof (gint64),
                   b->group_time, b->n_groups * sizeof (gint64));
  g_assert_cmpmem (a->snapshot_ids, a->n_groups * sizeof (gint64),
                   b->snapshot_ids, b->n_groups * sizeof (gint64));
  g_assert_cmpmem (a->model, a->n_rows * sizeof (guint32), b->model, b->n_rows * sizeof (guint32));
  for (guint64 r = 0; r < a->n_rows; r++)
    g_assert_cmpuint (hub_observations_value (a, r), ==, hub_observations_value (b, r));
}

/* Outside a transaction, downloads30d and likes of a series without carry
 * forward are read on two connections in parallel; inside one (the store's
 * own transaction) they are read sequentially. Both give the same columns. */
static void
test_parallel_load (void)
{
  static const HubQueryMeasure measures[] = { HUB_QUERY_MEASURE_DOWNLOADS_30D, HUB_QUERY_MEASURE_LIKES };
  g_autoptr(GError) error = NULL;

  ensure_embedded ();
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      g_autoptr(HubObservations) par = NULL;
      g_autoptr(HubObservations) seq = NULL;

      par = hub_observations_load (embedded_store, embedded_dataset, "daily-top300", measures[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_exec (hub_store_get_db (embedded_store), "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
      seq = hub_observations_load (embedded_store, embedded_dataset, "daily-top300", measures[i], NULL, &error);
      g_assert_cmpint (sqlite3_exec (hub_store_get_db (embedded_store), "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_no_error (error);
      g_assert_false (seq->carry_forward);
      g_assert_cmpuint (par->n_groups, >=, 2);
      g_assert_cmpuint (par->n_rows, >, 0);
      assert_observations_equal (par, seq);
    }
}

static gint64
sql_int (sqlite3    *db,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* A sound packed copy whose values differ from the rows (every download
 * 7) is what the first snapshot reads; then it is packed again. */
static void
assert_reads_packed_copy (gint64      snapshot_id,
                          const char *series)
{
  sqlite3 *db = hub_store_get_db (embedded_store);
  g_autofree char *count_sql = g_strdup_printf ("SELECT n_rows FROM snapshot_columns WHERE snapshot_id = %lld",
                                                (long long) snapshot_id);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(HubObservations) obs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_rows = sql_int (db, count_sql);
  g_autofree guint8 *sevens = g_malloc (MAX (n_rows, 1));
  guint n_packed = 0;
  guint g;

  memset (sevens, 8, n_rows);   /* varint 8 = value 7 */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE snapshot_columns SET downloads = ?1 WHERE snapshot_id = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, sevens, n_rows, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, snapshot_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  obs = hub_observations_load (embedded_store, embedded_dataset, series, HUB_QUERY_MEASURE_DOWNLOADS_30D, NULL, &error);
  g_assert_no_error (error);
  for (g = 0; g < obs->n_groups && obs->snapshot_ids[g] != snapshot_id; g++)
    ;
  g_assert_cmpuint (g, <, obs->n_groups);
  g_assert_cmpuint (obs->offsets[g + 1], >, obs->offsets[g]);
  for (guint64 r = obs->offsets[g]; r < obs->offsets[g + 1]; r++)
    g_assert_cmpuint (hub_observations_value (obs, r), ==, 7);

  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM snapshot_columns", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (hub_snapshot_pack_missing (embedded_store, &n_packed, &error));
  g_assert_no_error (error);
}

/* Every measure of every series reads the same from the packed copies
 * (schema v3), from the rows when there is no packed copy, and from the
 * rows when a packed copy is damaged. */
static void
test_packed_load (void)
{
  static const HubQueryMeasure measures[] = {
    HUB_QUERY_MEASURE_DOWNLOADS_30D, HUB_QUERY_MEASURE_LIKES, HUB_QUERY_MEASURE_INTERVAL,
  };
  static const char * const damage[] = {
    "UPDATE snapshot_columns SET model_keys = x'80' WHERE snapshot_id = %lld",          /* varint runs off */
    "UPDATE snapshot_columns SET downloads = x'0102', likes = x'', downloads_all_time = x'01'"
    " WHERE snapshot_id = %lld",                                                       /* too few values */
    "UPDATE snapshot_columns SET n_rows = n_rows + 1 WHERE snapshot_id = %lld",        /* count is off */
    "UPDATE snapshot_columns SET model_keys = x'ffffffffffffffffffff01' WHERE snapshot_id = %lld",
  };
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  guint n_packed = 0, n_checked = 0;

  ensure_embedded ();
  db = hub_store_get_db (embedded_store);
  /* The import packed every complete snapshot as it finished it. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM snapshot_columns"), ==,
                   sql_int (db, "SELECT count(*) FROM snapshots WHERE complete"));
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM snapshot_columns"), >, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM snapshot_columns c JOIN snapshots s ON s.id = c.snapshot_id"
                                " WHERE c.n_rows <> (SELECT count(*) FROM snapshot_rows r WHERE r.snapshot_id = s.id)"), ==, 0);

  series = hub_observations_list_series (embedded_store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < series->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (measures); k++)
      {
        const HubSeriesInfo *info = g_ptr_array_index (series, i);
        g_autoptr(HubObservations) packed = NULL;
        g_autoptr(HubObservations) rows = NULL;
        g_autofree char *first_sql = g_strdup_printf ("SELECT min(id) FROM snapshots WHERE series = '%s' AND complete",
                                                      info->name);
        gint64 first = sql_int (db, first_sql);

        packed = hub_observations_load (embedded_store, embedded_dataset, info->name, measures[k], NULL, &error);
        g_assert_no_error (error);

        g_assert_cmpint (sqlite3_exec (db, "DELETE FROM snapshot_columns", NULL, NULL, NULL), ==, SQLITE_OK);
        rows = hub_observations_load (embedded_store, embedded_dataset, info->name, measures[k], NULL, &error);
        g_assert_no_error (error);
        assert_observations_equal (packed, rows);

        g_assert_true (hub_snapshot_pack_missing (embedded_store, &n_packed, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (n_packed, ==, sql_int (db, "SELECT count(*) FROM snapshots WHERE complete"));

        /* Each kind of damage to the first snapshot's copy: read from its rows. */
        for (guint d = 0; d < G_N_ELEMENTS (damage); d++)
          {
            g_autoptr(HubObservations) damaged = NULL;
            g_autofree char *sql = g_strdup_printf (damage[d], (long long) first);
            g_autofree char *unpack = g_strdup_printf ("DELETE FROM snapshot_columns WHERE snapshot_id = %lld",
                                                       (long long) first);

            g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
            g_assert_cmpint (sqlite3_changes (db), ==, 1);
            damaged = hub_observations_load (embedded_store, embedded_dataset, info->name, measures[k], NULL, &error);
            g_assert_no_error (error);
            assert_observations_equal (packed, damaged);
            g_assert_cmpint (sqlite3_exec (db, unpack, NULL, NULL, NULL), ==, SQLITE_OK);
            g_assert_true (hub_snapshot_pack_missing (embedded_store, &n_packed, &error));
            g_assert_no_error (error);
            g_assert_cmpuint (n_packed, ==, 1);
          }
        if (measures[k] == HUB_QUERY_MEASURE_DOWNLOADS_30D)
          assert_reads_packed_copy (first, info->name);
        n_checked++;
      }
  g_assert_cmpuint (n_checked, >=, 3 * 3);
}

static void
test_embedded_leaderboard (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubObservations) obs = NULL;
  HubQuery q;

  ensure_embedded ();
  g_assert_true (hub_query_parse (&q, "series=radar-export;attribution=root", &error));
  obs = hub_observations_load (embedded_store, embedded_dataset, q.series, q.measure, NULL, &error);
  g_assert_no_error (error);
  for (HubLeaderboardLevel level = 0; level < HUB_N_LEADERBOARD_LEVELS; level++)
    {
      g_autoptr(GArray) rows = hub_leaderboard_compute (embedded_dataset, obs, &q, level, 365, 0, NULL, NULL, &error);
      g_autoptr(GArray) top = hub_leaderboard_compute (embedded_dataset, obs, &q, level, 365, 10, NULL, NULL, &error);
      double sum = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, >, 10);
      g_assert_cmpuint (top->len, ==, 10);
      for (guint i = 0; i < rows->len; i++)
        {
          const HubLeaderboardRow *r = &g_array_index (rows, HubLeaderboardRow, i);

          g_assert_cmpuint (r->rank, ==, i + 1);
          g_assert_cmpint (r->recent_value, <=, r->value);
          if (i > 0)
            g_assert_cmpint (r->value, <=, g_array_index (rows, HubLeaderboardRow, i - 1).value);
          if (i < 10)
            g_assert_cmpstr (r->label, ==, g_array_index (top, HubLeaderboardRow, i).label);
          sum += r->share;
        }
      /* Everything but the unknown category is ranked. */
      g_assert_cmpfloat (sum, <=, 1 + 1e-9);
      if (level != HUB_LEADERBOARD_COUNTRY)
        g_assert_cmpfloat_with_epsilon (sum, 1, 1e-9);
    }
  hub_query_clear (&q);
}

/* The default series is the one whose complete snapshots holding a model
 * that passes the filters span the longest time; ties: more such
 * snapshots, more complete snapshots, the name (expected values in SQL). */
static char *
sql_default_series (sqlite3    *db,
                    const char *model_condition)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *sql = g_strdup_printf (
    "WITH cov AS (SELECT s.series, count (*) AS n, max (s.captured_at) - min (s.captured_at) AS span"
    "  FROM snapshots s WHERE s.complete AND EXISTS"
    "  (SELECT 1 FROM snapshot_rows r JOIN models m ON m.id = r.model_id WHERE r.snapshot_id = s.id AND %s)"
    "  GROUP BY s.series),"
    " allc AS (SELECT series, sum (complete) AS c FROM snapshots GROUP BY series)"
    " SELECT cov.series FROM cov JOIN allc USING (series) ORDER BY cov.span DESC, cov.n DESC, allc.c DESC, cov.series LIMIT 1",
    model_condition);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (st, 0));
}

static void
add_series_snapshot (HubStore    *store,
                     const char  *series,
                     gint64       t,
                     const char **ids)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (hub_store_begin (store, &error));
  id = hub_store_snapshot_begin (store, series, "test", t, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_true (hub_store_snapshot_add (store, id, ids[i], 10, HUB_COUNT_NONE, HUB_COUNT_NONE,
                                           HUB_COUNT_NONE, HUB_COUNT_NONE, &error));
  g_assert_true (hub_store_snapshot_finish (store, id, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
}

static char *
default_for (HubStore   *store,
             HubDataset *dataset,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  HubQuery q;
  char *series;

  g_assert_true (hub_query_parse (&q, text, &error));
  series = hub_observations_default_series_for_query (store, dataset, &q, NULL, &error);
  g_assert_no_error (error);
  hub_query_clear (&q);
  return series;
}

static void
test_default_series (void)
{
  static const char models[] =
    "[{\"id\":\"a/gen\",\"author\":\"a\",\"pipeline_tag\":\"text-generation\"},"
    " {\"id\":\"b/asr\",\"author\":\"b\",\"pipeline_tag\":\"automatic-speech-recognition\"},"
    " {\"id\":\"c/img\",\"author\":\"c\",\"pipeline_tag\":\"text-to-image\"}]";
  static const char *gen[] = { "a/gen", NULL }, *asr[] = { "b/asr", "a/gen", NULL }, *img[] = { "c/img", NULL };
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "hubeco.db", NULL);
  g_autofree char *json = g_build_filename (dir, "m.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *query, *expected; } cases[] = {
    /* No filter: the longest span (small's 7 days against big's 3, with
     * fewer snapshots: issue 14's "longest honest span"). */
    { "by=country", "small" },
    { "by=country;task=text-generation", "big" },       /* 3 days against mixed's 1 */
    { "by=country;task=automatic-speech-recognition", "mixed" },
    { "by=country;task=text-to-image", "small" },       /* 2 snapshots against big's 0 */
    { "by=country;task=fill-mask", "small" },           /* nothing covers: the plain default */
  };

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (json, models, -1, NULL));
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    add_series_snapshot (store, "big", T0 + i * DAY, gen);
  for (guint i = 0; i < 2; i++)
    add_series_snapshot (store, "mixed", T0 + i * DAY, asr);
  /* The import wrote one snapshot of every model too ("import:m.json"). */
  for (guint i = 0; i < 2; i++)
    add_series_snapshot (store, "small", T0 + i * 7 * DAY, img);
  /* Incomplete snapshots never count. */
  g_assert_true (hub_store_begin (store, &error));
  for (guint i = 0; i < 3; i++)
    {
      gint64 id = hub_store_snapshot_begin (store, "small", "test", T0 + (i + 20) * DAY, FALSE, &error);

      g_assert_true (hub_store_snapshot_add (store, id, "b/asr", 1, HUB_COUNT_NONE, HUB_COUNT_NONE,
                                             HUB_COUNT_NONE, HUB_COUNT_NONE, &error));
    }
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *series = default_for (store, dataset, cases[i].query);
      g_assert_cmpstr (series, ==, cases[i].expected);
    }

  /* The embedded dataset, against SQL: filters matching few models (the
   * index path) and thousands (the scan path). */
  ensure_embedded ();
  {
    static const struct { const char *query, *condition; } real[] = {
      { "by=country;task=robotics", "m.pipeline_tag = 'robotics'" },
      { "by=country;library=transformers", "m.library_name = 'transformers'" },
      { "by=country;task=text-generation", "m.pipeline_tag = 'text-generation'" },
      { "by=country;library=sentence-transformers", "m.library_name = 'sentence-transformers'" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (real); i++)
      {
        g_autofree char *series = default_for (embedded_store, embedded_dataset, real[i].query);
        g_autofree char *expected = sql_default_series (hub_store_get_db (embedded_store), real[i].condition);

        g_test_message ("%s: %s", real[i].query, series);
        g_assert_nonnull (expected);
        g_assert_cmpstr (series, ==, expected);
      }
  }
}

/* Who a series observes: known answers for a hand-made series whose
 * accounts come and go, the constant panel and the joins per period. */
static void
test_panel (void)
{
  static const char models[] =
    "[{\"id\":\"a/x\",\"author\":\"a\"}, {\"id\":\"b/y\",\"author\":\"b\"},"
    " {\"id\":\"c/z\",\"author\":\"c\"}, {\"id\":\"c/w\",\"author\":\"c\"}]";
  static const char *g0[] = { "a/x", "b/y", NULL }, *g1[] = { "a/x", "b/y", "c/z", "c/w", NULL },
                    *g2[] = { "a/x", "c/z", NULL };
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "panel.db", NULL);
  g_autofree char *json = g_build_filename (dir, "m.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) obs = NULL;
  g_autoptr(HubShareResult) all = NULL;
  g_autoptr(HubShareResult) constant = NULL;
  g_autoptr(GError) error = NULL;
  const HubPanel *panel;
  HubQuery q;

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (json, models, -1, NULL));
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  add_series_snapshot (store, "crawl", T0, g0);
  add_series_snapshot (store, "crawl", T0 + 31 * DAY, g1);
  add_series_snapshot (store, "crawl", T0 + 62 * DAY, g2);
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  obs = hub_observations_load (store, dataset, "crawl", HUB_QUERY_MEASURE_DOWNLOADS_30D, NULL, &error);
  g_assert_no_error (error);

  panel = hub_observations_get_panel (obs, dataset);
  g_assert_true (panel == hub_observations_get_panel (obs, dataset));
  g_assert_cmpuint (panel->n_groups, ==, 3);
  g_assert_cmpuint (panel->models[0], ==, 2);
  g_assert_cmpuint (panel->models[1], ==, 4);
  g_assert_cmpuint (panel->models[2], ==, 2);
  g_assert_cmpuint (panel->authors[0], ==, 2);
  g_assert_cmpuint (panel->authors[1], ==, 3);
  g_assert_cmpuint (panel->authors[2], ==, 2);
  g_assert_cmpuint (panel->joined[0], ==, 0);
  g_assert_cmpuint (panel->joined[1], ==, 1);
  g_assert_cmpuint (panel->joined[2], ==, 0);
  g_assert_cmpuint (panel->n_members, ==, 3);
  g_assert_cmpuint (panel->n_constant, ==, 1);   /* a: b leaves, c joins */
  g_assert_true (hub_panel_grows (panel));

  /* Every row is worth 10: all accounts give 20, 40, 20; the constant
   * panel (a alone) 10 each; the join is marked in the second period. */
  g_assert_true (hub_query_parse (&q, "by=author;series=crawl", &error));
  all = hub_share_run (dataset, obs, &q, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (all->totals[0], ==, 20);
  g_assert_cmpint (all->totals[1], ==, 40);
  g_assert_cmpint (all->totals[2], ==, 20);
  g_assert_nonnull (all->period_joins);
  g_assert_cmpuint (all->period_joins[0], ==, 0);
  g_assert_cmpuint (all->period_joins[1], ==, 1);
  g_assert_cmpuint (all->period_joins[2], ==, 0);
  hub_query_clear (&q);

  g_assert_true (hub_query_parse (&q, "by=author;series=crawl;panel=constant", &error));
  constant = hub_share_run (dataset, obs, &q, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < 3; p++)
    g_assert_cmpint (constant->totals[p], ==, 10);
  g_assert_cmpuint (constant->n_columns, ==, 1);
  g_assert_cmpstr (constant->column_labels[0], ==, "a");
  hub_query_clear (&q);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/share/concentration-known", test_concentration_known);
  g_test_add_func ("/share/uniform-and-unknown", test_uniform_and_unknown);
  g_test_add_func ("/share/monopoly", test_monopoly);
  g_test_add_func ("/share/window", test_window);
  g_test_add_func ("/share/top-and-other", test_top_and_other);
  g_test_add_func ("/share/top-by-last", test_top_by_last);
  g_test_add_func ("/share/random-vs-sql", test_random_vs_sql);
  g_test_add_func ("/share/many-categories", test_many_categories);
  g_test_add_func ("/share/cancel", test_cancel);
  g_test_add_func ("/share/embedded-series", test_embedded_series);
  g_test_add_func ("/share/embedded-shares", test_embedded_shares);
  g_test_add_func ("/share/embedded-root", test_embedded_root);
  g_test_add_func ("/share/embedded-cohorts", test_embedded_cohorts);
  g_test_add_func ("/share/cached-repeat", test_cached_repeat);
  g_test_add_func ("/share/parallel-load", test_parallel_load);
  g_test_add_func ("/share/packed-load", test_packed_load);
  g_test_add_func ("/share/embedded-leaderboard", test_embedded_leaderboard);
  g_test_add_func ("/share/default-series", test_default_series);
  g_test_add_func ("/share/panel", test_panel);

  {
    int rc = g_test_run ();

    g_clear_pointer (&embedded_dataset, hub_dataset_unref);
    g_clear_object (&embedded_store);
    return rc;
  }
}
