/*
 * A main() for the fuzz targets when libFuzzer is not linked: run the
 * target once over each file named on the command line, and over every
 * regular file of each directory named (not recursively, in name order so
 * that a failure names the same input every time).  A crash or a broken
 * invariant aborts with the file name already printed; otherwise prints
 * how many inputs ran and exits 0.  Exits 1 if an argument cannot be read.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Largest input replayed: regression inputs are meant to be small. */
#define REPLAY_MAX	(16u << 20)

static unsigned long	replayed;

/* Read a whole file into a malloc'd buffer of exactly its size. */
static uint8_t *
slurp(const char *path, size_t *size)
{
	uint8_t *buf, *more;
	size_t len = 0, cap = 4096, n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if ((buf = malloc(cap)) == NULL) {
		fclose(f);
		return NULL;
	}
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			if (cap >= REPLAY_MAX)
				break;
			cap *= 2;
			if ((more = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = more;
		}
	}
	fclose(f);
	/* Exact size, so that a read past the input is caught by ASan. */
	more = malloc(len > 0 ? len : 1);
	if (more != NULL)
		memcpy(more, buf, len);
	free(buf);
	*size = len;
	return more;
}

/* Run the target over one file; -1 if it cannot be read. */
static int
replay_file(const char *path)
{
	uint8_t *buf;
	size_t size;

	if ((buf = slurp(path, &size)) == NULL) {
		fprintf(stderr, "replay: cannot read %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
	LLVMFuzzerTestOneInput(buf, size);
	free(buf);
	replayed++;
	return 0;
}

/* qsort comparator for file names. */
static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run the target over every regular file of a directory, in name order. */
static int
replay_dir(const char *dir)
{
	struct dirent *de;
	struct stat st;
	char **names = NULL, **more, *path;
	size_t n = 0, cap = 0, i, plen;
	int rc = 0;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "replay: cannot open %s: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((more = realloc(names, cap * sizeof *names)) ==
			    NULL) {
				rc = -1;
				break;
			}
			names = more;
		}
		if ((names[n] = strdup(de->d_name)) == NULL) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++) {
		plen = strlen(dir) + strlen(names[i]) + 2;
		if (rc == 0 && (path = malloc(plen)) != NULL) {
			snprintf(path, plen, "%s/%s", dir, names[i]);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
			    replay_file(path) != 0)
				rc = -1;
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	struct stat st;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i]) != 0)
				rc = 1;
		} else if (replay_file(argv[i]) != 0)
			rc = 1;
	}
	printf("replayed %lu inputs\n", replayed);
	return rc;
}
