/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays inputs through a harness's LLVMFuzzerTestOneInput without
 * libFuzzer, as a GLib test: one test case per file of the folders given on
 * the command line (the crash inputs kept in tests/data/fuzz-regressions/
 * and the seeds). Built with any compiler, so the regressions run in every
 * build, and under ASan/UBSan in the sanitize build. */
#include "config.h"

#include "fuzz-common.h"

#include <gio/gio.h>

static void
replay (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  /* A copy of exactly @len bytes, so ASan sees a read past the end; never
   * NULL, as with libFuzzer. */
  {
    g_autofree uint8_t *copy = g_malloc (MAX (len, 1));

    memcpy (copy, contents, len);
    LLVMFuzzerTestOneInput (copy, len);
  }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n_found = 0;

  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;

      /* A harness without crash inputs has no regressions folder. */
      if (dir == NULL && g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        continue;
      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.' && g_strcmp0 (name, "README.md") != 0)
          g_ptr_array_add (paths, g_build_filename (argv[i], name, NULL));
    }
  g_ptr_array_sort (paths, compare_strings);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *dirname = g_path_get_dirname (path);
      g_autofree char *folder = g_path_get_basename (dirname);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *test_path = g_strdup_printf ("/replay/%s/%s", folder, base);

      g_test_add_data_func (test_path, path, replay);
      n_found++;
    }
  if (n_found == 0)
    g_error ("no input to replay in the folders given");

  return g_test_run ();
}
