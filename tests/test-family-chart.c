/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "hub-chart-export.h"
#include "hub-chart-frame.h"
#include "hub-family-chart.h"
#include "hub-import.h"
#include "hub-test-util.h"

#define W 800
#define H 500

typedef struct {
  guint8 r, g, b, a;
} Pixel;

static Pixel
probe (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 v = *(const guint32 *) (data + y * stride + 4 * x);
  Pixel p = { 0 };

  p.a = v >> 24;
  if (p.a > 0)
    {
      p.r = (((v >> 16) & 0xff) * 255 + p.a / 2) / p.a;
      p.g = (((v >> 8) & 0xff) * 255 + p.a / 2) / p.a;
      p.b = ((v & 0xff) * 255 + p.a / 2) / p.a;
    }
  return p;
}

static gboolean
pixel_is (Pixel                p,
          const HubChartColor *c,
          int                  tolerance)
{
  return p.a > 250 &&
         ABS (p.r - (int) lround (c->red * 255)) <= tolerance &&
         ABS (p.g - (int) lround (c->green * 255)) <= tolerance &&
         ABS (p.b - (int) lround (c->blue * 255)) <= tolerance;
}

/* root (10) ─┬─ a  finetune (30) ── a1 quantized (20)
 *            ├─ b  quantized (40)
 *            ├─ c  adapter (0)
 *            └─ d  finetune (5)
 * Total 105; listed in an order the layout must not keep. */
static const HubFamilyNode family[] = {
  { "org/root", 0, HUB_RELATION_NONE,      10 },
  { "x/b",      0, HUB_RELATION_QUANTIZED, 40 },
  { "x/d",      0, HUB_RELATION_FINETUNE,  5 },
  { "x/a",      0, HUB_RELATION_FINETUNE,  30 },
  { "y/a1",     3, HUB_RELATION_QUANTIZED, 20 },
  { "x/c",      0, HUB_RELATION_ADAPTER,   0 },
};

static void
test_layout (void)
{
  /* Columns: the root 0.6 of a generation's width: 60 + 100 + 100. */
  cairo_rectangle_t area = { 10, 20, 260, 105 };
  HubFamilyCell cells[G_N_ELEMENTS (family)];
  guint max_depth = 99;

  g_assert_true (hub_family_icicle_layout (family, G_N_ELEMENTS (family), &area, cells, &max_depth));
  g_assert_cmpuint (max_depth, ==, 2);

  /* Subtrees. */
  g_assert_cmpfloat (cells[0].subtree, ==, 105);
  g_assert_cmpfloat (cells[3].subtree, ==, 50);
  g_assert_cmpfloat (cells[1].subtree, ==, 40);
  g_assert_cmpfloat (cells[5].subtree, ==, 0);
  g_assert_cmpuint (cells[4].depth, ==, 2);

  /* The root spans the area in the first, narrower column of three. */
  g_assert_cmpfloat (cells[0].rect.x, ==, 10);
  g_assert_cmpfloat (cells[0].rect.y, ==, 20);
  g_assert_cmpfloat_with_epsilon (cells[0].rect.width, 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[3].rect.width, 100, 1e-9);
  g_assert_cmpfloat (cells[0].rect.height, ==, 105);

  /* Children from the top: fine-tunes (a 50 before d 5), the adapter
   * (no height), then the quantized b; 1 px per download here. */
  g_assert_cmpfloat_with_epsilon (cells[3].rect.x, 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[3].rect.y, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[3].rect.height, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[2].rect.y, 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[2].rect.height, 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[5].rect.y, 75, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[5].rect.height, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[1].rect.y, 75, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[1].rect.height, 40, 1e-9);
  /* The root's own 10 downloads: the 10 px left uncovered at the bottom. */
  g_assert_cmpfloat_with_epsilon (cells[1].rect.y + cells[1].rect.height, 115, 1e-9);

  /* a1 under a, in the third column, at a's top. */
  g_assert_cmpfloat_with_epsilon (cells[4].rect.x, 170, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[4].rect.y, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[4].rect.height, 20, 1e-9);
}

