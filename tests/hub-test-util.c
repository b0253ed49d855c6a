/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "hub-test-util.h"

#include <glib/gstdio.h>
#include <stdlib.h>

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  if (g_getenv ("HUBECO_KEEP_TMP") != NULL)
    return;
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
}

char *
hub_test_dataset_path (const char *relative)
{
  const char *root = g_getenv ("HUBECO_DATASET_DIR");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

char *
hub_test_data_path (const char *relative)
{
  return g_build_filename (TEST_DATA_DIR, relative, NULL);
}

char *
hub_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("hubeco-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (path));
  return path;
}

const char *
hub_test_hubeco_bin (void)
{
  const char *bin = g_getenv ("HUBECO_BIN");

  g_assert_nonnull (bin);
  return bin;
}

guint
hub_test_slowdown (void)
{
  const char *value = g_getenv ("HUBECO_TEST_SLOWDOWN");
  guint64 n = value != NULL ? g_ascii_strtoull (value, NULL, 10) : 1;

  return (guint) CLAMP (n, 1, 100);
}