static void
test_layout_counts (void)
{
  HubFamilyNode nodes[G_N_ELEMENTS (family)];
  cairo_rectangle_t area = { 0, 0, 60, 60 };
  HubFamilyCell cells[G_N_ELEMENTS (family)];
  guint max_depth;

  /* No downloads anywhere: every model counts once. */
  memcpy (nodes, family, sizeof nodes);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    nodes[i].weight = 0;
  g_assert_false (hub_family_icicle_layout (nodes, G_N_ELEMENTS (nodes), &area, cells, &max_depth));
  g_assert_cmpfloat (cells[0].subtree, ==, 6);
  g_assert_cmpfloat (cells[3].subtree, ==, 2);
  g_assert_cmpfloat_with_epsilon (cells[3].rect.height, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (cells[5].rect.height, 10, 1e-9);

  /* A single model fills the area; nothing is an error. */
  g_assert_true (hub_family_icicle_layout (family, 1, &area, cells, &max_depth));
  g_assert_cmpuint (max_depth, ==, 0);
  g_assert_cmpfloat (cells[0].rect.width, ==, 60);
  g_assert_cmpfloat (cells[0].rect.height, ==, 60);
  g_assert_true (hub_family_icicle_layout (NULL, 0, &area, NULL, &max_depth));
  g_assert_cmpuint (max_depth, ==, 0);
}

static cairo_surface_t *
render (const HubChartStyle      *style,
        const HubFamilyChartData *data,
        cairo_rectangle_t        *plot)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  hub_family_chart_render (cr, W, H, style, data);
  if (plot != NULL)
    hub_family_chart_get_plot (cr, W, H, style, data, plot);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The icicle's boxes have their relation's colour from the style, in light
 * and dark; the room the root's children leave is empty. */
static void
test_render_colors (void)
{
  HubFamilyChartData data = { (HubFamilyNode *) family, G_N_ELEMENTS (family), 0, TRUE, NULL };

  for (guint dark = 0; dark < 2; dark++)
    {
      HubChartStyle style;
      cairo_rectangle_t plot;
      HubFamilyCell cells[G_N_ELEMENTS (family)];
      cairo_surface_t *surface;
      const HubChartColor *quantized, *finetune, *base;
      int x1;

      hub_chart_style_init_default (&style, dark);
      quantized = hub_chart_style_relation_color (&style, HUB_RELATION_QUANTIZED);
      finetune = hub_chart_style_relation_color (&style, HUB_RELATION_FINETUNE);
      base = hub_chart_style_relation_color (&style, HUB_RELATION_NONE);
      /* Each relation has its own colour. */
      g_assert_false (pixel_is ((Pixel) { quantized->red * 255, quantized->green * 255, quantized->blue * 255, 255 },
                                finetune, 30));

      surface = render (&style, &data, &plot);
      g_assert_cmpfloat (plot.width, >, 300);
      g_assert_cmpfloat (plot.height, >, 200);
      hub_family_icicle_layout (family, G_N_ELEMENTS (family), &plot, cells, NULL);

      /* Probed near the left edge of each box, below the top, where no
       * label is (labels start at the left padding, so probe at x + 2). */
      x1 = (int) cells[1].rect.x + 2;
      g_assert_true (pixel_is (probe (surface, x1, (int) (cells[1].rect.y + cells[1].rect.height - 3)), quantized, 2));
      g_assert_true (pixel_is (probe (surface, (int) cells[3].rect.x + 2,
                                      (int) (cells[3].rect.y + cells[3].rect.height - 3)), finetune, 2));
      g_assert_true (pixel_is (probe (surface, (int) cells[4].rect.x + 2,
                                      (int) (cells[4].rect.y + cells[4].rect.height - 3)), quantized, 2));
      if (!dark)
        g_assert_true (pixel_is (probe (surface, (int) cells[0].rect.x + 2,
                                        (int) (cells[0].rect.y + cells[0].rect.height - 3)), base, 2));
      else
        {
          /* In dark mode the root is a mid grey, not the near-white base
           * neutral: no channel above 60%, all well above the paper's. */
          Pixel root = probe (surface, (int) cells[0].rect.x + 2, (int) (cells[0].rect.y + cells[0].rect.height - 3));

          g_assert_false (pixel_is (root, base, 30));
          g_assert_cmpint (MAX (root.r, MAX (root.g, root.b)), <, 0.6 * 255);
          g_assert_cmpint (MIN (root.r, MIN (root.g, root.b)), >, style.paper.red * 255 + 40);
        }
      /* Under b, the root's own share: nothing drawn at the column's left
       * edge (its label starts further in). */
      g_assert_cmpint (probe (surface, x1, (int) (cells[1].rect.y + cells[1].rect.height + 3)).a, ==, 0);
      /* Right of a1 there is no fourth column. */
      g_assert_cmpint (probe (surface, (int) (cells[4].rect.x + cells[4].rect.width + 2),
                              (int) cells[4].rect.y + 5).a, ==, 0);
      cairo_surface_destroy (surface);
    }
}

/* Hovering: the centre of every box with room finds its node, the
 * generation headers and the space right of the last column find none. */
static void
test_node_at (void)
{
  HubFamilyChartData data = { (HubFamilyNode *) family, G_N_ELEMENTS (family), 0, TRUE, NULL };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  HubFamilyCell cells[G_N_ELEMENTS (family)];
  HubChartStyle style;
  cairo_rectangle_t plot;
  guint checked = 0;

  hub_chart_style_init_default (&style, FALSE);
  hub_family_chart_get_plot (cr, W, H, &style, &data, &plot);
  hub_family_icicle_layout (family, G_N_ELEMENTS (family), &plot, cells, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    {
      const cairo_rectangle_t *r = &cells[i].rect;

      if (r->height < 1)
        continue;
      g_assert_cmpint (hub_family_chart_node_at (cr, W, H, &style, &data, r->x + r->width / 2, r->y + r->height / 2),
                       ==, (int) i);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 5);
  g_assert_cmpint (hub_family_chart_node_at (cr, W, H, &style, &data, plot.x + 2, plot.y - 3), ==, -1);
  g_assert_cmpint (hub_family_chart_node_at (cr, W, H, &style, &data,
                                             cells[4].rect.x + cells[4].rect.width + 2, cells[4].rect.y + 2), ==, -1);
  /* Under b in the second column: the root's own share, no box. */
  g_assert_cmpint (hub_family_chart_node_at (cr, W, H, &style, &data, cells[1].rect.x + 2,
                                             cells[1].rect.y + cells[1].rect.height + 3), ==, -1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A box shows the whole id, else the name without "owner/", else the name
 * to ellipsize at the end while six characters and "…" fit, else nothing. */
static void
test_fit_label (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  HubChartStyle style;
  const char *id = "unsloth/Qwen3.8-27B-GGUF";
  double full, name, six;

  hub_chart_style_init_default (&style, FALSE);
  full = hub_chart_tick_width (cr, &style, id);
  name = hub_chart_tick_width (cr, &style, "Qwen3.8-27B-GGUF");
  six = hub_chart_tick_width (cr, &style, "Qwen3.…");
  g_assert_cmpfloat (six, <, name);
  g_assert_cmpfloat (name, <, full);

  {
    g_autofree char *a = hub_family_chart_fit_label (cr, &style, id, full + 1, FALSE);
    g_autofree char *b = hub_family_chart_fit_label (cr, &style, id, full - 1, FALSE);
    g_autofree char *c = hub_family_chart_fit_label (cr, &style, id, (six + name) / 2, FALSE);
    g_autofree char *d = hub_family_chart_fit_label (cr, &style, id, six + 0.5, FALSE);
    g_autofree char *e = hub_family_chart_fit_label (cr, &style, id, six - 1, FALSE);
    g_autofree char *f = hub_family_chart_fit_label (cr, &style, id, 0, FALSE);
    g_autofree char *g = hub_family_chart_fit_label (cr, &style, "owner/tiny", hub_chart_tick_width (cr, &style, "tin"), FALSE);
    g_autofree char *h = hub_family_chart_fit_label (cr, &style, "no-owner-name", hub_chart_tick_width (cr, &style, "no-own…") + 1, FALSE);

    g_assert_cmpstr (a, ==, id);
    g_assert_cmpstr (b, ==, "Qwen3.8-27B-GGUF");
    g_assert_cmpstr (c, ==, "Qwen3.8-27B-GGUF");
    g_assert_cmpstr (d, ==, "Qwen3.8-27B-GGUF");
    g_assert_null (e);
    g_assert_null (f);
    g_assert_null (g);
    g_assert_cmpstr (h, ==, "no-owner-name");
  }
  /* A name two boxes share keeps its owner: the whole id, drawn with a
   * middle ellipsis, never the bare name (issue 19). */
  {
    double ends = hub_chart_tick_width (cr, &style, "unslot…B-GGUF");
    g_autofree char *a = hub_family_chart_fit_label (cr, &style, id, full + 1, TRUE);
    g_autofree char *b = hub_family_chart_fit_label (cr, &style, id, full - 1, TRUE);
    g_autofree char *c = hub_family_chart_fit_label (cr, &style, id, ends + 1, TRUE);
    g_autofree char *d = hub_family_chart_fit_label (cr, &style, id, ends / 2, TRUE);

    g_assert_cmpstr (a, ==, id);
    g_assert_cmpstr (b, ==, id);
    g_assert_cmpstr (c, ==, id);
    g_assert_null (d);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
count_drawn (cairo_surface_t *surface,
             int              x0,
             int              y0,
             int              x1,
             int              y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (probe (surface, x, y).a > 0)
        n++;
  return n;
}

static void
test_render_empty (void)
{
  HubChartStyle style;
  HubFamilyChartData data = { NULL, 0, 0, FALSE, NULL };
  cairo_surface_t *surface;
  gboolean text_seen = FALSE;
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;

  hub_chart_style_init_default (&style, FALSE);
  surface = render (&style, &data, NULL);
  for (int y = H / 2 - 10; y < H / 2 + 10 && !text_seen; y++)
    for (int x = W / 4; x < 3 * W / 4 && !text_seen; x++)
      text_seen = probe (surface, x, y).a > 150;
  g_assert_true (text_seen);
  /* Nothing but the message and the dashed frame. */
  g_assert_cmpuint (count_drawn (surface, 4, 4, W - 4, H / 2 - 30), ==, 0);
  g_assert_cmpuint (count_drawn (surface, 4, H / 2 + 30, W - 4, H - 4), ==, 0);
  cairo_surface_destroy (surface);

  title = hub_family_chart_title (&data);
  caption = hub_family_chart_caption (&data);
  g_assert_nonnull (title);
  g_assert_nonnull (strstr (caption, "0 models"));
}

/* The largest family of the real data by models: the chart's tree holds
 * every model of hub_lineage_descendants() once, its weights sum to the
 * family's downloads as the lineage totals them, and the root box has the
 * base colour. */
static void
test_real_family (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "real.db", NULL);
  g_autofree char *models = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GFile) file = g_file_new_for_path (models);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open (db, &error);
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  g_autoptr(GArray) families = NULL;
  g_autoptr(GArray) listing = NULL;
  HubFamilyChartData *data;
  HubLineageTotals totals;
  HubChartStyle style;
  cairo_rectangle_t plot;
  cairo_surface_t *surface;
  guint32 root = 0;
  guint64 most = 0;
  double sum = 0;

  g_assert_no_error (error);
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_JSONL, report, NULL, &error));
  g_assert_no_error (error);
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  lineage = hub_lineage_new (dataset);

  families = hub_lineage_rank_families (lineage, NULL, 2, 0, NULL);
  for (guint i = 0; i < families->len; i++)
    {
      const HubLineageFamily *f = &g_array_index (families, HubLineageFamily, i);

      if (f->all.n_models > most)
        {
          most = f->all.n_models;
          root = f->root;
        }
    }
  g_assert_cmpuint (most, >, 100);

  listing = hub_lineage_descendants (lineage, root, 0, &totals);
  data = hub_family_chart_data_new (lineage, root, 0);
  g_assert_true (data->is_root);
  g_assert_cmpuint (data->n_nodes + data->n_repeats, ==, listing->len);
  g_assert_cmpuint (data->n_nodes, ==, totals.all.n_models);
  for (guint i = 0; i < data->n_nodes; i++)
    {
      sum += data->nodes[i].weight;
      if (i > 0)
        g_assert_cmpuint (data->nodes[i].parent, <, i);
    }
  g_assert_cmpfloat (sum, ==, (double) totals.all.downloads);
  g_assert_cmpstr (data->nodes[0].label, ==, hub_dataset_get_model (dataset, root)->id);
  /* Re-uploads under one name by several owners are marked as such. */
  {
    guint shared = 0;

    for (guint i = 0; i < data->n_nodes; i++)
      if (data->nodes[i].shared_name)
        {
          const char *name = strrchr (data->nodes[i].label, '/') + 1;
          guint same = 0;

          for (guint k = 0; k < data->n_nodes; k++)
            same += g_str_equal (strrchr (data->nodes[k].label, '/') + 1, name);
          g_assert_cmpuint (same, >, 1);
          shared++;
        }
    g_assert_cmpuint (shared, >, 1);
  }

  hub_chart_style_init_default (&style, FALSE);
  surface = render (&style, data, &plot);
  g_assert_true (pixel_is (probe (surface, (int) plot.x + 2, (int) (plot.y + plot.height - 3)),
                           hub_chart_style_relation_color (&style, HUB_RELATION_NONE), 2));
  cairo_surface_destroy (surface);

  if (g_getenv ("HUBECO_CHART_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("HUBECO_CHART_DIR"), "family-largest.png", NULL);
      g_autofree char *title = hub_family_chart_title (data);
      g_autofree char *caption = hub_family_chart_caption (data);
      HubChartExportOptions export;

      hub_chart_export_options_init (&export);
      export.width = 1100;
      export.height = 720;
      export.title = title;
      export.caption = caption;
      g_assert_true (hub_chart_export (path, &export, &style, hub_family_chart_draw_func, data, &error));
      g_assert_no_error (error);
    }
  hub_family_chart_data_free (data);

  /* Drawn from a fine-tune, the start box is a fine-tune, not a base model
   * (issue 19: google/gemma-4-31B-it was "Base model" in the legend). */
  {
    gint32 tuned = hub_dataset_find_model (dataset, "google/gemma-4-31B-it");

    g_assert_cmpint (tuned, >=, 0);
    g_assert_cmpint (hub_dataset_get_model (dataset, tuned)->relation, ==, HUB_RELATION_FINETUNE);
    data = hub_family_chart_data_new (lineage, (guint) tuned, 0);
    g_assert_false (data->is_root);
    g_assert_cmpint (data->nodes[0].relation, ==, HUB_RELATION_FINETUNE);
    hub_family_chart_data_free (data);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/family-chart/layout", test_layout);
  g_test_add_func ("/family-chart/layout/counts", test_layout_counts);
  g_test_add_func ("/family-chart/render/colors", test_render_colors);
  g_test_add_func ("/family-chart/fit-label", test_fit_label);
  g_test_add_func ("/family-chart/node-at", test_node_at);
  g_test_add_func ("/family-chart/render/empty", test_render_empty);
  g_test_add_func ("/family-chart/real", test_real_family);

  return g_test_run ();
}
